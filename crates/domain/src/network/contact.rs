//! 連絡記録: one call, visit, meeting or mail with an agency, optionally
//! about a client. Written on a phone in seconds, so only the agency, the
//! way, the day and the text are required (the day and time default to now).
//! Like a 支援記録, a saved entry is corrected, never rewritten: contacts
//! keep their history (`RecordKind::keeps_history`).

use crate::client::{FieldProblem, MAX_TEXT};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How the contact was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 電話
    #[default]
    Phone,
    /// 訪問 (we went, or they came)
    Visit,
    /// 会議・ケース会議
    Meeting,
    /// メール・FAX・文書
    Mail,
    /// その他. Unknown codes from a newer app load as this.
    #[serde(other)]
    Other,
}

impl Channel {
    pub const ALL: [Channel; 5] = [Channel::Phone, Channel::Visit, Channel::Meeting, Channel::Mail, Channel::Other];
}

/// 連絡記録
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Contact {
    #[serde(default)]
    pub agency_id: Uuid,
    /// The agency's contact person spoken to, when named.
    #[serde(default)]
    pub person_id: Option<Uuid>,
    /// The client it was about, if any.
    #[serde(default)]
    pub client_id: Option<Uuid>,
    #[serde(default)]
    pub channel: Channel,
    /// Local date and time (Japan time, as written).
    #[serde(default)]
    pub at: Option<NaiveDateTime>,
    #[serde(default)]
    pub text: String,
}

impl Contact {
    pub fn date(&self) -> Option<NaiveDate> {
        self.at.map(|at| at.date())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactField {
    Agency,
    Date,
    Time,
    Text,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactError {
    pub field: ContactField,
    pub problem: FieldProblem,
}

impl crate::form::FieldIssue for ContactError {
    type Field = ContactField;
    fn field(&self) -> ContactField {
        self.field
    }
    fn problem(&self) -> FieldProblem {
        self.problem
    }
}

/// The contact as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ContactForm {
    pub agency_id: Option<Uuid>,
    pub person_id: Option<Uuid>,
    pub client_id: Option<Uuid>,
    pub channel: Channel,
    pub date: String,
    pub time: String,
    pub text: String,
}

impl ContactForm {
    /// A new entry for `agency` at `now` (the phone's local time).
    pub fn new(agency: Option<Uuid>, client: Option<Uuid>, now: NaiveDateTime) -> Self {
        ContactForm {
            agency_id: agency,
            client_id: client,
            date: now.date().to_string(),
            time: crate::visit_note::hh_mm(now.time()),
            ..Default::default()
        }
    }

    /// Checks every field and returns the contact, or every problem found.
    /// A contact dated after `today` is refused: it records what happened.
    pub fn validate(&self, today: NaiveDate) -> Result<Contact, Vec<ContactError>> {
        let mut errors = Vec::new();
        let mut err = |field, problem| errors.push(ContactError { field, problem });
        if self.agency_id.is_none_or(|id| id.is_nil()) {
            err(ContactField::Agency, FieldProblem::Required);
        }
        let date = match self.date.trim() {
            "" => {
                err(ContactField::Date, FieldProblem::Required);
                None
            }
            s => match s.parse::<NaiveDate>() {
                Err(_) => {
                    err(ContactField::Date, FieldProblem::NotADate);
                    None
                }
                Ok(d) if d > today => {
                    err(ContactField::Date, FieldProblem::InTheFuture);
                    None
                }
                Ok(d) => Some(d),
            },
        };
        // Without a time the entry is still worth keeping: noon orders it
        // within its day.
        let time = match self.time.trim() {
            "" => NaiveTime::from_hms_opt(12, 0, 0),
            s => {
                let t = crate::visit_note::parse_time(s);
                if t.is_none() {
                    err(ContactField::Time, FieldProblem::NotADate);
                }
                t
            }
        };
        if self.text.trim().is_empty() {
            err(ContactField::Text, FieldProblem::Required);
        } else if self.text.chars().count() > MAX_TEXT {
            err(ContactField::Text, FieldProblem::TooLong);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Contact {
            agency_id: self.agency_id.unwrap_or_default(),
            person_id: self.person_id,
            client_id: self.client_id,
            channel: self.channel,
            at: date.zip(time).map(|(d, t)| d.and_time(t)),
            text: self.text.trim_end().to_owned(),
        })
    }
}

impl From<&Contact> for ContactForm {
    fn from(c: &Contact) -> Self {
        ContactForm {
            agency_id: Some(c.agency_id),
            person_id: c.person_id,
            client_id: c.client_id,
            channel: c.channel,
            date: c.at.map(|at| at.date().to_string()).unwrap_or_default(),
            time: c.at.map(|at| crate::visit_note::hh_mm(at.time())).unwrap_or_default(),
            text: c.text.clone(),
        }
    }
}

impl crate::EditForm for ContactForm {
    type Data = Contact;
    type Problem = ContactError;
    const KIND: crate::RecordKind = crate::RecordKind::Contact;

    fn from_data(data: &Contact) -> Self {
        ContactForm::from(data)
    }

    fn to_data(&self, _base: Option<&Contact>, today: NaiveDate) -> Result<Contact, Vec<ContactError>> {
        self.validate(today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2026, 12, 1).unwrap().and_hms_opt(9, 5, 0).unwrap()
    }

    #[test]
    fn a_new_entry_needs_only_its_text() {
        let agency = Uuid::from_u128(7);
        let mut form = ContactForm::new(Some(agency), None, now());
        assert_eq!((form.date.as_str(), form.time.as_str()), ("2026-12-01", "09:05"));
        assert_eq!(
            form.validate(now().date()).unwrap_err(),
            [ContactError { field: ContactField::Text, problem: FieldProblem::Required }]
        );
        form.text = "求人の件で電話。来週訪問の約束。\n".into();
        let c = form.validate(now().date()).unwrap();
        assert_eq!((c.agency_id, c.channel, c.at), (agency, Channel::Phone, Some(now())));
        assert_eq!(c.text, "求人の件で電話。来週訪問の約束。");
        assert_eq!(ContactForm::from(&c).validate(now().date()).unwrap(), c);
    }

    #[test]
    fn no_agency_a_future_day_or_a_bad_time_is_refused() {
        let form = ContactForm {
            date: "2026-12-02".into(),
            time: "25:00".into(),
            text: "x".into(),
            ..ContactForm::new(None, None, now())
        };
        let fields: Vec<_> = form.validate(now().date()).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, [ContactField::Agency, ContactField::Date, ContactField::Time]);
    }

    #[test]
    fn without_a_time_it_is_kept_at_noon() {
        let form = ContactForm {
            time: String::new(),
            text: "FAX送付".into(),
            ..ContactForm::new(Some(Uuid::from_u128(1)), None, now())
        };
        assert_eq!(form.validate(now().date()).unwrap().at.unwrap().time(), NaiveTime::from_hms_opt(12, 0, 0).unwrap());
    }
}
