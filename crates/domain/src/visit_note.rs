//! 支援記録 (visit and support notes, docs/visit-notes.md): what happened at a
//! visit, a call or a meeting, linked to plan goals and life domains, with an
//! optional follow-up task. Written on a phone at a job site, so the form is
//! short and only the text, date and time are required.
//!
//! Stored shape: every field is a top-level key; the follow-up task is three
//! keys (`follow_up`, `follow_up_due`, `follow_up_done`) so ticking it done on
//! one device and rewording it on another merge without a conflict.

use crate::client::{FieldProblem, MAX_TEXT};
use crate::plan::LifeDomainKey;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where the support took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Place {
    /// 自宅
    Home,
    /// 職場
    Workplace,
    /// 事業所
    Office,
    /// 関係機関
    Agency,
    /// 電話・オンライン
    Remote,
    /// その他 (described in `place_detail`). Unknown codes from a newer app
    /// version load as this.
    #[default]
    #[serde(other)]
    Other,
}

impl Place {
    pub const ALL: [Place; 6] =
        [Place::Home, Place::Workplace, Place::Office, Place::Agency, Place::Remote, Place::Other];

    pub fn label_ja(self) -> &'static str {
        match self {
            Place::Home => "自宅",
            Place::Workplace => "職場",
            Place::Office => "事業所",
            Place::Agency => "関係機関",
            Place::Remote => "電話・オンライン",
            Place::Other => "その他",
        }
    }
}

/// A task that came out of the note (e.g. 「ハローワークに連絡」).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct FollowUp {
    /// Empty when the note has no follow-up.
    #[serde(default, rename = "follow_up")]
    pub text: String,
    #[serde(default, rename = "follow_up_due")]
    pub due: Option<NaiveDate>,
    #[serde(default, rename = "follow_up_done")]
    pub done: bool,
}

impl FollowUp {
    /// There is a task and it is not done.
    pub fn is_open(&self) -> bool {
        !self.text.trim().is_empty() && !self.done
    }

    /// Open and past its due date (the due day itself is not overdue).
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.is_open() && self.due.is_some_and(|due| due < today)
    }
}

/// 支援記録
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VisitNote {
    /// Same as the record's id (see `plan::Plan::id`).
    #[serde(default)]
    pub id: Uuid,
    #[serde(default)]
    pub client_id: Uuid,
    /// Local date and time of the support (Japan time, as written on the
    /// record). Always set by [`VisitNoteForm::validate`]; `None` only in
    /// incomplete data.
    #[serde(default)]
    pub at: Option<NaiveDateTime>,
    #[serde(default)]
    pub place: Place,
    /// Which workplace, agency …, or what その他 means.
    #[serde(default)]
    pub place_detail: String,
    /// Who was there (names as written).
    #[serde(default)]
    pub present: Vec<String>,
    #[serde(default)]
    pub text: String,
    /// Short-term goals of the client's plan this note is about.
    #[serde(default)]
    pub goal_ids: Vec<Uuid>,
    #[serde(default)]
    pub life_domains: Vec<LifeDomainKey>,
    #[serde(flatten)]
    pub follow_up: FollowUp,
}

/// Fields of the note form, for attaching errors to the right input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitNoteField {
    Date,
    Time,
    PlaceDetail,
    Text,
    FollowUpText,
    FollowUpDue,
}

/// A problem with one field; the UI words it through `FieldProblem`, like
/// the client form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitNoteError {
    pub field: VisitNoteField,
    pub problem: FieldProblem,
}

/// The note as typed: dates and times as the inputs give them
/// (`2026-11-25`, `14:30`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct VisitNoteForm {
    pub id: Uuid,
    pub client_id: Uuid,
    pub date: String,
    pub time: String,
    pub place: Place,
    pub place_detail: String,
    pub present: Vec<String>,
    pub text: String,
    pub goal_ids: Vec<Uuid>,
    pub life_domains: Vec<LifeDomainKey>,
    pub follow_up_text: String,
    pub follow_up_due: String,
    pub follow_up_done: bool,
}

/// Longest place description kept.
pub const MAX_PLACE_DETAIL: usize = 200;

