//! Purging a client and every record about them once the retention period
//! is over (管理者 only): five years after the service ended
//! (`renkei_domain::Retention`), on today's date in Japan by the server's
//! clock. Before that nothing is deleted, whatever the records' state (in
//! the ゴミ箱 or not). What is deleted, and how devices learn of it:
//! [`crate::db::purge`] and `docs/sync.md`.

use axum::extract::State;
use axum::Json;
use renkei_domain::sync::PurgeResponse;
use renkei_domain::Retention;
use tracing::instrument;
use uuid::Uuid;

use super::extract::{AppPath, Session};
use super::staff::require_admin;
use super::{ApiError, ApiState};
use crate::db::{DbError, PurgeOutcome, Retained};

/// `POST /api/clients/{id}/purge` (管理者 only; no body): deletes the client
/// and every record whose `client_id` is theirs, in one transaction, and
/// answers the purged record ids. `409 records_retained` while the records
/// must still be kept (the message says until when); `404 not_found` for an
/// id that is no client of the office.
///
/// Logged (office, client id, how many records, by whom, when) without any
/// personal data: ids only, never names.
#[instrument(skip_all, fields(office = %session.staff.office_id, client = %client_id))]
pub(crate) async fn purge_client(
    State(state): State<ApiState>,
    session: Session,
    AppPath(client_id): AppPath<String>,
) -> Result<Json<PurgeResponse>, ApiError> {
    require_admin(&session)?;
    let client_id = Uuid::parse_str(&client_id).map_err(|_| ApiError::NoSuchClient)?;
    let now = state.clock.now();
    let today = state.clock.today();
    let by = session.staff.id;
    match state.db.purge_client(session.staff.office_id, client_id, by, now, today).await {
        Ok(PurgeOutcome::Purged(purged)) => {
            tracing::info!(
                records = purged.records.len(),
                first_cursor = purged.first_cursor,
                %by,
                purged_at = %purged.purged_at.to_rfc3339(),
                "client purged after the retention period",
            );
            Ok(Json(PurgeResponse { client_id, purged: purged.records, purged_at: purged.purged_at }))
        }
        Ok(PurgeOutcome::Retained(why)) => {
            let kept_until = match why {
                Retained::Period(Retention::Until(day)) => day.to_string(),
                Retained::Period(Retention::Serving) => "serving".to_owned(),
                Retained::Period(Retention::EndUnknown) => "end unknown".to_owned(),
                Retained::Unreadable => "unreadable".to_owned(),
            };
            tracing::info!(%by, %today, kept_until, "purge refused: records still retained");
            Err(ApiError::RecordsRetained(why))
        }
        Err(DbError::NotFound) => Err(ApiError::NoSuchClient),
        Err(error) => Err(error.into()),
    }
}
