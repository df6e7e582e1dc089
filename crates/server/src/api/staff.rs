//! Staff accounts of the caller's office: 管理者 add them, everyone lists
//! them.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use renkei_domain::sync::{CreateStaffRequest, Role, StaffInfo};
use tracing::instrument;

use super::extract::{AppJson, Session};
use super::{ApiError, ApiState};
use crate::accounts::{AccountError, StaffDraft};
use crate::db::DbError;

/// `POST /api/staff` (管理者 only): adds an account to the caller's office.
#[instrument(skip_all, fields(office = %session.staff.office_id))]
pub(crate) async fn create(
    State(state): State<ApiState>,
    session: Session,
    AppJson(request): AppJson<CreateStaffRequest>,
) -> Result<(StatusCode, Json<StaffInfo>), ApiError> {
    if session.staff.role != Role::Admin {
        return Err(ApiError::Forbidden);
    }
    let draft = StaffDraft {
        login: request.login,
        display_name: request.display_name,
        password: request.password,
        role: request.role,
    };
    let new = draft.into_new_staff().await?;
    match state.db.create_staff(session.staff.office_id, &new, state.clock.now()).await {
        Ok(info) => {
            tracing::info!(staff = %info.id, "staff added");
            Ok((StatusCode::CREATED, Json(info)))
        }
        Err(DbError::Conflict) => Err(AccountError::LoginTaken.into()),
        Err(error) => Err(error.into()),
    }
}

/// `GET /api/staff`: the accounts of the caller's office.
pub(crate) async fn list(State(state): State<ApiState>, session: Session) -> Result<Json<Vec<StaffInfo>>, ApiError> {
    Ok(Json(state.db.list_staff(session.staff.office_id).await?))
}
