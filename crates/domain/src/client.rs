//! 利用者 (client): the stored data, the editable form the UI binds to, and
//! the validation that turns one into the other.

use crate::kana;
use crate::life_stage::{self, LifeStage, LifeStageOverride};
use crate::service::{ServiceType, ServiceUse};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// 利用中 / 終了
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientStatus {
    #[default]
    Active,
    Ended,
}

/// 利用者
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Client {
    /// 氏名
    pub name: String,
    /// ふりがな (any kana script; normalised only for search and sorting)
    #[serde(default)]
    pub kana: String,
    #[serde(default)]
    pub birth_date: Option<NaiveDate>,
    #[serde(default)]
    pub services: Vec<ServiceUse>,
    /// 受給者証番号 (10 digits), if known.
    #[serde(default)]
    pub recipient_number: Option<String>,
    /// 本人の意向
    #[serde(default)]
    pub wishes_self: String,
    /// 家族の意向
    #[serde(default)]
    pub wishes_family: String,
    /// 担当職員
    #[serde(default)]
    pub staff: String,
    #[serde(default)]
    pub status: ClientStatus,
    /// Archived clients are hidden from lists by default; nothing is deleted.
    #[serde(default)]
    pub archived: bool,
    #[serde(default)]
    pub life_stage_override: Option<LifeStageOverride>,
}

impl Client {
    /// The stage shown for this client on `today`: the staff's override if
    /// set, else derived from the birth date.
    pub fn life_stage(&self, today: NaiveDate) -> Option<LifeStage> {
        match &self.life_stage_override {
            Some(o) => Some(o.stage),
            None => self.birth_date.map(|b| life_stage::life_stage(b, today)),
        }
    }

    /// Key for the list order: reading first (gojūon), then name.
    pub fn sort_key(&self) -> (bool, String, String) {
        let k = kana::normalize(&self.kana);
        (k.is_empty(), k, kana::normalize(&self.name))
    }
}

/// Fields of the client form, for attaching errors to the right input.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClientField {
    Name,
    Kana,
    BirthDate,
    RecipientNumber,
    ServiceType(usize),
    ServiceStart(usize),
    ServiceEnd(usize),
    LifeStageReason,
}

/// What is wrong with a field; the UI turns it into a message per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldProblem {
    Required,
    NotKana,
    NotADate,
    InTheFuture,
    TooOld,
    NotTenDigits,
    UnknownService,
    EndBeforeStart,
    TooLong,
    /// Not a phone number (digits with hyphens, spaces or brackets).
    NotAPhone,
    /// A choice that does not belong to the category chosen.
    NotInCategory,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: ClientField,
    pub problem: FieldProblem,
}

impl crate::form::FieldIssue for FieldError {
    type Field = ClientField;
    fn field(&self) -> ClientField {
        self.field
    }
    fn problem(&self) -> FieldProblem {
        self.problem
    }
}

/// One row of the services part of the form, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ServiceForm {
    pub service: String,
    pub start: String,
    pub end: String,
}

/// The client as the user is typing it: every field a string, possibly
/// invalid. Stored as a draft so nothing typed is lost even before it is valid.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct ClientForm {
    pub name: String,
    pub kana: String,
    pub birth_date: String,
    pub recipient_number: String,
    pub wishes_self: String,
    pub wishes_family: String,
    pub staff: String,
    pub status: ClientStatus,
    pub archived: bool,
    pub services: Vec<ServiceForm>,
    /// Empty for "derived from the birth date".
    pub stage_override: String,
    pub stage_reason: String,
}

/// Longest free text kept in one field (a generous page of notes).
pub const MAX_TEXT: usize = 10_000;
/// Earliest birth date accepted (clients' birth dates go back to 昭和).
pub const EARLIEST_BIRTH: (i32, u32, u32) = (1900, 1, 1);

