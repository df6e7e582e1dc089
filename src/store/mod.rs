//! The device's database (IndexedDB): the only place the app keeps records.
//! Pages call these functions; no component touches IndexedDB directly.
//!
//! Rules that keep typed data safe (TOOLCHAIN.md): serialize before opening a
//! transaction, write a record and its outbox entry in one transaction, and
//! commit explicitly (indexed_db_futures rolls back otherwise).

mod error;
mod outbox;
mod pending;
pub mod schema;
pub mod set_aside;

pub use error::StoreError;
pub use pending::{begin_write, settled, WriteGuard};
pub use set_aside::SetAside;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use renkei_domain::backup::{self, BackupFile, MergeReport};
use renkei_domain::sync::validate::{check_change, check_record};
use renkei_domain::sync::{Change, Clock, RecordState, SignInResponse, Stamp, DELETED_FIELD};
use renkei_domain::{AnyRecord, Client, ClientForm, Record, RecordKind, RecordMeta};
use schema::{DraftRow, MergeRow, MetaRow, OutboxRow, RecordRow, DRAFTS, MERGE, META, OUTBOX, RECORDS, SET_ASIDE};
use std::cell::RefCell;
use std::collections::HashMap;
use uuid::Uuid;

/// The database name used by the app.
pub const DB_NAME: &str = "renkei";

pub type StoreResult<T> = Result<T, StoreError>;

/// An open database.
#[derive(Clone, Debug)]
pub struct Store {
    db: Database,
}

/// Things the database tells the app outside any call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreEvent {
    /// Opening waits for another tab that keeps an older version open.
    Blocked,
    /// Another tab upgraded the database; this tab closed its connection so
    /// the upgrade could go on, and must be reloaded to keep working.
    ClosedForUpgrade,
}

type EventHandler = Box<dyn Fn(StoreEvent)>;

thread_local! {
    static OPEN: RefCell<Option<Store>> = const { RefCell::new(None) };
    static ON_EVENT: RefCell<Option<EventHandler>> = const { RefCell::new(None) };
}

/// Sets the function told about [`StoreEvent`]s (the app shows a banner).
pub fn on_event(handler: impl Fn(StoreEvent) + 'static) {
    ON_EVENT.with(|h| *h.borrow_mut() = Some(Box::new(handler)));
}

fn emit(event: StoreEvent) {
    ON_EVENT.with(|h| {
        if let Some(handler) = h.borrow().as_ref() {
            handler(event);
        }
    });
}

/// The app's database, opened on first use and kept open.
pub async fn store() -> StoreResult<Store> {
    if let Some(s) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(s);
    }
    let opened = Store::open(DB_NAME, schema::CURRENT_VERSION).await?;
    OPEN.with(|o| *o.borrow_mut() = Some(opened.clone()));
    close_when_upgraded_elsewhere(&opened);
    // Records from before schema 3 get their merge state and a change to
    // send. A failure here leaves them for the next start; the app itself
    // works either way.
    if let Err(e) = opened.seed_merge_states().await {
        web_sys::console::warn_1(&format!("seeding merge states failed: {e}").into());
    }
    Ok(opened)
}

/// A newer app in another tab cannot upgrade the schema while this tab holds
/// the database open: give way, and tell the user to reload.
fn close_when_upgraded_elsewhere(store: &Store) {
    let Ok(mut changes) = store.db.version_changes() else { return };
    let db = store.db.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if changes.recv().await.is_some() {
            OPEN.with(|o| *o.borrow_mut() = None);
            db.close();
            emit(StoreEvent::ClosedForUpgrade);
        }
    });
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Meta key of the device's sync bookkeeping.
const SYNC_KEY: &str = "sync";
/// Meta key of the signed-in session (token and staff).
const SESSION_KEY: &str = "session";

/// Meta key of the keys offices gave this device at sign-in, kept across
/// sign-outs: they let a known device sign in while strangers' failed
/// attempts hold its login back.
const DEVICE_KEYS_KEY: &str = "device_keys";

