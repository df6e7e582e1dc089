//! Values sealed at rest, in the IndexedDB store in a real headless
//! Chromium: once the device has its data key, nothing personal is readable
//! in any object store or in the localStorage stash, everything reads back
//! through the store, and a locked device neither reads nor writes; the
//! passcode set-up seals what was stored before, and only the passcode
//! opens the device again.
#![cfg(target_arch = "wasm32")]

use chrono::Utc;
use renkei::store::{schema, Store, StoreError};
use renkei::vault::device::{self, Unlocked};
use renkei::vault::{keyring, random_bytes};
use renkei_domain::sync::{Role, SignInResponse, StaffInfo};
use renkei_domain::vault::DataKey;
use renkei_domain::{Client, Record, RecordKind, RecordMeta};
use uuid::Uuid;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
export async function dumpDatabase(name) {
  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open(name);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const parts = [];
  for (const store of db.objectStoreNames) {
    const values = await new Promise((resolve, reject) => {
      const all = db.transaction(store).objectStore(store).getAll();
      all.onsuccess = () => resolve(all.result);
      all.onerror = () => reject(all.error);
    });
    parts.push(store + ":" + JSON.stringify(values));
  }
  db.close();
  return parts.join("\n");
}
export function dumpLocalStorage() {
  return JSON.stringify(Object.fromEntries(Object.entries(localStorage)));
}
"#)]
extern "C" {
    async fn dumpDatabase(name: &str) -> JsValue;
    fn dumpLocalStorage() -> String;
}

async fn raw(name: &str) -> String {
    dumpDatabase(name).await.as_string().unwrap()
}

async fn unlock_fresh() {
    keyring::unlock_with(DataKey::from_bytes(random_bytes().unwrap())).await;
}

fn client(name: &str) -> Record<Client> {
    Record {
        meta: RecordMeta::new(Uuid::new_v4(), "device-test", Utc::now()),
        data: Client { name: name.into(), kana: "ふういん ひめこ".into(), ..Default::default() },
    }
}

fn session(name: &str) -> SignInResponse {
    SignInResponse {
        token: "secret-bearer-token-0123456789".into(),
        expires_at: Utc::now() + chrono::Duration::days(30),
        staff: StaffInfo {
            id: Uuid::new_v4(),
            office_id: Uuid::from_u128(77),
            office_name: "テスト事業所".into(),
            login: "fuuin".into(),
            display_name: name.into(),
            role: Role::Staff,
            job_role: None,
            disabled: false,
        },
        device_key: None,
    }
}

#[wasm_bindgen_test]
async fn nothing_personal_is_readable_in_any_store_and_everything_reads_back() {
    unlock_fresh().await;
    let name = format!("renkei-test-{}", Uuid::new_v4());
    let store = Store::open(&name, schema::CURRENT_VERSION).await.unwrap();
    store.set_session(&session("封印 担当者")).await.unwrap();
    let record = client("封印 姫子");
    // The record, its merge state, its outbox change and the client list.
    store.save(RecordKind::Client, &record).await.unwrap();
    store.client_list().await.unwrap();
    store.save_draft(RecordKind::Client, "draft-1", &serde_json::json!({ "name": "下書きの 秘密" })).await.unwrap();
    renkei::stash::put("stash-1", &serde_json::json!({ "text": "退避した 秘密" }));

    let dump = raw(&name).await;
    for secret in ["封印", "姫子", "ふういん", "下書きの", "担当者", "secret-bearer-token"] {
        assert!(!dump.contains(secret), "{secret} is readable in the database");
    }
    assert!(dump.contains(&record.meta.id.to_string()), "ids stay readable for the indexes");
    assert!(!dumpLocalStorage().contains("退避した"), "the stash is sealed");

    assert_eq!(store.client(record.meta.id).await.unwrap().map(|c| c.data.name), Some("封印 姫子".to_owned()));
    assert_eq!(store.client_list().await.unwrap().clients.len(), 1);
    assert_eq!(store.session().await.unwrap().unwrap().token, "secret-bearer-token-0123456789");
    assert_eq!(store.outbox().await.unwrap().len(), 1);
    assert!(store.merge_state(record.meta.id).await.unwrap().is_some());
    let draft = store.draft::<serde_json::Value>("draft-1").await.unwrap().unwrap();
    assert_eq!(draft.value["name"], "下書きの 秘密");
    let (_, stashed) = renkei::stash::get::<serde_json::Value>("stash-1").unwrap();
    assert_eq!(stashed["text"], "退避した 秘密");
    renkei::stash::remove("stash-1");
}

