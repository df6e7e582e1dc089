//! The world every API test runs in, shared by the test files of this
//! folder (each `tests/*.rs` is its own test binary and uses a part of it):
//! a fresh database per test on either storage engine, the app over it with
//! a clock tests can move, requests and their answers, and [`stories!`],
//! which runs each story once per engine.
//!
//! A story runs as `sqlite::<story>` on a file in a temp dir and as
//! `postgres::<story>` on a fresh database (`create database t_<random>`,
//! dropped afterwards) of the cluster at `RENKEI_TEST_POSTGRES_URL`.
//!
//! Without `RENKEI_TEST_POSTGRES_URL` the PostgreSQL variants FAIL, unless
//! `RENKEI_SKIP_POSTGRES=1` says to skip them; CI can never skip silently.
//! Start a cluster with `scripts/postgres.sh start /tmp/renkei-pg`.

// Each test binary uses only some of these helpers.
#![allow(dead_code)]

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, LazyLock};

use axum::body::{to_bytes, Body};
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use chrono::{TimeDelta, Utc};
use renkei_domain::record::RecordKind;
use renkei_domain::sync::{
    Change, DeviceSession, FieldWrite, PullResponse, PushRequest, Role, SignInResponse, StaffInfo, Stamp,
    MAX_PULL_LIMIT, PROTOCOL_HEADER,
};
use renkei_server::accounts;
use renkei_server::db::{NewOffice, NewStaff};
use renkei_server::{app_with_clock, Clock, Config, Db};
use serde_json::{json, Value};
use sqlx::Connection as _;
use tower::ServiceExt as _;
use uuid::Uuid;

// ---- the two backends -----------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh database for one test, removed when dropped.
pub struct TestDatabase {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    /// (admin URL, database name) of a PostgreSQL database to drop.
    pub postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// `None` when PostgreSQL is skipped on purpose.
    pub async fn new(backend: Backend) -> Option<Self> {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().unwrap();
                let url = format!("sqlite:{}", dir.path().join("data").join("renkei.db").display());
                Some(Self { url, _dir: Some(dir), postgres: None })
            }
            Backend::Postgres => {
                let Ok(admin) = std::env::var("RENKEI_TEST_POSTGRES_URL") else {
                    if std::env::var("RENKEI_SKIP_POSTGRES").as_deref() == Ok("1") {
                        eprintln!("PostgreSQL skipped (RENKEI_SKIP_POSTGRES=1)");
                        return None;
                    }
                    panic!(
                        "RENKEI_TEST_POSTGRES_URL is not set, so the PostgreSQL tests cannot run. Start a throw-away \
                         cluster with `scripts/postgres.sh start /tmp/renkei-pg` and set \
                         RENKEI_TEST_POSTGRES_URL=postgres://renkei@127.0.0.1:55432/postgres, \
                         or set RENKEI_SKIP_POSTGRES=1 to skip them on purpose."
                    );
                };
                let name = format!("t_{}", Uuid::new_v4().simple());
                let mut conn = sqlx::PgConnection::connect(&admin)
                    .await
                    .unwrap_or_else(|e| panic!("cannot connect to RENKEI_TEST_POSTGRES_URL: {e}"));
                sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.unwrap();
                conn.close().await.unwrap();
                Some(Self { url: database_url(&admin, &name), _dir: None, postgres: Some((admin, name)) })
            }
        }
    }
}

/// `admin` with its database name replaced by `name`.
fn database_url(admin: &str, name: &str) -> String {
    let (base, query) = admin.split_once('?').map_or((admin, None), |(base, query)| (base, Some(query)));
    let (scheme, rest) = base.split_once("://").unwrap();
    let host = rest.split_once('/').map_or(rest, |(host, _)| host);
    match query {
        Some(query) => format!("{scheme}://{host}/{name}?{query}"),
        None => format!("{scheme}://{host}/{name}"),
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.postgres.take() {
            // Drop runs inside the test's runtime; a thread with its own
            // runtime may block on the cleanup.
            let cleanup = std::thread::spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
                runtime.block_on(async {
                    let mut conn = sqlx::PgConnection::connect(&admin).await?;
                    sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")).execute(&mut conn).await?;
                    conn.close().await
                })
            });
            if let Ok(Err(error)) = cleanup.join() {
                eprintln!("could not drop a test database: {error}");
            }
        }
    }
}

