//! Rules on a plan as pure functions of the plan, the office's settings and
//! "today" (docs/plan-cycle.md): the review interval and date, due and
//! overdue, the plan period, the steps missing from the cycle, consent, and
//! whether the サビ管/児発管 did the work. [`findings`] gathers them into one
//! list for the dashboard.

use super::cycle::Step;
use super::Plan;
use crate::service::ServiceType;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A review or the period end this many days ahead (or fewer) is "due soon".
pub const DUE_SOON_DAYS: i64 = 30;

/// Office settings for plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanSettings {
    /// The office's own review interval in months. It can only shorten the
    /// legal interval: a longer value is ignored, 0 counts as 1.
    #[serde(default)]
    pub review_interval_months: Option<u32>,
}

/// The longest interval between reviews the 指定基準 allow: 3 months for
/// 就労移行支援 and 自立訓練 (機能訓練, 生活訓練, and 宿泊型自立訓練, which is a
/// form of 生活訓練), 6 months otherwise (also when the service is unknown).
pub fn legal_review_interval_months(service: Option<ServiceType>) -> u32 {
    match service {
        Some(
            ServiceType::EmploymentTransition
            | ServiceType::FunctionalTraining
            | ServiceType::LifeSkillsTraining
            | ServiceType::ResidentialTraining,
        ) => 3,
        _ => 6,
    }
}

/// The interval in force: the legal one, or the office's if shorter.
pub fn review_interval_months(service: Option<ServiceType>, settings: &PlanSettings) -> u32 {
    let legal = legal_review_interval_months(service);
    settings.review_interval_months.map_or(legal, |m| m.clamp(1, legal))
}

/// `date` plus whole months, on the same day of the month or the last day
/// of a shorter month (11/30 + 3 months = 2/28, or 2/29 in a leap year).
pub fn add_months_clamped(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The day by which this version must be reviewed: the interval counted
/// from the start of the plan period, or from the consent date while the
/// period is not entered. `None` when neither is known.
pub fn next_review_date(plan: &Plan, settings: &PlanSettings) -> Option<NaiveDate> {
    let from = plan.period.start.or_else(|| plan.cycle.consent.as_ref().and_then(|c| c.consented_on))?;
    Some(add_months_clamped(from, review_interval_months(plan.service, settings)))
}

/// Where `today` stands against a deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum DueStatus {
    /// More than [`DUE_SOON_DAYS`] days ahead.
    NotYet,
    /// Within [`DUE_SOON_DAYS`] days, the deadline itself included (0 days left).
    DueSoon { days_left: i64 },
    /// The deadline has passed.
    Overdue { days_over: i64 },
}

pub fn due_status(deadline: NaiveDate, today: NaiveDate) -> DueStatus {
    let days_left = (deadline - today).num_days();
    if days_left < 0 {
        DueStatus::Overdue { days_over: -days_left }
    } else if days_left <= DUE_SOON_DAYS {
        DueStatus::DueSoon { days_left }
    } else {
        DueStatus::NotYet
    }
}

/// The required steps (アセスメント, 原案, 個別支援会議, 説明・同意・交付) not on
/// record in this version's cycle, in cycle order. Any of them missing makes
/// the plan count as 未作成 for an auditor.
pub fn missing_steps(plan: &Plan) -> Vec<Step> {
    Step::REQUIRED.into_iter().filter(|s| !plan.cycle.is_done(*s)).collect()
}

/// How urgent a finding is on the dashboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Needs attention soon.
    Warning,
    /// A deadline passed or a document is missing.
    Alert,
}

