//! The agency as typed ([`AgencyForm`]) and the checks that make it an
//! [`Agency`]: what the agency page's editor holds.

use super::agency::{
    dial_digits, Agency, AgencyCategory, AgencyType, ContactPerson, CooperationStage, PerceptionView, StageSetting,
    ViewAnswer,
};
use crate::client::{FieldProblem, MAX_TEXT};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

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
}