// ---- one test's world -----------------------------------------------------

pub const PASSWORD: &str = "correct horse battery";

/// One argon2 hash of [`PASSWORD`] for all fixture accounts (hashing is
/// slow in debug builds).
pub static PASSWORD_HASH: LazyLock<String> = LazyLock::new(|| accounts::hash_password(PASSWORD).unwrap());

/// A server (the app over one connection pool) with a clock tests can move.
pub struct World {
    pub db: Db,
    pub app: Router,
    pub clock: TestClock,
    // Last: the pools above are dropped before the database.
    pub database: TestDatabase,
}

pub struct Office {
    pub id: Uuid,
    pub code: String,
    pub admin: StaffInfo,
    pub admin_token: String,
}

impl World {
    pub async fn new(backend: Backend) -> Option<Self> {
        let database = TestDatabase::new(backend).await?;
        let db = renkei_server::connect(&database.url).await.unwrap();
        let clock = TestClock::default();
        let app = app_for(db.clone(), &clock);
        Some(Self { db, app, clock, database })
    }

    /// Another server process: its own connection pool to the same
    /// database, the same clock.
    pub async fn another_process(&self) -> Router {
        let db = renkei_server::connect(&self.database.url).await.unwrap();
        app_for(db, &self.clock)
    }

    pub fn advance(&self, by: TimeDelta) {
        self.clock.offset_ms.fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }

    /// Stops the servers' clock at the current (whole) millisecond; only
    /// [`World::advance`] moves it afterwards.
    pub fn freeze(&self) {
        self.clock.frozen_ms.store(Utc::now().timestamp_millis(), Ordering::SeqCst);
    }

    /// Stops the servers' clock at `at` (in the past or the future of the
    /// machine's); only [`World::advance`] moves it afterwards.
    pub fn set_time(&self, at: chrono::DateTime<Utc>) {
        self.clock.offset_ms.store(0, Ordering::SeqCst);
        self.clock.frozen_ms.store(at.timestamp_millis(), Ordering::SeqCst);
    }

    /// The servers' current time.
    pub fn now(&self) -> chrono::DateTime<Utc> {
        self.clock.now()
    }

    /// An office made directly in storage with an admin signed in through
    /// the API.
    pub async fn office(&self, code: &str) -> Office {
        let office = NewOffice { id: Uuid::new_v4(), code: code.into(), name: format!("{code} 事業所") };
        let admin = NewStaff {
            id: Uuid::new_v4(),
            login: "admin".into(),
            display_name: "管理者 太郎".into(),
            role: Role::Admin,
            job_role: None,
            password_hash: PASSWORD_HASH.clone(),
        };
        self.db.create_office(&office, &admin, Utc::now()).await.unwrap();
        let signed_in = self.sign_in(code, "admin", PASSWORD).await;
        Office { id: office.id, code: code.into(), admin: signed_in.staff, admin_token: signed_in.token }
    }

