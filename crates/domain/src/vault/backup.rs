//! The encrypted backup file: a backup (`crate::backup::BackupFile` as JSON)
//! sealed under a password the user chooses when exporting.
//!
//! ```json
//! { "format": "renkei-backup-encrypted", "version": 1,
//!   "kdf": { "algorithm": "PBKDF2-SHA256", "iterations": 600000, "salt": "<16 bytes, base64>" },
//!   "cipher": "AES-256-GCM",
//!   "nonce": "<12 bytes, base64>",
//!   "ciphertext": "<the backup JSON sealed, with its 16-byte tag at the end, base64>" }
//! ```
//!
//! The key is PBKDF2-HMAC-SHA256 of the password (UTF-8, normalized as a
//! passcode is) with the salt and rounds given; the additional data of the
//! AES-GCM seal is `renkei-backup-encrypted/1`.

use super::key::{open_bytes, seal_bytes, PasscodeKey, NONCE_BYTES};
use super::wrap::{KdfParams, KdfProblem};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

pub const SEALED_BACKUP_FORMAT: &str = "renkei-backup-encrypted";
pub const SEALED_BACKUP_VERSION: u32 = 1;
const CIPHER: &str = "AES-256-GCM";
const CONTEXT: &[u8] = b"renkei-backup-encrypted/1";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedBackup {
    pub format: String,
    pub version: u32,
    pub kdf: KdfParams,
    pub cipher: String,
    pub nonce: String,
    pub ciphertext: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealedBackupError {
    #[error("made by a newer app (file version {0})")]
    NewerVersion(u32),
    #[error("the file is damaged: {0}")]
    Damaged(String),
    #[error("the password is wrong, or the file was changed")]
    WrongPassword,
}

impl From<KdfProblem> for SealedBackupError {
    fn from(problem: KdfProblem) -> Self {
        SealedBackupError::Damaged(problem.to_string())
    }
}

impl SealedBackup {
    /// Seals a backup's JSON under the key derived from the password with
    /// `kdf`.
    pub fn seal(backup_json: &str, key: &PasscodeKey, kdf: KdfParams, nonce: [u8; NONCE_BYTES]) -> SealedBackup {
        let sealed = seal_bytes(key.bytes(), CONTEXT, backup_json.as_bytes(), nonce);
        SealedBackup {
            format: SEALED_BACKUP_FORMAT.to_owned(),
            version: SEALED_BACKUP_VERSION,
            kdf,
            cipher: CIPHER.to_owned(),
            nonce: B64.encode(&sealed[..NONCE_BYTES]),
            ciphertext: B64.encode(&sealed[NONCE_BYTES..]),
        }
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("a sealed backup serializes")
    }

    /// `Ok(None)` when `text` is not an encrypted backup (a plain backup, or
    /// not ours: the plain reader says which); `Ok(Some)` once its header is
    /// sound, so the app can ask for the password and derive with its `kdf`.
    pub fn detect(text: &str) -> Result<Option<SealedBackup>, SealedBackupError> {
        let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { return Ok(None) };
        if value.get("format").and_then(|f| f.as_str()) != Some(SEALED_BACKUP_FORMAT) {
            return Ok(None);
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(SEALED_BACKUP_VERSION) => {}
            Some(v) if v > u64::from(SEALED_BACKUP_VERSION) => {
                return Err(SealedBackupError::NewerVersion(u32::try_from(v).unwrap_or(u32::MAX)))
            }
            _ => return Err(SealedBackupError::Damaged("version".into())),
        }
        let sealed: SealedBackup =
            serde_json::from_value(value).map_err(|e| SealedBackupError::Damaged(e.to_string()))?;
        if sealed.cipher != CIPHER {
            return Err(SealedBackupError::Damaged(format!("unknown cipher {}", sealed.cipher)));
        }
        sealed.kdf.checked_salt()?;
        Ok(Some(sealed))
    }

    /// The backup's JSON, with the key derived from the password.
    pub fn open(&self, key: &PasscodeKey) -> Result<String, SealedBackupError> {
        let damaged = |what: &str| SealedBackupError::Damaged(what.to_owned());
        let mut sealed = B64.decode(&self.nonce).map_err(|_| damaged("nonce"))?;
        if sealed.len() != NONCE_BYTES {
            return Err(damaged("nonce"));
        }
        sealed.extend(B64.decode(&self.ciphertext).map_err(|_| damaged("ciphertext"))?);
        let plain = open_bytes(key.bytes(), CONTEXT, &sealed).map_err(|_| SealedBackupError::WrongPassword)?;
        String::from_utf8(plain.to_vec()).map_err(|_| damaged("not UTF-8"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::wrap::tests::{derive, quick};
    use crate::vault::SALT_BYTES;

    /// The fewest rounds a file may name (the header check refuses fewer).
    fn kdf() -> KdfParams {
        KdfParams { iterations: 100_000, ..KdfParams::pbkdf2([8; SALT_BYTES]) }
    }

    #[test]
    fn an_encrypted_backup_opens_only_with_its_password() {
        let json = r#"{"format":"renkei-backup","version":1,"records":[{"name":"山田 花子"}]}"#;
        let file = SealedBackup::seal(json, &derive("correct horse", &kdf()), kdf(), [2; NONCE_BYTES]).to_json();
        assert!(!file.contains("山田"));
        let found = SealedBackup::detect(&file).unwrap().expect("detected as encrypted");
        assert_eq!(found.kdf, kdf());
        assert_eq!(found.open(&derive("wrong horse", &found.kdf)), Err(SealedBackupError::WrongPassword));
        assert_eq!(found.open(&derive("correct horse", &found.kdf)).unwrap(), json);
    }

    #[test]
    fn a_plain_backup_or_other_json_is_not_taken_for_an_encrypted_one() {
        assert_eq!(SealedBackup::detect(r#"{"format":"renkei-backup","version":1}"#), Ok(None));
        assert_eq!(SealedBackup::detect("not json"), Ok(None));
    }

    #[test]
    fn a_changed_header_or_ciphertext_fails_cleanly() {
        let sealed = SealedBackup::seal("{}", &derive("pw pw pw pw", &quick(8)), kdf(), [2; NONCE_BYTES]);
        let newer = serde_json::to_string(&SealedBackup { version: 2, ..sealed.clone() }).unwrap();
        assert_eq!(SealedBackup::detect(&newer), Err(SealedBackupError::NewerVersion(2)));
        let weak = SealedBackup { kdf: KdfParams { iterations: 10, ..kdf() }, ..sealed.clone() };
        assert!(matches!(SealedBackup::detect(&weak.to_json()), Err(SealedBackupError::Damaged(_))));
        let other = SealedBackup { cipher: "ROT13".into(), ..sealed.clone() };
        assert!(matches!(SealedBackup::detect(&other.to_json()), Err(SealedBackupError::Damaged(_))));
        let mut bytes = B64.decode(&sealed.ciphertext).unwrap();
        bytes[0] ^= 0x80;
        let changed = SealedBackup { ciphertext: B64.encode(bytes), ..sealed.clone() };
        assert!(sealed.open(&derive("pw pw pw pw", &quick(8))).is_ok());
        assert_eq!(changed.open(&derive("pw pw pw pw", &quick(8))), Err(SealedBackupError::WrongPassword));
    }
}
