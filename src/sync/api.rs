//! The office server's HTTP API (docs/sync.md), as plain async functions.
//! Every request carries the protocol version; the answers are the domain's
//! wire types.
//!
//! Built on the browser's `fetch` through `web-sys` rather than an HTTP
//! client crate: the app needs four verbs of JSON and nothing else, and every
//! kilobyte of wasm is paid for on the first load.

use super::page::{read_page, PulledPage};
use renkei_domain::plan::JobRole;
use renkei_domain::sync::{
    AccessLogEntry, ApiError, CreateStaffRequest, DeviceSession, PurgeResponse, PushRequest, PushResponse,
    ResetPasswordRequest, SetDisabledRequest, SetJobRoleRequest, SignInRequest, SignInResponse, StaffInfo,
    PROTOCOL_HEADER, PROTOCOL_VERSION, SERVER_TIME_HEADER,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::cell::Cell;
use uuid::Uuid;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Headers, RequestInit, Response};

/// Why a request did not succeed, as the sync status and 設定 explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiFailure {
    /// No answer: no network, or the server is down.
    Unreachable,
    /// The server speaks a newer protocol: 「アプリを更新してください」.
    Outdated,
    /// The token is missing, expired or revoked, or the account disabled:
    /// the server's code says which (`renkei_domain::sync::codes`).
    Unauthorized { code: String },
    /// Too many failed sign-ins; wait and try again.
    TooManyAttempts,
    /// Any other refusal, with the server's code and message.
    Refused { status: u16, code: String, message: String },
}

/// Sends one request and returns the status and the body text. Any failure
/// before an answer arrives (offline, DNS, connection reset) is `Unreachable`.
async fn send(method: &str, url: &str, token: Option<&str>, body: Option<String>) -> Result<(u16, String), ApiFailure> {
    let unreachable = |_: JsValue| ApiFailure::Unreachable;
    let headers = Headers::new().map_err(unreachable)?;
    headers.set(PROTOCOL_HEADER, &PROTOCOL_VERSION.to_string()).map_err(unreachable)?;
    if let Some(t) = token {
        headers.set("Authorization", &format!("Bearer {t}")).map_err(unreachable)?;
    }
    let init = RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        headers.set("Content-Type", "application/json").map_err(unreachable)?;
        init.set_body(&JsValue::from_str(&body));
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(ApiFailure::Unreachable)?;
    let sent_at = js_sys::Date::now();
    let response: Response =
        JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(unreachable)?.unchecked_into();
    note_server_time(&response, sent_at);
    let text = JsFuture::from(response.text().map_err(unreachable)?).await.map_err(unreachable)?;
    let text = text.as_string().unwrap_or_default();
    if token.is_some() && response.status() == 401 {
        told_to_wipe(&text);
    }
    Ok((response.status(), text))
}

/// Any request made with the token, answered `device_lost` or
/// `account_disabled`, erases the device ([`super::wipe`]); the caller still
/// gets the failure as usual.
fn told_to_wipe(text: &str) {
    let code = serde_json::from_str::<ApiError>(text).map(|e| e.error).unwrap_or_default();
    if let Some(reason) = super::wipe::WipeReason::of_code(&code) {
        super::wipe::start(reason);
    }
}

thread_local! {
    static CLOCK_OFFSET: Cell<Option<i64>> = const { Cell::new(None) };
}

/// Server time minus this device's time, from the last answer that said
/// (milliseconds; the answer is taken to be made halfway through the round
/// trip).
pub fn measured_clock_offset() -> Option<i64> {
    CLOCK_OFFSET.with(Cell::get)
}

fn note_server_time(response: &Response, sent_at: f64) {
    let Some(server) = response.headers().get(SERVER_TIME_HEADER).ok().flatten().and_then(|v| v.parse::<f64>().ok())
    else {
        return;
    };
    let midway = (sent_at + js_sys::Date::now()) / 2.0;
    CLOCK_OFFSET.with(|c| c.set(Some((server - midway) as i64)));
}

