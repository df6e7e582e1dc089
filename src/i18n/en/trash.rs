//! English: TrashTexts.

use crate::i18n::groups::TrashTexts;
use renkei_domain::RecordKind;

pub const TEXTS: TrashTexts = TrashTexts {
    help:
        "Items moved to the trash can be restored here for 30 days. Restoring brings them back on every synced device.",
    empty: "The trash is empty.",
    restored,
    days_left,
    record_kind,
};

fn restored(title: &str) -> String {
    format!("Restored “{title}”.")
}
fn days_left(days: i64) -> String {
    format!("deleted for good in {days} days")
}
fn record_kind(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Client => "Client",
        RecordKind::Plan => "Support plan",
        RecordKind::VisitNote => "Visit note",
        RecordKind::Assessment => "Assessment",
        RecordKind::Agency => "Agency",
        RecordKind::Contact => "Contact with an agency",
        RecordKind::NetworkLink => "Network link",
        RecordKind::Transition => "Turning point",
        RecordKind::HandoverPrint => "Handover sheet printing",
        RecordKind::Meeting => "Regional cooperation meeting",
    }
}