/// The device's clock, its change counter and its pull position, kept in
/// the meta store and updated in the transaction that uses them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct SyncMeta {
    clock: Clock,
    next_seq: u64,
    pull_cursor: i64,
    /// The office the cursor belongs to: a cursor is a position in one
    /// office's log and means nothing in another's.
    #[serde(default)]
    pull_office: Option<Uuid>,
    /// Server time minus device time, in milliseconds, as last measured:
    /// stamps are made on the server's time, so a device whose clock is
    /// off still writes stamps the server accepts and that order correctly.
    #[serde(default)]
    clock_offset_ms: i64,
}

impl SyncMeta {
    async fn load(meta: &indexed_db_futures::object_store::ObjectStore<'_>) -> StoreResult<SyncMeta> {
        let row: Option<MetaRow> = meta.get(SYNC_KEY).serde()?.await?;
        if let Some(row) = row {
            return Ok(serde_json::from_str(&row.value)?);
        }
        let device: Option<MetaRow> = meta.get(DEVICE_KEY).serde()?.await?;
        let device = match device {
            Some(d) => d.value,
            None => {
                let id = new_device_id();
                meta.put(MetaRow { key: DEVICE_KEY.to_owned(), value: id.clone() }).serde()?.await?;
                id
            }
        };
        Ok(SyncMeta { clock: Clock::new(device), next_seq: 0, pull_cursor: 0, pull_office: None, clock_offset_ms: 0 })
    }

    /// Now on the server's clock, for stamps.
    fn stamp_now(&self, device_now_ms: f64) -> i64 {
        device_now_ms as i64 + self.clock_offset_ms
    }

    async fn store(&self, meta: &indexed_db_futures::object_store::ObjectStore<'_>) -> StoreResult<()> {
        meta.put(MetaRow { key: SYNC_KEY.to_owned(), value: serde_json::to_string(self)? }).serde()?.await?;
        Ok(())
    }
}

const DEVICE_KEY: &str = "device_id";

fn device_key_name(office_code: &str, login: &str) -> String {
    format!("{office_code}\u{1f}{login}")
}

fn new_device_id() -> String {
    format!("device-{}", Uuid::new_v4())
}

/// Record data as merge fields: the data's top-level fields plus the
/// tombstone.
fn with_tombstone(data: serde_json::Value, deleted: bool) -> serde_json::Map<String, serde_json::Value> {
    let mut map = match data {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    map.insert(DELETED_FIELD.to_owned(), serde_json::Value::Bool(deleted));
    map
}

/// The stored row of a record: index fields beside the serialized record.
fn row_of(record: &AnyRecord) -> StoreResult<RecordRow> {
    Ok(RecordRow {
        id: record.meta.id.to_string(),
        kind: record.kind.as_str().to_owned(),
        updated_at: record.meta.updated_at.timestamp_millis() as f64,
        deleted: record.meta.deleted,
        payload: serde_json::to_string(record)?,
    })
}

/// Stores the record rebuilt from its merge state, one revision after the
/// stored one.
async fn put_rebuilt(
    records: &indexed_db_futures::object_store::ObjectStore<'_>,
    state: &RecordState,
) -> StoreResult<()> {
    let previous: Option<RecordRow> = records.get(state.id.to_string()).serde()?.await?;
    let rev = match previous {
        Some(p) => serde_json::from_str::<AnyRecord>(&p.payload)?.meta.rev + 1,
        None => 1,
    };
    records.put(row_of(&record_from_state(state, rev)?)?).serde()?.await?;
    Ok(())
}

/// The record every replica shows for a merge state.
fn record_from_state(state: &RecordState, rev: u64) -> StoreResult<AnyRecord> {
    let (created, updated) =
        state.created_and_updated().ok_or_else(|| StoreError::Corrupt("merge state without writes".into()))?;
    let at = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
    Ok(AnyRecord {
        kind: state.kind,
        meta: RecordMeta {
            id: state.id,
            office_id: None,
            created_at: at(created.ms),
            created_by: created.device,
            updated_at: at(updated.ms),
            updated_by: updated.device,
            rev,
            deleted: state.deleted(),
        },
        data: serde_json::Value::Object(state.data()),
    })
}

/// Makes `writes` a change of this device on `state`'s record: numbered,
/// applied to the state, queued in the outbox and the state stored, all in
/// the caller's transaction.
async fn queue_change(
    outbox: &indexed_db_futures::object_store::ObjectStore<'_>,
    merge: &indexed_db_futures::object_store::ObjectStore<'_>,
    sync: &mut SyncMeta,
    state: &mut RecordState,
    writes: Vec<renkei_domain::sync::FieldWrite>,
    queued_at: f64,
) -> StoreResult<()> {
    sync.next_seq += 1;
    let change = Change {
        device_id: sync.clock.device.clone(),
        seq: sync.next_seq,
        record_id: state.id,
        kind: state.kind,
        writes,
    };
    state.apply(&change);
    let id = state.id.to_string();
    let row = OutboxRow { seq: None, record_id: id.clone(), queued_at, change: serde_json::to_string(&change)? };
    outbox.add(row).serde()?.await?;
    merge.put(MergeRow { id, payload: serde_json::to_string(state)? }).serde()?.await?;
    Ok(())
}

/// How a batch of records is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Insert or replace.
    Upsert,
    /// Insert only: an existing id fails the whole batch.
    CreateOnly,
}

