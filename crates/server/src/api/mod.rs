//! The office API under `/api/`: accounts ([`auth`], [`staff`]), sync
//! ([`sync`]), purging a client after the retention period ([`purge`]) and
//! the access log ([`access_log`]). Wire types are the domain's `renkei_domain::sync`.
//!
//! Every request to an endpoint must carry `x-renkei-protocol: 1`; it is
//! checked before anything else, so an outdated app never changes
//! anything. Unknown paths answer a JSON 404 whatever the header says, so
//! the app can tell "no such endpoint" from "server is down".

mod access_log;
mod auth;
mod error;
mod extract;
mod limit;
mod purge;
mod staff;
mod sync;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::CACHE_CONTROL;
use axum::http::HeaderValue;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse as _, Response};
use axum::routing::{any, get, post};
use axum::Router;
use renkei_domain::sync::{MAX_BODY_BYTES, PROTOCOL_HEADER, PROTOCOL_VERSION, SERVER_TIME_HEADER};
use tower_http::set_header::SetResponseHeaderLayer;

pub(crate) use error::ApiError;

use crate::clock::Clock;
use crate::config::Config;
use crate::db::Db;
use limit::AddressLimiter;
use std::sync::Arc;

/// What every handler can reach: the shared storage, the time, and this
/// process's per-address sign-in limit.
#[derive(Clone)]
pub(crate) struct ApiState {
    pub db: Db,
    pub clock: Clock,
    pub limiter: Arc<AddressLimiter>,
    /// Count sign-ins under the last `X-Forwarded-For` address (behind a
    /// reverse proxy) rather than the connection's peer.
    pub trust_forwarded_for: bool,
}

impl ApiState {
    pub(crate) fn new(db: Db, clock: Clock, config: &Config) -> Self {
        Self {
            db,
            clock,
            limiter: Arc::new(AddressLimiter::new(config.sign_ins_per_minute)),
            trust_forwarded_for: config.trust_forwarded_for,
        }
    }
}

/// Every path under `/api`, including `/api` and `/api/` themselves.
pub(crate) fn router(state: ApiState) -> Router {
    let clock = state.clock.clone();
    let api = Router::new()
        .route("/auth/sign-in", post(auth::sign_in))
        .route("/auth/sign-out", post(auth::sign_out))
        .route("/auth/me", get(auth::me))
        .route("/staff", get(staff::list).post(staff::create))
        .route("/staff/{id}/status", post(staff::set_status))
        .route("/staff/{id}/job-role", post(staff::set_job_role))
        .route("/staff/{id}/password", post(staff::reset_password))
        .route("/staff/{id}/devices", get(staff::devices))
        .route("/staff/{id}/devices/{session_id}/revoke", post(staff::revoke_device))
        .route("/staff/{id}/devices/{session_id}/lost", post(staff::mark_device_lost))
        .route("/access-log", get(access_log::list))
        .route("/access-log.csv", get(access_log::csv))
        .route("/sync/push", post(sync::push))
        .route("/sync/pull", get(sync::pull))
        .route("/clients/{id}/purge", post(purge::purge_client))
        .method_not_allowed_fallback(method_not_allowed)
        .route_layer(middleware::from_fn(require_protocol))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
        .with_state(state);
    // `nest` covers `/api` and `/api/…` but not `/api/`.
    Router::new()
        .nest("/api", api)
        .route("/api/", any(not_found))
        // Answers carry tokens and personal data: never keep them in a cache.
        .layer(SetResponseHeaderLayer::overriding(CACHE_CONTROL, HeaderValue::from_static("no-store")))
        .layer(middleware::from_fn_with_state(clock, server_time))
}

/// Puts the server's time ([`SERVER_TIME_HEADER`], milliseconds since the
/// epoch) on every API answer, errors included, so a device learns how far
/// its clock is off even from a refused push (`bad_stamp`).
async fn server_time(State(clock): State<Clock>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    response.headers_mut().insert(SERVER_TIME_HEADER, HeaderValue::from(clock.now().timestamp_millis()));
    response
}

/// Refuses a request without the current protocol version (426).
async fn require_protocol(request: Request, next: Next) -> Response {
    let current = request
        .headers()
        .get(PROTOCOL_HEADER)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.trim().parse::<u32>() == Ok(PROTOCOL_VERSION));
    if !current {
        return ApiError::AppOutdated.into_response();
    }
    next.run(request).await
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}
