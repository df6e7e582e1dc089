//! What encryption at rest costs where a user waits, in headless Chromium
//! (`./dev bench`; prints figures, asserts nothing):
//! - unlocking: the passcode's key derivation (PBKDF2, 600,000 rounds) and
//!   unwrapping the data key;
//! - the start of the client list with 2,000 clients: reading the stored
//!   list and decoding it, plain and sealed;
//! - a first sync of 10,000 records: taking in pulled changes, plain and
//!   sealed, in pages of 500 as the server sends them.
#![cfg(target_arch = "wasm32")]
#![no_main]

use renkei::store::{schema, Store};
use renkei::vault::device;
use renkei::vault::{keyring, random_bytes};
use renkei_domain::sync::{Change, Clock, RecordState, DELETED_FIELD};
use renkei_domain::vault::DataKey;
use renkei_domain::{BackupFile, Client, RecordKind};
use std::time::Duration;
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const PASSCODE: &str = "583917";
const CLIENTS: usize = 2_000;
const SYNCED: usize = 10_000;
const PAGE: usize = 500;

/// Ten samples, each of at least one run: a first sync of 10,000 records
/// takes seconds, and the figures are medians to compare, not a fine
/// statistic.
fn few_samples(c: &mut Criterion) {
    *c = std::mem::take(c)
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(5));
}

async fn fresh() -> Store {
    Store::open(&format!("renkei-bench-{}", Uuid::new_v4()), schema::CURRENT_VERSION).await.unwrap()
}

async fn sealed(yes: bool) {
    if yes {
        keyring::unlock_with(DataKey::from_bytes(random_bytes().unwrap())).await;
    } else {
        keyring::forget();
    }
}

fn client(i: usize) -> Client {
    Client {
        name: format!("利用者 {i:04}"),
        kana: format!("りようしゃ {i:04}"),
        wishes_self: "一人暮らしを続けたい。週に一度は外出したい。".repeat(3),
        ..Default::default()
    }
}

fn backup_of_clients(n: usize) -> BackupFile {
    let now = chrono::Utc::now().to_rfc3339();
    let records: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "kind": "client", "id": Uuid::new_v4(), "office_id": null,
                "created_at": now, "created_by": "bench", "updated_at": now, "updated_by": "bench",
                "rev": 1, "deleted": false, "data": client(i),
            })
        })
        .collect();
    let text = serde_json::json!({ "format": "renkei-backup", "version": 1, "exported_at": now, "records": records });
    BackupFile::parse(&text.to_string()).unwrap()
}

fn pulled_changes(n: usize) -> Vec<Change> {
    let mut clock = Clock::new("device-office");
    (0..n)
        .map(|i| {
            let id = Uuid::new_v4();
            let mut fields = serde_json::to_value(client(i)).unwrap().as_object().unwrap().clone();
            fields.insert(DELETED_FIELD.into(), false.into());
            let writes =
                RecordState::new(id, RecordKind::Client).edit_from(None, &fields, &mut clock, 1_750_000_000_000);
            Change {
                device_id: "device-office".into(),
                seq: i as u64 + 1,
                record_id: id,
                kind: RecordKind::Client,
                writes,
                author: None,
            }
        })
        .collect()
}

#[wasm_bindgen_bench]
async fn unlock(c: &mut Criterion) {
    few_samples(c);
    keyring::forget();
    let store = fresh().await;
    device::set_up_on(&store, PASSCODE).await.unwrap();
    c.bench_async_function("unlock: derive the passcode's key and unwrap the data key", move |b| {
        let store = store.clone();
        Box::pin(b.iter_future(move || {
            let store = store.clone();
            async move {
                keyring::lock();
                assert_eq!(device::unlock_on(&store, PASSCODE).await.unwrap(), device::Unlocked::Opened);
            }
        }))
    })
    .await;
}

#[wasm_bindgen_bench]
async fn client_list_start(c: &mut Criterion) {
    few_samples(c);
    for seal in [false, true] {
        sealed(seal).await;
        let store = fresh().await;
        store.import_backup(backup_of_clients(CLIENTS)).await.unwrap();
        store.client_list().await.unwrap();
        let label = if seal { "sealed" } else { "plain" };
        c.bench_async_function(&format!("client list of {CLIENTS}: read and decode ({label})"), move |b| {
            let store = store.clone();
            Box::pin(b.iter_future(move || {
                let store = store.clone();
                async move { store.client_list().await.unwrap().clients.len() }
            }))
        })
        .await;
    }
}

#[wasm_bindgen_bench]
async fn first_sync(c: &mut Criterion) {
    few_samples(c);
    let changes = std::rc::Rc::new(pulled_changes(SYNCED));
    for seal in [false, true] {
        sealed(seal).await;
        let label = if seal { "sealed" } else { "plain" };
        let changes = changes.clone();
        c.bench_async_function(&format!("first sync of {SYNCED} records ({label})"), move |b| {
            let changes = changes.clone();
            Box::pin(b.iter_custom_future(move |iters| {
                let changes = changes.clone();
                async move {
                    let mut total = Duration::ZERO;
                    for _ in 0..iters {
                        // Each run starts from an empty device; opening it is not timed.
                        let store = fresh().await;
                        let start = Instant::now();
                        for (n, page) in changes.chunks(PAGE).enumerate() {
                            let incoming: Vec<_> = page.iter().cloned().map(Into::into).collect();
                            store.apply_remote(&incoming, &[], &[], (n + 1) as i64, None).await.unwrap();
                        }
                        total += start.elapsed();
                    }
                    total
                }
            }))
        })
        .await;
    }
}