fn parse_date(s: &str) -> Option<NaiveDate> {
    // ISO 8601 through `FromStr`: the strftime machinery costs the app's wasm
    // several kilobytes for one fixed format.
    s.trim().parse::<NaiveDate>().ok()
}

fn fmt_date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl From<&Client> for ClientForm {
    fn from(c: &Client) -> Self {
        ClientForm {
            name: c.name.clone(),
            kana: c.kana.clone(),
            birth_date: fmt_date(c.birth_date),
            recipient_number: c.recipient_number.clone().unwrap_or_default(),
            wishes_self: c.wishes_self.clone(),
            wishes_family: c.wishes_family.clone(),
            staff: c.staff.clone(),
            status: c.status,
            archived: c.archived,
            services: c
                .services
                .iter()
                .map(|s| ServiceForm {
                    service: s.service.code().to_owned(),
                    start: fmt_date(s.start),
                    end: fmt_date(s.end),
                })
                .collect(),
            stage_override: c.life_stage_override.as_ref().map(|o| o.stage.code().to_owned()).unwrap_or_default(),
            stage_reason: c.life_stage_override.as_ref().map(|o| o.reason.clone()).unwrap_or_default(),
        }
    }
}

impl crate::EditForm for ClientForm {
    type Data = Client;
    type Problem = FieldError;
    const KIND: crate::RecordKind = crate::RecordKind::Client;

    fn from_data(data: &Client) -> Self {
        ClientForm::from(data)
    }

    fn to_data(&self, _base: Option<&Client>, today: NaiveDate) -> Result<Client, Vec<FieldError>> {
        self.validate(today)
    }
}

impl ClientForm {
    /// Checks every field and returns the client, or every problem found.
    pub fn validate(&self, today: NaiveDate) -> Result<Client, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut err = |field, problem| errors.push(FieldError { field, problem });

        let name = self.name.trim();
        if name.is_empty() {
            err(ClientField::Name, FieldProblem::Required);
        } else if name.chars().count() > 200 {
            err(ClientField::Name, FieldProblem::TooLong);
        }

        let kana_text = self.kana.trim();
        if !kana::is_kana(kana_text) {
            err(ClientField::Kana, FieldProblem::NotKana);
        } else if kana_text.chars().count() > 200 {
            err(ClientField::Kana, FieldProblem::TooLong);
        }

        let birth_date = match self.birth_date.trim() {
            "" => None,
            s => match parse_date(s) {
                None => {
                    err(ClientField::BirthDate, FieldProblem::NotADate);
                    None
                }
                Some(d) if d > today => {
                    err(ClientField::BirthDate, FieldProblem::InTheFuture);
                    None
                }
                Some(d) if d < earliest_birth() => {
                    err(ClientField::BirthDate, FieldProblem::TooOld);
                    None
                }
                Some(d) => Some(d),
            },
        };

        let recipient_number = {
            let digits: String = kana::normalize(&self.recipient_number);
            if digits.is_empty() {
                None
            } else if digits.len() != 10 || !digits.chars().all(|c| c.is_ascii_digit()) {
                err(ClientField::RecipientNumber, FieldProblem::NotTenDigits);
                None
            } else {
                Some(digits)
            }
        };

        let mut services = Vec::new();
        for (i, row) in self.services.iter().enumerate() {
            let service = ServiceType::from_code(&row.service);
            if service.is_none() {
                err(ClientField::ServiceType(i), FieldProblem::UnknownService);
            }
            let date = |s: &str, field| match s.trim() {
                "" => Ok(None),
                s => parse_date(s).map(Some).ok_or(FieldError { field, problem: FieldProblem::NotADate }),
            };
            let start = date(&row.start, ClientField::ServiceStart(i));
            let end = date(&row.end, ClientField::ServiceEnd(i));
            match (start, end) {
                (Ok(start), Ok(end)) => {
                    if let (Some(s), Some(e)) = (start, end) {
                        if e < s {
                            err(ClientField::ServiceEnd(i), FieldProblem::EndBeforeStart);
                        }
                    }
                    if let Some(service) = service {
                        services.push(ServiceUse { service, start, end });
                    }
                }
                (a, b) => {
                    for e in [a.err(), b.err()].into_iter().flatten() {
                        err(e.field, e.problem);
                    }
                }
            }
        }