    pub async fn sign_in(&self, code: &str, login: &str, password: &str) -> SignInResponse {
        let (status, body) = self.post("/api/auth/sign-in", None, sign_in_body(code, login, password)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    pub async fn add_staff(&self, office: &Office, login: &str, role: Role) -> (StaffInfo, String) {
        let body = json!({"login": login, "display_name": format!("{login} さん"), "password": PASSWORD, "role": role});
        let (status, body) = self.post("/api/staff", Some(&office.admin_token), body).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let info: StaffInfo = serde_json::from_value(body).unwrap();
        let token = self.sign_in(&office.code, login, PASSWORD).await.token;
        (info, token)
    }

    pub async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, Value) {
        send(&self.app, request).await
    }

    pub async fn get(&self, uri: &str, token: Option<&str>) -> (StatusCode, Value) {
        let (status, _, body) = self.send(request(Method::GET, uri, token).body(Body::empty()).unwrap()).await;
        (status, body)
    }

    pub async fn post(&self, uri: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        let (status, _, body) = self.send(json_request(uri, token, &body)).await;
        (status, body)
    }

    pub async fn push(&self, token: &str, changes: &[Change]) -> (StatusCode, Value) {
        self.post("/api/sync/push", Some(token), json!(PushRequest { changes: changes.to_vec() })).await
    }

    pub async fn pull(&self, token: &str, since: i64, limit: Option<u32>) -> PullResponse {
        pull(&self.app, token, since, limit).await
    }

    /// Everything of an office the API can change, read straight from
    /// storage.
    pub async fn snapshot(&self, office: &Office) -> Value {
        let changes = self.db.pull(office.id, 0, MAX_PULL_LIMIT).await.unwrap();
        let staff = self.db.list_staff(office.id).await.unwrap();
        json!({ "changes": changes, "staff": staff })
    }
}

/// The time the test servers see: the machine's (or a frozen instant) plus
/// an offset tests move forward.
#[derive(Clone, Default)]
pub struct TestClock {
    offset_ms: Arc<AtomicI64>,
    /// Milliseconds since the epoch; 0 = not frozen.
    frozen_ms: Arc<AtomicI64>,
}

impl TestClock {
    pub fn now(&self) -> chrono::DateTime<Utc> {
        let frozen = self.frozen_ms.load(Ordering::SeqCst);
        let base = if frozen == 0 { Utc::now() } else { chrono::DateTime::from_timestamp_millis(frozen).unwrap() };
        base + TimeDelta::milliseconds(self.offset_ms.load(Ordering::SeqCst))
    }
}

impl World {
    /// (cursor, who pushed it, who is recorded as its author) of each
    /// stored change of the office: its `staff_id` and `author_id`, read
    /// straight from the table.
    pub async fn change_staff(&self, office: &Office) -> Vec<(i64, Option<Uuid>, Option<Uuid>)> {
        let query = "SELECT cursor, staff_id, author_id FROM changes WHERE office_id = $1 ORDER BY cursor";
        if self.database.postgres.is_some() {
            let mut conn = sqlx::PgConnection::connect(&self.database.url).await.unwrap();
            let rows = sqlx::query_as(query).bind(office.id).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows
        } else {
            let mut conn = sqlx::SqliteConnection::connect(&self.database.url).await.unwrap();
            let rows: Vec<(i64, Option<String>, Option<String>)> =
                sqlx::query_as(query).bind(office.id.to_string()).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            let id = |id: Option<String>| id.map(|id| Uuid::parse_str(&id).unwrap());
            rows.into_iter().map(|(cursor, pusher, author)| (cursor, id(pusher), id(author))).collect()
        }
    }

    /// Sets the `staff_id` (who pushed it) and `author_id` of the office's
    /// change at `cursor` straight in the table, as rows stored before those
    /// columns existed have them (NULL).
    pub async fn set_change_staff(&self, office: &Office, cursor: i64, pusher: Option<Uuid>, author: Option<Uuid>) {
        let query = "UPDATE changes SET staff_id = $1, author_id = $2 WHERE office_id = $3 AND cursor = $4";
        let done = if self.database.postgres.is_some() {
            let mut conn = sqlx::PgConnection::connect(&self.database.url).await.unwrap();
            let done = sqlx::query(query).bind(pusher).bind(author).bind(office.id).bind(cursor);
            let done = done.execute(&mut conn).await.unwrap().rows_affected();
            conn.close().await.unwrap();
            done
        } else {
            let mut conn = sqlx::SqliteConnection::connect(&self.database.url).await.unwrap();
            let text = |id: Option<Uuid>| id.map(|id| id.to_string());
            let done =
                sqlx::query(query).bind(text(pusher)).bind(text(author)).bind(office.id.to_string()).bind(cursor);
            let done = done.execute(&mut conn).await.unwrap().rows_affected();
            conn.close().await.unwrap();
            done
        };
        assert_eq!(done, 1, "no change at cursor {cursor}");
    }