/// Reads an answer: the wire type on success, otherwise the failure the
/// status and the server's JSON error describe.
fn read<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, ApiFailure> {
    if (200..300).contains(&status) {
        return serde_json::from_str(text).map_err(|e| ApiFailure::Refused {
            status,
            code: "bad_response".into(),
            message: e.to_string(),
        });
    }
    let error = serde_json::from_str::<ApiError>(text).ok();
    Err(match (status, error) {
        (426, _) => ApiFailure::Outdated,
        (401, e) => ApiFailure::Unauthorized { code: e.map_or_else(|| "unauthorized".into(), |e| e.error) },
        (429, _) => ApiFailure::TooManyAttempts,
        (status, Some(e)) => ApiFailure::Refused { status, code: e.error, message: e.message },
        // A proxy's or a crashed server's page: treat as not reachable.
        (502..=504, None) => ApiFailure::Unreachable,
        (status, None) => ApiFailure::Refused { status, code: "unknown".into(), message: String::new() },
    })
}

async fn get<T: DeserializeOwned>(url: &str, token: &str) -> Result<T, ApiFailure> {
    let (status, text) = send("GET", url, Some(token), None).await?;
    read(status, &text)
}

async fn post<B: Serialize, T: DeserializeOwned>(url: &str, token: Option<&str>, body: &B) -> Result<T, ApiFailure> {
    let body = serde_json::to_string(body).map_err(|_| ApiFailure::Unreachable)?;
    let (status, text) = send("POST", url, token, Some(body)).await?;
    read(status, &text)
}

pub async fn sign_in(request: &SignInRequest) -> Result<SignInResponse, ApiFailure> {
    post("/api/auth/sign-in", None, request).await
}

pub async fn sign_out(token: &str) -> Result<(), ApiFailure> {
    // 204 with no body; an already invalid token is as good as revoked.
    match send("POST", "/api/auth/sign-out", Some(token), None).await? {
        (200..=299 | 401, _) => Ok(()),
        (status, text) => read::<serde::de::IgnoredAny>(status, &text).map(drop),
    }
}

pub async fn push(token: &str, request: &PushRequest) -> Result<PushResponse, ApiFailure> {
    post("/api/sync/push", Some(token), request).await
}

/// One pull page, each change read on its own (see [`read_page`]).
pub async fn pull(token: &str, since: i64, limit: u32) -> Result<PulledPage, ApiFailure> {
    let (status, text) = send("GET", &format!("/api/sync/pull?since={since}&limit={limit}"), Some(token), None).await?;
    if !(200..300).contains(&status) {
        return read::<serde::de::IgnoredAny>(status, &text).map(|_| PulledPage::default());
    }
    read_page(&text).map_err(|e| ApiFailure::Refused { status, code: "bad_response".into(), message: e.to_string() })
}

/// The accounts of the signed-in office.
pub async fn list_staff(token: &str) -> Result<Vec<StaffInfo>, ApiFailure> {
    get("/api/staff", token).await
}

/// Adds an account (管理者 only; the server refuses others with 403).
pub async fn create_staff(token: &str, request: &CreateStaffRequest) -> Result<StaffInfo, ApiFailure> {
    post("/api/staff", Some(token), request).await
}

/// Sends a request whose success has no body (204).
async fn post_no_content<B: Serialize>(url: &str, token: &str, body: Option<&B>) -> Result<(), ApiFailure> {
    let body = body.map(serde_json::to_string).transpose().map_err(|_| ApiFailure::Unreachable)?;
    match send("POST", url, Some(token), body).await? {
        (200..=299, _) => Ok(()),
        (status, text) => read::<serde::de::IgnoredAny>(status, &text).map(drop),
    }
}

/// Disables or enables an account (管理者 only). Disabling ends its
/// sessions at once.
pub async fn set_staff_disabled(token: &str, staff: Uuid, disabled: bool) -> Result<StaffInfo, ApiFailure> {
    post(&format!("/api/staff/{staff}/status"), Some(token), &SetDisabledRequest { disabled }).await
}

