//! Push and pull, told as stories run on both storage engines (see
//! `common`): cursors in order and without gaps under concurrent pushers,
//! retries stored once, paging by count and bytes, device ids bound to
//! the session that pushed them, and who is recorded as a change's author.

mod common;

use std::collections::BTreeSet;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use renkei_domain::sync::{Author, Change, PushRequest, PushResponse, Role, MAX_PULL_BYTES, MAX_PULL_LIMIT};
use serde_json::json;
use sqlx::Connection as _;
use uuid::Uuid;

use common::*;

stories!(
    pushed_changes_come_back_on_pull_in_cursor_order,
    a_batch_pushed_twice_is_stored_once,
    a_seq_reused_with_another_body_is_refused_and_nothing_of_the_batch_is_stored,
    pull_pages_through_the_log_and_resumes_from_any_cursor,
    a_pull_page_stops_at_a_mebibyte_of_changes_but_carries_a_larger_one_alone,
    concurrent_pushers_get_gap_free_cursors_and_a_concurrent_puller_misses_nothing,
    a_retry_racing_the_original_push_is_stored_once,
    a_device_id_belongs_to_the_session_that_pushed_it_until_that_session_ends,
    two_sessions_pushing_a_new_device_id_at_once_one_gets_it,
    a_change_is_authored_by_the_staff_member_it_names_in_the_office_otherwise_by_its_pusher,
    pulls_name_authors_as_they_are_called_now_and_older_changes_by_who_pushed_them,
);

async fn pushed_changes_come_back_on_pull_in_cursor_order(world: World) {
    let office = world.office("pushpull").await;
    let (_, staff_token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let pushed = changes("tablet-1", 1..=3);
    let (status, body) = world.push(&staff_token, &pushed).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        serde_json::from_value::<PushResponse>(body).unwrap(),
        PushResponse { accepted: 3, duplicates: 0, purged: vec![] }
    );

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

    // Every stored change names the staff member who pushed it (and, as
    // these changes name no author, as its author too).
    let (admin, suzuki) = (Some(office.admin.id), Some(suzuki.id));
    assert_eq!(
        world.change_staff(&office).await,
        vec![(1, admin, admin), (2, admin, admin), (3, admin, admin), (4, suzuki, suzuki)]
    );
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

/// A change of `tablet-1` naming `author` (as the device sets it: who was
/// signed in when it was made).
fn by(seq: u64, author: Option<Uuid>) -> Change {
    Change { author, ..change("tablet-1", seq, Uuid::new_v4(), "name", json!(format!("利用者 {seq}"))) }
}

fn author(id: Uuid, name: &str) -> Option<Author> {
    Some(Author { id, name: name.into() })
}

/// 鈴木 pushes, from a shared tablet, changes that name various authors:
/// one of the office (herself, a colleague, a disabled colleague) is kept;
/// anyone else (an unknown id, another office's staff) or no one is
/// replaced by her, the pusher. Bodies are stored as sent either way, so a
/// retry is a duplicate.
async fn a_change_is_authored_by_the_staff_member_it_names_in_the_office_otherwise_by_its_pusher(world: World) {
    let office = world.office("authors").await;
    let elsewhere = world.office("elsewhere").await;
    let (suzuki, suzuki_token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let (tanaka, _) = world.add_staff(&office, "tanaka", Role::Staff).await;
    let (status, body) = world.set_disabled(tanaka.id, &office.admin_token, true).await;
    assert_eq!(status, StatusCode::OK, "{body}");

    let batch = [
        by(1, Some(suzuki.id)),
        by(2, None),
        by(3, Some(Uuid::new_v4())),
        by(4, Some(elsewhere.admin.id)),
        // Written while signed in, left in the outbox: still theirs.
        by(5, Some(office.admin.id)),
        by(6, Some(tanaka.id)),
        by(7, Some(suzuki.id)),
    ];
    let (status, body) = world.push(&suzuki_token, &batch).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"accepted": 7, "duplicates": 0})));

    let page = world.pull(&office.admin_token, 0, None).await;
    let authors: Vec<_> = page.changes.iter().map(|c| c.author.clone()).collect();
    let (pusher, admin) = (author(suzuki.id, "suzuki さん"), author(office.admin.id, "管理者 太郎"));
    let disabled = author(tanaka.id, "tanaka さん");
    let expected = [pusher.clone(), pusher.clone(), pusher.clone(), pusher.clone(), admin, disabled, pusher];
    assert_eq!(authors, expected);
    // The changes come back as sent, the author they named included.
    assert_eq!(page.changes.iter().map(|c| c.change.clone()).collect::<Vec<_>>(), batch);
    // On the wire: the author beside the change; a change that named none
    // has no `author` key, as an older app sent it.
    let (status, wire) = world.get("/api/sync/pull?since=0", Some(&office.admin_token)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(wire["changes"][0]["author"], json!({"id": suzuki.id, "name": "suzuki さん"}));
    assert_eq!(wire["changes"][0]["change"]["author"], json!(suzuki.id));
    assert!(wire["changes"][1]["change"].get("author").is_none(), "{}", wire["changes"][1]);
    // Stored beside the body: `author_id`, and `staff_id` stays who pushed it.
    let stored = world.change_staff(&office).await;
    let recorded: Vec<_> = stored.iter().map(|&(_, _, author)| author).collect();
    assert_eq!(recorded, expected.iter().map(|a| a.as_ref().map(|a| a.id)).collect::<Vec<_>>());
    assert!(stored.iter().all(|&(_, pushed_by, _)| pushed_by == Some(suzuki.id)), "{stored:?}");

    // The response was lost: the same batch again is all duplicates, and
    // nothing changes, whatever authors it names.
    let before = world.snapshot(&office).await;
    let (status, body) = world.push(&suzuki_token, &batch).await;
    assert_eq!((status, body), (StatusCode::OK, json!({"accepted": 0, "duplicates": 7})));
    assert_eq!(world.snapshot(&office).await, before);
    // The other office's log knows nothing of it.
    assert!(world.pull(&elsewhere.admin_token, 0, None).await.changes.is_empty());
}

