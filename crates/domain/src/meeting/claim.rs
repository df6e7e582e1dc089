//! 地域連携会議実施加算: per client, which meetings can be claimed, under
//! which division and for how many units, and for every other meeting the
//! exact reasons it cannot.
//!
//! The rule: the client uses 就労移行支援 or 就労定着支援 on the day; at
//! least one outside party attends; a plan version is explained; (Ⅰ) is
//! explained by the サビ管; (Ⅱ) by a 職業指導員, 生活支援員 or 就労支援員
//! (就労移行支援) or a 就労定着支援員 (就労定着支援), with the day the result
//! was shared with the サビ管. (Ⅰ) and (Ⅱ) together: at most one claim per
//! calendar month and four per year, the year being the fiscal year (April
//! to March) unless the office chose a rolling twelve months.

use super::{Division, Meeting};
use crate::plan::JobRole;
use crate::service::{ServiceType, ServiceUse};
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// Claims per client in one year window.
pub const CLAIMS_PER_YEAR: usize = 4;

/// What "per year" means for the limit of four.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum YearWindow {
    /// 年度: April 1 to March 31.
    #[default]
    FiscalYear,
    /// The twelve calendar months ending with the meeting's month.
    Rolling12Months,
}

impl YearWindow {
    pub const ALL: [YearWindow; 2] = [YearWindow::FiscalYear, YearWindow::Rolling12Months];

    pub fn code(self) -> &'static str {
        match self {
            YearWindow::FiscalYear => "fiscal_year",
            YearWindow::Rolling12Months => "rolling_12_months",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.code() == code)
    }
}

/// The first and last day of the year window a meeting on `day` counts in.
pub fn window_of(window: YearWindow, day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let first_of = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1).expect("the first of a month exists");
    match window {
        YearWindow::FiscalYear => {
            let start_year = if day.month() >= 4 { day.year() } else { day.year() - 1 };
            (first_of(start_year, 4), first_of(start_year + 1, 4).pred_opt().expect("March 31 exists"))
        }
        YearWindow::Rolling12Months => {
            let month = first_of(day.year(), day.month());
            let start = month.checked_sub_months(Months::new(11)).expect("within chrono's range");
            let end = month.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).expect("within range");
            (start, end)
        }
    }
}

/// Units per meeting.
pub fn units(service: ServiceType, division: Division) -> Option<u32> {
    match (service, division) {
        (ServiceType::EmploymentTransition, Division::One) => Some(583),
        (ServiceType::EmploymentTransition, Division::Two) => Some(408),
        (ServiceType::EmploymentRetention, Division::One) => Some(579),
        (ServiceType::EmploymentRetention, Division::Two) => Some(405),
        _ => None,
    }
}

/// The service the addition can be claimed for that the client uses on
/// `day`, if any.
pub fn eligible_service(services: &[ServiceUse], day: NaiveDate) -> Option<ServiceType> {
    [ServiceType::EmploymentTransition, ServiceType::EmploymentRetention]
        .into_iter()
        .find(|s| services.iter().any(|u| u.service == *s && u.active_on(day)))
}

/// Whether `role` may explain under (Ⅱ) for `service`.
fn qualifies_for_two(role: JobRole, service: ServiceType) -> bool {
    match service {
        ServiceType::EmploymentTransition => matches!(
            role,
            JobRole::VocationalInstructor | JobRole::LifeSupportWorker | JobRole::EmploymentSupportWorker
        ),
        ServiceType::EmploymentRetention => role == JobRole::RetentionSupportWorker,
        _ => false,
    }
}

/// Why a meeting cannot be claimed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    /// No day: nothing can be counted.
    NoDate,
    /// The client does not use 就労移行支援 or 就労定着支援 on the day.
    ServiceNotEligible,
    NoOutsideParticipant,
    NoPlanExplained,
    /// (Ⅰ) explained by someone who is not the サビ管.
    NotExplainedByManager,
    /// (Ⅱ) explained by a role that does not qualify for the service.
    RoleNotQualified,
    /// (Ⅱ) without the day the result was shared with the サビ管.
    NotSharedWithManager,
    /// Another meeting of the month is claimed.
    SecondInMonth {
        claimed: Uuid,
    },
    /// Four meetings are already claimed in the year window.
    FifthInYear {
        start: NaiveDate,
        end: NaiveDate,
    },
}

/// A claimable meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    pub service: ServiceType,
    pub division: Division,
    pub units: u32,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Claimable(Claim),
    NotClaimable(Vec<Refusal>),
}

