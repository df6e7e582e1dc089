//! The access log ([`AccessLogStore`], for `api::sync` and
//! `api::access_log`): who read or wrote which client's records, when, from
//! which session, and how many; one row per client per pull page or push.
//!
//! Append-only: rows are inserted by pulls and pushes and read by 管理者;
//! nothing updates or deletes them, a purge included (they hold ids and
//! counts, never names or record data, so a purged client's rows name
//! nobody).
//!
//! Which client a record is about is the rule a purge uses
//! ([`super::purge::is_about`]): the winning write of its `client_id`
//! field; a client record is about itself. Each engine keeps that winning
//! write per record in `record_clients`, updated in the push transaction
//! from [`client_writes`], so a pull finds its records' clients with one
//! join. Records of no client (関係機関, contacts without a client) are
//! logged too, under no client: the log then shows every device that
//! received or sent anything, and a 管理者 filtering by client never sees
//! them.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::sync::{AccessAction, AccessLogEntry, Change, Stamp};
use uuid::Uuid;

use super::purge::CLIENT_ID_FIELD;
use super::rows::{StoredId, StoredTime};
use super::{DbError, DbResult, Pusher};

/// Which rows a 管理者 asks for; every field narrows the answer.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessFilter {
    pub client: Option<Uuid>,
    pub staff: Option<Uuid>,
    /// At or after.
    pub from: Option<DateTime<Utc>>,
    /// Before.
    pub until: Option<DateTime<Utc>>,
    /// Most rows answered, newest first.
    pub limit: u32,
}

/// Storage of the offices' access logs.
#[async_trait]
pub trait AccessLogStore: Send + Sync {
    /// Records that `reader` was handed the office's changes with cursors
    /// in `since + 1 ..= last` (one pull page): one `read` row per client
    /// of those changes' records, with how many distinct records. Nothing
    /// when the range holds no change (an empty page, purged ids only).
    /// Pushes record their `write` rows themselves, in their transaction
    /// ([`super::SyncStore::push`]).
    async fn log_pull(
        &self,
        office_id: Uuid,
        reader: Pusher,
        since: i64,
        last: i64,
        now: DateTime<Utc>,
    ) -> DbResult<()>;

    /// The office's rows that pass `filter`, newest first, each with the
    /// staff member's current display name.
    async fn access_log(&self, office_id: Uuid, filter: &AccessFilter) -> DbResult<Vec<AccessLogEntry>>;
}

pub(super) fn action_name(action: AccessAction) -> &'static str {
    match action {
        AccessAction::Read => "read",
        AccessAction::Write => "write",
    }
}

fn parse_action(name: &str) -> DbResult<AccessAction> {
    match name {
        "read" => Ok(AccessAction::Read),
        "write" => Ok(AccessAction::Write),
        other => Err(DbError::other(format!("unknown access action in database: {other}"))),
    }
}

/// A stored access-log row: at, staff id, staff name, session id, client
/// id, action, records.
pub(super) type AccessRow<Id, Time> = (Time, Id, String, Id, Option<Id>, String, i64);

pub(super) fn entry<Id: StoredId, Time: StoredTime>(row: AccessRow<Id, Time>) -> DbResult<AccessLogEntry> {
    let (at, staff_id, staff_name, session_id, client_id, action, records) = row;
    Ok(AccessLogEntry {
        at: at.into_time()?,
        staff_id: staff_id.into_uuid()?,
        staff_name,
        session_id: session_id.into_uuid()?,
        client_id: client_id.map(StoredId::into_uuid).transpose()?,
        action: parse_action(&action)?,
        records: u32::try_from(records).unwrap_or(u32::MAX),
    })
}

/// The latest `client_id` write of one record among a push's new changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ClientWrite {
    pub(super) record_id: Uuid,
    /// `None`: the value is no client id (null, or not a UUID).
    pub(super) client_id: Option<Uuid>,
    pub(super) stamp: Stamp,
}

