//! 8領域の生活アセスメント (docs/assessment.md): a dated assessment of one client
//! against the eight-domain catalogue, its per-domain scores, the comparison
//! of two assessments, and the items that can become plan goals.
//!
//! # Stored shape
//!
//! Records sync with a per-field merge of the JSON object's top-level keys
//! (`crate::sync::merge`): two devices editing different keys merge cleanly,
//! the same key edited on both becomes a conflict the user settles. So each
//! item is its own top-level key, `"item:<item id>"`, holding the whole entry
//! (rating, note, own words, strengths). Two staff filling in different items
//! of one assessment offline never collide; two editing the same item see a
//! conflict on that item only.
//!
//! ```json
//! {
//!   "client_id": "6f1c…",
//!   "date": "2026-04-01",
//!   "assessed_by": { "staff_id": "0b9e…", "name": "佐藤 花子" },
//!   "catalogue_version": 1,
//!   "overall_note": "…",
//!   "item:health.diet": { "rating": "watch", "note": "…", "own_words": "…", "strengths": "…" }
//! }
//! ```
//!
//! Items never touched have no key and read as 未確認. An entry is never
//! removed once written: the merge only carries keys that are present, so a
//! removed key would not reach other devices. Clearing an item writes an
//! empty entry instead ([`Assessment::set_entry`] with [`ItemEntry::EMPTY`]).
//! Keys this app does not know (written by a newer app) are kept and written
//! back unchanged.
//!
//! The record's id, office and timestamps live in the record envelope
//! ([`crate::record::Record`]); [`AssessmentRecord`] is that pairing.

pub mod catalogue;
pub mod chart;
pub mod compare;
pub mod entry;
pub mod goal;
pub mod score;
pub mod view;

pub use catalogue::{catalogue, Catalogue, Domain, Item, CURRENT_VERSION};
pub use compare::{compare, Comparison, DomainComparison, ItemChange, ItemComparison};
pub use entry::{ItemEntry, Rating};
pub use goal::GoalSeed;
pub use score::{score_explanation_ja, support_need_score, DomainSummary};
pub use view::{AssessmentView, DomainView, ItemView};

use chrono::NaiveDate;
use serde::de::{self, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;
use uuid::Uuid;

/// The prefix of an item's top-level key: `"item:health.diet"`.
pub const ITEM_KEY_PREFIX: &str = "item:";

/// The top-level key holding item `item_id` (e.g. to show a merge conflict
/// on the right item).
pub fn item_key(item_id: &str) -> String {
    format!("{ITEM_KEY_PREFIX}{item_id}")
}

/// The item id of a top-level key, if it is an item key.
pub fn item_id_of_key(key: &str) -> Option<&str> {
    key.strip_prefix(ITEM_KEY_PREFIX)
}

/// An assessment with its record envelope (id, office, created/updated).
pub type AssessmentRecord = crate::record::Record<Assessment>;

/// Who made the assessment. The staff id is `None` on a device not yet
/// signed in to an office; the name is kept as typed so the sheet stays
/// readable after the staff member leaves.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AssessedBy {
    #[serde(default)]
    pub staff_id: Option<Uuid>,
    #[serde(default)]
    pub name: String,
    /// The job role the assessor acted in; the assessment of a plan cycle
    /// belongs to the サビ管/児発管. Older assessments have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<crate::plan::JobRole>,
}

/// Why an assessment cannot be shown with its catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum AssessmentError {
    #[error("made with catalogue version {0}, which this app does not know (update the app)")]
    UnknownCatalogue(u32),
}

impl AssessmentError {
    pub fn message_ja(&self) -> String {
        match self {
            AssessmentError::UnknownCatalogue(v) => {
                format!("この評価は新しい評価項目（第{v}版）で作成されています。アプリを更新してください。")
            }
        }
    }
}

/// One dated eight-domain assessment of one client.
///
/// `client_id` and `date` are required when loading: an assessment that
/// cannot be placed in a client's history is an error, not a silent
/// 1970-01-01. Everything else has a default so older or partial JSON
/// loads; a missing `catalogue_version` means version 1, the only version
/// that existed before the field could be missing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub client_id: Uuid,
    /// 実施日
    pub date: NaiveDate,
    /// 評価者
    #[serde(default)]
    pub assessed_by: AssessedBy,
    /// The catalogue this assessment was made with; never changes afterwards.
    #[serde(default = "first_version")]
    pub catalogue_version: u32,
    /// 総合所見
    #[serde(default)]
    pub overall_note: String,
    /// 本人との面接の記録: what the client said in the interview. Without it
    /// the assessment does not count as the アセスメント of a plan.
    #[serde(default)]
    pub interview: String,
    #[serde(flatten)]
    fields: Entries,
}

