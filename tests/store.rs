//! The IndexedDB store in a real headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use renkei::store::schema::{self, RecordRow};
use renkei::store::{Store, StoreError, WriteMode};
use renkei_domain::{AnyRecord, BackupFile, Client, ClientForm, Record, RecordKind, RecordMeta};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn fresh_name() -> String {
    format!("renkei-test-{}", Uuid::new_v4())
}

fn client(name: &str, updated_secs: i64) -> Record<Client> {
    let now = Utc.timestamp_opt(1_750_000_000 + updated_secs, 0).unwrap();
    Record {
        meta: RecordMeta::new(Uuid::new_v4(), "device-test", now),
        data: Client { name: name.into(), kana: "てすと".into(), ..Default::default() },
    }
}

async fn open_current(name: &str) -> Store {
    Store::open(name, schema::CURRENT_VERSION).await.expect("open")
}

#[wasm_bindgen_test]
async fn clients_can_be_created_read_updated_and_listed() {
    let store = open_current(&fresh_name()).await;
    let mut yamada = client("山田 太郎", 0);
    store.save(RecordKind::Client, &yamada).await.unwrap();
    store.save(RecordKind::Client, &client("佐藤 花子", 1)).await.unwrap();

    assert_eq!(store.client(yamada.id()).await.unwrap(), Some(yamada.clone()));
    yamada.data.wishes_self = "一人暮らしをしたい".into();
    yamada.meta.touch("device-test", Utc::now());
    store.save(RecordKind::Client, &yamada).await.unwrap();

    let all = store.clients().await.unwrap();
    assert_eq!(all.len(), 2);
    let stored = all.iter().find(|c| c.id() == yamada.id()).unwrap();
    assert_eq!(stored.data.wishes_self, "一人暮らしをしたい");
    assert_eq!(stored.meta.rev, 2);
    assert_eq!(store.client(Uuid::new_v4()).await.unwrap(), None);
    // Every change queued for sync, in the same transaction as the record.
    assert_eq!(store.outbox_len().await.unwrap(), 3);
}

