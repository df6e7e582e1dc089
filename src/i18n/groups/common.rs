//! Words several pages share: the app shell (name, navigation, loading,
//! not found, update), save states, cancel/restore/trash buttons, dates, a
//! client's fields other pages show, the names of the domain's service
//! types and life stages, and the store, backup and sign-in errors.

use renkei_domain::{LifeStage, ServiceType};

pub struct CommonTexts {
    // -- The app shell --
    pub app_name: &'static str,
    pub skip_to_main: &'static str,
    pub nav_label: &'static str,
    pub nav_home: &'static str,
    pub nav_clients: &'static str,
    pub nav_agencies: &'static str,
    pub nav_settings: &'static str,
    /// Links to the pages of the app named by their heading.
    pub clients_list: &'static str,
    pub trash: &'static str,
    pub plan_title: &'static str,
    pub loading: &'static str,
    pub not_found: &'static str,
    pub back_to_clients: &'static str,
    pub update_available: &'static str,
    pub update_now: &'static str,
    pub reload: &'static str,

    // -- Saving --
    pub saving: &'static str,
    pub saved: &'static str,
    pub draft_saved: &'static str,
    pub autosave_note: &'static str,
    pub updated_elsewhere: &'static str,

    // -- Buttons --
    pub cancel: &'static str,
    pub restore: &'static str,
    pub move_to_trash: &'static str,

    // -- Dates (docs/dates.md: one form on screens, one in print) --
    /// A date as every screen shows it: 「2025年4月1日」, "1 Apr 2025".
    pub date: fn(chrono::NaiveDate) -> String,
    /// A date with weekday and time as screens show it:
    /// 「2025年4月1日（火） 14:30」, "Tue 1 Apr 2025, 14:30".
    pub date_time: fn(chrono::NaiveDateTime) -> String,
    /// How long ago, for a duration in milliseconds (where freshness
    /// matters more than the date: unsent changes).
    pub ago: fn(f64) -> String,

    // -- A client's fields that other pages show too --
    pub badge_archived: &'static str,
    pub birth_date: &'static str,
    pub recipient_number: &'static str,
    pub wishes_self: &'static str,
    pub wishes_family: &'static str,

    // -- The domain's enums --
    pub services_adult: &'static str,
    pub services_child: &'static str,
    pub service_name: fn(ServiceType) -> &'static str,
    pub life_stage: fn(LifeStage) -> &'static str,

    // -- Errors --
    pub err_store_quota: &'static str,
    pub err_store_blocked: &'static str,
    pub err_store_newer_schema: &'static str,
    pub err_store_closed_for_upgrade: &'static str,
    pub err_store_unavailable: &'static str,
    pub err_store_exists: &'static str,
    pub err_store_corrupt: &'static str,
    pub err_store_session_changed: &'static str,
    pub err_store_locked: &'static str,
    pub lock_now: &'static str,
    pub err_store_other: &'static str,
    pub err_backup_not_json: &'static str,
    pub err_backup_not_backup: &'static str,
    pub err_backup_newer: &'static str,
    pub err_backup_invalid_record: fn(usize) -> String,
    pub err_sign_in_throttled: &'static str,
    pub err_unreachable: &'static str,
    pub err_required_fields: &'static str,

    // -- Accounts and the server --
    pub login_id: &'static str,
    /// Which part of the server's "日本語 / English" messages to show.
    pub server_message_part: usize,
}

impl CommonTexts {
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
            SessionChanged => self.err_store_session_changed,
            Locked => self.err_store_locked,
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
