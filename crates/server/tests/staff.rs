//! Account administration, told as stories run on both storage engines
//! (see `common`): 管理者 add staff, give them a 職種 and change it, disable
//! and enable them (keeping one active 管理者), reset passwords and end
//! device sessions.

mod common;

use axum::http::StatusCode;
use renkei_domain::plan::JobRole;
use renkei_domain::sync::{Role, SignInResponse, StaffInfo};
use serde_json::{json, Value};
use uuid::Uuid;

use common::*;

stories!(
    an_administrator_adds_staff_who_can_then_sign_in,
    staff_cannot_add_staff,
    bad_or_taken_staff_details_are_refused_and_change_nothing,
    administrators_give_staff_a_job_role_and_change_it,
    unknown_job_roles_are_refused_and_change_nothing,
    staff_cannot_change_anyones_job_role,
    administrators_disable_and_enable_staff_and_keep_one_active_administrator,
    two_administrators_disabling_each_other_at_once_leave_one_active,
    administrators_reset_passwords_and_the_login_may_sign_in_at_once,
    staff_see_their_devices_and_administrators_end_a_device_session,
);

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

async fn set_job_role(world: &World, staff: Uuid, token: Option<&str>, job_role: Value) -> (StatusCode, Value) {
    world.post(&format!("/api/staff/{staff}/job-role"), token, json!({ "job_role": job_role })).await
}

