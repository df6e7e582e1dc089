//! The sealing code itself (AES-GCM, the nonce, the encoding) in a wasm module
//! of its own. A device without a passcode never loads it, and a device with
//! one loads it while the unlock screen shows, so ホーム's first download does
//! not carry it.
//!
//! The store seals and opens inside IndexedDB transactions, which end at the
//! first await that is not an IndexedDB request. A split function's future
//! completes on its first poll once its module is loaded, so [`seal`] and
//! [`open`] are plain functions: [`load`] runs before a key is taken into use.
//!
//! Builds that are not split (the wasm tests) call the same code directly.

use super::keyring::SealError;
use renkei_domain::vault::{DataKey, KdfParams, OpenError, PasscodeKey, WrappedKey, WrongPasscode, NONCE_BYTES};

fn seal_here(key: &DataKey, place: &str, json: &str) -> Result<String, SealError> {
    let nonce: [u8; NONCE_BYTES] = super::random_bytes().map_err(|e| SealError::Rejected(e.to_string()))?;
    Ok(key.seal(place, json, nonce))
}

fn open_here(key: &DataKey, place: &str, stored: &str) -> Result<String, SealError> {
    key.open(place, stored).map_err(|e| match e {
        OpenError::NotSealed | OpenError::Rejected => SealError::Rejected(place.to_owned()),
    })
}

/// What unwrapping with a passcode's key gives.
pub type Unwrapped = Result<DataKey, WrongPasscode>;

fn wrap_here(data_key: &DataKey, passcode_key: &PasscodeKey, kdf: KdfParams) -> Result<WrappedKey, SealError> {
    let nonce: [u8; NONCE_BYTES] = super::random_bytes().map_err(|e| SealError::Rejected(e.to_string()))?;
    Ok(WrappedKey::wrap(data_key, passcode_key, kdf, nonce))
}

fn unwrap_here(wrapped: &WrappedKey, passcode_key: &PasscodeKey) -> Unwrapped {
    wrapped.unwrap(passcode_key)
}

#[cfg(feature = "split")]
mod split {
    use super::*;

    // Each split function has a loader of its own: both are loaded by
    // `load`, so that neither starts a load when called.
    #[leptos::wasm_split::wasm_split(vault_cipher, wasm_split_path = ::leptos::wasm_split, preload(#[doc(hidden)] preload_seal))]
    pub fn seal(key: &DataKey, place: &str, json: &str) -> Result<String, SealError> {
        seal_here(key, place, json)
    }

    #[leptos::wasm_split::wasm_split(vault_cipher, wasm_split_path = ::leptos::wasm_split, preload(#[doc(hidden)] preload_open))]
    pub fn open(key: &DataKey, place: &str, stored: &str) -> Result<String, SealError> {
        open_here(key, place, stored)
    }

    #[leptos::wasm_split::wasm_split(vault_cipher, wasm_split_path = ::leptos::wasm_split)]
    pub fn wrap(data_key: &DataKey, passcode_key: &PasscodeKey, kdf: KdfParams) -> Result<WrappedKey, SealError> {
        wrap_here(data_key, passcode_key, kdf)
    }

    #[leptos::wasm_split::wasm_split(vault_cipher, wasm_split_path = ::leptos::wasm_split)]
    pub fn unwrap(wrapped: &WrappedKey, passcode_key: &PasscodeKey) -> Unwrapped {
        unwrap_here(wrapped, passcode_key)
    }

    /// What a split function returns, if its module is loaded.
    pub fn at_once<T>(future: impl std::future::Future<Output = T>) -> Option<T> {
        use std::task::{Context, Poll, Waker};
        match std::pin::pin!(future).as_mut().poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(value) => Some(value),
            Poll::Pending => None,
        }
    }
}

/// Loads the sealing code; after this [`seal`] and [`open`] run at once.
pub async fn load() {
    #[cfg(feature = "split")]
    {
        split::preload_seal().await;
        split::preload_open().await;
    }
}

// Unreachable in practice (a key is set only after `load`); a write then
// fails as on a locked device and changes nothing.
#[cfg(feature = "split")]
pub fn seal(key: &DataKey, place: &str, json: &str) -> Result<String, SealError> {
    split::at_once(split::seal(key, place, json)).unwrap_or(Err(SealError::Locked))
}

#[cfg(feature = "split")]
pub fn open(key: &DataKey, place: &str, stored: &str) -> Result<String, SealError> {
    split::at_once(split::open(key, place, stored)).unwrap_or(Err(SealError::Locked))
}

#[cfg(not(feature = "split"))]
pub fn seal(key: &DataKey, place: &str, json: &str) -> Result<String, SealError> {
    seal_here(key, place, json)
}

#[cfg(not(feature = "split"))]
pub fn open(key: &DataKey, place: &str, stored: &str) -> Result<String, SealError> {
    open_here(key, place, stored)
}

/// The data key sealed under a passcode's key, with a fresh nonce.
pub async fn wrap(data_key: &DataKey, passcode_key: &PasscodeKey, kdf: KdfParams) -> Result<WrappedKey, SealError> {
    #[cfg(feature = "split")]
    return split::wrap(data_key, passcode_key, kdf).await;
    #[cfg(not(feature = "split"))]
    wrap_here(data_key, passcode_key, kdf)
}

pub async fn unwrap(wrapped: &WrappedKey, passcode_key: &PasscodeKey) -> Unwrapped {
    #[cfg(feature = "split")]
    return split::unwrap(wrapped, passcode_key).await;
    #[cfg(not(feature = "split"))]
    unwrap_here(wrapped, passcode_key)
}
