//! Push and pull. The server is a relay: it checks and stores changes and
//! hands them out in the office's cursor order; devices merge them.

use axum::extract::State;
use axum::Json;
use chrono::{DateTime, Utc};
use renkei_domain::sync::validate::check_change;
use renkei_domain::sync::{
    PullResponse, PushRequest, PushResponse, MAX_CLOCK_SKEW_MS, MAX_PULL_LIMIT, MAX_PUSH_CHANGES,
};
use serde::Deserialize;
use tracing::instrument;

use super::error::pull_limit_message;
use super::extract::{AppJson, AppQuery, Session};
use super::{ApiError, ApiState};
use crate::db::{DbError, Pusher};

/// Page size when the app does not ask for one.
pub(crate) const DEFAULT_PULL_LIMIT: u32 = 500;
/// Longest device id, field name or stamp device, in characters.
const MAX_ID_CHARS: usize = 100;

/// `POST /api/sync/push`. Changes of purged records are dropped, not stored,
/// and named in the answer's `purged`.
#[instrument(skip_all, fields(office = %session.staff.office_id, changes = request.changes.len()))]
pub(crate) async fn push(
    State(state): State<ApiState>,
    session: Session,
    AppJson(request): AppJson<PushRequest>,
) -> Result<Json<PushResponse>, ApiError> {
    let now = state.clock.now();
    check_push(&request, now)?;
    let pusher = Pusher { session_id: session.id, staff_id: session.staff.id };
    match state.db.push(session.staff.office_id, pusher, &request.changes, now).await {
        Ok(response) => {
            if response.purged.is_empty() {
                tracing::info!(accepted = response.accepted, duplicates = response.duplicates, "pushed");
            } else {
                // Changes of purged records were dropped (docs/sync.md).
                let purged = response.purged.len();
                tracing::info!(accepted = response.accepted, duplicates = response.duplicates, purged, "pushed");
            }
            Ok(Json(response))
        }
        Err(DbError::Conflict) => {
            tracing::warn!("push refused: seq reused with a different change");
            Err(ApiError::SeqReused)
        }
        Err(DbError::DeviceTaken) => {
            tracing::warn!("push refused: device id bound to another live session");
            Err(ApiError::DeviceTaken)
        }
        Err(error) => Err(error.into()),
    }
}

/// Everything a push must satisfy before anything is stored: at most
/// [`MAX_PUSH_CHANGES`] changes, all of one device, each with sane ids,
/// no stamp too far in the future, and each passing the domain's
/// [`check_change`] (value depth, field types, stamps of the change's
/// device). A bad change is named by its index, `changes[i]`.
fn check_push(request: &PushRequest, now: DateTime<Utc>) -> Result<(), ApiError> {
    if request.changes.len() > MAX_PUSH_CHANGES {
        return Err(ApiError::TooManyChanges);
    }
    let latest = now.timestamp_millis() + MAX_CLOCK_SKEW_MS;
    let device = request.changes.first().map(|change| change.device_id.as_str());
    for (index, change) in request.changes.iter().enumerate() {
        let bad = |what: &str| ApiError::BadChange(format!("changes[{index}]: {what}"));
        if change.device_id.is_empty() || change.device_id.chars().count() > MAX_ID_CHARS {
            return Err(bad(&format!("device_id must be 1 to {MAX_ID_CHARS} characters")));
        }
        if Some(change.device_id.as_str()) != device {
            return Err(bad("all changes of one push must come from one device (the device_id of changes[0])"));
        }
        if change.seq == 0 || i64::try_from(change.seq).is_err() {
            return Err(bad("seq must be at least 1 (and fit in 63 bits)"));
        }
        for write in &change.writes {
            if write.field.is_empty() || write.field.chars().count() > MAX_ID_CHARS {
                return Err(bad(&format!("field names must be 1 to {MAX_ID_CHARS} characters")));
            }
            if write.stamp.device.is_empty() || write.stamp.device.chars().count() > MAX_ID_CHARS {
                return Err(bad(&format!("stamp.device must be 1 to {MAX_ID_CHARS} characters")));
            }
            if write.stamp.ms > latest {
                return Err(ApiError::BadStamp);
            }
        }
        check_change(change).map_err(|what| bad(&what))?;
    }
    Ok(())
}

#[derive(Debug, Deserialize)]
pub(crate) struct PullQuery {
    #[serde(default)]
    since: i64,
    limit: Option<u32>,
}

