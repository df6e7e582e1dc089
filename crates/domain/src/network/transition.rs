//! 縦の連携: the turning points of a client's life (入学, 卒業, 就職, 離職,
//! 再チャレンジ, 再就職, 退職, …) with their dates and the agencies involved
//! at each (record kind `transition`, one record per turning point), laid on
//! a line from 乳幼児期 through 学齢期 to 成年期; and the ones coming soon,
//! for ホーム to say what to prepare.

use super::agency_form::MAX_SHORT;
use crate::client::{FieldProblem, MAX_TEXT};
use crate::life_stage::{life_stage, LifeStage};
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How many months ahead a turning point shows on ホーム: a 卒業 in March
/// shows from the October before, when the next place is being chosen.
pub const UPCOMING_MONTHS: u32 = 6;

/// The kind of turning point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransitionKind {
    /// 入学・入園
    Enrollment,
    /// 卒業
    Graduation,
    /// 就職
    Employment,
    /// 離職
    Separation,
    /// 再チャレンジ (訓練や福祉サービスでの立て直し)
    Rechallenge,
    /// 再就職
    Reemployment,
    /// 退職 (定年など)
    Retirement,
    /// その他 (転居、施設入所、…): what it is is in `detail`. Unknown codes
    /// from a newer app load as this.
    #[default]
    #[serde(other)]
    Other,
}

impl TransitionKind {
    pub const ALL: [TransitionKind; 8] = [
        TransitionKind::Enrollment,
        TransitionKind::Graduation,
        TransitionKind::Employment,
        TransitionKind::Separation,
        TransitionKind::Rechallenge,
        TransitionKind::Reemployment,
        TransitionKind::Retirement,
        TransitionKind::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            TransitionKind::Enrollment => "enrollment",
            TransitionKind::Graduation => "graduation",
            TransitionKind::Employment => "employment",
            TransitionKind::Separation => "separation",
            TransitionKind::Rechallenge => "rechallenge",
            TransitionKind::Reemployment => "reemployment",
            TransitionKind::Retirement => "retirement",
            TransitionKind::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Where a turning point of this kind falls when the birth date is not
    /// known: school events in 学齢期, working life in 成年期.
    fn usual_stage(self) -> Option<LifeStage> {
        match self {
            TransitionKind::Enrollment | TransitionKind::Graduation => Some(LifeStage::SchoolAge),
            TransitionKind::Employment
            | TransitionKind::Separation
            | TransitionKind::Rechallenge
            | TransitionKind::Reemployment
            | TransitionKind::Retirement => Some(LifeStage::Adulthood),
            TransitionKind::Other => None,
        }
    }

    /// Order of two turning points on one day: what ends comes before what
    /// begins (卒業 before 就職, 離職 before 再チャレンジ).
    fn rank_on_a_day(self) -> u8 {
        match self {
            TransitionKind::Graduation => 0,
            TransitionKind::Separation => 1,
            TransitionKind::Retirement => 2,
            TransitionKind::Other => 3,
            TransitionKind::Enrollment => 4,
            TransitionKind::Rechallenge => 5,
            TransitionKind::Employment => 6,
            TransitionKind::Reemployment => 7,
        }
    }
}

/// One turning point of a client's life.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Transition {
    #[serde(default)]
    pub client_id: Uuid,
    #[serde(default)]
    pub kind: TransitionKind,
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// What exactly (「○○特別支援学校 高等部」「株式会社△△ 物流センター」).
    #[serde(default)]
    pub detail: String,
    /// The agencies involved at this step, from the directory.
    #[serde(default)]
    pub agency_ids: Vec<Uuid>,
    /// What to prepare or what was handed over.
    #[serde(default)]
    pub note: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TransitionField {
    Date,
    Detail,
    Note,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TransitionError {
    pub field: TransitionField,
    pub problem: FieldProblem,
}

impl crate::form::FieldIssue for TransitionError {
    type Field = TransitionField;
    fn field(&self) -> TransitionField {
        self.field
    }
    fn problem(&self) -> FieldProblem {
        self.problem
    }
}

/// The turning point as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct TransitionForm {
    pub client_id: Uuid,
    pub kind: TransitionKind,
    pub date: String,
    pub detail: String,
    pub agency_ids: Vec<Uuid>,
    pub note: String,
}

impl TransitionForm {
    /// Checks every field and returns the turning point, or every problem
    /// found. The date is required (a coming one is planned, a past one is
    /// history; both belong on the line); 「その他」 says what it is.
    pub fn validate(&self) -> Result<Transition, Vec<TransitionError>> {
        let mut errors = Vec::new();
        let mut err = |field, problem| errors.push(TransitionError { field, problem });
        let date = match self.date.trim() {
            "" => {
                err(TransitionField::Date, FieldProblem::Required);
                None
            }
            s => {
                let d = s.parse::<NaiveDate>().ok();
                if d.is_none() {
                    err(TransitionField::Date, FieldProblem::NotADate);
                }
                d
            }
        };
        let detail = self.detail.trim();
        if detail.chars().count() > MAX_SHORT {
            err(TransitionField::Detail, FieldProblem::TooLong);
        } else if detail.is_empty() && self.kind == TransitionKind::Other {
            err(TransitionField::Detail, FieldProblem::Required);
        }
        if self.note.chars().count() > MAX_TEXT {
            err(TransitionField::Note, FieldProblem::TooLong);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let mut agency_ids = self.agency_ids.clone();
        agency_ids.retain(|id| !id.is_nil());
        agency_ids.dedup();
        Ok(Transition {
            client_id: self.client_id,
            kind: self.kind,
            date,
            detail: detail.to_owned(),
            agency_ids,
            note: self.note.trim_end().to_owned(),
        })
    }
}

impl From<&Transition> for TransitionForm {
    fn from(t: &Transition) -> Self {
        TransitionForm {
            client_id: t.client_id,
            kind: t.kind,
            date: t.date.map(|d| d.to_string()).unwrap_or_default(),
            detail: t.detail.clone(),
            agency_ids: t.agency_ids.clone(),
            note: t.note.clone(),
        }
    }
}

impl crate::EditForm for TransitionForm {
    type Data = Transition;
    type Problem = TransitionError;
    const KIND: crate::RecordKind = crate::RecordKind::Transition;

