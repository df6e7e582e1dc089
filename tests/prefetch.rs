//! The client list index.html reads while the app loads is taken once by
//! the first page, only while current and while this tab has written
//! nothing; otherwise the list comes from the store.
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use renkei::store::{client_list_at_start, schema, Store};
use renkei_domain::{AnyRecord, Client, ClientList, Record, RecordKind, RecordMeta};
use uuid::Uuid;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn record(name: &str) -> Record<Client> {
    let now = Utc.timestamp_opt(1_750_000_000, 0).unwrap();
    Record {
        meta: RecordMeta::new(Uuid::new_v4(), "device-test", now),
        data: Client { name: name.into(), kana: "さきよみ".into(), ..Default::default() },
    }
}

/// What index.html leaves for the app: a promise of the stored text.
fn leave_prefetched(text: Option<&str>) {
    let value = text.map_or(JsValue::NULL, JsValue::from_str);
    let promise = js_sys::Promise::resolve(&value);
    js_sys::Reflect::set(&web_sys::window().unwrap(), &"__renkeiClientList".into(), &promise).unwrap();
}

fn names(list: &ClientList) -> Vec<String> {
    list.clients.iter().map(|c| c.name.clone()).collect()
}

#[wasm_bindgen_test]
async fn the_list_read_at_load_is_taken_once_and_only_while_current() {
    let any = AnyRecord::from_typed(RecordKind::Client, &record("先読み 太郎")).unwrap();
    let read_at_load = serde_json::to_string(&ClientList::build(&[any])).unwrap();

    leave_prefetched(Some(&read_at_load));
    assert_eq!(names(&client_list_at_start().await.unwrap()), ["先読み 太郎"]);
    // Taken: the next call reads the store (this browser's own database).
    let from_store = client_list_at_start().await.unwrap();
    assert!(!names(&from_store).contains(&"先読み 太郎".to_owned()));

    // A list in an older format, or nothing stored yet: read from the store.
    leave_prefetched(Some(r#"{"v":0,"clients":[]}"#));
    assert_eq!(client_list_at_start().await.unwrap(), from_store);
    leave_prefetched(None);
    assert_eq!(client_list_at_start().await.unwrap(), from_store);

    // Once this tab has written a client, what was read at load is old.
    let other = Store::open(&format!("renkei-test-{}", Uuid::new_v4()), schema::CURRENT_VERSION).await.unwrap();
    other.client_list().await.unwrap();
    other.save(RecordKind::Client, &record("後から 花子")).await.unwrap();
    leave_prefetched(Some(&read_at_load));
    assert_eq!(client_list_at_start().await.unwrap(), from_store);
}
