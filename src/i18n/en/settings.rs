//! English: SettingsTexts.

use crate::i18n::groups::SettingsTexts;

pub const TEXTS: SettingsTexts = SettingsTexts {
    title: "Settings",
    plan: "Support plan deadlines",
    plan_reading_label: "Review interval for employment retention support and independent living assistance",
    plan_reading_hint: "The rules do not settle the interval for these two services. Reviewing early is never a violation, so three months is the default.",
    plan_reading: |r| match r {
        renkei_domain::plan::UnconfirmedReading::ThreeMonths => "Every 3 months (default)",
        renkei_domain::plan::UnconfirmedReading::SixMonths => "Every 6 months",
    },
    plan_review_label: "Your office's review interval",
    plan_review_hint: "Choose only to review more often than the rules require; a longer interval is not used.",
    plan_review_rule: "As the rules say (3 months for transition to employment and training, 6 otherwise)",
    plan_monitoring_label: "Monitoring interval",
    plan_monitoring_hint: "Counted from the last monitoring (or the plan's consent date before the first). Never longer than the review interval.",
    plan_monitoring_default: "Once per review interval (default)",
    plan_months: |m| format!("Every {m} month{}", if m == 1 { "" } else { "s" }),
    plan_device_note: "These settings are kept on this device. Set every device of the office alike.",
    language: "Language",
    storage: "Storage on this device",
    storage_used: "Used",
    storage_quota: "Quota",
    storage_persistent: "Persistent storage",
    persistent_yes: "Granted (the browser will not evict it)",
    persistent_no: "Not granted",
    persist_warning: "Persistent storage was not granted. The browser may delete data when space runs low. Add the app to your home screen and back up often.",
    persist_request: "Request persistent storage",
    unknown: "unknown",
    persist_unsupported: "This browser cannot ask for it",
    persist_unsupported_warning: "This browser cannot ask for persistent storage, so it may delete the data when space runs low or after a long time unused. Add the app to your home screen and sync or back up often.",
    persist_asking: "Answer the browser's question. Choosing “Allow” keeps the data from being deleted automatically.",
    persist_refused: "Not granted. The browser's site settings can allow persistent storage for this site.",
    unsent,
    backup: "Backup",
    backup_help: "Export everything to a file and import it on another device. The file is encrypted with a password you choose here. Import merges field by field: where a value differs from this device's, both are kept as a 競合 to choose from. Nothing is deleted.",
    export: "Export encrypted",
    import: "Import from file",
    import_done,
    export_done,
    export_done_encrypted: |n| format!("Exported {n} records, encrypted. Keep the password apart from the file."),
    backup_password: "File password",
    backup_password_again: "Password (again)",
    backup_password_hint: "At least 10 characters. The file does not open without it; if it is forgotten, nobody can open the file.",
    backup_password_problem: |p| {
        use renkei_domain::vault::PasscodeProblem::*;
        match p {
            Empty => "Enter a password.",
            TooFewDigits | TooShortPhrase | TooShortForFile => "Use at least 10 characters.",
            TooSimple => "One character repeated or a run like 1234… cannot be used.",
        }
    },
    err_password_mismatch: "The two passwords differ.",
    export_plain: "Export without encryption",
    export_plain_warning: "A file without encryption holds clients' names and disability and health information as plain text: anyone who gets the file can read it. Use it only where the office's rules allow.",
    export_plain_understood: "I understand that anyone can read a file without encryption",
    import_password_prompt: "This backup is encrypted. Enter the password it was exported with.",
    backup_file_password: "Password of the file to import",
    import_open: "Open and import",
    err_backup_wrong_password: "The password is wrong, or the file was changed. Nothing was changed.",
    err_backup_damaged: "The file is damaged and cannot be opened. Nothing was changed.",
    err_crypto: "This browser could not do the encryption. Nothing was changed.",
    about: "About",
    version: "Version",
    device: "Device ID",
    err_file_read: "The file could not be read.",
    sync: "Sync (office server)",
    sync_help: "Sign in to sync this device with your office's server automatically.",
    office_code: "Office code",
    password: "Password",
    sign_in: "Sign in",
    signed_in_as,
    sync_now: "Sync now",
    last_sync,
    sign_out: "Sign out",
    sign_out_note: "Signing out removes the office's data from this device (what was sent stays on the server).",
    sign_out_confirm,
    sign_out_anyway: "Delete unsent changes and sign out",
    err_sign_in_failed: "The office code, login ID or password is wrong.",
    set_aside_title: "Changes that could not be received or sent",
    set_aside_received: |n| format!("Changes not received: {n}"),
    set_aside_sent: |n| format!("Changes not sent: {n}"),
    set_aside_records: |n| format!("Records that cannot be read: {n}"),
    set_aside_help: "These are kept aside on this device and everything else keeps syncing; nothing is lost. If this persists, tell your administrator.",
    set_aside_none: "None.",
    sign_in_again: "Sign in again",
    sign_in_again_help: "Your sign-in expired or an administrator signed this device out. Enter your password; everything on this device, unsent changes included, is kept.",
    account_disabled_help: "An administrator disabled this account. The data on this device is being erased. Please contact your administrator.",
    err_sign_in_other_office: "That is another office than the one this device is signed in to. Sign out first to use another office.",
    err_account_disabled: "This account is disabled. Please contact your administrator.",
    import_conflicts: |n| format!("{n} records have fields whose values differ from this device's. Both were kept: choose one under 競合 on each record."),
    reasons: "Reasons",
    quiet_months_label: "Mark an agency as not contacted lately after",
    quiet_months_hint: "Agencies without a recorded contact for this many months are marked in the agency list and on Home.",
    quiet_months_default: "3 months (default)",
    claim_window_label: "How “four a year” of the meeting addition is counted",
    claim_window_hint: "The rule's wording is unsettled, so the office chooses. The default is the fiscal year (April to March).",
    claim_window: |w| match w {
        renkei_domain::meeting::YearWindow::FiscalYear => "Fiscal year (April–March)",
        renkei_domain::meeting::YearWindow::Rolling12Months => "Last 12 months",
    },
};

fn unsent(n: u32) -> String {
    format!("Changes not yet sent to a server: {n}")
}
fn import_done(added: usize, updated: usize, unchanged: usize) -> String {
    format!("Imported: {added} added, {updated} updated, {unchanged} unchanged. Nothing was deleted.")
}
fn export_done(n: usize) -> String {
    format!("Exported {n} records to a file.")
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
