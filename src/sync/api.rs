//! The office server's HTTP API (docs/sync.md), as plain async functions.
//! Every request carries the protocol version; the answers are the domain's
//! wire types.

use gloo_net::http::{Request, RequestBuilder, Response};
use renkei_domain::sync::{
    ApiError, PullResponse, PushRequest, PushResponse, SignInRequest, SignInResponse, PROTOCOL_HEADER, PROTOCOL_VERSION,
};
use serde::de::DeserializeOwned;

/// Why a request did not succeed, as the sync status and 設定 explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// No answer: no network, or the server is down.
    Unreachable,
    /// The server speaks a newer protocol: 「アプリを更新してください」.
    Outdated,
    /// The token is missing, expired or revoked: sign in again.
    Unauthorized,
    /// Too many failed sign-ins; wait and try again.
    TooManyAttempts,
    /// Any other refusal, with the server's code and message.
    Refused { status: u16, code: String, message: String },
}

fn with_headers(builder: RequestBuilder, token: Option<&str>) -> RequestBuilder {
    let builder = builder.header(PROTOCOL_HEADER, &PROTOCOL_VERSION.to_string());
    match token {
        Some(t) => builder.header("Authorization", &format!("Bearer {t}")),
        None => builder,
    }
}

async fn read<T: DeserializeOwned>(response: Result<Response, gloo_net::Error>) -> Result<T, ApiFailure> {
    let response = response.map_err(|_| ApiFailure::Unreachable)?;
    let status = response.status();
    if response.ok() {
        return response.json::<T>().await.map_err(|e| ApiFailure::Refused {
            status,
            code: "bad_response".into(),
            message: e.to_string(),
        });
    }
    let error = response.json::<ApiError>().await.ok();
    Err(match (status, error) {
        (426, _) => ApiFailure::Outdated,
        (401, _) => ApiFailure::Unauthorized,
        (429, _) => ApiFailure::TooManyAttempts,
        (status, Some(e)) => ApiFailure::Refused { status, code: e.error, message: e.message },
        // A proxy's or a crashed server's page: treat as not reachable.
        (502..=504, None) => ApiFailure::Unreachable,
        (status, None) => ApiFailure::Refused { status, code: "unknown".into(), message: String::new() },
    })
}

pub async fn sign_in(request: &SignInRequest) -> Result<SignInResponse, ApiFailure> {
    let req =
        with_headers(Request::post("/api/auth/sign-in"), None).json(request).map_err(|_| ApiFailure::Unreachable)?;
    read(req.send().await).await
}

pub async fn sign_out(token: &str) -> Result<(), ApiFailure> {
    let response = with_headers(Request::post("/api/auth/sign-out"), Some(token)).send().await;
    match read::<serde_json::Value>(response).await {
        // Already invalid is as good as revoked.
        Ok(_) | Err(ApiFailure::Unauthorized) => Ok(()),
        Err(e) => Err(e),
    }
}

pub async fn push(token: &str, request: &PushRequest) -> Result<PushResponse, ApiFailure> {
    let req = with_headers(Request::post("/api/sync/push"), Some(token))
        .json(request)
        .map_err(|_| ApiFailure::Unreachable)?;
    read(req.send().await).await
}

pub async fn pull(token: &str, since: i64, limit: u32) -> Result<PullResponse, ApiFailure> {
    let url = format!("/api/sync/pull?since={since}&limit={limit}");
    read(with_headers(Request::get(&url), Some(token)).send().await).await
}
