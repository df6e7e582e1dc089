//! Who wrote what, in the IndexedDB store in a real headless Chromium: a
//! change made while signed in carries its author, a change from the server
//! carries the author the server names, and a 支援記録's corrections keep
//! the earlier wording with who wrote it.
#![cfg(target_arch = "wasm32")]

use chrono::Utc;
use renkei::store::schema;
use renkei::store::{Incoming, Store};
use renkei_domain::sync::{Author, Change, Clock, Role, SignInResponse, StaffInfo};
use renkei_domain::visit_note::VisitNote;
use renkei_domain::{Record, RecordKind, RecordMeta};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn session(staff: Uuid, name: &str) -> SignInResponse {
    SignInResponse {
        token: "token".into(),
        expires_at: Utc::now() + chrono::Duration::days(30),
        staff: StaffInfo {
            id: staff,
            office_id: Uuid::from_u128(77),
            office_name: "テスト事業所".into(),
            login: "yamada".into(),
            display_name: name.into(),
            role: Role::Staff,
            job_role: None,
            disabled: false,
        },
        device_key: None,
    }
}

#[wasm_bindgen_test]
async fn a_note_written_signed_in_names_its_author_and_a_correction_keeps_the_first_wording() {
    let store = Store::open(&format!("renkei-test-{}", Uuid::new_v4()), schema::CURRENT_VERSION).await.unwrap();
    let yamada = Uuid::new_v4();
    store.set_session(&session(yamada, "山田 花子")).await.unwrap();

    let id = Uuid::new_v4();
    let device = store.device_id().await.unwrap();
    let note = Record {
        meta: RecordMeta::new(id, &device, Utc::now()),
        data: VisitNote {
            id, client_id: Uuid::new_v4(), text: "作業は安定している。".into(), ..Default::default()
        },
    };
    store.save(RecordKind::VisitNote, &note).await.unwrap();

    let queued = store.outbox().await.unwrap();
    assert_eq!(queued[0].author, Some(yamada), "the change names who was signed in");
    let stored = store.record(id).await.unwrap().unwrap();
    assert_eq!(stored.meta.created_by, yamada.to_string());
    assert_eq!(stored.meta.created_by_name.as_deref(), Some("山田 花子"));

    // 佐藤 corrects the text on another device; the server names her.
    let sato = Author { id: Uuid::new_v4(), name: "佐藤 一郎".into() };
    let seen = store.merge_state(id).await.unwrap().unwrap();
    let mut data = seen.data();
    data.insert("text".into(), "作業は概ね安定している。".into());
    let mut clock = Clock::new("device-other");
    let correction = Change {
        device_id: "device-other".into(),
        seq: 1,
        record_id: id,
        kind: RecordKind::VisitNote,
        writes: seen.edit(&data, &mut clock, js_sys::Date::now() as i64 + 1_000),
        author: Some(sato.id),
    };
    store
        .apply_remote(&[Incoming { change: correction, author: Some(sato.clone()) }], &[], &[], 5, None)
        .await
        .unwrap();

    let stored = store.record(id).await.unwrap().unwrap();
    assert_eq!(stored.data["text"], "作業は概ね安定している。");
    assert_eq!(stored.meta.created_by_name.as_deref(), Some("山田 花子"));
    assert_eq!(stored.meta.updated_by_name.as_deref(), Some("佐藤 一郎"));
    let state = store.merge_state(id).await.unwrap().unwrap();
    let history: Vec<(String, String)> = state.fields["text"]
        .history()
        .iter()
        .map(|h| (h.value.as_str().unwrap().to_owned(), h.by.as_ref().unwrap().name.clone()))
        .collect();
    assert_eq!(
        history,
        vec![
            ("作業は安定している。".into(), "山田 花子".into()),
            ("作業は概ね安定している。".into(), "佐藤 一郎".into())
        ]
    );
}

#[wasm_bindgen_test]
async fn a_record_made_signed_out_has_no_author_name() {
    let store = Store::open(&format!("renkei-test-{}", Uuid::new_v4()), schema::CURRENT_VERSION).await.unwrap();
    let id = Uuid::new_v4();
    let device = store.device_id().await.unwrap();
    let note = Record {
        meta: RecordMeta::new(id, &device, Utc::now()),
        data: VisitNote { id, client_id: Uuid::new_v4(), text: "電話で確認。".into(), ..Default::default() },
    };
    store.save(RecordKind::VisitNote, &note).await.unwrap();
    assert_eq!(store.outbox().await.unwrap()[0].author, None);
    let stored = store.record(id).await.unwrap().unwrap();
    assert_eq!((stored.meta.created_by, stored.meta.created_by_name), (device, None));
}
