//! The data key as the device stores it: wrapped under the passcode's key,
//! with the parameters that derive that key from the passcode.

use super::key::{open_bytes, seal_bytes, DataKey, PasscodeKey, KEY_BYTES, NONCE_BYTES};
use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The one key derivation in use: PBKDF2 with HMAC-SHA256.
pub const KDF_PBKDF2_SHA256: &str = "PBKDF2-SHA256";
/// 600,000 rounds: the figure current guidance gives for PBKDF2-SHA256;
/// about a quarter of a second on a laptop, under a second on a mid-range
/// phone, paid once per unlock.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
pub const SALT_BYTES: usize = 16;
/// Stored or imported parameters outside these bounds are refused: fewer
/// rounds would make guessing cheap, more would hang the device.
const MIN_ITERATIONS: u32 = 100_000;
const MAX_ITERATIONS: u32 = 10_000_000;
/// What the wrapped key is sealed for, so no other sealed value can stand in.
const WRAP_CONTEXT: &[u8] = b"renkei/data-key/v1";
const WRAPPED_KEY_VERSION: u32 = 1;

/// How a key is derived from a passcode or password.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub algorithm: String,
    pub iterations: u32,
    /// Random bytes, base64.
    pub salt: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the passcode is not the one the key was wrapped with")]
pub struct WrongPasscode;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KdfProblem {
    #[error("unknown key derivation {0}")]
    UnknownAlgorithm(String),
    #[error("{0} rounds is outside the accepted range")]
    Iterations(u32),
    #[error("the salt is not {SALT_BYTES} bytes of base64")]
    Salt,
}

impl KdfParams {
    /// Today's parameters with a fresh random salt.
    pub fn pbkdf2(salt: [u8; SALT_BYTES]) -> Self {
        KdfParams { algorithm: KDF_PBKDF2_SHA256.to_owned(), iterations: PBKDF2_ITERATIONS, salt: B64.encode(salt) }
    }

    /// The salt's bytes, once the parameters are known to be sound.
    pub fn checked_salt(&self) -> Result<[u8; SALT_BYTES], KdfProblem> {
        if self.algorithm != KDF_PBKDF2_SHA256 {
            return Err(KdfProblem::UnknownAlgorithm(self.algorithm.clone()));
        }
        if !(MIN_ITERATIONS..=MAX_ITERATIONS).contains(&self.iterations) {
            return Err(KdfProblem::Iterations(self.iterations));
        }
        B64.decode(&self.salt).ok().and_then(|s| s.try_into().ok()).ok_or(KdfProblem::Salt)
    }
}

/// The data key sealed under a passcode's key, as stored on the device.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrappedKey {
    pub version: u32,
    pub kdf: KdfParams,
    /// `nonce ‖ ciphertext ‖ tag`, base64.
    pub key: String,
}

impl WrappedKey {
    pub fn wrap(data_key: &DataKey, passcode_key: &PasscodeKey, kdf: KdfParams, nonce: [u8; NONCE_BYTES]) -> Self {
        let sealed = seal_bytes(passcode_key.bytes(), WRAP_CONTEXT, data_key.bytes(), nonce);
        WrappedKey { version: WRAPPED_KEY_VERSION, kdf, key: B64.encode(sealed) }
    }

    pub fn unwrap(&self, passcode_key: &PasscodeKey) -> Result<DataKey, WrongPasscode> {
        let sealed = B64.decode(&self.key).map_err(|_| WrongPasscode)?;
        let plain = open_bytes(passcode_key.bytes(), WRAP_CONTEXT, &sealed).map_err(|_| WrongPasscode)?;
        let bytes: [u8; KEY_BYTES] = plain.as_slice().try_into().map_err(|_| WrongPasscode)?;
        Ok(DataKey::from_bytes(bytes))
    }

