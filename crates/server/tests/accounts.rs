//! Accounts and sessions, told as stories run on both storage engines (see
//! `common`): creating an office, signing in and out, sliding session
//! expiry, and what a request without a live token gets.

mod common;

use axum::body::Body;
use axum::http::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use axum::http::{Method, StatusCode};
use chrono::{TimeDelta, Utc};
use renkei_domain::sync::{DeviceSession, PushRequest, Role, StaffInfo};
use renkei_server::accounts::{self, AccountError, OfficeDraft};
use serde_json::{json, Value};

use common::*;

stories!(
    create_office_makes_an_administrator_who_can_sign_in,
    wrong_passwords_unknown_logins_and_unknown_offices_are_refused_alike,
    a_successful_sign_in_clears_earlier_failures,
    sign_out_revokes_only_that_token,
    sessions_slide_while_used_and_expire_after_thirty_idle_days,
    requests_without_a_live_token_are_unauthorized,
);

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
