//! 社会資源: an agency of the region the office works with, its contact
//! people, how far cooperation with it has come (連携の3段階) and how each
//! side sees the relationship (認識のズレ).
//!
//! Stored shape: every field is a top-level key, so two devices that change
//! different fields merge without a conflict. Agencies keep their history
//! (`RecordKind::keeps_history`): the stage's earlier values, with who set
//! them and when, are the stage history.

use crate::client::{FieldProblem, MAX_TEXT};
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

/// Fields of the agency form, for attaching errors to the right input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyField {
    Name,
    Kana,
    AgencyType,
    Phone,
    /// A contact person's name, by their place in the list.
    PersonName(usize),
    PersonPhone(usize),
    StageSince,
    StageReason,
    OurViewAskedOn,
    TheirViewAskedOn,
    /// Any of the free texts (address, hours, services, notes).
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyError {
    pub field: AgencyField,
    pub problem: FieldProblem,
}

impl crate::form::FieldIssue for AgencyError {
    type Field = AgencyField;
    fn field(&self) -> AgencyField {
        self.field
    }
    fn problem(&self) -> FieldProblem {
        self.problem
    }
}

/// A contact person as typed. The app gives a row its id when it adds it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PersonForm {
    pub id: Uuid,
    pub name: String,
    pub role: String,
    pub phone: String,
}

/// The agency as typed: dates as the inputs give them, the stage and the
/// views as chosen (empty: none).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct AgencyForm {
    pub name: String,
    pub kana: String,
    pub category: AgencyCategory,
    pub agency_type: Option<AgencyType>,
    pub people: Vec<PersonForm>,
    pub phone: String,
    pub address: String,
    pub hours: String,
    pub services: String,
    pub notes: String,
    pub stage: Option<CooperationStage>,
    pub stage_since: String,
    pub stage_reason: String,
    pub our_view: ViewAnswer,
    pub our_view_asked_on: String,
    pub their_view: ViewAnswer,
    pub their_view_asked_on: String,
}

/// Longest name, role, phone or hours kept.
pub const MAX_SHORT: usize = 200;

