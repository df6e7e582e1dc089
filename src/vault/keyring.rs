//! The data key while the device is unlocked. It lives only in this page's
//! memory: never stored, never sent, dropped (and its bytes wiped) on lock.

use super::cipher;
use renkei_domain::vault::{is_sealed, DataKey};
use std::borrow::Cow;
use std::cell::RefCell;
use std::rc::Rc;

enum KeyState {
    /// This device has no passcode yet: values are stored as plain JSON, as
    /// every version before encryption stored them.
    Plain,
    Locked,
    Unlocked(Rc<DataKey>),
}

thread_local! {
    static STATE: RefCell<KeyState> = const { RefCell::new(KeyState::Plain) };
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
    #[error("the device is locked")]
    Locked,
    #[error("a sealed value does not open: {0}")]
    Rejected(String),
}

/// From now on values are sealed with `key` and sealed values open.
pub async fn unlock_with(key: DataKey) {
    cipher::load().await;
    STATE.with(|s| *s.borrow_mut() = KeyState::Unlocked(Rc::new(key)));
}

/// Drops the key: nothing sealed opens and nothing is written until the
/// next unlock.
pub fn lock() {
    STATE.with(|s| *s.borrow_mut() = KeyState::Locked);
}

/// Back to a device without a passcode, once its key and everything sealed
/// with it are destroyed: values are stored plain until a passcode is set.
pub fn forget() {
    STATE.with(|s| *s.borrow_mut() = KeyState::Plain);
}

pub fn is_unlocked() -> bool {
    STATE.with(|s| matches!(*s.borrow(), KeyState::Unlocked(_)))
}

pub fn is_locked() -> bool {
    STATE.with(|s| matches!(*s.borrow(), KeyState::Locked))
}

fn key() -> Result<Option<Rc<DataKey>>, SealError> {
    STATE.with(|s| match &*s.borrow() {
        KeyState::Plain => Ok(None),
        KeyState::Locked => Err(SealError::Locked),
        KeyState::Unlocked(key) => Ok(Some(key.clone())),
    })
}

/// `json` as it is to be stored for `context` (the store and key it is
/// written under): sealed once the device has a passcode.
pub fn seal(context: &str, json: String) -> Result<String, SealError> {
    match key()? {
        None => Ok(json),
        Some(key) => cipher::seal(&key, context, &json),
    }
}

/// The JSON of a stored value. Plain JSON (stored before this device had a
/// passcode) reads as it is, so a device keeps working while its values are
/// sealed in place.
pub fn open<'a>(context: &str, stored: &'a str) -> Result<Cow<'a, str>, SealError> {
    if !is_sealed(stored) {
        return Ok(Cow::Borrowed(stored));
    }
    match key()? {
        None => Err(SealError::Locked),
        Some(key) => cipher::open(&key, context, stored).map(Cow::Owned),
    }
}
