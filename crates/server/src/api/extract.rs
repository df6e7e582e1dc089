//! Extractors whose rejections come out as [`ApiError`], so a client gets
//! the same JSON error shape whatever went wrong.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::Json;
use renkei_domain::sync::StaffInfo;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::{ApiError, ApiState};
use crate::accounts::{self, AccountError, SESSION_LIFETIME, SESSION_TOUCH_INTERVAL};
use crate::db::SessionState;

/// A JSON body; malformed JSON, wrong types, unknown record kinds, a missing
/// content type and oversized bodies become [`ApiError`]s.
pub(crate) struct AppJson<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for AppJson<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Self(value)),
            Err(rejection) => Err(rejection.into()),
        }
    }
}

impl From<JsonRejection> for ApiError {
    fn from(rejection: JsonRejection) -> Self {
        match rejection {
            JsonRejection::MissingJsonContentType(_) => Self::BadContentType,
            rejection if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Self::TooLarge,
            rejection => Self::BadJson(rejection.body_text()),
        }
    }
}

/// Path parameters (ids); one that does not parse names nothing there is,
/// so it is `not_found` (`AccountError::NoSuchStaff`).
pub(crate) struct AppPath<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for AppPath<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(Self(value)),
            Err(_) => Err(ApiError::Account(AccountError::NoSuchStaff)),
        }
    }
}

/// Query parameters; anything unparsable becomes `bad_query`.
pub(crate) struct AppQuery<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for AppQuery<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(value)) => Ok(Self(value)),
            Err(rejection) => Err(rejection.into()),
        }
    }
}

impl From<QueryRejection> for ApiError {
    fn from(rejection: QueryRejection) -> Self {
        Self::BadQuery(rejection.body_text())
    }
}

/// The signed-in staff member of a request (`Authorization: Bearer
/// <token>`), from a live session. Everything a handler reads or writes is
/// scoped to `staff.office_id`.
///
/// A token with no session is `unauthorized`; a session that ran out is
/// `session_expired`, one that was ended `session_revoked`, any session
/// of a disabled account `account_disabled`, and one whose device a 管理者
/// marked lost `device_lost`. The last two tell the device to erase
/// itself (docs/accounts.md, "Remote wipe"). A live session slides: its
/// expiry moves to now + [`SESSION_LIFETIME`] when it was last used more
/// than [`SESSION_TOUCH_INTERVAL`] ago (at most one write an hour).
pub(crate) struct Session {
    /// The session's public id.
    pub id: Uuid,
    pub staff: StaffInfo,
    pub token_hash: String,
}

/// Longest token accepted before hashing (ours are 43 characters).
const MAX_TOKEN_CHARS: usize = 256;

impl FromRequestParts<ApiState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, ApiError> {
        let token = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split_once(' '))
            .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
            .map(|(_, token)| token.trim())
            .filter(|token| !token.is_empty() && token.len() <= MAX_TOKEN_CHARS)
            .ok_or(ApiError::Unauthorized)?;
        let token_hash = accounts::token_hash(token);
        let now = state.clock.now();
        match state.db.session(&token_hash, now).await? {
            None => Err(ApiError::Unauthorized),
            Some(SessionState::Expired) => Err(ApiError::SessionExpired),
            Some(SessionState::Revoked) => Err(ApiError::SessionRevoked),
            Some(SessionState::Disabled) => Err(ApiError::AccountDisabled),
            Some(SessionState::Lost(session_id)) => {
                // Noted so the 管理者 sees that the device came back and was
                // told to erase itself.
                state.db.lost_device_seen(session_id, now).await?;
                tracing::warn!(session = %session_id, "a device marked lost was told to erase itself");
                Err(ApiError::DeviceLost)
            }
            Some(SessionState::Live(session)) => {
                let stale_before = now - SESSION_TOUCH_INTERVAL;
                if session.last_used_at < stale_before {
                    state.db.touch_session(session.id, now, now + SESSION_LIFETIME, stale_before).await?;
                }
                Ok(Self { id: session.id, staff: session.staff, token_hash })
            }
        }
    }
}
