//! 端末内の暗号化: what keeps a lost phone from revealing anything.
//!
//! Everything personal the app keeps on a device is sealed with AES-256-GCM
//! under one random data key ([`DataKey`]). The device stores that key only
//! wrapped ([`WrappedKey`]) under a key derived from the staff member's
//! passcode ([`PasscodeKey`]), so the stored bytes say nothing without the
//! passcode, and changing the passcode re-wraps the key without touching the
//! data. The same sealing protects an exported backup file under a password
//! of its own ([`SealedBackup`]).
//!
//! The key derivation (PBKDF2-SHA256) runs in the browser's own WebCrypto:
//! native speed, off the page's thread, and no code in the app's download.
//! This module takes its output, so every rule here is tested natively.

mod attempts;
mod backup;
mod key;
mod passcode;
mod wrap;

pub use attempts::{AfterWrong, WrongAttempts, MAX_WRONG, WARN_WHEN_LEFT};
pub use backup::{SealedBackup, SealedBackupError, SEALED_BACKUP_FORMAT, SEALED_BACKUP_VERSION};
pub use key::{is_sealed, DataKey, OpenError, PasscodeKey, KEY_BYTES, NONCE_BYTES, SEALED_PREFIX};
pub use passcode::{
    check_backup_password, check_passcode, normalize_passcode, PasscodeProblem, MIN_BACKUP_PASSWORD_CHARS, MIN_DIGITS,
    MIN_PHRASE_CHARS,
};
pub use wrap::{KdfParams, KdfProblem, WrappedKey, WrongPasscode, KDF_PBKDF2_SHA256, PBKDF2_ITERATIONS, SALT_BYTES};
