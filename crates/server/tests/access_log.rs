//! The access log (who read or wrote which client's records, for 管理者) and
//! remote wipe (a device marked lost, or of a disabled account, is told to
//! erase itself), on both engines.

mod common;

use axum::body::{to_bytes, Body};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{Method, StatusCode};
use chrono::{TimeDelta, TimeZone as _, Utc};
use common::*;
use renkei_domain::record::RecordKind;
use renkei_domain::sync::{AccessAction, AccessLogEntry, Change, FieldWrite, Role, Stamp};
use serde_json::{json, Value};
use tower::ServiceExt as _;
use uuid::Uuid;

stories!(
    reads_and_writes_are_logged_once_per_client_per_pull_or_push,
    a_record_moved_to_another_client_is_logged_under_the_new_one,
    only_administrators_read_the_log_and_only_their_own_offices,
    the_log_is_filtered_by_client_staff_and_japanese_days,
    the_csv_opens_in_excel_bom_crlf_every_field_quoted,
    a_device_marked_lost_is_told_to_erase_itself_at_its_next_request,
    a_disabled_staff_members_devices_are_told_to_erase_themselves,
);

/// One write of `field` stamped `ms` by `device`.
fn write(device: &str, field: &str, value: Value, ms: i64) -> FieldWrite {
    FieldWrite { field: field.into(), value, stamp: Stamp { ms, counter: 0, device: device.into() }, replaces: vec![] }
}

fn record(device: &str, seq: u64, id: Uuid, kind: RecordKind, writes: Vec<FieldWrite>) -> Change {
    Change { device_id: device.into(), seq, record_id: id, kind, writes, author: None }
}

fn now_ms() -> i64 {
    Utc::now().timestamp_millis()
}

/// The session id of a token (its own devices list marks it).
async fn session_of(world: &World, staff: Uuid, token: &str) -> Uuid {
    world.devices(staff, token).await.into_iter().find(|device| device.current).unwrap().id
}

