//! The office API as one story, told once and run against both storage
//! engines: `sqlite::*` on a file in a temp dir, `postgres::*` on a fresh
//! database (`create database t_<random>`, dropped afterwards) of the
//! cluster at `RENKEI_TEST_POSTGRES_URL`.
//!
//! Without `RENKEI_TEST_POSTGRES_URL` the PostgreSQL variants FAIL, unless
//! `RENKEI_SKIP_POSTGRES=1` says to skip them; CI can never skip silently.
//! Start a cluster with `scripts/postgres.sh start /tmp/renkei-pg`.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, LazyLock};
use std::time::Duration;

use axum::body::{to_bytes, Body};
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE, RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use chrono::{TimeDelta, Utc};
use renkei_domain::record::RecordKind;
use renkei_domain::sync::validate::MAX_VALUE_DEPTH;
use renkei_domain::sync::{
    Change, DeviceSession, FieldWrite, PullResponse, PushRequest, PushResponse, Role, SignInResponse, StaffInfo, Stamp,
    MAX_BODY_BYTES, MAX_CLOCK_SKEW_MS, MAX_PULL_BYTES, MAX_PULL_LIMIT, MAX_PUSH_CHANGES, PROTOCOL_HEADER,
    SERVER_TIME_HEADER,
};
use renkei_server::accounts::{self, AccountError, OfficeDraft, FREE_SIGN_IN_FAILURES};
use renkei_server::db::{NewOffice, NewStaff};
use renkei_server::{app_with_clock, Clock, Config, Db};
use serde_json::{json, Value};
use sqlx::Connection as _;
use tower::ServiceExt as _;
use uuid::Uuid;

// ---- the two backends -----------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh database for one test, removed when dropped.
struct TestDatabase {
    url: String,
    _dir: Option<tempfile::TempDir>,
    /// (admin URL, database name) of a PostgreSQL database to drop.
    postgres: Option<(String, String)>,
}

