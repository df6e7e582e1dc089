//! The office at a glance (docs/plan-cycle.md): every client served who
//! needs plan work, as a list of concerns ordered by urgency, and their
//! counts per kind. ホーム shows the counts and the few most urgent; the
//! full list is filtered by kind and paged, so the page stays the same size
//! whether the office has 20 clients or 2,000.

use super::evidence::AssessmentRef;
use super::findings::{findings, Finding, Severity};
use super::{latest_versions, Plan, PlanSettings, Step};
use crate::client_list::ClientSummary;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// What a concern is about, for counting and filtering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ConcernKind {
    /// A client served without any plan.
    NoPlan,
    StepMissing(Step),
    ConsentMissing,
    HandoverMissing,
    ConsultantCopyMissing,
    MeetingWithoutClient,
    DatesOutOfOrder,
    PeriodNotSet,
    PeriodEndsSoon,
    PeriodEnded,
    ReviewDueSoon,
    ReviewOverdue,
    MonitoringDueSoon,
    MonitoringOverdue,
    NotByManager,
    MonitoringWithoutInterview,
}

impl ConcernKind {
    /// A stable code for links (`?kind=review_overdue`, `step_missing.meeting`).
    pub fn code(self) -> String {
        let plain = match self {
            ConcernKind::NoPlan => "no_plan",
            ConcernKind::StepMissing(step) => return format!("step_missing.{}", step.code()),
            ConcernKind::ConsentMissing => "consent_missing",
            ConcernKind::HandoverMissing => "handover_missing",
            ConcernKind::ConsultantCopyMissing => "consultant_copy_missing",
            ConcernKind::MeetingWithoutClient => "meeting_without_client",
            ConcernKind::DatesOutOfOrder => "dates_out_of_order",
            ConcernKind::PeriodNotSet => "period_not_set",
            ConcernKind::PeriodEndsSoon => "period_ends_soon",
            ConcernKind::PeriodEnded => "period_ended",
            ConcernKind::ReviewDueSoon => "review_due_soon",
            ConcernKind::ReviewOverdue => "review_overdue",
            ConcernKind::MonitoringDueSoon => "monitoring_due_soon",
            ConcernKind::MonitoringOverdue => "monitoring_overdue",
            ConcernKind::NotByManager => "not_by_manager",
            ConcernKind::MonitoringWithoutInterview => "monitoring_without_interview",
        };
        plain.to_owned()
    }

    pub fn from_code(code: &str) -> Option<Self> {
        ConcernKind::all().into_iter().find(|k| k.code() == code)
    }

    fn all() -> Vec<ConcernKind> {
        use ConcernKind::*;
        let mut all = vec![NoPlan];
        all.extend(Step::ALL.into_iter().map(StepMissing));
        all.extend([
            ConsentMissing,
            HandoverMissing,
            ConsultantCopyMissing,
            MeetingWithoutClient,
            DatesOutOfOrder,
            PeriodNotSet,
            PeriodEndsSoon,
            PeriodEnded,
            ReviewDueSoon,
            ReviewOverdue,
            MonitoringDueSoon,
            MonitoringOverdue,
            NotByManager,
            MonitoringWithoutInterview,
        ]);
        all
    }
}

impl Finding {
    pub fn kind(&self) -> ConcernKind {
        match *self {
            Finding::StepMissing { step } => ConcernKind::StepMissing(step),
            Finding::ConsentMissing => ConcernKind::ConsentMissing,
            Finding::HandoverMissing => ConcernKind::HandoverMissing,
            Finding::ConsultantCopyMissing => ConcernKind::ConsultantCopyMissing,
            Finding::MeetingWithoutClient => ConcernKind::MeetingWithoutClient,
            Finding::DatesOutOfOrder { .. } => ConcernKind::DatesOutOfOrder,
            Finding::PeriodNotSet => ConcernKind::PeriodNotSet,
            Finding::PeriodEndsSoon { .. } => ConcernKind::PeriodEndsSoon,
            Finding::PeriodEnded { .. } => ConcernKind::PeriodEnded,
            Finding::ReviewDueSoon { .. } => ConcernKind::ReviewDueSoon,
            Finding::ReviewOverdue { .. } => ConcernKind::ReviewOverdue,
            Finding::MonitoringDueSoon { .. } => ConcernKind::MonitoringDueSoon,
            Finding::MonitoringOverdue { .. } => ConcernKind::MonitoringOverdue,
            Finding::NotByManager { .. } => ConcernKind::NotByManager,
            Finding::MonitoringWithoutInterview { .. } => ConcernKind::MonitoringWithoutInterview,
        }
    }