/// Borrowed for items never touched (a `const` with `String`s cannot be).
static EMPTY_ENTRY: ItemEntry = ItemEntry::EMPTY;

fn first_version() -> u32 {
    1
}

/// An assessment is edited as it is: every part of it is a valid value at
/// every moment (a date typed wrong is not taken until it is a date), and
/// its items are separate fields, so another device's rating of a different
/// item comes into an open form untouched.
impl crate::EditForm for Assessment {
    type Data = Assessment;
    type Problem = std::convert::Infallible;
    const KIND: crate::RecordKind = crate::RecordKind::Assessment;

    fn from_data(data: &Assessment) -> Self {
        data.clone()
    }

    fn to_data(&self, _base: Option<&Assessment>, _today: NaiveDate) -> Result<Assessment, Vec<Self::Problem>> {
        Ok(self.clone())
    }
}

impl Assessment {
    /// A new, empty assessment on the current catalogue.
    pub fn new(client_id: Uuid, date: NaiveDate, assessed_by: AssessedBy) -> Self {
        Self::with_catalogue(client_id, date, assessed_by, CURRENT_VERSION)
    }

    /// A new, empty assessment on a given catalogue version.
    pub fn with_catalogue(client_id: Uuid, date: NaiveDate, assessed_by: AssessedBy, catalogue_version: u32) -> Self {
        Assessment {
            client_id,
            date,
            assessed_by,
            catalogue_version,
            overall_note: String::new(),
            interview: String::new(),
            fields: Entries::default(),
        }
    }

    /// The catalogue this assessment was made with.
    pub fn catalogue(&self) -> Result<&'static Catalogue, AssessmentError> {
        catalogue::catalogue(self.catalogue_version).ok_or(AssessmentError::UnknownCatalogue(self.catalogue_version))
    }

    /// The entry of an item; [`ItemEntry::EMPTY`] if it was never touched.
    pub fn entry(&self, item_id: &str) -> &ItemEntry {
        self.fields.items.get(item_id).unwrap_or(&EMPTY_ENTRY)
    }

    /// The rating of an item (未確認 if never touched).
    pub fn rating(&self, item_id: &str) -> Rating {
        self.entry(item_id).rating
    }

    /// Whether an entry was ever written for the item.
    pub fn has_entry(&self, item_id: &str) -> bool {
        self.fields.items.contains_key(item_id)
    }

    /// Every stored entry by item id, including ids the catalogue does not
    /// know.
    pub fn entries(&self) -> impl Iterator<Item = (&str, &ItemEntry)> {
        self.fields.items.iter().map(|(k, v)| (k.as_str(), v))
    }

    /// Writes an item's entry. An empty entry is stored too (see the module
    /// docs: removing a key would not sync).
    pub fn set_entry(&mut self, item_id: &str, entry: ItemEntry) {
        self.fields.items.insert(item_id.to_owned(), entry);
    }

    /// The entry of an item for editing, created empty if missing.
    pub fn entry_mut(&mut self, item_id: &str) -> &mut ItemEntry {
        self.fields.items.entry(item_id.to_owned()).or_default()
    }

    /// Top-level keys written by a newer app, kept as they are.
    pub fn unknown_fields(&self) -> &BTreeMap<String, serde_json::Value> {
        &self.fields.other
    }
}

/// The item entries and any unknown keys, (de)serialized as top-level keys
/// of the assessment object.
#[derive(Debug, Clone, PartialEq, Default)]
struct Entries {
    items: BTreeMap<String, ItemEntry>,
    other: BTreeMap<String, serde_json::Value>,
}

