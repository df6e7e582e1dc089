//! The sync status in the header and the sync errors 設定 and 職員の管理 repeat (`components/layout.rs`).

pub struct SyncTexts {
    pub synced: &'static str,
    pub syncing: &'static str,
    pub unsent: fn(u32) -> String,
    pub offline: &'static str,
    pub error: &'static str,
    pub local_only: &'static str,
    pub err_outdated: &'static str,
    pub err_signed_out: &'static str,
    pub err_unreachable: &'static str,
    pub err_refused: &'static str,
    pub err_account_disabled: &'static str,
    pub clock_off: fn(i64) -> String,
}
