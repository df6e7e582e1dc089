//! Purging a client after the retention period, as both engines decide it
//! (the storing is [`super::SyncStore::purge_client`] and the push's purge
//! filter, in each engine's `sync` module).
//!
//! The server keeps no record, only changes; a record is what its changes
//! merge to ([`RecordState`], as on every device). So a purge:
//!
//! 1. merges the client's stored changes and reads the result as a
//!    [`Client`]; [`Retention::of`] it must have expired on the office's
//!    today, or nothing happens ([`Retained`]);
//! 2. finds the records about the client: those whose stored change bodies
//!    mention the client's id at all ([`body_patterns`], a text match the
//!    database does), merged, whose current `client_id` — the value every
//!    device shows — is the client's ([`is_about`]);
//! 3. deletes every change of those records and of the client, and gives
//!    each purged record id a cursor of the office's log, so devices learn
//!    of it on their next pull (`PullResponse::purged`).
//!
//! All in one transaction under the office's push lock: no change of the
//! client can slip in between the retention check and the deletion.
//!
//! Afterwards a push never brings a purged record back
//! ([`filter_purged`]): changes of a purged record id are dropped, and so
//! are changes of a record the server has never stored that put it under a
//! purged client (an offline device wrote a note about the client before it
//! learnt of the purge): that record id is purged too, under a new cursor.

use std::borrow::Cow;
use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};
use renkei_domain::record::RecordKind;
use renkei_domain::sync::{Change, RecordState};
use renkei_domain::{Client, Retention};
use uuid::Uuid;

use super::{DbError, DbResult};

/// The data field that ties a record to its client (plans, visit notes,
/// assessments).
pub(super) const CLIENT_ID_FIELD: &str = "client_id";

/// What one purged record id counts for against a pull page's byte cap: its
/// JSON in the `purged` list (36 characters, two quotes, a comma).
pub(super) const PURGED_ID_BYTES: i64 = 39;

/// Why a client's records may not be purged (yet).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retained {
    /// Still within the retention period: served, no end date known, or
    /// kept until a day that is not past.
    Period(Retention),
    /// The client's data does not read as a client (its merged fields do
    /// not load), so how long to keep it cannot be known: kept.
    Unreadable,
}

/// A purge done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Purged {
    pub client_id: Uuid,
    /// Every record id purged: the client first, then the records about
    /// them in id order. Their cursors are `first_cursor` onwards, in this
    /// order.
    pub records: Vec<Uuid>,
    pub first_cursor: i64,
    pub purged_at: DateTime<Utc>,
}

/// What [`super::SyncStore::purge_client`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PurgeOutcome {
    Purged(Purged),
    /// Nothing was changed.
    Retained(Retained),
}

/// The merge state of one record from its stored change bodies.
pub(super) fn merged<S: AsRef<str>>(record_id: Uuid, kind: RecordKind, bodies: &[S]) -> DbResult<RecordState> {
    let mut state = RecordState::new(record_id, kind);
    for body in bodies {
        let change: Change = serde_json::from_str(body.as_ref()).map_err(|e| DbError::Other(Box::new(e)))?;
        state.apply(&change);
    }
    Ok(state)
}

/// Whether the client whose stored change bodies are `bodies` must still be
/// kept on `today` (the office's date): `None` when it may be purged.
pub(super) fn retained<S: AsRef<str>>(client_id: Uuid, bodies: &[S], today: NaiveDate) -> DbResult<Option<Retained>> {
    let state = merged(client_id, RecordKind::Client, bodies)?;
    let Ok(client) = serde_json::from_value::<Client>(serde_json::Value::Object(state.data())) else {
        return Ok(Some(Retained::Unreadable));
    };
    let retention = Retention::of(&client);
    Ok((!retention.has_expired(today)).then_some(Retained::Period(retention)))
}

/// Whether a record is about the client: the current value of its
/// `client_id` (the winning write, as every device shows it) is the client's
/// id. A record moved to another client, or only mentioning the id in its
/// text, is not.
pub(super) fn is_about(state: &RecordState, client_id: Uuid) -> bool {
    state
        .fields
        .get(CLIENT_ID_FIELD)
        .and_then(|field| field.winner())
        .and_then(|head| serde_json::from_value::<Uuid>(head.value.clone()).ok())
        == Some(client_id)
}

