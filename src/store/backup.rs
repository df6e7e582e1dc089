//! The backup file: everything on this device out, and a file merged in.

use super::client_list::ListPatch;
use super::outbox::queue_change;
use super::records::row_of;
use super::replica::put_rebuilt;
use super::replica::state_of;
use super::schema::{MergeRow, MERGE, META, OUTBOX, RECORDS};
use super::write::with_tombstone;
use super::{emit, now_ms, Store, StoreEvent, StoreResult, SyncMeta};
use indexed_db_futures::prelude::*;
use renkei_domain::backup::{self, BackupFile, MergeReport};
use renkei_domain::sync::DELETED_FIELD;

impl Store {
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
        let mut changed = Vec::new();
        let tx = self.local_change_tx()?;
        {
            let records_store = tx.object_store(RECORDS)?;
            let outbox = tx.object_store(OUTBOX)?;
            let merge = tx.object_store(MERGE)?;
            let meta = tx.object_store(META)?;
            let mut sync = SyncMeta::load(&meta).await?;
            let mut list = ListPatch::new();
            for record in &backup::newest_copies(file.records) {
                let id = record.meta.id.to_string();
                let stored: Option<MergeRow> = merge.get(id.clone()).serde()?.await?;
                let existed = stored.is_some();
                let mut state = state_of(stored, record.meta.id, record.kind)?;
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
                changed.push(record.meta.id);
                let conflicts_before = state.conflicted_fields().len();
                // Who wrote the file's values is not known here; the server records
                // the importer's account as the author.
                queue_change(&outbox, &merge, &mut sync, &mut state, writes, None, now).await?;
                if existed {
                    put_rebuilt(&records_store, &state, &mut list).await?;
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
                    list.note(&added);
                    records_store.put(row_of(&added)?).serde()?.await?;
                    report.added += 1;
                }
            }
            list.save(&meta).await?;
            sync.store(&meta).await?;
        }
        tx.commit().await?;
        if !changed.is_empty() {
            emit(StoreEvent::OutboxChanged);
            emit(StoreEvent::RecordsChanged(changed));
        }
        Ok(report)
    }
}
