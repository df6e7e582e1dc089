//! The outbox: changes made on this device that the server has not yet
//! acknowledged. Batches are taken oldest first and bounded in bytes as well
//! as in number; an entry leaves only when the server has it, or when the
//! server refused it as invalid (then it is set aside, never silently lost).
//! When the server refuses the device's identity or its clock, the unsent
//! changes are rewritten, with the merge states that hold their stamps, in
//! one transaction.

use super::client_list::ListPatch;
use super::replica::put_rebuilt;
use super::schema::{MergeRow, MetaRow, OutboxRow, MERGE, META, OUTBOX, RECORDS, SET_ASIDE};
use super::sealed::{open_json, place, seal_json};
use super::session::{new_device_id, DEVICE_KEY};
use super::{now_ms, SetAside, Store, StoreError, StoreResult, SyncMeta};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use renkei_domain::sync::restamp::{renumber, restamp_state};
use renkei_domain::sync::{Change, Clock, RecordState};
use std::collections::BTreeSet;

impl Store {
    /// The oldest changes waiting for the server, with their outbox keys: at
    /// most `limit` of them and, after the first, no more than `max_bytes`
    /// of change JSON in all.
    pub async fn outbox_batch(&self, limit: u32, max_bytes: usize) -> StoreResult<Vec<(f64, Change)>> {
        let tx = self.db.transaction(OUTBOX).build()?;
        let rows: Vec<OutboxRow> =
            tx.object_store(OUTBOX)?.get_all().with_limit(limit.max(1)).serde()?.await?.collect::<Result<_, _>>()?;
        let mut bytes = 0;
        let mut batch = Vec::new();
        for row in &rows {
            let change = change_in(row)?;
            bytes += serde_json::to_string(&change)?.len();
            if !batch.is_empty() && bytes > max_bytes {
                break;
            }
            let key = row.seq.ok_or_else(|| StoreError::Corrupt("outbox entry without key".into()))?;
            batch.push((key, change));
        }
        Ok(batch)
    }

