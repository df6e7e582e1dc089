//! The office's client list as one compact projection: what the 利用者一覧
//! and ホーム show of each client, kept beside the records so opening the
//! list reads and decodes one small value instead of every full client
//! record (and, once records are encrypted, decrypts one value, not 2,000).
//!
//! The store updates it in the same transaction as every write of a client
//! record; [`ClientList::VERSION`] changes when [`ClientSummary`] does, and
//! a stored list of another version is rebuilt from the records.

use crate::client::{Client, ClientStatus};
use crate::kana;
use crate::life_stage::{self, LifeStage};
use crate::record::{AnyRecord, Record, RecordKind};
use crate::service::ServiceUse;
use chrono::{DateTime, NaiveDate, SubsecRound, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// What lists show of a client: enough to sort, search and badge it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClientSummary {
    pub id: Uuid,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub kana: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub birth_date: Option<NaiveDate>,
    /// The staff's chosen life stage, when it overrides the birth date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage_override: Option<LifeStage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub services: Vec<ServiceUse>,
    #[serde(default)]
    pub status: ClientStatus,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub archived: bool,
    /// Milliseconds since the epoch: read thousands of times per list, a
    /// number decodes several times faster than an RFC 3339 text.
    #[serde(with = "chrono::serde::ts_milliseconds")]
    pub updated_at: DateTime<Utc>,
}

impl ClientSummary {
    pub fn of(record: &Record<Client>) -> Self {
        let c = &record.data;
        ClientSummary {
            id: record.meta.id,
            name: c.name.clone(),
            kana: c.kana.clone(),
            birth_date: c.birth_date,
            stage_override: c.life_stage_override.as_ref().map(|o| o.stage),
            services: c.services.clone(),
            status: c.status,
            archived: c.archived,
            // As stored: to the millisecond.
            updated_at: record.meta.updated_at.trunc_subsecs(3),
        }
    }

    /// The summary of a live client record; `None` for other kinds,
    /// tombstones and data that does not read as a client (left out of
    /// lists, as the typed reads leave it out).
    pub fn from_any(record: &AnyRecord) -> Option<Self> {
        if record.kind != RecordKind::Client || record.meta.deleted {
            return None;
        }
        let client: Record<Client> = record.to_typed().ok()?;
        Some(Self::of(&client))
    }

    /// The stage shown on `today`, as [`Client::life_stage`] gives it.
    pub fn life_stage(&self, today: NaiveDate) -> Option<LifeStage> {
        self.stage_override.or_else(|| self.birth_date.map(|b| life_stage::life_stage(b, today)))
    }

    /// The list order, as [`Client::sort_key`] gives it.
    pub fn sort_key(&self) -> (bool, String, String) {
        let k = kana::normalize(&self.kana);
        (k.is_empty(), k, kana::normalize(&self.name))
    }

    /// The list order with the id last, so two clients of one name keep
    /// one order however the list was made.
    fn order_key(&self) -> ((bool, String, String), Uuid) {
        (self.sort_key(), self.id)
    }

    /// In use (利用中) and not archived: counted as an active client.
    pub fn is_active(&self) -> bool {
        !self.archived && self.status == ClientStatus::Active
    }
}

/// Every live client of the device's office, in list order.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClientList {
    #[serde(rename = "v")]
    pub version: u32,
    pub clients: Vec<ClientSummary>,
}

impl ClientList {
    /// The format of [`ClientSummary`]; a list stored with another is rebuilt.
    pub const VERSION: u32 = 2;

    pub fn new() -> Self {
        ClientList { version: Self::VERSION, clients: Vec::new() }
    }