    /// The deadline the finding is about, if any.
    pub fn deadline(&self) -> Option<NaiveDate> {
        match *self {
            Finding::PeriodEndsSoon { end, .. } | Finding::PeriodEnded { end } => Some(end),
            Finding::ReviewDueSoon { due, .. }
            | Finding::ReviewOverdue { due, .. }
            | Finding::MonitoringDueSoon { due, .. }
            | Finding::MonitoringOverdue { due, .. } => Some(due),
            _ => None,
        }
    }
}

/// One thing to act on for one client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Concern {
    pub client_id: Uuid,
    /// The plan version it is about; `None` for [`ConcernKind::NoPlan`].
    pub plan_id: Option<Uuid>,
    /// `None` for [`ConcernKind::NoPlan`].
    pub finding: Option<Finding>,
}

impl Concern {
    pub fn kind(&self) -> ConcernKind {
        self.finding.map_or(ConcernKind::NoPlan, |f| f.kind())
    }

    pub fn severity(&self) -> Severity {
        self.finding.map_or(Severity::Alert, |f| f.severity())
    }

    /// Sort key: alerts first; then what counts as 未作成 (no plan, missing
    /// documents), then by deadline, earliest (most overdue) first; then
    /// the rest.
    fn urgency(&self) -> (std::cmp::Reverse<Severity>, u8, Option<NaiveDate>) {
        let uncreated = self.finding.is_none_or(|f| f.counts_as_uncreated());
        let deadline = self.finding.and_then(|f| f.deadline());
        let group = if uncreated {
            0
        } else if deadline.is_some() {
            1
        } else {
            2
        };
        (std::cmp::Reverse(self.severity()), group, deadline)
    }
}

/// Every concern across the office on `today`, most urgent first (clients
/// in name order within the same urgency, via `clients`' order). Only
/// clients currently served count: not archived and not ended. `clients`
/// are sorted as the list should read (the office's client list);
/// `assessments` are (client id, assessment) pairs.
pub fn concerns(
    clients: &[ClientSummary],
    plans: &[Plan],
    assessments: &[(Uuid, AssessmentRef)],
    settings: &PlanSettings,
    today: NaiveDate,
) -> Vec<Concern> {
    let mut current: HashMap<Uuid, Vec<&Plan>> = HashMap::new();
    for plan in latest_versions(plans) {
        current.entry(plan.client_id).or_default().push(plan);
    }
    let mut by_client: HashMap<Uuid, Vec<AssessmentRef>> = HashMap::new();
    for (client_id, a) in assessments {
        by_client.entry(*client_id).or_default().push(a.clone());
    }
    let mut out = Vec::new();
    for client in clients {
        if !client.is_active() {
            continue;
        }
        let client_id = &client.id;
        let Some(versions) = current.get(client_id) else {
            out.push(Concern { client_id: *client_id, plan_id: None, finding: None });
            continue;
        };
        let theirs = by_client.get(client_id).map_or(&[][..], Vec::as_slice);
        for plan in versions {
            for f in findings(plan, theirs, settings, today) {
                out.push(Concern { client_id: *client_id, plan_id: Some(plan.id), finding: Some(f) });
            }
        }
    }
    // Stable: within the same urgency, the clients' order is kept.
    out.sort_by_key(Concern::urgency);
    out
}

