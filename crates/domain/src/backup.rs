//! バックアップ: the JSON file a user exports from a device and imports into
//! another. Import merges by id and keeps the newer version of each record;
//! it never deletes or hides a local record, and a file with any invalid
//! record is refused as a whole so a bad file changes nothing.

use crate::client::Client;
use crate::record::{AnyRecord, RecordKind, RecordMeta};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::cmp::Ordering;
use std::collections::HashMap;
use uuid::Uuid;

/// Marks a file as ours, so importing some other JSON gives a clear error.
pub const FORMAT: &str = "renkei-backup";
/// Version of the file layout. Raise it when the layout changes and keep
/// reading the older versions.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BackupFile {
    pub format: String,
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    pub records: Vec<AnyRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum BackupError {
    #[error("not JSON: {0}")]
    NotJson(String),
    #[error("not a Renkei backup file")]
    NotABackup,
    #[error("made by a newer app (file version {0})")]
    NewerVersion(u32),
    #[error("record {index} is invalid: {reason}")]
    InvalidRecord { index: usize, reason: String },
}

impl BackupFile {
    pub fn new(exported_at: DateTime<Utc>, records: Vec<AnyRecord>) -> Self {
        BackupFile { format: FORMAT.to_owned(), version: VERSION, exported_at, records }
    }

    /// Reads and checks a backup file: its marker, its version, and that
    /// every record has a known kind and data of the right shape.
    pub fn parse(text: &str) -> Result<BackupFile, BackupError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| BackupError::NotJson(e.to_string()))?;
        if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(BackupError::NotABackup);
        }
        match value.get("version").and_then(|v| v.as_u64()) {
            Some(v) if v == u64::from(VERSION) => {}
            Some(v) if v > u64::from(VERSION) => {
                return Err(BackupError::NewerVersion(u32::try_from(v).unwrap_or(u32::MAX)))
            }
            _ => return Err(BackupError::NotABackup),
        }
        let records = value.get("records").and_then(|r| r.as_array()).ok_or(BackupError::NotABackup)?;
        let mut parsed = Vec::with_capacity(records.len());
        for (index, raw) in records.iter().enumerate() {
            let invalid = |reason: String| BackupError::InvalidRecord { index, reason };
            let record: AnyRecord = serde_json::from_value(raw.clone()).map_err(|e| invalid(e.to_string()))?;
            check_data(&record).map_err(invalid)?;
            parsed.push(record);
        }
        let exported_at = value
            .get("exported_at")
            .cloned()
            .and_then(|v| serde_json::from_value(v).ok())
            .ok_or(BackupError::NotABackup)?;
        Ok(BackupFile { format: FORMAT.to_owned(), version: VERSION, exported_at, records: parsed })
    }
}

