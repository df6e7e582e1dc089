//! The office's client list ([`ClientList`]), stored as one value in META
//! beside the records. Every transaction that writes records notes them in
//! a [`ListPatch`] and saves it before committing, so the list never
//! disagrees with the records; a device without a (current) list builds it
//! from the records on first read.

use super::pending::settled;
use super::schema::{self, MetaRow, RecordRow, META, RECORDS};
use super::{Store, StoreResult};
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use renkei_domain::{AnyRecord, ClientList, ClientSummary, RecordKind};
use std::cell::Cell;
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};

/// META key of the stored list.
pub(super) const CLIENT_LIST_KEY: &str = "client_list";

/// The global index.html leaves the stored list in (a promise of its text),
/// read while the app's code loaded.
const PREFETCHED: &str = "__renkeiClientList";

thread_local! {
    /// Whether this tab has written the list since it loaded: the value
    /// read at load is then out of date.
    static WRITTEN: Cell<bool> = const { Cell::new(false) };
}

/// The list as stored, for the first page of a start: the value index.html
/// read while the app loaded when it is there, current and nothing was
/// written since; else read from the store. Taken once.
pub async fn client_list_at_start() -> StoreResult<ClientList> {
    if let Some(list) = take_prefetched().await {
        crate::perf::mark("renkei:decoded:client_list");
        return Ok(list);
    }
    super::store().await?.client_list().await
}

async fn take_prefetched() -> Option<ClientList> {
    let window = web_sys::window()?;
    let key = JsValue::from_str(PREFETCHED);
    let promise = js_sys::Reflect::get(&window, &key).ok()?.dyn_into::<js_sys::Promise>().ok()?;
    let _ = js_sys::Reflect::delete_property(&window, &key);
    let text = wasm_bindgen_futures::JsFuture::from(promise).await.ok()?.as_string()?;
    crate::perf::mark("renkei:read:client_list");
    if WRITTEN.get() {
        return None;
    }
    current(&text)
}

/// A stored list's text as a list, if it reads and is in the current format.
fn current(text: &str) -> Option<ClientList> {
    serde_json::from_str::<ClientList>(text).ok().filter(ClientList::is_current)
}

/// Waits (at most 300 ms) for index.html's read of the list to finish,
/// without taking it: the browser opens one connection to the database at a
/// time, and the app's own open would hold that read up until it is done.
pub async fn after_prefetch() {
    let Some(window) = web_sys::window() else { return };
    let Some(read) = js_sys::Reflect::get(&window, &JsValue::from_str(PREFETCHED))
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    let limit = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 300);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&read, &limit))).await;
}

/// Marks the list read at load as out of date (every write of the list, and
/// sign-out, calls this).
pub(super) fn list_written() {
    WRITTEN.set(true);
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
        let stored: Option<MetaRow> = meta.get(CLIENT_LIST_KEY).serde()?.await?;
        let Some(stored) = stored else { return Ok(()) };
        let Some(mut list) = current(&stored.value) else {
            meta.delete(CLIENT_LIST_KEY).await?;
            return Ok(());
        };
        let mut changed = false;
        for (id, summary) in self.entries {
            changed |= list.set(id, summary);
        }
        if changed {
            meta.put(MetaRow { key: CLIENT_LIST_KEY.to_owned(), value: serde_json::to_string(&list)? })
                .serde()?
                .await?;
        }
        Ok(())
    }
}

impl Store {
    /// Every live client, in list order, as lists show them.
    pub async fn client_list(&self) -> StoreResult<ClientList> {
        settled().await;
        let stored = self.meta(CLIENT_LIST_KEY).await?;
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
            let records: Vec<AnyRecord> = rows.iter().filter_map(|r| serde_json::from_str(&r.payload).ok()).collect();
            let list = ClientList::build(&records);
            let value = serde_json::to_string(&list)?;
            tx.object_store(META)?.put(MetaRow { key: CLIENT_LIST_KEY.to_owned(), value }).serde()?.await?;
            list
        };
        tx.commit().await?;
        Ok(list)
    }
}
