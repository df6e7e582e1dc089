//! The office API under `/api/`.
//!
//! No endpoint exists yet (the sync API comes later); every path answers a
//! JSON 404 so the app can tell "no such endpoint" from "server is down".

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::any;
use axum::{Json, Router};
use serde_json::json;

/// Every path under `/api`, including `/api` and `/api/` themselves.
pub(crate) fn router() -> Router {
    let api = Router::new().fallback(not_found);
    // `nest` covers `/api` and `/api/…` but not `/api/`.
    Router::new().nest("/api", api).route("/api/", any(not_found))
}

async fn not_found() -> ApiError {
    ApiError::NotFound
}

/// An API failure as the client sees it: `{"error": code, "message": text}`.
/// Causes stay in the server log, never in the response.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    #[error("この API はありません / no such API endpoint")]
    NotFound,
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
        }
    }

    fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = json!({ "error": self.code(), "message": self.to_string() });
        (self.status(), Json(body)).into_response()
    }
}