impl TestDatabase {
    /// `None` when PostgreSQL is skipped on purpose.
    async fn new(backend: Backend) -> Option<Self> {
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

const PASSWORD: &str = "correct horse battery";

/// One argon2 hash of [`PASSWORD`] for all fixture accounts (hashing is
/// slow in debug builds).
static PASSWORD_HASH: LazyLock<String> = LazyLock::new(|| accounts::hash_password(PASSWORD).unwrap());

/// A server (the app over one connection pool) with a clock tests can move.
struct World {
    db: Db,
    app: Router,
    clock: TestClock,
    // Last: the pools above are dropped before the database.
    database: TestDatabase,
}

struct Office {
    id: Uuid,
    code: String,
    admin: StaffInfo,
    admin_token: String,
}

impl World {
    async fn new(backend: Backend) -> Option<Self> {
        let database = TestDatabase::new(backend).await?;
        let db = renkei_server::connect(&database.url).await.unwrap();
        let clock = TestClock::default();
        let app = app_for(db.clone(), &clock);
        Some(Self { db, app, clock, database })
    }

    /// Another server process: its own connection pool to the same
    /// database, the same clock.
    async fn another_process(&self) -> Router {
        let db = renkei_server::connect(&self.database.url).await.unwrap();
        app_for(db, &self.clock)
    }

    fn advance(&self, by: TimeDelta) {
        self.clock.offset_ms.fetch_add(by.num_milliseconds(), Ordering::SeqCst);
    }

    /// Stops the servers' clock at the current (whole) millisecond; only
    /// [`World::advance`] moves it afterwards.
    fn freeze(&self) {
        self.clock.frozen_ms.store(Utc::now().timestamp_millis(), Ordering::SeqCst);
    }

    /// The servers' current time.
    fn now(&self) -> chrono::DateTime<Utc> {
        self.clock.now()
    }

    /// An office made directly in storage with an admin signed in through
    /// the API.
    async fn office(&self, code: &str) -> Office {
        let office = NewOffice { id: Uuid::new_v4(), code: code.into(), name: format!("{code} 事業所") };
        let admin = NewStaff {
            id: Uuid::new_v4(),
            login: "admin".into(),
            display_name: "管理者 太郎".into(),
            role: Role::Admin,
            password_hash: PASSWORD_HASH.clone(),
        };
        self.db.create_office(&office, &admin, Utc::now()).await.unwrap();
        let signed_in = self.sign_in(code, "admin", PASSWORD).await;
        Office { id: office.id, code: code.into(), admin: signed_in.staff, admin_token: signed_in.token }
    }

    async fn sign_in(&self, code: &str, login: &str, password: &str) -> SignInResponse {
        let (status, body) = self.post("/api/auth/sign-in", None, sign_in_body(code, login, password)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    async fn add_staff(&self, office: &Office, login: &str, role: Role) -> (StaffInfo, String) {
        let body = json!({"login": login, "display_name": format!("{login} さん"), "password": PASSWORD, "role": role});
        let (status, body) = self.post("/api/staff", Some(&office.admin_token), body).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let info: StaffInfo = serde_json::from_value(body).unwrap();
        let token = self.sign_in(&office.code, login, PASSWORD).await.token;
        (info, token)
    }

    async fn send(&self, request: Request<Body>) -> (StatusCode, HeaderMap, Value) {
        send(&self.app, request).await
    }

    async fn get(&self, uri: &str, token: Option<&str>) -> (StatusCode, Value) {
        let (status, _, body) = self.send(request(Method::GET, uri, token).body(Body::empty()).unwrap()).await;
        (status, body)
    }

    async fn post(&self, uri: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        let (status, _, body) = self.send(json_request(uri, token, &body)).await;
        (status, body)
    }

    async fn push(&self, token: &str, changes: &[Change]) -> (StatusCode, Value) {
        self.post("/api/sync/push", Some(token), json!(PushRequest { changes: changes.to_vec() })).await
    }

    async fn pull(&self, token: &str, since: i64, limit: Option<u32>) -> PullResponse {
        pull(&self.app, token, since, limit).await
    }

    /// Everything of an office the API can change, read straight from
    /// storage.
    async fn snapshot(&self, office: &Office) -> Value {
        let changes = self.db.pull(office.id, 0, MAX_PULL_LIMIT).await.unwrap();
        let staff = self.db.list_staff(office.id).await.unwrap();
        json!({ "changes": changes, "staff": staff })
    }
}

/// The time the test servers see: the machine's (or a frozen instant) plus
/// an offset tests move forward.
#[derive(Clone, Default)]
struct TestClock {
    offset_ms: Arc<AtomicI64>,
    /// Milliseconds since the epoch; 0 = not frozen.
    frozen_ms: Arc<AtomicI64>,
}

impl TestClock {
    fn now(&self) -> chrono::DateTime<Utc> {
        let frozen = self.frozen_ms.load(Ordering::SeqCst);
        let base = if frozen == 0 { Utc::now() } else { chrono::DateTime::from_timestamp_millis(frozen).unwrap() };
        base + TimeDelta::milliseconds(self.offset_ms.load(Ordering::SeqCst))
    }
}

impl World {
    /// (cursor, staff id) of each stored change of the office, read
    /// straight from the table.
    async fn change_authors(&self, office: &Office) -> Vec<(i64, Option<Uuid>)> {
        let query = "SELECT cursor, staff_id FROM changes WHERE office_id = $1 ORDER BY cursor";
        if self.database.postgres.is_some() {
            let mut conn = sqlx::PgConnection::connect(&self.database.url).await.unwrap();
            let rows = sqlx::query_as(query).bind(office.id).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows
        } else {
            let mut conn = sqlx::SqliteConnection::connect(&self.database.url).await.unwrap();
            let rows: Vec<(i64, Option<String>)> =
                sqlx::query_as(query).bind(office.id.to_string()).fetch_all(&mut conn).await.unwrap();
            conn.close().await.unwrap();
            rows.into_iter().map(|(cursor, id)| (cursor, id.map(|id| Uuid::parse_str(&id).unwrap()))).collect()
        }
    }

    async fn devices(&self, staff: Uuid, token: &str) -> Vec<DeviceSession> {
        let (status, body) = self.get(&format!("/api/staff/{staff}/devices"), Some(token)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        serde_json::from_value(body).unwrap()
    }

    async fn set_disabled(&self, staff: Uuid, token: &str, disabled: bool) -> (StatusCode, Value) {
        self.post(&format!("/api/staff/{staff}/status"), Some(token), json!({ "disabled": disabled })).await
    }
}

/// The test servers trust `X-Forwarded-For` (as behind a reverse proxy), so
/// tests can sign in from several addresses; without the header all
/// requests share one address.
fn app_for(db: Db, clock: &TestClock) -> Router {
    app_with_config(db, clock, Config { trust_forwarded_for: true, ..test_config() })
}

fn test_config() -> Config {
    Config::new(std::env::temp_dir().join("renkei-api-tests-no-dist"))
}

fn app_with_config(db: Db, clock: &TestClock, config: Config) -> Router {
    let clock = clock.clone();
    app_with_clock(&config, db, Clock::from_fn(move || clock.now()))
}

/// A sign-in request from `address` (`X-Forwarded-For`).
fn sign_in_from(address: &str, body: &Value) -> Request<Body> {
    let mut request = json_request("/api/auth/sign-in", None, body);
    request.headers_mut().insert("x-forwarded-for", address.parse().unwrap());
    request
}

fn retry_after(headers: &HeaderMap) -> i64 {
    headers[RETRY_AFTER].to_str().unwrap().parse().unwrap()
}

fn sign_in_body(code: &str, login: &str, password: &str) -> Value {
    json!({"office_code": code, "login": login, "password": password})
}

/// A request with the current protocol header and, if given, a bearer token.
fn request(method: Method, uri: &str, token: Option<&str>) -> axum::http::request::Builder {
    let builder = Request::builder().method(method).uri(uri).header(PROTOCOL_HEADER, "1");
    match token {
        Some(token) => builder.header(AUTHORIZATION, format!("Bearer {token}")),
        None => builder,
    }
}

fn json_request(uri: &str, token: Option<&str>, body: &Value) -> Request<Body> {
    request(Method::POST, uri, token)
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(serde_json::to_vec(body).unwrap()))
        .unwrap()
}

async fn send(app: &Router, request: Request<Body>) -> (StatusCode, HeaderMap, Value) {
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

async fn pull(app: &Router, token: &str, since: i64, limit: Option<u32>) -> PullResponse {
    let uri = match limit {
        Some(limit) => format!("/api/sync/pull?since={since}&limit={limit}"),
        None => format!("/api/sync/pull?since={since}"),
    };
    let (status, _, body) = send(app, request(Method::GET, &uri, Some(token)).body(Body::empty()).unwrap()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

/// One change of one field, stamped now.
fn change(device: &str, seq: u64, record: Uuid, field: &str, value: Value) -> Change {
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
    }
}

fn changes(device: &str, seqs: std::ops::RangeInclusive<u64>) -> Vec<Change> {
    seqs.map(|seq| change(device, seq, Uuid::new_v4(), "name", json!(format!("利用者 {seq}")))).collect()
}

fn assert_error(status: StatusCode, body: &Value, expected_status: StatusCode, code: &str) {
    assert_eq!(status, expected_status, "{body}");
    assert_eq!(body["error"], code, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
}

fn cursors(page: &PullResponse) -> Vec<i64> {
    page.changes.iter().map(|c| c.cursor).collect()
}

/// Runs each story once per backend: `sqlite::<story>`, `postgres::<story>`.
macro_rules! stories {
    ($($story:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    if let Some(world) = super::World::new(super::Backend::Sqlite).await {
                        super::$story(world).await;
                    }
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $story() {
                    if let Some(world) = super::World::new(super::Backend::Postgres).await {
                        super::$story(world).await;
                    }
                }
            )*
        }
    };
}

stories!(
    create_office_makes_an_administrator_who_can_sign_in,
    wrong_passwords_unknown_logins_and_unknown_offices_are_refused_alike,
    failed_sign_ins_hold_a_login_back_longer_each_time_in_every_process,
    a_known_device_signs_in_at_once_while_a_stranger_holds_the_login_back,
    sign_ins_are_limited_per_client_address,
    a_flood_of_sign_ins_hashes_on_at_most_one_thread_per_core,
    parallel_wrong_passwords_are_all_counted_and_only_five_are_checked,
    a_successful_sign_in_clears_earlier_failures,
    sign_out_revokes_only_that_token,
    sessions_slide_while_used_and_expire_after_thirty_idle_days,
    requests_without_a_live_token_are_unauthorized,
    an_administrator_adds_staff_who_can_then_sign_in,
    staff_cannot_add_staff,
    bad_or_taken_staff_details_are_refused_and_change_nothing,
    pushed_changes_come_back_on_pull_in_cursor_order,
    a_batch_pushed_twice_is_stored_once,
    a_seq_reused_with_another_body_is_refused_and_nothing_of_the_batch_is_stored,
    pull_pages_through_the_log_and_resumes_from_any_cursor,
    concurrent_pushers_get_gap_free_cursors_and_a_concurrent_puller_misses_nothing,
    a_retry_racing_the_original_push_is_stored_once,
    another_office_never_sees_or_changes_this_office_on_any_endpoint,
    bad_input_gets_a_clear_error_and_changes_nothing,
    an_outdated_app_gets_426_on_every_endpoint_and_changes_nothing,
    unknown_api_paths_and_methods_answer_in_json,
    api_answers_are_never_cached,
    a_database_failure_is_a_generic_500,
    every_api_answer_carries_the_server_time_even_a_refused_stamp,
    a_pull_page_stops_at_a_mebibyte_of_changes_but_carries_a_larger_one_alone,
    a_device_id_belongs_to_the_session_that_pushed_it_until_that_session_ends,
    two_sessions_pushing_a_new_device_id_at_once_one_gets_it,
    administrators_disable_and_enable_staff_and_keep_one_active_administrator,
    two_administrators_disabling_each_other_at_once_leave_one_active,
    administrators_reset_passwords_and_the_login_may_sign_in_at_once,
    staff_see_their_devices_and_administrators_end_a_device_session,
);

// ---- accounts ---------------------------------------------------------------

async fn create_office_makes_an_administrator_who_can_sign_in(world: World) {
    let draft = OfficeDraft {
        name: "さくら作業所".into(),
        code: "sakura".into(),
        admin_login: "sato".into(),
        admin_name: "佐藤 花子".into(),
        admin_password: "はなこのパスワード".into(),
    };
    let created = accounts::create_office(world.db.as_ref(), draft.clone(), Utc::now()).await.unwrap();
    assert_eq!(created.code, "sakura");
    assert_eq!(created.admin.office_id, created.office_id);
    assert_eq!(created.admin.role, Role::Admin);

    let signed_in = world.sign_in("sakura", "sato", "はなこのパスワード").await;
    assert_eq!(signed_in.staff, created.admin);
    assert_eq!(signed_in.staff.office_name, "さくら作業所");
    assert_eq!(signed_in.staff.display_name, "佐藤 花子");
    let (status, me) = world.get("/api/auth/me", Some(&signed_in.token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_value::<StaffInfo>(me).unwrap(), created.admin);

    let taken = accounts::create_office(world.db.as_ref(), draft.clone(), Utc::now()).await.unwrap_err();
    assert!(matches!(taken, AccountError::OfficeCodeTaken(_)), "{taken}");

    let short = OfficeDraft { code: "short".into(), admin_password: "1234567".into(), ..draft.clone() };
    let error = accounts::create_office(world.db.as_ref(), short, Utc::now()).await.unwrap_err();
    assert!(matches!(error, AccountError::PasswordTooShort));
    assert!(error.to_string().contains("8文字以上") && error.to_string().contains("at least 8"), "{error}");
    let (status, body) = world.post("/api/auth/sign-in", None, sign_in_body("short", "sato", "1234567")).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");

    let bad_code = OfficeDraft { code: "さくら".into(), ..draft };
    let error = accounts::create_office(world.db.as_ref(), bad_code, Utc::now()).await.unwrap_err();
    assert!(matches!(error, AccountError::BadOfficeCode));
}

async fn wrong_passwords_unknown_logins_and_unknown_offices_are_refused_alike(world: World) {
    let office = world.office("alike").await;
    let attempts = [
        sign_in_body(&office.code, "admin", "wrong password"),
        sign_in_body(&office.code, "nobody", PASSWORD),
        sign_in_body("no-such-office", "admin", PASSWORD),
    ];
    let mut answers = Vec::new();
    for body in attempts {
        let (status, body) = world.post("/api/auth/sign-in", None, body).await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
        answers.push(body);
    }
    assert!(answers.iter().all(|answer| *answer == answers[0]), "{answers:?}");
    // That an unknown login costs the same argon2 work is checked without a
    // clock (a timing assertion fails on a busy machine): see
    // `accounts::tests::the_dummy_hash_costs_what_a_real_hash_costs`.
}

/// After five failures a login is held back, 1 s after the next failure,
/// then 2 s, 4 s, … up to 15 minutes, in every process, even for the
/// right password (from a device without the login's key).
async fn failed_sign_ins_hold_a_login_back_longer_each_time_in_every_process(world: World) {
    world.freeze();
    let office = world.office("throttle").await;
    world.add_staff(&office, "suzuki", Role::Staff).await;
    let wrong = sign_in_body(&office.code, "admin", "wrong password");
    let right = sign_in_body(&office.code, "admin", PASSWORD);
    for _ in 0..FREE_SIGN_IN_FAILURES {
        let (status, body) = world.post("/api/auth/sign-in", None, wrong.clone()).await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    // Each address its own, so only the login's hold-back is at work.
    let other = world.another_process().await;
    let mut waits = Vec::new();
    for attempt in 0..13 {
        let address = format!("198.51.100.{attempt}");
        for app in [&world.app, &other] {
            let (status, headers, body) = send(app, sign_in_from(&address, &right)).await;
            assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
            assert!(retry_after(&headers) >= 1);
        }
        let (_, headers, _) = send(&world.app, sign_in_from(&address, &right)).await;
        let wait = retry_after(&headers);
        waits.push(wait);
        // A second short of it: still held back.
        world.advance(TimeDelta::seconds(wait - 1));
        let (status, _, _) = send(&other, sign_in_from(&address, &right)).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
        world.advance(TimeDelta::seconds(1));
        let (status, _, body) = send(&other, sign_in_from(&address, &wrong)).await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    assert_eq!(waits, vec![1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);
    // Another login of the office is not affected.
    world.sign_in(&office.code, "suzuki", PASSWORD).await;
    // Once the wait is over the right password works, and clears it all.
    world.advance(TimeDelta::minutes(15));
    world.sign_in(&office.code, "admin", PASSWORD).await;
    for _ in 0..FREE_SIGN_IN_FAILURES {
        let (status, _) = world.post("/api/auth/sign-in", None, wrong.clone()).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
    }
}

/// Wrong passwords sent all at once, to two processes: each attempt is
/// counted before its password is checked, so exactly
/// [`FREE_SIGN_IN_FAILURES`] are checked (401) and every other one is
/// refused (429), however the requests interleave (the clock stands still).
async fn parallel_wrong_passwords_are_all_counted_and_only_five_are_checked(world: World) {
    const ATTEMPTS: usize = 16;
    world.freeze();
    let office = world.office("parallel").await;
    let other = world.another_process().await;
    let attempts: Vec<_> = (0..ATTEMPTS)
        .map(|i| {
            let app = if i % 2 == 0 { world.app.clone() } else { other.clone() };
            let body = sign_in_body(&office.code, "admin", &format!("guess {i}"));
            let request = sign_in_from(&format!("203.0.113.{i}"), &body);
            tokio::spawn(async move { send(&app, request).await })
        })
        .collect();
    let (mut checked, mut refused) = (0, 0);
    for attempt in attempts {
        let (status, _, body) = attempt.await.unwrap();
        match status {
            StatusCode::UNAUTHORIZED => {
                assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
                checked += 1;
            }
            StatusCode::TOO_MANY_REQUESTS => {
                assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
                refused += 1;
            }
            other => panic!("unexpected {other}: {body}"),
        }
    }
    let free = FREE_SIGN_IN_FAILURES as usize;
    assert_eq!((checked, refused), (free, ATTEMPTS - free));

    // The five checked ones hold the login back in both processes, even
    // for the right password, until a second has passed.
    for app in [&world.app, &other] {
        let (status, _, body) =
            send(app, json_request("/api/auth/sign-in", None, &sign_in_body(&office.code, "admin", PASSWORD))).await;
        assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
    }
    world.advance(TimeDelta::seconds(1));
    world.sign_in(&office.code, "admin", PASSWORD).await;
}

async fn a_successful_sign_in_clears_earlier_failures(world: World) {
    let office = world.office("clears").await;
    for round in 0..2 {
        for _ in 0..4 {
            let (status, body) =
                world.post("/api/auth/sign-in", None, sign_in_body(&office.code, "admin", "typo")).await;
            assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
        }
        assert!(!world.sign_in(&office.code, "admin", PASSWORD).await.token.is_empty(), "round {round}");
    }
}

async fn sign_out_revokes_only_that_token(world: World) {
    let office = world.office("signout").await;
    let phone = office.admin_token.clone();
    let laptop = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    assert_ne!(phone, laptop);

    let (status, body) = world.post("/api/auth/sign-out", Some(&phone), json!(null)).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    for uri in ["/api/auth/me", "/api/staff", "/api/sync/pull?since=0"] {
        let (status, body) = world.get(uri, Some(&phone)).await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "session_revoked");
    }
    let (status, body) = world.push(&phone, &changes("phone", 1..=1)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "session_revoked");
    let (status, body) = world.post("/api/auth/sign-out", Some(&phone), json!(null)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "session_revoked");

    let (status, _) = world.get("/api/auth/me", Some(&laptop)).await;
    assert_eq!(status, StatusCode::OK);
    assert!(world.pull(&laptop, 0, None).await.changes.is_empty());
}

/// A session lives 30 days after its last use: used every few weeks it
/// lasts, left alone 30 days it expires (`session_expired`, told apart
/// from an unknown token). Its last use is written at most once an hour.
async fn sessions_slide_while_used_and_expire_after_thirty_idle_days(world: World) {
    world.freeze();
    let office = world.office("expiry").await;
    let signed_in = world.sign_in(&office.code, "admin", PASSWORD).await;
    assert_eq!(signed_in.expires_at, world.now() + TimeDelta::days(30));
    let devices_uri = format!("/api/staff/{}/devices", office.admin.id);
    let this_session = |body: Value| -> DeviceSession {
        let sessions: Vec<DeviceSession> =
            serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{e}: {body}"));
        sessions.into_iter().find(|s| s.current).expect("the current session is listed")
    };
    let (_, body) = world.get(&devices_uri, Some(&signed_in.token)).await;
    let first = this_session(body);
    assert_eq!(first.last_used_at, first.signed_in_at);

    // Used again within the hour: nothing is written.
    world.advance(TimeDelta::minutes(50));
    let (_, body) = world.get(&devices_uri, Some(&signed_in.token)).await;
    assert_eq!(this_session(body), first);
    // After the hour, the last use and the expiry move.
    world.advance(TimeDelta::minutes(20));
    let (_, body) = world.get(&devices_uri, Some(&signed_in.token)).await;
    let moved = this_session(body);
    assert_eq!(moved.last_used_at - first.last_used_at, TimeDelta::minutes(70));
    assert_eq!(moved.expires_at - moved.last_used_at, TimeDelta::days(30));

    // Used every 29 days, it outlives its first 30 days by far.
    for _ in 0..3 {
        world.advance(TimeDelta::days(29));
        let (status, body) = world.get("/api/auth/me", Some(&signed_in.token)).await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    world.advance(TimeDelta::days(30) - TimeDelta::minutes(5));
    let (status, _) = world.get("/api/auth/me", Some(&signed_in.token)).await;
    assert_eq!(status, StatusCode::OK);
    world.advance(TimeDelta::days(30) + TimeDelta::minutes(1));
    let (status, body) = world.get("/api/auth/me", Some(&signed_in.token)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "session_expired");
    let (status, body) = world.push(&signed_in.token, &changes("late", 1..=1)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "session_expired");
    assert!(world.db.pull(office.id, 0, 10).await.unwrap().changes.is_empty());
    // Signing in again works; the expired token stays expired.
    let again = world.sign_in(&office.code, "admin", PASSWORD).await;
    let (status, _) = world.get("/api/auth/me", Some(&again.token)).await;
    assert_eq!(status, StatusCode::OK);
    let (status, body) = world.get("/api/auth/me", Some(&signed_in.token)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "session_expired");
    // Ninety days later it is forgotten: an unknown token.
    world.advance(TimeDelta::days(91));
    world.sign_in(&office.code, "admin", PASSWORD).await;
    let (status, body) = world.get("/api/auth/me", Some(&signed_in.token)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "unauthorized");
}

async fn requests_without_a_live_token_are_unauthorized(world: World) {
    let office = world.office("notoken").await;
    let before = world.snapshot(&office).await;
    let authorizations = [
        None,
        Some("Bearer".to_owned()),
        Some("Bearer ".to_owned()),
        Some("Bearer not-a-token".to_owned()),
        Some(format!("Basic {}", office.admin_token)),
        Some(office.admin_token.clone()),
        Some(format!("Bearer {}x", office.admin_token)),
        Some(format!("Bearer {}", "a".repeat(10_000))),
    ];
    let endpoints = [
        (Method::GET, "/api/auth/me", None),
        (Method::POST, "/api/auth/sign-out", None),
        (Method::GET, "/api/staff", None),
        (
            Method::POST,
            "/api/staff",
            Some(json!({"login": "x", "display_name": "x", "password": PASSWORD, "role": "admin"})),
        ),
        (Method::GET, "/api/sync/pull?since=0", None),
        (Method::POST, "/api/sync/push", Some(json!(PushRequest { changes: changes("x", 1..=2) }))),
    ];
    for authorization in &authorizations {
        for (method, uri, body) in &endpoints {
            let mut builder = request(method.clone(), uri, None).header(CONTENT_TYPE, "application/json");
            if let Some(value) = authorization {
                builder = builder.header(AUTHORIZATION, value);
            }
            let body = body.as_ref().map_or_else(Body::empty, |b| Body::from(b.to_string()));
            let (status, headers, body) = world.send(builder.body(body).unwrap()).await;
            assert_error(status, &body, StatusCode::UNAUTHORIZED, "unauthorized");
            assert_eq!(headers[WWW_AUTHENTICATE], "Bearer", "{method} {uri}");
        }
    }
    assert_eq!(world.snapshot(&office).await, before);
}

async fn an_administrator_adds_staff_who_can_then_sign_in(world: World) {
    let office = world.office("addstaff").await;
    let (suzuki, token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    assert_eq!(suzuki.role, Role::Staff);
    assert_eq!(suzuki.office_id, office.id);
    assert_eq!(suzuki.display_name, "suzuki さん");
    let (second_admin, _) = world.add_staff(&office, "tanaka", Role::Admin).await;
    assert_eq!(second_admin.role, Role::Admin);

    let (status, me) = world.get("/api/auth/me", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(serde_json::from_value::<StaffInfo>(me).unwrap(), suzuki);

    // Staff may list their colleagues.
    let (status, list) = world.get("/api/staff", Some(&token)).await;
    assert_eq!(status, StatusCode::OK);
    let list: Vec<StaffInfo> = serde_json::from_value(list).unwrap();
    assert_eq!(list, vec![office.admin.clone(), suzuki, second_admin]);
    assert!(!serde_json::to_string(&list).unwrap().contains("argon2"));
}

async fn staff_cannot_add_staff(world: World) {
    let office = world.office("staffonly").await;
    let (_, token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let before = world.snapshot(&office).await;
    for role in ["staff", "admin"] {
        let body = json!({"login": "intruder", "display_name": "侵入者", "password": PASSWORD, "role": role});
        let (status, body) = world.post("/api/staff", Some(&token), body).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    }
    assert_eq!(world.snapshot(&office).await, before);
}

async fn bad_or_taken_staff_details_are_refused_and_change_nothing(world: World) {
    let office = world.office("badstaff").await;
    world.add_staff(&office, "suzuki", Role::Staff).await;
    let before = world.snapshot(&office).await;
    let cases = [
        (json!({"login": "new", "display_name": "新人", "password": "1234567", "role": "staff"}), 400, "bad_password"),
        (json!({"login": "suzuki", "display_name": "別人", "password": PASSWORD, "role": "staff"}), 409, "login_taken"),
        (json!({"login": "admin", "display_name": "別人", "password": PASSWORD, "role": "admin"}), 409, "login_taken"),
        (
            json!({"login": "has space", "display_name": "新人", "password": PASSWORD, "role": "staff"}),
            400,
            "bad_input",
        ),
        (json!({"login": "", "display_name": "新人", "password": PASSWORD, "role": "staff"}), 400, "bad_input"),
        (json!({"login": "new", "display_name": "", "password": PASSWORD, "role": "staff"}), 400, "bad_input"),
        (json!({"login": "new", "display_name": "新人", "password": PASSWORD, "role": "boss"}), 400, "bad_json"),
        (json!({"login": "new", "display_name": "新人", "password": PASSWORD}), 400, "bad_json"),
    ];
    for (body, status, code) in cases {
        let (got, answer) = world.post("/api/staff", Some(&office.admin_token), body.clone()).await;
        assert_error(got, &answer, StatusCode::from_u16(status).unwrap(), code);
        if code == "bad_password" {
            let message = answer["message"].as_str().unwrap();
            assert!(message.contains("8文字以上") && message.contains("at least 8 characters"), "{message}");
        }
    }
    assert_eq!(world.snapshot(&office).await, before);
}

// ---- sync -----------------------------------------------------------------

async fn pushed_changes_come_back_on_pull_in_cursor_order(world: World) {
    let office = world.office("pushpull").await;
    let (_, staff_token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let pushed = changes("tablet-1", 1..=3);
    let (status, body) = world.push(&staff_token, &pushed).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(serde_json::from_value::<PushResponse>(body).unwrap(), PushResponse { accepted: 3, duplicates: 0 });

    // Every member of the office pulls the same log.
    let page = world.pull(&office.admin_token, 0, None).await;
    assert_eq!(cursors(&page), vec![1, 2, 3]);
    assert_eq!(page.changes.iter().map(|c| c.change.clone()).collect::<Vec<_>>(), pushed);
    assert_eq!((page.next, page.more), (3, false));

    let nothing_new = world.pull(&staff_token, 3, None).await;
    assert!(nothing_new.changes.is_empty());
    assert_eq!((nothing_new.next, nothing_new.more), (3, false));

    let more = changes("phone-2", 1..=2);
    world.push(&office.admin_token, &more).await;
    let page = world.pull(&staff_token, 3, None).await;
    assert_eq!(cursors(&page), vec![4, 5]);
    assert_eq!(page.changes[0].change, more[0]);
    // An empty push is fine and stores nothing.
    let (status, body) = world.push(&staff_token, &[]).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"accepted": 0, "duplicates": 0})));
}

async fn a_batch_pushed_twice_is_stored_once(world: World) {
    let office = world.office("twice").await;
    let batch = changes("tablet-1", 1..=3);
    let (_, first) = world.push(&office.admin_token, &batch).await;
    assert_eq!(first, json!({"accepted": 3, "duplicates": 0}));
    // The response was lost; the device sends the same batch again, maybe
    // to another server process.
    let other = world.another_process().await;
    let (status, _, second) = send(
        &other,
        json_request("/api/sync/push", Some(&office.admin_token), &json!(PushRequest { changes: batch.clone() })),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(second, json!({"accepted": 0, "duplicates": 3}));
    // A retry that overlaps a newer batch stores only what is new.
    let mut overlapping = batch[1..].to_vec();
    overlapping.extend(changes("tablet-1", 4..=4));
    let (_, third) = world.push(&office.admin_token, &overlapping).await;
    assert_eq!(third, json!({"accepted": 1, "duplicates": 2}));
    // The same change twice in one batch is stored once.
    let five = changes("tablet-1", 5..=5);
    let (_, fourth) = world.push(&office.admin_token, &[five[0].clone(), five[0].clone()]).await;
    assert_eq!(fourth, json!({"accepted": 1, "duplicates": 1}));

    let page = world.pull(&office.admin_token, 0, None).await;
    assert_eq!(cursors(&page), vec![1, 2, 3, 4, 5]);
    let seqs: Vec<u64> = page.changes.iter().map(|c| c.change.seq).collect();
    assert_eq!(seqs, vec![1, 2, 3, 4, 5]);
}

async fn a_seq_reused_with_another_body_is_refused_and_nothing_of_the_batch_is_stored(world: World) {
    let office = world.office("reused").await;
    let first = changes("tablet-1", 1..=1);
    world.push(&office.admin_token, &first).await;
    let before = world.snapshot(&office).await;

    let mut reused = first[0].clone();
    reused.writes[0].value = json!("別の内容");
    let batch = [changes("tablet-1", 2..=2), vec![reused.clone()], changes("tablet-1", 3..=3)].concat();
    let (status, body) = world.push(&office.admin_token, &batch).await;
    assert_error(status, &body, StatusCode::CONFLICT, "seq_reused");
    assert_eq!(world.snapshot(&office).await, before);

    // Reused within one batch, too.
    let mut twin = changes("tablet-1", 7..=7);
    let mut other = twin[0].clone();
    other.writes[0].field = "kana".into();
    twin.push(other);
    let (status, body) = world.push(&office.admin_token, &twin).await;
    assert_error(status, &body, StatusCode::CONFLICT, "seq_reused");
    assert_eq!(world.snapshot(&office).await, before);
}

async fn pull_pages_through_the_log_and_resumes_from_any_cursor(world: World) {
    let office = world.office("pages").await;
    let pushed = changes("tablet-1", 1..=7);
    world.push(&office.admin_token, &pushed).await;
    let token = &office.admin_token;

    let first = world.pull(token, 0, Some(3)).await;
    assert_eq!((cursors(&first), first.next, first.more), (vec![1, 2, 3], 3, true));
    let second = world.pull(token, first.next, Some(3)).await;
    assert_eq!((cursors(&second), second.next, second.more), (vec![4, 5, 6], 6, true));
    let third = world.pull(token, second.next, Some(3)).await;
    assert_eq!((cursors(&third), third.next, third.more), (vec![7], 7, false));
    let all: Vec<Change> =
        [first, second, third].iter().flat_map(|p| p.changes.iter().map(|c| c.change.clone())).collect();
    assert_eq!(all, pushed);

    // A pull interrupted anywhere resumes from the last cursor it kept.
    for since in 0..=7 {
        let page = world.pull(token, since, Some(2)).await;
        let expected: Vec<i64> = ((since + 1)..=7).take(2).collect();
        assert_eq!(cursors(&page), expected, "since {since}");
        assert_eq!(page.more, since + 2 < 7, "since {since}");
        assert_eq!(page.next, expected.last().copied().unwrap_or(since), "since {since}");
    }
    // A page exactly as long as what is left says no more.
    let exact = world.pull(token, 4, Some(3)).await;
    assert_eq!((cursors(&exact), exact.more), (vec![5, 6, 7], false));
    // Beyond the end and before the start.
    let beyond = world.pull(token, 100, Some(3)).await;
    assert_eq!((beyond.changes.len(), beyond.next, beyond.more), (0, 100, false));
    let before_start = world.pull(token, -5, None).await;
    assert_eq!(cursors(&before_start), vec![1, 2, 3, 4, 5, 6, 7]);
    // Without `since`, from the start; the largest page is allowed.
    let (status, body) = world.get(&format!("/api/sync/pull?limit={MAX_PULL_LIMIT}"), Some(token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["changes"].as_array().unwrap().len(), 7);
}

/// Four changes of ~300 KB, then one of 1.5 MB: pages hold what fits in
/// `MAX_PULL_BYTES` (three, then one), and the large change comes alone.
async fn a_pull_page_stops_at_a_mebibyte_of_changes_but_carries_a_larger_one_alone(world: World) {
    let office = world.office("bytecap").await;
    let token = office.admin_token.as_str();
    let big = |seq: u64, bytes: usize| change("tablet-1", seq, Uuid::new_v4(), "name", json!("あ".repeat(bytes / 3)));
    let (status, body) = world.push(token, &(1..=4).map(|seq| big(seq, 300_000)).collect::<Vec<_>>()).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = world.push(token, &[big(5, 1_500_000)]).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let mut since = 0;
    let mut pages = Vec::new();
    loop {
        let page = world.pull(token, since, Some(MAX_PULL_LIMIT)).await;
        let bytes: usize = page.changes.iter().map(|c| serde_json::to_string(&c.change).unwrap().len()).sum();
        assert!(page.changes.len() == 1 || bytes <= MAX_PULL_BYTES, "{bytes} bytes on a page");
        pages.push(cursors(&page));
        since = page.next;
        if !page.more {
            break;
        }
    }
    assert_eq!(pages, vec![vec![1, 2, 3], vec![4], vec![5]]);
}

async fn concurrent_pushers_get_gap_free_cursors_and_a_concurrent_puller_misses_nothing(world: World) {
    const BATCHES: u64 = 25;
    const PER_BATCH: u64 = 4;
    let office = world.office("busy").await;
    let token = office.admin_token.clone();
    // Two server processes (two pools), one device each, plus a puller on a
    // third.
    let apps = [world.another_process().await, world.another_process().await];
    let puller_app = world.another_process().await;

    let pushers: Vec<_> = apps
        .into_iter()
        .enumerate()
        .map(|(n, app)| {
            let token = token.clone();
            tokio::spawn(async move {
                let device = format!("device-{n}");
                for batch in 0..BATCHES {
                    let batch = changes(&device, batch * PER_BATCH + 1..=batch * PER_BATCH + PER_BATCH);
                    let request = json_request("/api/sync/push", Some(&token), &json!(PushRequest { changes: batch }));
                    let (status, _, body) = send(&app, request).await;
                    assert_eq!(status, StatusCode::OK, "{body}");
                    assert_eq!(body["accepted"], PER_BATCH);
                }
            })
        })
        .collect();

    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let puller = {
        let done = done.clone();
        let token = token.clone();
        tokio::spawn(async move {
            let mut seen = Vec::new();
            let mut since = 0;
            loop {
                // Read `done` before pulling: once the pushers are done, one
                // more pull that says "no more" has seen everything.
                let finished = done.load(Ordering::SeqCst);
                let page = pull(&puller_app, &token, since, Some(7)).await;
                for change in &page.changes {
                    assert!(change.cursor > since, "cursor went back");
                    seen.push((change.cursor, change.change.device_id.clone(), change.change.seq));
                }
                since = page.next;
                if finished && !page.more {
                    return seen;
                }
                if page.changes.is_empty() {
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
            }
        })
    };
    for pusher in pushers {
        pusher.await.unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let seen = puller.await.unwrap();

    let total = (2 * BATCHES * PER_BATCH) as i64;
    let seen_cursors: Vec<i64> = seen.iter().map(|(cursor, _, _)| *cursor).collect();
    assert_eq!(seen_cursors, (1..=total).collect::<Vec<_>>(), "the puller skipped or repeated a cursor");
    let keys: BTreeSet<(String, u64)> = seen.iter().map(|(_, device, seq)| (device.clone(), *seq)).collect();
    assert_eq!(keys.len() as i64, total);
    // Each device's changes keep their order in the log.
    for device in ["device-0", "device-1"] {
        let seqs: Vec<u64> = seen.iter().filter(|(_, d, _)| d == device).map(|(_, _, seq)| *seq).collect();
        assert_eq!(seqs, (1..=BATCHES * PER_BATCH).collect::<Vec<_>>(), "{device}");
    }
    let stored = world.db.pull(office.id, 0, MAX_PULL_LIMIT).await.unwrap();
    assert_eq!(cursors(&stored), (1..=total).collect::<Vec<_>>());
}

async fn a_retry_racing_the_original_push_is_stored_once(world: World) {
    let office = world.office("race").await;
    let batch = changes("tablet-1", 1..=20);
    let apps = [world.app.clone(), world.another_process().await, world.another_process().await];
    let tasks: Vec<_> = apps
        .into_iter()
        .map(|app| {
            let request = json_request(
                "/api/sync/push",
                Some(&office.admin_token),
                &json!(PushRequest { changes: batch.clone() }),
            );
            tokio::spawn(async move { send(&app, request).await })
        })
        .collect();
    let mut accepted = 0;
    for task in tasks {
        let (status, _, body) = task.await.unwrap();
        assert_eq!(status, StatusCode::OK, "{body}");
        let response: PushResponse = serde_json::from_value(body).unwrap();
        assert_eq!(response.accepted + response.duplicates, 20);
        accepted += response.accepted;
    }
    assert_eq!(accepted, 20);
    let page = world.pull(&office.admin_token, 0, None).await;
    assert_eq!(cursors(&page), (1..=20).collect::<Vec<_>>());
}

async fn another_office_never_sees_or_changes_this_office_on_any_endpoint(world: World) {
    let a = world.office("office-a").await;
    let b = world.office("office-b").await;
    let (a_staff, _) = world.add_staff(&a, "suzuki", Role::Staff).await;
    let record = Uuid::new_v4();
    let a_change = change("shared-device-name", 1, record, "name", json!("Aの利用者"));
    world.push(&a.admin_token, std::slice::from_ref(&a_change)).await;
    let a_before = world.snapshot(&a).await;

    // B pulls from the start: nothing of A.
    let page = world.pull(&b.admin_token, 0, None).await;
    assert!(page.changes.is_empty(), "{page:?}");
    // B writes A's record id with A's device id and seq: that is simply B's
    // own change, neither a duplicate nor a conflict.
    let b_change = change("shared-device-name", 1, record, "name", json!("Bの書き込み"));
    let (status, body) = world.push(&b.admin_token, std::slice::from_ref(&b_change)).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"accepted": 1, "duplicates": 0})));
    // B sees only its own change, whatever it asks for.
    for uri in [
        "/api/sync/pull?since=0".to_owned(),
        format!("/api/sync/pull?since=0&office_id={}", a.id),
        format!("/api/sync/pull?since=0&office={}", a.code),
    ] {
        let (status, page) = world.get(&uri, Some(&b.admin_token)).await;
        assert_eq!(status, StatusCode::OK);
        let page: PullResponse = serde_json::from_value(page).unwrap();
        assert_eq!(page.changes.len(), 1, "{uri}");
        assert_eq!(page.changes[0].change, b_change, "{uri}");
        assert_eq!(page.changes[0].cursor, 1, "{uri}: each office has its own cursors");
    }
    // Staff list and me: B's office only.
    let (_, list) = world.get("/api/staff", Some(&b.admin_token)).await;
    let list: Vec<StaffInfo> = serde_json::from_value(list).unwrap();
    assert_eq!(list, vec![b.admin.clone()]);
    let (_, me) = world.get("/api/auth/me", Some(&b.admin_token)).await;
    assert_eq!(serde_json::from_value::<StaffInfo>(me).unwrap().office_id, b.id);
    // B's admin adds a login A already has: it lands in B.
    let body = json!({"login": "suzuki", "display_name": "Bの鈴木", "password": PASSWORD, "role": "staff"});
    let (status, created) = world.post("/api/staff", Some(&b.admin_token), body).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(created["office_id"], json!(b.id));
    // A's admin cannot sign in to B, nor B's to A, with each other's code.
    let (status, _) = world.post("/api/auth/sign-in", None, sign_in_body(&b.code, &a_staff.login, "x")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // B signs out: A's sessions live on.
    world.post("/api/auth/sign-out", Some(&b.admin_token), json!(null)).await;

    assert_eq!(world.snapshot(&a).await, a_before);
    let (status, _) = world.get("/api/auth/me", Some(&a.admin_token)).await;
    assert_eq!(status, StatusCode::OK);
    let a_page = world.pull(&a.admin_token, 0, None).await;
    assert_eq!(a_page.changes.iter().map(|c| c.change.clone()).collect::<Vec<_>>(), vec![a_change]);
}

// ---- bad input and versions ---------------------------------------------------

async fn bad_input_gets_a_clear_error_and_changes_nothing(world: World) {
    let office = world.office("badinput").await;
    world.push(&office.admin_token, &changes("tablet-1", 1..=2)).await;
    let before = world.snapshot(&office).await;
    let token = office.admin_token.as_str();

    let good = serde_json::to_value(change("tablet-1", 3, Uuid::new_v4(), "name", json!("x"))).unwrap();
    let with = |path: &str, value: Value| {
        let mut change = good.clone();
        let mut target = &mut change;
        let parts: Vec<&str> = path.split('.').collect();
        for part in &parts[..parts.len() - 1] {
            target = match part.parse::<usize>() {
                Ok(index) => &mut target[index],
                Err(_) => &mut target[*part],
            };
        }
        target[parts[parts.len() - 1]] = value;
        json!({"changes": [good.clone(), change]})
    };
    let future = Utc::now().timestamp_millis() + MAX_CLOCK_SKEW_MS + 60_000;
    let push_cases: Vec<(&str, Vec<u8>, StatusCode, &str)> = vec![
        ("malformed JSON", br#"{"changes": [{"device_id": "#.to_vec(), StatusCode::BAD_REQUEST, "bad_json"),
        ("not JSON at all", b"changes=1".to_vec(), StatusCode::BAD_REQUEST, "bad_json"),
        ("empty body", Vec::new(), StatusCode::BAD_REQUEST, "bad_json"),
        ("changes not a list", br#"{"changes": "all"}"#.to_vec(), StatusCode::BAD_REQUEST, "bad_json"),
        ("seq as text", with("seq", json!("three")).to_string().into(), StatusCode::BAD_REQUEST, "bad_json"),
        ("negative seq", with("seq", json!(-1)).to_string().into(), StatusCode::BAD_REQUEST, "bad_json"),
        ("record id not a uuid", with("record_id", json!("1")).to_string().into(), StatusCode::BAD_REQUEST, "bad_json"),
        (
            "unknown record kind",
            with("kind", json!("spaceship")).to_string().into(),
            StatusCode::BAD_REQUEST,
            "bad_json",
        ),
        (
            "stamp far in the future",
            with("writes.0.stamp.ms", json!(future)).to_string().into(),
            StatusCode::BAD_REQUEST,
            "bad_stamp",
        ),
        ("seq zero", with("seq", json!(0)).to_string().into(), StatusCode::BAD_REQUEST, "bad_change"),
        ("seq beyond 63 bits", with("seq", json!(u64::MAX)).to_string().into(), StatusCode::BAD_REQUEST, "bad_change"),
        ("empty device id", with("device_id", json!("")).to_string().into(), StatusCode::BAD_REQUEST, "bad_change"),
        (
            "long device id",
            with("device_id", json!("d".repeat(101))).to_string().into(),
            StatusCode::BAD_REQUEST,
            "bad_change",
        ),
        (
            "empty field name",
            with("writes.0.field", json!("")).to_string().into(),
            StatusCode::BAD_REQUEST,
            "bad_change",
        ),
        (
            "long field name",
            with("writes.0.field", json!("f".repeat(101))).to_string().into(),
            StatusCode::BAD_REQUEST,
            "bad_change",
        ),
        (
            "value nested too deep",
            with("writes.0.value", nested(MAX_VALUE_DEPTH + 1)).to_string().into(),
            StatusCode::BAD_REQUEST,
            "bad_change",
        ),
        (
            "known field of the wrong type",
            with("writes.0.value", json!(5)).to_string().into(),
            StatusCode::BAD_REQUEST,
            "bad_change",
        ),
        (
            "write stamped by another device",
            with("writes.0.stamp.device", json!("tablet-2")).to_string().into(),
            StatusCode::BAD_REQUEST,
            "bad_change",
        ),
        (
            "two devices in one push",
            json!({"changes": [good.clone(), change("tablet-2", 1, Uuid::new_v4(), "name", json!("x"))]})
                .to_string()
                .into(),
            StatusCode::BAD_REQUEST,
            "bad_change",
        ),
        (
            "too many changes",
            json!(PushRequest { changes: changes("tablet-9", 1..=MAX_PUSH_CHANGES as u64 + 1) }).to_string().into(),
            StatusCode::BAD_REQUEST,
            "too_many_changes",
        ),
        (
            "body over the limit",
            json!({"changes": [], "padding": "x".repeat(MAX_BODY_BYTES)}).to_string().into(),
            StatusCode::PAYLOAD_TOO_LARGE,
            "too_large",
        ),
    ];
    for (what, body, status, code) in push_cases {
        let req = request(Method::POST, "/api/sync/push", Some(token))
            .header(CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let (got, headers, answer) = world.send(req).await;
        assert_eq!(headers[CONTENT_TYPE], "application/json", "{what}");
        assert_eq!(got, status, "{what}: {answer}");
        assert_eq!(answer["error"], code, "{what}: {answer}");
        assert!(answer["message"].as_str().is_some_and(|m| !m.is_empty()), "{what}");
        if code == "bad_change" {
            // The bad change is named by its place in the push.
            assert!(answer["message"].as_str().unwrap().contains("changes[1]"), "{what}: {answer}");
        }
        assert_eq!(world.snapshot(&office).await, before, "{what} changed something");
    }
    // The unknown kind's message names the problem.
    let (_, _, unknown_kind) = world
        .send(
            request(Method::POST, "/api/sync/push", Some(token))
                .header(CONTENT_TYPE, "application/json")
                .body(Body::from(with("kind", json!("spaceship")).to_string()))
                .unwrap(),
        )
        .await;
    assert!(unknown_kind["message"].as_str().unwrap().contains("spaceship"), "{unknown_kind}");

    // A body over the limit without a Content-Length (streamed) too.
    let req = request(Method::POST, "/api/sync/push", Some(token))
        .header(CONTENT_TYPE, "application/json")
        .body(Body::new(Streamed { left: MAX_BODY_BYTES + 1024 }))
        .unwrap();
    let (status, _, body) = world.send(req).await;
    assert_error(status, &body, StatusCode::PAYLOAD_TOO_LARGE, "too_large");

    // JSON without its content type.
    let req = request(Method::POST, "/api/sync/push", Some(token))
        .header(CONTENT_TYPE, "text/plain")
        .body(Body::from(json!(PushRequest { changes: changes("tablet-1", 3..=3) }).to_string()))
        .unwrap();
    let (status, _, body) = world.send(req).await;
    assert_error(status, &body, StatusCode::UNSUPPORTED_MEDIA_TYPE, "bad_content_type");

    // Bad query parameters on pull.
    for query in
        ["limit=0", &format!("limit={}", MAX_PULL_LIMIT + 1), "limit=abc", "limit=-1", "since=abc", "since=1.5"]
    {
        let (status, body) = world.get(&format!("/api/sync/pull?{query}"), Some(token)).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "bad_query");
    }
    // Bad sign-in and staff bodies.
    for body in
        [json!({"office_code": "badinput"}), json!("admin"), json!({"office_code": 1, "login": "a", "password": "b"})]
    {
        let (status, answer) = world.post("/api/auth/sign-in", None, body).await;
        assert_error(status, &answer, StatusCode::BAD_REQUEST, "bad_json");
    }
    assert_eq!(world.snapshot(&office).await, before);

    // After all that, a good push still works and continues the cursors.
    let (status, _) = world.push(token, &changes("tablet-1", 3..=3)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(cursors(&world.pull(token, 2, None).await), vec![3]);
}

/// A JSON value nested `depth` arrays deep.
fn nested(depth: usize) -> Value {
    (0..depth).fold(json!("x"), |inner, _| json!([inner]))
}

/// A request body of `len` spaces in 64 KiB frames, with no Content-Length.
struct Streamed {
    left: usize,
}

impl http_body::Body for Streamed {
    type Data = axum::body::Bytes;
    type Error = std::convert::Infallible;

    fn poll_frame(
        mut self: std::pin::Pin<&mut Self>,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<Result<http_body::Frame<Self::Data>, Self::Error>>> {
        if self.left == 0 {
            return std::task::Poll::Ready(None);
        }
        let n = self.left.min(64 * 1024);
        self.left -= n;
        std::task::Poll::Ready(Some(Ok(http_body::Frame::data(vec![b' '; n].into()))))
    }
}

async fn an_outdated_app_gets_426_on_every_endpoint_and_changes_nothing(world: World) {
    let office = world.office("outdated").await;
    world.push(&office.admin_token, &changes("tablet-1", 1..=1)).await;
    let before = world.snapshot(&office).await;
    let token = office.admin_token.as_str();
    let endpoints = [
        (Method::POST, "/api/auth/sign-in", json!(sign_in_body(&office.code, "admin", PASSWORD))),
        (Method::POST, "/api/auth/sign-out", json!(null)),
        (Method::GET, "/api/auth/me", json!(null)),
        (Method::GET, "/api/staff", json!(null)),
        (
            Method::POST,
            "/api/staff",
            json!({"login": "old", "display_name": "旧", "password": PASSWORD, "role": "staff"}),
        ),
        (Method::POST, "/api/sync/push", json!(PushRequest { changes: changes("tablet-1", 2..=3) })),
        (Method::GET, "/api/sync/pull?since=0", json!(null)),
    ];
    for version in [None, Some("0"), Some("2"), Some("1.0"), Some("abc"), Some("")] {
        for (method, uri, body) in &endpoints {
            let mut builder = Request::builder()
                .method(method.clone())
                .uri(*uri)
                .header(AUTHORIZATION, format!("Bearer {token}"))
                .header(CONTENT_TYPE, "application/json");
            if let Some(version) = version {
                builder = builder.header(PROTOCOL_HEADER, version);
            }
            let (status, _, answer) = world.send(builder.body(Body::from(body.to_string())).unwrap()).await;
            assert_eq!(status, StatusCode::UPGRADE_REQUIRED, "{version:?} {method} {uri}");
            assert_eq!(
                answer,
                json!({"error": "app_outdated", "message": "アプリを更新してください (update the app)"}),
                "{version:?} {method} {uri}"
            );
        }
    }
    // Checked before anything else: even bad tokens and oversized bodies.
    let request = Request::post("/api/sync/push")
        .header(PROTOCOL_HEADER, "2")
        .header(CONTENT_TYPE, "application/json")
        .body(Body::from(vec![b'x'; MAX_BODY_BYTES + 1]))
        .unwrap();
    assert_eq!(world.send(request).await.0, StatusCode::UPGRADE_REQUIRED);
    assert_eq!(world.snapshot(&office).await, before);
    // The session was neither revoked nor is there a new one in use.
    let (status, _) = world.get("/api/auth/me", Some(token)).await;
    assert_eq!(status, StatusCode::OK);
}

async fn unknown_api_paths_and_methods_answer_in_json(world: World) {
    let office = world.office("paths").await;
    for (method, uri) in [(Method::GET, "/api/nothing"), (Method::POST, "/api/sync/merge"), (Method::GET, "/api/")] {
        let (status, headers, body) =
            world.send(request(method, uri, Some(&office.admin_token)).body(Body::empty()).unwrap()).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
        assert_eq!(headers[CONTENT_TYPE], "application/json");
    }
    for (method, uri) in
        [(Method::GET, "/api/sync/push"), (Method::DELETE, "/api/staff"), (Method::GET, "/api/auth/sign-in")]
    {
        let (status, _, body) =
            world.send(request(method.clone(), uri, Some(&office.admin_token)).body(Body::empty()).unwrap()).await;
        assert_error(status, &body, StatusCode::METHOD_NOT_ALLOWED, "method_not_allowed");
    }
}

async fn api_answers_are_never_cached(world: World) {
    let office = world.office("nocache").await;
    let (_, headers, _) =
        world.send(json_request("/api/auth/sign-in", None, &sign_in_body(&office.code, "admin", PASSWORD))).await;
    assert_eq!(headers[CACHE_CONTROL], "no-store");
    let (_, headers, _) = world
        .send(request(Method::GET, "/api/sync/pull", Some(&office.admin_token)).body(Body::empty()).unwrap())
        .await;
    assert_eq!(headers[CACHE_CONTROL], "no-store");
}

async fn a_database_failure_is_a_generic_500(world: World) {
    let office = world.office("broken").await;
    world.db.close().await;
    let (status, body) = world.get("/api/auth/me", Some(&office.admin_token)).await;
    assert_error(status, &body, StatusCode::INTERNAL_SERVER_ERROR, "internal");
    let message = body["message"].as_str().unwrap();
    assert!(!message.to_lowercase().contains("pool") && !message.contains("sqlx"), "{message}");
}

/// The server's time is on every API answer, successes and errors alike,
/// so a device whose push was refused for its clock (`bad_stamp`) can
/// measure how far off it is. The server's clock is set a week ahead here:
/// the header must follow it, not the machine's.
async fn every_api_answer_carries_the_server_time_even_a_refused_stamp(world: World) {
    let office = world.office("servertime").await;
    let ahead = TimeDelta::days(7);
    world.advance(ahead);
    let token = office.admin_token.as_str();
    let future = change("tablet-1", 1, Uuid::new_v4(), "name", json!("x"));
    let mut too_far = future.clone();
    too_far.writes[0].stamp.ms += ahead.num_milliseconds() + MAX_CLOCK_SKEW_MS + 60_000;
    let requests: Vec<(&str, Request<Body>, StatusCode)> = vec![
        (
            "bad_stamp",
            json_request("/api/sync/push", Some(token), &json!(PushRequest { changes: vec![too_far] })),
            StatusCode::BAD_REQUEST,
        ),
        (
            "push",
            json_request("/api/sync/push", Some(token), &json!(PushRequest { changes: vec![future] })),
            StatusCode::OK,
        ),
        ("pull", request(Method::GET, "/api/sync/pull", Some(token)).body(Body::empty()).unwrap(), StatusCode::OK),
        ("no token", request(Method::GET, "/api/auth/me", None).body(Body::empty()).unwrap(), StatusCode::UNAUTHORIZED),
        (
            "sign-in",
            json_request("/api/auth/sign-in", None, &sign_in_body(&office.code, "admin", PASSWORD)),
            StatusCode::OK,
        ),
        ("not found", request(Method::GET, "/api/nothing", None).body(Body::empty()).unwrap(), StatusCode::NOT_FOUND),
        (
            "outdated",
            Request::get("/api/auth/me").header(PROTOCOL_HEADER, "0").body(Body::empty()).unwrap(),
            StatusCode::UPGRADE_REQUIRED,
        ),
    ];
    for (what, request, expected) in requests {
        let earliest = (Utc::now() + ahead).timestamp_millis();
        let (status, headers, body) = world.send(request).await;
        let latest = (Utc::now() + ahead).timestamp_millis();
        assert_eq!(status, expected, "{what}: {body}");
        let time: i64 = headers
            .get(SERVER_TIME_HEADER)
            .unwrap_or_else(|| panic!("{what}: no {SERVER_TIME_HEADER}"))
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((earliest..=latest).contains(&time), "{what}: {time} not in {earliest}..={latest}");
    }
}

// ---- sign-in limits -----------------------------------------------------------

/// A stranger guesses the admin's password fifty times, from fifty
/// addresses, waiting out every hold-back. The real user's devices that
/// signed in before (they send their device key) are not held back; a new
/// device is.
async fn a_known_device_signs_in_at_once_while_a_stranger_holds_the_login_back(world: World) {
    world.freeze();
    let office = world.office("known").await;
    let (_, _) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let first = world.sign_in(&office.code, "admin", PASSWORD).await;
    let key = first.device_key.clone().expect("a device key on sign-in");
    assert_eq!(key.len(), 43);
    let with_key = |password: &str, key: &str| json!({"office_code": office.code, "login": "admin", "password": password, "device_key": key});

    let mut checked = 0;
    let mut address = 0;
    while checked < 50 {
        address += 1;
        let guess = sign_in_body(&office.code, "admin", &format!("guess {checked}"));
        let (status, headers, _) = send(&world.app, sign_in_from(&format!("203.0.113.{address}"), &guess)).await;
        match status {
            StatusCode::UNAUTHORIZED => checked += 1,
            StatusCode::TOO_MANY_REQUESTS => world.advance(TimeDelta::seconds(retry_after(&headers))),
            other => panic!("{other}"),
        }
    }
    // A device without the key waits the full fifteen minutes.
    let (status, headers, body) =
        send(&world.app, sign_in_from("192.0.2.10", &sign_in_body(&office.code, "admin", PASSWORD))).await;
    assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
    assert_eq!(retry_after(&headers), 15 * 60);
    // The known device signs in at once, in another process too, and keeps
    // its key.
    for app in [world.app.clone(), world.another_process().await] {
        let (status, _, body) = send(&app, sign_in_from("192.0.2.10", &with_key(PASSWORD, &key))).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let signed_in: SignInResponse = serde_json::from_value(body).unwrap();
        assert_eq!(signed_in.device_key.as_deref(), Some(key.as_str()));
        assert_eq!(signed_in.staff.id, office.admin.id);
    }
    // A key only counts for its own login.
    let suzuki_with_admin_key =
        json!({"office_code": office.code, "login": "suzuki", "password": PASSWORD, "device_key": key});
    let (status, _, body) = send(&world.app, sign_in_from("192.0.2.11", &suzuki_with_admin_key)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_ne!(body["device_key"], json!(key));
    let made_up = with_key(PASSWORD, "not-a-key-anyone-was-given");
    let (status, _, body) = send(&world.app, sign_in_from("192.0.2.10", &made_up)).await;
    assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");

    // A stolen key buys ten guesses, then it is no longer honoured.
    for _ in 0..accounts::DEVICE_KEY_MAX_FAILURES {
        let (status, _, body) = send(&world.app, sign_in_from("192.0.2.12", &with_key("guess", &key))).await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let (status, _, body) = send(&world.app, sign_in_from("192.0.2.12", &with_key(PASSWORD, &key))).await;
    assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
    // A password reset by a 管理者 clears it all.
    let (status, _) = world
        .post(&format!("/api/staff/{}/password", office.admin.id), Some(&first.token), json!({"password": PASSWORD}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _, body) = send(&world.app, sign_in_from("192.0.2.12", &with_key(PASSWORD, &key))).await;
    assert_eq!(status, StatusCode::OK, "{body}");
}

/// Thirty attempts a minute per client address; other addresses go on. The
/// limit is kept per process, in memory.
async fn sign_ins_are_limited_per_client_address(world: World) {
    world.freeze();
    let office = world.office("peraddress").await;
    // Different logins, so no login's hold-back is reached.
    let attempt = |i: usize| sign_in_body(&office.code, &format!("nobody-{i}"), "guess");
    for i in 0..30 {
        let (status, _, _) = send(&world.app, sign_in_from("192.0.2.1", &attempt(i))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let (status, headers, body) = send(&world.app, sign_in_from("192.0.2.1", &attempt(30))).await;
    assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
    assert_eq!(retry_after(&headers), 2);
    // Even the right password of a real account waits.
    let (status, _, _) =
        send(&world.app, sign_in_from("192.0.2.1", &sign_in_body(&office.code, "admin", PASSWORD))).await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    // Another address, or the same one after two seconds, goes ahead.
    let (status, _, _) = send(&world.app, sign_in_from("192.0.2.2", &attempt(31))).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    world.advance(TimeDelta::seconds(2));
    let (status, _, body) =
        send(&world.app, sign_in_from("192.0.2.1", &sign_in_body(&office.code, "admin", PASSWORD))).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // Without --trust-forwarded-for the header is ignored: without a peer
    // address every request shares one bucket, whatever it claims.
    let untrusting = app_with_config(world.db.clone(), &world.clock, test_config());
    for i in 0..30 {
        let (status, _, _) = send(&untrusting, sign_in_from(&format!("198.51.100.{i}"), &attempt(100 + i))).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "attempt {i}");
    }
    let (status, _, body) = send(&untrusting, sign_in_from("198.51.100.200", &attempt(200))).await;
    assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");
}

/// Sixty-four sign-ins at once (from as many addresses, for as many logins,
/// so no limit stops them first) all get their argon2 check, but never more
/// at once than there are cores.
async fn a_flood_of_sign_ins_hashes_on_at_most_one_thread_per_core(world: World) {
    const ATTEMPTS: usize = 64;
    let office = world.office("flood").await;
    let before = accounts::hashing_stats();
    let attempts: Vec<_> = (0..ATTEMPTS)
        .map(|i| {
            let app = world.app.clone();
            let request = sign_in_from(
                &format!("10.0.{}.{}", i / 200, i % 200 + 1),
                &sign_in_body(&office.code, &format!("user-{i}"), "guess"),
            );
            tokio::spawn(async move { send(&app, request).await })
        })
        .collect();
    for attempt in attempts {
        let (status, _, body) = attempt.await.unwrap();
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
    }
    let after = accounts::hashing_stats();
    assert!(after.done >= before.done + ATTEMPTS as u64, "{before:?} → {after:?}");
    assert!(after.most_running >= 1 && after.most_running <= after.permits, "{after:?}");
    assert_eq!(after.permits, std::thread::available_parallelism().unwrap().get());
}

// ---- device ids and account administration ----------------------------------

async fn a_device_id_belongs_to_the_session_that_pushed_it_until_that_session_ends(world: World) {
    let office = world.office("devices").await;
    let (suzuki, suzuki_token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let admin_laptop = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    let tablet = changes("tablet-1", 1..=3);
    let (status, body) = world.push(&office.admin_token, &tablet[..1]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let before = world.snapshot(&office).await;

    // Another staff member's session, and another session of the same
    // person, cannot push as that device: nothing is stored.
    for token in [&suzuki_token, &admin_laptop] {
        let (status, body) = world.push(token, &tablet[1..2]).await;
        assert_error(status, &body, StatusCode::CONFLICT, "device_taken");
        assert_eq!(world.snapshot(&office).await, before);
    }
    // The session that owns it goes on, and may add other device ids.
    let (status, body) = world.push(&office.admin_token, &tablet[1..2]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, _) = world.push(&office.admin_token, &changes("tablet-1b", 1..=1)).await;
    assert_eq!(status, StatusCode::OK);
    let mine = world.devices(office.admin.id, &office.admin_token).await;
    let current = mine.iter().find(|s| s.current).unwrap();
    assert_eq!(current.device_ids, vec!["tablet-1".to_owned(), "tablet-1b".to_owned()]);
    // A retried batch from another session is refused too (409, not a
    // duplicate): the binding is checked before anything else.
    let (status, body) = world.push(&suzuki_token, &tablet[..1]).await;
    assert_error(status, &body, StatusCode::CONFLICT, "device_taken");

    // Once the owning session is signed out, the tablet is someone else's
    // to use: the next session to push takes the device id over.
    world.post("/api/auth/sign-out", Some(&office.admin_token), json!(null)).await;
    let (status, body) = world.push(&suzuki_token, &tablet[2..3]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = world.push(&admin_laptop, &changes("tablet-1", 4..=4)).await;
    assert_error(status, &body, StatusCode::CONFLICT, "device_taken");
    let theirs = world.devices(suzuki.id, &suzuki_token).await;
    assert_eq!(theirs.len(), 1);
    assert_eq!(theirs[0].device_ids, vec!["tablet-1".to_owned()]);

    // Every stored change names the staff member who pushed it.
    let admin = Some(office.admin.id);
    assert_eq!(world.change_authors(&office).await, vec![(1, admin), (2, admin), (3, admin), (4, Some(suzuki.id))]);
}

/// Two sessions (two staff members, two server processes) push changes of
/// the same new device id at the same moment: exactly one gets it, the
/// other is `device_taken` and stores nothing.
async fn two_sessions_pushing_a_new_device_id_at_once_one_gets_it(world: World) {
    let office = world.office("devicerace").await;
    let (_, suzuki_token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let other = world.another_process().await;
    for round in 0..5u64 {
        let device = format!("contested-{round}");
        let tasks: Vec<_> = [(world.app.clone(), office.admin_token.clone()), (other.clone(), suzuki_token.clone())]
            .into_iter()
            .map(|(app, token)| {
                let batch = changes(&device, 1..=3);
                let request = json_request("/api/sync/push", Some(&token), &json!(PushRequest { changes: batch }));
                tokio::spawn(async move { send(&app, request).await })
            })
            .collect();
        let mut answers = Vec::new();
        for task in tasks {
            let (status, _, body) = task.await.unwrap();
            answers.push((status, body["error"].as_str().map(str::to_owned)));
        }
        answers.sort();
        assert_eq!(
            answers,
            vec![(StatusCode::OK, None), (StatusCode::CONFLICT, Some("device_taken".to_owned()))],
            "round {round}"
        );
    }
    assert_eq!(world.pull(&office.admin_token, 0, None).await.changes.len(), 15);
}

async fn administrators_disable_and_enable_staff_and_keep_one_active_administrator(world: World) {
    let office = world.office("disable").await;
    let (suzuki, phone) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let laptop = world.sign_in(&office.code, "suzuki", PASSWORD).await.token;
    let admin = office.admin_token.as_str();

    // 職員 cannot; another office's id and a malformed id are not found.
    let (status, body) = world.set_disabled(office.admin.id, &phone, true).await;
    assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    let elsewhere = world.office("disable-b").await;
    let (status, body) = world.set_disabled(elsewhere.admin.id, admin, true).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    let (status, body) = world.post("/api/staff/not-a-uuid/status", Some(admin), json!({"disabled": true})).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    let (status, _) = world.get("/api/auth/me", Some(&elsewhere.admin_token)).await;
    assert_eq!(status, StatusCode::OK);

    // Disabling ends every session at once.
    let (status, body) = world.set_disabled(suzuki.id, admin, true).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let info: StaffInfo = serde_json::from_value(body).unwrap();
    assert_eq!(info, StaffInfo { disabled: true, ..suzuki.clone() });
    for token in [&phone, &laptop] {
        let (status, body) = world.get("/api/auth/me", Some(token)).await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "account_disabled");
        let (status, body) = world.push(token, &changes("suzuki-phone", 1..=1)).await;
        assert_error(status, &body, StatusCode::UNAUTHORIZED, "account_disabled");
    }
    // Signing in: the right password learns why, a wrong one learns nothing.
    let (status, body) = world.post("/api/auth/sign-in", None, sign_in_body(&office.code, "suzuki", PASSWORD)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "account_disabled");
    let (status, body) = world.post("/api/auth/sign-in", None, sign_in_body(&office.code, "suzuki", "guess")).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
    let (_, list) = world.get("/api/staff", Some(admin)).await;
    let list: Vec<StaffInfo> = serde_json::from_value(list).unwrap();
    assert_eq!(
        list.iter().map(|s| (s.login.as_str(), s.disabled)).collect::<Vec<_>>(),
        [("admin", false), ("suzuki", true)]
    );

    // Enabling lets them sign in again; the old sessions stay ended.
    let (status, body) = world.set_disabled(suzuki.id, admin, false).await;
    assert_eq!((status, body["disabled"].clone()), (StatusCode::OK, json!(false)));
    let (status, body) = world.get("/api/auth/me", Some(&phone)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "session_revoked");
    world.sign_in(&office.code, "suzuki", PASSWORD).await;

    // The last active 管理者 cannot be disabled, not even by themselves.
    let (status, body) = world.set_disabled(office.admin.id, admin, true).await;
    assert_error(status, &body, StatusCode::CONFLICT, "last_admin");
    let (tanaka, tanaka_token) = world.add_staff(&office, "tanaka", Role::Admin).await;
    let (status, body) = world.set_disabled(office.admin.id, &tanaka_token, true).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, body) = world.get("/api/auth/me", Some(admin)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "account_disabled");
    // A disabled 管理者 does not count: tanaka is the last one now.
    let (status, body) = world.set_disabled(tanaka.id, &tanaka_token, true).await;
    assert_error(status, &body, StatusCode::CONFLICT, "last_admin");
    // Enabling twice, or disabling a staff member twice, is harmless.
    for _ in 0..2 {
        let (status, _) = world.set_disabled(office.admin.id, &tanaka_token, false).await;
        assert_eq!(status, StatusCode::OK);
    }
}

async fn two_administrators_disabling_each_other_at_once_leave_one_active(world: World) {
    let other = world.another_process().await;
    for round in 0..4 {
        let office = world.office(&format!("mutual-{round}")).await;
        let (tanaka, tanaka_token) = world.add_staff(&office, "tanaka", Role::Admin).await;
        let requests = [
            (world.app.clone(), tanaka.id, office.admin_token.clone()),
            (other.clone(), office.admin.id, tanaka_token.clone()),
        ];
        let tasks: Vec<_> = requests
            .into_iter()
            .map(|(app, target, token)| {
                let request =
                    json_request(&format!("/api/staff/{target}/status"), Some(&token), &json!({"disabled": true}));
                tokio::spawn(async move { send(&app, request).await })
            })
            .collect();
        let mut succeeded = 0;
        for task in tasks {
            let (status, _, body) = task.await.unwrap();
            match status {
                StatusCode::OK => succeeded += 1,
                StatusCode::CONFLICT => assert_eq!(body["error"], "last_admin"),
                // Disabled a moment before its own request was looked at.
                StatusCode::UNAUTHORIZED => assert_eq!(body["error"], "account_disabled"),
                other => panic!("round {round}: {other} {body}"),
            }
        }
        assert_eq!(succeeded, 1, "round {round}");
        let staff = world.db.list_staff(office.id).await.unwrap();
        assert_eq!(staff.iter().filter(|s| s.role == Role::Admin && !s.disabled).count(), 1, "round {round}");
    }
}

async fn administrators_reset_passwords_and_the_login_may_sign_in_at_once(world: World) {
    world.freeze();
    let office = world.office("reset").await;
    let (suzuki, suzuki_token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let uri = format!("/api/staff/{}/password", suzuki.id);
    // Someone guessed: the login is held back.
    for _ in 0..6 {
        world.post("/api/auth/sign-in", None, sign_in_body(&office.code, "suzuki", "guess")).await;
    }
    let (status, body) = world.post("/api/auth/sign-in", None, sign_in_body(&office.code, "suzuki", PASSWORD)).await;
    assert_error(status, &body, StatusCode::TOO_MANY_REQUESTS, "too_many_attempts");

    // 職員 cannot reset (not even their own); bad passwords are explained.
    let (status, body) = world.post(&uri, Some(&suzuki_token), json!({"password": "new password 2"})).await;
    assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    let (status, body) = world.post(&uri, Some(&office.admin_token), json!({"password": "short"})).await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "bad_password");
    let message = body["message"].as_str().unwrap();
    assert!(message.contains("8文字以上") && message.contains("at least 8 characters"), "{message}");
    let elsewhere = world.office("reset-b").await;
    let (status, body) = world
        .post(
            &format!("/api/staff/{}/password", elsewhere.admin.id),
            Some(&office.admin_token),
            json!({"password": "new password 2"}),
        )
        .await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    world.sign_in(&elsewhere.code, "admin", PASSWORD).await;

    let (status, body) = world.post(&uri, Some(&office.admin_token), json!({"password": "new password 2"})).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    // At once, without waiting out the failures; the old password is gone.
    world.sign_in(&office.code, "suzuki", "new password 2").await;
    let (status, body) = world.post("/api/auth/sign-in", None, sign_in_body(&office.code, "suzuki", PASSWORD)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "invalid_credentials");
    // Sessions are left alone.
    let (status, _) = world.get("/api/auth/me", Some(&suzuki_token)).await;
    assert_eq!(status, StatusCode::OK);
}

async fn staff_see_their_devices_and_administrators_end_a_device_session(world: World) {
    let office = world.office("sessions").await;
    let (suzuki, phone) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let laptop = world.sign_in(&office.code, "suzuki", PASSWORD).await.token;
    world.push(&phone, &changes("suzuki-phone", 1..=1)).await;

    // Their own list marks the session asking.
    let seen_by_phone = world.devices(suzuki.id, &phone).await;
    assert_eq!(seen_by_phone.len(), 2);
    assert_eq!(seen_by_phone.iter().filter(|s| s.current).count(), 1);
    let phone_session = seen_by_phone.iter().find(|s| s.current).unwrap().clone();
    assert_eq!(phone_session.device_ids, vec!["suzuki-phone".to_owned()]);
    let laptop_session = world.devices(suzuki.id, &laptop).await.into_iter().find(|s| s.current).unwrap();
    assert_ne!(laptop_session.id, phone_session.id);
    assert!(laptop_session.device_ids.is_empty());
    // 管理者 see anyone's (none of them current); 職員 only their own.
    let seen_by_admin = world.devices(suzuki.id, &office.admin_token).await;
    assert_eq!(seen_by_admin.len(), 2);
    assert!(seen_by_admin.iter().all(|s| !s.current));
    let (status, body) = world.get(&format!("/api/staff/{}/devices", office.admin.id), Some(&phone)).await;
    assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    let listed = serde_json::to_string(&seen_by_admin).unwrap();
    assert!(!listed.contains(&phone) && !listed.contains(&laptop));

    // Revoking the phone's session ends it at once; the laptop goes on.
    let revoke = format!("/api/staff/{}/devices/{}/revoke", suzuki.id, phone_session.id);
    let (status, body) = world.post(&revoke, Some(&laptop), json!(null)).await;
    assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    let (status, body) = world.post(&revoke, Some(&office.admin_token), json!(null)).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let (status, body) = world.get("/api/auth/me", Some(&phone)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "session_revoked");
    let (status, _) = world.get("/api/auth/me", Some(&laptop)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(world.devices(suzuki.id, &office.admin_token).await.len(), 1);
    // Again: harmless. Unknown, someone else's or another office's: 404.
    let (status, _) = world.post(&revoke, Some(&office.admin_token), json!(null)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let elsewhere = world.office("sessions-b").await;
    for uri in [
        format!("/api/staff/{}/devices/{}/revoke", suzuki.id, Uuid::new_v4()),
        format!("/api/staff/{}/devices/{}/revoke", office.admin.id, laptop_session.id),
        format!("/api/staff/{}/devices/{}/revoke", suzuki.id, laptop_session.id).replace("/devices/", "/devices/x"),
    ] {
        let (status, body) = world.post(&uri, Some(&office.admin_token), json!(null)).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    }
    let uri = format!("/api/staff/{}/devices/{}/revoke", suzuki.id, laptop_session.id);
    let (status, body) = world.post(&uri, Some(&elsewhere.admin_token), json!(null)).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    let (status, body) = world.get(&format!("/api/staff/{}/devices", suzuki.id), Some(&elsewhere.admin_token)).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    let (status, _) = world.get("/api/auth/me", Some(&laptop)).await;
    assert_eq!(status, StatusCode::OK);
}

/// PostgreSQL only: a push holds its office's row lock until it commits;
/// sign-ins and new staff of that office (which take a key-share lock on
/// the row for their foreign key) must not wait for it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_sign_in_and_staff_changes_do_not_wait_for_a_push_in_flight() {
    let Some(world) = World::new(Backend::Postgres).await else {
        return;
    };
    let office = world.office("inflight").await;
    let mut conn = sqlx::PgConnection::connect(&world.database.url).await.unwrap();
    let mut push_in_flight = conn.begin().await.unwrap();
    sqlx::query("SELECT next_cursor FROM offices WHERE id = $1 FOR NO KEY UPDATE")
        .bind(office.id)
        .execute(&mut *push_in_flight)
        .await
        .unwrap();

    let sign_in = world.post("/api/auth/sign-in", None, sign_in_body(&office.code, "admin", PASSWORD));
    let (status, body) =
        tokio::time::timeout(Duration::from_secs(20), sign_in).await.expect("sign-in waited for the push");
    assert_eq!(status, StatusCode::OK, "{body}");
    let add = world.post(
        "/api/staff",
        Some(&office.admin_token),
        json!({"login": "suzuki", "display_name": "鈴木", "password": PASSWORD, "role": "staff"}),
    );
    let (status, body) =
        tokio::time::timeout(Duration::from_secs(20), add).await.expect("adding staff waited for the push");
    assert_eq!(status, StatusCode::CREATED, "{body}");

    // Another push of the office does wait, and goes on once the first ends.
    let push = {
        let app = world.app.clone();
        let request = json_request(
            "/api/sync/push",
            Some(&office.admin_token),
            &json!(PushRequest { changes: changes("tablet-1", 1..=1) }),
        );
        tokio::spawn(async move { send(&app, request).await })
    };
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(!push.is_finished(), "a second push of the office did not wait for the lock");
    push_in_flight.rollback().await.unwrap();
    let (status, _, body) = push.await.unwrap();
    assert_eq!(status, StatusCode::OK, "{body}");
    conn.close().await.unwrap();
}

/// Several server processes started at the same moment on a brand-new
/// database (SQLite: a file that does not exist yet) all open it, the
/// schema is made once, and they share it.
async fn processes_starting_together_on_a_new_database_all_open_it(backend: Backend) {
    const PROCESSES: usize = 4;
    for round in 0..5 {
        let Some(database) = TestDatabase::new(backend).await else {
            return;
        };
        let opening: Vec<_> = (0..PROCESSES)
            .map(|_| {
                let url = database.url.clone();
                tokio::spawn(async move { renkei_server::connect(&url).await })
            })
            .collect();
        let mut processes = Vec::new();
        for (process, open) in opening.into_iter().enumerate() {
            let db = open.await.unwrap().unwrap_or_else(|e| panic!("round {round}, process {process}: {e}"));
            processes.push(db);
        }
        // One process creates an office; every other one sees it.
        let office = NewOffice { id: Uuid::new_v4(), code: format!("fresh{round}"), name: "新しい事業所".into() };
        let admin = NewStaff {
            id: Uuid::new_v4(),
            login: "admin".into(),
            display_name: "管理者".into(),
            role: Role::Admin,
            password_hash: "$argon2id$not-checked-here".into(),
        };
        let info = processes[0].create_office(&office, &admin, Utc::now()).await.unwrap();
        for db in &processes {
            assert_eq!(db.list_staff(office.id).await.unwrap(), vec![info.clone()], "round {round}");
        }
        for db in processes {
            db.close().await;
        }
        // The migration ran once.
        let applied: i64 = match backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&database.url).await.unwrap();
                let applied = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(&mut conn).await;
                conn.close().await.unwrap();
                applied.unwrap()
            }
            Backend::Postgres => {
                let mut conn = sqlx::PgConnection::connect(&database.url).await.unwrap();
                let applied = sqlx::query_scalar("SELECT count(*) FROM _sqlx_migrations").fetch_one(&mut conn).await;
                conn.close().await.unwrap();
                applied.unwrap()
            }
        };
        // Each migration ran once.
        let engine = match backend {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        };
        let migrations =
            std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(engine))
                .unwrap()
                .count();
        assert_eq!(applied, migrations as i64, "round {round}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_processes_starting_together_on_a_new_file_all_open_it() {
    processes_starting_together_on_a_new_database_all_open_it(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_processes_starting_together_on_a_new_database_all_open_it() {
    processes_starting_together_on_a_new_database_all_open_it(Backend::Postgres).await;
}

/// A new SQLite database holds personal data: its file (and the WAL file
/// beside it) is readable by the server's user only, and so is a directory
/// the server makes for it.
#[cfg(unix)]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_sqlite_database_and_its_directory_are_private() {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("made").join("by-server").join("renkei.db");
    let db = renkei_server::connect(&format!("sqlite:{}", file.display())).await.unwrap();
    db.list_staff(Uuid::new_v4()).await.unwrap();
    assert_eq!(mode(&file), 0o600);
    let wal = file.with_file_name("renkei.db-wal");
    assert!(wal.exists());
    assert_eq!(mode(&wal), 0o600);
    assert_eq!(mode(file.parent().unwrap()), 0o700);
    assert_eq!(mode(&dir.path().join("made")), 0o700);
    db.close().await;

    // An existing file keeps the mode its owner gave it.
    let shared = dir.path().join("shared.db");
    std::fs::write(&shared, b"").unwrap();
    std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
    let db = renkei_server::connect(&format!("sqlite:{}", shared.display())).await.unwrap();
    db.close().await;
    assert_eq!(mode(&shared), 0o640);
}
