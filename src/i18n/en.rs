//! English (secondary; chosen in Settings).

use super::Texts;
use renkei_domain::{FieldProblem, LifeStage, RecordKind, ServiceType};

fn active_clients(n: usize) -> String {
    format!("{n} active clients")
}
fn last_backup(date: &str) -> String {
    format!("Last backup: {date}")
}
fn clients_count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} clients")
    } else {
        format!("{shown} of {total} clients")
    }
}
fn clients_more(n: usize) -> String {
    format!("Show more ({n} more)")
}
fn unsent_on_device(n: u32, age: &str) -> String {
    format!("Changes only on this device: {n} (oldest: {age})")
}
fn ago(ms: f64) -> String {
    let minutes = (ms / 60_000.0).floor() as i64;
    match minutes {
        m if m < 1 => "just now".to_owned(),
        m if m < 60 => format!("{m} min ago"),
        m if m < 60 * 24 => format!("{} h ago", m / 60),
        m => format!("{} days ago", m / 60 / 24),
    }
}
fn trash_restored(title: &str) -> String {
    format!("Restored “{title}”.")
}
fn trash_days_left(days: i64) -> String {
    format!("deleted for good in {days} days")
}
fn staff_added(name: &str) -> String {
    format!("Added {name}.")
}
fn record_kind(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Client => "Client",
        RecordKind::Plan => "Support plan",
        RecordKind::VisitNote => "Visit note",
        RecordKind::Assessment => "Assessment",
    }
}
fn unsent_n(n: u32) -> String {
    format!("{n} unsent")
}
fn signed_in_as(office: &str, name: &str) -> String {
    format!("Signed in to {office} as {name}.")
}
fn last_sync(when: &str) -> String {
    format!("Last sync: {when}")
}
fn sign_out_confirm(n: u32) -> String {
    format!("{n} changes have not been sent to the server yet. Signing out deletes them from this device for good. Sync now or export a backup first.")
}
fn age(years: i32) -> String {
    format!("age {years}")
}
fn unsent(n: u32) -> String {
    format!("Changes not yet sent to a server: {n}")
}
fn import_done(added: usize, updated: usize, unchanged: usize) -> String {
    format!("Imported: {added} added, {updated} updated, {unchanged} unchanged. Nothing was deleted.")
}
fn export_done(n: usize) -> String {
    format!("Exported {n} records to a file.")
}
fn invalid_record(index: usize) -> String {
    format!("Record {} in the file is invalid. Nothing was changed.", index + 1)
}

fn field_problem(p: FieldProblem) -> &'static str {
    match p {
        FieldProblem::Required => "Required.",
        FieldProblem::NotKana => "Use hiragana or katakana only.",
        FieldProblem::NotADate => "Not a valid date (e.g. 1990-04-01).",
        FieldProblem::InTheFuture => "The date cannot be in the future.",
        FieldProblem::TooOld => "Dates before 1900 are not accepted.",
        FieldProblem::NotTenDigits => "The recipient number has 10 digits.",
        FieldProblem::UnknownService => "Choose a service type.",
        FieldProblem::EndBeforeStart => "The end date must be after the start date.",
        FieldProblem::TooLong => "Too long.",
    }
}

fn life_stage(s: LifeStage) -> &'static str {
    match s {
        LifeStage::Infancy => "Early childhood",
        LifeStage::SchoolAge => "School age",
        LifeStage::Adulthood => "Adulthood",
    }
}

fn service_name(s: ServiceType) -> &'static str {
    use ServiceType::*;
    match s {
        HomeCare => "Home care",
        SevereVisitingCare => "Visiting care for severe disabilities",
        AccompanyingSupport => "Accompanying support (visual)",
        BehaviouralSupport => "Behavioural support",
        ComprehensiveSupport => "Comprehensive support for severe disabilities",
        ShortStay => "Short stay",
        MedicalCare => "Medical care",
        DailyLifeCare => "Daily life care",
        InstitutionalSupport => "Residential institution support",
        FunctionalTraining => "Independence training (functional)",
        LifeSkillsTraining => "Independence training (life skills)",
        ResidentialTraining => "Residential independence training",
        EmploymentSelection => "Employment selection support",
        EmploymentTransition => "Employment transition support",
        EmploymentContinuationA => "Continuous employment support A",
        EmploymentContinuationB => "Continuous employment support B",
        EmploymentRetention => "Employment retention support",
        IndependentLiving => "Independent living assistance",
        GroupHome => "Group home",
        PlanningConsultation => "Service planning consultation",
        CommunityTransition => "Community transition support",
        CommunitySettlement => "Community settlement support",
        ChildDevelopment => "Child development support",
        AfterSchoolDay => "After-school day service",
        HomeVisitChildDevelopment => "Home-visit child development support",
        NurseryVisit => "Nursery visit support",
        ChildConsultation => "Consultation support for children",
        WelfareChildResidential => "Welfare residential facility for children",
        MedicalChildResidential => "Medical residential facility for children",
    }
}

