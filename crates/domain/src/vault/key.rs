//! The data key and the sealed form of a stored value.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use zeroize::Zeroizing;

pub const KEY_BYTES: usize = 32;
pub const NONCE_BYTES: usize = 12;
/// Starts every sealed value. No JSON text starts with it, so a value stored
/// by an app version before encryption (plain JSON) is told apart and can be
/// sealed in place.
pub const SEALED_PREFIX: &str = "e1:";

/// The key every stored value is sealed with. Random, made once per device;
/// wiped from memory when dropped (the app drops it on lock).
pub struct DataKey(Zeroizing<[u8; KEY_BYTES]>);

/// A key derived from a passcode or a backup password, used only to wrap or
/// unwrap a [`DataKey`] or to seal a backup.
pub struct PasscodeKey(Zeroizing<[u8; KEY_BYTES]>);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenError {
    #[error("the value is not sealed")]
    NotSealed,
    /// Damaged, sealed under another key, or moved from the place it was
    /// sealed for: AES-GCM tells none of these apart, by design.
    #[error("the sealed value does not open with this key here")]
    Rejected,
}

// Keys never print, not even in a debug log.
impl std::fmt::Debug for DataKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("DataKey(…)")
    }
}

impl std::fmt::Debug for PasscodeKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PasscodeKey(…)")
    }
}

impl DataKey {
    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> Self {
        DataKey(Zeroizing::new(bytes))
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }

    /// Seals `plaintext` for `context` (the store and key it is written
    /// under): the result opens only with this key and the same context, so
    /// a value copied to another record's place does not read there.
    /// `nonce` must be fresh random bytes for every call.
    pub fn seal(&self, context: &str, plaintext: &str, nonce: [u8; NONCE_BYTES]) -> String {
        let sealed = seal_bytes(&self.0, context.as_bytes(), plaintext.as_bytes(), nonce);
        format!("{SEALED_PREFIX}{}", B64.encode(sealed))
    }

    /// Opens what [`DataKey::seal`] made for the same `context`.
    pub fn open(&self, context: &str, stored: &str) -> Result<String, OpenError> {
        let encoded = stored.strip_prefix(SEALED_PREFIX).ok_or(OpenError::NotSealed)?;
        let sealed = B64.decode(encoded).map_err(|_| OpenError::Rejected)?;
        let plain = open_bytes(&self.0, context.as_bytes(), &sealed)?;
        String::from_utf8(plain.to_vec()).map_err(|_| OpenError::Rejected)
    }
}

impl PasscodeKey {
    /// The 32 bytes a key derivation gave.
    pub fn from_bytes(bytes: [u8; KEY_BYTES]) -> Self {
        PasscodeKey(Zeroizing::new(bytes))
    }

    pub(crate) fn bytes(&self) -> &[u8; KEY_BYTES] {
        &self.0
    }
}

/// Whether a stored value is sealed (or plain JSON from before encryption).
pub fn is_sealed(stored: &str) -> bool {
    stored.starts_with(SEALED_PREFIX)
}

/// `nonce ‖ ciphertext ‖ tag`.
pub(crate) fn seal_bytes(key: &[u8; KEY_BYTES], aad: &[u8], msg: &[u8], nonce: [u8; NONCE_BYTES]) -> Vec<u8> {
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key));
    let ciphertext = cipher
        .encrypt(Nonce::from_slice(&nonce), Payload { msg, aad })
        // Fails only for messages beyond 64 GB.
        .expect("AES-GCM seals any stored value");
    let mut out = Vec::with_capacity(NONCE_BYTES + ciphertext.len());
    out.extend_from_slice(&nonce);
    out.extend_from_slice(&ciphertext);
    out
}

pub(crate) fn open_bytes(key: &[u8; KEY_BYTES], aad: &[u8], sealed: &[u8]) -> Result<Zeroizing<Vec<u8>>, OpenError> {
    if sealed.len() < NONCE_BYTES + 16 {
        return Err(OpenError::Rejected);
    }
    let (nonce, ciphertext) = sealed.split_at(NONCE_BYTES);
    let cipher = Aes256Gcm::new(Key::<Aes256Gcm>::from_slice(key));
    cipher
        .decrypt(Nonce::from_slice(nonce), Payload { msg: ciphertext, aad })
        .map(Zeroizing::new)
        .map_err(|_| OpenError::Rejected)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(b: u8) -> DataKey {
        DataKey::from_bytes([b; KEY_BYTES])
    }

    #[test]
    fn a_sealed_value_opens_with_its_key_and_context() {
        let sealed = key(1).seal("records/a", r#"{"name":"山田 太郎"}"#, [7; NONCE_BYTES]);
        assert!(is_sealed(&sealed));
        assert!(!sealed.contains("山田"));
        assert_eq!(key(1).open("records/a", &sealed).unwrap(), r#"{"name":"山田 太郎"}"#);
    }

    #[test]
    fn another_key_another_context_or_a_changed_byte_is_refused() {
        let sealed = key(1).seal("records/a", "secret", [7; NONCE_BYTES]);
        assert_eq!(key(2).open("records/a", &sealed), Err(OpenError::Rejected));
        assert_eq!(key(1).open("records/b", &sealed), Err(OpenError::Rejected));
        let mut bytes = B64.decode(&sealed[SEALED_PREFIX.len()..]).unwrap();
        let last = bytes.len() - 1;
        bytes[last] ^= 1;
        let tampered = format!("{SEALED_PREFIX}{}", B64.encode(bytes));
        assert_eq!(key(1).open("records/a", &tampered), Err(OpenError::Rejected));
        assert_eq!(key(1).open("records/a", "e1:AAAA"), Err(OpenError::Rejected));
        assert_eq!(key(1).open("records/a", "e1:not base64!"), Err(OpenError::Rejected));
    }

    #[test]
    fn plain_json_from_before_encryption_is_told_apart() {
        assert!(!is_sealed(r#"{"id":"x"}"#));
        assert_eq!(key(1).open("records/a", r#"{"id":"x"}"#), Err(OpenError::NotSealed));
    }

    #[test]
    fn a_fresh_nonce_gives_a_different_sealed_text_for_the_same_value() {
        let a = key(1).seal("c", "same", [1; NONCE_BYTES]);
        let b = key(1).seal("c", "same", [2; NONCE_BYTES]);
        assert_ne!(a, b);
    }

    #[test]
    fn keys_do_not_print() {
        assert_eq!(format!("{:?}", key(9)), "DataKey(…)");
        assert_eq!(format!("{:?}", PasscodeKey::from_bytes([9; KEY_BYTES])), "PasscodeKey(…)");
    }
}