impl Store {
    /// Opens (creating or upgrading) the database `name` at `version`.
    pub async fn open(name: &str, version: u32) -> StoreResult<Store> {
        let db = Database::open(name)
            .with_version(version)
            .with_on_blocked(|_| {
                emit(StoreEvent::Blocked);
                Ok(())
            })
            .with_on_upgrade_needed(move |event, db| {
                let old = event.old_version() as u32;
                let new = event.new_version().map_or(version, |v| v as u32);
                schema::upgrade(&db, old, new)
            })
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Other(m) if m.contains("blocked") => StoreError::Blocked,
                other => other,
            })?;
        Ok(Store { db })
    }

    pub fn close(self) {
        self.db.close();
    }

    /// Writes records, each with its outbox entry, in one transaction: all
    /// or nothing. Drafts of those records are removed in the same step.
    /// What changed is found against the stored merge state (as for an
    /// import); editors use [`Store::save_edit`].
    pub async fn write_records(&self, records: &[AnyRecord], mode: WriteMode) -> StoreResult<()> {
        let items: Vec<_> = records.iter().map(|r| (r, None)).collect();
        self.write(&items, mode).await
    }

    /// Saves a record edited in a form that was opened on `base` (the data
    /// as loaded): only fields changed from `base` become writes, so a value
    /// another device wrote meanwhile is kept (as a conflict if both changed).
    pub async fn save_edit<T: serde::Serialize>(
        &self,
        kind: RecordKind,
        record: &Record<T>,
        base: Option<&T>,
    ) -> StoreResult<()> {
        let any = AnyRecord::from_typed(kind, record)?;
        let base = base.map(serde_json::to_value).transpose()?.map(|v| with_tombstone(v, record.meta.deleted));
        self.write(&[(&any, base)], WriteMode::Upsert).await
    }

    async fn write(
        &self,
        items: &[(&AnyRecord, Option<serde_json::Map<String, serde_json::Value>>)],
        mode: WriteMode,
    ) -> StoreResult<()> {
        let now = now_ms();
        let rows = items.iter().map(|(r, _)| row_of(r)).collect::<StoreResult<Vec<_>>>()?;

        let tx = self
            .db
            .transaction([RECORDS, OUTBOX, DRAFTS, MERGE, META])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        {
            let records_store = tx.object_store(RECORDS)?;
            let outbox = tx.object_store(OUTBOX)?;
            let drafts = tx.object_store(DRAFTS)?;
            let merge = tx.object_store(MERGE)?;
            let meta = tx.object_store(META)?;
            let mut sync = SyncMeta::load(&meta).await?;
            for ((record, base), row) in items.iter().zip(rows) {
                let id = row.id.clone();
                let stored: Option<MergeRow> = merge.get(id.clone()).serde()?.await?;
                let mut state = match stored {
                    Some(m) => serde_json::from_str(&m.payload)?,
                    None => RecordState::new(record.meta.id, record.kind),
                };
                let data = with_tombstone(record.data.clone(), record.meta.deleted);
                let at = sync.stamp_now(now);
                let writes = state.edit_from(base.as_ref(), &data, &mut sync.clock, at);
                if !writes.is_empty() {
                    queue_change(&outbox, &merge, &mut sync, &mut state, writes, now).await?;
                }
                // The stored record is the merged view, not the caller's copy:
                // an editor opened before another device's (or another
                // page's) change to a different field must not hide it.
                let row = if state.fields.is_empty() {
                    row
                } else {
                    let mut merged = (*record).clone();
                    merged.data = serde_json::Value::Object(state.data());
                    merged.meta.deleted = state.deleted();
                    row_of(&merged)?
                };
                match mode {
                    WriteMode::Upsert => records_store.put(row).serde()?.await?,
                    WriteMode::CreateOnly => records_store.add(row).serde()?.await?,
                };
                drafts.delete(id).await?;
            }
            sync.store(&meta).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Saves one typed record.
    pub async fn save<T: serde::Serialize>(&self, kind: RecordKind, record: &Record<T>) -> StoreResult<()> {
        let any = AnyRecord::from_typed(kind, record)?;
        self.write_records(&[any], WriteMode::Upsert).await
    }

    /// Gives every record that has no merge state yet (made before version
    /// 3 of the schema) one, with a change for the server.
    pub async fn seed_merge_states(&self) -> StoreResult<usize> {
        let tx = self.db.transaction(MERGE).build()?;
        let known: Vec<String> =
            tx.object_store(MERGE)?.get_all_keys().primitive()?.await?.collect::<Result<_, _>>()?;
        drop(tx);
        let missing: Vec<AnyRecord> =
            self.all_records().await?.into_iter().filter(|r| !known.contains(&r.meta.id.to_string())).collect();
        if !missing.is_empty() {
            self.write_records(&missing, WriteMode::Upsert).await?;
        }
        Ok(missing.len())
    }

    /// The changes waiting for the server, oldest first.
    pub async fn outbox(&self) -> StoreResult<Vec<Change>> {
        let tx = self.db.transaction(OUTBOX).build()?;
        let rows: Vec<OutboxRow> = tx.object_store(OUTBOX)?.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        rows.iter().map(|r| Ok(serde_json::from_str(&r.change)?)).collect()
    }

    /// Settles a conflict on `field` of record `id` with the value written
    /// at `chosen`: one change replacing every current value, queued for
    /// the server with the rebuilt record, in one transaction.
    pub async fn resolve_conflict(&self, id: Uuid, field: &str, chosen: &Stamp) -> StoreResult<()> {
        let now = now_ms();
        let tx = self.db.transaction([RECORDS, OUTBOX, MERGE, META]).with_mode(TransactionMode::Readwrite).build()?;
        {
            let records_store = tx.object_store(RECORDS)?;
            let outbox = tx.object_store(OUTBOX)?;
            let merge = tx.object_store(MERGE)?;
            let meta = tx.object_store(META)?;
            let mut sync = SyncMeta::load(&meta).await?;
            let stored: Option<MergeRow> = merge.get(id.to_string()).serde()?.await?;
            let Some(stored) = stored else { return Err(StoreError::Corrupt("no merge state".into())) };
            let mut state: RecordState = serde_json::from_str(&stored.payload)?;
            let at = sync.stamp_now(now);
            let write = state
                .resolve(field, chosen, &mut sync.clock, at)
                .ok_or_else(|| StoreError::Corrupt("the chosen value is gone".into()))?;
            queue_change(&outbox, &merge, &mut sync, &mut state, vec![write], now).await?;
            put_rebuilt(&records_store, &state).await?;
            sync.store(&meta).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The signed-in session, if any.
    pub async fn session(&self) -> StoreResult<Option<SignInResponse>> {
        self.meta(SESSION_KEY).await?.map(|v| Ok(serde_json::from_str(&v)?)).transpose()
    }

    pub async fn set_session(&self, session: &SignInResponse) -> StoreResult<()> {
        self.set_meta(SESSION_KEY, &serde_json::to_string(session)?).await
    }

    /// Signs this device out: forgets the session and removes every record
    /// of the office from this device in one transaction. The device gets a
    /// new id so its change numbering starts afresh. Callers ask the user
    /// first when changes are unsent.
    pub async fn sign_out_and_clear(&self) -> StoreResult<()> {
        let stores = [RECORDS, OUTBOX, DRAFTS, MERGE, META, SET_ASIDE];
        let tx = self.db.transaction(stores).with_mode(TransactionMode::Readwrite).build()?;
        {
            let meta = tx.object_store(META)?;
            let device_keys: Option<MetaRow> = meta.get(DEVICE_KEYS_KEY).serde()?.await?;
            for name in stores {
                tx.object_store(name)?.clear()?.await?;
            }
            if let Some(row) = device_keys {
                meta.put(row).serde()?.await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The key the office gave this device for `office_code` and `login`.
    pub async fn device_key(&self, office_code: &str, login: &str) -> StoreResult<Option<String>> {
        Ok(self.device_keys().await?.remove(&device_key_name(office_code, login)))
    }

    /// Remembers the key a sign-in gave this device.
    pub async fn set_device_key(&self, office_code: &str, login: &str, key: &str) -> StoreResult<()> {
        let mut keys = self.device_keys().await?;
        keys.insert(device_key_name(office_code, login), key.to_owned());
        self.set_meta(DEVICE_KEYS_KEY, &serde_json::to_string(&keys)?).await
    }

    async fn device_keys(&self) -> StoreResult<HashMap<String, String>> {
        Ok(self.meta(DEVICE_KEYS_KEY).await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
    }

    /// The per-field merge state of a record (values and conflicts).
    pub async fn merge_state(&self, id: Uuid) -> StoreResult<Option<RecordState>> {
        settled().await;
        let tx = self.db.transaction(MERGE).build()?;
        let row: Option<MergeRow> = tx.object_store(MERGE)?.get(id.to_string()).serde()?.await?;
        row.map(|r| Ok(serde_json::from_str(&r.payload)?)).transpose()
    }

    /// Applies changes received from the server and stores the pull cursor
    /// in the same transaction, so an interrupted pull resumes where it
    /// stopped. Records are rebuilt from their merge state.
    ///
    /// `unreadable` are the page's changes that could not be read or
    /// checked: they are set aside (listed in 設定) and the cursor moves on
    /// past them, so one bad change never stops a device's sync. A record
    /// whose merged data does not load is set aside too, and its last
    /// readable version stays shown until a later change mends it.
    ///
    /// `office` is the office the page was pulled for: if the device's
    /// session is no longer of that office (signed out, or signed in
    /// elsewhere meanwhile), nothing is written and
    /// [`StoreError::SessionChanged`] is returned. `None` skips the check
    /// (a device that is not signed in, as in tests).
    ///
    /// IndexedDB round trips dominate a large pull, so every read of the
    /// page is sent before the first is awaited, each record is merged in
    /// memory once however many of its changes the page holds, and the
    /// writes are sent together and awaited at the end (a failed one still
    /// aborts the whole transaction).
    pub async fn apply_remote(
        &self,
        changes: &[Change],
        unreadable: &[SetAside],
        next_cursor: i64,
        office: Option<Uuid>,
    ) -> StoreResult<usize> {
        // Changes per record, in the order they first appear. A change that
        // does not check is set aside here as well, whoever parsed the page.
        let mut order: Vec<Uuid> = Vec::new();
        let mut by_record: HashMap<Uuid, Vec<&Change>> = HashMap::new();
        let mut set_aside: Vec<SetAside> = unreadable.to_vec();
        for change in changes {
            if let Err(reason) = check_change(change) {
                set_aside.push(SetAside::incoming_change(change, reason));
                continue;
            }
            by_record
                .entry(change.record_id)
                .or_insert_with(|| {
                    order.push(change.record_id);
                    Vec::new()
                })
                .push(change);
        }

        let tx =
            self.db.transaction([RECORDS, MERGE, META, SET_ASIDE]).with_mode(TransactionMode::Readwrite).build()?;
        let mut applied = 0;
        {
            let records_store = tx.object_store(RECORDS)?;
            let merge = tx.object_store(MERGE)?;
            let meta = tx.object_store(META)?;
            let aside = tx.object_store(SET_ASIDE)?;
            if let Some(office) = office {
                let session: Option<MetaRow> = meta.get(SESSION_KEY).serde()?.await?;
                let current = session
                    .and_then(|row| serde_json::from_str::<SignInResponse>(&row.value).ok())
                    .map(|s| s.staff.office_id);
                if current != Some(office) {
                    // Dropped without commit: nothing of the page is kept.
                    return Err(StoreError::SessionChanged);
                }
            }
            let mut sync = SyncMeta::load(&meta).await?;
            // A device syncing for the first time has no merge states: skip
            // reading one per record.
            let known = merge.count().await? > 0;
            let flagged = aside.count().await? > 0;
            let mut reads = Vec::new();
            if known {
                for id in &order {
                    reads.push(merge.get(id.to_string()).serde()?);
                }
            }
            let mut states = Vec::with_capacity(order.len());
            let mut stored = reads.into_iter();
            for id in &order {
                let row: Option<MergeRow> = match stored.next() {
                    Some(read) => read.await?,
                    None => None,
                };
                let existed = row.is_some();
                let mut state = match row {
                    Some(m) => serde_json::from_str(&m.payload)?,
                    None => RecordState::new(*id, by_record[id][0].kind),
                };
                let mut changed = false;
                for change in &by_record[id] {
                    for w in &change.writes {
                        sync.clock.observe(&w.stamp);
                    }
                    if state.apply(change) {
                        applied += 1;
                        changed = true;
                    }
                }
                if changed {
                    states.push((state, existed));
                }
            }
            // Revisions of the records that exist already, read together.
            let mut rev_reads = Vec::new();
            for (state, existed) in &states {
                if *existed {
                    rev_reads.push(records_store.get(state.id.to_string()).serde()?);
                }
            }
            let mut revs = rev_reads.into_iter();
            let mut writes = Vec::with_capacity(states.len() * 2);
            let mut removals = Vec::new();
            for (state, existed) in &states {
                let rev = if *existed {
                    let previous: Option<RecordRow> = revs.next().expect("one read per existing record").await?;
                    match previous {
                        Some(p) => serde_json::from_str::<AnyRecord>(&p.payload)?.meta.rev + 1,
                        None => 1,
                    }
                } else {
                    1
                };
                let record = record_from_state(state, rev)?;
                match check_record(&record) {
                    Ok(()) => {
                        writes.push(records_store.put(row_of(&record)?).serde()?);
                        if flagged {
                            removals.push(aside.delete(SetAside::record_key(state.id)));
                        }
                    }
                    Err(reason) => set_aside.push(SetAside::record(&record, reason)),
                }
                let payload = serde_json::to_string(state)?;
                writes.push(merge.put(MergeRow { id: state.id.to_string(), payload }).serde()?);
            }
            for row in set_aside {
                writes.push(aside.put(row).serde()?);
            }
            sync.pull_cursor = if sync.pull_office == office { next_cursor.max(sync.pull_cursor) } else { next_cursor };
            sync.pull_office = office;
            sync.store(&meta).await?;
            for write in writes {
                write.await?;
            }
            for removal in removals {
                removal.await?;
            }
        }
        tx.commit().await?;
        Ok(applied)
    }

    /// The cursor of the last change pulled from `office`'s server (0, the
    /// start, for an office this device has not pulled from).
    pub async fn pull_cursor(&self, office: Option<Uuid>) -> StoreResult<i64> {
        Ok(self
            .meta(SYNC_KEY)
            .await?
            .and_then(|v| serde_json::from_str::<SyncMeta>(&v).ok())
            .filter(|s| s.pull_office == office)
            .map_or(0, |s| s.pull_cursor))
    }

    async fn rows_of_kind(&self, kind: RecordKind) -> StoreResult<Vec<RecordRow>> {
        settled().await;
        let tx = self.db.transaction(RECORDS).build()?;
        let rows: Vec<RecordRow> = tx
            .object_store(RECORDS)?
            .index(schema::BY_KIND)?
            .get_all()
            .with_query(kind.as_str())
            .serde()?
            .await?
            .collect::<Result<_, _>>()?;
        Ok(rows)
    }

    /// Every stored record of `kind`, tombstones included.
    pub async fn records_of_kind(&self, kind: RecordKind) -> StoreResult<Vec<AnyRecord>> {
        self.rows_of_kind(kind).await?.iter().map(|r| Ok(serde_json::from_str(&r.payload)?)).collect()
    }

    /// Live records of `kind`, typed, skipping tombstones unread. Decoded
    /// through `AnyRecord` like every typed read (see
    /// `AnyRecord::into_typed`). A row that does not decode is left out
    /// (and logged) rather than failing the whole list: one bad record must
    /// not hide all the others.
    pub async fn live_of_kind<T: serde::de::DeserializeOwned>(&self, kind: RecordKind) -> StoreResult<Vec<Record<T>>> {
        Ok(self
            .rows_of_kind(kind)
            .await?
            .iter()
            .filter(|r| !r.deleted)
            .filter_map(|r| match serde_json::from_str::<AnyRecord>(&r.payload).and_then(AnyRecord::into_typed) {
                Ok(record) => Some(record),
                Err(e) => {
                    web_sys::console::warn_1(&format!("record {} left out: {e}", r.id).into());
                    None
                }
            })
            .collect())
    }

    /// Every stored record of every kind.
    pub async fn all_records(&self) -> StoreResult<Vec<AnyRecord>> {
        settled().await;
        let tx = self.db.transaction(RECORDS).build()?;
        let rows: Vec<RecordRow> = tx.object_store(RECORDS)?.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        rows.iter().map(|r| Ok(serde_json::from_str(&r.payload)?)).collect()
    }

    pub async fn record(&self, id: Uuid) -> StoreResult<Option<AnyRecord>> {
        settled().await;
        let tx = self.db.transaction(RECORDS).build()?;
        let row: Option<RecordRow> = tx.object_store(RECORDS)?.get(id.to_string()).serde()?.await?;
        row.map(|r| Ok(serde_json::from_str(&r.payload)?)).transpose()
    }

    /// Number of changes not yet acknowledged by a server.
    pub async fn outbox_len(&self) -> StoreResult<u32> {
        let tx = self.db.transaction(OUTBOX).build()?;
        let n = tx.object_store(OUTBOX)?.count().await?;
        Ok(n)
    }

    /// How many changes wait for the server, and when the oldest was made
    /// (milliseconds since the epoch): what a browser's eviction would lose.
    pub async fn unsent_summary(&self) -> StoreResult<(u32, Option<f64>)> {
        let tx = self.db.transaction(OUTBOX).build()?;
        let outbox = tx.object_store(OUTBOX)?;
        let count = outbox.count().await?;
        let oldest: Vec<OutboxRow> = outbox.get_all().with_limit(1).serde()?.await?.collect::<Result<_, _>>()?;
        Ok((count, oldest.first().map(|r| r.queued_at)))
    }

    pub async fn save_draft<T: serde::Serialize>(&self, kind: RecordKind, id: Uuid, draft: &T) -> StoreResult<()> {
        let row = DraftRow {
            id: id.to_string(),
            kind: kind.as_str().to_owned(),
            saved_at: now_ms(),
            payload: serde_json::to_string(draft)?,
        };
        let tx = self.db.transaction(DRAFTS).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(DRAFTS)?.put(row).serde()?.await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn draft<T: serde::de::DeserializeOwned>(&self, id: Uuid) -> StoreResult<Option<T>> {
        settled().await;
        let tx = self.db.transaction(DRAFTS).build()?;
        let row: Option<DraftRow> = tx.object_store(DRAFTS)?.get(id.to_string()).serde()?.await?;
        row.map(|r| Ok(serde_json::from_str(&r.payload)?)).transpose()
    }

    pub async fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        let tx = self.db.transaction(META).build()?;
        let row: Option<MetaRow> = tx.object_store(META)?.get(key).serde()?.await?;
        Ok(row.map(|r| r.value))
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        let tx = self.db.transaction(META).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(META)?.put(MetaRow { key: key.to_owned(), value: value.to_owned() }).serde()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// This device's id, made on first use; used as the author of changes
    /// until staff sign in.
    pub async fn device_id(&self) -> StoreResult<String> {
        if let Some(id) = self.meta(DEVICE_KEY).await? {
            return Ok(id);
        }
        let id = new_device_id();
        self.set_meta(DEVICE_KEY, &id).await?;
        Ok(id)
    }

    /// Moves a record to the ゴミ箱 or brings it back. Only the tombstone
    /// field is written, so what another device edited meanwhile is kept.
    /// Returns `false` when there is no such record.
    pub async fn set_deleted(&self, id: Uuid, deleted: bool) -> StoreResult<bool> {
        let Some(mut record) = self.record(id).await? else {
            return Ok(false);
        };
        if record.meta.deleted == deleted {
            return Ok(true);
        }
        let base = with_tombstone(record.data.clone(), record.meta.deleted);
        let actor = self.device_id().await?;
        record.meta.touch(&actor, chrono::Utc::now());
        record.meta.deleted = deleted;
        self.write(&[(&record, Some(base))], WriteMode::Upsert).await?;
        Ok(true)
    }

    /// The ゴミ箱: records of every kind moved there at or after
    /// `since_ms` (milliseconds since the epoch), most recently moved first.
    /// Older tombstones stay stored, so a deletion still reaches devices that
    /// sync late, but are no longer offered for restoring.
    pub async fn trash(&self, since_ms: f64) -> StoreResult<Vec<AnyRecord>> {
        settled().await;
        let tx = self.db.transaction(RECORDS).build()?;
        let rows: Vec<RecordRow> = tx.object_store(RECORDS)?.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        let mut rows: Vec<RecordRow> = rows.into_iter().filter(|r| r.deleted && r.updated_at >= since_ms).collect();
        rows.sort_by(|a, b| b.updated_at.total_cmp(&a.updated_at));
        rows.iter().map(|r| Ok(serde_json::from_str(&r.payload)?)).collect()
    }

    /// Every client, typed; tombstones left out.
    pub async fn clients(&self) -> StoreResult<Vec<Record<Client>>> {
        self.live_of_kind(RecordKind::Client).await
    }

    pub async fn client(&self, id: Uuid) -> StoreResult<Option<Record<Client>>> {
        match self.record(id).await? {
            Some(r) if r.kind == RecordKind::Client => Ok(Some(r.into_typed()?)),
            _ => Ok(None),
        }
    }

    pub async fn client_draft(&self, id: Uuid) -> StoreResult<Option<ClientForm>> {
        self.draft(id).await
    }

    /// The backup file of everything on this device, as JSON text.
    pub async fn export_backup(&self) -> StoreResult<String> {
        let records = self.all_records().await?;
        let file = BackupFile::new(chrono::Utc::now(), records);
        Ok(serde_json::to_string_pretty(&file)?)
    }

    /// Merges a backup file into this device field by field, the way sync
    /// merges: records and fields this device lacks are added, values it
    /// already holds change nothing, and a field whose value differs keeps
    /// both as a 競合 for the user to settle, so an import never silently
    /// replaces what another device wrote. Nothing is deleted: a record in
    /// the file's ゴミ箱 stays live here if it is live here. Every imported
    /// value is queued for the server. All or nothing.
    pub async fn import_backup(&self, file: BackupFile) -> StoreResult<MergeReport> {
        let now = now_ms();
        let mut report = MergeReport::default();
        let tx = self.db.transaction([RECORDS, OUTBOX, MERGE, META]).with_mode(TransactionMode::Readwrite).build()?;
        {
            let records_store = tx.object_store(RECORDS)?;
            let outbox = tx.object_store(OUTBOX)?;
            let merge = tx.object_store(MERGE)?;
            let meta = tx.object_store(META)?;
            let mut sync = SyncMeta::load(&meta).await?;
            for record in &backup::newest_copies(file.records) {
                let id = record.meta.id.to_string();
                let stored: Option<MergeRow> = merge.get(id.clone()).serde()?.await?;
                let existed = stored.is_some();
                let mut state = match stored {
                    Some(m) => serde_json::from_str(&m.payload)?,
                    None => RecordState::new(record.meta.id, record.kind),
                };
                if state.kind != record.kind {
                    report.unchanged += 1;
                    continue;
                }
                let mut data = with_tombstone(record.data.clone(), record.meta.deleted);
                if existed {
                    data.remove(DELETED_FIELD);
                }
                let at = sync.stamp_now(now);
                let writes = state.import(&data, &mut sync.clock, at);
                if writes.is_empty() {
                    report.unchanged += 1;
                    continue;
                }
                let conflicts_before = state.conflicted_fields().len();
                queue_change(&outbox, &merge, &mut sync, &mut state, writes, now).await?;
                if existed {
                    put_rebuilt(&records_store, &state).await?;
                    if state.conflicted_fields().len() > conflicts_before {
                        report.conflicts += 1;
                    } else {
                        report.updated += 1;
                    }
                } else {
                    // A record new here keeps the file's dates and authors.
                    let mut added = record.clone();
                    added.data = serde_json::Value::Object(state.data());
                    added.meta.deleted = state.deleted();
                    records_store.put(row_of(&added)?).serde()?.await?;
                    report.added += 1;
                }
            }
            sync.store(&meta).await?;
        }
        tx.commit().await?;
        Ok(report)
    }
}
