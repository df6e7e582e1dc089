//! What staff record for one item: a rating, a note, the client's own words
//! and strengths.

use serde::{Deserialize, Serialize};

/// The rating of one item. The wire names never change.
///
/// 未確認 is "not looked at yet", not "no problem": it is kept apart from
/// the four real ratings so an unfinished assessment does not look better
/// (or worse) than it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rating {
    /// 未確認
    #[default]
    Unconfirmed,
    /// 課題なし
    NoIssue,
    /// 見守り
    Watch,
    /// 一部支援が必要
    PartialSupport,
    /// 支援が必要
    NeedsSupport,
}

impl Rating {
    /// In the order the UI offers them.
    pub const ALL: [Rating; 5] =
        [Rating::Unconfirmed, Rating::NoIssue, Rating::Watch, Rating::PartialSupport, Rating::NeedsSupport];

    pub fn label_ja(self) -> &'static str {
        match self {
            Rating::Unconfirmed => "未確認",
            Rating::NoIssue => "課題なし",
            Rating::Watch => "見守り",
            Rating::PartialSupport => "一部支援が必要",
            Rating::NeedsSupport => "支援が必要",
        }
    }

    /// The wire and storage name.
    pub fn code(self) -> &'static str {
        match self {
            Rating::Unconfirmed => "unconfirmed",
            Rating::NoIssue => "no_issue",
            Rating::Watch => "watch",
            Rating::PartialSupport => "partial_support",
            Rating::NeedsSupport => "needs_support",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// How much support the rating says is needed: 課題なし 0, 見守り 1,
    /// 一部支援が必要 2, 支援が必要 3; `None` for 未確認 (nothing known).
    pub fn need_level(self) -> Option<u8> {
        match self {
            Rating::Unconfirmed => None,
            Rating::NoIssue => Some(0),
            Rating::Watch => Some(1),
            Rating::PartialSupport => Some(2),
            Rating::NeedsSupport => Some(3),
        }
    }

    pub fn is_rated(self) -> bool {
        self.need_level().is_some()
    }

    /// 一部支援が必要 or 支援が必要: the item can become a plan goal.
    pub fn needs_support(self) -> bool {
        matches!(self, Rating::PartialSupport | Rating::NeedsSupport)
    }
}

/// One item of an assessment. Stored as one top-level field of the record
/// (see the module docs), so its four parts are edited and merged together.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ItemEntry {
    #[serde(default)]
    pub rating: Rating,
    /// 所見・メモ
    #[serde(default)]
    pub note: String,
    /// 本人の言葉
    #[serde(default)]
    pub own_words: String,
    /// ストレングス
    #[serde(default)]
    pub strengths: String,
}

impl ItemEntry {
    /// An entry with nothing in it, as shown for an item not yet touched.
    pub const EMPTY: ItemEntry = ItemEntry {
        rating: Rating::Unconfirmed,
        note: String::new(),
        own_words: String::new(),
        strengths: String::new(),
    };

    pub fn is_empty(&self) -> bool {
        self == &Self::EMPTY
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_have_stable_names_labels_and_levels() {
        let cases = [
            (Rating::Unconfirmed, "\"unconfirmed\"", "未確認", None, false),
            (Rating::NoIssue, "\"no_issue\"", "課題なし", Some(0), false),
            (Rating::Watch, "\"watch\"", "見守り", Some(1), false),
            (Rating::PartialSupport, "\"partial_support\"", "一部支援が必要", Some(2), true),
            (Rating::NeedsSupport, "\"needs_support\"", "支援が必要", Some(3), true),
        ];
        for (rating, json, label, level, goal) in cases {
            assert_eq!(serde_json::to_string(&rating).unwrap(), json);
            assert_eq!(serde_json::from_str::<Rating>(json).unwrap(), rating);
            assert_eq!(Rating::from_code(rating.code()), Some(rating));
            assert_eq!(format!("\"{}\"", rating.code()), json);
            assert_eq!(rating.label_ja(), label);
            assert_eq!(rating.need_level(), level);
            assert_eq!(rating.is_rated(), level.is_some());
            assert_eq!(rating.needs_support(), goal, "{label}");
        }
        assert_eq!(Rating::from_code("bad"), None);
        assert!(serde_json::from_str::<Rating>("\"excellent\"").is_err(), "an unknown rating is an error, not 未確認");
    }

    #[test]
    fn an_entry_loads_from_partial_json() {
        let e: ItemEntry = serde_json::from_str(r#"{"rating":"watch"}"#).unwrap();
        assert_eq!(e, ItemEntry { rating: Rating::Watch, ..Default::default() });
        let e: ItemEntry = serde_json::from_str("{}").unwrap();
        assert!(e.is_empty());
        assert_eq!(ItemEntry::default(), ItemEntry::EMPTY);
        assert!(!ItemEntry { note: "x".into(), ..Default::default() }.is_empty());
    }
}
