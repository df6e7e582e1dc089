//! Reading records for pages: by id, by kind, the ゴミ箱. Every read waits
//! for writes a page has started (see `pending`), so a page opened right
//! after an edit shows it.

use super::pending::settled;
use super::schema::{self, RecordRow, RECORDS};
use super::sealed::{open_json, place, seal_json};
use super::{Store, StoreResult};
use indexed_db_futures::prelude::*;
use renkei_domain::{AnyRecord, Client, Record, RecordKind};
use uuid::Uuid;

/// The stored row of a record: index fields beside the serialized record.
pub(super) fn row_of(record: &AnyRecord) -> StoreResult<RecordRow> {
    let id = record.meta.id.to_string();
    Ok(RecordRow {
        payload: seal_json(&place(RECORDS, &id), record)?,
        id,
        kind: record.kind.as_str().to_owned(),
        updated_at: record.meta.updated_at.timestamp_millis() as f64,
        deleted: record.meta.deleted,
    })
}

/// The record a stored row holds.
pub(super) fn record_in(row: &RecordRow) -> StoreResult<AnyRecord> {
    open_json(&place(RECORDS, &row.id), &row.payload)
}

impl Store {
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
        self.rows_of_kind(kind).await?.iter().map(record_in).collect()
    }

    /// Live records of `kind`, typed, skipping tombstones unread. Decoded
    /// through `AnyRecord` like every typed read (see
    /// `AnyRecord::into_typed`). A row that does not decode is left out
    /// (and logged) rather than failing the whole list: one bad record must
    /// not hide all the others.
    pub async fn live_of_kind<T: serde::de::DeserializeOwned>(&self, kind: RecordKind) -> StoreResult<Vec<Record<T>>> {
        let rows = self.rows_of_kind(kind).await?;
        crate::perf::mark(&format!("renkei:read:{}", kind.as_str()));
        let records = rows
            .iter()
            .filter(|r| !r.deleted)
            .filter_map(|r| match record_in(r).and_then(|a| Ok(a.into_typed()?)) {
                Ok(record) => Some(record),
                Err(e) => {
                    web_sys::console::warn_1(&format!("record {} left out: {e}", r.id).into());
                    None
                }
            })
            .collect();
        crate::perf::mark(&format!("renkei:decoded:{}", kind.as_str()));
        Ok(records)
    }

    /// Every stored record of every kind.
    pub async fn all_records(&self) -> StoreResult<Vec<AnyRecord>> {
        settled().await;
        self.read_all_records().await
    }

    /// [`Store::all_records`] without waiting for writes in flight (opening
    /// the database reads this while a first write may be waiting for it).
    pub(super) async fn read_all_records(&self) -> StoreResult<Vec<AnyRecord>> {
        let tx = self.db.transaction(RECORDS).build()?;
        let rows: Vec<RecordRow> = tx.object_store(RECORDS)?.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        rows.iter().map(record_in).collect()
    }

    pub async fn record(&self, id: Uuid) -> StoreResult<Option<AnyRecord>> {
        settled().await;
        self.read_record(id).await
    }

    /// [`Store::record`] without waiting for writes in flight: for a write
    /// that reads first (it holds the write barrier itself).
    pub(super) async fn read_record(&self, id: Uuid) -> StoreResult<Option<AnyRecord>> {
        let tx = self.db.transaction(RECORDS).build()?;
        let row: Option<RecordRow> = tx.object_store(RECORDS)?.get(id.to_string()).serde()?.await?;
        row.as_ref().map(record_in).transpose()
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
        rows.iter().map(record_in).collect()
    }

    /// Every client, typed; tombstones left out.
    pub async fn clients(&self) -> StoreResult<Vec<Record<Client>>> {
        self.live_of_kind(RecordKind::Client).await
    }

    pub async fn client(&self, id: Uuid) -> StoreResult<Option<Record<Client>>> {
        self.record_of(RecordKind::Client, id).await
    }

    /// Record `id`, typed, if it exists and is of `kind`.
    pub async fn record_of<T: serde::de::DeserializeOwned>(
        &self,
        kind: RecordKind,
        id: Uuid,
    ) -> StoreResult<Option<Record<T>>> {
        match self.record(id).await? {
            Some(r) if r.kind == kind => Ok(Some(r.into_typed()?)),
            _ => Ok(None),
        }
    }
}