    fn from_data(data: &Transition) -> Self {
        TransitionForm::from(data)
    }

    fn to_data(&self, _base: Option<&Transition>, _today: NaiveDate) -> Result<Transition, Vec<TransitionError>> {
        self.validate()
    }
}

/// A turning point placed on the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinePoint<'a> {
    pub id: Uuid,
    pub transition: &'a Transition,
    pub stage: LifeStage,
    /// On or after `today`: still to prepare.
    pub coming: bool,
}

/// The turning points in the order they happen: by date, on one day what
/// ends before what begins, then by id so every device shows one order.
/// Undated ones (not made by this app's form) come last.
pub fn in_order<'a>(transitions: &[(Uuid, &'a Transition)]) -> Vec<(Uuid, &'a Transition)> {
    let mut out = transitions.to_vec();
    out.sort_by_key(|(id, t)| (t.date.is_none(), t.date, t.kind.rank_on_a_day(), *id));
    out
}

/// The client's life-stage line: every turning point in order, each with
/// its stage — from the birth date when it is known (the school year's
/// April 1 boundaries), else from its kind, else (「その他」) the stage of
/// the turning point before it (or after it, or 成年期 when it is alone).
pub fn life_line<'a>(
    transitions: &[(Uuid, &'a Transition)],
    birth: Option<NaiveDate>,
    today: NaiveDate,
) -> Vec<LinePoint<'a>> {
    let ordered = in_order(transitions);
    let known: Vec<Option<LifeStage>> = ordered
        .iter()
        .map(|(_, t)| match (birth, t.date) {
            (Some(b), Some(d)) => Some(life_stage(b, d)),
            _ => t.kind.usual_stage(),
        })
        .collect();
    ordered
        .iter()
        .enumerate()
        .map(|(i, (id, t))| {
            let stage = known[i]
                .or_else(|| known[..i].iter().rev().flatten().next().copied())
                .or_else(|| known[i + 1..].iter().flatten().next().copied())
                .unwrap_or(LifeStage::Adulthood);
            LinePoint { id: *id, transition: t, stage, coming: t.date.is_some_and(|d| d >= today) }
        })
        .collect()
}

