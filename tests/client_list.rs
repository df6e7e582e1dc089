//! The stored client list follows every way records are written: edits,
//! the ゴミ箱, changes pulled from the server, a settled conflict, a backup
//! merged in, a purge, renumbered changes and sign-out. After each, the list
//! as stored (not rebuilt) equals the list built from the records.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use renkei::store::{schema, Store};
use renkei_domain::sync::{Change, Clock, FieldWrite, RecordState, Stamp};
use renkei_domain::{BackupFile, Client, ClientList, Record, RecordKind, RecordMeta};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn open_fresh() -> Store {
    Store::open(&format!("renkei-test-{}", Uuid::new_v4()), schema::CURRENT_VERSION).await.expect("open")
}

fn client(name: &str, kana: &str) -> Record<Client> {
    let now = Utc.timestamp_opt(1_750_000_000, 0).unwrap();
    Record {
        meta: RecordMeta::new(Uuid::new_v4(), "device-test", now),
        data: Client { name: name.into(), kana: kana.into(), ..Default::default() },
    }
}

/// The list as stored, which must be there and equal what the records give.
async fn assert_stored_list_follows(store: &Store, step: &str) -> Vec<String> {
    let stored = store.stored_client_list().await.unwrap().unwrap_or_else(|| panic!("{step}: no stored list"));
    let stored: ClientList = serde_json::from_str(&stored).unwrap();
    let built = ClientList::build(&store.all_records().await.unwrap());
    assert_eq!(stored, built, "{step}: the stored list follows the records");
    stored.clients.iter().map(|c| c.name.clone()).collect()
}

fn remote_change(id: Uuid, seq: u64, writes: Vec<FieldWrite>) -> Change {
    Change { device_id: "device-other".into(), seq, record_id: id, kind: RecordKind::Client, writes, author: None }
}

fn write(field: &str, value: &str, ms: i64) -> FieldWrite {
    FieldWrite {
        field: field.into(),
        value: value.into(),
        stamp: Stamp { ms, counter: 0, device: "device-other".into() },
        replaces: vec![],
    }
}

#[wasm_bindgen_test]
async fn the_stored_list_follows_every_write_path() {
    let store = open_fresh().await;
    assert!(store.client_list().await.unwrap().clients.is_empty());

    let mut yamada = client("山田 太郎", "やまだ たろう");
    let aoki = client("青木 一郎", "あおき いちろう");
    store.save(RecordKind::Client, &yamada).await.unwrap();
    store.save(RecordKind::Client, &aoki).await.unwrap();
    assert_eq!(assert_stored_list_follows(&store, "saved").await, ["青木 一郎", "山田 太郎"]);

    // A new reading moves the client in the order.
    let base = yamada.data.clone();
    yamada.data.kana = "あいざわ".into();
    yamada.data.name = "相沢 太郎".into();
    store.save_edit(RecordKind::Client, &yamada, Some(&base)).await.unwrap();
    assert_eq!(assert_stored_list_follows(&store, "edited").await, ["相沢 太郎", "青木 一郎"]);

    store.set_deleted(aoki.id(), true).await.unwrap();
    assert_eq!(assert_stored_list_follows(&store, "to the trash").await, ["相沢 太郎"]);
    store.set_deleted(aoki.id(), false).await.unwrap();
    assert_eq!(assert_stored_list_follows(&store, "restored").await, ["相沢 太郎", "青木 一郎"]);

    // Another device adds a client and renames one this device renames too.
    let now = js_sys::Date::now() as i64;
    let new_id = Uuid::new_v4();
    let seen: RecordState = store.merge_state(yamada.id()).await.unwrap().unwrap();
    let mut theirs = seen.data();
    theirs.insert("name".into(), "相沢 次郎".into());
    let mut other = Clock::new("device-other");
    let rename = remote_change(yamada.id(), 2, seen.edit(&theirs, &mut other, now));
    let base = yamada.data.clone();
    yamada.data.name = "相沢 三郎".into();
    store.save_edit(RecordKind::Client, &yamada, Some(&base)).await.unwrap();
    let added = remote_change(new_id, 1, vec![write("name", "加藤 花", now), write("kana", "かとう はな", now)]);
    store.apply_remote(&[added.into(), rename.into()], &[], &[], 9, None).await.unwrap();
    let names = assert_stored_list_follows(&store, "pulled").await;
    assert_eq!(names.len(), 3);
    assert!(names.contains(&"加藤 花".to_owned()));

    // Settling the conflict on the name to the other device's value.
    let state = store.merge_state(yamada.id()).await.unwrap().unwrap();
    assert_eq!(state.conflicted_fields(), vec!["name"]);
    let chosen = state.fields["name"].heads.iter().find(|h| h.value == "相沢 次郎").unwrap().stamp.clone();
    store.resolve_conflict(yamada.id(), "name", &chosen).await.unwrap();
    assert_eq!(assert_stored_list_follows(&store, "settled").await, ["相沢 次郎", "青木 一郎", "加藤 花"]);

    // A backup from another device brings one more.
    let elsewhere = open_fresh().await;
    elsewhere.save(RecordKind::Client, &client("渡辺 光", "わたなべ ひかる")).await.unwrap();
    let file = BackupFile::parse(&elsewhere.export_backup().await.unwrap()).unwrap();
    store.import_backup(file).await.unwrap();
    assert_eq!(assert_stored_list_follows(&store, "imported").await.last().unwrap(), "渡辺 光");

    store.forget_purged(&[aoki.id()]).await.unwrap();
    assert_eq!(assert_stored_list_follows(&store, "purged").await, ["相沢 次郎", "加藤 花", "渡辺 光"]);

    // Every unsent change renumbered for a new device id rebuilds records.
    store.rewrite_outbox(true, None).await.unwrap();
    assert_eq!(assert_stored_list_follows(&store, "renumbered").await.len(), 3);

    store.sign_out_and_clear().await.unwrap();
    assert!(store.client_list().await.unwrap().clients.is_empty(), "signed out: nothing is listed");
}

