//! The envelope every stored record carries (docs/records.md): id made on the
//! device, office, created/updated at and by, a revision for merging and a
//! tombstone flag. The payload (`data`) is one serializable value so the
//! store can keep it as a single blob that encryption can wrap later.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use uuid::Uuid;

/// The kinds of record the app stores. The string form is the wire and
/// storage name and must never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    /// 利用者
    Client,
    /// 個別支援計画 (one version of a client's plan)
    Plan,
    /// 支援記録
    VisitNote,
    /// 8領域の生活アセスメント
    Assessment,
    /// 社会資源 (an agency of the region)
    Agency,
    /// 連絡記録 (a contact with an agency)
    Contact,
    /// 支援ネットワーク (an agency involved with a client)
    NetworkLink,
    /// 縦の連携 (a turning point of a client's life)
    Transition,
    /// 引き継ぎシートの印刷記録
    HandoverPrint,
    /// 地域連携会議
    Meeting,
}

impl RecordKind {
    pub const ALL: [RecordKind; 10] = [
        RecordKind::Client,
        RecordKind::Plan,
        RecordKind::VisitNote,
        RecordKind::Assessment,
        RecordKind::Agency,
        RecordKind::Contact,
        RecordKind::NetworkLink,
        RecordKind::Transition,
        RecordKind::HandoverPrint,
        RecordKind::Meeting,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Client => "client",
            RecordKind::Plan => "plan",
            RecordKind::VisitNote => "visit_note",
            RecordKind::Assessment => "assessment",
            RecordKind::Agency => "agency",
            RecordKind::Contact => "contact",
            RecordKind::NetworkLink => "network_link",
            RecordKind::Transition => "transition",
            RecordKind::HandoverPrint => "handover_print",
            RecordKind::Meeting => "meeting",
        }
    }

    /// Whether a correction keeps the value it replaced readable (see
    /// `sync::merge::FieldState::earlier`): records of what happened, whose
    /// first wording matters to an audit, and agencies, whose earlier
    /// stages of cooperation are their stage history.
    pub fn keeps_history(self) -> bool {
        matches!(self, RecordKind::VisitNote | RecordKind::Agency | RecordKind::Contact)
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// Metadata shared by every record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordMeta {
    pub id: Uuid,
    /// 事業所. `None` until the device is signed in to an office.
    #[serde(default)]
    pub office_id: Option<Uuid>,
    pub created_at: DateTime<Utc>,
    pub created_by: String,
    pub updated_at: DateTime<Utc>,
    pub updated_by: String,
    /// Incremented on every change made on a device; with `updated_at` and
    /// `updated_by` it orders two versions of one record deterministically.
    pub rev: u64,
    #[serde(default)]
    pub deleted: bool,
    /// The name of the staff member who made the record, when known (it
    /// was made while signed in): 「記録者」 in lists. `created_by` then
    /// holds their staff id rather than a device id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_by_name: Option<String>,
    /// The name of who changed it last, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by_name: Option<String>,
}

impl RecordMeta {
    /// Metadata for a record made now by `actor` (a device or staff id).
    pub fn new(id: Uuid, actor: &str, now: DateTime<Utc>) -> Self {
        RecordMeta {
            id,
            office_id: None,
            created_at: now,
            created_by: actor.to_owned(),
            updated_at: now,
            updated_by: actor.to_owned(),
            rev: 1,
            deleted: false,
            created_by_name: None,
            updated_by_name: None,
        }
    }

    /// Marks one more change by `actor`. The time never goes backwards, so a
    /// device whose clock was set back still produces a newer version.
    pub fn touch(&mut self, actor: &str, now: DateTime<Utc>) {
        self.updated_at = now.max(self.updated_at);
        self.updated_by = actor.to_owned();
        self.rev += 1;
    }

    /// Total order of versions of the same record: later time wins, then the
    /// higher revision, then the actor id so every replica picks the same.
    pub fn version_cmp(&self, other: &RecordMeta) -> Ordering {
        self.updated_at
            .cmp(&other.updated_at)
            .then(self.rev.cmp(&other.rev))
            .then_with(|| self.updated_by.cmp(&other.updated_by))
    }
}

/// A typed record: metadata plus its data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record<T> {
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub data: T,
}

impl<T> Record<T> {
    pub fn id(&self) -> Uuid {
        self.meta.id
    }
}

/// A record of any kind with its data left as JSON: the form used by backup
/// files and, later, by sync.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnyRecord {
    pub kind: RecordKind,
    #[serde(flatten)]
    pub meta: RecordMeta,
    pub data: serde_json::Value,
}

impl AnyRecord {
    pub fn from_typed<T: Serialize>(kind: RecordKind, record: &Record<T>) -> serde_json::Result<Self> {
        Ok(AnyRecord { kind, meta: record.meta.clone(), data: serde_json::to_value(&record.data)? })
    }

    pub fn to_typed<T: serde::de::DeserializeOwned>(&self) -> serde_json::Result<Record<T>> {
        Ok(Record { meta: self.meta.clone(), data: serde_json::from_value(self.data.clone())? })
    }

    /// Like [`AnyRecord::to_typed`] without copying the data. Decoding every
    /// typed record this one way (JSON text → `AnyRecord` → `T` from its
    /// `Value`) keeps one copy of each type's decoder in the app's wasm
    /// instead of one per way in.
    pub fn into_typed<T: serde::de::DeserializeOwned>(self) -> serde_json::Result<Record<T>> {
        Ok(Record { meta: self.meta, data: serde_json::from_value(self.data)? })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(secs, 0).unwrap()
    }

    #[test]
    fn touch_never_moves_time_backwards() {
        let mut meta = RecordMeta::new(Uuid::nil(), "a", at(100));
        meta.touch("b", at(50));
        assert_eq!(meta.updated_at, at(100));
        assert_eq!(meta.rev, 2);
        assert_eq!(meta.updated_by, "b");
    }

    #[test]
    fn later_time_wins_then_revision_then_actor() {
        let base = RecordMeta::new(Uuid::nil(), "a", at(100));
        let mut later = base.clone();
        later.updated_at = at(101);
        assert_eq!(later.version_cmp(&base), Ordering::Greater);

        let mut more_revs = base.clone();
        more_revs.rev = 5;
        assert_eq!(more_revs.version_cmp(&base), Ordering::Greater);

        let mut other_actor = base.clone();
        other_actor.updated_by = "b".into();
        assert_eq!(other_actor.version_cmp(&base), Ordering::Greater);
        assert_eq!(base.version_cmp(&base.clone()), Ordering::Equal);
    }

    #[test]
    fn kind_names_are_stable() {
        assert_eq!(serde_json::to_string(&RecordKind::Client).unwrap(), "\"client\"");
        assert_eq!(RecordKind::parse("client"), Some(RecordKind::Client));
        assert_eq!(RecordKind::parse("visit_note"), Some(RecordKind::VisitNote));
        assert_eq!(RecordKind::parse("note"), None);
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::parse(kind.as_str()), Some(kind));
            assert_eq!(serde_json::to_value(kind).unwrap(), serde_json::json!(kind.as_str()));
        }
    }
}
