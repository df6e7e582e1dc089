//! 社会資源: an agency of the region the office works with, its contact
//! people, how far cooperation with it has come (連携の3段階) and how each
//! side sees the relationship (認識のズレ).
//!
//! The form that edits an agency is `agency_form`.
//!
//! Stored shape: every field is a top-level key, so two devices that change
//! different fields merge without a conflict. Agencies keep their history
//! (`RecordKind::keeps_history`): the stage's earlier values, with who set
//! them and when, are the stage history.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The seed's categories of agencies, in its order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyCategory {
    /// 就労支援機関
    Employment,
    /// 生活支援機関
    Living,
    /// 医療機関
    Medical,
    /// 教育機関
    Education,
    /// 児童分野機関
    Children,
    /// 行政
    Government,
    /// インフォーマル (家族会, ボランティア, 民生委員 …)
    Informal,
    /// その他 (弁護士, 警察 …). Unknown codes from a newer app load as this.
    #[default]
    #[serde(other)]
    Other,
}

impl AgencyCategory {
    pub const ALL: [AgencyCategory; 8] = [
        AgencyCategory::Employment,
        AgencyCategory::Living,
        AgencyCategory::Medical,
        AgencyCategory::Education,
        AgencyCategory::Children,
        AgencyCategory::Government,
        AgencyCategory::Informal,
        AgencyCategory::Other,
    ];

    /// The types of agency in this category, for the form's choices.
    pub fn types(self) -> impl Iterator<Item = AgencyType> {
        AgencyType::ALL.into_iter().filter(move |t| t.category() == Some(self))
    }
}

/// What kind of agency it is. Each type but [`AgencyType::Other`] belongs to
/// one category.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyType {
    /// ハローワーク
    HelloWork,
    /// 地域障害者職業センター
    VocationalCenter,
    /// 障害者就業・生活支援センター
    EmploymentLifeCenter,
    /// 就労移行支援
    TransitionSupport,
    /// 就労継続支援 (A型・B型)
    ContinuedSupport,
    /// 職業訓練機関
    VocationalTraining,
    /// 企業 (雇用先)
    Employer,
    /// 相談支援事業者
    Counseling,
    /// グループホーム
    GroupHome,
    /// ホームヘルプ・移動支援
    HomeHelp,
    /// 医療機関 (病院・診療所)
    Clinic,
    /// 特別支援学校
    SpecialNeedsSchool,
    /// 学校 (小・中・高・大学)
    School,
    /// 保育所・幼稚園
    Nursery,
    /// 児童発達支援・放課後等デイサービス
    ChildDevelopment,
    /// 福祉事務所・市町村
    WelfareOffice,
    /// 年金事務所
    PensionOffice,
    /// 消費生活センター
    ConsumerCenter,
    /// 弁護士
    Lawyer,
    /// 警察
    Police,
    /// その他. Unknown codes from a newer app load as this.
    #[serde(other)]
    Other,
}

impl AgencyType {
    pub const ALL: [AgencyType; 21] = [
        AgencyType::HelloWork,
        AgencyType::VocationalCenter,
        AgencyType::EmploymentLifeCenter,
        AgencyType::TransitionSupport,
        AgencyType::ContinuedSupport,
        AgencyType::VocationalTraining,
        AgencyType::Employer,
        AgencyType::Counseling,
        AgencyType::GroupHome,
        AgencyType::HomeHelp,
        AgencyType::Clinic,
        AgencyType::SpecialNeedsSchool,
        AgencyType::School,
        AgencyType::Nursery,
        AgencyType::ChildDevelopment,
        AgencyType::WelfareOffice,
        AgencyType::PensionOffice,
        AgencyType::ConsumerCenter,
        AgencyType::Lawyer,
        AgencyType::Police,
        AgencyType::Other,
    ];

    /// The category the type belongs to; `None` for その他, which fits any.
    pub fn category(self) -> Option<AgencyCategory> {
        use AgencyCategory as C;
        Some(match self {
            AgencyType::HelloWork
            | AgencyType::VocationalCenter
            | AgencyType::EmploymentLifeCenter
            | AgencyType::TransitionSupport
            | AgencyType::ContinuedSupport
            | AgencyType::VocationalTraining
            | AgencyType::Employer => C::Employment,
            AgencyType::Counseling | AgencyType::GroupHome | AgencyType::HomeHelp => C::Living,
            AgencyType::Clinic => C::Medical,
            AgencyType::SpecialNeedsSchool | AgencyType::School => C::Education,
            AgencyType::Nursery | AgencyType::ChildDevelopment => C::Children,
            AgencyType::WelfareOffice | AgencyType::PensionOffice | AgencyType::ConsumerCenter => C::Government,
            AgencyType::Lawyer | AgencyType::Police => C::Other,
            AgencyType::Other => return None,
        })
    }
}

/// 連携の3段階, from the loosest to the closest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CooperationStage {
    /// Linkage つながり: people exchange information as needs arise and know
    /// whom to call (顔の見える関係).
    Linkage,
    /// Coordination 調整・協力: regular, planned sharing and joint
    /// management of support; the goals are shared.
    Coordination,
    /// Integration 統合・協働: a team across organisations, intensive joint
    /// work in emergencies, a role for the region beyond single cases.
    Integration,
}

