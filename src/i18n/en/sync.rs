//! English: SyncTexts.

use crate::i18n::groups::SyncTexts;

pub const TEXTS: SyncTexts = SyncTexts {
    synced: "Synced",
    syncing: "Syncing…",
    unsent: unsent_n,
    offline: "Offline",
    error: "Error",
    local_only: "This device only",
    err_outdated: "Update the app",
    err_signed_out: "Sign in again",
    err_unreachable: "Server unreachable",
    err_refused: "The server refused the changes",
    err_account_disabled: "This account was disabled by an administrator",
    clock_off: |minutes| {
        format!("This device's clock is off (by about {minutes} min). Set date and time to automatic in the device settings")
    },
};

fn unsent_n(n: u32) -> String {
    format!("{n} unsent")
}