/// The turning points from `today` to `months` months ahead, soonest first.
pub fn upcoming<'a>(
    transitions: &[(Uuid, &'a Transition)],
    today: NaiveDate,
    months: u32,
) -> Vec<(Uuid, &'a Transition)> {
    let until = today.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX);
    in_order(transitions).into_iter().filter(|(_, t)| t.date.is_some_and(|d| d >= today && d <= until)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn at(kind: TransitionKind, date: &str) -> Transition {
        Transition { kind, date: Some(day(date)), ..Default::default() }
    }

    fn ids(n: u128) -> Vec<Uuid> {
        (1..=n).map(Uuid::from_u128).collect()
    }

    #[test]
    fn turning_points_go_by_date_and_on_one_day_an_end_comes_before_a_beginning() {
        let list = [
            at(TransitionKind::Employment, "2027-04-01"),
            at(TransitionKind::Graduation, "2027-03-15"),
            at(TransitionKind::Enrollment, "2015-04-06"),
            at(TransitionKind::Reemployment, "2030-10-01"),
            at(TransitionKind::Separation, "2030-10-01"),
            Transition { kind: TransitionKind::Other, detail: "転居".into(), ..Default::default() },
        ];
        let id = ids(6);
        let pairs: Vec<(Uuid, &Transition)> = id.iter().copied().zip(list.iter()).collect();
        let kinds: Vec<TransitionKind> = in_order(&pairs).into_iter().map(|(_, t)| t.kind).collect();
        assert_eq!(
            kinds,
            vec![
                TransitionKind::Enrollment,
                TransitionKind::Graduation,
                TransitionKind::Employment,
                TransitionKind::Separation,
                TransitionKind::Reemployment,
                TransitionKind::Other,
            ]
        );
        // The same kind on the same day: by id, whatever the input order.
        let twins = [at(TransitionKind::Other, "2028-01-01"), at(TransitionKind::Other, "2028-01-01")];
        let a: Vec<(Uuid, &Transition)> = vec![(id[1], &twins[0]), (id[0], &twins[1])];
        let b: Vec<(Uuid, &Transition)> = vec![(id[0], &twins[1]), (id[1], &twins[0])];
        assert_eq!(in_order(&a), in_order(&b));
    }

    #[test]
    fn the_stage_follows_the_school_year_when_the_birth_date_is_known() {
        // Born 2009-06-10: school from 2016-04-01, adulthood from 2028-04-01.
        let birth = Some(day("2009-06-10"));
        let list = [
            at(TransitionKind::Enrollment, "2016-04-06"),
            at(TransitionKind::Graduation, "2028-03-01"),
            at(TransitionKind::Employment, "2028-04-01"),
            at(TransitionKind::Other, "2012-04-01"), // 保育所 entry
        ];
        let id = ids(4);
        let pairs: Vec<(Uuid, &Transition)> = id.iter().copied().zip(list.iter()).collect();
        let line = life_line(&pairs, birth, day("2026-12-02"));
        let stages: Vec<(TransitionKind, LifeStage, bool)> =
            line.iter().map(|p| (p.transition.kind, p.stage, p.coming)).collect();
        assert_eq!(
            stages,
            vec![
                (TransitionKind::Other, LifeStage::Infancy, false),
                (TransitionKind::Enrollment, LifeStage::SchoolAge, false),
                (TransitionKind::Graduation, LifeStage::SchoolAge, true),
                (TransitionKind::Employment, LifeStage::Adulthood, true),
            ]
        );
    }

    #[test]
    fn without_a_birth_date_the_kind_or_the_neighbour_gives_the_stage() {
        let list = [
            at(TransitionKind::Graduation, "2027-03-15"),
            Transition { detail: "グループホームへ転居".into(), ..at(TransitionKind::Other, "2027-03-20") },
            at(TransitionKind::Employment, "2027-04-01"),
        ];
        let id = ids(3);
        let pairs: Vec<(Uuid, &Transition)> = id.iter().copied().zip(list.iter()).collect();
        let line = life_line(&pairs, None, day("2026-12-02"));
        let stages: Vec<LifeStage> = line.iter().map(|p| p.stage).collect();
        assert_eq!(stages, vec![LifeStage::SchoolAge, LifeStage::SchoolAge, LifeStage::Adulthood]);
        // Alone, 「その他」 has no neighbour: adulthood.
        let alone = [at(TransitionKind::Other, "2027-01-01")];
        let line = life_line(&[(id[0], &alone[0])], None, day("2026-12-02"));
        assert_eq!(line[0].stage, LifeStage::Adulthood);
        // 「その他」 first: the stage of the one after it.
        let first = [at(TransitionKind::Other, "2014-01-01"), at(TransitionKind::Enrollment, "2015-04-06")];
        let pairs: Vec<(Uuid, &Transition)> = id.iter().copied().zip(first.iter()).collect();
        assert_eq!(life_line(&pairs, None, day("2026-12-02"))[0].stage, LifeStage::SchoolAge);
    }

    #[test]
    fn coming_turning_points_show_from_today_to_six_months_ahead() {
        let list = [
            at(TransitionKind::Graduation, "2027-03-31"),
            at(TransitionKind::Employment, "2027-04-01"),
            at(TransitionKind::Enrollment, "2026-12-01"),
            at(TransitionKind::Other, "2026-12-02"),
            at(TransitionKind::Retirement, "2027-06-03"),
        ];
        let id = ids(5);
        let pairs: Vec<(Uuid, &Transition)> = id.iter().copied().zip(list.iter()).collect();
        let soon: Vec<TransitionKind> =
            upcoming(&pairs, day("2026-12-02"), UPCOMING_MONTHS).into_iter().map(|(_, t)| t.kind).collect();
        // Yesterday's is past; today's is still to prepare; 2027-06-02 is the limit.
        assert_eq!(soon, vec![TransitionKind::Other, TransitionKind::Graduation, TransitionKind::Employment]);
        // On the last day of a month the limit is the last day six months on.
        let end = [at(TransitionKind::Graduation, "2027-02-28"), at(TransitionKind::Employment, "2027-03-01")];
        let pairs: Vec<(Uuid, &Transition)> = id.iter().copied().zip(end.iter()).collect();
        assert_eq!(upcoming(&pairs, day("2026-08-31"), UPCOMING_MONTHS).len(), 1);
    }

    #[test]
    fn the_form_needs_a_date_and_says_what_an_other_is() {
        let form = TransitionForm { kind: TransitionKind::Other, ..Default::default() };
        let problems = form.validate().unwrap_err();
        assert!(problems.contains(&TransitionError { field: TransitionField::Date, problem: FieldProblem::Required }));
        assert!(problems.contains(&TransitionError { field: TransitionField::Detail, problem: FieldProblem::Required }));
        let bad = TransitionForm { kind: TransitionKind::Graduation, date: "2027-02-30".into(), ..Default::default() };
        assert_eq!(
            bad.validate().unwrap_err(),
            vec![TransitionError { field: TransitionField::Date, problem: FieldProblem::NotADate }]
        );
        let a = Uuid::from_u128(7);
        let ok = TransitionForm {
            kind: TransitionKind::Graduation,
            date: " 2027-03-15 ".into(),
            detail: " ○○特別支援学校 高等部 ".into(),
            agency_ids: vec![a, a, Uuid::nil()],
            ..Default::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.date, Some(day("2027-03-15")));
        assert_eq!(ok.detail, "○○特別支援学校 高等部");
        assert_eq!(ok.agency_ids, vec![a]);
        assert_eq!(TransitionForm::from(&ok).validate().unwrap(), ok);
    }

    #[test]
    fn codes_round_trip_and_an_unknown_kind_loads_as_other() {
        for k in TransitionKind::ALL {
            assert_eq!(TransitionKind::from_code(k.code()), Some(k));
        }
        let t: Transition = serde_json::from_value(serde_json::json!({"kind": "moving_abroad"})).unwrap();
        assert_eq!(t.kind, TransitionKind::Other);
    }
}
