//! Drafts: what an editor holds that is not (yet) its record — a new note
//! not yet saved, input that does not validate, an edit between two
//! autosaves. Each is written within moments of the last keystroke, durably,
//! so a browser killed right after still has it; the record's own write
//! removes it in the same transaction.

use super::pending::settled;
use super::schema::{DraftRow, DRAFTS};
use super::sealed::{open_json, place, seal_json};
use super::{durable, now_ms, Store, StoreResult};
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::TransactionMode;
use renkei_domain::RecordKind;

/// A stored draft and when it was written (milliseconds since the epoch).
#[derive(Debug, Clone, PartialEq)]
pub struct Draft<T> {
    pub saved_at: f64,
    pub value: T,
}

impl Store {
    /// Keeps `draft` under `key` (a record id, or a key of its own for a
    /// record that does not exist yet), replacing the one before.
    pub async fn save_draft<T: serde::Serialize>(&self, kind: RecordKind, key: &str, draft: &T) -> StoreResult<()> {
        let row = DraftRow {
            id: key.to_owned(),
            kind: kind.as_str().to_owned(),
            saved_at: now_ms(),
            payload: seal_json(&place(DRAFTS, key), draft)?,
        };
        let tx = self.db.transaction(DRAFTS).with_mode(TransactionMode::Readwrite).with_options(durable()).build()?;
        tx.object_store(DRAFTS)?.put(row).serde()?.await?;
        tx.commit().await?;
        Ok(())
    }

    /// The draft under `key`. One that no longer reads as `T` (an older
    /// app's form) is left out rather than failing the editor.
    pub async fn draft<T: serde::de::DeserializeOwned>(&self, key: &str) -> StoreResult<Option<Draft<T>>> {
        settled().await;
        let tx = self.db.transaction(DRAFTS).build()?;
        let row: Option<DraftRow> = tx.object_store(DRAFTS)?.get(key).serde()?.await?;
        Ok(row.and_then(|r| {
            let value = open_json(&place(DRAFTS, key), &r.payload)
                .inspect_err(|e| web_sys::console::warn_1(&format!("draft {key} left out: {e}").into()))
                .ok()?;
            Some(Draft { saved_at: r.saved_at, value })
        }))
    }

    /// Throws the draft under `key` away (「下書きを破棄」).
    pub async fn delete_draft(&self, key: &str) -> StoreResult<()> {
        let tx = self.db.transaction(DRAFTS).with_mode(TransactionMode::Readwrite).with_options(durable()).build()?;
        tx.object_store(DRAFTS)?.delete(key).await?;
        tx.commit().await?;
        Ok(())
    }
}
