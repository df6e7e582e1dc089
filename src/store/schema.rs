//! The IndexedDB schema and its upgrade path. Each version adds to the one
//! before; opening an older database runs every later step in order, so a
//! device that skipped app versions still ends up on the current schema.
//!
//! Stored rows keep the whole record as one serialized `payload` string and
//! only non-sensitive index fields beside it, so encryption at rest can wrap
//! the payload later without a schema change.

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::KeyPath;
use serde::{Deserialize, Serialize};

pub const RECORDS: &str = "records";
pub const OUTBOX: &str = "outbox";
pub const DRAFTS: &str = "drafts";
pub const META: &str = "meta";
pub const MERGE: &str = "merge";
pub const SET_ASIDE: &str = "set_aside";
pub const BY_KIND: &str = "kind";

/// The schema version this app expects.
pub const CURRENT_VERSION: u32 = 4;

/// One stored record: index fields plus the serialized record.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordRow {
    pub id: String,
    pub kind: String,
    /// Milliseconds since the epoch, for "recently changed" without decoding.
    pub updated_at: f64,
    pub deleted: bool,
    /// The whole `AnyRecord` as JSON.
    pub payload: String,
}

/// A change waiting to be sent to the office server, written in the same
/// transaction as the record it changes and removed only once the server
/// has acknowledged it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct OutboxRow {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub seq: Option<f64>,
    pub record_id: String,
    pub queued_at: f64,
    /// The protocol `Change` as JSON.
    pub change: String,
}

/// A record's per-field merge state (`renkei_domain::sync::RecordState`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MergeRow {
    pub id: String,
    pub payload: String,
}

/// What the user typed that is not (yet) a valid record, so nothing typed is
/// lost before it validates.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DraftRow {
    pub id: String,
    pub kind: String,
    pub saved_at: f64,
    pub payload: String,
}

/// Something this device received or made but cannot use (a change that
/// does not read, a record that does not load, a change the server refused
/// as invalid), kept with the reason instead of stopping sync for everything
/// else. Listed in 設定.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetAsideRow {
    /// `in:<cursor>`, `out:<device>:<seq>` or `record:<id>`.
    pub key: String,
    /// When it was set aside (milliseconds since the epoch).
    pub at: f64,
    pub reason: String,
    /// What was set aside, as received or as it was to be sent.
    pub payload: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MetaRow {
    pub key: String,
    pub value: String,
}

/// Version 1: the records store with its kind index.
fn upgrade_to_v1(db: &Database) -> indexed_db_futures::Result<()> {
    let records = db.create_object_store(RECORDS).with_key_path(KeyPath::One("id")).build()?;
    records.create_index(BY_KIND, KeyPath::One("kind")).build()?;
    Ok(())
}

/// Version 2: the sync outbox, drafts of unfinished input, and device metadata.
fn upgrade_to_v2(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(OUTBOX).with_key_path(KeyPath::One("seq")).with_auto_increment(true).build()?;
    db.create_object_store(DRAFTS).with_key_path(KeyPath::One("id")).build()?;
    db.create_object_store(META).with_key_path(KeyPath::One("key")).build()?;
    Ok(())
}

/// Version 3: per-field merge states, and the outbox now holds protocol
/// changes. Version 2 outbox entries only named records; they are dropped,
/// and every record without a merge state gets a fresh change after opening
/// (`Store::seed_merge_states`), so nothing waits unsent.
fn upgrade_to_v3(db: &Database) -> indexed_db_futures::Result<()> {
    db.delete_object_store(OUTBOX)?;
    db.create_object_store(OUTBOX).with_key_path(KeyPath::One("seq")).with_auto_increment(true).build()?;
    db.create_object_store(MERGE).with_key_path(KeyPath::One("id")).build()?;
    Ok(())
}

/// Version 4: changes and records set aside instead of stopping sync.
fn upgrade_to_v4(db: &Database) -> indexed_db_futures::Result<()> {
    db.create_object_store(SET_ASIDE).with_key_path(KeyPath::One("key")).build()?;
    Ok(())
}

/// Runs every step after `old` up to and including `new`.
pub fn upgrade(db: &Database, old: u32, new: u32) -> indexed_db_futures::Result<()> {
    let steps: [fn(&Database) -> indexed_db_futures::Result<()>; CURRENT_VERSION as usize] =
        [upgrade_to_v1, upgrade_to_v2, upgrade_to_v3, upgrade_to_v4];
    for (index, step) in steps.iter().enumerate() {
        let version = index as u32 + 1;
        if version > old && version <= new {
            step(db)?;
        }
    }
    Ok(())
}