/// The highest-stamped `client_id` write of each record the new changes
/// write it in, in order of first appearance. A device merges a field to
/// its highest stamp (`FieldState::winner`), so comparing stamps with the
/// stored winner ([`replaces_stored`]) keeps `record_clients` what every
/// device shows.
pub(super) fn client_writes<'a>(changes: impl IntoIterator<Item = &'a Change>) -> Vec<ClientWrite> {
    let mut order: Vec<Uuid> = Vec::new();
    let mut latest: HashMap<Uuid, ClientWrite> = HashMap::new();
    for change in changes {
        for write in change.writes.iter().filter(|write| write.field == CLIENT_ID_FIELD) {
            let candidate = ClientWrite {
                record_id: change.record_id,
                client_id: serde_json::from_value::<Uuid>(write.value.clone()).ok(),
                stamp: write.stamp.clone(),
            };
            match latest.get(&change.record_id) {
                Some(known) if known.stamp >= candidate.stamp => {}
                Some(_) => {
                    latest.insert(change.record_id, candidate);
                }
                None => {
                    order.push(change.record_id);
                    latest.insert(change.record_id, candidate);
                }
            }
        }
    }
    order.into_iter().filter_map(|id| latest.remove(&id)).collect()
}

/// Whether a write stamped `stamp` wins over the stored winner
/// `(ms, counter, device)` of the record, if there is one.
pub(super) fn replaces_stored(stamp: &Stamp, stored: Option<&(i64, i64, String)>) -> bool {
    match stored {
        None => true,
        Some((ms, counter, device)) => {
            (stamp.ms, i64::from(stamp.counter), stamp.device.as_str()) > (*ms, *counter, device.as_str())
        }
    }
}

#[cfg(test)]
mod tests {
    use renkei_domain::record::RecordKind;
    use renkei_domain::sync::FieldWrite;
    use serde_json::{json, Value};

    use super::*;

    fn write(field: &str, value: Value, ms: i64, device: &str) -> FieldWrite {
        FieldWrite {
            field: field.into(),
            value,
            stamp: Stamp { ms, counter: 0, device: device.into() },
            replaces: vec![],
        }
    }

    fn change(record: u128, writes: Vec<FieldWrite>) -> Change {
        Change {
            device_id: "d".into(),
            seq: 1,
            record_id: Uuid::from_u128(record),
            kind: RecordKind::VisitNote,
            writes,
            author: None,
        }
    }

    #[test]
    fn the_latest_client_id_write_of_each_record_wins_as_on_devices() {
        let (a, b) = (Uuid::from_u128(100), Uuid::from_u128(200));
        let batch = [
            change(1, vec![write("client_id", json!(a), 5, "d"), write("text", json!("x"), 5, "d")]),
            change(2, vec![write("text", json!("no client here"), 6, "d")]),
            change(1, vec![write("client_id", json!(b), 4, "d")]),
            change(3, vec![write("client_id", json!(null), 7, "d")]),
            change(1, vec![write("client_id", json!(b), 5, "e")]),
        ];
        let writes = client_writes(&batch);
        let found: Vec<_> = writes.iter().map(|w| (w.record_id, w.client_id, w.stamp.ms)).collect();
        // Record 1: the stamp (5, "e") beats (5, "d") and (4, "d").
        assert_eq!(found, vec![(Uuid::from_u128(1), Some(b), 5), (Uuid::from_u128(3), None, 7)]);
        assert_eq!(writes[0].stamp.device, "e");

        let stamp = Stamp { ms: 5, counter: 1, device: "a".into() };
        assert!(replaces_stored(&stamp, None));
        assert!(replaces_stored(&stamp, Some(&(5, 0, "z".into()))));
        assert!(!replaces_stored(&stamp, Some(&(5, 1, "a".into()))), "the same write again changes nothing");
        assert!(!replaces_stored(&stamp, Some(&(6, 0, "a".into()))));
    }
}
