//! 日本語: DashboardTexts.

use crate::i18n::groups::DashboardTexts;

pub const TEXTS: DashboardTexts = DashboardTexts {
    plans: "個別支援計画で対応が必要なこと",
    plans_ok: "対応が必要な計画はありません。",
    no_plan: "個別支援計画がありません（監査では未作成として扱われます）",
    days_over: |date, days| format!("期限 {date}・{days}日超過"),
    days_left: |date, days| format!("期限 {date}・あと{days}日"),
    due: |date| format!("期限 {date}"),
    follow_ups: "未完了のフォローアップ",
    no_follow_ups: "未完了のフォローアップはありません。",
    recent_notes: "最近の支援記録",
    no_notes: "支援記録はまだありません。",
};
