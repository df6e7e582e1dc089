//! Key derivation and randomness through WebCrypto.

use renkei_domain::vault::{normalize_passcode, KdfParams, PasscodeKey, KEY_BYTES};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KdfError {
    /// Stored or imported parameters this app does not accept.
    #[error("unsound key derivation parameters: {0}")]
    Parameters(String),
    /// WebCrypto is missing (a page not served over HTTPS or localhost) or
    /// refused.
    #[error("the browser's cryptography failed: {0}")]
    Browser(String),
}

fn crypto() -> Result<web_sys::Crypto, KdfError> {
    web_sys::window().ok_or_else(|| KdfError::Browser("no window".into()))?.crypto().map_err(browser)
}

fn browser(e: JsValue) -> KdfError {
    KdfError::Browser(
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "unknown".into()),
    )
}

/// `N` bytes from the browser's cryptographic random source.
pub fn random_bytes<const N: usize>() -> Result<[u8; N], KdfError> {
    let mut bytes = [0u8; N];
    crypto()?.get_random_values_with_u8_array(&mut bytes).map_err(browser)?;
    Ok(bytes)
}

/// The key a passcode or password gives with `kdf` (PBKDF2-HMAC-SHA256 of
/// the normalized passcode).
pub async fn derive(passcode: &str, kdf: &KdfParams) -> Result<PasscodeKey, KdfError> {
    let salt = kdf.checked_salt().map_err(|e| KdfError::Parameters(e.to_string()))?;
    let subtle = crypto()?.subtle();
    let secret = js_sys::Uint8Array::from(normalize_passcode(passcode).as_bytes());
    let usages = js_sys::Array::of1(&"deriveBits".into());
    let base = JsFuture::from(subtle.import_key_with_str("raw", &secret, "PBKDF2", false, &usages).map_err(browser)?)
        .await
        .map_err(browser)?;
    // The passcode's bytes do not stay in the page's memory longer than needed.
    secret.fill(0, 0, secret.length());
    let params =
        web_sys::Pbkdf2Params::new("PBKDF2", &"SHA-256".into(), kdf.iterations, &js_sys::Uint8Array::from(&salt[..]));
    let bits = JsFuture::from(
        subtle.derive_bits_with_object(&params, base.unchecked_ref(), (KEY_BYTES * 8) as u32).map_err(browser)?,
    )
    .await
    .map_err(browser)?;
    let view = js_sys::Uint8Array::new(&bits);
    let mut key = [0u8; KEY_BYTES];
    view.copy_to(&mut key);
    view.fill(0, 0, view.length());
    Ok(PasscodeKey::from_bytes(key))
}
