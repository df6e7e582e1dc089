//! UI texts, one table per language. Every label the app shows comes from
//! here, so the field names are checked at compile time and an English UI is
//! a setting, not a rewrite.

mod en;
mod ja;

use gloo_storage::Storage;
use leptos::prelude::*;
use renkei_domain::{FieldProblem, LifeStage, RecordKind, ServiceType};

const LANG_KEY: &str = "renkei.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Ja => &ja::TEXTS,
            Lang::En => &en::TEXTS,
        }
    }

    /// The language chosen in 設定, Japanese unless English was picked.
    pub fn saved() -> Lang {
        match gloo_storage::LocalStorage::get::<String>(LANG_KEY).as_deref() {
            Ok("en") => Lang::En,
            _ => Lang::Ja,
        }
    }

    pub fn save(self) {
        // A failed write only means the choice is not remembered.
        let _ = gloo_storage::LocalStorage::set(LANG_KEY, self.code());
    }
}

/// The current language, provided at the root.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// The texts of the current language. The app re-renders when the language
/// changes, so components read this once.
pub fn use_texts() -> &'static Texts {
    use_lang().get_untracked().texts()
}

pub struct Texts {
    pub app_name: &'static str,
    pub skip_to_main: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_clients: &'static str,
    pub nav_settings: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub back_to_list: &'static str,

    pub update_available: &'static str,
    pub update_now: &'static str,

    pub home_title: &'static str,
    pub home_active_clients: fn(usize) -> String,
    pub home_recent: &'static str,
    pub home_no_recent: &'static str,
    pub home_local_only: &'static str,
    pub home_backup_hint: &'static str,
    pub home_last_backup: fn(&str) -> String,
    pub home_never_backed_up: &'static str,
    pub home_unsent: fn(u32, &str) -> String,
    pub home_all_saved: &'static str,
    /// How long ago, for a duration in milliseconds.
    pub ago: fn(f64) -> String,
    pub ios_install_title: &'static str,
    pub ios_install_steps: &'static str,

    pub clients_title: &'static str,
    pub clients_search: &'static str,
    pub clients_search_placeholder: &'static str,
    pub clients_show_archived: &'static str,
    pub clients_count: fn(usize, usize) -> String,
    pub clients_more: fn(usize) -> String,
    pub clients_empty: &'static str,
    pub clients_no_match: &'static str,
    pub clients_new: &'static str,
    pub badge_archived: &'static str,
    pub badge_ended: &'static str,

    pub client_new_title: &'static str,
    pub client_name: &'static str,
    pub client_kana: &'static str,
    pub client_kana_hint: &'static str,
    pub client_birth_date: &'static str,
    pub client_age: fn(i32) -> String,
    pub client_life_stage: &'static str,
    pub client_stage_auto: &'static str,
    pub client_stage_override: &'static str,
    pub client_stage_reason: &'static str,
    pub client_recipient_number: &'static str,
    pub client_recipient_hint: &'static str,
    pub client_status: &'static str,
    pub status_active: &'static str,
    pub status_ended: &'static str,
    pub client_staff: &'static str,
    pub client_wishes_self: &'static str,
    pub client_wishes_family: &'static str,
    pub client_services: &'static str,
    pub client_service_type: &'static str,
    pub client_service_choose: &'static str,
    pub client_service_start: &'static str,
    pub client_service_end: &'static str,
    pub client_service_add: &'static str,
    pub client_service_remove: &'static str,
    pub client_no_services: &'static str,
    pub services_adult: &'static str,
    pub services_child: &'static str,
    pub client_archive: &'static str,
    pub client_restore: &'static str,
    pub client_archived_notice: &'static str,
    pub client_section_basic: &'static str,
    pub client_section_wishes: &'static str,
    pub client_section_services: &'static str,
    pub client_section_record: &'static str,
    pub client_has_errors: &'static str,

    pub save_saving: &'static str,
    pub save_saved: &'static str,
    pub save_draft: &'static str,
    pub save_autosave_note: &'static str,

    pub settings_title: &'static str,
    pub settings_language: &'static str,
    pub settings_storage: &'static str,
    pub settings_storage_used: &'static str,
    pub settings_storage_quota: &'static str,
    pub settings_storage_persistent: &'static str,
    pub settings_persistent_yes: &'static str,
    pub settings_persistent_no: &'static str,
    pub settings_persist_warning: &'static str,
    pub settings_persist_request: &'static str,
    pub settings_unknown: &'static str,
    pub settings_unsent: fn(u32) -> String,
    pub settings_backup: &'static str,
    pub settings_backup_help: &'static str,
    pub settings_export: &'static str,
    pub settings_import: &'static str,
    pub settings_import_done: fn(usize, usize, usize) -> String,
    pub settings_export_done: fn(usize) -> String,
    pub settings_about: &'static str,
    pub settings_version: &'static str,
    pub settings_device: &'static str,