#[wasm_bindgen_test]
async fn a_locked_device_neither_reads_nor_writes_and_reads_again_once_unlocked() {
    let key = random_bytes().unwrap();
    keyring::unlock_with(DataKey::from_bytes(key)).await;
    let name = format!("renkei-test-{}", Uuid::new_v4());
    let store = Store::open(&name, schema::CURRENT_VERSION).await.unwrap();
    let record = client("施錠 花子");
    store.save(RecordKind::Client, &record).await.unwrap();
    let before = raw(&name).await;

    keyring::lock();
    assert_eq!(store.client(record.meta.id).await, Err(StoreError::Locked));
    assert_eq!(store.save(RecordKind::Client, &client("施錠中 次郎")).await, Err(StoreError::Locked));
    assert_eq!(raw(&name).await, before, "a write while locked changes nothing");
    renkei::stash::put("stash-locked", &"施錠中の入力");
    assert!(renkei::stash::get::<String>("stash-locked").is_none(), "nothing stashed in the clear while locked");

    // The same key (as unwrapped again from the passcode) reads it all.
    keyring::unlock_with(DataKey::from_bytes(key)).await;
    assert_eq!(store.client(record.meta.id).await.unwrap().map(|c| c.data.name), Some("施錠 花子".to_owned()));
    // Another key does not: the record is unreadable, not misread.
    unlock_fresh().await;
    assert!(matches!(store.client(record.meta.id).await, Err(StoreError::Corrupt(_))));
    assert!(store.clients().await.unwrap().is_empty(), "a list leaves out what does not open");
}