impl Serialize for Entries {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.items.len() + self.other.len()))?;
        for (id, entry) in &self.items {
            map.serialize_entry(&item_key(id), entry)?;
        }
        for (key, value) in &self.other {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Entries {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct EntriesVisitor;

        impl<'de> Visitor<'de> for EntriesVisitor {
            type Value = Entries;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an assessment object")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Entries, A::Error> {
                let mut out = Entries::default();
                while let Some(key) = map.next_key::<String>()? {
                    match item_id_of_key(&key) {
                        Some(id) => {
                            let entry = map
                                .next_value::<ItemEntry>()
                                .map_err(|e| de::Error::custom(format_args!("{key}: {e}")))?;
                            out.items.insert(id.to_owned(), entry);
                        }
                        None => {
                            let value = map.next_value::<serde_json::Value>()?;
                            out.other.insert(key, value);
                        }
                    }
                }
                Ok(out)
            }
        }

        deserializer.deserialize_map(EntriesVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::RecordKind;
    use crate::sync::{Change, Clock, RecordState};
    use serde_json::{json, Map, Value};

    fn client() -> Uuid {
        Uuid::from_u128(0x6f1c)
    }

    fn sample() -> Assessment {
        let by = AssessedBy { staff_id: Some(Uuid::from_u128(0x0b9e)), name: "佐藤 花子".into(), role: None };
        let mut a = Assessment::new(client(), NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(), by);
        a.overall_note = "一人暮らしに向けて".into();
        a.set_entry(
            "health.diet",
            ItemEntry {
                rating: Rating::Watch,
                note: "朝食を抜きがち".into(),
                own_words: "パンなら食べられる".into(),
                strengths: "自炊に興味がある".into(),
            },
        );
        a.entry_mut("work.role").rating = Rating::NeedsSupport;
        a
    }

    #[test]
    fn each_item_is_its_own_top_level_key() {
        let value = serde_json::to_value(sample()).unwrap();
        assert_eq!(
            value,
            json!({
                "client_id": "00000000-0000-0000-0000-000000006f1c",
                "date": "2026-04-01",
                "assessed_by": { "staff_id": "00000000-0000-0000-0000-000000000b9e", "name": "佐藤 花子" },
                "catalogue_version": 2,
                "overall_note": "一人暮らしに向けて",
                "interview": "",
                "item:health.diet": {
                    "rating": "watch",
                    "note": "朝食を抜きがち",
                    "own_words": "パンなら食べられる",
                    "strengths": "自炊に興味がある"
                },
                "item:work.role": { "rating": "needs_support", "note": "", "own_words": "", "strengths": "" }
            })
        );
        let back: Assessment = serde_json::from_value(value).unwrap();
        assert_eq!(back, sample());
    }

    #[test]
    fn older_or_partial_json_loads_with_defaults() {
        let a: Assessment = serde_json::from_value(json!({
            "client_id": "00000000-0000-0000-0000-000000006f1c",
            "date": "2025-10-01",
            "item:mobility.safety": { "rating": "no_issue" }
        }))
        .unwrap();
        assert_eq!(a.catalogue_version, 1);
        assert_eq!(a.assessed_by, AssessedBy::default());
        assert_eq!(a.overall_note, "");
        assert_eq!(a.rating("mobility.safety"), Rating::NoIssue);
        assert_eq!(a.entry("mobility.safety").note, "");
        assert_eq!(a.rating("mobility.convenience"), Rating::Unconfirmed);
        assert!(!a.has_entry("mobility.convenience"));
    }

    #[test]
    fn bad_input_is_a_clear_error() {
        let base = || {
            let mut v = serde_json::to_value(sample()).unwrap();
            v.as_object_mut().unwrap().remove("item:work.role");
            v
        };
        let cases: [(&str, Value, &str); 4] = [
            ("unknown rating", json!({ "item:work.role": { "rating": "excellent" } }), "item:work.role"),
            ("entry not an object", json!({ "item:work.role": 5 }), "item:work.role"),
            ("bad date", json!({ "date": "2026-02-30" }), ""),
            ("bad version", json!({ "catalogue_version": "one" }), ""),
        ];
        for (name, patch, mentions) in cases {
            let mut v = base();
            for (k, x) in patch.as_object().unwrap() {
                v[k] = x.clone();
            }
            let err = serde_json::from_value::<Assessment>(v).expect_err(name);
            assert!(err.to_string().contains(mentions), "{name}: {err}");
        }
        let mut missing_client = base();
        missing_client.as_object_mut().unwrap().remove("client_id");
        assert!(serde_json::from_value::<Assessment>(missing_client).is_err());
    }

    #[test]
    fn unknown_keys_and_item_ids_survive_a_round_trip() {
        let mut v = serde_json::to_value(sample()).unwrap();
        v["photo"] = json!({ "ref": "abc" });
        v["item:health.future_item"] = json!({ "rating": "watch", "note": "新しい項目" });
        let a: Assessment = serde_json::from_value(v.clone()).unwrap();
        assert_eq!(a.unknown_fields()["photo"], json!({ "ref": "abc" }));
        assert_eq!(a.entry("health.future_item").note, "新しい項目");
        let again = serde_json::to_value(&a).unwrap();
        assert_eq!(again["photo"], v["photo"]);
        assert_eq!(again["item:health.future_item"]["note"], json!("新しい項目"));
        assert_eq!(again.as_object().unwrap().len(), v.as_object().unwrap().len());
    }

    #[test]
    fn clearing_an_item_keeps_its_key_so_the_clearing_syncs() {
        let mut a = sample();
        a.set_entry("health.diet", ItemEntry::EMPTY);
        let v = serde_json::to_value(&a).unwrap();
        assert_eq!(
            v["item:health.diet"],
            json!({ "rating": "unconfirmed", "note": "", "own_words": "", "strengths": "" })
        );
        assert_eq!(a.rating("health.diet"), Rating::Unconfirmed);
    }

    #[test]
    fn item_keys_map_both_ways() {
        assert_eq!(item_key("health.diet"), "item:health.diet");
        assert_eq!(item_id_of_key("item:health.diet"), Some("health.diet"));
        assert_eq!(item_id_of_key("overall_note"), None);
    }

    #[test]
    fn unknown_catalogue_is_an_error_with_a_japanese_message() {
        let mut a = sample();
        a.catalogue_version = 99;
        let err = a.catalogue().unwrap_err();
        assert_eq!(err, AssessmentError::UnknownCatalogue(99));
        assert!(err.message_ja().contains("第99版"));
        assert_eq!(sample().catalogue().unwrap().version(), CURRENT_VERSION);
    }

    fn as_map(a: &Assessment) -> Map<String, Value> {
        match serde_json::to_value(a).unwrap() {
            Value::Object(m) => m,
            _ => unreachable!("an assessment is an object"),
        }
    }

    fn change(device: &str, seq: u64, writes: Vec<crate::sync::FieldWrite>) -> Change {
        Change { device_id: device.into(), seq, record_id: Uuid::nil(), kind: RecordKind::Client, writes, author: None }
    }

    #[test]
    fn two_devices_rating_different_items_merge_and_the_same_item_conflicts() {
        let mut state = RecordState::new(Uuid::nil(), RecordKind::Client);
        let (mut a, mut b) = (Clock::new("a"), Clock::new("b"));
        let created = sample();
        state.apply(&change("a", 1, state.edit(&as_map(&created), &mut a, 10)));
        let base = state.data();

        // Offline on both devices: a rates housing and edits the diet note,
        // b rates transport and edits the diet rating.
        let mut on_a = created.clone();
        on_a.entry_mut("living.housing").rating = Rating::PartialSupport;
        on_a.entry_mut("health.diet").note = "昼食は作業所で".into();
        let mut on_b = created.clone();
        on_b.entry_mut("mobility.public_transport").rating = Rating::NoIssue;
        on_b.entry_mut("health.diet").rating = Rating::NoIssue;

        let from_a = change("a", 2, state.edit_from(Some(&base), &as_map(&on_a), &mut a, 20));
        let from_b = change("b", 1, state.edit_from(Some(&base), &as_map(&on_b), &mut b, 21));
        assert_eq!(from_a.writes.len(), 2, "only the touched items are written");
        state.apply(&from_a);
        state.apply(&from_b);

        let merged: Assessment = serde_json::from_value(Value::Object(state.data())).unwrap();
        assert_eq!(merged.rating("living.housing"), Rating::PartialSupport);
        assert_eq!(merged.rating("mobility.public_transport"), Rating::NoIssue);
        assert_eq!(state.conflicted_fields(), vec!["item:health.diet"]);
    }

    #[test]
    fn another_devices_rating_of_a_different_item_comes_into_an_open_assessment() {
        use crate::EditForm;
        let base = sample();
        let mut mine = base.clone();
        mine.entry_mut("health.diet").note = "朝食を抜きがち".into();
        let mut theirs = base.clone();
        theirs.entry_mut("health.health_care").rating = Rating::NeedsSupport;
        let r = mine.rebase(&base, &theirs);
        assert_eq!(r.form.entry("health.diet").note, "朝食を抜きがち");
        assert_eq!(r.form.rating("health.health_care"), Rating::NeedsSupport);
        assert!(r.clashes.is_empty());
    }
}