    pub err_store_quota: &'static str,
    pub err_store_blocked: &'static str,
    pub err_store_newer_schema: &'static str,
    pub err_store_closed_for_upgrade: &'static str,
    pub reload: &'static str,
    pub err_store_unavailable: &'static str,
    pub err_store_exists: &'static str,
    pub err_store_corrupt: &'static str,
    pub err_store_other: &'static str,
    pub err_backup_not_json: &'static str,
    pub err_backup_not_backup: &'static str,
    pub err_backup_newer: &'static str,
    pub err_backup_invalid_record: fn(usize) -> String,
    pub err_file_read: &'static str,

    pub sync_synced: &'static str,
    pub sync_syncing: &'static str,
    pub sync_unsent: fn(u32) -> String,
    pub sync_offline: &'static str,
    pub sync_error: &'static str,
    pub sync_local_only: &'static str,
    pub sync_err_outdated: &'static str,
    pub sync_err_signed_out: &'static str,
    pub sync_err_unreachable: &'static str,
    pub sync_err_refused: &'static str,
    pub settings_sync: &'static str,
    pub settings_sync_help: &'static str,
    pub settings_office_code: &'static str,
    pub settings_login: &'static str,
    pub settings_password: &'static str,
    pub settings_sign_in: &'static str,
    pub settings_signed_in_as: fn(&str, &str) -> String,
    pub settings_sync_now: &'static str,
    pub settings_last_sync: fn(&str) -> String,
    pub settings_sign_out: &'static str,
    pub settings_sign_out_note: &'static str,
    pub settings_sign_out_confirm: fn(u32) -> String,
    pub settings_sign_out_anyway: &'static str,
    pub settings_cancel: &'static str,
    pub err_sign_in_failed: &'static str,
    pub err_sign_in_throttled: &'static str,
    pub err_unreachable: &'static str,
    pub err_required_fields: &'static str,
    pub conflict_title: &'static str,
    pub conflict_help: &'static str,
    pub conflict_choose: &'static str,
    pub conflict_empty: &'static str,
    pub conflict_deleted: &'static str,
    pub trash_title: &'static str,
    pub trash_help: &'static str,
    pub trash_empty: &'static str,
    pub trash_restore: &'static str,
    pub trash_restored: fn(&str) -> String,
    pub trash_days_left: fn(i64) -> String,
    pub record_kind: fn(RecordKind) -> &'static str,
    pub client_delete: &'static str,
    pub client_delete_confirm: &'static str,
    pub client_in_trash: &'static str,
    pub staff_title: &'static str,
    pub staff_display_name: &'static str,
    pub staff_role: &'static str,
    pub staff_add: &'static str,
    pub staff_added: fn(&str) -> String,
    pub staff_initial_password: &'static str,
    pub staff_password_hint: &'static str,
    pub staff_admin_only: &'static str,
    pub role_admin: &'static str,
    pub role_staff: &'static str,
    /// Which part of the server's "日本語 / English" messages to show.
    pub server_message_part: usize,
    pub client_nav_label: &'static str,
    // -- notes (支援記録) --
    // -- plan (個別支援計画) --
    // -- assessment (8領域アセスメント) --
    // -- dashboard --
    pub field_problem: fn(FieldProblem) -> &'static str,
    pub life_stage: fn(LifeStage) -> &'static str,
    pub service_name: fn(ServiceType) -> &'static str,
}

impl Texts {
    /// The message for a failed database operation.
    pub fn store_error(&self, e: &crate::store::StoreError) -> &'static str {
        use crate::store::StoreError::*;
        match e {
            QuotaExceeded => self.err_store_quota,
            Blocked => self.err_store_blocked,
            NewerSchema => self.err_store_newer_schema,
            Unavailable(_) => self.err_store_unavailable,
            AlreadyExists => self.err_store_exists,
            Corrupt(_) => self.err_store_corrupt,
            Other(_) => self.err_store_other,
        }
    }

    /// The server's messages come as "日本語 / English"; this picks the part
    /// in the UI's language (the whole text when it has no such parts).
    pub fn server_message(&self, message: &str) -> String {
        let parts: Vec<&str> = message.split(" / ").collect();
        parts.get(self.server_message_part).unwrap_or(&message).trim().to_owned()
    }

    /// The message for a backup file that cannot be imported.
    pub fn backup_error(&self, e: &renkei_domain::BackupError) -> String {
        use renkei_domain::BackupError::*;
        match e {
            NotJson(_) => self.err_backup_not_json.to_owned(),
            NotABackup => self.err_backup_not_backup.to_owned(),
            NewerVersion(_) => self.err_backup_newer.to_owned(),
            InvalidRecord { index, .. } => (self.err_backup_invalid_record)(*index),
        }
    }
}
