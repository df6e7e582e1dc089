//! English: ClientsTexts.

use crate::i18n::groups::ClientsTexts;

pub const TEXTS: ClientsTexts = ClientsTexts {
    search: "Search by name or reading",
    search_placeholder: "e.g. やまだ",
    show_archived: "Show archived clients",
    count,
    more,
    empty: "No clients yet. Use \"New client\" to add one.",
    no_match: "No matching clients.",
    new: "New client",
    badge_ended: "Ended",
};

fn count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} clients")
    } else {
        format!("{shown} of {total} clients")
    }
}
fn more(n: usize) -> String {
    format!("Show more ({n} more)")
}