/// Case-insensitive `LIKE` patterns one of which every stored change body
/// that writes the client's id matches: the id as devices write it
/// (hyphenated), and without hyphens (also read as a UUID). Bodies that
/// match are only candidates; [`is_about`] decides.
pub(super) fn body_patterns(client_id: Uuid) -> [String; 2] {
    [format!("%{}%", client_id.hyphenated()), format!("%{}%", client_id.simple())]
}

/// The record ids of a purge in the order they get their cursors: the
/// client, then the records about them by id.
pub(super) fn purge_order(client_id: Uuid, mut about: Vec<Uuid>) -> Vec<Uuid> {
    about.retain(|id| *id != client_id);
    about.sort();
    about.dedup();
    let mut records = vec![client_id];
    records.extend(about);
    records
}

/// The client ids a batch writes into `client_id` fields, distinct: a push
/// checks them against the purged clients.
pub(super) fn written_client_ids(changes: &[Change]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = changes
        .iter()
        .flat_map(|change| &change.writes)
        .filter(|write| write.field == CLIENT_ID_FIELD)
        .filter_map(|write| serde_json::from_value::<Uuid>(write.value.clone()).ok())
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

/// The record ids of a batch that put a record under one of
/// `purged_clients` and are not purged already: if the server has never
/// stored a change of such a record, it is a late record of a purged client.
pub(super) fn late_candidates(
    changes: &[Change],
    purged_records: &HashSet<Uuid>,
    purged_clients: &HashSet<Uuid>,
) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = Vec::new();
    for change in changes {
        let under_purged = change.writes.iter().any(|write| {
            write.field == CLIENT_ID_FIELD
                && serde_json::from_value::<Uuid>(write.value.clone()).is_ok_and(|id| purged_clients.contains(&id))
        });
        if under_purged && !purged_records.contains(&change.record_id) && !ids.contains(&change.record_id) {
            ids.push(change.record_id);
        }
    }
    ids
}

/// A batch without the changes of `purged` records, and those records' ids
/// (distinct, in batch order). Borrows the batch when nothing is dropped.
pub(super) fn filter_purged<'a>(changes: &'a [Change], purged: &HashSet<Uuid>) -> (Cow<'a, [Change]>, Vec<Uuid>) {
    if !changes.iter().any(|change| purged.contains(&change.record_id)) {
        return (Cow::Borrowed(changes), Vec::new());
    }
    let mut dropped: Vec<Uuid> = Vec::new();
    let mut kept = Vec::with_capacity(changes.len());
    for change in changes {
        if purged.contains(&change.record_id) {
            if !dropped.contains(&change.record_id) {
                dropped.push(change.record_id);
            }
        } else {
            kept.push(change.clone());
        }
    }
    (Cow::Owned(kept), dropped)
}

/// The distinct record ids of a batch, in order of appearance.
pub(super) fn record_ids_of(changes: &[Change]) -> Vec<Uuid> {
    let mut ids: Vec<Uuid> = Vec::new();
    for change in changes {
        if !ids.contains(&change.record_id) {
            ids.push(change.record_id);
        }
    }
    ids
}

#[cfg(test)]
mod tests {
    use renkei_domain::sync::{FieldWrite, Stamp};
    use serde_json::{json, Value};

    use super::*;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn change(record: Uuid, kind: RecordKind, seq: u64, writes: &[(&str, Value)]) -> Change {
        Change {
            device_id: "d".into(),
            seq,
            record_id: record,
            kind,
            writes: writes
                .iter()
                .map(|(field, value)| FieldWrite {
                    field: (*field).into(),
                    value: value.clone(),
                    stamp: Stamp { ms: seq as i64, counter: 0, device: "d".into() },
                    replaces: vec![],
                })
                .collect(),
            author: None,
        }
    }

