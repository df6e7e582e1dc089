//! Reading a pull page so that one bad change cannot stop a device: the
//! page is parsed with each change left as raw text, and each change is
//! then read on its own. What does not read is set aside with its reason;
//! the rest goes to the store, which checks each change before applying it
//! (`Store::apply_remote`), and the cursor moves on.

use crate::store::{Incoming, SetAside};
use renkei_domain::sync::{Author, Change};
use serde::Deserialize;
use serde_json::value::RawValue;
use uuid::Uuid;

/// A pull page as the app applies it.
#[derive(Debug, Default)]
pub struct PulledPage {
    pub changes: Vec<Incoming>,
    pub unreadable: Vec<SetAside>,
    /// Records a 管理者 purged after their retention period.
    pub purged: Vec<Uuid>,
    pub next: i64,
    pub more: bool,
}

#[derive(Deserialize)]
struct RawPage<'a> {
    #[serde(borrow)]
    changes: Vec<RawServerChange<'a>>,
    #[serde(default)]
    purged: Vec<Uuid>,
    next: i64,
    more: bool,
}

#[derive(Deserialize)]
struct RawServerChange<'a> {
    cursor: i64,
    /// Skipped over without building values, so its depth costs nothing.
    #[serde(borrow)]
    change: &'a RawValue,
    #[serde(default)]
    author: Option<Author>,
}

/// Reads a pull page. Fails only when the page itself is not a page.
pub fn read_page(text: &str) -> Result<PulledPage, serde_json::Error> {
    let raw: RawPage = serde_json::from_str(text)?;
    let mut page = PulledPage { next: raw.next, more: raw.more, purged: raw.purged, ..Default::default() };
    for item in raw.changes {
        match serde_json::from_str::<Change>(item.change.get()) {
            Ok(change) => page.changes.push(Incoming { change, author: item.author }),
            Err(e) => page.unreadable.push(SetAside::unreadable(item.cursor, e.to_string(), item.change.get())),
        }
    }
    Ok(page)
}
