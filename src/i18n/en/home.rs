//! English: HomeTexts.

use crate::i18n::groups::HomeTexts;

pub const TEXTS: HomeTexts = HomeTexts {
    title: "Home",
    active_clients,
    recent: "Recently updated clients",
    no_recent: "No clients yet.",
    local_only: "Your data is stored on this device only",
    local_only_detail: "This device is not signed in to an office server, so no other device or server has these records.",
    with_server: "Your data is kept on this device and on your office's server",
    backup_hint: "Export a backup file from Settings in case this device is lost or broken.",
    last_backup,
    never_backed_up: "No backup made yet.",
    unsent: unsent_to_server,
    all_sent: "Every change has been sent to the server.",
    sign_in_hint: "If your office has a server, sign in from Settings and records sync by themselves.",
    ios_install_title: "Add to Home Screen",
    ios_install_steps: "In Safari on iPhone and iPad, data may be deleted after 7 days without use. Tap Share (square with arrow) → \"Add to Home Screen\" and open the app from there.",
};

fn active_clients(n: usize) -> String {
    format!("{n} active clients")
}
fn last_backup(date: &str) -> String {
    format!("Last backup: {date}")
}
fn unsent_to_server(n: u32, age: &str) -> String {
    format!("Changes not yet on the server: {n} (oldest: {age}). They are sent as soon as there is a connection.")
}
