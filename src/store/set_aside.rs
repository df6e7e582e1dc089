//! What this device keeps aside instead of letting it stop sync: changes
//! received that cannot be read or checked, records whose merged data does
//! not load, and its own changes the server refused as invalid. Each is kept
//! whole with the reason, listed in 設定, and never blocks anything else.

use super::schema::{SetAsideRow, SET_ASIDE};
use super::sealed::place;
use super::{now_ms, Store, StoreResult};
use crate::vault::keyring;
use indexed_db_futures::prelude::*;
use renkei_domain::sync::Change;
use renkei_domain::AnyRecord;
use uuid::Uuid;

pub use super::schema::SetAsideRow as SetAside;

/// Which way a set-aside item came, from its key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetAsideKind {
    /// Received from the server and not readable.
    Received,
    /// Made here and refused by the server.
    Sent,
    /// A record whose data does not load.
    Record,
}

impl SetAsideRow {
    /// A change of a pull page that could not even be parsed, by cursor.
    pub fn unreadable(cursor: i64, reason: impl Into<String>, raw: &str) -> Self {
        Self { key: format!("in:{cursor}"), at: now_ms(), reason: reason.into(), payload: raw.to_owned() }
    }

    /// A received change that parsed but does not check.
    pub fn incoming_change(change: &Change, reason: String) -> Self {
        Self {
            key: format!("in:{}:{}", change.device_id, change.seq),
            at: now_ms(),
            reason,
            payload: serde_json::to_string(change).unwrap_or_default(),
        }
    }

    /// One of this device's changes the server refused as invalid.
    pub fn refused(change: &Change, reason: String) -> Self {
        Self {
            key: format!("out:{}:{}", change.device_id, change.seq),
            at: now_ms(),
            reason,
            payload: serde_json::to_string(change).unwrap_or_default(),
        }
    }

    pub fn record_key(id: Uuid) -> String {
        format!("record:{id}")
    }

    /// A record whose merged data does not load as its kind.
    pub fn record(record: &AnyRecord, reason: String) -> Self {
        Self {
            key: Self::record_key(record.meta.id),
            at: now_ms(),
            reason: format!("{} {}: {reason}", record.kind.as_str(), record.meta.id),
            payload: serde_json::to_string(&record.data).unwrap_or_default(),
        }
    }

    /// The row as stored: what was set aside is sealed (the reason stays
    /// readable: it names a field or a rule, not what was written).
    pub(super) fn sealed(self) -> StoreResult<SetAsideRow> {
        let payload = keyring::seal(&place(SET_ASIDE, &self.key), self.payload)?;
        Ok(SetAsideRow { payload, ..self })
    }

    fn opened(self) -> StoreResult<SetAsideRow> {
        let payload = keyring::open(&place(SET_ASIDE, &self.key), &self.payload)?.into_owned();
        Ok(SetAsideRow { payload, ..self })
    }

    pub fn kind(&self) -> SetAsideKind {
        if self.key.starts_with("out:") {
            SetAsideKind::Sent
        } else if self.key.starts_with("record:") {
            SetAsideKind::Record
        } else {
            SetAsideKind::Received
        }
    }
}

impl Store {
    /// Everything set aside, oldest first.
    pub async fn set_aside(&self) -> StoreResult<Vec<SetAside>> {
        let tx = self.db.transaction(SET_ASIDE).build()?;
        let rows: Vec<SetAside> = tx.object_store(SET_ASIDE)?.get_all().serde()?.await?.collect::<Result<_, _>>()?;
        let mut rows = rows.into_iter().map(SetAside::opened).collect::<StoreResult<Vec<_>>>()?;
        rows.sort_by(|a, b| a.at.total_cmp(&b.at));
        Ok(rows)
    }
}
