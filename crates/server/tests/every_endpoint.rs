//! What holds on every API endpoint, told as stories run on both storage
//! engines (see `common`): offices never see each other, bad input and
//! outdated apps get a clear error and change nothing, unknown paths and
//! database failures answer in JSON, answers are never cached and carry the
//! server's time.

mod common;

use axum::body::Body;
use axum::http::header::{AUTHORIZATION, CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{Method, Request, StatusCode};
use chrono::{TimeDelta, Utc};
use renkei_domain::sync::validate::MAX_VALUE_DEPTH;
use renkei_domain::sync::{
    PullResponse, PushRequest, Role, StaffInfo, MAX_BODY_BYTES, MAX_CLOCK_SKEW_MS, MAX_PULL_LIMIT, MAX_PUSH_CHANGES,
    PROTOCOL_HEADER, SERVER_TIME_HEADER,
};
use serde_json::{json, Value};
use uuid::Uuid;

use common::*;

stories!(
    another_office_never_sees_or_changes_this_office_on_any_endpoint,
    bad_input_gets_a_clear_error_and_changes_nothing,
    an_outdated_app_gets_426_on_every_endpoint_and_changes_nothing,
    unknown_api_paths_and_methods_answer_in_json,
    api_answers_are_never_cached,
    a_database_failure_is_a_generic_500,
    every_api_answer_carries_the_server_time_even_a_refused_stamp,
);

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
    let job_role = format!("/api/staff/{}/job-role", office.admin.id);
    let purge = format!("/api/clients/{}/purge", Uuid::new_v4());
    let lost = format!("/api/staff/{}/devices/{}/lost", office.admin.id, Uuid::new_v4());
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
        (Method::POST, job_role.as_str(), json!({"job_role": "service_manager"})),
        (Method::POST, purge.as_str(), json!(null)),
        (Method::POST, lost.as_str(), json!(null)),
        (Method::GET, "/api/access-log", json!(null)),
        (Method::GET, "/api/access-log.csv", json!(null)),
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
