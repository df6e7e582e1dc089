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
fn finding_en(f: &renkei_domain::plan::Finding) -> &'static str {
    use renkei_domain::plan::Finding::*;
    use renkei_domain::plan::Step;
    match f {
        StepMissing { step } => match step {
            Step::Assessment => "No assessment on record",
            Step::Draft => "No draft plan on record",
            Step::Meeting => "No support meeting on record",
            Step::Consent => "No explanation, consent and hand-over on record",
            Step::Monitoring => "No monitoring on record",
            Step::Review => "No review on record",
        },
        ConsentMissing => "The client's consent to the plan is not recorded",
        HandoverMissing => "The date the plan was handed over is not recorded",
        PeriodNotSet => "The plan period is not entered",
        PeriodEndsSoon { .. } => "The plan period ends soon",
        PeriodEnded { .. } => "The plan period has ended",
        ReviewDueSoon { .. } => "The plan review is due soon",
        ReviewOverdue { .. } => "The plan review is overdue",
        DraftNotByManager => "The draft plan is signed by someone other than the service manager",
        MonitoringNotByManager { .. } => "A monitoring is not recorded as done by the service manager",
        MonitoringWithoutInterview { .. } => "A monitoring has no interview with the client on record",
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

    editor_updated_elsewhere: "Updated on another device. What you are typing is kept.",
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
    settings_persist_unsupported: "This browser cannot ask for it",
    settings_persist_unsupported_warning: "This browser cannot ask for persistent storage, so it may delete the data when space runs low or after a long time unused. Add the app to your home screen and sync or back up often.",
    settings_persist_asking: "Answer the browser's question. Choosing “Allow” keeps the data from being deleted automatically.",
    settings_persist_refused: "Not granted. The browser's site settings can allow persistent storage for this site.",
    settings_unsent: unsent,
    settings_backup: "Backup",
    settings_backup_help: "Export everything to a file and import it on another device. Import merges field by field: where a value differs from this device's, both are kept as a 競合 to choose from. Nothing is deleted.",
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
    err_store_session_changed: "The sign-in changed during sync, so what was received was dropped.",
    sync_err_account_disabled: "This account was disabled by an administrator",
    sync_clock_off: |minutes| format!("This device's clock is off (by about {minutes} min). Set date and time to automatic in the device settings"),
    settings_set_aside_title: "Changes that could not be received or sent",
    settings_set_aside_received: |n| format!("Changes not received: {n}"),
    settings_set_aside_sent: |n| format!("Changes not sent: {n}"),
    settings_set_aside_records: |n| format!("Records that cannot be read: {n}"),
    settings_set_aside_help: "These are kept aside on this device and everything else keeps syncing; nothing is lost. If this persists, tell your administrator.",
    settings_set_aside_none: "None.",
    settings_sign_in_again: "Sign in again",
    settings_sign_in_again_help: "Your sign-in expired or an administrator signed this device out. Enter your password; everything on this device, unsent changes included, is kept.",
    settings_account_disabled_help: "An administrator disabled this account. Unsent changes are kept on this device. Please contact your administrator.",
    err_sign_in_other_office: "That is another office than the one this device is signed in to. Sign out first to use another office.",
    err_account_disabled: "This account is disabled. Please contact your administrator.",
    staff_status: "Status",
    staff_active: "Active",
    staff_inactive: "Disabled",
    staff_actions: "Actions",
    staff_disable: "Disable",
    staff_enable: "Enable",
    staff_disable_confirm: |name| format!("Disable {name}'s account? Their signed-in devices stop syncing at once (nothing on them is deleted)."),
    staff_disabled_done: |name| format!("{name}'s account is disabled"),
    staff_enabled_done: |name| format!("{name}'s account is enabled"),
    staff_reset_password: "Reset password",
    staff_new_password: "New password",
    staff_password_reset_done: |name| format!("{name}'s password was reset"),
    staff_devices: "Devices",
    staff_devices_of: |name| format!("Devices {name} is signed in on"),
    staff_device_signed_in: "Signed in",
    staff_device_last_used: "Last used",
    staff_device_this: " (this device)",
    staff_device_revoke: "Sign this device out",
    staff_device_revoked: "The device was signed out",
    staff_no_devices: "No signed-in devices.",
    staff_close: "Close",
    settings_import_conflicts: |n| format!("{n} records have fields whose values differ from this device's. Both were kept: choose one under 競合 on each record."),
    settings_reasons: "Reasons",
    server_message_part: 1,
    client_nav_label: "Records of this client",
    // -- notes (支援記録) --
    notes_title: "Support notes",
    notes_nav: "Support notes",
    notes_new: "Write a note",
    notes_new_title: "New support note",
    notes_edit_title: "Edit support note",
    notes_for_client: notes_for_client_en,
    notes_back: "Back to the notes",
    notes_client_page: "Client details",
    notes_at: "Date and time",
    notes_place: "Place",
    notes_place_name: notes_place_en,
    notes_place_detail: "Place details (required for Other)",
    notes_present: "Present",
    notes_present_hint: "Separate names with 、 or commas",
    notes_details: "Place details and who was present",
    notes_text: "Note (required)",
    notes_links: "Link goals and domains",
    notes_goals: "Plan goals",
    notes_no_goals: "This client's support plan has no goals yet.",
    notes_goal_untitled: notes_goal_untitled_en,
    notes_unknown_goal: "(goal not in the plan)",
    notes_domains: "Life domains",
    notes_follow_up: "Follow-up task",
    notes_follow_up_text: "Task",
    notes_follow_up_due: "Due",
    notes_follow_up_done: "Done",
    notes_save: "Save",
    notes_has_errors: "Please check the highlighted fields. Nothing has been saved yet.",
    notes_saved: "✓ Saved",
    notes_draft_restored: "An unsaved note you were writing has been restored.",
    notes_discard_draft: "Discard unsaved note",
    notes_search: "Search notes",
    notes_search_placeholder: "Search the notes' text",
    notes_filters: "Filters",
    notes_all: "All",
    notes_from: "From",
    notes_to: "To",
    notes_clear_filters: "Clear filters",
    notes_count: notes_count_en,
    notes_more: notes_more_en,
    notes_empty: "No notes yet. Use \"Write a note\" to add one.",
    notes_no_match: "No notes match.",
    notes_edit: "Edit",
    notes_when: notes_when_en,
    notes_date: notes_date_en,
    notes_due: notes_due_en,
    notes_overdue: "Overdue",
    notes_delete_confirm: "Move this note to the trash? You can restore it from the trash within 30 days.",
    notes_in_trash: "This note is in the trash. It is not listed until restored.",
    // -- plan (個別支援計画) --
    plan_title: "Support plan",
    plan_none: "This client has no support plan yet.",
    plan_create: "Create plan",
    plan_version,
    plan_versions: "Versions",
    plan_current: "current",
    plan_forked: "Two reviews were started from the same version. Check which one to use.",
    plan_read_only: "A review carried this version over into a newer one, so it is read-only. Make changes in the current version.",
    plan_to_current: "Open the current version",
    plan_status_preparing: "in preparation",
    plan_status_in_effect: "in effect",
    plan_status_reviewed: "reviewed",
    plan_has_errors: "Some input is not valid. It is kept as a draft and not written to the plan until fixed.",
    plan_err_date: "Enter a valid date (years 2000–2099).",
    plan_err_end_before_start: "The end date is before the start date.",
    plan_findings_title: "Needs attention",
    plan_no_findings: "Nothing is missing.",
    plan_alert: "Action needed",
    plan_warning: "Note",
    plan_finding,
    plan_days_left,
    plan_days_over,
    plan_next_review: "Next review due:",
    plan_next_review_unknown: "shown once the plan start or consent date is entered",
    plan_print_view: "Print view",
    plan_sec_basic: "Basics",
    plan_service: "Service",
    plan_service_choose: "Choose",
    plan_period_start: "Plan period (start)",
    plan_period_end: "Plan period (end)",
    plan_manager: "Responsible manager",
    plan_staff_name: "Name",
    plan_staff_role: "Job role",
    plan_role,
    plan_additions: "Additions billed (加算)",
    plan_additions_hint: "One per line (e.g. 地域連携会議実施加算).",
    plan_sec_wishes: "Wishes",
    plan_policy: "Overall support policy",
    plan_long_term: "Long-term goal",
    plan_short_term: "Short-term goals",
    plan_no_goals: "No short-term goals yet.",
    plan_goal_n,
    plan_goal_text: "Goal",
    plan_goal_support: "Support",
    plan_goal_provider: "Provided by",
    plan_goal_frequency: "Frequency",
    plan_goal_frequency_hint: "e.g. once a week",
    plan_start: "Start",
    plan_end: "End",
    plan_goal_add: "Add a short-term goal",
    plan_up: "Up",
    plan_down: "Down",
    plan_remove: "Remove",
    plan_remove_confirmed: "Yes, remove",
    plan_goal_remove_confirm: "Remove this short-term goal? Earlier monitoring records are kept.",
    plan_step,
    plan_step_done: "recorded",
    plan_step_missing: "not recorded",
    plan_done_on: "Date",
    plan_done_by: "Done by",
    plan_made_on: "Written on",
    plan_made_by: "Written by",
    plan_held_on: "Held on",
    plan_recorded_by: "Recorded by",
    plan_interview: "Interview with the client",
    plan_note: "Note",
    plan_attendees: "Attendees",
    plan_attendees_hint: "One per line (name and position).",
    plan_minutes: "What was discussed",
    plan_explained_on: "Explained on",
    plan_explained_by: "Explained by",
    plan_consented_on: "Consented on",
    plan_consented_by: "Consented by",
    plan_consented_by_hint: "As signed (e.g. the client, or a parent with the relation).",
    plan_handed_over_on: "Handed over on",
    plan_sec_monitoring: "Monitoring",
    plan_monitoring_help: "The service manager interviews the client and evaluates each short-term goal.",
    plan_monitoring_none: "No monitoring recorded yet.",
    plan_monitoring_add: "Add monitoring",
    plan_monitoring_n,
    plan_monitoring_remove_confirm: "Remove this monitoring record?",
    plan_achievement_label: "Achievement",
    plan_achievement_none: "Not evaluated",
    plan_achievement,
    plan_evaluation: "Evaluation",
    plan_next_action: "Next action",
    plan_summary: "Overall findings",
    plan_review_summary: "What the review changes",
    plan_review_new: "Review (create a new version)",
    plan_review_confirm,
    plan_review_not_recorded: "The review of this version (date and who) is not recorded yet.",
    plan_review_create: "Create the new version",
    plan_review_invalid: "Some input is not valid. Fix it before creating a new version.",
    plan_back: "Back to the plan",
    plan_print: "Print",
    plan_doc_title: "Individual support plan (個別支援計画書)",
    plan_doc_client: "Client",
    plan_doc_honorific,
    plan_doc_period: "Plan period",
    plan_doc_created: "Written on",
    plan_doc_consented: "Consented on",
    plan_doc_handed: "Handed over on",
    plan_doc_office: "Office",
    plan_col_goal: "Goal",
    plan_col_support: "Support",
    plan_col_provider: "By",
    plan_col_frequency: "Frequency",
    plan_col_period: "Period",
    plan_doc_consent_text: "I have had the above plan explained to me and consent to it.",
    plan_doc_date_blank: "Date: ____ / __ / __",
    plan_doc_sign_self: "Client's signature",
    plan_doc_sign_family: "Family member / representative (relation)",
    // -- assessment (8領域アセスメント) --
    assess_nav: "Assessment",
    assess_title: "Eight-domain assessment",
    assess_new: "New assessment",
    assess_new_title: "New assessment",
    assess_empty: "No assessments yet. Start one with “New assessment”.",
    assess_history: "Assessments",
    assess_unreadable,
    assess_progress,
    assess_needing_support,
    assess_date: "Date",
    assess_by: "Assessed by",
    assess_overall: "Overall findings",
    assess_date_text,
    assess_err_date: "Enter a date no later than today. Until then the previous date is kept.",
    assess_back: "All assessments",
    assess_domains_nav: "Go to domain",
    assess_score_value,
    assess_score_help_title: "About the support-need score",
    assess_score_help,
    assess_rating,
    assess_change,
    assess_memo: "Notes",
    assess_note: "Findings / notes",
    assess_own_words: "Client's own words",
    assess_strengths: "Strengths",
    assess_to_goal: "Make it a plan goal",
    assess_goal_adding: "Adding to the plan…",
    assess_goal_added: "Added to the plan",
    assess_goal_exists: "Already in the plan",
    assess_open_plan: "Open the plan",
    assess_domain_notes,
    assess_compare_title: "Compared with an earlier assessment",
    assess_compare_with: "Compare with",
    assess_compare_hint: "After a second assessment, the comparison with the earlier one appears here.",
    assess_chart_label,
    assess_table_caption: "Support-need score per domain (0–100, higher means more support needed)",
    assess_col_domain: "Domain",
    assess_col_item: "Item",
    assess_col_before: "Before",
    assess_col_after: "Now",
    assess_col_change: "Change",
    assess_delta,
    assess_changed_items: "Items whose rating changed",
    assess_no_changes: "No item's rating changed.",
    assess_delete_confirm: "Move this assessment to the trash? You can restore it from the trash within 30 days.",
    assess_in_trash: "This assessment is in the trash. It is hidden from the list until restored.",
    // -- dashboard --
    date_long: |d| d.to_string(),
    finding: finding_en,
    dash_plans: "Support plans needing action",
    dash_plans_ok: "No plan needs action.",
    dash_no_plan: "No support plan (an audit counts this as not created)",
    dash_days_over: |date, days| format!("due {date}, {days} days overdue"),
    dash_days_left: |date, days| format!("due {date}, {days} days left"),
    dash_due: |date| format!("due {date}"),
    dash_follow_ups: "Open follow-ups",
    dash_no_follow_ups: "No open follow-ups.",
    dash_recent_notes: "Recent visit notes",
    dash_no_notes: "No visit notes yet.",
    field_problem,
    life_stage,
    service_name,
};

