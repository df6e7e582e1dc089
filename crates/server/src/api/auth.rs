//! Sign-in, sign-out and "who am I".
//!
//! Failed sign-ins are counted per (office code, login) in the database, so
//! the limit holds across server processes. Each attempt is counted before
//! its password is checked, in the same step as the limit check, so
//! parallel attempts cannot overrun it: after
//! [`MAX_SIGN_IN_FAILURES`] failures within [`SIGN_IN_WINDOW`] every
//! attempt is refused with 429 until the oldest of them leaves the window.
//! An unknown office or login costs the same argon2 work as a wrong
//! password, so logins cannot be probed by timing.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use renkei_domain::sync::{SignInRequest, SignInResponse, StaffInfo};
use tracing::instrument;
use uuid::Uuid;

use super::extract::{AppJson, Session};
use super::{ApiError, ApiState};
use crate::accounts::{self, MAX_SIGN_IN_FAILURES, SESSION_LIFETIME, SIGN_IN_WINDOW};
use crate::db::{NewSession, SignInGate};

/// Longest office code or login looked up; longer ones cannot exist.
const MAX_LOOKUP_CHARS: usize = 200;

/// `POST /api/auth/sign-in`
#[instrument(skip_all)]
pub(crate) async fn sign_in(
    State(state): State<ApiState>,
    AppJson(request): AppJson<SignInRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    let now = state.clock.now();
    let key = accounts::attempt_key(&request.office_code, &request.login);
    // Counted as a failure before the password is checked, in one step with
    // the limit check, so attempts sent in parallel cannot all slip through
    // before any of them is recorded. A success clears it below.
    match state.db.count_sign_in_attempt(&key, now, now - SIGN_IN_WINDOW, MAX_SIGN_IN_FAILURES).await? {
        SignInGate::Counted => {}
        SignInGate::Refused(failures) => {
            // Allowed again once all but MAX - 1 of the failures are older
            // than the window.
            let frees_at = failures[failures.len() - MAX_SIGN_IN_FAILURES] + SIGN_IN_WINDOW;
            tracing::warn!("sign-in refused: too many failures");
            return Err(ApiError::TooManyAttempts { retry_after_secs: (frees_at - now).num_seconds() + 1 });
        }
    }

    let plausible = request.office_code.chars().count() <= MAX_LOOKUP_CHARS
        && request.login.chars().count() <= MAX_LOOKUP_CHARS
        && request.password.len() <= accounts::MAX_PASSWORD_BYTES;
    let credentials = if plausible { state.db.credentials(&request.office_code, &request.login).await? } else { None };
    let hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let password = request.password;
    let matches = tokio::task::spawn_blocking(move || accounts::verify_password(hash.as_deref(), &password))
        .await
        .map_err(|e| ApiError::Internal(Box::new(e)))?;

    let staff = match credentials {
        Some(credentials) if matches && !credentials.disabled => credentials.staff,
        Some(credentials) if matches => {
            // The right password: telling them why reveals nothing a
            // guesser could use.
            tracing::warn!(staff = %credentials.staff.id, "sign-in refused: account disabled");
            return Err(ApiError::AccountDisabled);
        }
        _ => {
            // Already counted above.
            tracing::warn!("sign-in failed");
            return Err(ApiError::InvalidCredentials);
        }
    };
    state.db.clear_sign_in_failures(&key).await?;
    let (token, token_hash) = accounts::new_token();
    let expires_at = now + SESSION_LIFETIME;
    state
        .db
        .create_session(&NewSession {
            id: Uuid::new_v4(),
            token_hash,
            staff_id: staff.id,
            office_id: staff.office_id,
            created_at: now,
            expires_at,
        })
        .await?;
    tracing::info!(staff = %staff.id, office = %staff.office_id, "signed in");
    Ok(Json(SignInResponse { token, expires_at, staff, device_key: None }))
}

/// `POST /api/auth/sign-out`: revokes the session of the token sent.
#[instrument(skip_all, fields(staff = %session.staff.id))]
pub(crate) async fn sign_out(State(state): State<ApiState>, session: Session) -> Result<StatusCode, ApiError> {
    state.db.revoke_session(&session.token_hash, state.clock.now()).await?;
    tracing::info!("signed out");
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/auth/me`
pub(crate) async fn me(session: Session) -> Json<StaffInfo> {
    Json(session.staff)
}
