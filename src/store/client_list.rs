//! The office's client list ([`ClientList`]), stored in META beside the
//! records. Every transaction that writes records notes them in a
//! [`ListPatch`] and saves it before committing, so the list never
//! disagrees with the records; a device without a (current) list builds it
//! from the records on first read.
//!
//! The list's JSON is stored in chunks (`client_list/0000`, `…/0001`, …) of
//! at most 30,000 UTF-16 units: Chromium moves a value of over 64 KB (as
//! serialised: two bytes a unit once a text holds Japanese) into a blob of
//! its own, and delivers a blob-backed read only after a round of main-thread
//! tasks, which at start-up are the app's compiling and first render (60–80 ms
//! measured with 2,000 clients). Chunks come back with the read itself.
//! The list is sealed as a whole (`sealed.rs`) and the sealed text cut into
//! chunks, so index.html can join them without the key.

use super::pending::settled;
use super::records::record_in;
use super::schema::{self, MetaRow, RecordRow, META, RECORDS};
use super::sealed::{open_json, seal_json};
use super::{Store, StoreResult};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use indexed_db_futures::KeyRange;
use renkei_domain::{AnyRecord, ClientList, ClientSummary, RecordKind};
use std::cell::Cell;
use uuid::Uuid;

/// META keys of the stored list's chunks: this prefix and a 4-digit number.
/// index.html reads the same range while the app loads.
const CHUNK_PREFIX: &str = "client_list/";
/// Where an earlier version stored the list in one value; dropped on write.
/// Also what the list is sealed for.
const OLD_KEY: &str = "client_list";
/// UTF-16 units per chunk: 60,000 bytes serialised at most, under 64 KB.
const CHUNK_UNITS: usize = 30_000;

thread_local! {
    /// Whether this tab has written the list since it loaded: the value
    /// read at load is then out of date.
    static WRITTEN: Cell<bool> = const { Cell::new(false) };
}

/// The list as stored, for the first page of a start: the value index.html
/// read while the app loaded when it is there, current and nothing was
/// written since; else read from the store. Taken once.
pub async fn client_list_at_start() -> StoreResult<ClientList> {
    if let Some(text) = super::list_prefetch::take().await {
        crate::perf::mark("renkei:read:client_list");
        if let Some(list) = current(&text).filter(|_| !WRITTEN.get()) {
            crate::perf::mark("renkei:decoded:client_list");
            return Ok(list);
        }
    }
    super::store().await?.client_list().await
}

/// A stored list's text as a list, if it opens, reads and is in the current
/// format.
fn current(text: &str) -> Option<ClientList> {
    open_json::<ClientList>(&sealed_place(), text).ok().filter(ClientList::is_current)
}

fn sealed_place() -> String {
    super::sealed::place(META, OLD_KEY)
}

/// Whether a meta row holds (part of) the stored client list.
pub(super) fn holds_list(key: &str) -> bool {
    key == OLD_KEY || key.starts_with(CHUNK_PREFIX)
}

/// Whether a meta row is the start of a list stored plain (by a version
/// before encryption, or before this device had a key).
pub(super) fn is_plain_list_start(key: &str, value: &str) -> bool {
    (key == OLD_KEY || key == format!("{CHUNK_PREFIX}0000")) && !renkei_domain::vault::is_sealed(value)
}

/// Marks the list read at load as out of date (every write of the list, and
/// sign-out, calls this).
pub(super) fn list_written() {
    WRITTEN.set(true);
}

fn chunk_range() -> KeyRange<String> {
    KeyRange::Bound(CHUNK_PREFIX.to_owned(), false, format!("{CHUNK_PREFIX}\u{ffff}"), false)
}

/// The stored list's text, joined from its chunks (None: nothing stored).
async fn read_text(meta: &ObjectStore<'_>) -> StoreResult<Option<String>> {
    let rows: Vec<MetaRow> =
        meta.get_all().with_query::<String, _>(chunk_range()).serde()?.await?.collect::<Result<_, _>>()?;
    Ok((!rows.is_empty()).then(|| rows.into_iter().map(|r| r.value).collect()))
}

/// Stores `text` as the list, replacing what was stored.
async fn write_text(meta: &ObjectStore<'_>, text: &str) -> StoreResult<()> {
    delete_text(meta).await?;
    for (n, chunk) in chunks(text).enumerate() {
        meta.put(MetaRow { key: format!("{CHUNK_PREFIX}{n:04}"), value: chunk.to_owned() }).serde()?.await?;
    }
    Ok(())
}

