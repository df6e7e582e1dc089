//! 日本語: TrashTexts.

use crate::i18n::groups::TrashTexts;
use renkei_domain::RecordKind;

pub const TEXTS: TrashTexts = TrashTexts {
    help: "ゴミ箱に移したものは、30日間ここから元に戻せます。元に戻すと、同期しているほかの端末でも戻ります。",
    empty: "ゴミ箱は空です。",
    restored,
    days_left,
    record_kind,
};

fn restored(title: &str) -> String {
    format!("「{title}」を元に戻しました。")
}
fn days_left(days: i64) -> String {
    format!("あと{days}日で完全に削除")
}
fn record_kind(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Client => "利用者",
        RecordKind::Plan => "個別支援計画",
        RecordKind::VisitNote => "支援記録",
        RecordKind::Assessment => "アセスメント",
        RecordKind::Agency => "関係機関",
        RecordKind::Contact => "連絡記録",
        RecordKind::NetworkLink => "支援ネットワーク",
        RecordKind::Transition => "ライフステージの移行",
        RecordKind::HandoverPrint => "引き継ぎシートの印刷記録",
        RecordKind::Meeting => "地域連携会議",
    }
}