impl Outcome {
    pub fn claim(&self) -> Option<Claim> {
        match self {
            Outcome::Claimable(c) => Some(*c),
            Outcome::NotClaimable(_) => None,
        }
    }
}

/// What the meeting itself lacks, whatever the other meetings; and the
/// claim it would be.
fn check(m: &Meeting, services: &[ServiceUse]) -> Result<Claim, Vec<Refusal>> {
    let Some(day) = m.date else { return Err(vec![Refusal::NoDate]) };
    let mut refusals = Vec::new();
    let service = eligible_service(services, day);
    if service.is_none() {
        refusals.push(Refusal::ServiceNotEligible);
    }
    if !m.participants.iter().any(|p| p.is_present()) {
        refusals.push(Refusal::NoOutsideParticipant);
    }
    if m.plan_id.is_none_or(|p| p.is_nil()) {
        refusals.push(Refusal::NoPlanExplained);
    }
    match m.division {
        Division::One => {
            if m.explainer_role != Some(JobRole::ServiceManager) {
                refusals.push(Refusal::NotExplainedByManager);
            }
        }
        Division::Two => {
            // Without an eligible service no role qualifies; that is said once.
            if let Some(service) = service {
                if !m.explainer_role.is_some_and(|r| qualifies_for_two(r, service)) {
                    refusals.push(Refusal::RoleNotQualified);
                }
            }
            if m.shared_on.is_none() {
                refusals.push(Refusal::NotSharedWithManager);
            }
        }
    }
    match service {
        Some(service) if refusals.is_empty() => {
            let units = units(service, m.division).expect("eligible services have units");
            Ok(Claim { service, division: m.division, units })
        }
        _ => Err(refusals),
    }
}

/// A meeting that could be claimed: its day, id, claim and whether staff
/// marked it as the one to claim.
type Candidate = (NaiveDate, Uuid, Claim, bool);

