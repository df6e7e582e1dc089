//! Per-field merge: each field is a multi-value register. A write replaces
//! the writes it names in `replaces`; the field's "heads" are the writes that
//! no known write replaces. The winner is the head with the greatest stamp,
//! the other heads are conflicts shown to the user until one is chosen.
//!
//! The result depends only on the set of writes seen, not on their order or
//! on duplicates, so every replica that has seen the same changes shows the
//! same values and the same conflicts, and no typed value disappears unless
//! someone replaced it knowingly.

use super::protocol::{Author, Change, FieldWrite, DELETED_FIELD};
use super::stamp::{Clock, Stamp};
use crate::record::{RecordKind, RecordMeta};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use uuid::Uuid;

/// A value written to a field, not (yet) replaced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Head {
    pub stamp: Stamp,
    pub value: serde_json::Value,
    /// Who wrote it, when known (a change made while signed in, or one the
    /// server named an author for). Left out when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Author>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FieldState {
    /// Current writes, greatest stamp first.
    pub heads: Vec<Head>,
    /// Stamps of writes replaced by a later write, kept so a replaced write
    /// that arrives late is not revived. Left out of the stored JSON when
    /// empty (most fields of a record just pulled): every merge state is
    /// written on each sync, so its size is sync time.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    pub replaced: BTreeSet<Stamp>,
    /// The replaced writes themselves, oldest first, for a kind of record
    /// whose corrections stay readable ([`RecordKind::keeps_history`]): a
    /// 支援記録 is a record of what happened, and a correction must not
    /// erase what was first written.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier: Vec<Head>,
}

impl FieldState {
    /// Applies one write by `by`; returns whether anything changed. With
    /// `keep_history`, replaced values move to [`FieldState::earlier`]
    /// instead of being dropped: the same set whatever order the writes
    /// arrive in.
    pub fn apply(&mut self, write: &FieldWrite, by: Option<&Author>, keep_history: bool) -> bool {
        // What a write replaces counts even when the write itself was
        // replaced before it arrived: replacement is transitive.
        let mut changed = false;
        for stamp in &write.replaces {
            changed |= self.replaced.insert(stamp.clone());
        }
        let (gone, kept): (Vec<Head>, Vec<Head>) =
            std::mem::take(&mut self.heads).into_iter().partition(|h| write.replaces.contains(&h.stamp));
        self.heads = kept;
        changed |= !gone.is_empty();
        if keep_history {
            for head in gone {
                self.keep_earlier(head);
            }
        }
        let head = || Head { stamp: write.stamp.clone(), value: write.value.clone(), by: by.cloned() };
        if self.replaced.contains(&write.stamp) {
            if keep_history && !self.earlier.iter().any(|h| h.stamp == write.stamp) {
                self.keep_earlier(head());
                changed = true;
            }
        } else if !self.heads.iter().any(|h| h.stamp == write.stamp) {
            self.heads.push(head());
            self.heads.sort_by(|a, b| b.stamp.cmp(&a.stamp));
            changed = true;
        }
        changed
    }

    fn keep_earlier(&mut self, head: Head) {
        if let Err(at) = self.earlier.binary_search_by(|h| h.stamp.cmp(&head.stamp)) {
            self.earlier.insert(at, head);
        }
    }

    /// Every value the field has had that this replica knows of, oldest
    /// first: the replaced ones kept as history, then the current ones.
    pub fn history(&self) -> Vec<&Head> {
        let mut all: Vec<&Head> = self.earlier.iter().chain(&self.heads).collect();
        all.sort_by(|a, b| a.stamp.cmp(&b.stamp));
        all
    }

    /// The value shown: the latest of the current writes.
    pub fn winner(&self) -> Option<&Head> {
        self.heads.first()
    }

    /// Values written concurrently with the winner, for the user to choose.
    pub fn conflicts(&self) -> &[Head] {
        self.heads.get(1..).unwrap_or(&[])
    }
}

/// A record as every replica holds it: its fields' merge states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordState {
    pub id: Uuid,
    pub kind: RecordKind,
    pub fields: BTreeMap<String, FieldState>,
}

impl RecordState {
    pub fn new(id: Uuid, kind: RecordKind) -> Self {
        RecordState { id, kind, fields: BTreeMap::new() }
    }

    /// Applies every write of a change whose author is not known; returns
    /// whether anything changed.
    pub fn apply(&mut self, change: &Change) -> bool {
        self.apply_by(change, None)
    }

    /// Applies every write of a change written by `by`; returns whether
    /// anything changed.
    pub fn apply_by(&mut self, change: &Change, by: Option<&Author>) -> bool {
        let keep = self.kind.keeps_history();
        let mut changed = false;
        for write in &change.writes {
            changed |= self.fields.entry(write.field.clone()).or_default().apply(write, by, keep);
        }
        changed
    }

    /// Who made the record and who changed it last, when known: the
    /// authors of its earliest and its latest write. A kind without history
    /// may have dropped its earliest write, and then who made it is not
    /// known rather than guessed from a later one.
    pub fn authors(&self) -> (Option<&Author>, Option<&Author>) {
        let Some((created, updated)) = self.created_and_updated() else { return (None, None) };
        let by = |stamp: &Stamp| {
            self.fields
                .values()
                .flat_map(|f| f.earlier.iter().chain(&f.heads))
                .find(|h| h.stamp == *stamp)
                .and_then(|h| h.by.as_ref())
        };
        (by(&created), by(&updated))
    }

