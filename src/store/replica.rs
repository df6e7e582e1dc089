//! The sync side: merge states, changes received from the server, the pull
//! cursor, and settling conflicts.

use super::client_list::ListPatch;
use super::outbox::{merge_row, queue_change, state_in};
use super::pending::settled;
use super::purged::{forget_in, PURGE_STORES};
use super::records::{record_in, row_of};
use super::schema::{MergeRow, MetaRow, RecordRow, MERGE, META, OUTBOX, RECORDS, SET_ASIDE};
use super::session::{session_in, signed_in_author, SESSION_KEY, SYNC_KEY};
use super::write::WriteMode;
use super::{emit, now_ms, SetAside, Store, StoreError, StoreEvent, StoreResult, SyncMeta};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use renkei_domain::sync::validate::{check_change, check_record};
use renkei_domain::sync::{Author, Change, RecordState, Stamp};
use renkei_domain::{AnyRecord, RecordKind};
use std::collections::HashMap;
use uuid::Uuid;

/// A change received from the server, with the author the server records
/// for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub change: Change,
    pub author: Option<Author>,
}

impl From<Change> for Incoming {
    fn from(change: Change) -> Self {
        Incoming { change, author: None }
    }
}

/// Stores the record rebuilt from its merge state, one revision after the
/// stored one, and notes it in `list`.
pub(super) async fn put_rebuilt(
    records: &indexed_db_futures::object_store::ObjectStore<'_>,
    state: &RecordState,
    list: &mut ListPatch,
) -> StoreResult<()> {
    let previous: Option<RecordRow> = records.get(state.id.to_string()).serde()?.await?;
    let record = record_from_state(state, next_rev(previous)?)?;
    list.note(&record);
    records.put(row_of(&record)?).serde()?.await?;
    Ok(())
}

/// The revision a record rebuilt over its stored row gets.
fn next_rev(previous: Option<RecordRow>) -> StoreResult<u64> {
    Ok(match previous {
        Some(p) => record_in(&p)?.meta.rev + 1,
        None => 1,
    })
}

/// A record's merge state as stored, or a new one for a record this
/// device has not seen.
pub(super) fn state_of(row: Option<MergeRow>, id: Uuid, kind: RecordKind) -> StoreResult<RecordState> {
    match row {
        Some(m) => state_in(&m),
        None => Ok(RecordState::new(id, kind)),
    }
}

/// The record every replica shows for a merge state.
fn record_from_state(state: &RecordState, rev: u64) -> StoreResult<AnyRecord> {
    let meta = state.meta(rev).ok_or_else(|| StoreError::Corrupt("merge state without writes".into()))?;
    Ok(AnyRecord { kind: state.kind, meta, data: serde_json::Value::Object(state.data()) })
}

/// Meta key set once every record has a merge state: later writes always
/// make a record and its merge state together, so the check that reads
/// every record runs once per device, not at every start.
pub(super) const MERGE_SEEDED_KEY: &str = "merge_states_seeded";

impl Store {
    /// [`Store::seed_merge_states`] on the first start after version 3 of
    /// the schema, then never again.
    /// Whether [`Store::seed_merge_states_once`] has anything left to do.
    /// A device that holds no record yet (a new one) has nothing: it is
    /// marked done without reading further.
    pub async fn merge_states_to_seed(&self) -> StoreResult<bool> {
        if self.meta(MERGE_SEEDED_KEY).await?.is_some() {
            return Ok(false);
        }
        let tx = self.db.transaction(RECORDS).build()?;
        let records = tx.object_store(RECORDS)?.count().await?;
        drop(tx);
        if records == 0 {
            self.set_meta(MERGE_SEEDED_KEY, "1").await?;
            return Ok(false);
        }
        Ok(true)
    }

    pub async fn seed_merge_states_once(&self) -> StoreResult<()> {
        if self.meta(MERGE_SEEDED_KEY).await?.is_none() {
            self.seed_merge_states().await?;
            self.set_meta(MERGE_SEEDED_KEY, "1").await?;
        }
        Ok(())
    }

    /// Gives every record that has no merge state yet (made before version
    /// 3 of the schema) one, with a change for the server.
    pub async fn seed_merge_states(&self) -> StoreResult<usize> {
        let tx = self.db.transaction(MERGE).build()?;
        let known: std::collections::HashSet<String> =
            tx.object_store(MERGE)?.get_all_keys().primitive()?.await?.collect::<Result<_, _>>()?;
        drop(tx);
        let missing: Vec<AnyRecord> =
            self.read_all_records().await?.into_iter().filter(|r| !known.contains(&r.meta.id.to_string())).collect();
        if !missing.is_empty() {
            self.write_records(&missing, WriteMode::Upsert).await?;
        }
        Ok(missing.len())
    }