/// Names are read when pulling, so a renamed staff member shows under the
/// new name on every change, old ones included. Changes stored before
/// authors were recorded name who pushed them; those stored before pushers
/// were recorded name no one.
async fn pulls_name_authors_as_they_are_called_now_and_older_changes_by_who_pushed_them(world: World) {
    let office = world.office("renamed").await;
    let (suzuki, suzuki_token) = world.add_staff(&office, "suzuki", Role::Staff).await;
    let (status, body) = world.push(&suzuki_token, &[by(1, Some(suzuki.id)), by(2, Some(office.admin.id))]).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    let authors = |page: renkei_domain::sync::PullResponse| page.changes.into_iter().map(|c| c.author).collect();
    let before: Vec<_> = authors(world.pull(&office.admin_token, 0, None).await);
    assert_eq!(before, vec![author(suzuki.id, "suzuki さん"), author(office.admin.id, "管理者 太郎")]);

    world.rename_staff(suzuki.id, "佐藤 花子").await;
    let after: Vec<_> = authors(world.pull(&office.admin_token, 0, None).await);
    assert_eq!(after, vec![author(suzuki.id, "佐藤 花子"), author(office.admin.id, "管理者 太郎")]);

    // Stored before migration 0006 (no author_id): the pusher. Before
    // migration 0002 (no staff_id either): no one, and the change still
    // travels.
    world.set_change_staff(&office, 2, Some(suzuki.id), None).await;
    world.push(&suzuki_token, &[by(3, Some(suzuki.id))]).await;
    world.set_change_staff(&office, 3, None, None).await;
    let page = world.pull(&suzuki_token, 0, None).await;
    assert_eq!(cursors(&page), vec![1, 2, 3]);
    let older: Vec<_> = authors(page);
    assert_eq!(older, vec![author(suzuki.id, "佐藤 花子"), author(suzuki.id, "佐藤 花子"), None]);
    let (_, wire) = world.get("/api/sync/pull?since=2", Some(&suzuki_token)).await;
    assert!(wire["changes"][0].get("author").is_none(), "{wire}");
}
