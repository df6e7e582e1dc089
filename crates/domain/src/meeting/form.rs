//! The meeting as typed. Only the day is required: a meeting without an
//! outside participant or a plan is still a record of cooperation (the claim
//! rule says why it cannot be claimed).

use super::{Division, Meeting, Participant, PlanPart};
use crate::client::{FieldProblem, MAX_TEXT};
use crate::network::MAX_SHORT;
use crate::plan::JobRole;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MeetingField {
    Date,
    Participants,
    ExplainedBy,
    Opinions,
    Decisions,
    SharedOn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct MeetingError {
    pub field: MeetingField,
    pub problem: FieldProblem,
}

impl crate::form::FieldIssue for MeetingError {
    type Field = MeetingField;
    fn field(&self) -> MeetingField {
        self.field
    }
    fn problem(&self) -> FieldProblem {
        self.problem
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ParticipantForm {
    pub id: Uuid,
    pub agency_id: Option<Uuid>,
    pub name: String,
    pub role: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MeetingForm {
    pub client_id: Uuid,
    pub date: String,
    pub online: bool,
    pub participants: Vec<ParticipantForm>,
    pub explained_by: String,
    pub explainer_role: Option<JobRole>,
    pub division: Division,
    pub plan_id: Option<Uuid>,
    pub plan_part: PlanPart,
    pub opinions: String,
    pub decisions: String,
    pub new_plan_id: Option<Uuid>,
    pub shared_on: String,
    pub claim_this: bool,
}

fn parse_day(text: &str) -> Result<Option<NaiveDate>, FieldProblem> {
    match text.trim() {
        "" => Ok(None),
        s => s.parse::<NaiveDate>().map(Some).map_err(|_| FieldProblem::NotADate),
    }
}

impl MeetingForm {
    /// Checks every field and returns the meeting, or every problem found.
    /// Participants with neither an agency nor a name are dropped.
    pub fn validate(&self) -> Result<Meeting, Vec<MeetingError>> {
        let mut errors = Vec::new();
        let mut err = |field, problem| errors.push(MeetingError { field, problem });
        let date = match parse_day(&self.date) {
            Ok(None) => {
                err(MeetingField::Date, FieldProblem::Required);
                None
            }
            Ok(d) => d,
            Err(p) => {
                err(MeetingField::Date, p);
                None
            }
        };
        let shared_on = parse_day(&self.shared_on).unwrap_or_else(|p| {
            err(MeetingField::SharedOn, p);
            None
        });
        if let (Some(d), Some(s)) = (date, shared_on) {
            if s < d {
                err(MeetingField::SharedOn, FieldProblem::EndBeforeStart);
            }
        }
        let participants: Vec<Participant> = self
            .participants
            .iter()
            .map(|p| Participant {
                id: p.id,
                agency_id: p.agency_id.filter(|a| !a.is_nil()),
                name: p.name.trim().to_owned(),
                role: p.role.trim().to_owned(),
            })
            .filter(Participant::is_present)
            .collect();
        if participants.iter().any(|p| p.name.chars().count() > MAX_SHORT || p.role.chars().count() > MAX_SHORT) {
            err(MeetingField::Participants, FieldProblem::TooLong);
        }
        if self.explained_by.trim().chars().count() > MAX_SHORT {
            err(MeetingField::ExplainedBy, FieldProblem::TooLong);
        }
        for (field, text) in [(MeetingField::Opinions, &self.opinions), (MeetingField::Decisions, &self.decisions)] {
            if text.chars().count() > MAX_TEXT {
                err(field, FieldProblem::TooLong);
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Meeting {
            client_id: self.client_id,
            date,
            online: self.online,
            participants,
            explained_by: self.explained_by.trim().to_owned(),
            explainer_role: self.explainer_role,
            division: self.division,
            plan_id: self.plan_id,
            plan_part: self.plan_part,
            opinions: self.opinions.trim_end().to_owned(),
            decisions: self.decisions.trim_end().to_owned(),
            new_plan_id: self.new_plan_id,
            shared_on,
            claim_this: self.claim_this,
        })
    }
}

impl From<&Meeting> for MeetingForm {
    fn from(m: &Meeting) -> Self {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
        MeetingForm {
            client_id: m.client_id,
            date: day(m.date),
            online: m.online,
            participants: m
                .participants
                .iter()
                .map(|p| ParticipantForm {
                    id: p.id,
                    agency_id: p.agency_id,
                    name: p.name.clone(),
                    role: p.role.clone(),
                })
                .collect(),
            explained_by: m.explained_by.clone(),
            explainer_role: m.explainer_role,
            division: m.division,
            plan_id: m.plan_id,
            plan_part: m.plan_part,
            opinions: m.opinions.clone(),
            decisions: m.decisions.clone(),
            new_plan_id: m.new_plan_id,
            shared_on: day(m.shared_on),
            claim_this: m.claim_this,
        }
    }
}

impl crate::EditForm for MeetingForm {
    type Data = Meeting;
    type Problem = MeetingError;
    const KIND: crate::RecordKind = crate::RecordKind::Meeting;

    fn from_data(data: &Meeting) -> Self {
        MeetingForm::from(data)
    }

    fn to_data(&self, _base: Option<&Meeting>, _today: NaiveDate) -> Result<Meeting, Vec<MeetingError>> {
        self.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_day_is_required_and_empty_participants_are_dropped() {
        let problems = MeetingForm::default().validate().unwrap_err();
        assert_eq!(problems, vec![MeetingError { field: MeetingField::Date, problem: FieldProblem::Required }]);
        let form = MeetingForm {
            date: "2026-04-10".into(),
            participants: vec![
                ParticipantForm { name: " 田中 ".into(), role: "職業指導官".into(), ..Default::default() },
                ParticipantForm::default(),
            ],
            ..Default::default()
        };
        let m = form.validate().unwrap();
        assert_eq!(m.participants.len(), 1);
        assert_eq!(m.participants[0].name, "田中");
        assert_eq!(MeetingForm::from(&m).validate().unwrap(), m);
    }

    #[test]
    fn the_day_shared_cannot_come_before_the_meeting() {
        let form = MeetingForm { date: "2026-04-10".into(), shared_on: "2026-04-09".into(), ..Default::default() };
        assert_eq!(
            form.validate().unwrap_err(),
            vec![MeetingError { field: MeetingField::SharedOn, problem: FieldProblem::EndBeforeStart }]
        );
        let bad = MeetingForm { date: "2026-13-01".into(), shared_on: "x".into(), ..Default::default() };
        let fields: Vec<MeetingField> = bad.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![MeetingField::Date, MeetingField::SharedOn]);
    }
}