async fn delete_text(meta: &ObjectStore<'_>) -> StoreResult<()> {
    meta.delete::<String, _>(chunk_range()).await?;
    meta.delete(OLD_KEY).await?;
    Ok(())
}

/// `text` cut at character boundaries into pieces of at most CHUNK_UNITS
/// UTF-16 units.
fn chunks(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut units = 0;
        let end = rest
            .char_indices()
            .find_map(|(i, c)| {
                units += c.len_utf16();
                (units > CHUNK_UNITS).then_some(i)
            })
            .unwrap_or(rest.len());
        let (chunk, tail) = rest.split_at(end);
        rest = tail;
        Some(chunk)
    })
}

/// Client records written by one transaction, for the stored list.
#[derive(Debug, Default)]
#[must_use = "a patch must be saved in its transaction"]
pub(super) struct ListPatch {
    entries: Vec<(Uuid, Option<ClientSummary>)>,
}

impl ListPatch {
    pub(super) fn new() -> Self {
        Self::default()
    }

    /// Notes a record as it is stored now (records of other kinds are ignored).
    pub(super) fn note(&mut self, record: &AnyRecord) {
        if record.kind == RecordKind::Client {
            self.entries.push((record.meta.id, ClientSummary::from_any(record)));
        }
    }

    /// Notes records forgotten entirely (purged), whatever their kind.
    pub(super) fn forget(&mut self, ids: &[Uuid]) {
        self.entries.extend(ids.iter().map(|id| (*id, None)));
    }

    /// Applies the patch to the stored list within the caller's transaction.
    /// Without a stored current list there is nothing to patch: the next
    /// read builds it from the records, this transaction's included.
    pub(super) async fn save(self, meta: &ObjectStore<'_>) -> StoreResult<()> {
        if self.entries.is_empty() {
            return Ok(());
        }
        list_written();
        let Some(stored) = read_text(meta).await? else { return Ok(()) };
        let Some(mut list) = current(&stored) else {
            delete_text(meta).await?;
            return Ok(());
        };
        let mut changed = false;
        for (id, summary) in self.entries {
            changed |= list.set(id, summary);
        }
        if changed {
            write_text(meta, &seal_json(&sealed_place(), &list)?).await?;
        }
        Ok(())
    }
}

impl Store {
    /// The list's text as stored (None: none stored yet).
    pub async fn stored_client_list(&self) -> StoreResult<Option<String>> {
        let tx = self.db.transaction(META).build()?;
        read_text(&tx.object_store(META)?).await
    }

    /// Replaces the stored list's text as it is (a value an earlier version
    /// left, in tests); nothing checks it here, the next read does.
    pub async fn store_client_list_text(&self, text: &str) -> StoreResult<()> {
        let tx = self.db.transaction(META).with_mode(TransactionMode::Readwrite).build()?;
        write_text(&tx.object_store(META)?, text).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Every live client, in list order, as lists show them.
    pub async fn client_list(&self) -> StoreResult<ClientList> {
        settled().await;
        let stored = self.stored_client_list().await?;
        crate::perf::mark("renkei:read:client_list");
        if let Some(list) = stored.as_deref().and_then(current) {
            crate::perf::mark("renkei:decoded:client_list");
            return Ok(list);
        }
        self.rebuild_client_list().await
    }

    /// Builds the list from the client records and stores it, in one
    /// transaction so no write slips in between.
    pub async fn rebuild_client_list(&self) -> StoreResult<ClientList> {
        list_written();
        let tx = self.db.transaction([RECORDS, META]).with_mode(TransactionMode::Readwrite).build()?;
        let list = {
            let rows: Vec<RecordRow> = tx
                .object_store(RECORDS)?
                .index(schema::BY_KIND)?
                .get_all()
                .with_query(RecordKind::Client.as_str())
                .serde()?
                .await?
                .collect::<Result<_, _>>()?;
            let records: Vec<AnyRecord> = rows.iter().filter_map(|r| record_in(r).ok()).collect();
            let list = ClientList::build(&records);
            let value = seal_json(&sealed_place(), &list)?;
            write_text(&tx.object_store(META)?, &value).await?;
            list
        };
        tx.commit().await?;
        Ok(list)
    }
}
