//! Values as the store keeps them: JSON sealed with the device's data key
//! once the device has a passcode (`crate::vault::keyring`). Only index
//! fields (ids, kinds, times, flags) stay readable beside them.
//!
//! Every value is sealed for its place — the object store and key it is
//! written under — so a sealed value copied elsewhere does not open there.

use super::{StoreError, StoreResult};
use crate::vault::keyring::{self, SealError};
use serde::de::DeserializeOwned;
use serde::Serialize;

impl From<SealError> for StoreError {
    fn from(e: SealError) -> Self {
        match e {
            SealError::Locked => StoreError::Locked,
            SealError::Rejected(place) => StoreError::Corrupt(format!("the sealed value at {place} does not open")),
        }
    }
}

/// Where a value is stored, which is what it is sealed for.
pub(super) fn place(store: &str, key: &str) -> String {
    format!("{store}/{key}")
}

pub(super) fn seal_json<T: Serialize + ?Sized>(place: &str, value: &T) -> StoreResult<String> {
    Ok(keyring::seal(place, serde_json::to_string(value)?)?)
}

pub(super) fn open_json<T: DeserializeOwned>(place: &str, stored: &str) -> StoreResult<T> {
    Ok(serde_json::from_str(&keyring::open(place, stored)?)?)
}