#[wasm_bindgen_test]
async fn values_stored_before_the_device_had_a_key_still_read_and_new_ones_are_sealed() {
    let name = format!("renkei-test-{}", Uuid::new_v4());
    let store = Store::open(&name, schema::CURRENT_VERSION).await.unwrap();
    // An earlier version, or a device without a passcode yet: plain JSON.
    keyring::forget();
    let old = client("平文 古子");
    store.save(RecordKind::Client, &old).await.unwrap();
    assert!(raw(&name).await.contains("平文 古子"));

    unlock_fresh().await;
    assert_eq!(store.client(old.meta.id).await.unwrap().map(|c| c.data.name), Some("平文 古子".to_owned()));
    let new = client("封印 新子");
    store.save(RecordKind::Client, &new).await.unwrap();
    let dump = raw(&name).await;
    assert!(!dump.contains("封印 新子"));
    let names: Vec<String> = store.clients().await.unwrap().into_iter().map(|c| c.data.name).collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

const PASSCODE: &str = "583917";

async fn fresh_plain_store() -> (String, Store) {
    // A device before its passcode: values are stored plain.
    keyring::forget();
    let name = format!("renkei-test-{}", Uuid::new_v4());
    (name.clone(), Store::open(&name, schema::CURRENT_VERSION).await.unwrap())
}

#[wasm_bindgen_test]
async fn setting_the_passcode_seals_what_was_stored_and_only_the_passcode_opens_it() {
    let (name, store) = fresh_plain_store().await;
    let old = client("移行 前子");
    store.save(RecordKind::Client, &old).await.unwrap();
    store.client_list().await.unwrap();
    store.set_session(&session("移行 担当者")).await.unwrap();
    renkei::stash::put("stash-before", &"移行前の 入力");
    assert!(raw(&name).await.contains("移行 前子"));

    device::set_up_on(&store, PASSCODE).await.unwrap();
    let dump = raw(&name).await;
    for secret in ["移行", "前子", "担当者", "secret-bearer-token"] {
        assert!(!dump.contains(secret), "{secret} is still readable after set-up");
    }
    assert!(!dumpLocalStorage().contains("移行前の"), "the stash was sealed too");
    assert!(!dump.contains(PASSCODE), "the passcode is stored nowhere");

    keyring::lock();
    assert_eq!(store.client(old.meta.id).await, Err(StoreError::Locked));
    // Full-width digits are the same passcode; a wrong one changes nothing.
    assert_eq!(device::unlock_on(&store, "583918").await.unwrap(), Unlocked::Wrong { left: 9, warn: false });
    assert_eq!(store.client(old.meta.id).await, Err(StoreError::Locked), "still locked");
    assert_eq!(device::unlock_on(&store, "５８３９１７").await.unwrap(), Unlocked::Opened);
    assert_eq!(store.wrong_attempts().await.unwrap().count, 0, "a right passcode clears the count");
    assert_eq!(store.client(old.meta.id).await.unwrap().map(|c| c.data.name), Some("移行 前子".to_owned()));
    assert_eq!(store.client_list().await.unwrap().clients.len(), 1, "the list is rebuilt, sealed");
    assert_eq!(store.session().await.unwrap().unwrap().staff.display_name, "移行 担当者");
    assert_eq!(renkei::stash::get::<String>("stash-before").map(|(_, v)| v), Some("移行前の 入力".to_owned()));
    renkei::stash::remove("stash-before");
}

#[wasm_bindgen_test]
async fn wrong_passcodes_are_counted_across_loads_and_warn_before_the_last_tries() {
    let (_, store) = fresh_plain_store().await;
    device::set_up_on(&store, PASSCODE).await.unwrap();
    keyring::lock();
    for n in 1..=8 {
        let left = 10 - n;
        assert_eq!(
            device::unlock_on(&store, "135792").await.unwrap(),
            Unlocked::Wrong { left, warn: left <= 3 },
            "try {n}"
        );
        // The count is stored: a reload does not reset it.
        assert_eq!(store.wrong_attempts().await.unwrap().count, n);
    }
    assert_eq!(device::unlock_on(&store, PASSCODE).await.unwrap(), Unlocked::Opened);
    assert_eq!(store.wrong_attempts().await.unwrap().count, 0);
}

#[wasm_bindgen_test]
async fn changing_the_passcode_keeps_the_data() {
    let (_, store) = fresh_plain_store().await;
    device::set_up_on(&store, PASSCODE).await.unwrap();
    let record = client("変更 後子");
    store.save(RecordKind::Client, &record).await.unwrap();
    let before = store.wrapped_key().await.unwrap().unwrap();

    assert_eq!(
        device::change_on(&store, "000000", "夏の朝の散歩道").await.unwrap(),
        Unlocked::Wrong { left: 9, warn: false }
    );
    assert_eq!(store.wrapped_key().await.unwrap().unwrap(), before, "a wrong current passcode changes nothing");
    assert_eq!(device::change_on(&store, PASSCODE, "夏の朝の散歩道").await.unwrap(), Unlocked::Opened);
    assert_ne!(store.wrapped_key().await.unwrap().unwrap().kdf.salt, before.kdf.salt, "a fresh salt");

    keyring::lock();
    assert_eq!(device::unlock_on(&store, PASSCODE).await.unwrap(), Unlocked::Wrong { left: 9, warn: false });
    assert_eq!(device::unlock_on(&store, "夏の朝の散歩道").await.unwrap(), Unlocked::Opened);
    assert_eq!(store.client(record.meta.id).await.unwrap().map(|c| c.data.name), Some("変更 後子".to_owned()));
}

#[wasm_bindgen_test]
async fn sealing_cut_short_after_the_key_was_stored_goes_on_at_the_next_unlock() {
    // The key of a set-up, on another database.
    let (_, other) = fresh_plain_store().await;
    device::set_up_on(&other, PASSCODE).await.unwrap();
    let wrapped = other.wrapped_key().await.unwrap().unwrap();

    // This device stored that key and then the tab closed: its values are
    // still plain, and its next start is locked.
    let (name, store) = fresh_plain_store().await;
    let old = client("途中 止子");
    store.save(RecordKind::Client, &old).await.unwrap();
    store.set_wrapped_key(&wrapped).await.unwrap();
    keyring::lock();
    assert!(raw(&name).await.contains("途中 止子"));

    assert_eq!(device::unlock_on(&store, PASSCODE).await.unwrap(), Unlocked::Opened);
    assert!(!raw(&name).await.contains("途中 止子"), "sealed at the unlock");
    assert!(store.sealed_everything().await.unwrap());
    assert_eq!(store.client(old.meta.id).await.unwrap().map(|c| c.data.name), Some("途中 止子".to_owned()));
}
