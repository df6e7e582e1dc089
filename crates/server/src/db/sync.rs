//! What syncing needs from storage ([`SyncStore`], for `api::sync` and
//! `api::purge`): an office's change log, pushed to, pulled from and purged
//! of a client's records, and the decisions both engines take the same way
//! (duplicates and conflicts of a batch, device id bindings, authors, page
//! lengths; purging's are in [`super::purge`]).

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use renkei_domain::sync::{Author, Change, PullResponse, PushResponse, ServerChange, MAX_PULL_BYTES};
use uuid::Uuid;

use super::purge::PurgeOutcome;
use super::rows::StoredId;
use super::{DbError, DbResult};

/// Who pushes (or pulls: the access log names them the same way): the
/// session (device ids get bound to it) and its staff
/// member (stored with each change as who pushed it, and as its author
/// when the change names none of the office: see [`PushPlan::authors`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pusher {
    pub session_id: Uuid,
    pub staff_id: Uuid,
}

/// Storage of the offices' change logs.
#[async_trait]
pub trait SyncStore: Send + Sync {
    /// Stores the changes not stored yet, in one transaction, giving each
    /// new one the office's next cursor, the pusher's staff id and its
    /// author (see [`PushPlan::authors`]; the staff ids the batch names are
    /// looked up in one query). Bodies are stored as sent. A change
    /// whose (device id, seq) is stored already counts as a duplicate; if
    /// its body differs, [`DbError::Conflict`] and nothing of the batch is
    /// stored.
    ///
    /// Each device id of the batch is bound to the pushing session in the
    /// same transaction (see `binding_action`); one bound to another live
    /// session is [`DbError::DeviceTaken`] and nothing is stored. Pushes of
    /// one office run one after the other (office row lock / SQLite write
    /// lock), so of two sessions pushing a new device id at once exactly
    /// one gets it.
    ///
    /// Changes of purged records are dropped, not stored, and listed in the
    /// answer's `purged`; so are the changes of a record never stored before
    /// that the batch puts under a purged client, and that record id is
    /// purged (given a cursor) in the same transaction (see
    /// [`super::purge`]).
    async fn push(
        &self,
        office_id: Uuid,
        pusher: Pusher,
        changes: &[Change],
        now: DateTime<Utc>,
    ) -> DbResult<PushResponse>;

    /// Up to `limit` items of the office's log with a cursor above `since`,
    /// ascending — stored changes and purged record ids, which share the
    /// cursor sequence — and no more than fit in [`MAX_PULL_BYTES`] of
    /// stored JSON (at least one; a purged id counts
    /// [`super::purge::PURGED_ID_BYTES`]): see `page_length`. Only the
    /// sizes of the changes left out are read, never their bodies. The
    /// sizes are read in one statement, so the page is cut from one
    /// snapshot of the log. Each change comes with its recorded author
    /// (`author_id`, or for rows stored before authors `staff_id`) and that
    /// staff member's current display name; none when both are NULL (rows
    /// older than `staff_id`).
    async fn pull(&self, office_id: Uuid, since: i64, limit: u32) -> DbResult<PullResponse>;

    /// Purges a client of the office and every record about them, if the
    /// client's retention period has expired on `today` (the office's date),
    /// in one transaction under the office's push lock: deletes all their
    /// changes, gives each purged record id a cursor and records the purge
    /// (`by`, `now`). [`PurgeOutcome::Retained`] changes nothing.
    /// [`DbError::NotFound`] when the office has no client with that id
    /// (never stored, already purged, or a record of another kind).
    async fn purge_client(
        &self,
        office_id: Uuid,
        client_id: Uuid,
        by: Uuid,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> DbResult<PurgeOutcome>;
}

/// A stored change's identity within its office.
pub(super) type ChangeKey = (String, i64);

/// What a push will do, decided from the batch and the bodies already stored
/// under the batch's keys.
pub(super) struct PushPlan<'a> {
    /// New changes with their JSON, in batch order.
    pub(super) inserts: Vec<(&'a Change, String)>,
    pub(super) duplicates: u32,
}

impl PushPlan<'_> {
    /// The answer to the push once the plan is stored; `purged`: the record
    /// ids whose changes were dropped.
    pub(super) fn response(&self, purged: Vec<Uuid>) -> PushResponse {
        PushResponse { accepted: self.inserts.len() as u32, duplicates: self.duplicates, purged }
    }

    /// The distinct staff ids the new changes name as their authors: the
    /// engine finds which are staff of the office in one query.
    pub(super) fn claimed_authors(&self) -> Vec<Uuid> {
        let mut ids: Vec<Uuid> = Vec::new();
        for id in self.inserts.iter().filter_map(|(change, _)| change.author) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        ids
    }