/// Something the dashboard shows about a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// アセスメント, 原案 or 個別支援会議 not recorded (dated and signed).
    StepMissing {
        step: Step,
    },
    /// No consent on record (who explained, who consented, when).
    ConsentMissing,
    /// Consented but the hand-over (交付) date is not recorded.
    HandoverMissing,
    /// The plan period's start or end is not entered.
    PeriodNotSet,
    PeriodEndsSoon {
        end: NaiveDate,
        days_left: i64,
    },
    PeriodEnded {
        end: NaiveDate,
    },
    ReviewDueSoon {
        due: NaiveDate,
        days_left: i64,
    },
    ReviewOverdue {
        due: NaiveDate,
        days_over: i64,
    },
    /// The 原案 is signed by someone not acting as サビ管/児発管.
    DraftNotByManager,
    /// A monitoring not done (or not signed) by the サビ管/児発管.
    MonitoringNotByManager {
        monitoring_id: Uuid,
    },
    /// A monitoring without the interview with the client.
    MonitoringWithoutInterview {
        monitoring_id: Uuid,
    },
}

impl Finding {
    /// The message shown on the dashboard; dates and counts are shown
    /// beside it from the finding's fields.
    pub fn label_ja(&self) -> &'static str {
        match self {
            Finding::StepMissing { step } => match step {
                Step::Assessment => "アセスメントの記録がありません",
                Step::Draft => "原案の記録がありません",
                Step::Meeting => "個別支援会議の記録がありません",
                Step::Consent => "説明・同意・交付の記録がありません",
                Step::Monitoring => "モニタリングの記録がありません",
                Step::Review => "見直しの記録がありません",
            },
            Finding::ConsentMissing => "計画への同意が記録されていません",
            Finding::HandoverMissing => "計画の交付日が記録されていません",
            Finding::PeriodNotSet => "計画期間が入力されていません",
            Finding::PeriodEndsSoon { .. } => "計画期間の終了が近づいています",
            Finding::PeriodEnded { .. } => "計画期間が終了しています",
            Finding::ReviewDueSoon { .. } => "計画の見直し期限が近づいています",
            Finding::ReviewOverdue { .. } => "計画の見直し期限を過ぎています",
            Finding::DraftNotByManager => "原案がサビ管・児発管以外の職員の名前で作成されています",
            Finding::MonitoringNotByManager { .. } => "サビ管・児発管が実施したモニタリングとして記録されていません",
            Finding::MonitoringWithoutInterview { .. } => "モニタリングに本人との面接の記録がありません",
        }
    }

    pub fn severity(&self) -> Severity {
        match self {
            Finding::StepMissing { .. }
            | Finding::ConsentMissing
            | Finding::HandoverMissing
            | Finding::PeriodEnded { .. }
            | Finding::ReviewOverdue { .. } => Severity::Alert,
            Finding::PeriodNotSet
            | Finding::PeriodEndsSoon { .. }
            | Finding::ReviewDueSoon { .. }
            | Finding::DraftNotByManager
            | Finding::MonitoringNotByManager { .. }
            | Finding::MonitoringWithoutInterview { .. } => Severity::Warning,
        }
    }

    /// Missing documents that make an auditor treat the plan as
    /// 「個別支援計画未作成」 (a fee reduction).
    pub fn counts_as_uncreated(&self) -> bool {
        matches!(self, Finding::StepMissing { .. } | Finding::ConsentMissing | Finding::HandoverMissing)
    }
}