    /// Renames a staff member straight in the table (neither the API nor
    /// the console renames yet).
    pub async fn rename_staff(&self, staff: Uuid, display_name: &str) {
        let query = "UPDATE staff SET display_name = $1 WHERE id = $2";
        let done = if self.database.postgres.is_some() {
            let mut conn = sqlx::PgConnection::connect(&self.database.url).await.unwrap();
            let done = sqlx::query(query).bind(display_name).bind(staff).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            done.rows_affected()
        } else {
            let mut conn = sqlx::SqliteConnection::connect(&self.database.url).await.unwrap();
            let done = sqlx::query(query).bind(display_name).bind(staff.to_string()).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            done.rows_affected()
        };
        assert_eq!(done, 1, "no staff member {staff}");
    }

    /// The distinct record ids of the office's stored changes, read straight
    /// from the table.
    pub async fn stored_record_ids(&self, office: &Office) -> std::collections::BTreeSet<Uuid> {
        let query = "SELECT DISTINCT record_id FROM changes WHERE office_id = $1";
        if self.database.postgres.is_some() {
            let mut conn = sqlx::PgConnection::connect(&self.database.url).await.unwrap();
            let rows: Vec<Uuid> = sqlx::query_scalar(query).bind(office.id).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows.into_iter().collect()
        } else {
            let mut conn = sqlx::SqliteConnection::connect(&self.database.url).await.unwrap();
            let rows: Vec<String> =
                sqlx::query_scalar(query).bind(office.id.to_string()).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows.into_iter().map(|id| Uuid::parse_str(&id).unwrap()).collect()
        }
    }

    /// (client id, record count, purged by, purged at in ms) of each purge
    /// of the office, read straight from the table.
    pub async fn purges(&self, office: &Office) -> Vec<(Uuid, i64, Uuid, i64)> {
        let query = "SELECT client_id, records, purged_by, purged_at FROM purges WHERE office_id = $1 \
                     ORDER BY first_cursor";
        if self.database.postgres.is_some() {
            let mut conn = sqlx::PgConnection::connect(&self.database.url).await.unwrap();
            let rows: Vec<(Uuid, i64, Uuid, chrono::DateTime<Utc>)> =
                sqlx::query_as(query).bind(office.id).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows.into_iter().map(|(c, n, by, at)| (c, n, by, at.timestamp_millis())).collect()
        } else {
            let mut conn = sqlx::SqliteConnection::connect(&self.database.url).await.unwrap();
            let rows: Vec<(String, i64, String, i64)> =
                sqlx::query_as(query).bind(office.id.to_string()).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows.into_iter()
                .map(|(c, n, by, at)| (Uuid::parse_str(&c).unwrap(), n, Uuid::parse_str(&by).unwrap(), at))
                .collect()
        }
    }

    /// The (first, last) cursors of each purge of the office.
    pub async fn purge_cursors(&self, office: &Office) -> Vec<(i64, i64)> {
        let query = "SELECT first_cursor, last_cursor FROM purges WHERE office_id = $1 ORDER BY first_cursor";
        if self.database.postgres.is_some() {
            let mut conn = sqlx::PgConnection::connect(&self.database.url).await.unwrap();
            let rows = sqlx::query_as(query).bind(office.id).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows
        } else {
            let mut conn = sqlx::SqliteConnection::connect(&self.database.url).await.unwrap();
            let rows = sqlx::query_as(query).bind(office.id.to_string()).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows
        }
    }

