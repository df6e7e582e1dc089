//! Purging a client after the retention period, told as stories run on both
//! storage engines (see `common`): a 管理者 may purge a client and every
//! record about them only once five years have passed since the service
//! ended (on Japan's date by the server's clock); the records are gone from
//! the server, other devices learn of it on their next pull, once, and a
//! later push cannot bring them back. The purge is logged without personal
//! data.

mod common;

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::{Arc, LazyLock, Mutex};

use axum::http::StatusCode;
use chrono::{DateTime, Utc};
use renkei_domain::record::RecordKind;
use renkei_domain::sync::{Change, FieldWrite, PurgeResponse, PushResponse, Role, Stamp};
use serde_json::{json, Value};
use uuid::Uuid;

use common::*;

stories!(
    a_client_is_purged_with_every_record_about_them_only_after_the_retention_period,
    nothing_is_purged_while_the_records_must_be_kept_or_by_anyone_but_an_administrator,
    other_devices_learn_of_a_purge_on_their_next_pull_once,
    a_push_never_brings_a_purged_record_back,
    a_puller_running_through_pushes_and_a_purge_sees_everything_once_in_order,
);

/// When the service of the clients below ended: records are kept through
/// 2032-03-31 and may be purged from 2032-04-01 (Japan).
const SERVICE_END: &str = "2027-03-31";
const CLIENT_NAME: &str = "山田 花子";

fn at(time: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(time).unwrap().with_timezone(&Utc)
}

/// A device writing records, its stamps on the servers' clock (which these
/// stories move years ahead and back).
struct Device<'w> {
    world: &'w World,
    id: String,
    seq: u64,
}

impl<'w> Device<'w> {
    fn new(world: &'w World, id: &str) -> Self {
        Self { world, id: id.into(), seq: 0 }
    }

    fn write(&mut self, record: Uuid, kind: RecordKind, fields: &[(&str, Value)]) -> Change {
        self.seq += 1;
        let ms = self.world.now().timestamp_millis();
        let writes = fields
            .iter()
            .enumerate()
            .map(|(i, (field, value))| FieldWrite {
                field: (*field).into(),
                value: value.clone(),
                stamp: Stamp { ms, counter: (self.seq * 100 + i as u64) as u32, device: self.id.clone() },
                replaces: vec![],
            })
            .collect();
        Change { device_id: self.id.clone(), seq: self.seq, record_id: record, kind, writes, author: None }
    }

    fn client(&mut self, id: Uuid, status: &str, ends: &[Option<&str>]) -> Change {
        let services: Vec<Value> = ends
            .iter()
            .map(|end| json!({"service": "employment_transition", "start": "2025-04-01", "end": end}))
            .collect();
        let fields = [
            ("name", json!(CLIENT_NAME)),
            ("kana", json!("やまだ はなこ")),
            ("status", json!(status)),
            ("services", json!(services)),
        ];
        self.write(id, RecordKind::Client, &fields)
    }

    fn about(&mut self, id: Uuid, kind: RecordKind, client: Uuid) -> Change {
        let mut fields = vec![("client_id", json!(client))];
        match kind {
            RecordKind::VisitNote => fields.push(("text", json!(format!("{CLIENT_NAME}さんと面談")))),
            RecordKind::Assessment => fields.push(("date", json!("2026-04-01"))),
            RecordKind::Plan => fields.push(("id", json!(id))),
            RecordKind::Contact => fields.push(("text", json!(format!("{CLIENT_NAME}さんの件で電話")))),
            RecordKind::NetworkLink => fields.push(("role", json!("職業紹介"))),
            RecordKind::Transition => fields.push(("kind", json!("graduation"))),
            RecordKind::HandoverPrint => fields.push(("printed_at", json!("2027-03-01T10:00:00"))),
            RecordKind::Meeting => fields.push(("date", json!("2026-04-10"))),
            RecordKind::Client | RecordKind::Agency => unreachable!("not about a client"),
        }
        self.write(id, kind, &fields)
    }
}

async fn push_ok(world: &World, token: &str, changes: &[Change]) -> PushResponse {
    let (status, body) = world.push(token, changes).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    serde_json::from_value(body).unwrap()
}

async fn purge(world: &World, client: impl std::fmt::Display, token: Option<&str>) -> (StatusCode, Value) {
    world.post(&format!("/api/clients/{client}/purge"), token, json!(null)).await
}

