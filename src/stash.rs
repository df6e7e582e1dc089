//! The last resort against losing typed text: when the page is hidden or
//! unloaded, the form on screen is written synchronously to localStorage.
//! An IndexedDB write started at that moment may be cut off by the unload;
//! a localStorage write cannot be. The next time the form opens, a stashed
//! state newer than the stored record is restored and saved properly, and
//! the stash entry is removed once IndexedDB holds it. Entries are sealed
//! like the database's values (`crate::vault::keyring`).

use crate::vault::keyring;
use gloo_storage::{LocalStorage, Storage};
use serde::{de::DeserializeOwned, Deserialize, Serialize};

const PREFIX: &str = "renkei.stash.";

#[derive(Serialize, Deserialize)]
struct Entry<T> {
    /// Milliseconds since the epoch when the page was left.
    at: f64,
    value: T,
}

fn key(id: &str) -> String {
    format!("{PREFIX}{id}")
}

/// Keeps `value` for `id`, replacing an earlier stash.
pub fn put<T: Serialize>(id: &str, value: &T) {
    // Failing here (storage full, disabled, the device locked) leaves only
    // the IndexedDB write that was started alongside; nothing more can be
    // done during unload.
    let key = key(id);
    let Ok(json) = serde_json::to_string(&Entry { at: js_sys::Date::now(), value }) else { return };
    let Ok(stored) = keyring::seal(&key, json) else { return };
    let _ = LocalStorage::raw().set_item(&key, &stored);
}

/// The stashed value for `id` and when it was stashed.
pub fn get<T: DeserializeOwned>(id: &str) -> Option<(f64, T)> {
    let key = key(id);
    let stored = LocalStorage::raw().get_item(&key).ok().flatten()?;
    let json = keyring::open(&key, &stored).ok()?;
    serde_json::from_str::<Entry<T>>(&json).ok().map(|e| (e.at, e.value))
}

/// Removes the stash for `id` if it still holds `value` (a newer stash from
/// a later unload stays).
pub fn clear_if<T: DeserializeOwned + PartialEq>(id: &str, value: &T) {
    if get::<T>(id).is_some_and(|(_, v)| &v == value) {
        LocalStorage::delete(key(id));
    }
}

/// Removes the stash for `id`.
pub fn remove(id: &str) {
    LocalStorage::delete(key(id));
}

/// Seals every entry stashed before the device had a key.
pub fn seal_plain() {
    for key in stash_keys() {
        let Ok(Some(stored)) = LocalStorage::raw().get_item(&key) else { continue };
        if renkei_domain::vault::is_sealed(&stored) {
            continue;
        }
        match keyring::seal(&key, stored) {
            Ok(sealed) => {
                let _ = LocalStorage::raw().set_item(&key, &sealed);
            }
            // Left plain rather than lost; it is read, saved and removed
            // the next time its form opens.
            Err(_) => continue,
        }
    }
}

fn stash_keys() -> Vec<String> {
    let Some(storage) = web_sys::window().and_then(|w| w.local_storage().ok().flatten()) else { return Vec::new() };
    (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|k| k.starts_with(PREFIX))
        .collect()
}

/// Removes every stash: at sign-out, so typed text of one person does not
/// wait on a shared tablet for the next.
pub fn clear_all() {
    for key in stash_keys() {
        LocalStorage::delete(key);
    }
}