    /// The author stored with each new change, in [`PushPlan::inserts`]
    /// order: the change's own author if it is a staff member of the office
    /// (`of_office`, the [`PushPlan::claimed_authors`] found there; disabled
    /// accounts included, since they did write it), otherwise the pusher.
    /// The device knows who was signed in when the change was made, who may
    /// not be who pushes it (a change left in a shared tablet's outbox); an
    /// id of no one in the office (another office's staff, a stale or
    /// made-up id) says nothing the server can vouch for, so the session
    /// that pushed the change answers for it.
    pub(super) fn authors(&self, of_office: &HashSet<Uuid>, pusher: Pusher) -> Vec<Uuid> {
        self.inserts
            .iter()
            .map(|(change, _)| change.author.filter(|id| of_office.contains(id)).unwrap_or(pusher.staff_id))
            .collect()
    }
}

pub(super) fn seq_of(change: &Change) -> DbResult<i64> {
    i64::try_from(change.seq).map_err(|_| DbError::other("seq out of range"))
}

pub(super) fn keys_of(changes: &[Change]) -> DbResult<Vec<ChangeKey>> {
    changes.iter().map(|change| Ok((change.device_id.clone(), seq_of(change)?))).collect()
}

/// The distinct device ids of a batch, in order of appearance.
pub(super) fn device_ids_of(changes: &[Change]) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for change in changes {
        if !ids.contains(&change.device_id.as_str()) {
            ids.push(&change.device_id);
        }
    }
    ids
}

/// What a push does with the binding of one of its device ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum BindingAction {
    /// Not bound yet: bind it to the pushing session.
    Bind,
    /// Bound to the pushing session already.
    Keep,
    /// Bound to a session that has ended (signed out, revoked, expired,
    /// account disabled): the pushing session takes it over (the same
    /// tablet, signed in again or by a colleague).
    TakeOver,
}

/// Decides from the current binding `(session id, whether that session is
/// live)` of a device id. Bound to another live session:
/// [`DbError::DeviceTaken`].
pub(super) fn binding_action(bound: Option<(Uuid, bool)>, pusher: Pusher) -> DbResult<BindingAction> {
    match bound {
        None => Ok(BindingAction::Bind),
        Some((session, _)) if session == pusher.session_id => Ok(BindingAction::Keep),
        Some((_, true)) => Err(DbError::DeviceTaken),
        Some((_, false)) => Ok(BindingAction::TakeOver),
    }
}

/// Splits a batch into new changes and duplicates. A key seen before (stored
/// or earlier in the batch) with a different change is a [`DbError::Conflict`].
pub(super) fn plan_push<'a>(changes: &'a [Change], stored: &HashMap<ChangeKey, String>) -> DbResult<PushPlan<'a>> {
    let mut in_batch: HashMap<ChangeKey, &Change> = HashMap::new();
    let mut plan = PushPlan { inserts: Vec::new(), duplicates: 0 };
    for change in changes {
        let key = (change.device_id.clone(), seq_of(change)?);
        if let Some(body) = stored.get(&key) {
            let earlier: Change = serde_json::from_str(body).map_err(|e| DbError::Other(Box::new(e)))?;
            if earlier != *change {
                return Err(DbError::Conflict);
            }
            plan.duplicates += 1;
        } else if let Some(earlier) = in_batch.get(&key) {
            if *earlier != change {
                return Err(DbError::Conflict);
            }
            plan.duplicates += 1;
        } else {
            let body = serde_json::to_string(change).map_err(|e| DbError::Other(Box::new(e)))?;
            in_batch.insert(key, change);
            plan.inserts.push((change, body));
        }
    }
    Ok(plan)
}

/// How many of the next changes of a pull go on one page, from their byte
/// sizes in cursor order (`limit + 1` of them asked for), and whether any
/// remain after those: at most `limit`, and only as many as fit in
/// [`MAX_PULL_BYTES`] together, but always at least one, so a change larger
/// than the cap still travels (alone).
fn page_length(sizes: &[i64], limit: u32) -> (usize, bool) {
    let mut total = 0i64;
    let mut length = 0;
    for &size in sizes.iter().take(limit as usize) {
        total = total.saturating_add(size);
        if length > 0 && total > MAX_PULL_BYTES as i64 {
            break;
        }
        length += 1;
    }
    (length, sizes.len() > length)
}

/// Which log an item of a pull comes from (the `source` column of the
/// engines' size queries).
pub(super) const SOURCE_CHANGE: i64 = 0;
pub(super) const SOURCE_PURGED: i64 = 1;