    fn bodies(changes: &[Change]) -> Vec<String> {
        changes.iter().map(|c| serde_json::to_string(c).unwrap()).collect()
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_client_is_kept_until_five_years_after_the_service_ended() {
        let ended = [change(
            id(1),
            RecordKind::Client,
            1,
            &[
                ("name", json!("山田")),
                ("status", json!("ended")),
                ("services", json!([{"service": "employment_transition", "start": null, "end": "2020-03-31"}])),
            ],
        )];
        let keep = retained(id(1), &bodies(&ended), day("2025-03-31")).unwrap();
        assert_eq!(keep, Some(Retained::Period(Retention::Until(day("2025-03-31")))));
        assert_eq!(retained(id(1), &bodies(&ended), day("2025-04-01")).unwrap(), None);

        // A later change brings the client back into service: kept again.
        let mut back = ended.to_vec();
        back.push(change(id(1), RecordKind::Client, 2, &[("status", json!("active"))]));
        let keep = retained(id(1), &bodies(&back), day("2040-01-01")).unwrap();
        assert_eq!(keep, Some(Retained::Period(Retention::Serving)));

        // In the trash changes nothing; data that does not read is kept.
        let mut trashed = ended.to_vec();
        trashed.push(change(id(1), RecordKind::Client, 3, &[("_deleted", json!(true))]));
        assert_eq!(retained(id(1), &bodies(&trashed), day("2025-04-01")).unwrap(), None);
        let nameless = [change(id(1), RecordKind::Client, 1, &[("status", json!("ended"))])];
        assert_eq!(retained(id(1), &bodies(&nameless), day("2099-01-01")).unwrap(), Some(Retained::Unreadable));
    }

    #[test]
    fn a_record_is_about_the_client_its_current_client_id_names() {
        let client = id(1);
        let note = |seq, value: Value| change(id(7), RecordKind::VisitNote, seq, &[("client_id", value)]);
        let state = |changes: &[Change]| merged(id(7), RecordKind::VisitNote, &bodies(changes)).unwrap();
        assert!(is_about(&state(&[note(1, json!(client.to_string()))]), client));
        assert!(is_about(&state(&[note(1, json!(client.simple().to_string().to_uppercase()))]), client));
        // Moved to another client afterwards: no longer about this one.
        let mut moved = vec![note(1, json!(client.to_string()))];
        let mut to_other = note(2, json!(id(2).to_string()));
        to_other.writes[0].replaces = vec![moved[0].writes[0].stamp.clone()];
        moved.push(to_other);
        assert!(!is_about(&state(&moved), client));
        // Only mentioned in the text, or no client at all.
        let text = change(id(7), RecordKind::VisitNote, 1, &[("text", json!(format!("{client} の件")))]);
        assert!(!is_about(&state(&[text]), client));
        assert!(!is_about(&state(&[note(1, json!("not a uuid"))]), client));
        // The database's text match finds both spellings.
        let [hyphenated, simple] = body_patterns(client);
        assert_eq!(hyphenated, "%00000000-0000-0000-0000-000000000001%");
        assert_eq!(simple, "%00000000000000000000000000000001%");
    }

    #[test]
    fn a_purge_gives_the_client_the_first_cursor_then_its_records_by_id() {
        assert_eq!(purge_order(id(5), vec![id(9), id(3), id(9), id(5)]), vec![id(5), id(3), id(9)]);
        assert_eq!(purge_order(id(5), vec![]), vec![id(5)]);
    }

    #[test]
    fn a_push_drops_the_changes_of_purged_records_and_finds_late_records_of_purged_clients() {
        let purged_client = id(1);
        let batch = [
            change(id(1), RecordKind::Client, 1, &[("name", json!("x"))]),
            change(id(2), RecordKind::Client, 2, &[("name", json!("y"))]),
            change(id(1), RecordKind::Client, 3, &[("kana", json!("x"))]),
            change(id(8), RecordKind::VisitNote, 4, &[("client_id", json!(purged_client.to_string()))]),
            change(id(9), RecordKind::VisitNote, 5, &[("client_id", json!(id(2).to_string()))]),
        ];
        assert_eq!(written_client_ids(&batch), vec![id(1), id(2)]);
        assert_eq!(record_ids_of(&batch), vec![id(1), id(2), id(8), id(9)]);
        let purged_records = HashSet::from([id(1)]);
        assert_eq!(late_candidates(&batch, &purged_records, &HashSet::from([purged_client])), vec![id(8)]);
        assert!(late_candidates(&batch, &purged_records, &HashSet::new()).is_empty());

        let (kept, dropped) = filter_purged(&batch, &HashSet::from([id(1), id(8)]));
        assert_eq!(dropped, vec![id(1), id(8)]);
        assert_eq!(kept.iter().map(|c| c.seq).collect::<Vec<_>>(), vec![2, 5]);
        let (kept, dropped) = filter_purged(&batch, &HashSet::from([id(4)]));
        assert!(matches!(kept, Cow::Borrowed(_)) && dropped.is_empty());
    }
}
