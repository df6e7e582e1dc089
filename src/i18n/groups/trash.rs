//! ゴミ箱 (`pages/trash.rs`).

use renkei_domain::RecordKind;

pub struct TrashTexts {
    pub help: &'static str,
    pub empty: &'static str,
    pub restored: fn(&str) -> String,
    pub days_left: fn(i64) -> String,
    pub record_kind: fn(RecordKind) -> &'static str,
}