/// `GET /api/sync/pull?since=<cursor>&limit=<n>`: the next page of the
/// office's log, changes and purged record ids in one cursor order. Each
/// page is recorded in the access log (one `read` row per client).
#[instrument(skip_all, fields(office = %session.staff.office_id))]
pub(crate) async fn pull(
    State(state): State<ApiState>,
    session: Session,
    AppQuery(query): AppQuery<PullQuery>,
) -> Result<Json<PullResponse>, ApiError> {
    let limit = query.limit.unwrap_or(DEFAULT_PULL_LIMIT);
    if !(1..=MAX_PULL_LIMIT).contains(&limit) {
        return Err(ApiError::BadQuery(pull_limit_message()));
    }
    let office_id = session.staff.office_id;
    let page = state.db.pull(office_id, query.since, limit).await?;
    // Logged before the page is handed out: no read goes unrecorded (a
    // failure to log fails the pull, and the device asks again).
    let reader = Pusher { session_id: session.id, staff_id: session.staff.id };
    state.db.log_pull(office_id, reader, query.since, page.next, state.clock.now()).await?;
    Ok(Json(page))
}

#[cfg(test)]
mod tests {
    use renkei_domain::record::RecordKind;
    use renkei_domain::sync::{Change, FieldWrite, Stamp};
    use serde_json::json;
    use uuid::Uuid;

    use super::*;

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp_millis(1_764_000_000_000).unwrap()
    }

    fn change(seq: u64, ms: i64) -> Change {
        Change {
            device_id: "device-a".into(),
            seq,
            record_id: Uuid::from_u128(1),
            kind: RecordKind::Client,
            writes: vec![FieldWrite {
                field: "name".into(),
                value: json!("山田"),
                stamp: Stamp { ms, counter: 0, device: "device-a".into() },
                replaces: vec![],
            }],
            author: None,
        }
    }

    fn check(changes: Vec<Change>) -> Result<(), ApiError> {
        check_push(&PushRequest { changes }, now())
    }

    #[test]
    fn stamps_up_to_the_allowed_clock_skew_are_accepted() {
        let edge = now().timestamp_millis() + MAX_CLOCK_SKEW_MS;
        assert!(check(vec![change(1, edge)]).is_ok());
        assert!(matches!(check(vec![change(1, edge + 1)]), Err(ApiError::BadStamp)));
    }

    #[test]
    fn seq_zero_empty_device_and_empty_field_are_bad_changes() {
        assert!(matches!(check(vec![change(0, 1)]), Err(ApiError::BadChange(_))));
        assert!(matches!(check(vec![change(u64::MAX, 1)]), Err(ApiError::BadChange(_))));
        let mut no_device = change(1, 1);
        no_device.device_id.clear();
        assert!(matches!(check(vec![no_device]), Err(ApiError::BadChange(_))));
        let mut long_device = change(1, 1);
        long_device.device_id = "d".repeat(MAX_ID_CHARS + 1);
        assert!(matches!(check(vec![long_device]), Err(ApiError::BadChange(_))));
        let mut no_field = change(1, 1);
        no_field.writes[0].field.clear();
        assert!(matches!(check(vec![no_field]), Err(ApiError::BadChange(_))));
    }

    fn message(result: Result<(), ApiError>) -> String {
        match result {
            Err(ApiError::BadChange(message)) => message,
            other => panic!("not bad_change: {other:?}"),
        }
    }

    #[test]
    fn each_change_is_checked_by_the_domain_and_named_by_its_index() {
        let nested = (0..=renkei_domain::sync::validate::MAX_VALUE_DEPTH).fold(json!(1), |inner, _| json!([inner]));
        let mut deep = change(2, 1);
        deep.writes[0].field = "extra".into();
        deep.writes[0].value = nested;
        assert!(message(check(vec![change(1, 1), deep])).starts_with("changes[1]: extra: nested"));

        let mut typed = change(2, 1);
        typed.writes[0].value = json!(5);
        assert!(message(check(vec![change(1, 1), typed])).starts_with("changes[1]: name"));

        let mut stamped = change(1, 1);
        stamped.writes[0].stamp.device = "device-b".into();
        assert!(message(check(vec![stamped])).starts_with("changes[0]: name: stamped by another device"));
    }

    #[test]
    fn one_push_carries_the_changes_of_one_device() {
        let mut other = change(2, 1);
        other.device_id = "device-b".into();
        other.writes[0].stamp.device = "device-b".into();
        assert!(message(check(vec![change(1, 1), other])).starts_with("changes[1]: all changes of one push"));
    }

    #[test]
    fn a_push_may_carry_at_most_the_maximum_number_of_changes() {
        let full: Vec<_> = (1..=MAX_PUSH_CHANGES as u64).map(|seq| change(seq, 1)).collect();
        assert!(check(full.clone()).is_ok());
        let mut over = full;
        over.push(change(MAX_PUSH_CHANGES as u64 + 1, 1));
        assert!(matches!(check(over), Err(ApiError::TooManyChanges)));
    }
}