#[wasm_bindgen_test]
async fn a_missing_or_outdated_list_is_built_from_the_records() {
    let store = open_fresh().await;
    store.save(RecordKind::Client, &client("山田 太郎", "やまだ")).await.unwrap();
    store.save(RecordKind::Client, &client("青木 一郎", "あおき")).await.unwrap();
    // No list was read yet, so none is stored: writes do not build one.
    assert_eq!(store.stored_client_list().await.unwrap(), None);

    let names = |l: ClientList| l.clients.into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(names(store.client_list().await.unwrap()), ["青木 一郎", "山田 太郎"]);
    assert!(store.stored_client_list().await.unwrap().is_some(), "the built list is stored");

    // A list stored by an app whose summaries had another format.
    store.store_client_list_text(r#"{"v":0,"clients":[]}"#).await.unwrap();
    store.save(RecordKind::Client, &client("加藤 花", "かとう")).await.unwrap();
    assert_eq!(store.stored_client_list().await.unwrap(), None, "an outdated list is dropped, not patched");
    assert_eq!(names(store.client_list().await.unwrap()), ["青木 一郎", "加藤 花", "山田 太郎"]);

    // A stored value that does not read is rebuilt too.
    store.store_client_list_text("not json").await.unwrap();
    assert_eq!(store.client_list().await.unwrap().clients.len(), 3);
}

#[wasm_bindgen_test]
async fn a_long_list_is_stored_in_chunks_the_browser_keeps_inline() {
    let store = open_fresh().await;
    // An office's list older versions kept in one value: ignored, rebuilt
    // from the records and dropped on that write.
    store.set_meta("client_list", r#"{"v":2,"clients":[]}"#).await.unwrap();
    // Names with characters of one, two and four bytes (𠮷 is two UTF-16
    // units), so chunks end at every kind of character boundary.
    for i in 0..200 {
        let name = format!("𠮷野 花子{i} {}", "あ".repeat(i * 7 % 500));
        store.save(RecordKind::Client, &client(&name, "よしの はなこ")).await.unwrap();
    }
    let list = store.client_list().await.unwrap();
    assert_eq!(list.clients.len(), 200);
    assert_eq!(store.meta("client_list").await.unwrap(), None, "the old single value is gone");

    let text = store.stored_client_list().await.unwrap().unwrap();
    assert_eq!(serde_json::from_str::<ClientList>(&text).unwrap(), list);
    let mut joined = String::new();
    let mut n = 0;
    while let Some(chunk) = store.meta(&format!("client_list/{n:04}")).await.unwrap() {
        assert!(chunk.encode_utf16().count() <= 30_000, "chunk {n} fits in 60,000 bytes");
        joined.push_str(&chunk);
        n += 1;
    }
    assert!(n >= 3, "{n} chunks for {} UTF-16 units", text.encode_utf16().count());
    assert_eq!(joined, text);

    // A patch that makes the list shorter leaves no chunk of the longer one.
    for c in &list.clients[..190] {
        store.set_deleted(c.id, true).await.unwrap();
    }
    assert_eq!(assert_stored_list_follows(&store, "shorter").await.len(), 10);
    assert_eq!(store.meta(&format!("client_list/{:04}", n - 1)).await.unwrap(), None);
}
