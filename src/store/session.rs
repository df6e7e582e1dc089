//! The device's own facts in the meta store: its id, the signed-in session,
//! the keys offices gave it, and the sync bookkeeping that every write updates.
//! The session (its token and the staff member) and the device keys are
//! sealed; the id and the bookkeeping (clock, counters, pull position) hold
//! nothing personal and stay readable, as they are written with every change.

use super::schema::{MetaRow, DRAFTS, MERGE, META, OUTBOX, RECORDS, SET_ASIDE};
use super::sealed::{open_json, place, seal_json};
use super::vault::{WRAPPED_KEY, WRONG_KEY};
use super::{Store, StoreResult};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use renkei_domain::sync::{Author, Clock, SignInResponse};
use std::collections::HashMap;
use uuid::Uuid;

/// Meta key of the device's sync bookkeeping.
pub(super) const SYNC_KEY: &str = "sync";

/// Meta key of the signed-in session (token and staff).
pub(super) const SESSION_KEY: &str = "session";

/// Meta key of the keys offices gave this device at sign-in, kept across
/// sign-outs: they let a known device sign in while strangers' failed
/// attempts hold its login back.
pub(super) const DEVICE_KEYS_KEY: &str = "device_keys";

/// The device's clock, its change counter and its pull position, kept in
/// the meta store and updated in the transaction that uses them.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub(super) struct SyncMeta {
    pub(super) clock: Clock,
    pub(super) next_seq: u64,
    pub(super) pull_cursor: i64,
    /// The office the cursor belongs to: a cursor is a position in one
    /// office's log and means nothing in another's.
    #[serde(default)]
    pub(super) pull_office: Option<Uuid>,
    /// Server time minus device time, in milliseconds, as last measured:
    /// stamps are made on the server's time, so a device whose clock is
    /// off still writes stamps the server accepts and that order correctly.
    #[serde(default)]
    pub(super) clock_offset_ms: i64,
}

impl SyncMeta {
    pub(super) async fn load(meta: &indexed_db_futures::object_store::ObjectStore<'_>) -> StoreResult<SyncMeta> {
        let row: Option<MetaRow> = meta.get(SYNC_KEY).serde()?.await?;
        if let Some(row) = row {
            return Ok(serde_json::from_str(&row.value)?);
        }
        let device = device_id_in(meta).await?;
        Ok(SyncMeta { clock: Clock::new(device), next_seq: 0, pull_cursor: 0, pull_office: None, clock_offset_ms: 0 })
    }

    /// Now on the server's clock, for stamps.
    pub(super) fn stamp_now(&self, device_now_ms: f64) -> i64 {
        device_now_ms as i64 + self.clock_offset_ms
    }

    pub(super) async fn store(&self, meta: &indexed_db_futures::object_store::ObjectStore<'_>) -> StoreResult<()> {
        meta.put(MetaRow { key: SYNC_KEY.to_owned(), value: serde_json::to_string(self)? }).serde()?.await?;
        Ok(())
    }
}

pub(super) const DEVICE_KEY: &str = "device_id";

/// The staff member signed in on this device, as the author of the changes
/// made now, read in the caller's transaction. `None` when not signed in.
pub(super) async fn signed_in_author(
    meta: &indexed_db_futures::object_store::ObjectStore<'_>,
) -> StoreResult<Option<Author>> {
    let row: Option<MetaRow> = meta.get(SESSION_KEY).serde()?.await?;
    Ok(session_in(row)?.map(|s| Author { id: s.staff.id, name: s.staff.display_name }))
}