    pub async fn devices(&self, staff: Uuid, token: &str) -> Vec<DeviceSession> {
        let (status, body) = self.get(&format!("/api/staff/{staff}/devices"), Some(token)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    pub async fn set_disabled(&self, staff: Uuid, token: &str, disabled: bool) -> (StatusCode, Value) {
        self.post(&format!("/api/staff/{staff}/status"), Some(token), json!({ "disabled": disabled })).await
    }
}

/// The test servers trust `X-Forwarded-For` (as behind a reverse proxy), so
/// tests can sign in from several addresses; without the header all
/// requests share one address.
pub fn app_for(db: Db, clock: &TestClock) -> Router {
    app_with_config(db, clock, Config { trust_forwarded_for: true, ..test_config() })
}

pub fn test_config() -> Config {
    Config::new(std::env::temp_dir().join("renkei-api-tests-no-dist"))
}

pub fn app_with_config(db: Db, clock: &TestClock, config: Config) -> Router {
    let clock = clock.clone();
    app_with_clock(&config, db, Clock::from_fn(move || clock.now()))
}

/// A sign-in request from `address` (`X-Forwarded-For`).
pub fn sign_in_from(address: &str, body: &Value) -> Request<Body> {
    let mut request = json_request("/api/auth/sign-in", None, body);
    request.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
    request
}

pub fn retry_after(headers: &HeaderMap) -> i64 {
    headers[RETRY_AFTER].to_str().unwrap().parse().unwrap()
}

pub fn sign_in_body(code: &str, login: &str, password: &str) -> Value {
    json!({"office_code": code, "login": login, "password": password})
}

/// A request with the current protocol header and, if given, a bearer token.
pub fn request(method: Method, uri: &str, token: Option<&str>) -> axum::http::request::Builder {
    let builder = Request::builder().method(method).uri(uri).header(PROTOCOL_HEADER, "1");
    match token {
        Some(token) => builder.header(AUTHORIZATION, format!("Bearer {token}")),
        None => builder,
    }
}

pub fn json_request(uri: &str, token: Option<&str>, body: &Value) -> Request<Body> {
    request(Method::POST, uri, token)
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap()
}

pub async fn send(app: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = to_bytes(response.into_body(), usize::MAX).await.unwrap();
    let body = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes).unwrap_or_else(|_| panic!("not JSON: {}", String::from_utf8_lossy(&bytes)))
    };
    (status, headers, body)
}

pub async fn pull(app: &Router, token: &str, since: i64, limit: Option<u32>) -> PullResponse {
    let uri = match limit {
        Some(limit) => format!("/api/sync/pull?since={since}&limit={limit}"),
        None => format!("/api/sync/pull?since={since}"),
    };
    let (status, _, body) = send(app, request(Method::GET, &uri, Some(token)).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

/// One change of one field, stamped now.
pub fn change(device: &str, seq: u64, record: Uuid, field: &str, value: Value) -> Change {
    Change {
        device_id: device.into(),
        seq,
        record_id: record,
        kind: RecordKind::Client,
        writes: vec![FieldWrite {
            field: field.into(),
            value,
            stamp: Stamp { ms: Utc::now().timestamp_millis(), counter: seq as u32, device: device.into() },
            replaces: vec![],
        }],
        author: None,
    }
}

pub fn changes(device: &str, seqs: std::ops::RangeInclusive<u64>) -> Vec<Change> {
    seqs.map(|seq| change(device, seq, Uuid::new_v4(), "name", json!(format!("利用者 {seq}")))).collect()
}

pub fn assert_error(status: StatusCode, body: &Value, expected_status: StatusCode, code: &str) {
    assert_eq!(status, expected_status, "{body}");
    assert_eq!(body["error"], code, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
}

pub fn cursors(page: &PullResponse) -> Vec<i64> {
    page.changes.iter().map(|c| c.cursor).collect()
}

/// Runs each story once per backend: `sqlite::<story>`, `postgres::<story>`.
/// Each story is an `async fn(World)` at the root of the test file.
#[allow(unused_macros)] // not every test binary tells stories
macro_rules! stories {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    if let Some(world) = $crate::common::World::new($crate::common::Backend::Sqlite).await {
                        super::$story(world).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    if let Some(world) = $crate::common::World::new($crate::common::Backend::Postgres).await {
                        super::$story(world).await;
                    }
                }
            )*
        }
    };
}
#[allow(unused_imports)]
pub(crate) use stories;