#[wasm_bindgen_test]
async fn drafts_hold_invalid_input_until_the_record_is_saved() {
    let store = open_current(&fresh_name()).await;
    let id = Uuid::new_v4();
    let key = id.to_string();
    let form = ClientForm { name: "".into(), kana: "山田".into(), ..Default::default() };
    store.save_draft(RecordKind::Client, &key, &form).await.unwrap();
    let draft = store.draft::<ClientForm>(&key).await.unwrap().expect("draft kept");
    assert_eq!(draft.value, form);
    assert!(draft.saved_at > 0.0);

    let mut record = client("山田", 0);
    record.meta.id = id;
    store.save(RecordKind::Client, &record).await.unwrap();
    assert_eq!(store.draft::<ClientForm>(&key).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn a_new_records_draft_under_its_own_key_goes_with_the_records_first_write() {
    let store = open_current(&fresh_name()).await;
    let key = format!("note-new-{}", Uuid::new_v4());
    let form = ClientForm { name: "書きかけ".into(), ..Default::default() };
    store.save_draft(RecordKind::Client, &key, &form).await.unwrap();
    // Another draft shape under the key reads as nothing, not as an error.
    assert_eq!(store.draft::<Vec<u32>>(&key).await.unwrap(), None);

    let record = client("書きかけ", 0);
    store.save_edit_from_draft(RecordKind::Client, &record, None, Some(&key)).await.unwrap();
    assert_eq!(store.draft::<ClientForm>(&key).await.unwrap(), None);
    assert_eq!(store.client(record.id()).await.unwrap(), Some(record));

    store.save_draft(RecordKind::Client, &key, &form).await.unwrap();
    store.delete_draft(&key).await.unwrap();
    assert_eq!(store.draft::<ClientForm>(&key).await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn writes_tell_listeners_that_the_outbox_changed_and_pulls_which_records_changed() {
    use renkei::store::{subscribe, unsubscribe, StoreEvent};
    use std::cell::RefCell;
    use std::rc::Rc;
    let store = open_current(&fresh_name()).await;
    let heard = Rc::new(RefCell::new(Vec::new()));
    let subscription = subscribe({
        let heard = heard.clone();
        move |e| heard.borrow_mut().push(e.clone())
    });
    let record = client("山田", 0);
    store.save(RecordKind::Client, &record).await.unwrap();
    assert_eq!(*heard.borrow(), vec![StoreEvent::OutboxChanged]);

    // The same data again queues nothing, and says nothing.
    store.save(RecordKind::Client, &record).await.unwrap();
    assert_eq!(heard.borrow().len(), 1);

    // A change from another device, as a pull brings it.
    let other = client("佐藤", 1);
    let mut clock = renkei_domain::sync::Clock::new("device-other");
    let state = renkei_domain::sync::RecordState::new(other.id(), RecordKind::Client);
    let data = serde_json::to_value(&other.data).unwrap();
    let mut fields = data.as_object().unwrap().clone();
    fields.insert(renkei_domain::sync::DELETED_FIELD.into(), false.into());
    let writes = state.edit_from(None, &fields, &mut clock, 1_750_000_001_000);
    let change = renkei_domain::sync::Change {
        device_id: "device-other".into(),
        seq: 1,
        record_id: other.id(),
        kind: RecordKind::Client,
        writes,
        author: None,
    };
    store.apply_remote(&[change.into()], &[], &[], 1, None).await.unwrap();
    assert_eq!(heard.borrow().last(), Some(&StoreEvent::RecordsChanged(vec![other.id()])));

    unsubscribe(subscription);
    store.save(RecordKind::Client, &client("鈴木", 2)).await.unwrap();
    assert_eq!(heard.borrow().len(), 2, "no word after unsubscribing");
}

#[wasm_bindgen_test]
async fn the_device_id_is_made_once_and_kept() {
    let store = open_current(&fresh_name()).await;
    let first = store.device_id().await.unwrap();
    assert!(first.starts_with("device-"));
    assert_eq!(store.device_id().await.unwrap(), first);
}

#[wasm_bindgen_test]
async fn a_failing_write_leaves_nothing_behind() {
    let store = open_current(&fresh_name()).await;
    let existing = client("既存", 0);
    store.save(RecordKind::Client, &existing).await.unwrap();
    let outbox_before = store.outbox_len().await.unwrap();

    let new_one = AnyRecord::from_typed(RecordKind::Client, &client("新規", 1)).unwrap();
    let clash = AnyRecord::from_typed(RecordKind::Client, &existing).unwrap();
    let result = store.write_records(&[new_one.clone(), clash], WriteMode::CreateOnly).await;

    assert_eq!(result, Err(StoreError::AlreadyExists));
    assert_eq!(store.record(new_one.meta.id).await.unwrap(), None, "first record of the failed batch rolled back");
    assert_eq!(store.outbox_len().await.unwrap(), outbox_before, "its outbox entry too");
    assert_eq!(store.clients().await.unwrap().len(), 1);
}

#[wasm_bindgen_test]
async fn a_version_1_database_is_upgraded_with_nothing_lost() {
    let name = fresh_name();
    let old = client("昭和 花子", 0);
    {
        // Write the way version 1 of the app did: records store only.
        let v1 = Store::open(&name, 1).await.unwrap();
        v1.close();
        let db = Database::open(name.as_str()).with_version(1u32).await.unwrap();
        assert_eq!(db.object_store_names().collect::<Vec<_>>(), vec![schema::RECORDS.to_string()]);
        let row = RecordRow {
            id: old.id().to_string(),
            kind: "client".into(),
            updated_at: old.meta.updated_at.timestamp_millis() as f64,
            deleted: false,
            payload: serde_json::to_string(&AnyRecord::from_typed(RecordKind::Client, &old).unwrap()).unwrap(),
        };
        let tx = db.transaction(schema::RECORDS).with_mode(TransactionMode::Readwrite).build().unwrap();
        tx.object_store(schema::RECORDS).unwrap().put(row).serde().unwrap().await.unwrap();
        tx.commit().await.unwrap();
        db.close();
    }

    let store = open_current(&name).await;
    assert_eq!(store.clients().await.unwrap(), vec![old.clone()]);
    // The stores added by version 2 work.
    store.save_draft(RecordKind::Client, &Uuid::new_v4().to_string(), &ClientForm::default()).await.unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 0);
    store.save(RecordKind::Client, &client("令和 一郎", 5)).await.unwrap();
    assert_eq!(store.clients().await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn export_then_import_into_an_empty_store_gives_the_same_records() {
    let source = open_current(&fresh_name()).await;
    for (i, name) in ["青木", "井上", "上田"].iter().enumerate() {
        source.save(RecordKind::Client, &client(name, i as i64)).await.unwrap();
    }
    let text = source.export_backup().await.unwrap();

    let target = open_current(&fresh_name()).await;
    let report = target.import_backup(BackupFile::parse(&text).unwrap()).await.unwrap();
    assert_eq!((report.added, report.updated, report.unchanged), (3, 0, 0));
    let mut a = source.clients().await.unwrap();
    let mut b = target.clients().await.unwrap();
    a.sort_by_key(|c| c.id());
    b.sort_by_key(|c| c.id());
    assert_eq!(a, b);

    // Importing the same file again changes nothing.
    let again = target.import_backup(BackupFile::parse(&text).unwrap()).await.unwrap();
    assert_eq!((again.added, again.updated, again.unchanged), (0, 0, 3));
}

#[wasm_bindgen_test]
async fn each_save_queues_a_protocol_change_with_only_the_changed_fields() {
    use renkei_domain::sync::DELETED_FIELD;
    let store = open_current(&fresh_name()).await;
    let mut yamada = client("山田 太郎", 0);
    store.save_edit(RecordKind::Client, &yamada, None).await.unwrap();
    let base = yamada.data.clone();
    yamada.data.staff = "佐藤".into();
    store.save_edit(RecordKind::Client, &yamada, Some(&base)).await.unwrap();

    let outbox = store.outbox().await.unwrap();
    assert_eq!(outbox.len(), 2);
    let device = store.device_id().await.unwrap();
    assert_eq!((outbox[0].seq, outbox[1].seq), (1, 2));
    assert!(outbox.iter().all(|c| c.device_id == device && c.record_id == yamada.id()));
    let first_fields: Vec<_> = outbox[0].writes.iter().map(|w| w.field.as_str()).collect();
    assert!(first_fields.contains(&"name") && first_fields.contains(&DELETED_FIELD));
    assert_eq!(outbox[1].writes.len(), 1);
    assert_eq!(outbox[1].writes[0].field, "staff");
    let first_staff = outbox[0].writes.iter().find(|w| w.field == "staff").unwrap();
    assert_eq!(outbox[1].writes[0].replaces, vec![first_staff.stamp.clone()]);
}

#[wasm_bindgen_test]
async fn remote_changes_merge_per_field_and_the_pull_cursor_moves_with_them() {
    use renkei_domain::sync::{Change, Clock, RecordState};
    let here = open_current(&fresh_name()).await;
    let mut record = client("山田 太郎", 0);
    here.save_edit(RecordKind::Client, &record, None).await.unwrap();
    let seen = here.merge_state(record.id()).await.unwrap().unwrap();

    // Another device, having seen the same record, changes wishes and staff.
    let mut other = Clock::new("device-other");
    let mut theirs = seen.data();
    theirs.insert("wishes_self".into(), "就職したい".into());
    theirs.insert("staff".into(), "鈴木".into());
    let remote = Change {
        device_id: "device-other".into(),
        seq: 1,
        record_id: record.id(),
        kind: RecordKind::Client,
        writes: seen.edit(&theirs, &mut other, js_sys::Date::now() as i64),
        author: None,
    };
    // Meanwhile here: staff changed too (concurrently), and the name.
    let base = record.data.clone();
    record.data.staff = "佐藤".into();
    record.data.name = "山田 太郎（たろう）".into();
    here.save_edit(RecordKind::Client, &record, Some(&base)).await.unwrap();

    assert_eq!(here.apply_remote(&[remote.clone().into()], &[], &[], 17, None).await.unwrap(), 1);
    assert_eq!(
        here.apply_remote(&[remote.into()], &[], &[], 17, None).await.unwrap(),
        0,
        "a change applied twice counts once"
    );
    assert_eq!(here.pull_cursor(None).await.unwrap(), 17);

    let merged = here.client(record.id()).await.unwrap().unwrap();
    assert_eq!(merged.data.name, "山田 太郎（たろう）");
    assert_eq!(merged.data.wishes_self, "就職したい");
    let state: RecordState = here.merge_state(record.id()).await.unwrap().unwrap();
    assert_eq!(state.conflicted_fields(), vec!["staff"]);
    let mut values: Vec<_> = state.fields["staff"].heads.iter().map(|h| h.value.as_str().unwrap().to_owned()).collect();
    values.sort();
    assert_eq!(values, vec!["佐藤", "鈴木"]);
}

#[wasm_bindgen_test]
async fn records_from_before_merge_states_get_one_and_a_change_to_send() {
    let name = fresh_name();
    let old = client("昔の 記録", 0);
    {
        let v2 = Store::open(&name, 2).await.unwrap();
        v2.close();
        let db = Database::open(name.as_str()).with_version(2u32).await.unwrap();
        let row = RecordRow {
            id: old.id().to_string(),
            kind: "client".into(),
            updated_at: 0.0,
            deleted: false,
            payload: serde_json::to_string(&AnyRecord::from_typed(RecordKind::Client, &old).unwrap()).unwrap(),
        };
        let tx = db.transaction(schema::RECORDS).with_mode(TransactionMode::Readwrite).build().unwrap();
        tx.object_store(schema::RECORDS).unwrap().put(row).serde().unwrap().await.unwrap();
        tx.commit().await.unwrap();
        db.close();
    }
    let store = open_current(&name).await;
    assert_eq!(store.outbox_len().await.unwrap(), 0);
    store.seed_merge_states_once().await.unwrap();
    assert_eq!(store.seed_merge_states().await.unwrap(), 0, "every record has its merge state");
    assert_eq!(
        store.meta("merge_states_seeded").await.unwrap().as_deref(),
        Some("1"),
        "and it is not looked for again"
    );
    let outbox = store.outbox().await.unwrap();
    assert_eq!(outbox.len(), 1);
    assert_eq!(outbox[0].record_id, old.id());
    assert_eq!(store.clients().await.unwrap(), vec![old]);
}

#[wasm_bindgen_test]
async fn a_deleted_record_goes_to_the_trash_and_comes_back_with_one_tombstone_write_each() {
    use renkei_domain::sync::DELETED_FIELD;
    let store = open_current(&fresh_name()).await;
    let yamada = client("山田 太郎", 0);
    let sato = client("佐藤 花子", 1);
    store.save_edit(RecordKind::Client, &yamada, None).await.unwrap();
    store.save_edit(RecordKind::Client, &sato, None).await.unwrap();

    assert!(store.set_deleted(yamada.id(), true).await.unwrap());
    let live: Vec<_> = store.clients().await.unwrap().into_iter().map(|c| c.id()).collect();
    assert_eq!(live, vec![sato.id()]);
    let trash = store.trash(0.0).await.unwrap();
    assert_eq!(trash.iter().map(|r| r.meta.id).collect::<Vec<_>>(), vec![yamada.id()]);
    assert_eq!(trash[0].data["name"], "山田 太郎", "the data is kept in the trash");
    // Nothing moved to the trash after a later moment counts.
    let later = (Utc::now().timestamp_millis() + 60_000) as f64;
    assert!(store.trash(later).await.unwrap().is_empty());

    assert!(store.set_deleted(yamada.id(), false).await.unwrap());
    assert!(store.trash(0.0).await.unwrap().is_empty());
    assert_eq!(store.clients().await.unwrap().len(), 2);
    assert_eq!(store.client(yamada.id()).await.unwrap().unwrap().data.name, "山田 太郎");

    // Delete and restore each sent only the tombstone.
    let outbox = store.outbox().await.unwrap();
    assert_eq!(outbox.len(), 4);
    for change in &outbox[2..] {
        assert_eq!(change.writes.len(), 1);
        assert_eq!(change.writes[0].field, DELETED_FIELD);
    }
    assert_eq!(outbox[2].writes[0].value, serde_json::json!(true));
    assert_eq!(outbox[3].writes[0].value, serde_json::json!(false));
    // Deleting what is not there is reported, not invented.
    assert!(!store.set_deleted(Uuid::new_v4(), true).await.unwrap());
}

#[wasm_bindgen_test]
async fn a_pull_page_with_several_changes_per_record_applies_them_all_in_one_go() {
    use renkei_domain::sync::{Change, Clock, RecordState};
    let here = open_current(&fresh_name()).await;
    let mine = client("佐藤 花子", 0);
    here.save_edit(RecordKind::Client, &mine, None).await.unwrap();
    let seen = here.merge_state(mine.id()).await.unwrap().unwrap();
    let rev_before = here.client(mine.id()).await.unwrap().unwrap().meta.rev;

    let mut other = Clock::new("device-other");
    let now = js_sys::Date::now() as i64;
    // A record new to this device, written twice by the other device…
    let fresh_id = Uuid::new_v4();
    let mut fresh = RecordState::new(fresh_id, RecordKind::Client);
    let mut data = serde_json::Map::new();
    data.insert("name".into(), "新井 一郎".into());
    data.insert("kana".into(), "あらい いちろう".into());
    let first = Change {
        device_id: "device-other".into(),
        seq: 1,
        record_id: fresh_id,
        kind: RecordKind::Client,
        writes: fresh.edit(&data, &mut other, now),
        author: None,
    };
    fresh.apply(&first);
    data.insert("staff".into(), "鈴木".into());
    let second = Change {
        device_id: "device-other".into(),
        seq: 2,
        record_id: fresh_id,
        kind: RecordKind::Client,
        writes: fresh.edit(&data, &mut other, now + 1),
        author: None,
    };
    // …and a change to the record this device already has.
    let mut theirs = seen.data();
    theirs.insert("wishes_self".into(), "旅行に行きたい".into());
    let third = Change {
        device_id: "device-other".into(),
        seq: 3,
        record_id: mine.id(),
        kind: RecordKind::Client,
        writes: seen.edit(&theirs, &mut other, now + 2),
        author: None,
    };

    assert_eq!(here.apply_remote(&[first.into(), third.into(), second.into()], &[], &[], 42, None).await.unwrap(), 3);
    let arai = here.client(fresh_id).await.unwrap().unwrap();
    assert_eq!((arai.data.name.as_str(), arai.data.staff.as_str()), ("新井 一郎", "鈴木"));
    assert_eq!(arai.meta.rev, 1);
    let sato = here.client(mine.id()).await.unwrap().unwrap();
    assert_eq!(sato.data.wishes_self, "旅行に行きたい");
    assert_eq!(sato.meta.rev, rev_before + 1, "an existing record moves one revision on");
    assert_eq!(here.pull_cursor(None).await.unwrap(), 42);
    assert_eq!(here.clients().await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn a_save_from_a_stale_editor_keeps_fields_changed_meanwhile_in_the_stored_record() {
    let store = open_current(&fresh_name()).await;
    let original = client("山田 太郎", 0);
    store.save_edit(RecordKind::Client, &original, None).await.unwrap();

    // Two editors open the same record; the first changes the staff member.
    let mut first = original.clone();
    first.data.staff = "佐藤".into();
    first.meta.touch("device-test", Utc::now());
    store.save_edit(RecordKind::Client, &first, Some(&original.data)).await.unwrap();
    // The second, still showing the original, changes the wishes.
    let mut second = original.clone();
    second.data.wishes_self = "一人暮らしをしたい".into();
    second.meta.touch("device-test", Utc::now());
    store.save_edit(RecordKind::Client, &second, Some(&original.data)).await.unwrap();

    let stored = store.client(original.id()).await.unwrap().unwrap();
    assert_eq!(stored.data.staff, "佐藤", "the first editor's change survives the second save");
    assert_eq!(stored.data.wishes_self, "一人暮らしをしたい");
    let listed = store.clients().await.unwrap();
    assert_eq!(listed[0].data.staff, "佐藤");
}

fn stamp(device: &str, ms: i64) -> renkei_domain::sync::Stamp {
    renkei_domain::sync::Stamp { ms, counter: 0, device: device.into() }
}

/// A pull page as the server sends it, for changes given as JSON text.
fn page_text(changes: &[(i64, String)], next: i64) -> String {
    let items: Vec<String> =
        changes.iter().map(|(cursor, c)| format!(r#"{{"cursor":{cursor},"change":{c}}}"#)).collect();
    format!(r#"{{"changes":[{}],"next":{next},"more":false}}"#, items.join(","))
}

#[wasm_bindgen_test]
async fn a_page_with_an_unreadable_change_and_a_malformed_record_applies_the_rest_and_moves_on() {
    use renkei::store::set_aside::SetAsideKind;
    use renkei::sync::page::read_page;
    use renkei_domain::sync::{Change, FieldWrite};
    let here = open_current(&fresh_name()).await;
    let now = js_sys::Date::now() as i64;

    // Nested far beyond what a parser of whole values accepts.
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let poisoned = format!(
        r#"{{"device_id":"device-x","seq":1,"record_id":"{}","kind":"client","writes":[{{"field":"name","value":{deep},"stamp":{{"ms":{now},"counter":0,"device":"device-x"}}}}]}}"#,
        Uuid::new_v4()
    );
    let good_id = Uuid::new_v4();
    let write = |field: &str, value: serde_json::Value, ms: i64| FieldWrite {
        field: field.into(),
        value,
        stamp: stamp("device-x", ms),
        replaces: vec![],
    };
    let good = Change {
        device_id: "device-x".into(),
        seq: 2,
        record_id: good_id,
        kind: RecordKind::Client,
        writes: vec![write("name", "青木 一郎".into(), now)],
        author: None,
    };
    // Every write checks on its own, but the record lacks what an
    // assessment must have (its client and date).
    let malformed_id = Uuid::new_v4();
    let malformed = Change {
        device_id: "device-x".into(),
        seq: 3,
        record_id: malformed_id,
        kind: RecordKind::Assessment,
        writes: vec![write("overall_note", "所見".into(), now + 1)],
        author: None,
    };
    let text = page_text(
        &[(5, poisoned), (6, serde_json::to_string(&good).unwrap()), (7, serde_json::to_string(&malformed).unwrap())],
        7,
    );
    assert!(serde_json::from_str::<renkei_domain::sync::PullResponse>(&text).is_err(), "a whole-page parse fails");

    let page = read_page(&text).unwrap();
    assert_eq!((page.changes.len(), page.unreadable.len()), (2, 1));
    here.apply_remote(&page.changes, &page.unreadable, &page.purged, page.next, None).await.unwrap();

    assert_eq!(here.pull_cursor(None).await.unwrap(), 7, "the cursor moved past the bad change");
    let clients = here.clients().await.unwrap();
    assert_eq!(clients.len(), 1);
    assert_eq!(clients[0].data.name, "青木 一郎");
    assert_eq!(here.record(malformed_id).await.unwrap(), None, "an unreadable record is not shown");
    assert!(here.records_of_kind(RecordKind::Assessment).await.unwrap().is_empty());
    let aside = here.set_aside().await.unwrap();
    let kinds: Vec<_> = aside.iter().map(|a| a.kind()).collect();
    assert!(kinds.contains(&SetAsideKind::Received) && kinds.contains(&SetAsideKind::Record), "{kinds:?}");

    // A later change that mends the record shows it and clears its flag.
    let mut mend = malformed.clone();
    mend.seq = 4;
    mend.writes =
        vec![write("client_id", serde_json::json!(good_id), now + 2), write("date", "2026-11-30".into(), now + 2)];
    mend.writes[1].stamp.counter = 1;
    here.apply_remote(&[mend.into()], &[], &[], 8, None).await.unwrap();
    assert!(here.record(malformed_id).await.unwrap().is_some());
    let aside = here.set_aside().await.unwrap();
    assert!(aside.iter().all(|a| a.kind() != SetAsideKind::Record));
}

#[wasm_bindgen_test]
async fn a_page_for_another_office_than_the_session_is_not_applied() {
    use renkei_domain::sync::{Change, FieldWrite};
    let here = open_current(&fresh_name()).await;
    let change = Change {
        device_id: "device-x".into(),
        seq: 1,
        record_id: Uuid::new_v4(),
        kind: RecordKind::Client,
        writes: vec![FieldWrite {
            field: "name".into(),
            value: "他事業所".into(),
            stamp: stamp("device-x", 1_000),
            replaces: vec![],
        }],
        author: None,
    };
    // Signed out meanwhile: no session at all.
    let result = here.apply_remote(&[change.into()], &[], &[], 3, Some(Uuid::new_v4())).await;
    assert_eq!(result, Err(StoreError::SessionChanged));
    assert!(here.clients().await.unwrap().is_empty());
    assert_eq!(here.pull_cursor(None).await.unwrap(), 0);
}

#[wasm_bindgen_test]
async fn outbox_batches_are_bounded_in_bytes() {
    let store = open_current(&fresh_name()).await;
    for i in 0..10 {
        let mut c = client(&format!("利用者{i}"), i);
        c.data.wishes_self = "あ".repeat(1_000);
        store.save(RecordKind::Client, &c).await.unwrap();
    }
    let all = store.outbox_batch(500, usize::MAX).await.unwrap();
    assert_eq!(all.len(), 10);
    let one_size = serde_json::to_string(&all[0].1).unwrap().len();
    let some = store.outbox_batch(500, one_size * 3).await.unwrap();
    assert!((2..=3).contains(&some.len()), "{} changes in {} bytes", some.len(), one_size * 3);
    assert_eq!(store.outbox_batch(500, 1).await.unwrap().len(), 1, "one change always goes, however large");
    assert_eq!(store.outbox_batch(4, usize::MAX).await.unwrap().len(), 4);
}

#[wasm_bindgen_test]
async fn unsent_changes_move_to_a_new_device_id_with_nothing_lost_or_conflicted() {
    let store = open_current(&fresh_name()).await;
    let mut yamada = client("山田", 0);
    store.save_edit(RecordKind::Client, &yamada, None).await.unwrap();
    let base = yamada.data.clone();
    yamada.data.name = "山田 太郎".into();
    store.save_edit(RecordKind::Client, &yamada, Some(&base)).await.unwrap();
    let old_device = store.device_id().await.unwrap();

    assert_eq!(store.rewrite_outbox(true, None).await.unwrap(), 2);
    let new_device = store.device_id().await.unwrap();
    assert_ne!(new_device, old_device);
    let outbox = store.outbox().await.unwrap();
    assert_eq!(outbox.iter().map(|c| c.seq).collect::<Vec<_>>(), vec![1, 2]);
    for change in &outbox {
        assert_eq!(change.device_id, new_device);
        assert!(change.writes.iter().all(|w| w.stamp.device == new_device));
    }
    let state = store.merge_state(yamada.id()).await.unwrap().unwrap();
    assert!(state.conflicted_fields().is_empty());
    assert_eq!(store.client(yamada.id()).await.unwrap().unwrap().data.name, "山田 太郎");

    // A clock found to be an hour fast: later stamps are on the server's
    // time, and unsent ones are stamped anew.
    let hour = 3_600_000;
    store.rewrite_outbox(false, Some(-hour)).await.unwrap();
    let now = js_sys::Date::now() as i64;
    assert!(store.outbox().await.unwrap().iter().flat_map(|c| &c.writes).all(|w| w.stamp.ms < now - hour + 60_000));
    let base = yamada.data.clone();
    yamada.data.staff = "佐藤".into();
    store.save_edit(RecordKind::Client, &yamada, Some(&base)).await.unwrap();
    let last = store.outbox().await.unwrap().pop().unwrap();
    assert!(last.writes[0].stamp.ms < now - hour + 60_000, "new stamps follow the server's clock");
    assert_eq!(store.clock_offset().await.unwrap(), -hour);
}

#[wasm_bindgen_test]
async fn importing_a_backup_keeps_a_differing_local_value_as_a_conflict() {
    let store = open_current(&fresh_name()).await;
    let mut yamada = client("山田 太郎", 0);
    store.save_edit(RecordKind::Client, &yamada, None).await.unwrap();
    let text = store.export_backup().await.unwrap();
    // Changed here after the backup was made (or by another device).
    let base = yamada.data.clone();
    yamada.data.name = "山田 太郎（たろう）".into();
    store.save_edit(RecordKind::Client, &yamada, Some(&base)).await.unwrap();

    let report = store.import_backup(BackupFile::parse(&text).unwrap()).await.unwrap();
    assert_eq!((report.added, report.updated, report.unchanged, report.conflicts), (0, 0, 0, 1));
    let state = store.merge_state(yamada.id()).await.unwrap().unwrap();
    assert_eq!(state.conflicted_fields(), vec!["name"]);
    let values: Vec<_> = state.fields["name"].heads.iter().map(|h| h.value.clone()).collect();
    assert!(values.contains(&"山田 太郎".into()) && values.contains(&"山田 太郎（たろう）".into()));
}

#[wasm_bindgen_test]
async fn a_read_started_after_a_write_is_spawned_waits_for_it_and_sees_it() {
    let record = client("壁 太郎", 0);
    let id = record.id();
    let (done, finished) = futures_channel::oneshot::channel();
    // The write barrier is taken before `spawn_write` returns, even before
    // the database is open; the write itself runs later.
    renkei::store::spawn_write(
        move |s| async move { s.save(RecordKind::Client, &record).await },
        move |result| {
            let _ = done.send(result.is_ok());
        },
    );
    let s = renkei::store::store().await.unwrap();
    assert!(s.client(id).await.unwrap().is_some(), "the read waited for the write");
    assert!(finished.await.unwrap());
}

#[wasm_bindgen_test]
async fn records_the_server_purged_are_forgotten_with_their_changes_and_drafts() {
    let store = open_current(&fresh_name()).await;
    let gone = client("山田", 0);
    let kept = client("佐藤", 1);
    store.save(RecordKind::Client, &gone).await.unwrap();
    store.save(RecordKind::Client, &kept).await.unwrap();
    let form = ClientForm { name: "山田".into(), ..Default::default() };
    store.save_draft(RecordKind::Client, &gone.id().to_string(), &form).await.unwrap();
    store.save_draft(RecordKind::VisitNote, &format!("note-new-{}", gone.id()), &form).await.unwrap();
    store.save_draft(RecordKind::Client, &kept.id().to_string(), &form).await.unwrap();
    assert_eq!(store.outbox_len().await.unwrap(), 2);

    use renkei::sync::page::read_page;
    // A pull page naming the purged id.
    let text = format!(r#"{{"changes": [], "purged": ["{}"], "next": 9, "more": false}}"#, gone.id());
    let page = read_page(&text).unwrap();
    assert_eq!(page.purged, vec![gone.id()]);
    store.apply_remote(&page.changes, &page.unreadable, &page.purged, page.next, None).await.unwrap();

    assert!(store.record(gone.id()).await.unwrap().is_none());
    assert!(store.record(kept.id()).await.unwrap().is_some());
    assert_eq!(store.outbox_len().await.unwrap(), 1, "only the kept client's change waits");
    assert_eq!(store.draft::<ClientForm>(&gone.id().to_string()).await.unwrap(), None);
    assert_eq!(store.draft::<ClientForm>(&format!("note-new-{}", gone.id())).await.unwrap(), None);
    assert!(store.draft::<ClientForm>(&kept.id().to_string()).await.unwrap().is_some());
    assert_eq!(store.pull_cursor(None).await.unwrap(), 9);

    // A page from an older server has no such field.
    let page = read_page(r#"{"changes": [], "next": 10, "more": false}"#).unwrap();
    assert!(page.purged.is_empty());
}

#[wasm_bindgen_test]
async fn signing_out_keeps_the_offices_device_keys_and_a_remote_wipe_erases_them_too() {
    let store = open_current(&fresh_name()).await;
    store.save(RecordKind::Client, &client("消去 一郎", 0)).await.unwrap();
    store.set_device_key("OFFICE1", "suzuki", "device-key-1").await.unwrap();

    store.sign_out_and_clear().await.unwrap();
    assert!(store.clients().await.unwrap().is_empty());
    assert_eq!(store.device_key("OFFICE1", "suzuki").await.unwrap().as_deref(), Some("device-key-1"));

    store.save(RecordKind::Client, &client("消去 二郎", 1)).await.unwrap();
    store.erase_all().await.unwrap();
    assert!(store.clients().await.unwrap().is_empty());
    assert_eq!(store.outbox_len().await.unwrap(), 0);
    assert_eq!(store.device_key("OFFICE1", "suzuki").await.unwrap(), None);
}
