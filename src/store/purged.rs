//! Records a 管理者 purged from the office's server once their retention
//! period was over (docs/records.md). The server names them in a pull page
//! or a push answer; this device then forgets them entirely — the record,
//! its merge state, unsent changes, drafts and anything set aside — so
//! nothing of them stays on the device either.

use super::client_list::ListPatch;
use super::schema::{DraftRow, OutboxRow, DRAFTS, MERGE, META, OUTBOX, RECORDS, SET_ASIDE};
use super::{emit, SetAside, Store, StoreEvent, StoreResult};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use uuid::Uuid;

/// The stores [`forget_in`] writes; a transaction calling it must hold them
/// and META, where its `list` is saved.
pub(super) const PURGE_STORES: [&str; 5] = [RECORDS, MERGE, OUTBOX, DRAFTS, SET_ASIDE];

/// Forgets `ids` within the caller's transaction, noting them in `list`.
pub(super) async fn forget_in(tx: &Transaction<'_>, ids: &[Uuid], list: &mut ListPatch) -> StoreResult<()> {
    if ids.is_empty() {
        return Ok(());
    }
    list.forget(ids);
    let keys: Vec<String> = ids.iter().map(Uuid::to_string).collect();
    let (records, merge, aside) = (tx.object_store(RECORDS)?, tx.object_store(MERGE)?, tx.object_store(SET_ASIDE)?);
    for (id, key) in ids.iter().zip(&keys) {
        records.delete(key.as_str()).await?;
        merge.delete(key.as_str()).await?;
        aside.delete(SetAside::record_key(*id)).await?;
    }
    // Unsent changes of a purged record would only be dropped by the server.
    let outbox = tx.object_store(OUTBOX)?;
    let queued: Vec<OutboxRow> = outbox.get_all().serde()?.await?.collect::<Result<_, _>>()?;
    for row in queued.into_iter().filter(|r| keys.contains(&r.record_id)) {
        if let Some(seq) = row.seq {
            outbox.delete(seq).await?;
        }
    }
    // Drafts are keyed by their record's id, or for a record not yet made
    // by a key naming the client (a new note of a purged client).
    let drafts = tx.object_store(DRAFTS)?;
    let rows: Vec<DraftRow> = drafts.get_all().serde()?.await?.collect::<Result<_, _>>()?;
    for row in rows.into_iter().filter(|r| keys.iter().any(|k| r.id.contains(k.as_str()))) {
        drafts.delete(row.id).await?;
    }
    Ok(())
}

impl Store {
    /// Forgets records the server says were purged.
    pub async fn forget_purged(&self, ids: &[Uuid]) -> StoreResult<()> {
        if ids.is_empty() {
            return Ok(());
        }
        let mut stores = vec![META];
        stores.extend(PURGE_STORES);
        let tx = self.db.transaction(stores).with_mode(TransactionMode::Readwrite).build()?;
        let mut list = ListPatch::new();
        forget_in(&tx, ids, &mut list).await?;
        list.save(&tx.object_store(META)?).await?;
        tx.commit().await?;
        emit(StoreEvent::RecordsChanged(ids.to_vec()));
        Ok(())
    }
}