impl CooperationStage {
    pub const ALL: [CooperationStage; 3] =
        [CooperationStage::Linkage, CooperationStage::Coordination, CooperationStage::Integration];
}

/// The stage as last set: since when, and why. Earlier settings are the
/// field's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageSetting {
    pub stage: CooperationStage,
    pub since: NaiveDate,
    #[serde(default)]
    pub reason: String,
}

/// How one side sees the relationship (the answers of the seed's survey).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ViewAnswer {
    /// 連携できている
    Cooperating,
    /// 信頼されている
    Trusted,
    /// あまり知らない
    LittleKnown,
    /// 必要ない
    NotNeeded,
    /// まだ聞いていない
    #[default]
    #[serde(other)]
    NotAsked,
}

impl ViewAnswer {
    pub const ALL: [ViewAnswer; 5] = [
        ViewAnswer::Cooperating,
        ViewAnswer::Trusted,
        ViewAnswer::LittleKnown,
        ViewAnswer::NotNeeded,
        ViewAnswer::NotAsked,
    ];

    /// Whether the answer sees the relationship as working: 連携できている
    /// and 信頼されている do, あまり知らない and 必要ない do not; `None` when
    /// not asked.
    pub fn is_positive(self) -> Option<bool> {
        match self {
            ViewAnswer::Cooperating | ViewAnswer::Trusted => Some(true),
            ViewAnswer::LittleKnown | ViewAnswer::NotNeeded => Some(false),
            ViewAnswer::NotAsked => None,
        }
    }
}

/// One side's view and the day it was asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PerceptionView {
    pub answer: ViewAnswer,
    #[serde(default)]
    pub asked_on: Option<NaiveDate>,
}

/// A person we deal with at the agency.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContactPerson {
    /// Stable across edits, so a client's network can name the person.
    pub id: Uuid,
    pub name: String,
    /// 担当, 所長, ジョブコーチ …
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub phone: String,
}

/// 社会資源 (an agency in the office's directory).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Agency {
    #[serde(default)]
    pub name: String,
    /// Reading, for search and order.
    #[serde(default)]
    pub kana: String,
    #[serde(default)]
    pub category: AgencyCategory,
    #[serde(default)]
    pub agency_type: Option<AgencyType>,
    #[serde(default)]
    pub people: Vec<ContactPerson>,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: String,
    /// Opening hours, as written (「平日 8:30〜17:15」).
    #[serde(default)]
    pub hours: String,
    /// What the agency does for our clients.
    #[serde(default)]
    pub services: String,
    #[serde(default)]
    pub notes: String,
    #[serde(default)]
    pub stage: Option<StageSetting>,
    #[serde(default)]
    pub our_view: PerceptionView,
    #[serde(default)]
    pub their_view: PerceptionView,
}

/// The digits a phone number dials, for a `tel:` link: full-width digits
/// count, separators (hyphens, spaces, brackets) do not. `None` when the text
/// holds anything else or too few or too many digits (3 for 110, 15 at most).
pub fn dial_digits(phone: &str) -> Option<String> {
    let mut digits = String::new();
    for (i, c) in phone.trim().chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '０'..='９' => digits.push(char::from(b'0' + (c as u32 - '０' as u32) as u8)),
            '+' | '＋' if i == 0 => digits.push('+'),
            '-' | 'ー' | '－' | '‐' | ' ' | '　' | '(' | ')' | '（' | '）' => {}
            _ => return None,
        }
    }
    let count = digits.trim_start_matches('+').len();
    (3..=15).contains(&count).then_some(digits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_type_but_other_has_one_category_and_every_category_is_offered() {
        for t in AgencyType::ALL {
            match t {
                AgencyType::Other => assert_eq!(t.category(), None),
                _ => assert!(t.category().is_some(), "{t:?}"),
            }
        }
        // インフォーマル has no type of its own: その他 fits it.
        let empty: Vec<_> = AgencyCategory::ALL.into_iter().filter(|c| c.types().next().is_none()).collect();
        assert_eq!(empty, [AgencyCategory::Informal]);
        assert_eq!(AgencyCategory::Employment.types().count(), 7);
    }

    #[test]
    fn unknown_codes_from_a_newer_app_load() {
        let a: Agency = serde_json::from_value(json!({
            "name": "x", "category": "future", "agency_type": "future",
            "our_view": { "answer": "future" }
        }))
        .unwrap();
        assert_eq!(a.category, AgencyCategory::Other);
        assert_eq!(a.agency_type, Some(AgencyType::Other));
        assert_eq!(a.our_view.answer, ViewAnswer::NotAsked);
    }

    #[test]
    fn phone_numbers_dial_their_digits() {
        assert_eq!(dial_digits("03-1234-5678").as_deref(), Some("0312345678"));
        assert_eq!(dial_digits("０９０（１２３４）５６７８").as_deref(), Some("09012345678"));
        assert_eq!(dial_digits("+81 3 1234 5678").as_deref(), Some("+81312345678"));
        assert_eq!(dial_digits("110").as_deref(), Some("110"));
        assert_eq!(dial_digits("12"), None);
        assert_eq!(dial_digits("03-1234-5678 内線12"), None);
        assert_eq!(dial_digits("1+2345"), None);
    }
}
