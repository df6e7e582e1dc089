//! Writing records on this device: each edit becomes a change in the
//! outbox in the same transaction as the record.

use super::client_list::ListPatch;
use super::outbox::queue_change;
use super::records::row_of;
use super::replica::state_of;
use super::schema::{DRAFTS, MERGE, META, OUTBOX, RECORDS};
use super::session::signed_in_author;
use super::{emit, now_ms, Store, StoreEvent, StoreResult, SyncMeta};
use indexed_db_futures::prelude::*;
use renkei_domain::sync::DELETED_FIELD;
use renkei_domain::{AnyRecord, Record, RecordKind};
use uuid::Uuid;

/// How a batch of records is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMode {
    /// Insert or replace.
    Upsert,
    /// Insert only: an existing id fails the whole batch.
    CreateOnly,
}

/// Record data as merge fields: the data's top-level fields plus the
/// tombstone.
pub(super) fn with_tombstone(data: serde_json::Value, deleted: bool) -> serde_json::Map<String, serde_json::Value> {
    let mut map = match data {
        serde_json::Value::Object(map) => map,
        _ => serde_json::Map::new(),
    };
    map.insert(DELETED_FIELD.to_owned(), serde_json::Value::Bool(deleted));
    map
}

impl Store {
    /// Writes records, each with its outbox entry, in one transaction: all
    /// or nothing. Drafts of those records are removed in the same step.
    /// What changed is found against the stored merge state (as for an
    /// import); editors use [`Store::save_edit`].
    pub async fn write_records(&self, records: &[AnyRecord], mode: WriteMode) -> StoreResult<()> {
        let items: Vec<_> = records.iter().map(|r| (r, None)).collect();
        self.write(&items, mode, None).await
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
        self.save_edit_from_draft(kind, record, base, None).await
    }

    /// [`Store::save_edit`] for an editor whose unsaved input is kept under
    /// `draft_key`: the draft is removed in the same transaction, so a
    /// killed browser leaves either the draft or the record, never neither.
    pub async fn save_edit_from_draft<T: serde::Serialize>(
        &self,
        kind: RecordKind,
        record: &Record<T>,
        base: Option<&T>,
        draft_key: Option<&str>,
    ) -> StoreResult<()> {
        let any = AnyRecord::from_typed(kind, record)?;
        let base = base.map(serde_json::to_value).transpose()?.map(|v| with_tombstone(v, record.meta.deleted));
        self.write(&[(&any, base)], WriteMode::Upsert, draft_key).await
    }

    async fn write(
        &self,
        items: &[(&AnyRecord, Option<serde_json::Map<String, serde_json::Value>>)],
        mode: WriteMode,
        draft_key: Option<&str>,
    ) -> StoreResult<()> {
        let now = now_ms();
        let mut queued = false;
        let rows = items.iter().map(|(r, _)| row_of(r)).collect::<StoreResult<Vec<_>>>()?;

        let tx = self.local_change_tx()?;
        {
            let records_store = tx.object_store(RECORDS)?;
            let outbox = tx.object_store(OUTBOX)?;
            let drafts = tx.object_store(DRAFTS)?;
            let merge = tx.object_store(MERGE)?;
            let meta = tx.object_store(META)?;
            let mut sync = SyncMeta::load(&meta).await?;
            let author = signed_in_author(&meta).await?;
            let mut list = ListPatch::new();
            for ((record, base), row) in items.iter().zip(rows) {
                let id = row.id.clone();
                let mut state = state_of(merge.get(id.clone()).serde()?.await?, record.meta.id, record.kind)?;
                let data = with_tombstone(record.data.clone(), record.meta.deleted);
                let at = sync.stamp_now(now);
                let writes = state.edit_from(base.as_ref(), &data, &mut sync.clock, at);
                if !writes.is_empty() {
                    queued = true;
                    queue_change(&outbox, &merge, &mut sync, &mut state, writes, author.as_ref(), now).await?;
                }
                // The stored record is the merged view, not the caller's copy:
                // an editor opened before another device's (or another
                // page's) change to a different field must not hide it.
                let row = if state.fields.is_empty() {
                    list.note(record);
                    row
                } else {
                    let mut merged = (*record).clone();
                    merged.data = serde_json::Value::Object(state.data());
                    state.sign(&mut merged.meta);
                    list.note(&merged);
                    row_of(&merged)?
                };
                match mode {
                    WriteMode::Upsert => records_store.put(row).serde()?.await?,
                    WriteMode::CreateOnly => records_store.add(row).serde()?.await?,
                };
                drafts.delete(id).await?;
            }
            if let Some(key) = draft_key {
                drafts.delete(key).await?;
            }
            list.save(&meta).await?;
            sync.store(&meta).await?;
        }
        tx.commit().await?;
        if queued {
            emit(StoreEvent::OutboxChanged);
        }
        Ok(())
    }

    /// Saves one typed record.
    pub async fn save<T: serde::Serialize>(&self, kind: RecordKind, record: &Record<T>) -> StoreResult<()> {
        let any = AnyRecord::from_typed(kind, record)?;
        self.write_records(&[any], WriteMode::Upsert).await
    }

    /// Changes one record of `kind` as it is stored now: `change` edits the
    /// data and says whether it changed anything; only what it changed is
    /// written, by `actor`. `None` when there is no such record. For a
    /// one-tap change outside an editor (a follow-up ticked done).
    pub async fn modify<T>(
        &self,
        kind: RecordKind,
        id: Uuid,
        actor: &str,
        change: impl FnOnce(&mut T) -> bool,
    ) -> StoreResult<Option<Record<T>>>
    where
        T: serde::Serialize + serde::de::DeserializeOwned + Clone,
    {
        let Some(any) = self.read_record(id).await?.filter(|r| r.kind == kind) else {
            return Ok(None);
        };
        let mut record: Record<T> = any.into_typed()?;
        let base = record.data.clone();
        if change(&mut record.data) {
            record.meta.touch(actor, chrono::Utc::now());
            self.save_edit(kind, &record, Some(&base)).await?;
        }
        Ok(Some(record))
    }

    /// Moves a record to the ゴミ箱 or brings it back. Only the tombstone
    /// field is written, so what another device edited meanwhile is kept.
    /// Returns `false` when there is no such record.
    pub async fn set_deleted(&self, id: Uuid, deleted: bool) -> StoreResult<bool> {
        let Some(mut record) = self.read_record(id).await? else {
            return Ok(false);
        };
        if record.meta.deleted == deleted {
            return Ok(true);
        }
        let base = with_tombstone(record.data.clone(), record.meta.deleted);
        let actor = self.device_id().await?;
        record.meta.touch(&actor, chrono::Utc::now());
        record.meta.deleted = deleted;
        self.write(&[(&record, Some(base))], WriteMode::Upsert, None).await?;
        Ok(true)
    }
}
