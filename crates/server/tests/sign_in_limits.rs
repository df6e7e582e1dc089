//! Sign-in limits, told as stories run on both storage engines (see
//! `common`): a login held back after failed guesses (in every process),
//! device keys that let a known device through, the per-address limit and
//! the bound on parallel password hashing.

mod common;

use axum::http::StatusCode;
use chrono::TimeDelta;
use renkei_domain::sync::{Role, SignInResponse};
use renkei_server::accounts::{self, FREE_SIGN_IN_FAILURES};
use serde_json::json;

use common::*;

stories!(
    failed_sign_ins_hold_a_login_back_longer_each_time_in_every_process,
    a_known_device_signs_in_at_once_while_a_stranger_holds_the_login_back,
    sign_ins_are_limited_per_client_address,
    a_flood_of_sign_ins_hashes_on_at_most_one_thread_per_core,
    parallel_wrong_passwords_are_all_counted_and_only_five_are_checked,
);

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
