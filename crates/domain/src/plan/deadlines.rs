//! When a plan must be reviewed and monitored (docs/plan-cycle.md): the
//! review interval by service, the office's settings, the day a plan took
//! effect, and due / overdue against "today".

use super::Plan;
use crate::service::ServiceType;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

/// A deadline this many days ahead (or fewer) is "due soon".
pub const DUE_SOON_DAYS: i64 = 30;

/// How the office reads the review interval of 就労定着支援 and 自立生活援助,
/// which the rules do not settle. Reviewing sooner is never a violation, so
/// three months is the default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnconfirmedReading {
    #[default]
    ThreeMonths,
    SixMonths,
}

impl UnconfirmedReading {
    pub const ALL: [UnconfirmedReading; 2] = [UnconfirmedReading::ThreeMonths, UnconfirmedReading::SixMonths];

    pub fn months(self) -> u32 {
        match self {
            UnconfirmedReading::ThreeMonths => 3,
            UnconfirmedReading::SixMonths => 6,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            UnconfirmedReading::ThreeMonths => "three_months",
            UnconfirmedReading::SixMonths => "six_months",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Office settings for plans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanSettings {
    /// The office's own review interval in months. It can only shorten the
    /// interval the rules set: a longer value is ignored, 0 counts as 1.
    #[serde(default)]
    pub review_interval_months: Option<u32>,
    /// The reading in force for 就労定着支援 and 自立生活援助.
    #[serde(default)]
    pub unconfirmed_reading: UnconfirmedReading,
    /// How often the office monitors, in months; never longer than the
    /// review interval (the review rests on a monitoring). `None`: once per
    /// review interval.
    #[serde(default)]
    pub monitoring_interval_months: Option<u32>,
    /// Months without contact after which an agency is flagged (「足でかせぐ」);
    /// `None`: [`crate::network::DEFAULT_STALE_MONTHS`].
    #[serde(default)]
    pub agency_quiet_months: Option<u32>,
    /// What "four a year" of 地域連携会議実施加算 counts in.
    #[serde(default)]
    pub claim_window: crate::meeting::YearWindow,
}

impl PlanSettings {
    /// The months in force for flagging quiet agencies (at least 1).
    pub fn quiet_months(&self) -> u32 {
        self.agency_quiet_months.unwrap_or(crate::network::DEFAULT_STALE_MONTHS).max(1)
    }
}

/// The services whose review interval the rules leave unconfirmed.
pub fn has_unconfirmed_interval(service: Option<ServiceType>) -> bool {
    matches!(service, Some(ServiceType::EmploymentRetention | ServiceType::IndependentLiving))
}

/// Where the interval in force comes from, so the app can say which reading
/// applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IntervalBasis {
    /// The rules: 3 months for 就労移行支援 and 自立訓練, 6 otherwise.
    Rule,
    /// The office's reading of an unconfirmed interval.
    Reading(UnconfirmedReading),
    /// The office's own, shorter interval.
    Office,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewInterval {
    pub months: u32,
    pub basis: IntervalBasis,
}

/// The longest interval between reviews: 3 months for 就労移行支援 and 自立訓練
/// (機能訓練, 生活訓練, and 宿泊型自立訓練, a form of 生活訓練); the office's
/// reading for 就労定着支援 and 自立生活援助; 6 months otherwise (also when the
/// service is unknown).
pub fn legal_review_interval(service: Option<ServiceType>, settings: &PlanSettings) -> ReviewInterval {
    if has_unconfirmed_interval(service) {
        let reading = settings.unconfirmed_reading;
        return ReviewInterval { months: reading.months(), basis: IntervalBasis::Reading(reading) };
    }
    let months = match service {
        Some(
            ServiceType::EmploymentTransition
            | ServiceType::FunctionalTraining
            | ServiceType::LifeSkillsTraining
            | ServiceType::ResidentialTraining,
        ) => 3,
        _ => 6,
    };
    ReviewInterval { months, basis: IntervalBasis::Rule }
}

/// The interval in force: the one the rules set, or the office's if shorter.
pub fn review_interval(service: Option<ServiceType>, settings: &PlanSettings) -> ReviewInterval {
    let legal = legal_review_interval(service, settings);
    match settings.review_interval_months.map(|m| m.max(1)) {
        Some(office) if office < legal.months => ReviewInterval { months: office, basis: IntervalBasis::Office },
        _ => legal,
    }
}

pub fn review_interval_months(service: Option<ServiceType>, settings: &PlanSettings) -> u32 {
    review_interval(service, settings).months
}

/// `date` plus whole months, on the same day of the month or the last day
/// of a shorter month (11/30 + 3 months = 2/28, or 2/29 in a leap year).
pub fn add_months_clamped(date: NaiveDate, months: u32) -> NaiveDate {
    date.checked_add_months(Months::new(months)).unwrap_or(NaiveDate::MAX)
}

/// The day the plan took effect: its 同意日, or its 交付日 when only that is
/// recorded. `None` while the plan is not agreed.
pub fn took_effect(plan: &Plan) -> Option<NaiveDate> {
    let consent = plan.cycle.consent.as_ref()?;
    consent.consented_on.or(consent.handed_over_on)
}

/// The day by which this version must be reviewed: the interval counted
/// from the day it took effect. `None` while it has not.
pub fn next_review_date(plan: &Plan, settings: &PlanSettings) -> Option<NaiveDate> {
    Some(add_months_clamped(took_effect(plan)?, review_interval_months(plan.service, settings)))
}

/// The day by which the next monitoring is due: the monitoring interval
/// counted from the latest signed monitoring of this version, or from the
/// day it took effect. The first monitoring is due by the review date at the
/// latest, since the review rests on it.
pub fn next_monitoring_date(plan: &Plan, settings: &PlanSettings) -> Option<NaiveDate> {
    let review = review_interval_months(plan.service, settings);
    let months = settings.monitoring_interval_months.map_or(review, |m| m.clamp(1, review));
    let last = plan.cycle.monitoring_entries().filter(|(_, m)| m.is_signed()).filter_map(|(_, m)| m.date).max();
    let effective = took_effect(plan)?;
    match last {
        Some(last) if last >= effective => Some(add_months_clamped(last, months)),
        _ => Some(add_months_clamped(effective, months)),
    }
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

#[cfg(test)]
mod quiet_tests {
    use super::PlanSettings;

    #[test]
    fn agencies_go_quiet_after_three_months_unless_the_office_chose_otherwise() {
        assert_eq!(PlanSettings::default().quiet_months(), 3);
        assert_eq!(PlanSettings { agency_quiet_months: Some(6), ..Default::default() }.quiet_months(), 6);
        assert_eq!(PlanSettings { agency_quiet_months: Some(0), ..Default::default() }.quiet_months(), 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{ConsentRecord, Cycle, JobRole, MonitoringEntry, StaffRef};
    use std::collections::BTreeMap;
    use uuid::Uuid;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn consented(service: ServiceType, on: &str) -> Plan {
        Plan {
            service: Some(service),
            cycle: Cycle {
                consent: Some(ConsentRecord { consented_on: Some(d(on)), ..Default::default() }),
                ..Default::default()
            },
            ..Plan::new(Uuid::from_u128(1), Uuid::from_u128(2))
        }
    }

    #[test]
    fn review_interval_by_service_and_reading() {
        let three = PlanSettings::default();
        let six = PlanSettings { unconfirmed_reading: UnconfirmedReading::SixMonths, ..Default::default() };
        for &service in ServiceType::ALL {
            let (expected_default, expected_six, basis) = match service {
                ServiceType::EmploymentTransition
                | ServiceType::FunctionalTraining
                | ServiceType::LifeSkillsTraining
                | ServiceType::ResidentialTraining => (3, 3, IntervalBasis::Rule),
                ServiceType::EmploymentRetention | ServiceType::IndependentLiving => {
                    (3, 6, IntervalBasis::Reading(UnconfirmedReading::ThreeMonths))
                }
                _ => (6, 6, IntervalBasis::Rule),
            };
            let name = service.name_ja();
            assert_eq!(
                legal_review_interval(Some(service), &three),
                ReviewInterval { months: expected_default, basis },
                "{name}"
            );
            assert_eq!(review_interval_months(Some(service), &six), expected_six, "{name}");
        }
        assert_eq!(review_interval_months(None, &three), 6);
    }

    #[test]
    fn an_office_may_shorten_the_interval_but_never_lengthen_it() {
        let cases = [
            // service, office setting, in force, basis
            (ServiceType::EmploymentContinuationB, None, 6, IntervalBasis::Rule),
            (ServiceType::EmploymentContinuationB, Some(4), 4, IntervalBasis::Office),
            (ServiceType::EmploymentContinuationB, Some(6), 6, IntervalBasis::Rule),
            (ServiceType::EmploymentContinuationB, Some(12), 6, IntervalBasis::Rule),
            (ServiceType::EmploymentContinuationB, Some(0), 1, IntervalBasis::Office),
            (ServiceType::EmploymentTransition, Some(2), 2, IntervalBasis::Office),
            (ServiceType::EmploymentTransition, Some(4), 3, IntervalBasis::Rule),
            (ServiceType::LifeSkillsTraining, Some(6), 3, IntervalBasis::Rule),
            (ServiceType::EmploymentRetention, Some(4), 3, IntervalBasis::Reading(UnconfirmedReading::ThreeMonths)),
        ];
        for (service, office, months, basis) in cases {
            let settings = PlanSettings { review_interval_months: office, ..Default::default() };
            assert_eq!(
                review_interval(Some(service), &settings),
                ReviewInterval { months, basis },
                "{service:?} {office:?}"
            );
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
    fn the_review_date_counts_from_the_day_the_plan_took_effect() {
        let settings = PlanSettings::default();
        let cases = [
            // A 就労移行支援 plan consented on 11/30 is reviewed by 2/28, whatever its period says.
            (consented(ServiceType::EmploymentTransition, "2025-11-30"), Some("2026-02-28")),
            (consented(ServiceType::EmploymentContinuationB, "2026-04-01"), Some("2026-10-01")),
            (consented(ServiceType::EmploymentRetention, "2026-04-01"), Some("2026-07-01")),
            (consented(ServiceType::IndependentLiving, "2026-08-31"), Some("2026-11-30")),
        ];
        for (mut plan, due) in cases {
            plan.period = crate::plan::Period::new(d("2025-01-01"), d("2025-12-31"));
            assert_eq!(next_review_date(&plan, &settings), due.map(d), "{:?}", plan.service);
        }
        let six = PlanSettings { unconfirmed_reading: UnconfirmedReading::SixMonths, ..Default::default() };
        assert_eq!(
            next_review_date(&consented(ServiceType::EmploymentRetention, "2026-04-01"), &six),
            Some(d("2026-10-01"))
        );

        // Only the 交付日 recorded: it counts from there.
        let mut handed = consented(ServiceType::EmploymentTransition, "2026-04-01");
        let c = handed.cycle.consent.as_mut().unwrap();
        (c.consented_on, c.handed_over_on) = (None, Some(d("2026-04-03")));
        assert_eq!(next_review_date(&handed, &settings), Some(d("2026-07-03")));
        // Not agreed: no review date, whatever the period.
        let mut draft = Plan { period: crate::plan::Period::new(d("2026-04-01"), d("2026-09-30")), ..Plan::default() };
        assert_eq!(next_review_date(&draft, &settings), None);
        draft.cycle.consent = Some(ConsentRecord::default());
        assert_eq!(next_review_date(&draft, &settings), None);
    }

    #[test]
    fn the_next_monitoring_counts_from_the_last_signed_one_or_the_start() {
        let by = Some(StaffRef::new(None, "佐藤", JobRole::ServiceManager));
        let entry =
            |date: &str, by: Option<StaffRef>| MonitoringEntry { date: Some(d(date)), by, ..Default::default() };
        let mut plan = consented(ServiceType::EmploymentContinuationB, "2026-04-01");
        let monthly = PlanSettings { monitoring_interval_months: Some(1), ..Default::default() };
        let yearly = PlanSettings { monitoring_interval_months: Some(12), ..Default::default() };
        let default = PlanSettings::default();
        assert_eq!(next_monitoring_date(&plan, &default), Some(d("2026-10-01")), "by the review date");
        assert_eq!(next_monitoring_date(&plan, &monthly), Some(d("2026-05-01")));
        assert_eq!(next_monitoring_date(&plan, &yearly), Some(d("2026-10-01")), "never past the review interval");

        plan.cycle.monitoring = BTreeMap::from([
            (Uuid::from_u128(1), entry("2026-05-10", by.clone())),
            (Uuid::from_u128(2), entry("2026-06-20", None)),
        ]);
        assert_eq!(next_monitoring_date(&plan, &monthly), Some(d("2026-06-10")), "the unsigned one does not count");
        assert_eq!(next_monitoring_date(&plan, &default), Some(d("2026-11-10")));
        assert_eq!(next_monitoring_date(&Plan::default(), &monthly), None, "not in effect");
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
    fn settings_load_from_older_json_with_defaults() {
        let s: PlanSettings = serde_json::from_str(r#"{"review_interval_months": 4}"#).unwrap();
        assert_eq!(s, PlanSettings { review_interval_months: Some(4), ..Default::default() });
        assert_eq!(s.unconfirmed_reading, UnconfirmedReading::ThreeMonths);
        assert_eq!(UnconfirmedReading::from_code("six_months"), Some(UnconfirmedReading::SixMonths));
    }
}