/// The session a meta row holds. One that does not read counts as none (the
/// device signs in again); one that cannot be opened (locked) is an error.
pub(super) fn session_in(row: Option<MetaRow>) -> StoreResult<Option<SignInResponse>> {
    let Some(row) = row else { return Ok(None) };
    match open_json::<SignInResponse>(&place(META, SESSION_KEY), &row.value) {
        Ok(session) => Ok(Some(session)),
        Err(super::StoreError::Corrupt(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

fn device_key_name(office_code: &str, login: &str) -> String {
    format!("{office_code}\u{1f}{login}")
}

/// The device id in `meta`, made and stored in the caller's transaction
/// if there is none yet.
async fn device_id_in(meta: &indexed_db_futures::object_store::ObjectStore<'_>) -> StoreResult<String> {
    let stored: Option<MetaRow> = meta.get(DEVICE_KEY).serde()?.await?;
    if let Some(row) = stored {
        return Ok(row.value);
    }
    let id = new_device_id();
    meta.put(MetaRow { key: DEVICE_KEY.to_owned(), value: id.clone() }).serde()?.await?;
    Ok(id)
}

pub(super) fn new_device_id() -> String {
    format!("device-{}", Uuid::new_v4())
}

impl Store {
    /// The signed-in session, if any.
    pub async fn session(&self) -> StoreResult<Option<SignInResponse>> {
        self.sealed_meta(SESSION_KEY).await
    }

    pub async fn set_session(&self, session: &SignInResponse) -> StoreResult<()> {
        self.set_sealed_meta(SESSION_KEY, session).await
    }

    /// Signs this device out: forgets the session and removes every record
    /// of the office from this device in one transaction. The device gets a
    /// new id so its change numbering starts afresh. Callers ask the user
    /// first when changes are unsent. The keys offices gave the device stay,
    /// so it signs in again as a known device, and so does its passcode.
    pub async fn sign_out_and_clear(&self) -> StoreResult<()> {
        self.clear_keeping(&[DEVICE_KEYS_KEY, super::replica::MERGE_SEEDED_KEY, WRAPPED_KEY, WRONG_KEY]).await
    }

    /// Erases everything the device holds, for a remote wipe (a device
    /// marked lost, an account disabled, or too many wrong passcodes): as
    /// signing out, and the keys offices gave the device and its wrapped
    /// data key go too, so a lost device proves nothing.
    pub async fn erase_all(&self) -> StoreResult<()> {
        self.clear_keeping(&[super::replica::MERGE_SEEDED_KEY]).await
    }

    /// Empties every object store in one transaction, keeping the meta rows
    /// under `keep` (that every record has a merge state stays true of an
    /// empty store).
    async fn clear_keeping(&self, keep: &[&str]) -> StoreResult<()> {
        let stores = [RECORDS, OUTBOX, DRAFTS, MERGE, META, SET_ASIDE];
        let tx = self.db.transaction(stores).with_mode(TransactionMode::Readwrite).build()?;
        {
            let meta = tx.object_store(META)?;
            let mut kept: Vec<MetaRow> = Vec::new();
            for key in keep {
                if let Some(row) = meta.get(*key).serde()?.await? {
                    kept.push(row);
                }
            }
            super::client_list::list_written();
            for name in stores {
                tx.object_store(name)?.clear()?.await?;
            }
            for row in kept {
                meta.put(row).serde()?.await?;
            }
        }
        tx.commit().await?;
        Ok(())
    }

    /// The key the office gave this device for `office_code` and `login`.
    pub async fn device_key(&self, office_code: &str, login: &str) -> StoreResult<Option<String>> {
        Ok(self.device_keys().await?.remove(&device_key_name(office_code, login)))
    }

    /// Remembers the key a sign-in gave this device.
    pub async fn set_device_key(&self, office_code: &str, login: &str, key: &str) -> StoreResult<()> {
        let mut keys = self.device_keys().await?;
        keys.insert(device_key_name(office_code, login), key.to_owned());
        self.set_sealed_meta(DEVICE_KEYS_KEY, &keys).await
    }

    async fn device_keys(&self) -> StoreResult<HashMap<String, String>> {
        match self.sealed_meta(DEVICE_KEYS_KEY).await {
            Err(super::StoreError::Corrupt(_)) => Ok(HashMap::new()),
            keys => Ok(keys?.unwrap_or_default()),
        }
    }

    /// A sealed value of the meta store.
    pub async fn sealed_meta<T: serde::de::DeserializeOwned>(&self, key: &str) -> StoreResult<Option<T>> {
        self.meta(key).await?.map(|v| open_json(&place(META, key), &v)).transpose()
    }

    pub async fn set_sealed_meta<T: serde::Serialize>(&self, key: &str, value: &T) -> StoreResult<()> {
        self.set_meta(key, &seal_json(&place(META, key), value)?).await
    }

    /// A value of the meta store as stored: for what holds nothing personal
    /// (ids, flags, counters); anything else goes through
    /// [`Store::sealed_meta`].
    pub async fn meta(&self, key: &str) -> StoreResult<Option<String>> {
        let tx = self.db.transaction(META).build()?;
        let row: Option<MetaRow> = tx.object_store(META)?.get(key).serde()?.await?;
        Ok(row.map(|r| r.value))
    }

    pub async fn set_meta(&self, key: &str, value: &str) -> StoreResult<()> {
        let tx = self.db.transaction(META).with_mode(TransactionMode::Readwrite).build()?;
        tx.object_store(META)?.put(MetaRow { key: key.to_owned(), value: value.to_owned() }).serde()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// This device's id, made on first use; used as the author of changes
    /// until staff sign in.
    pub async fn device_id(&self) -> StoreResult<String> {
        if let Some(id) = self.meta(DEVICE_KEY).await? {
            return Ok(id);
        }
        let tx = self.db.transaction(META).with_mode(TransactionMode::Readwrite).build()?;
        let id = device_id_in(&tx.object_store(META)?).await?;
        tx.commit().await?;
        Ok(id)
    }
}