impl From<&VisitNote> for VisitNoteForm {
    fn from(n: &VisitNote) -> Self {
        VisitNoteForm {
            id: n.id,
            client_id: n.client_id,
            date: n.at.map(|at| at.date().to_string()).unwrap_or_default(),
            time: n.at.map(|at| hh_mm(at.time())).unwrap_or_default(),
            place: n.place,
            place_detail: n.place_detail.clone(),
            present: n.present.clone(),
            text: n.text.clone(),
            goal_ids: n.goal_ids.clone(),
            life_domains: n.life_domains.clone(),
            follow_up_text: n.follow_up.text.clone(),
            follow_up_due: n.follow_up.due.map(|d| d.to_string()).unwrap_or_default(),
            follow_up_done: n.follow_up.done,
        }
    }
}

// Dates and times are written and read without chrono's strftime, which
// would add its formatter and parser to the app's download.

/// `14:30`, as a time input gives it.
pub(crate) fn hh_mm(t: NaiveTime) -> String {
    use chrono::Timelike;
    let two = |n: u32| if n < 10 { format!("0{n}") } else { n.to_string() };
    format!("{}:{}", two(t.hour()), two(t.minute()))
}

/// A time as a time input gives it, `14:30` or `14:30:00` (one-digit parts
/// are accepted).
pub(crate) fn parse_time(s: &str) -> Option<NaiveTime> {
    let parts: Vec<&str> = s.split(':').collect();
    if !(2..=3).contains(&parts.len()) || parts.iter().any(|p| p.is_empty() || p.len() > 2) {
        return None;
    }
    let part = |i: usize| match parts.get(i) {
        None => Some(0),
        Some(p) if p.bytes().all(|b| b.is_ascii_digit()) => p.parse().ok(),
        Some(_) => None,
    };
    NaiveTime::from_hms_opt(part(0)?, part(1)?, part(2)?)
}