/// Purges a client and every record about them once their retention period
/// is over (管理者 only); refused with the reason while records are kept.
pub async fn purge_client(token: &str, client: Uuid) -> Result<PurgeResponse, ApiFailure> {
    post(&format!("/api/clients/{client}/purge"), Some(token), &serde_json::json!({})).await
}

/// Sets or clears an account's 職種 (管理者 only).
pub async fn set_job_role(token: &str, staff: Uuid, job_role: Option<JobRole>) -> Result<StaffInfo, ApiFailure> {
    post(&format!("/api/staff/{staff}/job-role"), Some(token), &SetJobRoleRequest { job_role }).await
}

/// Gives an account a new password (管理者 only).
pub async fn reset_password(token: &str, staff: Uuid, password: String) -> Result<(), ApiFailure> {
    post_no_content(&format!("/api/staff/{staff}/password"), token, Some(&ResetPasswordRequest { password })).await
}

/// The signed-in devices (live sessions) of an account.
pub async fn list_devices(token: &str, staff: Uuid) -> Result<Vec<DeviceSession>, ApiFailure> {
    get(&format!("/api/staff/{staff}/devices"), token).await
}

/// Ends one session of an account (管理者 only): that device must sign in
/// again.
pub async fn revoke_device(token: &str, staff: Uuid, session: Uuid) -> Result<(), ApiFailure> {
    post_no_content::<()>(&format!("/api/staff/{staff}/devices/{session}/revoke"), token, None).await
}

/// Marks a device of an account lost (管理者 only): its session ends, and the
/// device erases itself the next time it reaches the server.
pub async fn mark_device_lost(token: &str, staff: Uuid, session: Uuid) -> Result<(), ApiFailure> {
    post_no_content::<()>(&format!("/api/staff/{staff}/devices/{session}/lost"), token, None).await
}

/// What the access log is narrowed to: each given filter applies.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccessQuery {
    pub client: Option<Uuid>,
    pub staff: Option<Uuid>,
    /// Days (`YYYY-MM-DD`, Japanese days), both included.
    pub from: Option<chrono::NaiveDate>,
    pub to: Option<chrono::NaiveDate>,
}

impl AccessQuery {
    /// The query string (ids and dates need no escaping).
    fn query_string(&self) -> String {
        let parts: Vec<String> = [
            self.client.map(|id| format!("client={id}")),
            self.staff.map(|id| format!("staff={id}")),
            self.from.map(|day| format!("from={day}")),
            self.to.map(|day| format!("to={day}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

/// The office's access log, newest first (管理者 only; 403 for others).
pub async fn access_log(token: &str, query: &AccessQuery) -> Result<Vec<AccessLogEntry>, ApiFailure> {
    get(&format!("/api/access-log{}", query.query_string()), token).await
}

/// The same rows as the server's CSV file for Excel. The browser drops the
/// leading BOM when it decodes the answer as text, so it is put back: Excel
/// on Japanese Windows reads a CSV without one as Shift_JIS.
pub async fn access_log_csv(token: &str, query: &AccessQuery) -> Result<String, ApiFailure> {
    match send("GET", &format!("/api/access-log.csv{}", query.query_string()), Some(token), None).await? {
        (200..=299, text) if text.starts_with('\u{feff}') => Ok(text),
        (200..=299, text) => Ok(format!("\u{feff}{text}")),
        (status, text) => read::<serde::de::IgnoredAny>(status, &text).map(|_| String::new()),
    }
}

#[cfg(test)]
mod tests {
    use super::AccessQuery;
    use uuid::Uuid;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn the_access_log_query_names_only_the_filters_given() {
        assert_eq!(AccessQuery::default().query_string(), "");
        let client = Uuid::from_u128(1);
        let query = AccessQuery {
            client: Some(client),
            to: chrono::NaiveDate::from_ymd_opt(2026, 4, 30),
            ..AccessQuery::default()
        };
        assert_eq!(query.query_string(), format!("?client={client}&to=2026-04-30"));
    }
}