/// Everything the dashboard shows for one plan version on `today`, in a
/// fixed order: missing documents (cycle order), period, review, then who
/// did the work. Call it on the current version ([`super::latest_versions`]).
///
/// Missing documents are listed whatever the date: for a plan still being
/// prepared they are the steps left to do, and the same list is what an
/// auditor would find missing. Once the version's review is recorded, the
/// review deadline no longer applies (the next version has its own).
pub fn findings(plan: &Plan, settings: &PlanSettings, today: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    for step in missing_steps(plan) {
        out.push(match step {
            Step::Consent => match &plan.cycle.consent {
                Some(c) if c.has_consent() => Finding::HandoverMissing,
                _ => Finding::ConsentMissing,
            },
            step => Finding::StepMissing { step },
        });
    }

    match plan.period {
        super::Period { start: Some(_), end: Some(end) } => match due_status(end, today) {
            DueStatus::NotYet => {}
            DueStatus::DueSoon { days_left } => out.push(Finding::PeriodEndsSoon { end, days_left }),
            // The end day is still in the period: ended from the day after.
            DueStatus::Overdue { .. } => out.push(Finding::PeriodEnded { end }),
        },
        _ => out.push(Finding::PeriodNotSet),
    }

    if !plan.cycle.is_done(Step::Review) {
        if let Some(due) = next_review_date(plan, settings) {
            match due_status(due, today) {
                DueStatus::NotYet => {}
                DueStatus::DueSoon { days_left } => out.push(Finding::ReviewDueSoon { due, days_left }),
                DueStatus::Overdue { days_over } => out.push(Finding::ReviewOverdue { due, days_over }),
            }
        }
    }

    let draft_by = plan.cycle.draft.as_ref().and_then(|d| d.by.as_ref()).filter(|b| b.is_named());
    if draft_by.is_some_and(|b| !b.role.is_plan_manager()) {
        out.push(Finding::DraftNotByManager);
    }

    for (monitoring_id, entry) in plan.cycle.monitoring_entries() {
        if !entry.by_plan_manager() {
            out.push(Finding::MonitoringNotByManager { monitoring_id });
        }
        if !entry.has_interview() {
            out.push(Finding::MonitoringWithoutInterview { monitoring_id });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{
        AssessmentStep, ConsentRecord, Cycle, DraftStep, JobRole, MeetingRecord, MonitoringEntry, Period, ReviewStep,
        StaffRef,
    };
    use std::collections::BTreeMap;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn sabikan() -> Option<StaffRef> {
        Some(StaffRef::new(None, "佐藤", JobRole::ServiceManager))
    }

    fn shienin() -> Option<StaffRef> {
        Some(StaffRef::new(None, "鈴木", JobRole::SupportWorker))
    }

    const MONITORING: Uuid = Uuid::from_u128(20);

    /// A 就労移行支援 plan with every document in order, period 4/1–9/30, so
    /// the review is due on 7/1.
    fn complete_plan() -> Plan {
        Plan {
            service: Some(ServiceType::EmploymentTransition),
            period: Period::new(d("2026-04-01"), d("2026-09-30")),
            cycle: Cycle {
                assessment: Some(AssessmentStep {
                    date: Some(d("2026-03-10")),
                    by: sabikan(),
                    interview: "働きたい".into(),
                    ..Default::default()
                }),
                draft: Some(DraftStep { date: Some(d("2026-03-20")), by: sabikan(), ..Default::default() }),
                meeting: Some(MeetingRecord { date: Some(d("2026-03-25")), by: sabikan(), ..Default::default() }),
                consent: Some(ConsentRecord {
                    explained_on: Some(d("2026-03-31")),
                    explained_by: sabikan(),
                    consented_on: Some(d("2026-03-31")),
                    consented_by: "山田 太郎".into(),
                    handed_over_on: Some(d("2026-03-31")),
                    note: String::new(),
                }),
                monitoring: BTreeMap::from([(
                    MONITORING,
                    MonitoringEntry {
                        date: Some(d("2026-05-15")),
                        by: sabikan(),
                        interview: "順調".into(),
                        ..Default::default()
                    },
                )]),
                ..Default::default()
            },
            ..Plan::new(Uuid::from_u128(1), Uuid::from_u128(2))
        }
    }

    const QUIET_DAY: &str = "2026-05-20";

    fn findings_on(plan: &Plan, today: &str) -> Vec<Finding> {
        findings(plan, &PlanSettings::default(), d(today))
    }

    #[test]
    fn review_interval_is_three_months_for_transition_and_training_and_six_otherwise() {
        for &service in ServiceType::ALL {
            let expected = match service {
                ServiceType::EmploymentTransition
                | ServiceType::FunctionalTraining
                | ServiceType::LifeSkillsTraining
                | ServiceType::ResidentialTraining => 3,
                _ => 6,
            };
            assert_eq!(legal_review_interval_months(Some(service)), expected, "{}", service.name_ja());
        }
        assert_eq!(legal_review_interval_months(None), 6);
    }

    #[test]
    fn an_office_may_shorten_the_interval_but_never_lengthen_it() {
        let cases = [
            // service, office setting, in force
            (ServiceType::EmploymentContinuationB, None, 6),
            (ServiceType::EmploymentContinuationB, Some(4), 4),
            (ServiceType::EmploymentContinuationB, Some(6), 6),
            (ServiceType::EmploymentContinuationB, Some(12), 6),
            (ServiceType::EmploymentContinuationB, Some(0), 1),
            (ServiceType::EmploymentTransition, Some(2), 2),
            (ServiceType::EmploymentTransition, Some(4), 3),
            (ServiceType::LifeSkillsTraining, Some(6), 3),
        ];
        for (service, office, months) in cases {
            let settings = PlanSettings { review_interval_months: office };
            assert_eq!(review_interval_months(Some(service), &settings), months, "{service:?} {office:?}");
        }
    }

    #[test]
    fn months_are_added_on_the_same_day_or_the_last_day_of_a_shorter_month() {
        let cases = [
            ("2026-11-30", 3, "2027-02-28"),
            ("2027-11-30", 3, "2028-02-29"),
            ("2027-11-29", 3, "2028-02-29"),
            ("2026-11-29", 3, "2027-02-28"),
            ("2026-08-31", 6, "2027-02-28"),
            ("2027-08-31", 6, "2028-02-29"),
            ("2026-05-31", 3, "2026-08-31"),
            ("2026-03-31", 6, "2026-09-30"),
            ("2028-02-29", 12, "2029-02-28"),
            ("2026-04-01", 6, "2026-10-01"),
            ("2026-12-15", 3, "2027-03-15"),
            ("2026-01-31", 1, "2026-02-28"),
        ];
        for (from, months, to) in cases {
            assert_eq!(add_months_clamped(d(from), months), d(to), "{from} + {months}");
        }
    }

    #[test]
    fn the_review_date_counts_from_the_period_start_or_else_the_consent() {
        let plan = complete_plan();
        let settings = PlanSettings::default();
        assert_eq!(next_review_date(&plan, &settings), Some(d("2026-07-01")));
        let shorter = PlanSettings { review_interval_months: Some(2) };
        assert_eq!(next_review_date(&plan, &shorter), Some(d("2026-06-01")));

        let b_type = Plan { service: Some(ServiceType::EmploymentContinuationB), ..plan.clone() };
        assert_eq!(next_review_date(&b_type, &settings), Some(d("2026-10-01")));

        let no_period = Plan {
            period: Period::default(),
            cycle: Cycle {
                consent: Some(ConsentRecord { consented_on: Some(d("2026-11-30")), ..Default::default() }),
                ..Default::default()
            },
            ..plan.clone()
        };
        assert_eq!(next_review_date(&no_period, &settings), Some(d("2027-02-28")));
        let nothing = Plan { period: Period::default(), cycle: Cycle::default(), ..plan };
        assert_eq!(next_review_date(&nothing, &settings), None);
    }

    #[test]
    fn due_soon_is_thirty_days_ahead_through_the_deadline_and_overdue_after_it() {
        let due = d("2027-02-28");
        let cases = [
            ("2027-01-27", DueStatus::NotYet),                    // 32 days
            ("2027-01-28", DueStatus::NotYet),                    // 31 days
            ("2027-01-29", DueStatus::DueSoon { days_left: 30 }), // exactly 30 days
            ("2027-02-27", DueStatus::DueSoon { days_left: 1 }),
            ("2027-02-28", DueStatus::DueSoon { days_left: 0 }), // the due day
            ("2027-03-01", DueStatus::Overdue { days_over: 1 }), // the day after
            ("2027-04-01", DueStatus::Overdue { days_over: 32 }),
        ];
        for (today, status) in cases {
            assert_eq!(due_status(due, d(today)), status, "{today}");
        }
    }

    #[test]
    fn a_complete_plan_between_deadlines_has_no_findings() {
        assert_eq!(findings_on(&complete_plan(), QUIET_DAY), vec![]);
        assert_eq!(missing_steps(&complete_plan()), vec![]);
    }

    #[test]
    fn each_missing_step_is_reported_and_counts_as_uncreated() {
        type Edit = fn(&mut Cycle);
        let cases: [(&str, Edit, Finding); 7] = [
            ("no assessment", |c| c.assessment = None, Finding::StepMissing { step: Step::Assessment }),
            (
                "undated assessment",
                |c| c.assessment.as_mut().unwrap().date = None,
                Finding::StepMissing { step: Step::Assessment },
            ),
            ("no draft", |c| c.draft = None, Finding::StepMissing { step: Step::Draft }),
            ("unsigned draft", |c| c.draft.as_mut().unwrap().by = None, Finding::StepMissing { step: Step::Draft }),
            ("no meeting", |c| c.meeting = None, Finding::StepMissing { step: Step::Meeting }),
            ("no consent", |c| c.consent = None, Finding::ConsentMissing),
            ("not handed over", |c| c.consent.as_mut().unwrap().handed_over_on = None, Finding::HandoverMissing),
        ];
        for (name, edit, finding) in cases {
            let mut plan = complete_plan();
            edit(&mut plan.cycle);
            assert_eq!(findings_on(&plan, QUIET_DAY), vec![finding], "{name}");
            assert!(finding.counts_as_uncreated(), "{name}");
            assert_eq!(finding.severity(), Severity::Alert, "{name}");
        }
    }

    #[test]
    fn consent_is_missing_without_who_consented_or_when_or_who_explained() {
        type Edit = fn(&mut ConsentRecord);
        let cases: [(&str, Edit); 3] = [
            ("no date", |c| c.consented_on = None),
            ("nobody consented", |c| c.consented_by = "  ".into()),
            ("nobody explained", |c| c.explained_by = None),
        ];
        for (name, edit) in cases {
            let mut plan = complete_plan();
            edit(plan.cycle.consent.as_mut().unwrap());
            assert_eq!(findings_on(&plan, QUIET_DAY), vec![Finding::ConsentMissing], "{name}");
            assert_eq!(missing_steps(&plan), vec![Step::Consent], "{name}");
        }
    }

    #[test]
    fn an_empty_plan_lists_every_missing_document_in_cycle_order() {
        let plan = Plan::new(Uuid::nil(), Uuid::nil());
        assert_eq!(missing_steps(&plan), Step::REQUIRED.to_vec());
        assert_eq!(
            findings_on(&plan, QUIET_DAY),
            vec![
                Finding::StepMissing { step: Step::Assessment },
                Finding::StepMissing { step: Step::Draft },
                Finding::StepMissing { step: Step::Meeting },
                Finding::ConsentMissing,
                Finding::PeriodNotSet,
            ]
        );
    }

    #[test]
    fn review_and_period_deadlines_on_their_boundaries() {
        // Review due 2026-07-01, period ends 2026-09-30.
        let review_due = d("2026-07-01");
        let end = d("2026-09-30");
        let cases = [
            ("2026-05-31", vec![]), // 31 days before the review
            ("2026-06-01", vec![Finding::ReviewDueSoon { due: review_due, days_left: 30 }]),
            ("2026-07-01", vec![Finding::ReviewDueSoon { due: review_due, days_left: 0 }]),
            ("2026-07-02", vec![Finding::ReviewOverdue { due: review_due, days_over: 1 }]),
            (
                "2026-08-31",
                vec![
                    Finding::PeriodEndsSoon { end, days_left: 30 },
                    Finding::ReviewOverdue { due: review_due, days_over: 61 },
                ],
            ),
            (
                "2026-09-30",
                vec![
                    Finding::PeriodEndsSoon { end, days_left: 0 },
                    Finding::ReviewOverdue { due: review_due, days_over: 91 },
                ],
            ),
            (
                "2026-10-01",
                vec![Finding::PeriodEnded { end }, Finding::ReviewOverdue { due: review_due, days_over: 92 }],
            ),
        ];
        for (today, expected) in cases {
            assert_eq!(findings_on(&complete_plan(), today), expected, "{today}");
        }
    }

    #[test]
    fn a_recorded_review_ends_the_review_deadline_but_not_the_period() {
        let mut plan = complete_plan();
        plan.cycle.review = Some(ReviewStep { date: Some(d("2026-06-28")), by: sabikan(), summary: String::new() });
        assert_eq!(findings_on(&plan, "2026-07-02"), vec![]);
        assert_eq!(findings_on(&plan, "2026-10-01"), vec![Finding::PeriodEnded { end: d("2026-09-30") }]);
        // An unsigned review does not count.
        plan.cycle.review.as_mut().unwrap().by = None;
        assert_eq!(
            findings_on(&plan, "2026-07-02"),
            vec![Finding::ReviewOverdue { due: d("2026-07-01"), days_over: 1 }]
        );
    }

    #[test]
    fn the_office_interval_moves_the_review_deadline() {
        let plan = Plan { service: Some(ServiceType::EmploymentContinuationB), ..complete_plan() };
        assert_eq!(findings_on(&plan, "2026-07-02"), vec![]);
        let settings = PlanSettings { review_interval_months: Some(3) };
        assert_eq!(
            findings(&plan, &settings, d("2026-07-02")),
            vec![Finding::ReviewOverdue { due: d("2026-07-01"), days_over: 1 }]
        );
    }

    #[test]
    fn work_by_someone_other_than_the_sabikan_is_flagged() {
        type Edit = fn(&mut Cycle);
        let m = Finding::MonitoringNotByManager { monitoring_id: MONITORING };
        let cases: [(&str, Edit, Vec<Finding>); 6] = [
            ("monitoring by a 支援員", |c| c.monitoring.get_mut(&MONITORING).unwrap().by = shienin(), vec![m]),
            ("monitoring unsigned", |c| c.monitoring.get_mut(&MONITORING).unwrap().by = None, vec![m]),
            (
                "monitoring by a 児発管",
                |c| {
                    c.monitoring.get_mut(&MONITORING).unwrap().by =
                        Some(StaffRef::new(None, "高橋", JobRole::ChildDevelopmentManager))
                },
                vec![],
            ),
            (
                "monitoring without interview",
                |c| c.monitoring.get_mut(&MONITORING).unwrap().interview = " ".into(),
                vec![Finding::MonitoringWithoutInterview { monitoring_id: MONITORING }],
            ),
            (
                "removed monitoring by a 支援員",
                |c| {
                    let e = c.monitoring.get_mut(&MONITORING).unwrap();
                    e.by = shienin();
                    e.removed = true;
                },
                vec![],
            ),
            ("draft by a 支援員", |c| c.draft.as_mut().unwrap().by = shienin(), vec![Finding::DraftNotByManager]),
        ];
        for (name, edit, expected) in cases {
            let mut plan = complete_plan();
            edit(&mut plan.cycle);
            let found = findings_on(&plan, QUIET_DAY);
            assert_eq!(found, expected, "{name}");
            assert!(found.iter().all(|f| f.severity() == Severity::Warning && !f.counts_as_uncreated()), "{name}");
        }
    }

    #[test]
    fn every_finding_has_a_japanese_label_and_a_stable_tag() {
        let all = [
            Finding::StepMissing { step: Step::Assessment },
            Finding::ConsentMissing,
            Finding::HandoverMissing,
            Finding::PeriodNotSet,
            Finding::PeriodEndsSoon { end: d("2026-09-30"), days_left: 3 },
            Finding::PeriodEnded { end: d("2026-09-30") },
            Finding::ReviewDueSoon { due: d("2026-07-01"), days_left: 3 },
            Finding::ReviewOverdue { due: d("2026-07-01"), days_over: 3 },
            Finding::DraftNotByManager,
            Finding::MonitoringNotByManager { monitoring_id: MONITORING },
            Finding::MonitoringWithoutInterview { monitoring_id: MONITORING },
        ];
        let labels: std::collections::HashSet<_> = all.iter().map(Finding::label_ja).collect();
        assert_eq!(labels.len(), all.len());
        let json = serde_json::to_value(Finding::StepMissing { step: Step::Meeting }).unwrap();
        assert_eq!(json, serde_json::json!({"kind": "step_missing", "step": "meeting"}));
        for f in all {
            let back: Finding = serde_json::from_value(serde_json::to_value(f).unwrap()).unwrap();
            assert_eq!(back, f);
        }
    }
}
