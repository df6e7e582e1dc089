//! バックアップ: the JSON file a user exports from a device and imports into
//! another. Import merges field by field like sync (the app's store does it:
//! a differing value becomes a 競合, never a silent overwrite); it never
//! deletes or hides a local record, and a file with any invalid record is
//! refused as a whole so a bad file changes nothing.

use crate::client::Client;
use crate::record::{AnyRecord, RecordKind};
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
        RecordKind::Agency => {
            let agency: crate::network::Agency =
                serde_json::from_value(record.data.clone()).map_err(|e| e.to_string())?;
            if agency.name.trim().is_empty() {
                return Err("agency without a name".into());
            }
        }
        RecordKind::Contact => {
            serde_json::from_value::<crate::network::Contact>(record.data.clone()).map_err(|e| e.to_string())?;
        }
        RecordKind::NetworkLink => {
            serde_json::from_value::<crate::network::NetworkLink>(record.data.clone()).map_err(|e| e.to_string())?;
        }
        RecordKind::Transition => {
            serde_json::from_value::<crate::network::Transition>(record.data.clone()).map_err(|e| e.to_string())?;
        }
        RecordKind::HandoverPrint => {
            serde_json::from_value::<crate::network::HandoverPrint>(record.data.clone()).map_err(|e| e.to_string())?;
        }
        RecordKind::Meeting => {
            serde_json::from_value::<crate::meeting::Meeting>(record.data.clone()).map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// What an import did, for the message shown to the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeReport {
    /// Records this device did not have.
    pub added: usize,
    /// Records that took fields from the file without any 競合.
    pub updated: usize,
    /// Records where this device already held every value of the file.
    pub unchanged: usize,
    /// Records where a value of the file differs from this device's: both
    /// are kept as a 競合 for the user to settle.
    #[serde(default)]
    pub conflicts: usize,
}

/// The newest copy of each record of a file, in the order ids first appear:
/// a file may hold one record more than once (files concatenated by hand).
pub fn newest_copies(records: Vec<AnyRecord>) -> Vec<AnyRecord> {
    let mut newest: HashMap<Uuid, AnyRecord> = HashMap::new();
    let mut order = Vec::new();
    for record in records {
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
    order.into_iter().filter_map(|id| newest.remove(&id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{Record, RecordMeta};
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

    #[test]
    fn duplicates_within_a_file_keep_the_newest() {
        let records = newest_copies(vec![
            client(1, "古い", 10),
            client(2, "別", 1),
            client(1, "新しい", 20),
            client(1, "中間", 15),
        ]);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].data["name"], "新しい");
        assert_eq!(records[1].data["name"], "別");
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