fn dedup<T: PartialEq + Clone>(items: &[T]) -> Vec<T> {
    let mut out: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

impl crate::EditForm for VisitNoteForm {
    type Data = VisitNote;
    type Problem = VisitNoteError;
    const KIND: crate::RecordKind = crate::RecordKind::VisitNote;

    fn from_data(data: &VisitNote) -> Self {
        VisitNoteForm::from(data)
    }

    fn to_data(&self, _base: Option<&VisitNote>, today: NaiveDate) -> Result<VisitNote, Vec<VisitNoteError>> {
        self.validate(today)
    }
}

impl VisitNoteForm {
    /// Checks every field and returns the note, or every problem found. A
    /// note dated after `today` is refused: a 支援記録 records what happened.
    pub fn validate(&self, today: NaiveDate) -> Result<VisitNote, Vec<VisitNoteError>> {
        let mut errors = Vec::new();
        let mut err = |field, problem| errors.push(VisitNoteError { field, problem });

        let date = match self.date.trim() {
            "" => {
                err(VisitNoteField::Date, FieldProblem::Required);
                None
            }
            s => match s.parse::<NaiveDate>() {
                Err(_) => {
                    err(VisitNoteField::Date, FieldProblem::NotADate);
                    None
                }
                Ok(d) if d > today => {
                    err(VisitNoteField::Date, FieldProblem::InTheFuture);
                    None
                }
                Ok(d) => Some(d),
            },
        };
        let time = match self.time.trim() {
            "" => {
                err(VisitNoteField::Time, FieldProblem::Required);
                None
            }
            s => match parse_time(s) {
                Some(t) => Some(t),
                None => {
                    err(VisitNoteField::Time, FieldProblem::NotADate);
                    None
                }
            },
        };

        let place_detail = self.place_detail.trim();
        if self.place == Place::Other && place_detail.is_empty() {
            err(VisitNoteField::PlaceDetail, FieldProblem::Required);
        } else if place_detail.chars().count() > MAX_PLACE_DETAIL {
            err(VisitNoteField::PlaceDetail, FieldProblem::TooLong);
        }

        if self.text.trim().is_empty() {
            err(VisitNoteField::Text, FieldProblem::Required);
        } else if self.text.chars().count() > MAX_TEXT {
            err(VisitNoteField::Text, FieldProblem::TooLong);
        }

        let follow_up_text = self.follow_up_text.trim();
        if follow_up_text.chars().count() > MAX_TEXT {
            err(VisitNoteField::FollowUpText, FieldProblem::TooLong);
        }
        let due = match self.follow_up_due.trim() {
            "" => None,
            s => match s.parse::<NaiveDate>() {
                Ok(d) => Some(d),
                Err(_) => {
                    err(VisitNoteField::FollowUpDue, FieldProblem::NotADate);
                    None
                }
            },
        };
        if follow_up_text.is_empty() && (due.is_some() || self.follow_up_done) {
            err(VisitNoteField::FollowUpText, FieldProblem::Required);
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        let at = date.zip(time).map(|(d, t)| d.and_time(t));
        let present: Vec<String> = self.present.iter().map(|p| p.trim().to_owned()).filter(|p| !p.is_empty()).collect();
        Ok(VisitNote {
            id: self.id,
            client_id: self.client_id,
            at,
            place: self.place,
            place_detail: place_detail.to_owned(),
            present: dedup(&present),
            text: self.text.trim_end().to_owned(),
            goal_ids: dedup(&self.goal_ids),
            life_domains: dedup(&self.life_domains),
            follow_up: FollowUp { text: follow_up_text.to_owned(), due, done: self.follow_up_done },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn valid_form() -> VisitNoteForm {
        VisitNoteForm {
            id: Uuid::from_u128(1),
            client_id: Uuid::from_u128(2),
            date: "2026-11-25".into(),
            time: "14:30".into(),
            place: Place::Workplace,
            text: "職場訪問。作業は安定している。".into(),
            ..Default::default()
        }
    }

    fn problems(form: &VisitNoteForm) -> Vec<VisitNoteError> {
        form.validate(today()).expect_err("should be invalid")
    }

    fn error(field: VisitNoteField, problem: FieldProblem) -> VisitNoteError {
        VisitNoteError { field, problem }
    }

    #[test]
    fn place_labels() {
        let labels: Vec<_> = Place::ALL.iter().map(|p| p.label_ja()).collect();
        assert_eq!(labels, vec!["自宅", "職場", "事業所", "関係機関", "電話・オンライン", "その他"]);
        assert_eq!(serde_json::from_str::<Place>("\"school_2030\"").unwrap(), Place::Other);
    }

    #[test]
    fn date_time_and_text_are_all_that_is_required() {
        let note = valid_form().validate(today()).unwrap();
        assert_eq!(note.at, Some(today().and_hms_opt(14, 30, 0).unwrap()));
        assert_eq!(note.place, Place::Workplace);
        assert!(!note.follow_up.is_open());
    }

    #[test]
    fn each_invalid_field_is_reported() {
        type Edit = fn(&mut VisitNoteForm);
        let cases: [(&str, Edit, Vec<VisitNoteError>); 11] = [
            ("empty text", |f| f.text = " \n ".into(), vec![error(VisitNoteField::Text, FieldProblem::Required)]),
            (
                "text too long",
                |f| f.text = "あ".repeat(MAX_TEXT + 1),
                vec![error(VisitNoteField::Text, FieldProblem::TooLong)],
            ),
            ("no date", |f| f.date = "".into(), vec![error(VisitNoteField::Date, FieldProblem::Required)]),
            ("bad date", |f| f.date = "2026-02-30".into(), vec![error(VisitNoteField::Date, FieldProblem::NotADate)]),
            (
                "tomorrow",
                |f| f.date = "2026-11-26".into(),
                vec![error(VisitNoteField::Date, FieldProblem::InTheFuture)],
            ),
            ("no time", |f| f.time = "".into(), vec![error(VisitNoteField::Time, FieldProblem::Required)]),
            ("bad time", |f| f.time = "25:00".into(), vec![error(VisitNoteField::Time, FieldProblem::NotADate)]),
            (
                "その他 without saying where",
                |f| f.place = Place::Other,
                vec![error(VisitNoteField::PlaceDetail, FieldProblem::Required)],
            ),
            (
                "follow-up due without a task",
                |f| f.follow_up_due = "2026-12-01".into(),
                vec![error(VisitNoteField::FollowUpText, FieldProblem::Required)],
            ),
            (
                "follow-up bad due",
                |f| {
                    f.follow_up_text = "連絡".into();
                    f.follow_up_due = "12/1".into();
                },
                vec![error(VisitNoteField::FollowUpDue, FieldProblem::NotADate)],
            ),
            (
                "several at once",
                |f| {
                    f.text = "".into();
                    f.date = "".into();
                },
                vec![
                    error(VisitNoteField::Date, FieldProblem::Required),
                    error(VisitNoteField::Text, FieldProblem::Required),
                ],
            ),
        ];
        for (name, edit, expected) in cases {
            let mut form = valid_form();
            edit(&mut form);
            assert_eq!(problems(&form), expected, "{name}");
        }
    }

    #[test]
    fn input_is_tidied_names_trimmed_and_links_deduplicated() {
        let goal = Uuid::from_u128(10);
        let form = VisitNoteForm {
            time: "09:05:00".into(),
            place: Place::Other,
            place_detail: "  公園 ".into(),
            present: vec![" 本人 ".into(), "".into(), "本人".into(), "職場の上司".into()],
            goal_ids: vec![goal, goal],
            life_domains: vec![LifeDomainKey::new("work"), LifeDomainKey::new("work")],
            follow_up_text: " ハローワークに連絡 ".into(),
            follow_up_due: "2026-12-01".into(),
            ..valid_form()
        };
        let note = form.validate(today()).unwrap();
        assert_eq!(note.at.unwrap().time(), NaiveTime::from_hms_opt(9, 5, 0).unwrap());
        assert_eq!(note.place_detail, "公園");
        assert_eq!(note.present, vec!["本人", "職場の上司"]);
        assert_eq!(note.goal_ids, vec![goal]);
        assert_eq!(note.life_domains, vec![LifeDomainKey::new("work")]);
        assert_eq!(note.follow_up.text, "ハローワークに連絡");
    }

    #[test]
    fn times_are_read_and_written_as_time_inputs_give_them() {
        let t = |h, m, s| NaiveTime::from_hms_opt(h, m, s);
        let cases = [("14:30", t(14, 30, 0)), ("09:05:07", t(9, 5, 7)), ("9:05", t(9, 5, 0)), ("00:00", t(0, 0, 0))];
        for (text, expected) in cases {
            assert_eq!(parse_time(text), expected, "{text}");
        }
        for bad in ["", "14", "24:00", "12:60", "1430", "12:3a", "-1:30", "12:30:00:00", "123:00", "12::30"] {
            assert_eq!(parse_time(bad), None, "{bad}");
        }
        assert_eq!(hh_mm(t(9, 5, 59).unwrap()), "09:05");
        assert_eq!(hh_mm(t(23, 0, 0).unwrap()), "23:00");
    }

    #[test]
    fn a_follow_up_is_overdue_after_its_due_day_until_done() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let task = FollowUp { text: "連絡".into(), due: Some(d("2026-12-01")), done: false };
        let cases = [
            (task.clone(), "2026-12-01", true, false),
            (task.clone(), "2026-12-02", true, true),
            (FollowUp { done: true, ..task.clone() }, "2026-12-02", false, false),
            (FollowUp { due: None, ..task.clone() }, "2030-01-01", true, false),
            (FollowUp::default(), "2030-01-01", false, false),
        ];
        for (f, today, open, overdue) in cases {
            assert_eq!((f.is_open(), f.is_overdue(d(today))), (open, overdue), "{f:?} on {today}");
        }
    }

    #[test]
    fn a_note_round_trips_through_the_form_and_json_with_one_key_per_field() {
        let form = VisitNoteForm {
            present: vec!["本人".into()],
            goal_ids: vec![Uuid::from_u128(10)],
            life_domains: vec![LifeDomainKey::new("work")],
            follow_up_text: "ハローワークに連絡".into(),
            follow_up_due: "2026-12-01".into(),
            follow_up_done: true,
            ..valid_form()
        };
        let note = form.validate(today()).unwrap();
        assert_eq!(VisitNoteForm::from(&note), form);

        let value = serde_json::to_value(&note).unwrap();
        assert_eq!(
            value,
            json!({
                "id": "00000000-0000-0000-0000-000000000001",
                "client_id": "00000000-0000-0000-0000-000000000002",
                "at": "2026-11-25T14:30:00",
                "place": "workplace",
                "place_detail": "",
                "present": ["本人"],
                "text": "職場訪問。作業は安定している。",
                "goal_ids": ["00000000-0000-0000-0000-00000000000a"],
                "life_domains": ["work"],
                "follow_up": "ハローワークに連絡",
                "follow_up_due": "2026-12-01",
                "follow_up_done": true,
            })
        );
        assert_eq!(serde_json::from_value::<VisitNote>(value).unwrap(), note);
        assert_eq!(serde_json::from_value::<VisitNote>(json!({"text": "メモ"})).unwrap().text, "メモ");
    }
}