    /// The list of `records` (of any kinds; only live clients count).
    pub fn build<'a>(records: impl IntoIterator<Item = &'a AnyRecord>) -> Self {
        let mut clients: Vec<ClientSummary> = records.into_iter().filter_map(ClientSummary::from_any).collect();
        clients.sort_by_cached_key(ClientSummary::order_key);
        ClientList { version: Self::VERSION, clients }
    }

    /// Whether a stored list can be used as it is.
    pub fn is_current(&self) -> bool {
        self.version == Self::VERSION
    }

    /// Takes in a record as stored now. Returns whether the list changed:
    /// a live client is added or replaced (in its place in the order), a
    /// client moved to the ゴミ箱 or not readable as a client is removed,
    /// and records of other kinds change nothing.
    pub fn apply(&mut self, record: &AnyRecord) -> bool {
        if record.kind != RecordKind::Client {
            return false;
        }
        self.set(record.meta.id, ClientSummary::from_any(record))
    }

    /// Lists client `id` as `summary`, or not at all for `None`. Returns
    /// whether the list changed.
    pub fn set(&mut self, id: Uuid, summary: Option<ClientSummary>) -> bool {
        let Some(summary) = summary else { return self.remove(id) };
        if self.clients.iter().any(|c| c == &summary) {
            return false;
        }
        self.remove(id);
        let key = summary.order_key();
        let at = self.clients.partition_point(|c| c.order_key() < key);
        self.clients.insert(at, summary);
        true
    }

    /// Forgets client `id` (purged). Returns whether it was listed.
    pub fn remove(&mut self, id: Uuid) -> bool {
        let before = self.clients.len();
        self.clients.retain(|c| c.id != id);
        self.clients.len() != before
    }

    /// The `n` most recently changed clients, newest first.
    pub fn recent(&self, n: usize) -> Vec<&ClientSummary> {
        let mut recent: Vec<&ClientSummary> = self.clients.iter().collect();
        recent.sort_by_key(|c| std::cmp::Reverse(c.updated_at));
        recent.truncate(n);
        recent
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::life_stage::LifeStageOverride;
    use crate::record::RecordMeta;
    use crate::service::ServiceType;
    use chrono::TimeZone;

    fn at(min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 1, 9, min, 0).unwrap()
    }

    fn client(name: &str, kana: &str, min: u32) -> AnyRecord {
        let mut meta = RecordMeta::new(Uuid::from_u128(u128::from(min) + 1), "device", at(min));
        meta.updated_at = at(min);
        let data = Client { name: name.into(), kana: kana.into(), ..Client::default() };
        AnyRecord::from_typed(RecordKind::Client, &Record { meta, data }).unwrap()
    }

    fn names(list: &ClientList) -> Vec<&str> {
        list.clients.iter().map(|c| c.name.as_str()).collect()
    }

    #[test]
    fn built_in_reading_order_with_clients_only() {
        let mut gone = client("削除 済", "さくじょ", 3);
        gone.meta.deleted = true;
        let mut note = client("記録", "きろく", 4);
        note.kind = RecordKind::VisitNote;
        let unread = AnyRecord { data: serde_json::json!({"name": 7}), ..client("壊れ", "こわれ", 5) };
        let records = [
            client("山田 花子", "ヤマダ ハナコ", 1),
            client("青木 一郎", "あおき いちろう", 2),
            client("読みなし", "", 6),
            gone,
            note,
            unread,
        ];
        let list = ClientList::build(&records);
        assert_eq!(names(&list), ["青木 一郎", "山田 花子", "読みなし"]);
        assert!(list.is_current());
    }

    #[test]
    fn apply_adds_moves_and_removes_in_order() {
        let mut list = ClientList::build(&[client("青木", "あおき", 1), client("山田", "やまだ", 2)]);
        let kato = client("加藤", "かとう", 3);
        assert!(list.apply(&kato));
        assert_eq!(names(&list), ["青木", "加藤", "山田"]);
        assert!(!list.apply(&kato), "the same record again changes nothing");

        // A new reading moves the client to its new place.
        let mut renamed = kato.clone();
        renamed.data = serde_json::json!({"name": "和田", "kana": "わだ"});
        assert!(list.apply(&renamed));
        assert_eq!(names(&list), ["青木", "山田", "和田"]);

        let mut trashed = renamed.clone();
        trashed.meta.deleted = true;
        assert!(list.apply(&trashed));
        assert_eq!(names(&list), ["青木", "山田"]);
        assert!(!list.apply(&trashed));

        let mut plan = client("計画", "けいかく", 4);
        plan.kind = RecordKind::Plan;
        assert!(!list.apply(&plan));

        assert!(list.remove(list.clients[0].id));
        assert_eq!(names(&list), ["山田"]);
    }

    #[test]
    fn applying_every_record_in_any_order_equals_building() {
        let records: Vec<AnyRecord> = ["わ", "あ", "か", "さ", "た", "な", "は", "ま", "や", "ら"]
            .iter()
            .enumerate()
            .map(|(i, k)| client(if i % 3 == 0 { "同名" } else { "氏名" }, k, i as u32))
            .chain((20..24).map(|i| client("同姓 同名", "どうせい", i)))
            .collect();
        let built = ClientList::build(&records);
        let mut applied = ClientList::new();
        for r in records.iter().rev() {
            applied.apply(r);
        }
        assert_eq!(applied, built);
    }

    #[test]
    fn summary_keeps_what_lists_show() {
        let mut record: Record<Client> = client("山田", "やまだ", 1).into_typed().unwrap();
        record.data.birth_date = NaiveDate::from_ymd_opt(2010, 5, 1);
        record.data.archived = true;
        record.data.status = ClientStatus::Ended;
        record.data.services = vec![ServiceUse { service: ServiceType::ALL[0], start: None, end: None }];
        let today = NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        let summary = ClientSummary::of(&record);
        assert_eq!(summary.life_stage(today), record.data.life_stage(today));
        assert_eq!(summary.sort_key(), record.data.sort_key());
        assert!(!summary.is_active());
        assert_eq!(summary.services, record.data.services);

        record.data.life_stage_override =
            Some(LifeStageOverride { stage: LifeStage::Adulthood, reason: "本人の希望".into() });
        let summary = ClientSummary::of(&record);
        assert_eq!(summary.life_stage(today), Some(LifeStage::Adulthood));
    }

    #[test]
    fn recent_is_newest_first() {
        let list = ClientList::build(&[client("a", "あ", 5), client("b", "い", 9), client("c", "う", 1)]);
        let recent: Vec<&str> = list.recent(2).iter().map(|c| c.name.as_str()).collect();
        assert_eq!(recent, ["b", "a"]);
    }

    #[test]
    fn round_trips_compactly() {
        let list = ClientList::build(&[client("山田", "やまだ", 1)]);
        let json = serde_json::to_string(&list).unwrap();
        assert!(!json.contains("archived") && !json.contains("services"), "defaults are left out: {json}");
        assert!(json.contains(r#""updated_at":1775034060000"#), "{json}");
        assert_eq!(serde_json::from_str::<ClientList>(&json).unwrap(), list);

        // A change stamped to the nanosecond reads back equal.
        let mut fine = client("山田", "やまだ", 1);
        fine.meta.updated_at += chrono::Duration::nanoseconds(123_456_789);
        let list = ClientList::build(&[fine]);
        let json = serde_json::to_string(&list).unwrap();
        assert_eq!(serde_json::from_str::<ClientList>(&json).unwrap(), list);
    }
}