pub static TEXTS: Texts = Texts {
    app_name: "Renkei Note",
    skip_to_main: "Skip to content",
    nav_label: "Main menu",
    nav_home: "Home",
    nav_clients: "Clients",
    nav_settings: "Settings",
    loading: "Loading…",
    not_found: "This page does not exist.",
    back_to_list: "Back to clients",

    update_available: "A new version is available",
    update_now: "Update",

    home_title: "Home",
    home_active_clients: active_clients,
    home_recent: "Recently updated clients",
    home_no_recent: "No clients yet.",
    home_local_only: "Your data is stored on this device only.",
    home_backup_hint: "Export a backup file from Settings in case this device is lost or broken.",
    home_last_backup: last_backup,
    home_never_backed_up: "No backup made yet.",
    home_unsent: unsent_on_device,
    home_all_saved: "No unsent changes on this device.",
    ago,
    ios_install_title: "Add to Home Screen",
    ios_install_steps: "In Safari on iPhone and iPad, data may be deleted after 7 days without use. Tap Share (square with arrow) → \"Add to Home Screen\" and open the app from there.",

    clients_title: "Clients",
    clients_search: "Search by name or reading",
    clients_search_placeholder: "e.g. やまだ",
    clients_show_archived: "Show archived clients",
    clients_count,
    clients_more,
    clients_empty: "No clients yet. Use \"New client\" to add one.",
    clients_no_match: "No matching clients.",
    clients_new: "New client",
    badge_archived: "Archived",
    badge_ended: "Ended",

    client_new_title: "New client",
    client_name: "Name (required)",
    client_kana: "Reading (kana)",
    client_kana_hint: "hiragana or katakana",
    client_birth_date: "Date of birth",
    client_age: age,
    client_life_stage: "Life stage",
    client_stage_auto: "From date of birth",
    client_stage_override: "Set life stage manually",
    client_stage_reason: "Reason for manual setting",
    client_recipient_number: "Recipient certificate number",
    client_recipient_hint: "10 digits (optional)",
    client_status: "Status",
    status_active: "Active",
    status_ended: "Ended",
    client_staff: "Responsible staff",
    client_wishes_self: "Client's wishes",
    client_wishes_family: "Family's wishes",
    client_services: "Services used",
    client_service_type: "Service type",
    client_service_choose: "Choose",
    client_service_start: "Start",
    client_service_end: "End",
    client_service_add: "Add service",
    client_service_remove: "Remove this service",
    client_no_services: "No services recorded.",
    services_adult: "Disability welfare services",
    services_child: "Services for children",
    client_archive: "Archive",
    client_restore: "Restore from archive",
    client_archived_notice: "This client is archived and hidden from the list.",
    client_section_basic: "Basic information",
    client_section_wishes: "Wishes",
    client_section_services: "Services",
    client_section_record: "Record",
    client_has_errors: "Some fields are invalid. Your input is kept as a draft and saved once it is valid.",

    save_saving: "Saving…",
    save_saved: "Saved",
    save_draft: "Draft saved",
    save_autosave_note: "Changes are saved automatically.",

    settings_title: "Settings",
    settings_language: "Language",
    settings_storage: "Storage on this device",
    settings_storage_used: "Used",
    settings_storage_quota: "Quota",
    settings_storage_persistent: "Persistent storage",
    settings_persistent_yes: "Granted (the browser will not evict it)",
    settings_persistent_no: "Not granted",
    settings_persist_warning: "Persistent storage was not granted. The browser may delete data when space runs low. Add the app to your home screen and back up often.",
    settings_persist_request: "Request persistent storage",
    settings_unknown: "unknown",
    settings_unsent: unsent,
    settings_backup: "Backup",
    settings_backup_help: "Export all data to a file and import it on another device. Import keeps the newer version of each record and deletes nothing.",
    settings_export: "Export to file",
    settings_import: "Import from file",
    settings_import_done: import_done,
    settings_export_done: export_done,
    settings_about: "About",
    settings_version: "Version",
    settings_device: "Device ID",

    err_store_quota: "Not enough free space on this device. Free some space and try again.",
    err_store_blocked: "An older version is open in another tab. Close other tabs and reload.",
    err_store_newer_schema: "This data is used by a newer version of the app. Update the app (your data is untouched).",
    err_store_closed_for_upgrade: "A newer version of the app was opened in another tab. Reload this tab.",
    reload: "Reload",
    err_store_unavailable: "This browser cannot store data (private browsing?).",
    err_store_exists: "A record with this id already exists. Nothing was changed.",
    err_store_corrupt: "Stored data could not be read.",
    err_store_other: "An error occurred while saving. Please try again.",
    err_backup_not_json: "This file cannot be read (not JSON). Nothing was changed.",
    err_backup_not_backup: "This is not a Renkei backup file. Nothing was changed.",
    err_backup_newer: "This file was made by a newer version of the app. Update the app first.",
    err_backup_invalid_record: invalid_record,
    err_file_read: "The file could not be read.",

    sync_synced: "Synced",
    sync_syncing: "Syncing…",
    sync_unsent: unsent_n,
    sync_offline: "Offline",
    sync_error: "Error",
    sync_local_only: "This device only",
    sync_err_outdated: "Update the app",
    sync_err_signed_out: "Sign in again",
    sync_err_unreachable: "Server unreachable",
    sync_err_refused: "The server refused the changes",
    settings_sync: "Sync (office server)",
    settings_sync_help: "Sign in to sync this device with your office's server automatically.",
    settings_office_code: "Office code",
    settings_login: "Login ID",
    settings_password: "Password",
    settings_sign_in: "Sign in",
    settings_signed_in_as: signed_in_as,
    settings_sync_now: "Sync now",
    settings_last_sync: last_sync,
    settings_sign_out: "Sign out",
    settings_sign_out_note: "Signing out removes the office's data from this device (what was sent stays on the server).",
    settings_sign_out_confirm: sign_out_confirm,
    settings_sign_out_anyway: "Delete unsent changes and sign out",
    settings_cancel: "Cancel",
    err_sign_in_failed: "The office code, login ID or password is wrong.",
    err_sign_in_throttled: "Too many failed attempts. Wait a while and try again.",
    err_unreachable: "Cannot reach the server. Check the network.",
    err_required_fields: "Fill in every field.",
    conflict_title: "Conflict",
    conflict_help: "Another device changed these fields at the same time. Choose the value to keep; until then neither is lost.",
    conflict_choose: "Keep this value",
    conflict_empty: "(empty)",
    conflict_deleted: "Deleted (trash)",
    trash_title: "Trash",
    trash_help: "Items moved to the trash can be restored here for 30 days. Restoring brings them back on every synced device.",
    trash_empty: "The trash is empty.",
    trash_restore: "Restore",
    trash_restored,
    trash_days_left,
    record_kind,
    client_delete: "Move to trash",
    client_delete_confirm: "Move this client to the trash? You can restore it from the trash within 30 days.",
    client_in_trash: "This client is in the trash. It is hidden from the list until restored.",
    staff_title: "Staff accounts",
    staff_display_name: "Display name",
    staff_role: "Role",
    staff_add: "Add staff member",
    staff_added,
    staff_initial_password: "Initial password",
    staff_password_hint: "At least 8 characters. Tell the person directly.",
    staff_admin_only: "Only administrators can add staff.",
    role_admin: "Administrator",
    role_staff: "Staff",
    server_message_part: 1,
    client_nav_label: "Records of this client",
    // -- notes (支援記録) --
    // -- plan (個別支援計画) --
    // -- assessment (8領域アセスメント) --
    // -- dashboard --
    field_problem,
    life_stage,
    service_name,
};