async fn me(world: &World, token: &str) -> StaffInfo {
    let (status, me) = world.get("/api/auth/me", Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{me}");
    serde_json::from_value(me).unwrap()
}

async fn listed_job_roles(world: &World, token: &str) -> Vec<(String, Option<JobRole>)> {
    let (status, list) = world.get("/api/staff", Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    let list: Vec<StaffInfo> = serde_json::from_value(list).unwrap();
    list.into_iter().map(|s| (s.login, s.job_role)).collect()
}

async fn administrators_give_staff_a_job_role_and_change_it(world: World) {
    let office = world.office("jobrole").await;
    let admin = office.admin_token.as_str();
    // Added with a job role: the answer, the sign-in and "me" carry it.
    let body = json!({"login": "sato", "display_name": "佐藤", "password": PASSWORD, "role": "staff",
                      "job_role": "service_manager"});
    let (status, created) = world.post("/api/staff", Some(admin), body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    assert_eq!(created["job_role"], "service_manager");
    let sato: StaffInfo = serde_json::from_value(created).unwrap();
    assert_eq!(sato.job_role, Some(JobRole::ServiceManager));
    let signed_in: SignInResponse = world.sign_in(&office.code, "sato", PASSWORD).await;
    assert_eq!(signed_in.staff, sato);
    let sato_token = signed_in.token;
    assert_eq!(me(&world, &sato_token).await, sato);
    // Added without one (as an older app does): none, shown as null.
    let (suzuki, suzuki_token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    assert_eq!(suzuki.job_role, None);
    let (_, raw) = world.get("/api/auth/me", Some(&suzuki_token)).await;
    assert_eq!(raw["job_role"], json!(null));
    assert_eq!(
        listed_job_roles(&world, &suzuki_token).await,
        [("admin".into(), None), ("sato".into(), Some(JobRole::ServiceManager)), ("suzuki".into(), None)]
    );

    // Changed: the session already signed in sees it on its next request.
    let (status, body) = set_job_role(&world, sato.id, Some(admin), json!("child_development_manager")).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let changed: StaffInfo = serde_json::from_value(body).unwrap();
    assert_eq!(changed, StaffInfo { job_role: Some(JobRole::ChildDevelopmentManager), ..sato.clone() });
    assert_eq!(me(&world, &sato_token).await, changed);
    let (status, body) = set_job_role(&world, suzuki.id, Some(admin), json!("life_support_worker")).await;
    assert_eq!((status, body["job_role"].clone()), (StatusCode::OK, json!("life_support_worker")));
    // Setting the same again is harmless; "other" is a job role too.
    let (status, _) = set_job_role(&world, suzuki.id, Some(admin), json!("life_support_worker")).await;
    assert_eq!(status, StatusCode::OK);
    // A 管理者 may set their own; and clear someone's with null.
    let (status, _) = set_job_role(&world, office.admin.id, Some(admin), json!("other")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me(&world, admin).await.job_role, Some(JobRole::Other));
    let (status, body) = set_job_role(&world, suzuki.id, Some(admin), json!(null)).await;
    assert_eq!((status, body["job_role"].clone()), (StatusCode::OK, json!(null)));
    assert_eq!(me(&world, &suzuki_token).await.job_role, None);
    assert_eq!(
        listed_job_roles(&world, admin).await,
        [
            ("admin".into(), Some(JobRole::Other)),
            ("sato".into(), Some(JobRole::ChildDevelopmentManager)),
            ("suzuki".into(), None)
        ]
    );
    // Nothing else of the account moved.
    let sato_now = world.db.staff_member(office.id, sato.id).await.unwrap().unwrap();
    assert_eq!(sato_now, StaffInfo { job_role: Some(JobRole::ChildDevelopmentManager), ..sato });
    // Every known code goes through and comes back.
    for role in JobRole::ALL {
        let code = renkei_domain::sync::job_role_code(role);
        let (status, body) = set_job_role(&world, suzuki.id, Some(admin), json!(code)).await;
        assert_eq!((status, body["job_role"].clone()), (StatusCode::OK, json!(code)));
        assert_eq!(me(&world, &suzuki_token).await.job_role, Some(role));
    }
}

async fn unknown_job_roles_are_refused_and_change_nothing(world: World) {
    let office = world.office("badjobrole").await;
    let admin = office.admin_token.as_str();
    let (suzuki, _) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let (status, _) = set_job_role(&world, suzuki.id, Some(admin), json!("support_worker")).await;
    assert_eq!(status, StatusCode::OK);
    let before = world.snapshot(&office).await;

    // A code this server does not know (a newer app's) is refused rather
    // than stored as その他: the 管理者 learns the server must be updated.
    for bad in [json!("nurse_2030"), json!("ServiceManager"), json!(""), json!(3), json!(["service_manager"])] {
        let (status, body) = set_job_role(&world, suzuki.id, Some(admin), bad.clone()).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "bad_json");
        assert!(body["message"].as_str().unwrap().contains("job_role"), "{bad}: {body}");
        let create = json!({"login": "new", "display_name": "新人", "password": PASSWORD, "role": "staff",
                            "job_role": bad});
        let (status, body) = world.post("/api/staff", Some(admin), create).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "bad_json");
    }
    let (status, body) = set_job_role(&world, suzuki.id, Some(admin), json!("nurse_2030")).await;
    let message = body["message"].as_str().unwrap();
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(message.contains("職種") && message.contains("unknown job_role \"nurse_2030\""), "{message}");
    assert!(message.contains("service_manager"), "the known codes are listed: {message}");
    // The field must be there: an empty body is not "clear it".
    let (status, body) = world.post(&format!("/api/staff/{}/job-role", suzuki.id), Some(admin), json!({})).await;
    assert_error(status, &body, StatusCode::BAD_REQUEST, "bad_json");
    // Unknown ids, another office's staff and malformed ids: not found.
    let elsewhere = world.office("badjobrole-b").await;
    for id in [Uuid::new_v4().to_string(), elsewhere.admin.id.to_string(), "not-a-uuid".into()] {
        let (status, body) =
            world.post(&format!("/api/staff/{id}/job-role"), Some(admin), json!({"job_role": "other"})).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    }
    assert_eq!(me(&world, &elsewhere.admin_token).await.job_role, None);
    assert_eq!(world.snapshot(&office).await, before);
}

async fn staff_cannot_change_anyones_job_role(world: World) {
    let office = world.office("staffjobrole").await;
    let (suzuki, token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let (tanaka, _) = world.add_staff(&office, "tanaka", Role::Staff).await;
    let before = world.snapshot(&office).await;
    // Not their own, not a colleague's, not a 管理者's; not when adding
    // staff either (that is a 管理者's alone).
    for target in [suzuki.id, tanaka.id, office.admin.id] {
        for job_role in [json!("service_manager"), json!(null)] {
            let (status, body) = set_job_role(&world, target, Some(&token), job_role).await;
            assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
        }
    }
    let body = json!({"login": "new", "display_name": "新人", "password": PASSWORD, "role": "staff",
                      "job_role": "service_manager"});
    let (status, body) = world.post("/api/staff", Some(&token), body).await;
    assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    // Without a session at all: sign in first.
    let (status, body) = set_job_role(&world, suzuki.id, None, json!("service_manager")).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "unauthorized");
    assert_eq!(world.snapshot(&office).await, before);
    assert_eq!(me(&world, &token).await.job_role, None);
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