/// How many concerns of each kind, in a fixed order (most serious kinds
/// first as [`ConcernKind`] lists them).
pub fn counts(concerns: &[Concern]) -> BTreeMap<ConcernKind, usize> {
    let mut out = BTreeMap::new();
    for c in concerns {
        *out.entry(c.kind()).or_insert(0) += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::client::ClientStatus;
    use crate::plan::{ConsentRecord, Cycle, Period};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn consented_plan(n: u128, client: u128, on: &str) -> Plan {
        Plan {
            period: Period::new(d(on), d("2027-12-31")),
            cycle: Cycle {
                consent: Some(ConsentRecord { consented_on: Some(d(on)), ..Default::default() }),
                ..Default::default()
            },
            ..Plan::new(id(n), id(client))
        }
    }

    fn served(n: u128) -> ClientSummary {
        ClientSummary {
            id: id(n),
            name: format!("利用者{n}"),
            kana: String::new(),
            birth_date: None,
            stage_override: None,
            services: Vec::new(),
            status: ClientStatus::Active,
            archived: false,
            updated_at: chrono::DateTime::<chrono::Utc>::MIN_UTC,
        }
    }

    #[test]
    fn concerns_cover_served_clients_only_and_put_the_most_urgent_first() {
        let ended = ClientSummary { status: ClientStatus::Ended, ..served(3) };
        let archived = ClientSummary { archived: true, ..served(4) };
        let clients = [served(1), served(2), ended, archived, served(5)];
        // Client 1 has no plan. Client 2's plan (6-month service unknown)
        // was consented 2026-01-10: review overdue since 07-10. Client 5's on
        // 2026-05-01: review due 11-01, overdue too but less; its period is
        // not set (a warning).
        let no_period = Plan { period: Period::default(), ..consented_plan(50, 5, "2026-05-01") };
        let plans = [consented_plan(10, 2, "2026-01-10"), no_period];
        let today = d("2026-12-02");
        let all = concerns(&clients, &plans, &[], &PlanSettings::default(), today);
        assert!(all.iter().all(|c| [id(1), id(2), id(5)].contains(&c.client_id)));
        assert_eq!(all[0], Concern { client_id: id(1), plan_id: None, finding: None });
        // Then missing documents (each plan lacks the assessment …), then the
        // overdue deadlines, earliest first.
        let kinds: Vec<ConcernKind> = all.iter().map(Concern::kind).collect();
        let first_deadline = kinds.iter().position(|k| *k == ConcernKind::ReviewOverdue).unwrap();
        assert!(kinds[..first_deadline]
            .iter()
            .all(|k| matches!(k, ConcernKind::NoPlan | ConcernKind::StepMissing(_) | ConcernKind::ConsentMissing)));
        let overdue: Vec<Uuid> =
            all.iter().filter(|c| c.kind() == ConcernKind::ReviewOverdue).map(|c| c.client_id).collect();
        assert_eq!(overdue, vec![id(2), id(5)]);
        let warnings_start = all.iter().position(|c| c.severity() == Severity::Warning).unwrap();
        assert!(all[warnings_start..].iter().all(|c| c.severity() == Severity::Warning));
        assert_eq!(all[warnings_start].kind(), ConcernKind::PeriodNotSet);

        let n = counts(&all);
        assert_eq!(n[&ConcernKind::NoPlan], 1);
        assert_eq!(n[&ConcernKind::ReviewOverdue], 2);
        assert_eq!(n[&ConcernKind::StepMissing(Step::Assessment)], 2);
    }

    #[test]
    fn two_thousand_clients_summarise_to_a_handful_of_kinds() {
        let clients: Vec<ClientSummary> = (0..2000).map(served).collect();
        let all = concerns(&clients, &[], &[], &PlanSettings::default(), d("2026-12-02"));
        assert_eq!(all.len(), 2000);
        let n = counts(&all);
        assert_eq!(n.len(), 1);
        assert_eq!(n[&ConcernKind::NoPlan], 2000);
    }

    #[test]
    fn kind_codes_round_trip() {
        for kind in ConcernKind::all() {
            assert_eq!(ConcernKind::from_code(&kind.code()), Some(kind), "{kind:?}");
        }
        assert_eq!(ConcernKind::StepMissing(Step::Meeting).code(), "step_missing.meeting");
        assert_eq!(ConcernKind::from_code("nonsense"), None);
    }
}