/// Where a pull's page ends, from the (cursor, byte size, source) of the
/// next items of the log in cursor order (`limit + 1` of them asked for):
/// see [`page_length`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct PageEnd {
    /// The page's last cursor; `None`: the page is empty.
    pub(super) last: Option<i64>,
    /// Items remain after it.
    pub(super) more: bool,
    /// The page holds changes (their bodies must be read).
    pub(super) changes: bool,
    /// The page holds purged ids (they must be read).
    pub(super) purged: bool,
}

pub(super) fn page_end(items: &[(i64, i64, i64)], limit: u32) -> PageEnd {
    let (length, more) = page_length(&items.iter().map(|&(_, size, _)| size).collect::<Vec<_>>(), limit);
    let page = &items[..length];
    PageEnd {
        last: page.last().map(|&(cursor, _, _)| cursor),
        more,
        changes: page.iter().any(|&(_, _, source)| source == SOURCE_CHANGE),
        purged: page.iter().any(|&(_, _, source)| source == SOURCE_PURGED),
    }
}

/// A stored change as a pull reads it: cursor, body, and the id and
/// current display name of the staff member recorded as its author (both
/// NULL when none is: see [`SyncStore::pull`]).
pub(super) type PulledRow<Id> = (i64, String, Option<Id>, Option<String>);

/// Turns stored rows and purged ids of one page into the answer; `next` is
/// the page's last cursor, whichever log it is in.
pub(super) fn page<Id: StoredId>(
    rows: Vec<PulledRow<Id>>,
    purged: Vec<Uuid>,
    since: i64,
    end: PageEnd,
) -> DbResult<PullResponse> {
    let changes = rows
        .into_iter()
        .map(|(cursor, body, author_id, name)| {
            let change = serde_json::from_str(&body).map_err(|e| DbError::Other(Box::new(e)))?;
            let author = match (author_id, name) {
                (Some(id), Some(name)) => Some(Author { id: id.into_uuid()?, name }),
                _ => None,
            };
            Ok(ServerChange { cursor, change, author })
        })
        .collect::<DbResult<Vec<_>>>()?;
    Ok(PullResponse { changes, next: end.last.unwrap_or(since), more: end.more, purged })
}

#[cfg(test)]
mod tests {
    use renkei_domain::record::RecordKind;
    use serde_json::json;

    use super::*;

    fn change(device: &str, seq: u64, value: &str) -> Change {
        Change {
            device_id: device.into(),
            seq,
            record_id: Uuid::from_u128(seq as u128),
            kind: RecordKind::Client,
            writes: vec![renkei_domain::sync::FieldWrite {
                field: "name".into(),
                value: json!(value),
                stamp: renkei_domain::sync::Stamp { ms: 1, counter: 0, device: device.into() },
                replaces: vec![],
            }],
            author: None,
        }
    }

    #[test]
    fn a_batch_with_the_same_change_twice_stores_it_once() {
        let batch = [change("a", 1, "x"), change("a", 1, "x"), change("a", 2, "y")];
        let plan = plan_push(&batch, &HashMap::new()).unwrap();
        assert_eq!(plan.inserts.len(), 2);
        assert_eq!(plan.duplicates, 1);
    }

    #[test]
    fn a_seq_reused_with_another_body_in_one_batch_is_a_conflict() {
        let batch = [change("a", 1, "x"), change("a", 1, "other")];
        assert!(matches!(plan_push(&batch, &HashMap::new()), Err(DbError::Conflict)));
    }

    #[test]
    fn a_stored_change_is_a_duplicate_only_with_the_same_body() {
        let stored = HashMap::from([(("a".to_owned(), 1), serde_json::to_string(&change("a", 1, "x")).unwrap())]);
        let batch = [change("a", 1, "x"), change("b", 1, "x")];
        let plan = plan_push(&batch, &stored).unwrap();
        assert_eq!((plan.inserts.len(), plan.duplicates), (1, 1));
        assert!(matches!(plan_push(&[change("a", 1, "changed")], &stored), Err(DbError::Conflict)));
    }