    /// Puts the known authors into `meta` (see [`RecordMeta::created_by`]):
    /// their staff ids and names; what is not known is left as it is.
    pub fn sign(&self, meta: &mut RecordMeta) {
        let (made, changed) = self.authors();
        if let Some(a) = made {
            meta.created_by = a.id.to_string();
            meta.created_by_name = Some(a.name.clone());
        }
        if let Some(a) = changed {
            meta.updated_by = a.id.to_string();
            meta.updated_by_name = Some(a.name.clone());
        }
    }

    /// The record's data: each field's winning value (tombstone excluded).
    pub fn data(&self) -> serde_json::Map<String, serde_json::Value> {
        self.fields
            .iter()
            .filter(|(name, _)| name.as_str() != DELETED_FIELD)
            .filter_map(|(name, f)| f.winner().map(|h| (name.clone(), h.value.clone())))
            .collect()
    }

    /// In ゴミ箱: the tombstone field's winner is `true`.
    pub fn deleted(&self) -> bool {
        self.fields
            .get(DELETED_FIELD)
            .and_then(FieldState::winner)
            .is_some_and(|h| h.value == serde_json::Value::Bool(true))
    }

    /// Fields with values waiting for the user's choice (「競合」).
    pub fn conflicted_fields(&self) -> Vec<&str> {
        self.fields.iter().filter(|(_, f)| !f.conflicts().is_empty()).map(|(n, _)| n.as_str()).collect()
    }

    /// The earliest and latest stamps of all current and replaced writes.
    pub fn created_and_updated(&self) -> Option<(Stamp, Stamp)> {
        let stamps = self.fields.values().flat_map(|f| f.heads.iter().map(|h| &h.stamp).chain(f.replaced.iter()));
        let (mut first, mut last): (Option<&Stamp>, Option<&Stamp>) = (None, None);
        for s in stamps {
            first = Some(first.map_or(s, |f| f.min(s)));
            last = Some(last.map_or(s, |l| l.max(s)));
        }
        Some((first?.clone(), last?.clone()))
    }

    /// The envelope every replica shows for this state at revision `rev`:
    /// made and changed at the earliest and latest stamps, by the staff
    /// member who wrote them when known (their id and name), otherwise by
    /// the device. `None` for a state without writes.
    pub fn meta(&self, rev: u64) -> Option<RecordMeta> {
        let (created, updated) = self.created_and_updated()?;
        let at = |ms: i64| chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default();
        let mut meta = RecordMeta {
            id: self.id,
            office_id: None,
            created_at: at(created.ms),
            created_by: created.device,
            updated_at: at(updated.ms),
            updated_by: updated.device,
            rev,
            deleted: self.deleted(),
            created_by_name: None,
            updated_by_name: None,
        };
        self.sign(&mut meta);
        Some(meta)
    }

    /// The writes that turn the shown values into `data` (a local edit).
    /// Each replaces only the value the user saw, so a conflict stays
    /// visible until it is resolved with [`RecordState::resolve`].
    pub fn edit(
        &self,
        data: &serde_json::Map<String, serde_json::Value>,
        clock: &mut Clock,
        now_ms: i64,
    ) -> Vec<FieldWrite> {
        self.edit_from(None, data, clock, now_ms)
    }

    /// Like [`RecordState::edit`] for a form opened on `base`: only fields
    /// the user changed from `base` are written. If a field's shown value is
    /// no longer the one the user started from (another device changed it
    /// meanwhile), the write replaces nothing, so both values stay as a
    /// conflict instead of the user's edit silently erasing the other.
    pub fn edit_from(
        &self,
        base: Option<&serde_json::Map<String, serde_json::Value>>,
        data: &serde_json::Map<String, serde_json::Value>,
        clock: &mut Clock,
        now_ms: i64,
    ) -> Vec<FieldWrite> {
        let mut writes = Vec::new();
        for (name, value) in data {
            let winner = self.fields.get(name.as_str()).and_then(FieldState::winner);
            let seen = match base {
                Some(base) => base.get(name.as_str()),
                None => winner.map(|h| &h.value),
            };
            if seen == Some(value) && winner.is_some() {
                continue;
            }
            let replaces = match winner {
                Some(h) if seen == Some(&h.value) => vec![h.stamp.clone()],
                _ => Vec::new(),
            };
            writes.push(FieldWrite { field: name.clone(), value: value.clone(), stamp: clock.tick(now_ms), replaces });
        }
        writes
    }

    /// The writes that bring `data` from elsewhere (a backup file) into
    /// this state without deciding for the user: a field this device does
    /// not have takes the value; a field whose values all differ gets the
    /// imported value beside them as a conflict, so neither side's value
    /// disappears. A value the field holds already writes nothing, so
    /// importing a file twice changes nothing the second time.
    pub fn import(
        &self,
        data: &serde_json::Map<String, serde_json::Value>,
        clock: &mut Clock,
        now_ms: i64,
    ) -> Vec<FieldWrite> {
        data.iter()
            .filter(|(name, value)| {
                !self.fields.get(name.as_str()).is_some_and(|f| f.heads.iter().any(|h| &h.value == *value))
            })
            .map(|(name, value)| FieldWrite {
                field: name.clone(),
                value: value.clone(),
                stamp: clock.tick(now_ms),
                replaces: Vec::new(),
            })
            .collect()
    }

    /// The write that settles a conflict on `field` with the value written
    /// at `chosen`: it replaces every current value.
    pub fn resolve(&self, field: &str, chosen: &Stamp, clock: &mut Clock, now_ms: i64) -> Option<FieldWrite> {
        let state = self.fields.get(field)?;
        let value = state.heads.iter().find(|h| &h.stamp == chosen)?.value.clone();
        Some(FieldWrite {
            field: field.to_owned(),
            value,
            stamp: clock.tick(now_ms),
            replaces: state.heads.iter().map(|h| h.stamp.clone()).collect(),
        })
    }
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod properties;