fn date_text(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl From<&Agency> for AgencyForm {
    fn from(a: &Agency) -> Self {
        AgencyForm {
            name: a.name.clone(),
            kana: a.kana.clone(),
            category: a.category,
            agency_type: a.agency_type,
            people: a
                .people
                .iter()
                .map(|p| PersonForm { id: p.id, name: p.name.clone(), role: p.role.clone(), phone: p.phone.clone() })
                .collect(),
            phone: a.phone.clone(),
            address: a.address.clone(),
            hours: a.hours.clone(),
            services: a.services.clone(),
            notes: a.notes.clone(),
            stage: a.stage.as_ref().map(|s| s.stage),
            stage_since: date_text(a.stage.as_ref().map(|s| s.since)),
            stage_reason: a.stage.as_ref().map(|s| s.reason.clone()).unwrap_or_default(),
            our_view: a.our_view.answer,
            our_view_asked_on: date_text(a.our_view.asked_on),
            their_view: a.their_view.answer,
            their_view_asked_on: date_text(a.their_view.asked_on),
        }
    }
}

impl crate::EditForm for AgencyForm {
    type Data = Agency;
    type Problem = AgencyError;
    const KIND: crate::RecordKind = crate::RecordKind::Agency;

    fn from_data(data: &Agency) -> Self {
        AgencyForm::from(data)
    }

    fn to_data(&self, _base: Option<&Agency>, today: NaiveDate) -> Result<Agency, Vec<AgencyError>> {
        self.validate(today)
    }
}

impl AgencyForm {
    /// Checks every field and returns the agency, or every problem found.
    /// Dates may not lie after `today`: they say when something happened.
    pub fn validate(&self, today: NaiveDate) -> Result<Agency, Vec<AgencyError>> {
        let mut errors = Vec::new();
        let mut err = |field, problem| errors.push(AgencyError { field, problem });
        let mut short = |field, text: &str, required: bool| {
            let text = text.trim();
            if required && text.is_empty() {
                err(field, FieldProblem::Required);
            } else if text.chars().count() > MAX_SHORT {
                err(field, FieldProblem::TooLong);
            }
        };
        short(AgencyField::Name, &self.name, true);
        short(AgencyField::Text, &self.hours, false);
        let kana = self.kana.trim();
        if kana.chars().count() > MAX_SHORT {
            err(AgencyField::Kana, FieldProblem::TooLong);
        } else if !kana.is_empty() && !crate::kana::is_kana(kana) {
            err(AgencyField::Kana, FieldProblem::NotKana);
        }
        if let Some(t) = self.agency_type {
            if t.category().is_some_and(|c| c != self.category) {
                err(AgencyField::AgencyType, FieldProblem::NotInCategory);
            }
        }
        if !self.phone.trim().is_empty() && dial_digits(&self.phone).is_none() {
            err(AgencyField::Phone, FieldProblem::NotAPhone);
        }
        for text in [&self.address, &self.services, &self.notes] {
            if text.chars().count() > MAX_TEXT {
                err(AgencyField::Text, FieldProblem::TooLong);
            }
        }

        let mut people = Vec::new();
        for (i, p) in self.people.iter().enumerate() {
            let (name, role, phone) = (p.name.trim(), p.role.trim(), p.phone.trim());
            if name.is_empty() && role.is_empty() && phone.is_empty() {
                continue; // a row added and left empty
            }
            if name.is_empty() {
                err(AgencyField::PersonName(i), FieldProblem::Required);
            } else if name.chars().count() > MAX_SHORT || role.chars().count() > MAX_SHORT {
                err(AgencyField::PersonName(i), FieldProblem::TooLong);
            }
            if !phone.is_empty() && dial_digits(phone).is_none() {
                err(AgencyField::PersonPhone(i), FieldProblem::NotAPhone);
            }
            people.push(ContactPerson {
                id: p.id,
                name: name.to_owned(),
                role: role.to_owned(),
                phone: phone.to_owned(),
            });
        }

        let mut past_date = |field, text: &str, required: bool| -> Option<NaiveDate> {
            match text.trim() {
                "" => {
                    if required {
                        err(field, FieldProblem::Required);
                    }
                    None
                }
                s => match s.parse::<NaiveDate>() {
                    Err(_) => {
                        err(field, FieldProblem::NotADate);
                        None
                    }
                    Ok(d) if d > today => {
                        err(field, FieldProblem::InTheFuture);
                        None
                    }
                    Ok(d) => Some(d),
                },
            }
        };
        let stage_since = past_date(AgencyField::StageSince, &self.stage_since, self.stage.is_some());
        let our_asked = past_date(AgencyField::OurViewAskedOn, &self.our_view_asked_on, false);
        let their_asked = past_date(AgencyField::TheirViewAskedOn, &self.their_view_asked_on, false);
        let reason = self.stage_reason.trim();
        if self.stage.is_some() && reason.is_empty() {
            err(AgencyField::StageReason, FieldProblem::Required);
        } else if reason.chars().count() > MAX_TEXT {
            err(AgencyField::StageReason, FieldProblem::TooLong);
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        let view = |answer: ViewAnswer, asked_on: Option<NaiveDate>| PerceptionView {
            answer,
            // A day asked means nothing without an answer.
            asked_on: asked_on.filter(|_| answer != ViewAnswer::NotAsked),
        };
        Ok(Agency {
            name: self.name.trim().to_owned(),
            kana: kana.to_owned(),
            category: self.category,
            agency_type: self.agency_type,
            people,
            phone: self.phone.trim().to_owned(),
            address: self.address.trim().to_owned(),
            hours: self.hours.trim().to_owned(),
            services: self.services.trim_end().to_owned(),
            notes: self.notes.trim_end().to_owned(),
            stage: self.stage.zip(stage_since).map(|(stage, since)| StageSetting {
                stage,
                since,
                reason: reason.to_owned(),
            }),
            our_view: view(self.our_view, our_asked),
            their_view: view(self.their_view, their_asked),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()
    }

    fn form() -> AgencyForm {
        AgencyForm {
            name: "ハローワーク中央".into(),
            kana: "はろーわーく ちゅうおう".into(),
            category: AgencyCategory::Employment,
            agency_type: Some(AgencyType::HelloWork),
            phone: "03-1234-5678".into(),
            ..Default::default()
        }
    }

    fn problems(f: &AgencyForm) -> Vec<(AgencyField, FieldProblem)> {
        f.validate(today()).unwrap_err().into_iter().map(|e| (e.field, e.problem)).collect()
    }

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
    fn a_valid_form_round_trips() {
        let mut f = form();
        f.people = vec![PersonForm {
            id: Uuid::from_u128(5),
            name: " 山本 ".into(),
            role: "担当".into(),
            phone: "090-1111-2222".into(),
        }];
        f.stage = Some(CooperationStage::Coordination);
        f.stage_since = "2026-10-01".into();
        f.stage_reason = "月1回のケース会議を始めた".into();
        f.our_view = ViewAnswer::Cooperating;
        f.our_view_asked_on = "2026-11-01".into();
        let a = f.validate(today()).unwrap();
        assert_eq!(a.people[0].name, "山本");
        assert_eq!(a.people[0].id, Uuid::from_u128(5));
        assert_eq!(a.stage.as_ref().unwrap().stage, CooperationStage::Coordination);
        // Opened again, the form shows what was saved (the person keeps the id).
        let again = AgencyForm::from(&a).validate(today()).unwrap();
        assert_eq!(again, a);
    }

    #[test]
    fn bad_input_is_named_field_by_field() {
        let mut f = form();
        f.name = "  ".into();
        f.kana = "ABC".into();
        f.agency_type = Some(AgencyType::GroupHome); // a 生活支援機関 under 就労支援機関
        f.phone = "電話してね".into();
        f.people = vec![
            PersonForm { role: "担当".into(), ..Default::default() },
            PersonForm::default(),
            PersonForm { name: "佐藤".into(), phone: "12".into(), ..Default::default() },
        ];
        f.stage = Some(CooperationStage::Linkage);
        f.our_view_asked_on = "2027-01-01".into();
        assert_eq!(
            problems(&f),
            [
                (AgencyField::Name, FieldProblem::Required),
                (AgencyField::Kana, FieldProblem::NotKana),
                (AgencyField::AgencyType, FieldProblem::NotInCategory),
                (AgencyField::Phone, FieldProblem::NotAPhone),
                (AgencyField::PersonName(0), FieldProblem::Required),
                (AgencyField::PersonPhone(2), FieldProblem::NotAPhone),
                (AgencyField::StageSince, FieldProblem::Required),
                (AgencyField::OurViewAskedOn, FieldProblem::InTheFuture),
                (AgencyField::StageReason, FieldProblem::Required),
            ]
        );
    }

    #[test]
    fn a_day_asked_without_an_answer_is_dropped_and_empty_people_rows_are_skipped() {
        let mut f = form();
        f.their_view_asked_on = "2026-11-01".into();
        f.people = vec![PersonForm::default()];
        let a = f.validate(today()).unwrap();
        assert_eq!(a.their_view, PerceptionView { answer: ViewAnswer::NotAsked, asked_on: None });
        assert!(a.people.is_empty());
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