    /// Removes outbox entries the server has acknowledged.
    pub async fn ack(&self, keys: &[f64]) -> StoreResult<()> {
        let tx = self.db.transaction(OUTBOX).with_mode(TransactionMode::Readwrite).build()?;
        {
            let outbox = tx.object_store(OUTBOX)?;
            for key in keys {
                outbox.delete(*key).await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// Moves an outbox entry the server refused as invalid to the set-aside
    /// list, with the server's reason, in one step.
    pub async fn set_aside_refused(&self, key: f64, change: &Change, reason: String) -> StoreResult<()> {
        let tx = self.db.transaction([OUTBOX, SET_ASIDE]).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(OUTBOX)?.delete(key).await?;
        tx.object_store(SET_ASIDE)?.put(SetAside::refused(change, reason).sealed()?).serde()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// Gives every unsent change a new identity the server will take:
    /// - `new_device`: a new device id, numbered from 1 (the server holds
    ///   the old id for another session, or one of its numbers);
    /// - `clock_offset_ms`: the measured difference to the server's clock,
    ///   kept for all later stamps, and fresh stamps on that clock (the
    ///   server refused stamps from a clock that ran fast).
    ///
    /// The merge states and records that hold the old stamps are rewritten
    /// with them, in the same transaction, so nothing typed is lost and
    /// nothing shows as a conflict with itself. Returns how many changes
    /// were rewritten.
    pub async fn rewrite_outbox(&self, new_device: bool, clock_offset_ms: Option<i64>) -> StoreResult<usize> {
        let now = now_ms();
        let tx = self.local_change_tx()?;
        let rewritten;
        {
            let records_store = tx.object_store(RECORDS)?;
            let outbox = tx.object_store(OUTBOX)?;
            let merge = tx.object_store(MERGE)?;
            let meta = tx.object_store(META)?;
            let mut sync = SyncMeta::load(&meta).await?;
            if let Some(offset) = clock_offset_ms {
                sync.clock_offset_ms = offset;
                // Stamps restart from the corrected time: the ones ahead of
                // it were never accepted by the server.
                sync.clock.last_ms = sync.clock.last_ms.min(sync.stamp_now(now));
                sync.clock.counter = 0;
            }
            if new_device {
                let id = new_device_id();
                meta.put(MetaRow { key: DEVICE_KEY.to_owned(), value: id.clone() }).serde()?.await?;
                sync.clock = Clock { device: id, ..sync.clock.clone() };
                sync.next_seq = 0;
            }
            let rows: Vec<OutboxRow> = outbox.get_all().serde()?.await?.collect::<Result<_, _>>()?;
            let mut changes = rows.iter().map(change_in).collect::<StoreResult<Vec<Change>>>()?;
            let at = sync.stamp_now(now);
            let seqs = if new_device { Some(&mut sync.next_seq) } else { None };
            let map = renumber(&mut changes, &mut sync.clock, seqs, at);
            let records: BTreeSet<String> = changes.iter().map(|c| c.record_id.to_string()).collect();
            for (row, change) in rows.into_iter().zip(&changes) {
                outbox
                    .put(OutboxRow { change: seal_json(&place(OUTBOX, &row.record_id), change)?, ..row })
                    .serde()?
                    .await?;
            }
            let mut list = ListPatch::new();
            for id in records {
                let stored: Option<MergeRow> = merge.get(id.clone()).serde()?.await?;
                let Some(stored) = stored else { continue };
                let mut state = state_in(&stored)?;
                if !restamp_state(&mut state, &map) {
                    continue;
                }
                merge.put(merge_row(&state)?).serde()?.await?;
                put_rebuilt(&records_store, &state, &mut list).await?;
            }
            list.save(&meta).await?;
            sync.store(&meta).await?;
            rewritten = changes.len();
        }
        tx.commit().await?;
        Ok(rewritten)
    }

    /// The clock offset last measured against the server (milliseconds).
    pub async fn clock_offset(&self) -> StoreResult<i64> {
        Ok(self
            .meta(super::session::SYNC_KEY)
            .await?
            .and_then(|v| serde_json::from_str::<SyncMeta>(&v).ok())
            .map_or(0, |s| s.clock_offset_ms))
    }
}

/// Makes `writes` a change of this device on `state`'s record, by `author`
/// (the staff member signed in, if any): numbered,
/// applied to the state, queued in the outbox and the state stored, all in
/// the caller's transaction.
pub(super) async fn queue_change(
    outbox: &indexed_db_futures::object_store::ObjectStore<'_>,
    merge: &indexed_db_futures::object_store::ObjectStore<'_>,
    sync: &mut SyncMeta,
    state: &mut RecordState,
    writes: Vec<renkei_domain::sync::FieldWrite>,
    author: Option<&renkei_domain::sync::Author>,
    queued_at: f64,
) -> StoreResult<()> {
    sync.next_seq += 1;
    let change = Change {
        device_id: sync.clock.device.clone(),
        seq: sync.next_seq,
        record_id: state.id,
        kind: state.kind,
        writes,
        author: author.map(|a| a.id),
    };
    state.apply_by(&change, author);
    let id = state.id.to_string();
    let change = seal_json(&place(OUTBOX, &id), &change)?;
    outbox.add(OutboxRow { seq: None, record_id: id, queued_at, change }).serde()?.await?;
    merge.put(merge_row(state)?).serde()?.await?;
    Ok(())
}

/// The change an outbox entry holds.
fn change_in(row: &OutboxRow) -> StoreResult<Change> {
    open_json(&place(OUTBOX, &row.record_id), &row.change)
}

/// A record's merge state as stored.
pub(super) fn merge_row(state: &RecordState) -> StoreResult<MergeRow> {
    let id = state.id.to_string();
    Ok(MergeRow { payload: seal_json(&place(MERGE, &id), state)?, id })
}

/// The merge state a stored row holds.
pub(super) fn state_in(row: &MergeRow) -> StoreResult<RecordState> {
    open_json(&place(MERGE, &row.id), &row.payload)
}

impl Store {
    /// The changes waiting for the server, oldest first.
    pub async fn outbox(&self) -> StoreResult<Vec<Change>> {
        let tx = self.db.transaction(OUTBOX).build()?;
        let rows: Vec<OutboxRow> = tx.object_store(OUTBOX)?.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        rows.iter().map(change_in).collect()
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
}