/// An office whose clients' records are all on the server, written at
/// 2027-04-01 (the day after the service ended) by the 管理者's tablet.
struct Records {
    office: Office,
    /// Ended on [`SERVICE_END`]; to be purged.
    client: Uuid,
    /// The records about `client`: plan, visit notes (one in the ゴミ箱),
    /// assessment, a contact, a network link, a turning point, a handover
    /// printing and a meeting.
    about: Vec<Uuid>,
    /// Records that must stay: another client ended the same day, a client
    /// still served, a note about the latter that mentions `client`'s id in
    /// its text, and a note moved from `client` to the served one.
    others: Vec<Uuid>,
    /// A 職員's token (signed in at 2027-04-01).
    staff: String,
}

async fn records(world: &World, code: &str) -> Records {
    let mut office = world.office(code).await;
    world.set_time(at("2027-04-01T10:00:00+09:00"));
    let admin = world.sign_in(code, "admin", PASSWORD).await.token;
    office.admin_token = admin.clone();
    let (_, staff) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let mut tablet = Device::new(world, "tablet-a");
    let [client, plan, note, assessment, trashed, same_day, served, mention, moved, contact, agency, link, turning, printing, meeting] =
        std::array::from_fn(|_| Uuid::new_v4());
    let mut batch = vec![
        tablet.client(client, "ended", &[Some(SERVICE_END), Some("2026-03-31")]),
        tablet.about(plan, RecordKind::Plan, client),
        tablet.about(note, RecordKind::VisitNote, client),
        tablet.about(assessment, RecordKind::Assessment, client),
        tablet.about(trashed, RecordKind::VisitNote, client),
        tablet.client(same_day, "ended", &[Some(SERVICE_END)]),
        tablet.client(served, "active", &[None]),
        tablet.write(
            mention,
            RecordKind::VisitNote,
            &[("client_id", json!(served)), ("text", json!(format!("以前の記録 {client} を参照")))],
        ),
        tablet.about(moved, RecordKind::VisitNote, client),
        // A contact with an agency about the client goes with the client;
        // the agency stays.
        tablet.about(contact, RecordKind::Contact, client),
        tablet.write(agency, RecordKind::Agency, &[("name", json!("ハローワーク中央"))]),
        tablet.about(link, RecordKind::NetworkLink, client),
        // So do the client's turning points, handover printings and meetings.
        tablet.about(turning, RecordKind::Transition, client),
        tablet.about(printing, RecordKind::HandoverPrint, client),
        tablet.about(meeting, RecordKind::Meeting, client),
    ];
    batch.push(tablet.write(trashed, RecordKind::VisitNote, &[("_deleted", json!(true))]));
    batch.push(tablet.write(note, RecordKind::VisitNote, &[("text", json!("追記"))]));
    // Moved to the served client: replaces the client_id it had.
    let first = batch[8].writes[0].stamp.clone();
    let mut move_it = tablet.write(moved, RecordKind::VisitNote, &[("client_id", json!(served))]);
    move_it.writes[0].replaces = vec![first];
    batch.push(move_it);
    let pushed = push_ok(world, &admin, &batch).await;
    assert_eq!((pushed.accepted, pushed.duplicates), (batch.len() as u32, 0));
    let mut about = vec![plan, note, assessment, trashed, contact, link, turning, printing, meeting];
    about.sort();
    Records { office, client, about, others: vec![same_day, served, mention, moved, agency], staff }
}

