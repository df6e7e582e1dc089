//! Encryption on the device through the browser's WebCrypto
//! (wasm-bindgen-test in headless Chromium).
#![cfg(target_arch = "wasm32")]

use chrono::{TimeZone, Utc};
use renkei::store::{schema, Store};
use renkei::vault::{self, backup::OpenBackupError};
use renkei_domain::vault::{KdfParams, SealedBackup, SealedBackupError, SALT_BYTES};
use renkei_domain::{BackupFile, Client, Record, RecordKind, RecordMeta};
use uuid::Uuid;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn the_browser_derives_the_same_key_as_pbkdf2_sha256() {
    // Computed apart from the browser (PBKDF2-HMAC-SHA256, 100,000 rounds,
    // salt of sixteen 3s, passcode 246810).
    let expected = "4e4c978f62436f4794d17fd6136774bd040aebc2900ae8ba7a2456bd1c575a0b";
    let kdf = KdfParams { iterations: 100_000, ..KdfParams::pbkdf2([3; SALT_BYTES]) };
    let key = vault::derive("246810", &kdf).await.unwrap();
    // The key itself never prints; it shows by what it opens: a backup
    // sealed with the expected bytes opens with the derived key.
    let bytes: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&expected[2 * i..2 * i + 2], 16).unwrap()).collect();
    let reference = renkei_domain::vault::PasscodeKey::from_bytes(bytes.try_into().unwrap());
    let sealed = SealedBackup::seal("{}", &reference, kdf, [1; 12]);
    assert_eq!(sealed.open(&key).unwrap(), "{}");
    // Full-width digits typed with a Japanese input method are the same
    // passcode.
    let wide = vault::derive("２４６８１０", &sealed.kdf).await.unwrap();
    assert_eq!(sealed.open(&wide).unwrap(), "{}");
}

#[wasm_bindgen_test]
async fn unsound_parameters_are_refused_before_any_work() {
    let kdf = KdfParams { iterations: 5, ..KdfParams::pbkdf2([3; SALT_BYTES]) };
    assert!(matches!(vault::derive("246810", &kdf).await, Err(vault::KdfError::Parameters(_))));
}

#[wasm_bindgen_test]
async fn an_encrypted_export_imports_back_only_with_its_password() {
    let from = Store::open(&format!("renkei-test-{}", Uuid::new_v4()), schema::CURRENT_VERSION).await.unwrap();
    let now = Utc.timestamp_opt(1_750_000_000, 0).unwrap();
    let client = Record {
        meta: RecordMeta::new(Uuid::new_v4(), "device-test", now),
        data: Client { name: "暗号 化子".into(), kana: "あんごう かこ".into(), ..Default::default() },
    };
    from.save(RecordKind::Client, &client).await.unwrap();
    let text = vault::backup::seal(&from.export_backup().await.unwrap(), "夏の朝の道を歩く、犬と").await.unwrap();
    assert!(!text.contains("暗号 化子"));

    let file = SealedBackup::detect(&text).unwrap().expect("an encrypted backup");
    assert_eq!(
        vault::backup::open(&file, "夏の朝の道を歩く、猫と").await,
        Err(OpenBackupError::File(SealedBackupError::WrongPassword))
    );
    let json = vault::backup::open(&file, "夏の朝の道を歩く、犬と").await.unwrap();
    let to = Store::open(&format!("renkei-test-{}", Uuid::new_v4()), schema::CURRENT_VERSION).await.unwrap();
    to.import_backup(BackupFile::parse(&json).unwrap()).await.unwrap();
    assert_eq!(to.client(client.id()).await.unwrap().map(|c| c.data.name), Some("暗号 化子".to_owned()));
}
