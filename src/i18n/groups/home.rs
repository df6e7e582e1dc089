//! ホーム (`pages/home.rs`).

pub struct HomeTexts {
    pub title: &'static str,
    pub active_clients: fn(usize) -> String,
    pub recent: &'static str,
    pub no_recent: &'static str,
    pub local_only: &'static str,
    pub backup_hint: &'static str,
    pub last_backup: fn(&str) -> String,
    pub never_backed_up: &'static str,
    pub unsent: fn(u32, &str) -> String,
    pub all_saved: &'static str,
    pub ios_install_title: &'static str,
    pub ios_install_steps: &'static str,
}