// -- notes (支援記録) helpers --
fn notes_for_client_en(name: &str) -> String {
    name.to_owned()
}
fn notes_place_en(place: renkei_domain::visit_note::Place) -> &'static str {
    use renkei_domain::visit_note::Place;
    match place {
        Place::Home => "Home",
        Place::Workplace => "Workplace",
        Place::Office => "Our office",
        Place::Agency => "Other agency",
        Place::Remote => "Phone / online",
        Place::Other => "Other",
    }
}
fn notes_goal_untitled_en(n: usize) -> String {
    format!("Goal {n}")
}
fn notes_count_en(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} notes")
    } else {
        format!("{shown} of {total} notes")
    }
}
fn notes_more_en(n: usize) -> String {
    format!("Show more ({n} left)")
}
fn notes_when_en(at: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let day = DAYS[at.weekday().num_days_from_monday() as usize];
    format!("{} ({day}) {}:{:02}", at.date(), at.hour(), at.minute())
}
fn notes_date_en(date: chrono::NaiveDate) -> String {
    date.to_string()
}
fn notes_due_en(date: &str) -> String {
    format!("Due {date}")
}

// -- assessment (8領域アセスメント) --
fn assess_unreadable(n: usize) -> String {
    format!("{n} assessment(s) cannot be read (perhaps made by a newer version of the app).")
}
fn assess_progress(rated: usize, total: usize) -> String {
    format!("Rated {rated}/{total}")
}
fn assess_needing_support(n: usize) -> String {
    format!("Needing support: {n}")
}
fn assess_date_text(date: chrono::NaiveDate) -> String {
    date.to_string()
}
fn assess_score_value(score: Option<u8>) -> String {
    match score {
        Some(s) => format!("Support need {s}"),
        None => "Support need —".to_owned(),
    }
}
fn assess_score_help() -> &'static str {
    "The support-need score (0–100) averages the rated items of a domain as No issue = 0, Watch = 1, \
     Some support needed = 2, Support needed = 3, and scales the maximum 3 to 100 (rounded). Higher means more \
     support is needed. Items not yet confirmed are left out; the number rated out of all items is shown beside \
     the score. A domain with nothing rated has no score (—)."
}
fn assess_rating(rating: renkei_domain::assessment::Rating) -> &'static str {
    use renkei_domain::assessment::Rating::*;
    match rating {
        Unconfirmed => "Not confirmed",
        NoIssue => "No issue",
        Watch => "Watch",
        PartialSupport => "Some support needed",
        NeedsSupport => "Support needed",
    }
}
fn assess_change(change: renkei_domain::assessment::ItemChange) -> &'static str {
    use renkei_domain::assessment::ItemChange::*;
    match change {
        Improved => "Improved",
        Worsened => "Worsened",
        Unchanged => "Unchanged",
        New => "Newly rated",
        NoLongerAssessed => "Not rated this time",
        Retired => "Item retired",
        NotRated => "Not rated",
    }
}
fn assess_domain_notes(n: usize) -> String {
    format!("Support notes on this domain ({n})")
}
fn assess_chart_label(after: &str, before: &str) -> String {
    if before.is_empty() {
        format!("Radar chart of the support-need score of the eight domains ({after}). The table below gives the same numbers.")
    } else {
        format!("Radar chart of the support-need score of the eight domains (before {before}, now {after}). The table below gives the same numbers.")
    }
}
fn assess_delta(delta: Option<i16>) -> String {
    match delta {
        None => "—".to_owned(),
        Some(0) => "±0".to_owned(),
        Some(d) if d > 0 => format!("+{d} (worse)"),
        Some(d) => format!("−{} (better)", -d),
    }
}