/// Every meeting of one client, assessed together: `services` are the
/// client's services (with their periods). Within a month the meeting
/// marked 「これを算定する」 is claimed (the earliest of them if several
/// are), else the earliest; the others of the month are refused as second.
/// Months are taken in order, so the fifth claim in a window is refused.
pub fn assess(meetings: &[(Uuid, &Meeting)], services: &[ServiceUse], window: YearWindow) -> BTreeMap<Uuid, Outcome> {
    let mut out = BTreeMap::new();
    let mut candidates: BTreeMap<(i32, u32), Vec<Candidate>> = BTreeMap::new();
    for (id, m) in meetings {
        match check(m, services) {
            Err(refusals) => {
                out.insert(*id, Outcome::NotClaimable(refusals));
            }
            Ok(claim) => {
                let day = m.date.expect("checked");
                candidates.entry((day.year(), day.month())).or_default().push((day, *id, claim, m.claim_this));
            }
        }
    }
    let mut claimed: Vec<NaiveDate> = Vec::new();
    for (_, mut month) in candidates {
        month.sort_by_key(|(day, id, _, marked)| (!marked, *day, *id));
        let (day, chosen, claim, _) = month[0];
        let (start, end) = window_of(window, day);
        let before = claimed.iter().filter(|d| **d >= start && **d <= end).count();
        if before >= CLAIMS_PER_YEAR {
            for (_, id, _, _) in month {
                out.insert(id, Outcome::NotClaimable(vec![Refusal::FifthInYear { start, end }]));
            }
            continue;
        }
        claimed.push(day);
        out.insert(chosen, Outcome::Claimable(claim));
        for (_, id, _, _) in month.into_iter().skip(1) {
            out.insert(id, Outcome::NotClaimable(vec![Refusal::SecondInMonth { claimed: chosen }]));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::meeting::Participant;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn transition_from(start: &str) -> Vec<ServiceUse> {
        vec![ServiceUse { service: ServiceType::EmploymentTransition, start: Some(day(start)), end: None }]
    }

    /// A meeting that can be claimed under (Ⅰ).
    fn good(date: &str) -> Meeting {
        Meeting {
            client_id: id(1),
            date: Some(day(date)),
            participants: vec![Participant {
                agency_id: Some(id(50)),
                name: "ハローワーク".into(),
                ..Default::default()
            }],
            explained_by: "佐藤".into(),
            explainer_role: Some(JobRole::ServiceManager),
            division: Division::One,
            plan_id: Some(id(20)),
            ..Default::default()
        }
    }

    fn two(date: &str, role: JobRole, shared: Option<&str>) -> Meeting {
        Meeting { division: Division::Two, explainer_role: Some(role), shared_on: shared.map(day), ..good(date) }
    }

    fn run(list: &[Meeting], services: &[ServiceUse], window: YearWindow) -> Vec<Outcome> {
        let pairs: Vec<(Uuid, &Meeting)> = list.iter().enumerate().map(|(i, m)| (id(100 + i as u128), m)).collect();
        let out = assess(&pairs, services, window);
        pairs.iter().map(|(i, _)| out[i].clone()).collect()
    }

    fn refused(o: &Outcome) -> Vec<Refusal> {
        match o {
            Outcome::NotClaimable(r) => r.clone(),
            Outcome::Claimable(c) => panic!("claimable: {c:?}"),
        }
    }

    #[test]
    fn each_reason_a_meeting_itself_cannot_be_claimed() {
        let services = transition_from("2026-04-01");
        let cases: Vec<(&str, Meeting, Vec<Refusal>)> = vec![
            ("no day", Meeting { date: None, ..good("2026-05-10") }, vec![Refusal::NoDate]),
            (
                "no outside participant",
                Meeting { participants: vec![Participant::default()], ..good("2026-05-10") },
                vec![Refusal::NoOutsideParticipant],
            ),
            ("no plan explained", Meeting { plan_id: None, ..good("2026-05-10") }, vec![Refusal::NoPlanExplained]),
            (
                "(Ⅰ) by someone not the サビ管",
                Meeting { explainer_role: Some(JobRole::LifeSupportWorker), ..good("2026-05-10") },
                vec![Refusal::NotExplainedByManager],
            ),
            (
                "(Ⅱ) not shared",
                two("2026-05-10", JobRole::EmploymentSupportWorker, None),
                vec![Refusal::NotSharedWithManager],
            ),
            (
                "(Ⅱ) by a role that does not qualify for 就労移行",
                two("2026-05-10", JobRole::RetentionSupportWorker, Some("2026-05-11")),
                vec![Refusal::RoleNotQualified],
            ),
            (
                "(Ⅱ) with no role at all, not shared either",
                Meeting { explainer_role: None, ..two("2026-05-10", JobRole::VocationalInstructor, None) },
                vec![Refusal::RoleNotQualified, Refusal::NotSharedWithManager],
            ),
            ("before the service started", good("2026-03-31"), vec![Refusal::ServiceNotEligible]),
        ];
        for (what, meeting, expected) in cases {
            let out = run(std::slice::from_ref(&meeting), &services, YearWindow::FiscalYear);
            assert_eq!(refused(&out[0]), expected, "{what}");
        }
        let other = vec![ServiceUse { service: ServiceType::EmploymentContinuationB, start: None, end: None }];
        assert_eq!(
            refused(&run(&[good("2026-05-10")], &other, YearWindow::FiscalYear)[0]),
            vec![Refusal::ServiceNotEligible]
        );
    }

    #[test]
    fn units_follow_the_service_and_the_division() {
        let transition = transition_from("2026-04-01");
        let retention = vec![ServiceUse { service: ServiceType::EmploymentRetention, start: None, end: None }];
        let w = YearWindow::FiscalYear;
        let claim = |m: Meeting, s: &[ServiceUse]| run(&[m], s, w)[0].claim().map(|c| c.units);
        assert_eq!(claim(good("2026-05-10"), &transition), Some(583));
        assert_eq!(claim(two("2026-05-10", JobRole::VocationalInstructor, Some("2026-05-12")), &transition), Some(408));
        assert_eq!(claim(two("2026-05-10", JobRole::LifeSupportWorker, Some("2026-05-12")), &transition), Some(408));
        assert_eq!(claim(good("2026-05-10"), &retention), Some(579));
        assert_eq!(
            claim(two("2026-05-10", JobRole::RetentionSupportWorker, Some("2026-05-12")), &retention),
            Some(405)
        );
        // A 就労支援員 does not qualify under 就労定着支援.
        let out = run(&[two("2026-05-10", JobRole::EmploymentSupportWorker, Some("2026-05-12"))], &retention, w);
        assert_eq!(refused(&out[0]), vec![Refusal::RoleNotQualified]);
    }

    #[test]
    fn one_claim_a_month_across_both_divisions_the_earlier_unless_one_is_marked() {
        let services = transition_from("2026-04-01");
        let w = YearWindow::FiscalYear;
        let april = [good("2026-04-20"), two("2026-04-08", JobRole::EmploymentSupportWorker, Some("2026-04-09"))];
        let out = run(&april, &services, w);
        assert_eq!(out[1].claim().map(|c| c.division), Some(Division::Two), "the earlier one");
        assert_eq!(refused(&out[0]), vec![Refusal::SecondInMonth { claimed: id(101) }]);
        // Marked: the later one is claimed instead, never both.
        let marked = [Meeting { claim_this: true, ..good("2026-04-20") }, april[1].clone()];
        let out = run(&marked, &services, w);
        assert_eq!(out[0].claim().map(|c| c.units), Some(583));
        assert_eq!(refused(&out[1]), vec![Refusal::SecondInMonth { claimed: id(100) }]);
        // A month boundary: April 30 and May 1 are both claimed.
        let out = run(&[good("2026-04-30"), good("2026-05-01")], &services, w);
        assert!(out.iter().all(|o| o.claim().is_some()));
        // A meeting that cannot be claimed anyway does not take the month.
        let out = run(&[Meeting { plan_id: None, ..good("2026-06-01") }, good("2026-06-20")], &services, w);
        assert_eq!(refused(&out[0]), vec![Refusal::NoPlanExplained]);
        assert!(out[1].claim().is_some());
    }

    #[test]
    fn the_fifth_in_a_fiscal_year_is_refused_and_april_starts_a_new_one() {
        let services = transition_from("2025-04-01");
        let list: Vec<Meeting> =
            ["2025-05-10", "2025-07-10", "2025-09-10", "2025-11-10", "2026-03-31", "2026-04-01"].map(good).to_vec();
        let out = run(&list, &services, YearWindow::FiscalYear);
        assert!(out[..4].iter().all(|o| o.claim().is_some()));
        assert_eq!(
            refused(&out[4]),
            vec![Refusal::FifthInYear { start: day("2025-04-01"), end: day("2026-03-31") }],
            "March 31 is the fiscal year's last day"
        );
        assert!(out[5].claim().is_some(), "April 1 starts the next fiscal year");
    }

    #[test]
    fn a_rolling_window_counts_the_twelve_months_ending_with_the_meeting() {
        let services = transition_from("2025-04-01");
        let list: Vec<Meeting> =
            ["2025-05-10", "2025-07-10", "2025-09-10", "2025-11-10", "2026-03-31", "2026-04-01", "2026-05-01"]
                .map(good)
                .to_vec();
        let out = run(&list, &services, YearWindow::Rolling12Months);
        assert!(out[..4].iter().all(|o| o.claim().is_some()));
        assert_eq!(refused(&out[4]), vec![Refusal::FifthInYear { start: day("2025-04-01"), end: day("2026-03-31") }]);
        // April 2026: the window May 2025 – April 2026 holds four already.
        assert!(matches!(refused(&out[5])[0], Refusal::FifthInYear { .. }));
        // May 2026: May 2025 has left the window (June 2025 – May 2026 holds three).
        assert!(out[6].claim().is_some());
    }

    #[test]
    fn a_service_changing_mid_year_changes_the_units_and_the_count_goes_on() {
        let services = vec![
            ServiceUse {
                service: ServiceType::EmploymentTransition,
                start: Some(day("2025-04-01")),
                end: Some(day("2025-09-30")),
            },
            ServiceUse { service: ServiceType::EmploymentRetention, start: Some(day("2025-10-01")), end: None },
        ];
        let list = ["2025-06-10", "2025-09-30", "2025-10-01", "2025-12-10", "2026-02-10"].map(good);
        let out = run(&list, &services, YearWindow::FiscalYear);
        let units: Vec<Option<u32>> = out.iter().map(|o| o.claim().map(|c| c.units)).collect();
        assert_eq!(units, vec![Some(583), Some(583), Some(579), Some(579), None]);
        assert!(matches!(refused(&out[4])[0], Refusal::FifthInYear { .. }));
    }

    #[test]
    fn windows_have_their_bounds() {
        assert_eq!(window_of(YearWindow::FiscalYear, day("2026-03-31")), (day("2025-04-01"), day("2026-03-31")));
        assert_eq!(window_of(YearWindow::FiscalYear, day("2026-04-01")), (day("2026-04-01"), day("2027-03-31")));
        assert_eq!(window_of(YearWindow::Rolling12Months, day("2026-02-15")), (day("2025-03-01"), day("2026-02-28")));
        assert_eq!(window_of(YearWindow::Rolling12Months, day("2024-02-29")), (day("2023-03-01"), day("2024-02-29")));
    }
}
