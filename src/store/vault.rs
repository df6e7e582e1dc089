//! The device's passcode-wrapped data key and its count of wrong passcodes,
//! kept readable in the meta store (the wrapped key opens only with the
//! passcode, and the count says nothing about anyone), and sealing in place
//! what an earlier version stored plain.

use super::client_list;
use super::schema::{
    DraftRow, MergeRow, MetaRow, OutboxRow, RecordRow, SetAsideRow, DRAFTS, MERGE, META, OUTBOX, RECORDS, SET_ASIDE,
};
use super::sealed::place;
use super::session::{DEVICE_KEYS_KEY, SESSION_KEY};
use super::{Store, StoreResult};
use crate::vault::keyring;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use renkei_domain::vault::{is_sealed, WrappedKey, WrongAttempts};

pub(super) const WRAPPED_KEY: &str = "vault_key";
pub(super) const WRONG_KEY: &str = "vault_wrong";
/// Set once everything stored before the key was sealed.
const SEALED_KEY: &str = "vault_sealed";

/// `value` sealed for `place` if it is still plain; `None` if it already is
/// sealed.
fn sealed_if_plain(place: &str, value: &str) -> StoreResult<Option<String>> {
    if is_sealed(value) {
        return Ok(None);
    }
    Ok(Some(keyring::seal(place, value.to_owned())?))
}

impl Store {
    /// The data key as this device keeps it, if a passcode was set.
    pub async fn wrapped_key(&self) -> StoreResult<Option<WrappedKey>> {
        self.meta(WRAPPED_KEY).await?.map(|v| Ok(serde_json::from_str(&v)?)).transpose()
    }

    pub async fn set_wrapped_key(&self, key: &WrappedKey) -> StoreResult<()> {
        self.set_meta(WRAPPED_KEY, &serde_json::to_string(key)?).await
    }

    pub async fn wrong_attempts(&self) -> StoreResult<WrongAttempts> {
        Ok(self.meta(WRONG_KEY).await?.and_then(|v| serde_json::from_str(&v).ok()).unwrap_or_default())
    }

    pub async fn set_wrong_attempts(&self, attempts: WrongAttempts) -> StoreResult<()> {
        self.set_meta(WRONG_KEY, &serde_json::to_string(&attempts)?).await
    }

    /// Whether [`Store::seal_plain_values`] has run to its end on this device.
    pub async fn sealed_everything(&self) -> StoreResult<bool> {
        Ok(self.meta(SEALED_KEY).await?.is_some())
    }

    pub async fn mark_sealed_everything(&self) -> StoreResult<()> {
        self.set_meta(SEALED_KEY, "1").await
    }

    /// Seals every value still stored plain (from before this device had a
    /// key), one object store per transaction. A page closed halfway leaves
    /// what was done sealed and the rest plain (which reads as before), and
    /// the next call seals the rest. The number of values sealed.
    pub async fn seal_plain_values(&self) -> StoreResult<usize> {
        let mut sealed = 0;
        sealed += self.reseal::<RecordRow>(RECORDS, |r| (place(RECORDS, &r.id), &mut r.payload)).await?;
        sealed += self.reseal::<MergeRow>(MERGE, |r| (place(MERGE, &r.id), &mut r.payload)).await?;
        sealed += self.reseal::<OutboxRow>(OUTBOX, |r| (place(OUTBOX, &r.record_id), &mut r.change)).await?;
        sealed += self.reseal::<DraftRow>(DRAFTS, |r| (place(DRAFTS, &r.id), &mut r.payload)).await?;
        sealed += self.reseal::<SetAsideRow>(SET_ASIDE, |r| (place(SET_ASIDE, &r.key), &mut r.payload)).await?;
        sealed += self.reseal_meta().await?;
        Ok(sealed)
    }

    async fn reseal<R>(&self, store: &str, field: impl Fn(&mut R) -> (String, &mut String)) -> StoreResult<usize>
    where
        R: serde::Serialize + serde::de::DeserializeOwned,
    {
        let tx = self.db.transaction(store).with_mode(TransactionMode::Readwrite).build()?;
        let os = tx.object_store(store)?;
        let rows: Vec<R> = os.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        let mut n = 0;
        for mut row in rows {
            let (at, value) = field(&mut row);
            if let Some(sealed) = sealed_if_plain(&at, value)? {
                *value = sealed;
                os.put(row).serde()?.await?;
                n += 1;
            }
        }
        tx.commit().await?;
        Ok(n)
    }

    /// The session and the offices' device keys are sealed; the stored
    /// client list is dropped if plain (it is rebuilt, sealed, from the
    /// records on its next read).
    async fn reseal_meta(&self) -> StoreResult<usize> {
        let tx = self.db.transaction(META).with_mode(TransactionMode::Readwrite).build()?;
        let meta = tx.object_store(META)?;
        let rows: Vec<MetaRow> = meta.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        // Only the list's first chunk starts like a sealed value.
        let list_plain = rows.iter().any(|r| client_list::is_plain_list_start(&r.key, &r.value));
        let mut n = 0;
        for mut row in rows {
            if row.key == SESSION_KEY || row.key == DEVICE_KEYS_KEY {
                if let Some(sealed) = sealed_if_plain(&place(META, &row.key), &row.value)? {
                    row.value = sealed;
                    meta.put(row).serde()?.await?;
                    n += 1;
                }
            } else if list_plain && client_list::holds_list(&row.key) {
                meta.delete(row.key.as_str()).await?;
                n += 1;
            }
        }
        tx.commit().await?;
        Ok(n)
    }
}