async fn a_client_is_purged_with_every_record_about_them_only_after_the_retention_period(world: World) {
    let Records { office, client, about, others, .. } = records(&world, "purge").await;
    let everything: BTreeSet<Uuid> = [client].into_iter().chain(about.clone()).chain(others.clone()).collect();
    assert_eq!(world.stored_record_ids(&office).await, everything);

    // The last day kept, in Japan: refused, saying until when.
    world.set_time(at("2032-03-31T23:59:59+09:00"));
    let admin = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    let before = world.snapshot(&office).await;
    let (status, body) = purge(&world, client, Some(&admin)).await;
    assert_error(status, &body, StatusCode::CONFLICT, "records_retained");
    let message = body["message"].as_str().unwrap();
    for part in ["2032年3月31日まで", "2032年4月1日から", "until 2032-03-31", "purged from 2032-04-01"] {
        assert!(message.contains(part), "{part}: {message}");
    }
    assert_eq!(world.snapshot(&office).await, before);
    assert!(world.purges(&office).await.is_empty());

    if world.database.postgres.is_none() {
        assert!(sqlite_files_contain(&world, "追記"));
    }

    // The day after, in Japan (still the 31st in UTC): allowed.
    world.set_time(at("2032-03-31T15:00:00Z"));
    let staff_before: Vec<_> = world.db.list_staff(office.id).await.unwrap();
    let (status, body) = purge(&world, client, Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let purged: PurgeResponse = serde_json::from_value(body).unwrap();
    let expected: Vec<Uuid> = [client].into_iter().chain(about.clone()).collect();
    assert_eq!(purged, PurgeResponse { client_id: client, purged: expected.clone(), purged_at: world.now() });

    // Gone from the server, in storage itself; the others untouched, change
    // for change.
    let left = world.stored_record_ids(&office).await;
    assert_eq!(left, others.iter().copied().collect::<BTreeSet<_>>());
    let kept_changes = |snapshot: &Value| -> Vec<Value> {
        snapshot["changes"]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| others.iter().any(|id| c["change"]["record_id"] == json!(id)))
            .cloned()
            .collect()
    };
    let now = world.snapshot(&office).await;
    assert_eq!(kept_changes(&now), kept_changes(&before));
    assert_eq!(kept_changes(&now).len(), now["changes"]["changes"].as_array().unwrap().len());
    assert_eq!(world.db.list_staff(office.id).await.unwrap(), staff_before);
    // On SQLite not even the file keeps the deleted text (a note's 追記
    // was only ever written to a purged record).
    if world.database.postgres.is_none() {
        assert!(!sqlite_files_contain(&world, "追記"), "deleted text left in the database file");
    }
    // The purge is recorded: which client, how many records, who, when.
    let admin_id = office.admin.id;
    // The client and the records about them.
    let count = 1 + about.len() as i64;
    assert_eq!(world.purges(&office).await, vec![(client, count, admin_id, world.now().timestamp_millis())]);
    // The access log keeps the purged client's rows (ids and counts only).
    // The push that wrote the records counted under the client exactly the
    // records the purge found about them; the note moved away and the one
    // only mentioning the client count under the served client.
    let logged = |client: Uuid| {
        let world = &world;
        let admin = admin.clone();
        async move {
            let (status, body) = world.get(&format!("/api/access-log?client={client}"), Some(&admin)).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            body.as_array()
                .unwrap()
                .iter()
                .map(|row| (row["action"].clone(), row["records"].clone()))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(logged(client).await, vec![(json!("write"), json!(count))]);
    assert_eq!(logged(others[1]).await, vec![(json!("write"), json!(3))]);

    // Once purged, the client is unknown.
    let (status, body) = purge(&world, client, Some(&admin)).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    // The other client who ended the same day goes the same way, alone.
    let (status, body) = purge(&world, others[0], Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["purged"], json!([others[0]]));
    assert_eq!(world.stored_record_ids(&office).await, others[1..].iter().copied().collect::<BTreeSet<_>>());
}

/// Whether the SQLite database file or its write-ahead log holds `text`.
fn sqlite_files_contain(world: &World, text: &str) -> bool {
    let path = world.database.url.strip_prefix("sqlite:").unwrap();
    let needle = text.as_bytes();
    [path.to_owned(), format!("{path}-wal")]
        .iter()
        .any(|file| std::fs::read(file).is_ok_and(|bytes| bytes.windows(needle.len()).any(|window| window == needle)))
}

async fn nothing_is_purged_while_the_records_must_be_kept_or_by_anyone_but_an_administrator(world: World) {
    let Records { office, client, others, .. } = records(&world, "kept").await;
    let served = others[1];
    let mut tablet = Device::new(&world, "tablet-b");
    let [open_service, no_end, nameless, back] = std::array::from_fn(|_| Uuid::new_v4());
    let admin = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    push_ok(
        &world,
        &admin,
        &[
            tablet.client(open_service, "ended", &[Some("2010-03-31"), None]),
            tablet.client(no_end, "ended", &[]),
            tablet.write(nameless, RecordKind::Client, &[("status", json!("ended"))]),
            tablet.client(back, "ended", &[Some("2010-03-31")]),
        ],
    )
    .await;
    // Ended long ago, then served again.
    push_ok(&world, &admin, &[tablet.write(back, RecordKind::Client, &[("status", json!("active"))])]).await;

    // Far in the future, none of these may go.
    world.set_time(at("2099-01-01T12:00:00+09:00"));
    let admin = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    let staff = world.sign_in(&office.code, "suzuki", PASSWORD).await.token;
    let before = world.snapshot(&office).await;
    let cases = [
        (served, "サービスを利用中", "still being served"),
        (open_service, "サービスを利用中", "still being served"),
        (back, "サービスを利用中", "still being served"),
        (no_end, "終了日が記録されていない", "no service end date is recorded"),
        (nameless, "読めない", "cannot be read"),
    ];
    for (id, ja, en) in cases {
        let (status, body) = purge(&world, id, Some(&admin)).await;
        assert_error(status, &body, StatusCode::CONFLICT, "records_retained");
        let message = body["message"].as_str().unwrap();
        assert!(message.contains(ja) && message.contains(en), "{message}");
    }

    // Only a 管理者: a 職員 is refused even a client whose time is up, and
    // learns nothing about which ids exist.
    for id in [client, served, Uuid::new_v4()] {
        let (status, body) = purge(&world, id, Some(&staff)).await;
        assert_error(status, &body, StatusCode::FORBIDDEN, "forbidden");
    }
    let (status, body) = purge(&world, client, None).await;
    assert_error(status, &body, StatusCode::UNAUTHORIZED, "unauthorized");

    // Not a client of this office: unknown ids, malformed ids, a record
    // that is not a client, another office's client whose time is up.
    let elsewhere = world.office("kept-b").await;
    world.set_time(at("2027-04-01T10:00:00+09:00"));
    let other_admin = world.sign_in(&elsewhere.code, "admin", PASSWORD).await.token;
    let mut other_tablet = Device::new(&world, "tablet-x");
    let foreign = Uuid::new_v4();
    push_ok(&world, &other_admin, &[other_tablet.client(foreign, "ended", &[Some(SERVICE_END)])]).await;
    world.set_time(at("2099-01-01T12:00:00+09:00"));
    let admin = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    let other_admin = world.sign_in(&elsewhere.code, "admin", PASSWORD).await.token;
    let elsewhere_before = world.snapshot(&elsewhere).await;
    let plan = world.stored_record_ids(&office).await.into_iter().find(|id| {
        before["changes"]["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["change"]["record_id"] == json!(id) && c["change"]["kind"] == "plan")
    });
    let plan = plan.expect("a plan among the records");
    for id in [Uuid::new_v4().to_string(), "not-a-uuid".into(), plan.to_string(), foreign.to_string()] {
        let (status, body) = purge(&world, &id, Some(&admin)).await;
        assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
        assert!(body["message"].as_str().unwrap().contains("no such client"), "{id}: {body}");
    }
    assert_eq!(world.snapshot(&office).await, before);
    assert_eq!(world.snapshot(&elsewhere).await, elsewhere_before);
    assert!(world.purges(&office).await.is_empty() && world.purges(&elsewhere).await.is_empty());
    // Its own 管理者 may.
    let (status, body) = purge(&world, foreign, Some(&other_admin)).await;
    assert_eq!((status, body["purged"].clone()), (StatusCode::OK, json!([foreign])), "{body}");
    assert_eq!(world.snapshot(&office).await, before);
}

async fn other_devices_learn_of_a_purge_on_their_next_pull_once(world: World) {
    let Records { office, client, about, others, staff } = records(&world, "learn").await;
    // The 職員's phone is up to date before the purge.
    let seen = world.pull(&staff, 0, None).await;
    assert!(seen.purged.is_empty() && !seen.more);
    let before_purge = seen.next;

    world.set_time(at("2032-04-01T09:00:00+09:00"));
    let admin = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    let staff = world.sign_in(&office.code, "suzuki", PASSWORD).await.token;
    let (status, body) = purge(&world, client, Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let purged: PurgeResponse = serde_json::from_value(body).unwrap();
    // Something written after the purge comes after it in the log.
    let mut phone = Device::new(&world, "phone-s");
    let later = phone.write(Uuid::new_v4(), RecordKind::VisitNote, &[("client_id", json!(others[1]))]);
    push_ok(&world, &staff, std::slice::from_ref(&later)).await;

    // The phone's next pull: the purged ids, in the order they were
    // purged, then the new change; the cursor moves past all of them.
    let page = world.pull(&staff, before_purge, None).await;
    assert_eq!(page.purged, purged.purged);
    assert_eq!(page.changes.iter().map(|c| c.change.clone()).collect::<Vec<_>>(), vec![later.clone()]);
    let n = purged.purged.len() as i64;
    assert_eq!(cursors(&page), vec![before_purge + n + 1]);
    assert_eq!((page.next, page.more), (before_purge + n + 1, false));
    // Once: from there on, nothing.
    let again = world.pull(&staff, page.next, None).await;
    assert!(again.purged.is_empty() && again.changes.is_empty());
    assert_eq!(again.next, page.next);

    // In pages of two: each id once, the cursor never skipping one.
    let mut since = before_purge;
    let mut ids = Vec::new();
    let mut changes = Vec::new();
    loop {
        let page = world.pull(&staff, since, Some(2)).await;
        assert!(page.purged.len() + page.changes.len() <= 2, "{page:?}");
        assert!(page.next > since || !page.more);
        ids.extend(page.purged.clone());
        changes.extend(page.changes.iter().map(|c| c.change.clone()));
        since = page.next;
        if !page.more {
            break;
        }
    }
    assert_eq!((ids, changes, since), (purged.purged.clone(), vec![later.clone()], before_purge + n + 1));
    // A new device pulling from the start gets what is left, and the
    // purged ids too (harmless: it has none of them).
    let fresh = world.pull(&staff, 0, None).await;
    assert_eq!(fresh.purged, purged.purged);
    let records: BTreeSet<Uuid> = fresh.changes.iter().map(|c| c.change.record_id).collect();
    assert!(records.iter().all(|id| !purged.purged.contains(id)), "{records:?}");
    assert!(about.iter().all(|id| !records.contains(id)));
    // An app that predates purging reads the page as before: no `purged`
    // field in its way, the cursor moved on.
    let (_, raw) = world.get(&format!("/api/sync/pull?since={before_purge}"), Some(&staff)).await;
    assert_eq!(raw["next"], json!(before_purge + n + 1));
    let (_, raw_after) = world.get(&format!("/api/sync/pull?since={}", page.next), Some(&staff)).await;
    assert_eq!(raw_after, json!({"changes": [], "next": page.next, "more": false}));
}

async fn a_push_never_brings_a_purged_record_back(world: World) {
    let Records { office, client, about, others, .. } = records(&world, "noreturn").await;
    // The tablet kept its last batch (say the answer was lost) and went on
    // writing offline, not knowing of the purge.
    let mut tablet = Device::new(&world, "tablet-a");
    let old_batch = {
        // The tablet's own first change, as it was sent: (device, seq 1).
        let page = world.db.pull(office.id, 0, 1).await.unwrap();
        page.changes[0].change.clone()
    };
    assert_eq!(old_batch.record_id, client);
    tablet.seq = 100;

    world.set_time(at("2032-04-02T09:00:00+09:00"));
    let admin = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    let (status, body) = purge(&world, client, Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let stored_before = world.stored_record_ids(&office).await;
    let phone_since = world.pull(&admin, 0, None).await.next;

    // Edits of the purged client and of a note about them, a new note about
    // the purged client, and an edit of a client that stays.
    let late_note = Uuid::new_v4();
    let batch = vec![
        tablet.write(client, RecordKind::Client, &[("name", json!(CLIENT_NAME)), ("status", json!("active"))]),
        tablet.write(about[1], RecordKind::VisitNote, &[("text", json!("追記"))]),
        tablet.about(late_note, RecordKind::VisitNote, client),
        tablet.write(late_note, RecordKind::VisitNote, &[("text", json!("続き"))]),
        tablet.write(others[1], RecordKind::Client, &[("kana", json!("さとう"))]),
    ];
    let pushed = push_ok(&world, &admin, &batch).await;
    assert_eq!(pushed, PushResponse { accepted: 1, duplicates: 0, purged: vec![client, about[1], late_note] });
    // The same batch again (its answer lost): the same answer less the one
    // stored, which is now a duplicate.
    let again = push_ok(&world, &admin, &batch).await;
    assert_eq!(again, PushResponse { accepted: 0, duplicates: 1, purged: vec![client, about[1], late_note] });
    // The change stored before the purge, sent once more: dropped, not a
    // duplicate (the server no longer has it) and not stored again.
    let (status, body) = world.push(&admin, std::slice::from_ref(&old_batch)).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"accepted": 0, "duplicates": 0, "purged": [client]})));

    // Nothing of the client came back; the late note is purged too, so the
    // other devices drop it if they got it some other way.
    assert_eq!(world.stored_record_ids(&office).await, stored_before);
    assert!(!stored_before.contains(&client) && !stored_before.contains(&late_note));
    let page = world.pull(&admin, phone_since, None).await;
    assert_eq!(page.changes.iter().map(|c| c.change.clone()).collect::<Vec<_>>(), vec![batch[4].clone()]);
    assert_eq!(page.purged, vec![late_note]);
    let (status, body) = purge(&world, client, Some(&admin)).await;
    assert_error(status, &body, StatusCode::NOT_FOUND, "not_found");
    // The purge record names the 管理者's purge only.
    assert_eq!(world.purges(&office).await.len(), 1);

    // A note first written under another client and only then moved to the
    // purged one is left alone (it is not a late record of theirs): the
    // server keeps changes of records it holds.
    let mut phone = Device::new(&world, "tablet-c");
    let moving = Uuid::new_v4();
    push_ok(&world, &admin, &[phone.about(moving, RecordKind::VisitNote, others[1])]).await;
    let pushed =
        push_ok(&world, &admin, &[phone.write(moving, RecordKind::VisitNote, &[("client_id", json!(client))])]).await;
    assert_eq!((pushed.accepted, pushed.purged.len()), (1, 0));
}

async fn a_puller_running_through_pushes_and_a_purge_sees_everything_once_in_order(world: World) {
    let Records { mut office, client, about, others, .. } = records(&world, "racing").await;
    world.set_time(at("2032-04-02T09:00:00+09:00"));
    let admin = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    office.admin_token = admin.clone();
    let (_, sato) = world.add_staff(&office, "sato", Role::Staff).await;
    let suzuki = world.sign_in(&office.code, "suzuki", PASSWORD).await.token;
    // Two devices keep writing notes about the served client, each in its
    // own server process, while the purge runs in a third.
    let batches = |device: &str| -> Vec<Vec<Change>> {
        let mut device = Device::new(&world, device);
        (0..15)
            .map(|_| (0..4).map(|_| device.about(Uuid::new_v4(), RecordKind::VisitNote, others[1])).collect())
            .collect()
    };
    let pushers: Vec<_> = [("phone-1", suzuki.clone()), ("phone-2", sato)]
        .into_iter()
        .map(|(device, token)| (batches(device), token))
        .collect();
    let written: BTreeSet<Uuid> =
        pushers.iter().flat_map(|(batches, _)| batches.iter().flatten().map(|c| c.record_id)).collect();
    let mut processes = Vec::new();
    for _ in 0..3 {
        processes.push(world.another_process().await);
    }
    let done = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let puller = {
        let (app, token, done) = (processes[2].clone(), suzuki.clone(), done.clone());
        tokio::spawn(async move {
            let (mut since, mut pages) = (0, Vec::new());
            loop {
                let finished = done.load(std::sync::atomic::Ordering::SeqCst);
                let page = pull(&app, &token, since, Some(3)).await;
                since = page.next;
                let more = page.more;
                pages.push(page);
                if finished && !more {
                    return pages;
                }
            }
        })
    };
    // The first device waits, half way, for the purge; the second pushes
    // on regardless, racing it.
    let (halfway, reached) = tokio::sync::oneshot::channel::<()>();
    let (purge_done, after_purge) = tokio::sync::watch::channel(false);
    let mut halfway = Some(halfway);
    let pushing: Vec<_> = pushers
        .into_iter()
        .zip(&processes)
        .enumerate()
        .map(|(index, ((batches, token), app))| {
            let app = app.clone();
            let mut wait = (index == 0).then(|| (halfway.take().unwrap(), after_purge.clone()));
            tokio::spawn(async move {
                for (number, batch) in batches.into_iter().enumerate() {
                    if number == 7 {
                        if let Some((halfway, mut after_purge)) = wait.take() {
                            halfway.send(()).unwrap();
                            after_purge.wait_for(|done| *done).await.unwrap();
                        }
                    }
                    let request = json_request("/api/sync/push", Some(&token), &json!({ "changes": batch }));
                    let (status, _, body) = send(&app, request).await;
                    assert_eq!(status, StatusCode::OK, "{body}");
                    tokio::task::yield_now().await;
                }
            })
        })
        .collect();
    reached.await.unwrap();
    let (status, body) = purge(&world, client, Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    purge_done.send(true).unwrap();
    let purged: PurgeResponse = serde_json::from_value(body).unwrap();
    for task in pushing {
        task.await.unwrap();
    }
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let pages = puller.await.unwrap();

    // Cursors only ever grow, each item is seen once, and once a record is
    // purged none of its changes follows.
    let mut last = 0;
    let mut seen_changes = BTreeSet::new();
    let mut seen_purged = Vec::new();
    for page in &pages {
        let mut cursors_on_page = cursors(page);
        cursors_on_page.push(page.next);
        assert!(cursors_on_page.iter().all(|&c| c > last || (c == last && page.changes.is_empty())), "{page:?}");
        for change in &page.changes {
            assert!(!seen_purged.contains(&change.change.record_id), "a change of a purged record after its purge");
            assert!(seen_changes.insert((change.change.device_id.clone(), change.change.seq)), "seen twice");
        }
        for id in &page.purged {
            assert!(!seen_purged.contains(id), "purged id seen twice");
            seen_purged.push(*id);
        }
        last = page.next;
    }
    assert_eq!(seen_purged, purged.purged);
    assert_eq!(purged.purged, [client].into_iter().chain(about).collect::<Vec<_>>());
    // The purge fell among the pushes: phone-1's first seven batches came
    // before it in the log, the rest after.
    let position = |wanted: &dyn Fn(&renkei_domain::sync::ServerChange) -> bool| {
        pages.iter().flat_map(|p| &p.changes).find(|c| wanted(c)).map(|c| c.cursor).unwrap()
    };
    let [(first, last)] = world.purge_cursors(&office).await[..] else { panic!("one purge") };
    assert_eq!(last - first + 1, purged.purged.len() as i64);
    assert!(position(&|c| c.change.device_id == "phone-1" && c.change.seq == 28) < first);
    assert!(position(&|c| c.change.device_id == "phone-1" && c.change.seq == 29) > last);
    // Every note the two devices wrote reached the puller.
    let seen_records: BTreeSet<Uuid> =
        pages.iter().flat_map(|p| p.changes.iter().map(|c| c.change.record_id)).collect();
    assert!(written.is_subset(&seen_records));
    assert_eq!(world.stored_record_ids(&office).await, others.iter().copied().chain(written).collect());
}

// ---- the log ---------------------------------------------------------------

/// Everything the servers of this test binary log, captured once for all
/// its stories.
static LOG: LazyLock<Arc<Mutex<Vec<u8>>>> = LazyLock::new(|| {
    let log = Arc::new(Mutex::new(Vec::new()));
    let writer = log.clone();
    tracing_subscriber::fmt()
        .with_ansi(false)
        .with_max_level(tracing::Level::INFO)
        .with_writer(move || Captured(writer.clone()))
        .init();
    log
});

struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn log_lines(containing: &str) -> Vec<String> {
    let log = LOG.lock().unwrap();
    String::from_utf8_lossy(&log).lines().filter(|line| line.contains(containing)).map(str::to_owned).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_purge_is_logged_with_ids_and_counts_but_no_names() {
    LazyLock::force(&LOG);
    let Some(world) = World::new(Backend::Sqlite).await else { return };
    let Records { office, client, about, .. } = records(&world, "logged").await;
    world.set_time(at("2026-04-01T09:00:00+09:00") + chrono::TimeDelta::days(365 * 7));
    let admin = world.sign_in(&office.code, "admin", PASSWORD).await.token;
    let (status, body) = purge(&world, Uuid::new_v4(), Some(&admin)).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    let (status, body) = purge(&world, client, Some(&admin)).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let lines = log_lines(&client.to_string());
    let purged: Vec<&String> = lines.iter().filter(|line| line.contains("client purged")).collect();
    assert_eq!(purged.len(), 1, "{lines:#?}");
    let line = purged[0];
    for part in [
        format!("office={}", office.id),
        format!("client={client}"),
        format!("records={}", 1 + about.len()),
        format!("by={}", office.admin.id),
        format!("purged_at={}", world.now().to_rfc3339()),
    ] {
        assert!(line.contains(&part), "{part} not in {line}");
    }
    // Nothing personal anywhere in what this office's requests logged.
    let everything = LOG.lock().unwrap().clone();
    let everything = String::from_utf8_lossy(&everything);
    for personal in [CLIENT_NAME, "やまだ", "面談", "suzuki さん", "管理者 太郎"] {
        assert!(!everything.contains(personal), "{personal} was logged");
    }
}
