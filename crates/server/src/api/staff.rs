//! Staff accounts of the caller's office: 管理者 add, disable and enable
//! them, set their 職種, reset their passwords, end their sessions and mark
//! their devices lost;
//! everyone lists them and their own signed-in devices. Every id is looked up within the
//! caller's office: another office's ids are `404 not_found`, as unknown
//! ones are.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use renkei_domain::sync::{
    job_role_code, CreateStaffRequest, DeviceSession, ResetPasswordRequest, Role, SetDisabledRequest,
    SetJobRoleRequest, StaffInfo,
};
use tracing::instrument;
use uuid::Uuid;

use super::extract::{AppJson, AppPath, Session};
use super::{ApiError, ApiState};
use crate::accounts::{self, AccountError, StaffDraft};
use crate::db::DbError;

/// `POST /api/staff` (管理者 only): adds an account to the caller's office.
#[instrument(skip_all, fields(office = %session.staff.office_id))]
pub(crate) async fn create(
    State(state): State<ApiState>,
    session: Session,
    AppJson(request): AppJson<CreateStaffRequest>,
) -> Result<(StatusCode, Json<StaffInfo>), ApiError> {
    require_admin(&session)?;
    let draft = StaffDraft {
        login: request.login,
        display_name: request.display_name,
        password: request.password,
        role: request.role,
        job_role: request.job_role,
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

/// 管理者 only: a 職員 gets `403 forbidden`.
pub(super) fn require_admin(session: &Session) -> Result<(), ApiError> {
    if session.staff.role == Role::Admin {
        Ok(())
    } else {
        Err(ApiError::Forbidden)
    }
}

/// `POST /api/staff/{id}/status` (管理者 only): `{"disabled": true}` ends
/// all the staff member's sessions at once and refuses their sign-ins;
/// `false` lets them sign in again. The last active 管理者 cannot be
/// disabled (`409 last_admin`).
#[instrument(skip_all, fields(office = %session.staff.office_id, staff = %staff_id))]
pub(crate) async fn set_status(
    State(state): State<ApiState>,
    session: Session,
    AppPath(staff_id): AppPath<Uuid>,
    AppJson(request): AppJson<SetDisabledRequest>,
) -> Result<Json<StaffInfo>, ApiError> {
    require_admin(&session)?;
    let office_id = session.staff.office_id;
    let info =
        accounts::set_disabled(state.db.as_ref(), office_id, staff_id, request.disabled, state.clock.now()).await?;
    tracing::info!(disabled = info.disabled, by = %session.staff.id, "staff status set");
    Ok(Json(info))
}

/// `POST /api/staff/{id}/job-role` (管理者 only): sets the staff member's
/// 職種 (`{"job_role": "service_manager"}`), or clears it (`null`). A code
/// this server does not know is `400 bad_json` (see [`SetJobRoleRequest`]).
#[instrument(skip_all, fields(office = %session.staff.office_id, staff = %staff_id))]
pub(crate) async fn set_job_role(
    State(state): State<ApiState>,
    session: Session,
    AppPath(staff_id): AppPath<Uuid>,
    AppJson(request): AppJson<SetJobRoleRequest>,
) -> Result<Json<StaffInfo>, ApiError> {
    require_admin(&session)?;
    let info = accounts::set_job_role(state.db.as_ref(), session.staff.office_id, staff_id, request.job_role).await?;
    let job_role = info.job_role.map(job_role_code);
    tracing::info!(job_role = job_role.as_deref().unwrap_or("-"), by = %session.staff.id, "staff job role set");
    Ok(Json(info))
}

/// `POST /api/staff/{id}/password` (管理者 only): sets a new password (same
/// rules as a new account's) and clears the login's failed sign-ins.
#[instrument(skip_all, fields(office = %session.staff.office_id, staff = %staff_id))]
pub(crate) async fn reset_password(
    State(state): State<ApiState>,
    session: Session,
    AppPath(staff_id): AppPath<Uuid>,
    AppJson(request): AppJson<ResetPasswordRequest>,
) -> Result<StatusCode, ApiError> {
    require_admin(&session)?;
    accounts::reset_password(state.db.as_ref(), session.staff.office_id, staff_id, request.password).await?;
    tracing::info!(by = %session.staff.id, "password reset");
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/staff/{id}/devices`: the staff member's live sessions (管理者:
/// anyone of the office; 職員: only their own), `current` marking the one
/// asking.
pub(crate) async fn devices(
    State(state): State<ApiState>,
    session: Session,
    AppPath(staff_id): AppPath<Uuid>,
) -> Result<Json<Vec<DeviceSession>>, ApiError> {
    if staff_id != session.staff.id {
        require_admin(&session)?;
    }
    let office_id = session.staff.office_id;
    if state.db.staff_member(office_id, staff_id).await?.is_none() {
        return Err(ApiError::Account(AccountError::NoSuchStaff));
    }
    let mut sessions = state.db.live_sessions(office_id, staff_id, state.clock.now()).await?;
    for device in &mut sessions {
        device.current = device.id == session.id;
    }
    Ok(Json(sessions))
}

/// `POST /api/staff/{id}/devices/{session_id}/revoke` (管理者 only): ends
/// that session at once (its next request is `401 session_revoked`).
/// Revoking an ended session again is not an error.
#[instrument(skip_all, fields(office = %session.staff.office_id, staff = %staff_id, session = %session_id))]
pub(crate) async fn revoke_device(
    State(state): State<ApiState>,
    session: Session,
    AppPath((staff_id, session_id)): AppPath<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    require_admin(&session)?;
    let office_id = session.staff.office_id;
    accounts::revoke_sessions(state.db.as_ref(), office_id, staff_id, Some(session_id), state.clock.now()).await?;
    tracing::info!(by = %session.staff.id, "session revoked");
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/staff/{id}/devices/{session_id}/lost` (管理者 only): marks the
/// device of that session lost and ends the session. Its next request, of
/// whatever kind, is answered `401 device_lost`, and the app erases
/// everything on the device. Marking again changes nothing (`204`); a
/// session that has ended already may be marked too, since its device may
/// still hold records.
#[instrument(skip_all, fields(office = %session.staff.office_id, staff = %staff_id, session = %session_id))]
pub(crate) async fn mark_device_lost(
    State(state): State<ApiState>,
    session: Session,
    AppPath((staff_id, session_id)): AppPath<(Uuid, Uuid)>,
) -> Result<StatusCode, ApiError> {
    require_admin(&session)?;
    let office_id = session.staff.office_id;
    accounts::mark_device_lost(state.db.as_ref(), office_id, staff_id, session_id, state.clock.now()).await?;
    tracing::info!(by = %session.staff.id, "device marked lost");
    Ok(StatusCode::NO_CONTENT)
}
