//! Sign-in, sign-out and "who am I".
//!
//! A sign-in attempt passes three gates before its password is checked:
//!
//! 1. the per-address limit ([`super::limit`]): so many attempts a minute
//!    from one client address, in this process;
//! 2. unless it carries a device key of this login (below), the login's
//!    hold-back, counted per (office code, login) in the database so it
//!    holds across processes: after [`accounts::FREE_SIGN_IN_FAILURES`] failures each
//!    further attempt waits 1 s, 2 s, 4 s, … after the last failure, at most
//!    [`accounts::MAX_SIGN_IN_DELAY`] (`429 too_many_attempts` with
//!    `Retry-After`). Each attempt is counted before its password is
//!    checked, in the same step as the check, so parallel attempts cannot
//!    overrun it; a success clears it;
//! 3. the hashing bound ([`accounts::hashing_stats`]): at most one argon2
//!    run per core at once.
//!
//! A successful sign-in gives the device a *device key* (32 random bytes,
//! base64url; only its hash is stored). A later sign-in of the same login
//! that sends it skips the login's hold-back, so a stranger guessing
//! passwords cannot lock the real user out of their own devices. Each key
//! counts its own failures and is no longer honoured after
//! [`DEVICE_KEY_MAX_FAILURES`] of them (until a success, or a password
//! reset). The key is kept, not rotated: a sign-in with it answers the
//! same key.
//!
//! An unknown office or login costs the same argon2 work as a wrong
//! password, so logins cannot be probed by timing.

use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use renkei_domain::sync::{SignInRequest, SignInResponse, StaffInfo};
use tracing::instrument;
use uuid::Uuid;

use super::extract::{AppJson, Session};
use super::limit::ClientAddress;
use super::{ApiError, ApiState};
use crate::accounts::{self, DEVICE_KEY_LIFETIME, DEVICE_KEY_MAX_FAILURES, SESSION_LIFETIME};
use crate::db::{NewSession, SignInGate};

/// Longest office code or login looked up; longer ones cannot exist.
const MAX_LOOKUP_CHARS: usize = 200;
/// Longest device key looked up (ours are 43 characters).
const MAX_DEVICE_KEY_CHARS: usize = 256;

/// `POST /api/auth/sign-in`
#[instrument(skip_all)]
pub(crate) async fn sign_in(
    State(state): State<ApiState>,
    ClientAddress(address): ClientAddress,
    AppJson(request): AppJson<SignInRequest>,
) -> Result<Json<SignInResponse>, ApiError> {
    let now = state.clock.now();
    if let Err(wait) = state.limiter.check(&address, now) {
        tracing::warn!("sign-in refused: too many attempts from one address");
        return Err(ApiError::TooManyFromAddress { retry_after_secs: seconds_up(wait) });
    }

    let plausible = request.office_code.chars().count() <= MAX_LOOKUP_CHARS
        && request.login.chars().count() <= MAX_LOOKUP_CHARS
        && request.password.len() <= accounts::MAX_PASSWORD_BYTES;
    let device_key = request.device_key.filter(|key| !key.is_empty() && key.len() <= MAX_DEVICE_KEY_CHARS);
    let key_hash = device_key.as_deref().map(accounts::token_hash);
    let known_device = match &key_hash {
        Some(hash) if plausible => {
            state
                .db
                .count_device_key_attempt(hash, &request.office_code, &request.login, DEVICE_KEY_MAX_FAILURES)
                .await?
        }
        _ => false,
    };
    let attempt_key = accounts::attempt_key(&request.office_code, &request.login);
    if !known_device {
        // Counted as a failure before the password is checked, in one step
        // with the hold-back check, so attempts sent in parallel cannot all
        // slip through before any of them is recorded. A success clears it.
        if let SignInGate::Refused { until } = state.db.count_sign_in_attempt(&attempt_key, now).await? {
            tracing::warn!("sign-in refused: login held back after failed sign-ins");
            return Err(ApiError::TooManyAttempts { retry_after_secs: seconds_up(until - now) });
        }
    }

    let credentials = if plausible { state.db.credentials(&request.office_code, &request.login).await? } else { None };
    let hash = credentials.as_ref().map(|c| c.password_hash.clone());
    let matches = accounts::verify_password_bounded(hash, request.password).await?;

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
            tracing::warn!(known_device, "sign-in failed");
            return Err(ApiError::InvalidCredentials);
        }
    };
    let device_key = match (known_device, device_key, key_hash) {
        (true, Some(key), Some(hash)) => {
            // The login's own counter is left as it is: a stranger's
            // failures still hold back devices without a key.
            state.db.device_key_used(&hash, now).await?;
            key
        }
        _ => {
            state.db.clear_sign_in_failures(&attempt_key).await?;
            let (key, hash) = accounts::new_device_key();
            state.db.create_device_key(&hash, staff.id, now, now - DEVICE_KEY_LIFETIME).await?;
            key
        }
    };
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
    tracing::info!(staff = %staff.id, office = %staff.office_id, known_device, "signed in");
    Ok(Json(SignInResponse { token, expires_at, staff, device_key: Some(device_key) }))
}

/// Whole seconds, rounded up, at least 1 (for `Retry-After`).
fn seconds_up(wait: chrono::TimeDelta) -> i64 {
    let ms = wait.num_milliseconds().max(0);
    ((ms + 999) / 1000).max(1)
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
