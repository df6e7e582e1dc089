//! English: ConflictsTexts.

use crate::i18n::groups::ConflictsTexts;

pub const TEXTS: ConflictsTexts = ConflictsTexts {
    title: "Conflict",
    help: "Another device changed these fields at the same time. Choose the value to keep; until then neither is lost.",
    choose: "Keep this value",
    empty: "(empty)",
    deleted: "Deleted (trash)",
    written,
    this_device: "this device",
    other_device,
    unknown_author: "author unknown",
};

fn written(who: &str, when: &str, device: &str) -> String {
    format!("{who} · {when} · {device}")
}
fn other_device(id: &str) -> String {
    format!("another device ({id})")
}
