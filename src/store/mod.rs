//! The device's database (IndexedDB): the only place the app keeps records.
//! Pages call these functions; no component touches IndexedDB directly.
//!
//! Rules that keep typed data safe (TOOLCHAIN.md): serialize before opening a
//! transaction, write a record and its outbox entry in one transaction, and
//! commit explicitly (indexed_db_futures rolls back otherwise).

mod error;
mod pending;
pub mod schema;

pub use error::StoreError;
pub use pending::{begin_write, settled, WriteGuard};

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use renkei_domain::backup::{self, BackupFile, MergeReport};
use renkei_domain::{AnyRecord, Client, ClientForm, Record, RecordKind, RecordMeta};
use schema::{DraftRow, MetaRow, OutboxRow, RecordRow, DRAFTS, META, OUTBOX, RECORDS};
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
    pub async fn write_records(&self, records: &[AnyRecord], mode: WriteMode) -> StoreResult<()> {
        let now = now_ms();
        let rows = records
            .iter()
            .map(|r| {
                Ok((
                    RecordRow {
                        id: r.meta.id.to_string(),
                        kind: r.kind.as_str().to_owned(),
                        updated_at: r.meta.updated_at.timestamp_millis() as f64,
                        deleted: r.meta.deleted,
                        payload: serde_json::to_string(r)?,
                    },
                    OutboxRow {
                        seq: None,
                        record_id: r.meta.id.to_string(),
                        kind: r.kind.as_str().to_owned(),
                        rev: r.meta.rev as f64,
                        queued_at: now,
                    },
                ))
            })
            .collect::<StoreResult<Vec<_>>>()?;

        let tx = self.db.transaction([RECORDS, OUTBOX, DRAFTS]).with_mode(TransactionMode::Readwrite).build()?;
        {
            let records_store = tx.object_store(RECORDS)?;
            let outbox = tx.object_store(OUTBOX)?;
            let drafts = tx.object_store(DRAFTS)?;
            for (row, entry) in rows {
                let id = row.id.clone();
                match mode {
                    WriteMode::Upsert => records_store.put(row).serde()?.await?,
                    WriteMode::CreateOnly => records_store.add(row).serde()?.await?,
                };
                outbox.add(entry).serde()?.await?;
                drafts.delete(id).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Saves one typed record.
    pub async fn save<T: serde::Serialize>(&self, kind: RecordKind, record: &Record<T>) -> StoreResult<()> {
        let any = AnyRecord::from_typed(kind, record)?;
        self.write_records(&[any], WriteMode::Upsert).await
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

    /// Live records of `kind`, decoded straight into their type (the kind
    /// tag in the payload is ignored), skipping tombstones unread.
    pub async fn live_of_kind<T: serde::de::DeserializeOwned>(&self, kind: RecordKind) -> StoreResult<Vec<Record<T>>> {
        self.rows_of_kind(kind)
            .await?
            .iter()
            .filter(|r| !r.deleted)
            .map(|r| Ok(serde_json::from_str(&r.payload)?))
            .collect()
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
        if let Some(id) = self.meta("device_id").await? {
            return Ok(id);
        }
        let id = format!("device-{}", Uuid::new_v4());
        self.set_meta("device_id", &id).await?;
        Ok(id)
    }

    /// Every client, typed; tombstones left out.
    pub async fn clients(&self) -> StoreResult<Vec<Record<Client>>> {
        self.live_of_kind(RecordKind::Client).await
    }

    pub async fn client(&self, id: Uuid) -> StoreResult<Option<Record<Client>>> {
        match self.record(id).await? {
            Some(r) if r.kind == RecordKind::Client => Ok(Some(r.to_typed()?)),
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

    /// Merges a backup file into this device (newer version of each record
    /// wins; nothing is deleted). Writes all or nothing.
    pub async fn import_backup(&self, file: BackupFile) -> StoreResult<MergeReport> {
        let local: HashMap<Uuid, RecordMeta> =
            self.all_records().await?.into_iter().map(|r| (r.meta.id, r.meta)).collect();
        let outcome = backup::merge(&local, file.records);
        if !outcome.to_write.is_empty() {
            self.write_records(&outcome.to_write, WriteMode::Upsert).await?;
        }
        Ok(outcome.report)
    }
}