    /// The same data key under a new passcode: the data stays as it is.
    pub fn rewrap(
        &self,
        old: &PasscodeKey,
        new: &PasscodeKey,
        kdf: KdfParams,
        nonce: [u8; NONCE_BYTES],
    ) -> Result<WrappedKey, WrongPasscode> {
        Ok(WrappedKey::wrap(&self.unwrap(old)?, new, kdf, nonce))
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// What the browser's WebCrypto computes; the app's wasm tests check the
    /// browser gives the same bytes for the same inputs.
    pub(crate) fn derive(passcode: &str, kdf: &KdfParams) -> PasscodeKey {
        let salt = B64.decode(&kdf.salt).unwrap();
        let mut out = [0u8; KEY_BYTES];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(passcode.as_bytes(), &salt, kdf.iterations, &mut out);
        PasscodeKey::from_bytes(out)
    }

    #[test]
    fn pbkdf2_sha256_matches_the_published_test_vector() {
        let mut out = [0u8; 32];
        pbkdf2::pbkdf2_hmac::<sha2::Sha256>(b"password", b"salt", 1, &mut out);
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    }

    /// Few rounds: wrapping does not depend on the count, and unoptimised
    /// test builds take seconds for a real one.
    pub(crate) fn quick(salt: u8) -> KdfParams {
        KdfParams { iterations: 1_000, ..KdfParams::pbkdf2([salt; SALT_BYTES]) }
    }

    #[test]
    fn the_data_key_unwraps_with_the_passcode_only_and_survives_a_passcode_change() {
        let kdf = quick(3);
        let data = DataKey::from_bytes([42; KEY_BYTES]);
        let sealed = data.seal("records/x", "記録", [1; NONCE_BYTES]);
        let wrapped = WrappedKey::wrap(&data, &derive("246810", &kdf), kdf.clone(), [5; NONCE_BYTES]);
        assert!(!wrapped.key.contains(&B64.encode([42u8; KEY_BYTES])));
        // Through JSON, as the device stores it.
        let stored: WrappedKey = serde_json::from_str(&serde_json::to_string(&wrapped).unwrap()).unwrap();
        assert_eq!(stored.unwrap(&derive("246811", &kdf)).unwrap_err(), WrongPasscode);
        let again = stored.unwrap(&derive("246810", &kdf)).unwrap();
        assert_eq!(again.open("records/x", &sealed).unwrap(), "記録");

        let new_kdf = quick(4);
        let changed = stored
            .rewrap(&derive("246810", &kdf), &derive("夏の朝に歩く道", &new_kdf), new_kdf.clone(), [6; NONCE_BYTES])
            .unwrap();
        assert_eq!(changed.unwrap(&derive("246810", &new_kdf)).unwrap_err(), WrongPasscode);
        let after = changed.unwrap(&derive("夏の朝に歩く道", &new_kdf)).unwrap();
        assert_eq!(after.open("records/x", &sealed).unwrap(), "記録");
        assert_eq!(
            stored.rewrap(&derive("000000", &kdf), &derive("x", &new_kdf), new_kdf, [7; NONCE_BYTES]),
            Err(WrongPasscode)
        );
    }

    #[test]
    fn unsound_parameters_are_refused() {
        let good = KdfParams::pbkdf2([9; SALT_BYTES]);
        assert_eq!(good.checked_salt(), Ok([9; SALT_BYTES]));
        let weak = KdfParams { iterations: 1_000, ..good.clone() };
        assert_eq!(weak.checked_salt(), Err(KdfProblem::Iterations(1_000)));
        let hanging = KdfParams { iterations: u32::MAX, ..good.clone() };
        assert_eq!(hanging.checked_salt(), Err(KdfProblem::Iterations(u32::MAX)));
        let other = KdfParams { algorithm: "MD5".into(), ..good.clone() };
        assert_eq!(other.checked_salt(), Err(KdfProblem::UnknownAlgorithm("MD5".into())));
        let short = KdfParams { salt: B64.encode([1u8; 4]), ..good };
        assert_eq!(short.checked_salt(), Err(KdfProblem::Salt));
    }
}