fn check_data(record: &AnyRecord) -> Result<(), String> {
    match record.kind {
        RecordKind::Client => {
            let client: Client = serde_json::from_value(record.data.clone()).map_err(|e| e.to_string())?;
            if client.name.trim().is_empty() {
                return Err("client without a name".into());
            }
        }
        RecordKind::Plan => {
            serde_json::from_value::<crate::plan::Plan>(record.data.clone()).map_err(|e| e.to_string())?;
        }
        RecordKind::VisitNote => {
            serde_json::from_value::<crate::visit_note::VisitNote>(record.data.clone()).map_err(|e| e.to_string())?;
        }
        RecordKind::Assessment => {
            serde_json::from_value::<crate::assessment::Assessment>(record.data.clone()).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// What an import did, for the message shown to the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeReport {
    /// Records this device did not have.
    pub added: usize,
    /// Records replaced by the newer version from the file.
    pub updated: usize,
    /// Records where this device already had the same or a newer version.
    pub unchanged: usize,
}

/// The records to write and the report.
#[derive(Debug, Clone, PartialEq)]
pub struct MergeOutcome {
    pub to_write: Vec<AnyRecord>,
    pub report: MergeReport,
}

/// Decides which incoming records to write given the local versions. A
/// deletion in the file never hides a record that is live on this device.
pub fn merge(local: &HashMap<Uuid, RecordMeta>, incoming: Vec<AnyRecord>) -> MergeOutcome {
    // Newest copy of each id within the file first.
    let mut newest: HashMap<Uuid, AnyRecord> = HashMap::new();
    let mut order = Vec::new();
    for record in incoming {
        match newest.get(&record.meta.id) {
            Some(existing) if existing.meta.version_cmp(&record.meta) != Ordering::Less => {}
            Some(_) => {
                newest.insert(record.meta.id, record);
            }
            None => {
                order.push(record.meta.id);
                newest.insert(record.meta.id, record);
            }
        }
    }
    let mut report = MergeReport::default();
    let mut to_write = Vec::new();
    for id in order {
        let record = newest.remove(&id).expect("every ordered id is present");
        match local.get(&id) {
            None => {
                report.added += 1;
                to_write.push(record);
            }
            // A tombstone never replaces a live local record.
            Some(mine)
                if record.meta.version_cmp(mine) == Ordering::Greater && (!record.meta.deleted || mine.deleted) =>
            {
                report.updated += 1;
                to_write.push(record);
            }
            Some(_) => report.unchanged += 1,
        }
    }
    MergeOutcome { to_write, report }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Record;
    use chrono::TimeZone;

    fn at(secs: i64) -> DateTime<Utc> {
        Utc.timestamp_opt(1_700_000_000 + secs, 0).unwrap()
    }

    fn client(id: u128, name: &str, updated: i64) -> AnyRecord {
        let mut meta = RecordMeta::new(Uuid::from_u128(id), "device-a", at(0));
        meta.updated_at = at(updated);
        let record = Record { meta, data: Client { name: name.into(), ..Default::default() } };
        AnyRecord::from_typed(RecordKind::Client, &record).unwrap()
    }

    fn local_of(records: &[AnyRecord]) -> HashMap<Uuid, RecordMeta> {
        records.iter().map(|r| (r.meta.id, r.meta.clone())).collect()
    }

    #[test]
    fn import_adds_missing_updates_older_and_keeps_newer_local() {
        let local = local_of(&[client(1, "古い", 10), client(2, "新しい", 30), client(3, "同じ", 5)]);
        let incoming =
            vec![client(1, "更新", 20), client(2, "古いファイル", 20), client(3, "同じ", 5), client(4, "追加", 1)];
        let outcome = merge(&local, incoming);
        assert_eq!(outcome.report, MergeReport { added: 1, updated: 1, unchanged: 2 });
        let written: Vec<_> = outcome.to_write.iter().map(|r| r.meta.id.as_u128()).collect();
        assert_eq!(written, vec![1, 4]);
    }

    #[test]
    fn a_deletion_in_the_file_never_hides_a_live_local_record() {
        let local = local_of(&[client(1, "生きている", 10)]);
        let mut tombstone = client(1, "生きている", 20);
        tombstone.meta.deleted = true;
        let outcome = merge(&local, vec![tombstone]);
        assert!(outcome.to_write.is_empty());
        assert_eq!(outcome.report.unchanged, 1);
    }

    #[test]
    fn duplicates_within_a_file_keep_the_newest() {
        let outcome =
            merge(&HashMap::new(), vec![client(1, "古い", 10), client(1, "新しい", 20), client(1, "中間", 15)]);
        assert_eq!(outcome.report.added, 1);
        assert_eq!(outcome.to_write[0].data["name"], "新しい");
    }

    #[test]
    fn export_then_parse_round_trips() {
        let file = BackupFile::new(at(0), vec![client(1, "山田", 1)]);
        let text = serde_json::to_string(&file).unwrap();
        assert_eq!(BackupFile::parse(&text).unwrap(), file);
    }

    #[test]
    fn bad_files_are_refused_with_a_reason() {
        assert!(matches!(BackupFile::parse("{"), Err(BackupError::NotJson(_))));
        assert_eq!(BackupFile::parse(r#"{"hello":1}"#), Err(BackupError::NotABackup));
        assert_eq!(
            BackupFile::parse(
                r#"{"format":"renkei-backup","version":99,"exported_at":"2026-01-01T00:00:00Z","records":[]}"#
            ),
            Err(BackupError::NewerVersion(99))
        );
        let mut file = serde_json::to_value(BackupFile::new(at(0), vec![client(1, "山田", 1)])).unwrap();
        file["records"][0]["kind"] = "spaceship".into();
        assert!(matches!(BackupFile::parse(&file.to_string()), Err(BackupError::InvalidRecord { index: 0, .. })));
        let mut file = serde_json::to_value(BackupFile::new(at(0), vec![client(1, "山田", 1)])).unwrap();
        file["records"][0]["data"]["birth_date"] = 12.into();
        assert!(matches!(BackupFile::parse(&file.to_string()), Err(BackupError::InvalidRecord { index: 0, .. })));
    }

    /// Freezes the file layout: a change here breaks every backup users hold.
    #[test]
    fn backup_format_is_frozen() {
        let file = BackupFile::new(at(0), vec![client(1, "山田", 1)]);
        let expected = serde_json::json!({
            "format": "renkei-backup",
            "version": 1,
            "exported_at": "2023-11-14T22:13:20Z",
            "records": [{
                "kind": "client",
                "id": "00000000-0000-0000-0000-000000000001",
                "office_id": null,
                "created_at": "2023-11-14T22:13:20Z",
                "created_by": "device-a",
                "updated_at": "2023-11-14T22:13:21Z",
                "updated_by": "device-a",
                "rev": 1,
                "deleted": false,
                "data": {
                    "name": "山田", "kana": "", "birth_date": null, "services": [],
                    "recipient_number": null, "wishes_self": "", "wishes_family": "",
                    "staff": "", "status": "active", "archived": false,
                    "life_stage_override": null
                }
            }]
        });
        assert_eq!(serde_json::to_value(&file).unwrap(), expected);
    }
}