async fn access_log(world: &World, token: &str, query: &str) -> Vec<AccessLogEntry> {
    let (status, body) = world.get(&format!("/api/access-log{query}"), Some(token)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

/// (client, action, records) of rows, in the log's order (newest first)
/// within a set of rows made at once sorted by client for comparison.
fn summary(rows: &[AccessLogEntry]) -> Vec<(Option<Uuid>, AccessAction, u32)> {
    let mut found: Vec<_> = rows.iter().map(|row| (row.client_id, row.action, row.records)).collect();
    found.sort_by_key(|(client, action, _)| (*client, *action == AccessAction::Write));
    found
}

async fn reads_and_writes_are_logged_once_per_client_per_pull_or_push(world: World) {
    let office = world.office("log").await;
    let (suzuki, tablet) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let tablet_session = session_of(&world, suzuki.id, &tablet).await;
    let admin_session = session_of(&world, office.admin.id, &office.admin_token).await;
    let (a, b, agency) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let (note1, note2) = (Uuid::new_v4(), Uuid::new_v4());
    let ms = now_ms();
    let d = "suzuki-tablet";
    let batch = vec![
        record(d, 1, a, RecordKind::Client, vec![write(d, "name", json!("山田 花子"), ms)]),
        record(d, 2, b, RecordKind::Client, vec![write(d, "name", json!("佐藤 次郎"), ms)]),
        record(
            d,
            3,
            note1,
            RecordKind::VisitNote,
            vec![write(d, "client_id", json!(a), ms), write(d, "text", json!("訪問"), ms)],
        ),
        // A later change of the same note without its client_id: still A's.
        record(d, 4, note1, RecordKind::VisitNote, vec![write(d, "text", json!("訪問（追記）"), ms + 1)]),
        record(d, 5, note2, RecordKind::VisitNote, vec![write(d, "client_id", json!(a), ms)]),
        record(d, 6, agency, RecordKind::Agency, vec![write(d, "name", json!("相談支援センター"), ms)]),
    ];
    let (status, body) = world.push(&tablet, &batch).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    // The push: one row per client, counting distinct records; the agency
    // belongs to no client.
    let rows = access_log(&world, &office.admin_token, "").await;
    assert_eq!(
        summary(&rows),
        vec![(None, AccessAction::Write, 1), (Some(a), AccessAction::Write, 3), (Some(b), AccessAction::Write, 1)]
            .tap_sorted()
    );
    assert!(rows.iter().all(|row| row.staff_id == suzuki.id && row.session_id == tablet_session));
    assert!(rows.iter().all(|row| row.staff_name == "suzuki さん"));

    // The same push again (an answer lost on the way): nothing new stored,
    // nothing logged.
    let (status, body) = world.push(&tablet, &batch).await;
    assert_eq!((status, body["duplicates"].as_u64()), (StatusCode::OK, Some(6)));
    assert_eq!(access_log(&world, &office.admin_token, "").await.len(), 3);

    // The administrator's pull, in pages of 4 changes: one row per client
    // per page.
    let first = world.pull(&office.admin_token, 0, Some(4)).await;
    let second = world.pull(&office.admin_token, first.next, Some(4)).await;
    assert!(!second.more);
    let reads: Vec<_> = access_log(&world, &office.admin_token, "")
        .await
        .into_iter()
        .filter(|row| row.action == AccessAction::Read)
        .collect();
    assert!(reads.iter().all(|row| row.staff_id == office.admin.id && row.session_id == admin_session));
    // Page 1: a, b, note1 (twice); page 2: note2, agency.
    let (page2, page1) = reads.split_at(2);
    assert_eq!(summary(page1), vec![(Some(a), AccessAction::Read, 2), (Some(b), AccessAction::Read, 1)].tap_sorted());
    assert_eq!(summary(page2), vec![(None, AccessAction::Read, 1), (Some(a), AccessAction::Read, 1)].tap_sorted());
    // Nothing new: an empty page logs nothing.
    world.pull(&office.admin_token, second.next, None).await;
    assert_eq!(access_log(&world, &office.admin_token, "").await.len(), 7);
}

/// Sorting helper for expected rows (the same order as [`summary`]).
trait TapSorted {
    fn tap_sorted(self) -> Self;
}

impl TapSorted for Vec<(Option<Uuid>, AccessAction, u32)> {
    fn tap_sorted(mut self) -> Self {
        self.sort_by_key(|(client, action, _)| (*client, *action == AccessAction::Write));
        self
    }
}

async fn a_record_moved_to_another_client_is_logged_under_the_new_one(world: World) {
    let office = world.office("moved").await;
    let (_, tablet) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let (a, b, note) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
    let ms = now_ms();
    let d = "tablet";
    let first = vec![record(d, 1, note, RecordKind::VisitNote, vec![write(d, "client_id", json!(a), ms)])];
    world.push(&tablet, &first).await;
    // Another device wrote the note to B earlier (an older stamp): A stays.
    let e = "phone";
    let (_, phone) = world.add_staff(&office, "tanaka", Role::Staff).await;
    let older = vec![record(e, 1, note, RecordKind::VisitNote, vec![write(e, "client_id", json!(b), ms - 10)])];
    world.push(&phone, &older).await;
    let text = vec![record(d, 2, note, RecordKind::VisitNote, vec![write(d, "text", json!("x"), ms + 1)])];
    world.push(&tablet, &text).await;
    let newest = access_log(&world, &office.admin_token, "").await;
    assert_eq!((newest[0].client_id, newest[0].action), (Some(a), AccessAction::Write));
    // The note is still A's (as every device merges it), so that push
    // too counts as A's.
    assert_eq!(newest[1].client_id, Some(a));
    // Moved to B with a later stamp: from then on B's.
    let moved = vec![record(d, 3, note, RecordKind::VisitNote, vec![write(d, "client_id", json!(b), ms + 2)])];
    world.push(&tablet, &moved).await;
    let more = vec![record(d, 4, note, RecordKind::VisitNote, vec![write(d, "text", json!("y"), ms + 3)])];
    world.push(&tablet, &more).await;
    let newest = access_log(&world, &office.admin_token, "").await;
    assert_eq!((newest[0].client_id, newest[1].client_id), (Some(b), Some(b)));
    // A pull of the whole log: every change of the note counts under B.
    world.pull(&office.admin_token, 0, None).await;
    let read = access_log(&world, &office.admin_token, "").await;
    assert_eq!(summary(&read[..1]), vec![(Some(b), AccessAction::Read, 1)]);
}

async fn only_administrators_read_the_log_and_only_their_own_offices(world: World) {
    let office = world.office("mine").await;
    let (_, staff_token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let client = Uuid::new_v4();
    world
        .push(
            &staff_token,
            &[record("t", 1, client, RecordKind::Client, vec![write("t", "name", json!("x"), now_ms())])],
        )
        .await;
    world.pull(&staff_token, 0, None).await;

    // A 職員: 403 on both forms, whatever the query.
    for uri in ["/api/access-log", "/api/access-log.csv", &format!("/api/access-log?client={client}")] {
        let (status, body) = world.get(uri, Some(&staff_token)).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    }
    let (status, body) = world.get("/api/access-log", None).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "unauthorized");

    // Another office's 管理者 sees only their own office's rows: none, even
    // asking for this office's client or staff by id.
    let elsewhere = world.office("theirs").await;
    assert_eq!(access_log(&world, &office.admin_token, "").await.len(), 2);
    assert!(access_log(&world, &elsewhere.admin_token, "").await.is_empty());
    assert!(access_log(&world, &elsewhere.admin_token, &format!("?client={client}")).await.is_empty());
    assert!(access_log(&world, &elsewhere.admin_token, &format!("?staff={}", office.admin.id)).await.is_empty());
    let (status, csv) = raw_get(&world, "/api/access-log.csv", &elsewhere.admin_token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(String::from_utf8(csv).unwrap().lines().count(), 1, "the heading only");

    // Bad queries are named.
    for query in ["?client=yamada", "?from=2025/04/01", "?limit=0", "?limit=10001"] {
        let (status, body) = world.get(&format!("/api/access-log{query}"), Some(&office.admin_token)).await;
        assert_error(status, &body, StatusCode::BAD_REQUEST, "bad_query");
    }
}

async fn the_log_is_filtered_by_client_staff_and_japanese_days(world: World) {
    let office = world.office("days").await;
    let (suzuki, tablet) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let (a, b) = (Uuid::new_v4(), Uuid::new_v4());
    // 2025-04-01 08:59 JST is still 3月31日 23:59 UTC… the other way round:
    // 23:30 JST on 4月1日 is 14:30 UTC.
    world.set_time(Utc.with_ymd_and_hms(2025, 4, 1, 14, 30, 0).unwrap());
    let ms = world.now().timestamp_millis();
    world.push(&tablet, &[record("t", 1, a, RecordKind::Client, vec![write("t", "name", json!("x"), ms)])]).await;
    // 00:30 JST on 4月2日.
    world.set_time(Utc.with_ymd_and_hms(2025, 4, 1, 15, 30, 0).unwrap());
    let ms = world.now().timestamp_millis();
    world.push(&tablet, &[record("t", 2, b, RecordKind::Client, vec![write("t", "name", json!("y"), ms)])]).await;
    world.pull(&office.admin_token, 0, None).await;

    let token = &office.admin_token;
    let day1 = access_log(&world, token, "?from=2025-04-01&to=2025-04-01").await;
    assert_eq!(summary(&day1), vec![(Some(a), AccessAction::Write, 1)]);
    let day2 = access_log(&world, token, "?from=2025-04-02").await;
    assert_eq!(day2.len(), 3, "b's write, and the pull of a and b");
    assert!(access_log(&world, token, "?to=2025-03-31").await.is_empty());
    let of_b = access_log(&world, token, &format!("?client={b}")).await;
    assert_eq!(summary(&of_b), vec![(Some(b), AccessAction::Read, 1), (Some(b), AccessAction::Write, 1)]);
    let by_suzuki = access_log(&world, token, &format!("?staff={}&client=", suzuki.id)).await;
    assert_eq!(by_suzuki.len(), 2);
    assert!(by_suzuki.iter().all(|row| row.action == AccessAction::Write));
    let by_admin = access_log(&world, token, &format!("?staff={}&client={a}", office.admin.id)).await;
    assert_eq!(summary(&by_admin), vec![(Some(a), AccessAction::Read, 1)]);
    assert_eq!(access_log(&world, token, "?limit=1").await.len(), 1);
}

/// A GET whose answer is not JSON: status and body bytes.
async fn raw_get(world: &World, uri: &str, token: &str) -> (StatusCode, Vec<u8>) {
    let response =
        world.app.clone().oneshot(request(Method::GET, uri, Some(token)).body(Body::empty()).unwrap()).await.unwrap();
    let status = response.status();
    if status == StatusCode::OK {
        assert_eq!(response.headers()[CONTENT_TYPE], "text/csv; charset=utf-8");
        assert!(response.headers()[CONTENT_DISPOSITION].to_str().unwrap().starts_with("attachment"));
    }
    (status, to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec())
}

async fn the_csv_opens_in_excel_bom_crlf_every_field_quoted(world: World) {
    let office = world.office("csv").await;
    let (suzuki, tablet) = world.add_staff(&office, "suzuki", Role::Staff).await;
    world.rename_staff(suzuki.id, "鈴木 \"すず\", 一郎").await;
    let client = Uuid::new_v4();
    world.set_time(Utc.with_ymd_and_hms(2025, 4, 1, 1, 2, 3).unwrap());
    let ms = world.now().timestamp_millis();
    world.push(&tablet, &[record("t", 1, client, RecordKind::Client, vec![write("t", "name", json!("x"), ms)])]).await;
    world
        .push(&tablet, &[record("t", 2, Uuid::new_v4(), RecordKind::Agency, vec![write("t", "name", json!("y"), ms)])])
        .await;
    let session = session_of(&world, suzuki.id, &tablet).await;

    let (status, bytes) = raw_get(&world, "/api/access-log.csv", &office.admin_token).await;
    assert_eq!(status, StatusCode::OK);
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM first");
    let text = String::from_utf8(bytes[3..].to_vec()).unwrap();
    assert!(text.ends_with("\r\n"));
    let lines: Vec<&str> = text.split_terminator("\r\n").collect();
    assert!(!text.replace("\r\n", "").contains('\n'), "no bare LF");
    assert_eq!(lines[0], r#""日時","職員ID","職員名","端末（セッションID）","利用者ID","操作","件数""#);
    let name = r#""鈴木 ""すず"", 一郎""#;
    assert_eq!(lines[1], format!(r#""2025/04/01 10:02:03","{}",{name},"{session}","","書き込み","1""#, suzuki.id));
    assert_eq!(
        lines[2],
        format!(r#""2025/04/01 10:02:03","{}",{name},"{session}","{client}","書き込み","1""#, suzuki.id)
    );
    assert_eq!(lines.len(), 3);
    // The filters apply to the CSV too.
    let (_, bytes) = raw_get(&world, &format!("/api/access-log.csv?client={client}"), &office.admin_token).await;
    assert_eq!(String::from_utf8(bytes).unwrap().split_terminator("\r\n").count(), 2);
}

async fn a_device_marked_lost_is_told_to_erase_itself_at_its_next_request(world: World) {
    let office = world.office("lost").await;
    let (suzuki, phone) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let laptop = world.sign_in(&office.code, "suzuki", PASSWORD).await.token;
    world.push(&phone, &changes("suzuki-phone", 1..=1)).await;
    let phone_session = session_of(&world, suzuki.id, &phone).await;
    let lost = format!("/api/staff/{}/devices/{phone_session}/lost", suzuki.id);

    // 職員 may not, not even their own; other offices and unknown ids: 404.
    let (status, body) = world.post(&lost, Some(&laptop), json!(null)).await;
    assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    let elsewhere = world.office("lost-b").await;
    let (status, body) = world.post(&lost, Some(&elsewhere.admin_token), json!(null)).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    let unknown = format!("/api/staff/{}/devices/{}/lost", suzuki.id, Uuid::new_v4());
    let (status, body) = world.post(&unknown, Some(&office.admin_token), json!(null)).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    let not_theirs = format!("/api/staff/{}/devices/{phone_session}/lost", office.admin.id);
    let (status, body) = world.post(&not_theirs, Some(&office.admin_token), json!(null)).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    let (status, _) = world.get("/api/auth/me", Some(&phone)).await;
    assert_eq!(status, StatusCode::OK, "nothing marked yet");

    world.freeze();
    let marked_at = world.now();
    let (status, body) = world.post(&lost, Some(&office.admin_token), json!(null)).await;
    assert_eq!(status, StatusCode::NO_CONTENT, "{body}");
    let listed = world.devices(suzuki.id, &office.admin_token).await;
    let phone_row = listed.iter().find(|device| device.id == phone_session).unwrap();
    assert_eq!((phone_row.lost_at, phone_row.wipe_sent_at), (Some(marked_at), None));
    assert_eq!(phone_row.device_ids, vec!["suzuki-phone".to_owned()]);
    assert!(listed.iter().any(|device| device.id != phone_session && device.lost_at.is_none()), "the laptop goes on");

    // Its next request, whatever it is (a pull here), is told to wipe.
    world.advance(TimeDelta::minutes(5));
    let (status, headers, body) =
        world.send(request(Method::GET, "/api/sync/pull?since=0", Some(&phone)).body(Body::empty()).unwrap()).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "device_lost");
    assert_eq!(headers["www-authenticate"], "Bearer");
    let (status, body) = world.push(&phone, &changes("suzuki-phone", 2..=2)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "device_lost");
    let (status, _) = world.get("/api/auth/me", Some(&laptop)).await;
    assert_eq!(status, StatusCode::OK);
    // Nothing it sent after being marked was stored, and it read nothing.
    assert_eq!(world.snapshot(&office).await["changes"]["changes"].as_array().unwrap().len(), 1);
    assert!(access_log(&world, &office.admin_token, "").await.iter().all(|row| row.action == AccessAction::Write));

    // The list shows when it came back and was told; marking again keeps
    // the first time.
    let told_at = marked_at + TimeDelta::minutes(5);
    world.advance(TimeDelta::minutes(5));
    let (status, _) = world.post(&lost, Some(&office.admin_token), json!(null)).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    world.get("/api/auth/me", Some(&phone)).await;
    let phone_row =
        world.devices(suzuki.id, &office.admin_token).await.into_iter().find(|d| d.id == phone_session).unwrap();
    assert_eq!((phone_row.lost_at, phone_row.wipe_sent_at), (Some(marked_at), Some(told_at)));
    assert_eq!(phone_row.last_used_at, told_at + TimeDelta::minutes(5), "the last contact");

    // A lost device is remembered longer than ended sessions: still told
    // after 60 days and another sign-in (which forgets old sessions)…
    world.advance(TimeDelta::days(60));
    world.sign_in(&office.code, "admin", PASSWORD).await;
    let (status, body) = world.get("/api/auth/me", Some(&phone)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "device_lost");
    // …and forgotten once it stayed away 90 days after being told.
    world.advance(TimeDelta::days(91));
    world.sign_in(&office.code, "admin", PASSWORD).await;
    let (status, body) = world.get("/api/auth/me", Some(&phone)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "unauthorized");
}

async fn a_disabled_staff_members_devices_are_told_to_erase_themselves(world: World) {
    let office = world.office("leaver").await;
    let (leaver, tablet) = world.add_staff(&office, "leaver", Role::Staff).await;
    world.push(&tablet, &changes("leaver-tablet", 1..=2)).await;
    let (status, body) = world.set_disabled(leaver.id, &office.admin_token, true).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let (status, headers, body) =
        world.send(request(Method::GET, "/api/sync/pull?since=0", Some(&tablet)).body(Body::empty()).unwrap()).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "account_disabled");
    assert_eq!(headers["www-authenticate"], "Bearer");
    let (status, body) = world.push(&tablet, &changes("leaver-tablet", 3..=3)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "account_disabled");
    // However long it stays away, while the account is disabled: its
    // session is not forgotten when others sign in.
    world.advance(TimeDelta::days(200));
    world.sign_in(&office.code, "admin", PASSWORD).await;
    let (status, body) = world.get("/api/sync/pull?since=0", Some(&tablet)).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "account_disabled");
}