// -- plan (個別支援計画) helpers --
fn plan_version(n: u32) -> String {
    format!("Version {n}")
}
fn plan_finding(f: &renkei_domain::plan::Finding) -> &'static str {
    use renkei_domain::plan::{Finding::*, Step};
    match f {
        StepMissing { step } => match step {
            Step::Assessment => "The assessment is not recorded",
            Step::Draft => "The draft plan is not recorded",
            Step::Meeting => "The support meeting is not recorded",
            Step::Consent => "Explanation, consent and hand-over are not recorded",
            Step::Monitoring => "No monitoring is recorded",
            Step::Review => "The review is not recorded",
        },
        ConsentMissing => "Consent to the plan is not recorded",
        HandoverMissing => "The date the plan was handed over is not recorded",
        PeriodNotSet => "The plan period is not entered",
        PeriodEndsSoon { .. } => "The plan period ends soon",
        PeriodEnded { .. } => "The plan period has ended",
        ReviewDueSoon { .. } => "The plan review is due soon",
        ReviewOverdue { .. } => "The plan review is overdue",
        DraftNotByManager => "The draft is signed by someone other than the service manager",
        MonitoringNotByManager { .. } => "A monitoring is not recorded as done by the service manager",
        MonitoringWithoutInterview { .. } => "A monitoring has no interview with the client",
    }
}
fn plan_days_left(n: i64) -> String {
    match n {
        0 => "today".to_owned(),
        1 => "1 day left".to_owned(),
        n => format!("{n} days left"),
    }
}
fn plan_days_over(n: i64) -> String {
    if n == 1 {
        "1 day overdue".to_owned()
    } else {
        format!("{n} days overdue")
    }
}
fn plan_role(r: renkei_domain::plan::JobRole) -> &'static str {
    use renkei_domain::plan::JobRole::*;
    match r {
        ServiceManager => "Service manager (サビ管)",
        ChildDevelopmentManager => "Child development manager (児発管)",
        ConsultationSpecialist => "Consultation specialist",
        LifeSupportWorker => "Life support worker",
        VocationalInstructor => "Vocational instructor",
        EmploymentSupportWorker => "Employment support worker",
        RetentionSupportWorker => "Job retention support worker",
        SupportWorker => "Support worker",
        Administrator => "Administrator",
        Other => "Other",
    }
}
fn plan_goal_n(n: usize) -> String {
    format!("Short-term goal {n}")
}
fn plan_step(s: renkei_domain::plan::Step) -> &'static str {
    use renkei_domain::plan::Step::*;
    match s {
        Assessment => "Assessment",
        Draft => "Draft plan",
        Meeting => "Support meeting",
        Consent => "Explanation, consent and hand-over",
        Monitoring => "Monitoring",
        Review => "Review",
    }
}
fn plan_monitoring_n(n: usize) -> String {
    format!("Monitoring {n}")
}
fn plan_achievement(a: renkei_domain::plan::Achievement) -> &'static str {
    use renkei_domain::plan::Achievement::*;
    match a {
        Achieved => "Achieved",
        PartlyAchieved => "Partly achieved",
        NotAchieved => "Not achieved",
    }
}
fn plan_review_confirm(n: u32) -> String {
    format!("Create a new version (version {n})? This version stays as it is, read-only.")
}
fn plan_doc_honorific(name: &str) -> String {
    name.to_owned()
}
