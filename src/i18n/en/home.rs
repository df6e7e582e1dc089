//! English: HomeTexts.

use crate::i18n::groups::HomeTexts;

pub const TEXTS: HomeTexts = HomeTexts {
    title: "Home",
    active_clients,
    recent: "Recently updated clients",
    no_recent: "No clients yet.",
    local_only: "Your data is stored on this device only.",
    backup_hint: "Export a backup file from Settings in case this device is lost or broken.",
    last_backup,
    never_backed_up: "No backup made yet.",
    unsent: unsent_on_device,
    all_saved: "No unsent changes on this device.",
    ios_install_title: "Add to Home Screen",
    ios_install_steps: "In Safari on iPhone and iPad, data may be deleted after 7 days without use. Tap Share (square with arrow) → \"Add to Home Screen\" and open the app from there.",
};

fn active_clients(n: usize) -> String {
    format!("{n} active clients")
}
fn last_backup(date: &str) -> String {
    format!("Last backup: {date}")
}
fn unsent_on_device(n: u32, age: &str) -> String {
    format!("Changes only on this device: {n} (oldest: {age})")
}