    /// The per-field merge state of a record (values and conflicts).
    pub async fn merge_state(&self, id: Uuid) -> StoreResult<Option<RecordState>> {
        settled().await;
        let tx = self.db.transaction(MERGE).build()?;
        let row: Option<MergeRow> = tx.object_store(MERGE)?.get(id.to_string()).serde()?.await?;
        row.as_ref().map(state_in).transpose()
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
        changes: &[Incoming],
        unreadable: &[SetAside],
        purged: &[Uuid],
        next_cursor: i64,
        office: Option<Uuid>,
    ) -> StoreResult<usize> {
        // Changes per record, in the order they first appear. A change that
        // does not check is set aside here as well, whoever parsed the page.
        let mut order: Vec<Uuid> = Vec::new();
        let mut by_record: HashMap<Uuid, Vec<&Incoming>> = HashMap::new();
        let mut set_aside: Vec<SetAside> = unreadable.to_vec();
        for incoming in changes.iter().filter(|c| !purged.contains(&c.change.record_id)) {
            if let Err(reason) = check_change(&incoming.change) {
                set_aside.push(SetAside::incoming_change(&incoming.change, reason));
                continue;
            }
            by_record
                .entry(incoming.change.record_id)
                .or_insert_with(|| {
                    order.push(incoming.change.record_id);
                    Vec::new()
                })
                .push(incoming);
        }

        let mut stores = vec![META];
        stores.extend(PURGE_STORES);
        let tx = self.db.transaction(stores).with_mode(TransactionMode::Readwrite).build()?;
        let mut applied = 0;
        let mut changed_ids = Vec::new();
        {
            let records_store = tx.object_store(RECORDS)?;
            let merge = tx.object_store(MERGE)?;
            let meta = tx.object_store(META)?;
            let aside = tx.object_store(SET_ASIDE)?;
            if let Some(office) = office {
                let session: Option<MetaRow> = meta.get(SESSION_KEY).serde()?.await?;
                let current = session_in(session)?.map(|s| s.staff.office_id);
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
                let mut state = state_of(row, *id, by_record[id][0].change.kind)?;
                let mut changed = false;
                for incoming in &by_record[id] {
                    for w in &incoming.change.writes {
                        sync.clock.observe(&w.stamp);
                    }
                    if state.apply_by(&incoming.change, incoming.author.as_ref()) {
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
            let mut list = ListPatch::new();
            for (state, existed) in &states {
                changed_ids.push(state.id);
                let rev =
                    if *existed { next_rev(revs.next().expect("one read per existing record").await?)? } else { 1 };
                let record = record_from_state(state, rev)?;
                match check_record(&record) {
                    Ok(()) => {
                        list.note(&record);
                        writes.push(records_store.put(row_of(&record)?).serde()?);
                        if flagged {
                            removals.push(aside.delete(SetAside::record_key(state.id)));
                        }
                    }
                    Err(reason) => set_aside.push(SetAside::record(&record, reason)),
                }
                writes.push(merge.put(merge_row(state)?).serde()?);
            }
            for row in set_aside {
                writes.push(aside.put(row.sealed()?).serde()?);
            }
            forget_in(&tx, purged, &mut list).await?;
            list.save(&meta).await?;
            changed_ids.extend_from_slice(purged);
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
        if !changed_ids.is_empty() {
            emit(StoreEvent::RecordsChanged(changed_ids));
        }
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

    /// Settles a conflict on `field` of record `id` with the value written
    /// at `chosen`: one change replacing every current value, queued for
    /// the server with the rebuilt record, in one transaction.
    pub async fn resolve_conflict(&self, id: Uuid, field: &str, chosen: &Stamp) -> StoreResult<()> {
        let now = now_ms();
        let tx = self.local_change_tx()?;
        {
            let records_store = tx.object_store(RECORDS)?;
            let outbox = tx.object_store(OUTBOX)?;
            let merge = tx.object_store(MERGE)?;
            let meta = tx.object_store(META)?;
            let mut sync = SyncMeta::load(&meta).await?;
            let stored: Option<MergeRow> = merge.get(id.to_string()).serde()?.await?;
            let Some(stored) = stored else { return Err(StoreError::Corrupt("no merge state".into())) };
            let mut state = state_in(&stored)?;
            let at = sync.stamp_now(now);
            let write = state
                .resolve(field, chosen, &mut sync.clock, at)
                .ok_or_else(|| StoreError::Corrupt("the chosen value is gone".into()))?;
            let author = signed_in_author(&meta).await?;
            queue_change(&outbox, &merge, &mut sync, &mut state, vec![write], author.as_ref(), now).await?;
            let mut list = ListPatch::new();
            put_rebuilt(&records_store, &state, &mut list).await?;
            list.save(&meta).await?;
            sync.store(&meta).await?;
        }
        tx.commit().await?;
        emit(StoreEvent::OutboxChanged);
        emit(StoreEvent::RecordsChanged(vec![id]));
        Ok(())
    }
}
