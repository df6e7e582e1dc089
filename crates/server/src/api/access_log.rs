//! The office's access log for 管理者: who read or wrote which client's
//! records, when and how many (what is recorded: [`crate::db::access_log`]).
//!
//! `GET /api/access-log` answers JSON, `GET /api/access-log.csv` the same
//! rows as CSV for Excel on Japanese Windows: UTF-8 with a BOM, CRLF line
//! ends, every field quoted (as the app's billing CSV). Both take
//! `client`, `staff` (UUIDs), `from` and `to` (dates, `YYYY-MM-DD`, days in
//! Japan, both included); JSON also `limit`. A 職員 gets `403 forbidden`.
//! Only the caller's office's rows, ever.

use axum::extract::State;
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, FixedOffset, NaiveDate, TimeDelta, Utc};
use renkei_domain::sync::{AccessAction, AccessLogEntry};
use serde::Deserialize;
use tracing::instrument;
use uuid::Uuid;

use super::extract::{AppQuery, Session};
use super::staff::require_admin;
use super::{ApiError, ApiState};
use crate::db::AccessFilter;

/// Rows a JSON answer holds unless `limit` says otherwise.
const DEFAULT_LIMIT: u32 = 1000;
/// Most rows a JSON answer holds.
const MAX_LIMIT: u32 = 10_000;
/// Most rows a CSV holds (newest first, like the JSON): years of a busy
/// office's log fit; narrow the dates for more.
const MAX_CSV_ROWS: u32 = 200_000;

/// The query both forms take. Empty values mean "not given", so a form can
/// send its empty fields as they are.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct AccessQuery {
    client: Option<String>,
    staff: Option<String>,
    from: Option<String>,
    to: Option<String>,
    limit: Option<u32>,
}

fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|value| !value.is_empty())
}

fn uuid_param(name: &str, value: &Option<String>) -> Result<Option<Uuid>, ApiError> {
    given(value)
        .map(|text| {
            Uuid::parse_str(text)
                .map_err(|_| ApiError::BadQuery(format!("{name} は UUID で指定してください / {name} must be a UUID")))
        })
        .transpose()
}

/// Japan Standard Time: the days of `from` and `to` are Japanese days.
fn jst() -> FixedOffset {
    FixedOffset::east_opt(9 * 3600).expect("UTC+9 is a valid offset")
}

/// The first instant of a Japanese day.
fn day_start(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0)
        .and_then(|midnight| midnight.and_local_timezone(jst()).single())
        .map_or(DateTime::<Utc>::MIN_UTC, |start| start.with_timezone(&Utc))
}

fn day_param(name: &str, value: &Option<String>) -> Result<Option<NaiveDate>, ApiError> {
    given(value)
        .map(|text| {
            NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| {
                ApiError::BadQuery(format!("{name} は YYYY-MM-DD の日付です / {name} must be a date, YYYY-MM-DD"))
            })
        })
        .transpose()
}

impl AccessQuery {
    fn filter(&self, limit: u32) -> Result<AccessFilter, ApiError> {
        let from = day_param("from", &self.from)?;
        let to = day_param("to", &self.to)?;
        Ok(AccessFilter {
            client: uuid_param("client", &self.client)?,
            staff: uuid_param("staff", &self.staff)?,
            from: from.map(day_start),
            // `to` is included: up to the start of the next day.
            until: to.map(|day| day_start(day) + TimeDelta::days(1)),
            limit,
        })
    }
}

/// `GET /api/access-log` (管理者 only): the office's rows, newest first.
#[instrument(skip_all, fields(office = %session.staff.office_id))]
pub(crate) async fn list(
    State(state): State<ApiState>,
    session: Session,
    AppQuery(query): AppQuery<AccessQuery>,
) -> Result<Json<Vec<AccessLogEntry>>, ApiError> {
    require_admin(&session)?;
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(ApiError::BadQuery(format!(
            "limit は 1〜{MAX_LIMIT} の整数です / limit must be an integer from 1 to {MAX_LIMIT}"
        )));
    }
    let filter = query.filter(limit)?;
    Ok(Json(state.db.access_log(session.staff.office_id, &filter).await?))
}

/// `GET /api/access-log.csv` (管理者 only): the same rows as a CSV file.
#[instrument(skip_all, fields(office = %session.staff.office_id))]
pub(crate) async fn csv(
    State(state): State<ApiState>,
    session: Session,
    AppQuery(query): AppQuery<AccessQuery>,
) -> Result<Response, ApiError> {
    require_admin(&session)?;
    let filter = query.filter(MAX_CSV_ROWS)?;
    let rows = state.db.access_log(session.staff.office_id, &filter).await?;
    let bytes = access_log_csv(&rows).map_err(|error| ApiError::Internal(Box::new(error)))?;
    tracing::info!(rows = rows.len(), by = %session.staff.id, "access log exported");
    let mut response = bytes.into_response();
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"access-log.csv\""));
    Ok(response)
}

/// The column headings, in Japanese: the file is for the office.
const CSV_HEADERS: [&str; 7] = ["日時", "職員ID", "職員名", "端末（セッションID）", "利用者ID", "操作", "件数"];

/// The rows as CSV bytes Excel on Japanese Windows opens as they are: a
/// UTF-8 BOM (without it Excel reads Shift_JIS), CRLF line ends, every
/// field quoted. Times are Japanese (JST); records of no client have an
/// empty 利用者ID.
pub(crate) fn access_log_csv(rows: &[AccessLogEntry]) -> Result<Vec<u8>, csv::Error> {
    let mut out = Vec::from(*b"\xEF\xBB\xBF");
    {
        let mut writer = csv::WriterBuilder::new()
            .quote_style(csv::QuoteStyle::Always)
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut out);
        writer.write_record(CSV_HEADERS)?;
        for row in rows {
            writer.write_record([
                row.at.with_timezone(&jst()).format("%Y/%m/%d %H:%M:%S").to_string(),
                row.staff_id.to_string(),
                row.staff_name.clone(),
                row.session_id.to_string(),
                row.client_id.map(|id| id.to_string()).unwrap_or_default(),
                match row.action {
                    AccessAction::Read => "閲覧",
                    AccessAction::Write => "書き込み",
                }
                .to_owned(),
                row.records.to_string(),
            ])?;
        }
        writer.flush()?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_japanese_days_and_to_is_included() {
        let query = AccessQuery {
            from: Some("2025-04-01".into()),
            to: Some("2025-04-30".into()),
            client: Some(String::new()),
            ..AccessQuery::default()
        };
        let filter = query.filter(10).unwrap();
        assert_eq!(filter.from.unwrap().to_rfc3339(), "2025-03-31T15:00:00+00:00");
        assert_eq!(filter.until.unwrap().to_rfc3339(), "2025-04-30T15:00:00+00:00");
        assert_eq!(filter.client, None, "an empty field is not given");
        let bad = AccessQuery { staff: Some("suzuki".into()), ..AccessQuery::default() };
        assert!(matches!(bad.filter(10), Err(ApiError::BadQuery(_))));
        let bad = AccessQuery { to: Some("2025/04/30".into()), ..AccessQuery::default() };
        assert!(matches!(bad.filter(10), Err(ApiError::BadQuery(_))));
    }
}
