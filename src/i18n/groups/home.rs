//! ホーム (`pages/home.rs`).

pub struct HomeTexts {
    pub title: &'static str,
    pub active_clients: fn(usize) -> String,
    pub recent: &'static str,
    pub no_recent: &'static str,
    /// Not signed in to an office server: everything is on this device only.
    pub local_only: &'static str,
    pub local_only_detail: &'static str,
    /// Signed in: kept on this device and sent to the office's server.
    pub with_server: &'static str,
    pub backup_hint: &'static str,
    pub last_backup: fn(&str) -> String,
    pub never_backed_up: &'static str,
    /// Signed in, changes not yet on the server: count, age of the oldest.
    pub unsent: fn(u32, &str) -> String,
    pub all_sent: &'static str,
    pub sign_in_hint: &'static str,
    pub ios_install_title: &'static str,
    pub ios_install_steps: &'static str,
}
