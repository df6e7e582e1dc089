//! English: ConflictsTexts.

use crate::i18n::groups::ConflictsTexts;

pub const TEXTS: ConflictsTexts = ConflictsTexts {
    title: "Conflict",
    help: "Another device changed these fields at the same time. Choose the value to keep; until then neither is lost.",
    choose: "Keep this value",
    empty: "(empty)",
    deleted: "Deleted (trash)",
};