    #[test]
    fn a_change_keeps_its_author_only_if_they_are_staff_of_the_office() {
        let pusher = Pusher { session_id: Uuid::from_u128(1), staff_id: Uuid::from_u128(9) };
        let (colleague, stranger) = (Uuid::from_u128(10), Uuid::from_u128(11));
        let by = |seq, author| Change { author, ..change("a", seq, "x") };
        let batch = [by(1, Some(colleague)), by(2, Some(stranger)), by(3, None), by(4, Some(colleague))];
        let plan = plan_push(&batch, &HashMap::new()).unwrap();
        assert_eq!(plan.claimed_authors(), vec![colleague, stranger]);
        let of_office = HashSet::from([colleague]);
        assert_eq!(plan.authors(&of_office, pusher), vec![colleague, pusher.staff_id, pusher.staff_id, colleague]);
        // Only new changes are looked up: a batch of duplicates asks nothing.
        let stored = HashMap::from([(("a".to_owned(), 1), serde_json::to_string(&batch[0]).unwrap())]);
        let retried = plan_push(&batch[..1], &stored).unwrap();
        assert_eq!((retried.duplicates, retried.claimed_authors()), (1, vec![]));
        // The author is part of the body: the same seq with another author
        // is another change.
        assert!(matches!(plan_push(&[by(1, Some(stranger))], &stored), Err(DbError::Conflict)));
    }

    #[test]
    fn a_device_id_is_bound_once_and_taken_over_only_from_an_ended_session() {
        let me = Pusher { session_id: Uuid::from_u128(1), staff_id: Uuid::from_u128(9) };
        let other = Uuid::from_u128(2);
        assert_eq!(binding_action(None, me).unwrap(), BindingAction::Bind);
        assert_eq!(binding_action(Some((me.session_id, true)), me).unwrap(), BindingAction::Keep);
        assert_eq!(binding_action(Some((other, false)), me).unwrap(), BindingAction::TakeOver);
        assert!(matches!(binding_action(Some((other, true)), me), Err(DbError::DeviceTaken)));
        let batch = [change("a", 1, "x"), change("b", 1, "x"), change("a", 2, "x")];
        assert_eq!(device_ids_of(&batch), vec!["a", "b"]);
    }

    #[test]
    fn an_empty_page_keeps_the_cursor_and_a_full_one_says_more() {
        let nothing = page_end(&[], 10);
        assert_eq!(nothing, PageEnd { last: None, more: false, changes: false, purged: false });
        let empty = page::<Uuid>(vec![], vec![], 7, nothing).unwrap();
        assert_eq!((empty.next, empty.more, empty.changes.len()), (7, false, 0));
        let body = serde_json::to_string(&change("a", 1, "x")).unwrap();
        let named = (Some(Uuid::from_u128(9)), Some("山田".to_owned()));
        let rows = vec![(8, body.clone(), named.0, named.1), (9, body.clone(), None, None)];
        let end = page_end(&[(8, 10, SOURCE_CHANGE), (9, 10, SOURCE_CHANGE), (10, 10, SOURCE_CHANGE)], 2);
        assert_eq!(end, PageEnd { last: Some(9), more: true, changes: true, purged: false });
        let full = page(rows, vec![], 7, end).unwrap();
        assert_eq!((full.next, full.more, full.changes.len()), (9, true, 2));
        let authors: Vec<_> = full.changes.iter().map(|c| c.author.clone()).collect();
        assert_eq!(authors, vec![Some(Author { id: Uuid::from_u128(9), name: "山田".into() }), None]);
        // A page of purged ids only still moves the cursor past them.
        let end = page_end(&[(8, 39, SOURCE_PURGED), (9, 39, SOURCE_PURGED)], 5);
        assert_eq!(end, PageEnd { last: Some(9), more: false, changes: false, purged: true });
        let purged = page::<Uuid>(vec![], vec![Uuid::from_u128(1), Uuid::from_u128(2)], 7, end).unwrap();
        assert_eq!((purged.next, purged.more, purged.changes.len(), purged.purged.len()), (9, false, 0, 2));
        assert_eq!(page_length(&[10, 10, 10], 2), (2, true));
        assert_eq!(page_length(&[10, 10], 2), (2, false));
        assert_eq!(page_length(&[], 2), (0, false));
    }

    #[test]
    fn a_page_stops_at_the_byte_cap_but_holds_at_least_one_change() {
        let cap = MAX_PULL_BYTES as i64;
        let third = 300 * 1024;
        assert_eq!(page_length(&[third, third, third, third], 1000), (3, true));
        assert_eq!(page_length(&[third, third, third], 1000), (3, false));
        assert_eq!(page_length(&[cap / 2, cap / 2, 1], 1000), (2, true));
        assert_eq!(page_length(&[cap * 2, 1], 1000), (1, true));
        assert_eq!(page_length(&[cap * 2], 1000), (1, false));
        assert_eq!(page_length(&[1, cap], 1000), (1, true));
        assert_eq!(page_length(&[i64::MAX, i64::MAX], 1000), (1, true));
    }
}
