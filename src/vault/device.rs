//! This device's passcode: setting it (and sealing what was stored before),
//! unlocking, locking, changing it, and destroying the key after too many
//! wrong passcodes. The screens are in `crate::pages::vault`.

use super::{cipher, derive, keyring, random_bytes, KdfError};
use crate::store::{self, Store, StoreError};
use renkei_domain::vault::{AfterWrong, DataKey, KdfParams, WrongAttempts, KEY_BYTES, SALT_BYTES};

/// Where the device stands when the app starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Start {
    /// No passcode yet: the staff member sets one before anything else.
    SetUp,
    Locked,
}

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum VaultError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Browser(#[from] KdfError),
    #[error("the passcode could not be set: {0}")]
    Seal(String),
}

/// What a passcode typed at the unlock screen did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlocked {
    Opened,
    Wrong {
        left: u32,
        warn: bool,
    },
    /// That was the last try: the device erased its key and data.
    Destroyed,
}

/// Whether the device has a passcode, read before anything else of the
/// store. A device whose tries ran out while its page closed (the try is
/// counted before it is checked) erases itself now.
pub async fn start() -> Result<Start, VaultError> {
    let s = store::store().await?;
    if s.wrapped_key().await?.is_none() {
        return Ok(Start::SetUp);
    }
    if s.wrong_attempts().await?.left() == 0 {
        destroy().await;
        return Ok(Start::SetUp);
    }
    Ok(Start::Locked)
}

/// Sets the first passcode (already checked): a random data key wrapped
/// under it, then everything stored plain sealed with that key.
pub async fn set_up(passcode: &str) -> Result<(), VaultError> {
    set_up_on(&store::store().await?, passcode).await
}

pub async fn set_up_on(s: &Store, passcode: &str) -> Result<(), VaultError> {
    let kdf = KdfParams::pbkdf2(random_bytes::<SALT_BYTES>()?);
    let passcode_key = derive(passcode, &kdf).await?;
    let bytes = random_bytes::<KEY_BYTES>()?;
    let wrapped = cipher::wrap(&DataKey::from_bytes(bytes), &passcode_key, kdf)
        .await
        .map_err(|e| VaultError::Seal(e.to_string()))?;
    s.set_wrapped_key(&wrapped).await?;
    keyring::unlock_with(DataKey::from_bytes(bytes)).await;
    seal_what_is_plain(s).await
}

/// Seals what was stored before the device had a key. Run after set-up and
/// after every unlock until it has finished once (a page closed halfway
/// goes on from where it was).
async fn seal_what_is_plain(s: &Store) -> Result<(), VaultError> {
    if !s.sealed_everything().await? {
        s.seal_plain_values().await?;
        crate::stash::seal_plain();
        s.mark_sealed_everything().await?;
    }
    Ok(())
}

/// Tries `passcode`. The try is counted before it is checked, so closing the
/// page during the check gives no free guess.
pub async fn unlock(passcode: &str) -> Result<Unlocked, VaultError> {
    unlock_on(&store::store().await?, passcode).await
}

pub async fn unlock_on(s: &Store, passcode: &str) -> Result<Unlocked, VaultError> {
    let key = match try_passcode(s, passcode).await? {
        Ok(opened) => opened,
        Err(refused) => return Ok(refused),
    };
    keyring::unlock_with(key).await;
    seal_what_is_plain(s).await?;
    Ok(Unlocked::Opened)
}

/// The data key `passcode` unwraps, or what a wrong one did. The try is
/// counted first and the count cleared once it proves right; the last wrong
/// try erases the device.
async fn try_passcode(s: &Store, passcode: &str) -> Result<Result<DataKey, Unlocked>, VaultError> {
    let Some(wrapped) = s.wrapped_key().await? else { return Ok(Err(Unlocked::Destroyed)) };
    let mut counted = s.wrong_attempts().await?;
    let after = counted.record_wrong();
    s.set_wrong_attempts(counted).await?;
    let passcode_key = derive(passcode, &wrapped.kdf).await?;
    match cipher::unwrap(&wrapped, &passcode_key).await {
        Ok(key) => {
            s.set_wrong_attempts(WrongAttempts::default()).await?;
            Ok(Ok(key))
        }
        Err(_) => Ok(Err(match after {
            AfterWrong::TryAgain { left } => Unlocked::Wrong { left, warn: counted.warns() },
            AfterWrong::Destroy => {
                destroy().await;
                Unlocked::Destroyed
            }
        })),
    }
}

/// Changes the passcode: the data key is wrapped anew, the data stays as it
/// is. A wrong current passcode counts as a wrong try.
pub async fn change(current: &str, new: &str) -> Result<Unlocked, VaultError> {
    change_on(&store::store().await?, current, new).await
}

pub async fn change_on(s: &Store, current: &str, new: &str) -> Result<Unlocked, VaultError> {
    let data_key = match try_passcode(s, current).await? {
        Ok(opened) => opened,
        Err(refused) => return Ok(refused),
    };
    let kdf = KdfParams::pbkdf2(random_bytes::<SALT_BYTES>()?);
    let new_key = derive(new, &kdf).await?;
    let rewrapped = cipher::wrap(&data_key, &new_key, kdf).await.map_err(|e| VaultError::Seal(e.to_string()))?;
    s.set_wrapped_key(&rewrapped).await?;
    Ok(Unlocked::Opened)
}

/// Locks: writes already started (an editor flushing what was typed as its
/// page closed) finish first, then the key is dropped.
pub async fn lock() {
    store::settled().await;
    keyring::lock();
}

/// Too many wrong passcodes: the key and everything sealed with it go, and
/// the page reloads to say so (the records come back from the office's
/// server after signing in).
async fn destroy() {
    keyring::forget();
    crate::sync::wipe::start(crate::sync::wipe::WipeReason::TooManyPasscodes);
}
