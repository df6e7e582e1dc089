//! 日本語: SyncTexts.

use crate::i18n::groups::SyncTexts;

pub const TEXTS: SyncTexts = SyncTexts {
    synced: "同期済み",
    syncing: "同期中…",
    unsent: unsent_n,
    offline: "オフライン",
    error: "エラー",
    local_only: "この端末のみ",
    err_outdated: "アプリを更新してください",
    err_signed_out: "サインインし直してください",
    err_unreachable: "サーバーに接続できません",
    err_refused: "サーバーが受け付けませんでした",
    err_account_disabled: "このアカウントは管理者により無効にされました",
    clock_off: |minutes| {
        format!("端末の時刻がずれています（約{minutes}分）。端末の設定で日付と時刻を「自動」にしてください")
    },
};

fn unsent_n(n: u32) -> String {
    format!("未送信 {n}件")
}