        let life_stage_override = match LifeStage::from_code(&self.stage_override) {
            None => None,
            Some(stage) => {
                if self.stage_reason.trim().is_empty() {
                    err(ClientField::LifeStageReason, FieldProblem::Required);
                }
                Some(LifeStageOverride { stage, reason: self.stage_reason.trim().to_owned() })
            }
        };

        for text in [&self.wishes_self, &self.wishes_family, &self.staff] {
            if text.chars().count() > MAX_TEXT {
                // Attached to the name so it is visible at the top of the form.
                err(ClientField::Name, FieldProblem::TooLong);
            }
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Client {
            name: name.to_owned(),
            kana: kana_text.to_owned(),
            birth_date,
            services,
            recipient_number,
            wishes_self: self.wishes_self.clone(),
            wishes_family: self.wishes_family.clone(),
            staff: self.staff.trim().to_owned(),
            status: self.status,
            archived: self.archived,
            life_stage_override,
        })
    }
}

fn earliest_birth() -> NaiveDate {
    let (y, m, d) = EARLIEST_BIRTH;
    NaiveDate::from_ymd_opt(y, m, d).expect("valid constant date")
}

/// Clients matching `query` (name or reading), sorted by reading; archived
/// ones only when asked for.
pub fn search<'a, T>(clients: &'a [T], get: impl Fn(&T) -> &Client, query: &str, include_archived: bool) -> Vec<&'a T> {
    let q = kana::normalize(query);
    clients
        .iter()
        .filter(|c| include_archived || !get(c).archived)
        .filter(|c| {
            let c = get(c);
            kana::matches(&q, &kana::normalize(&c.name), &kana::normalize(&c.kana))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn valid_form() -> ClientForm {
        ClientForm { name: "山田 太郎".into(), kana: "やまだ たろう".into(), ..Default::default() }
    }

    fn problems(form: &ClientForm) -> Vec<FieldError> {
        form.validate(today()).expect_err("should be invalid")
    }

    #[test]
    fn a_name_alone_is_a_valid_client() {
        let c = ClientForm { name: "  山田 太郎 ".into(), ..Default::default() }.validate(today()).unwrap();
        assert_eq!(c.name, "山田 太郎");
        assert_eq!(c.birth_date, None);
    }

    #[test]
    fn name_is_required() {
        let form = ClientForm { name: "   ".into(), ..valid_form() };
        assert_eq!(problems(&form), vec![FieldError { field: ClientField::Name, problem: FieldProblem::Required }]);
    }

    #[test]
    fn kana_field_takes_only_kana() {
        let form = ClientForm { kana: "山田".into(), ..valid_form() };
        assert_eq!(problems(&form)[0], FieldError { field: ClientField::Kana, problem: FieldProblem::NotKana });
    }

    #[test]
    fn birth_date_must_be_a_real_past_date() {
        let cases = [
            ("2026-02-30", FieldProblem::NotADate),
            ("昭和50年", FieldProblem::NotADate),
            ("2026-11-26", FieldProblem::InTheFuture),
            ("1899-12-31", FieldProblem::TooOld),
        ];
        for (input, problem) in cases {
            let form = ClientForm { birth_date: input.into(), ..valid_form() };
            assert_eq!(problems(&form), vec![FieldError { field: ClientField::BirthDate, problem }], "{input}");
        }
        for ok in ["2026-11-25", "1950-01-01", "2000-02-29"] {
            let form = ClientForm { birth_date: ok.into(), ..valid_form() };
            assert!(form.validate(today()).is_ok(), "{ok}");
        }
    }

    #[test]
    fn recipient_number_is_ten_digits_in_any_width() {
        let form = ClientForm { recipient_number: "０１２３４５６７８９".into(), ..valid_form() };
        assert_eq!(form.validate(today()).unwrap().recipient_number.as_deref(), Some("0123456789"));
        for bad in ["12345", "01234567890", "012345678a"] {
            let form = ClientForm { recipient_number: bad.into(), ..valid_form() };
            assert_eq!(problems(&form)[0].problem, FieldProblem::NotTenDigits, "{bad}");
        }
    }

    #[test]
    fn services_need_a_known_type_and_an_end_after_the_start() {
        let form = ClientForm {
            services: vec![
                ServiceForm {
                    service: "employment_transition".into(),
                    start: "2025-04-01".into(),
                    end: "2025-03-31".into(),
                },
                ServiceForm { service: "nonsense".into(), start: "".into(), end: "".into() },
                ServiceForm { service: "group_home".into(), start: "2025-13-01".into(), end: "".into() },
            ],
            ..valid_form()
        };
        assert_eq!(
            problems(&form),
            vec![
                FieldError { field: ClientField::ServiceEnd(0), problem: FieldProblem::EndBeforeStart },
                FieldError { field: ClientField::ServiceType(1), problem: FieldProblem::UnknownService },
                FieldError { field: ClientField::ServiceStart(2), problem: FieldProblem::NotADate },
            ]
        );
    }

    #[test]
    fn a_stage_override_needs_a_reason() {
        let form = ClientForm { stage_override: "school_age".into(), ..valid_form() };
        assert_eq!(
            problems(&form),
            vec![FieldError { field: ClientField::LifeStageReason, problem: FieldProblem::Required }]
        );
        let form = ClientForm {
            stage_override: "school_age".into(),
            stage_reason: "特別支援学校高等部専攻科".into(),
            ..valid_form()
        };
        let client = form.validate(today()).unwrap();
        assert_eq!(client.life_stage(today()), Some(LifeStage::SchoolAge));
    }

    #[test]
    fn form_and_client_round_trip() {
        let form = ClientForm {
            birth_date: "1990-04-01".into(),
            recipient_number: "0123456789".into(),
            wishes_self: "一人暮らしをしたい".into(),
            services: vec![ServiceForm { service: "group_home".into(), start: "2024-04-01".into(), end: "".into() }],
            stage_override: "adulthood".into(),
            stage_reason: "理由".into(),
            ..valid_form()
        };
        let client = form.validate(today()).unwrap();
        assert_eq!(ClientForm::from(&client), form);
    }

    #[test]
    fn life_stage_is_derived_from_the_birth_date_without_override() {
        let c = Client { birth_date: NaiveDate::from_ymd_opt(2015, 6, 1), ..Default::default() };
        assert_eq!(c.life_stage(today()), Some(LifeStage::SchoolAge));
        assert_eq!(Client::default().life_stage(today()), None);
    }

    #[test]
    fn search_hides_archived_and_sorting_uses_the_reading() {
        let mk = |name: &str, kana: &str, archived| Client {
            name: name.into(),
            kana: kana.into(),
            archived,
            ..Default::default()
        };
        let mut clients = vec![
            mk("佐藤 花子", "サトウ ハナコ", false),
            mk("青木 一郎", "あおき いちろう", false),
            mk("斎藤 次郎", "さいとう じろう", true),
            mk("名無し", "", false),
        ];
        clients.sort_by_key(|c| c.sort_key());
        let names: Vec<_> = clients.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, vec!["青木 一郎", "斎藤 次郎", "佐藤 花子", "名無し"]);
        let found = search(&clients, |c| c, "ｻ", false);
        assert_eq!(found.len(), 1);
        let found = search(&clients, |c| c, "さ", true);
        assert_eq!(found.len(), 2);
    }
}
