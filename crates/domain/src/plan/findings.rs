//! What the app reports about a plan version (docs/plan-cycle.md): the
//! documents missing from its cycle, gaps and warnings in them, dates out of
//! order, deadlines, and whether the サビ管/児発管 did the work. Everything is
//! a pure function of the plan, the client's eight-domain assessments, the
//! office's settings and "today". Findings never block anything.

use super::cycle::{MeetingRecord, Step};
use super::deadlines::{due_status, next_monitoring_date, next_review_date, DueStatus, PlanSettings};
use super::evidence::{assessment_date, assessor, cycle_assessment, AssessmentRef};
use super::staff::{JobRole, StaffRef};
use super::{Period, Plan};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Whether `step` is on record for this version. The アセスメント counts when
/// the eight-domain assessment linked to the plan is complete, or when the
/// plan's own step is (dated, signed, with the interview).
pub fn step_done(plan: &Plan, assessments: &[AssessmentRef], step: Step) -> bool {
    match step {
        Step::Assessment => {
            cycle_assessment(plan, assessments).is_some_and(AssessmentRef::is_complete) || plan.cycle.is_done(step)
        }
        step => plan.cycle.is_done(step),
    }
}

/// The documents this version needs ([`Step::required_for`]) that are not on
/// record, in cycle order. Any of them missing makes the plan count as 未作成
/// for an auditor.
pub fn missing_steps(plan: &Plan, assessments: &[AssessmentRef]) -> Vec<Step> {
    Step::required_for(plan.version).iter().copied().filter(|s| !step_done(plan, assessments, *s)).collect()
}

/// How urgent a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Needs attention soon.
    Warning,
    /// A deadline passed or a document is missing.
    Alert,
}

/// Something the app reports about a plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// A required document not on record; for monitoring: a review recorded
    /// without any monitoring before it.
    StepMissing {
        step: Step,
    },
    /// No consent on record (who explained, who consented, when).
    ConsentMissing,
    /// Consented but the hand-over (交付) date is not recorded.
    HandoverMissing,
    /// Handed over, but the copy for the client's 相談支援専門員 is not
    /// recorded (to whom and when, or that there is none).
    ConsultantCopyMissing,
    /// The 個別支援会議 is recorded without the client taking part (absent,
    /// or not recorded either way).
    MeetingWithoutClient,
    /// `step` is dated before `after`, which comes earlier in the cycle.
    DatesOutOfOrder {
        step: Step,
        after: Step,
    },
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
    MonitoringDueSoon {
        due: NaiveDate,
        days_left: i64,
    },
    MonitoringOverdue {
        due: NaiveDate,
        days_over: i64,
    },
    /// `step` (for monitoring: entry `monitoring_id`) is recorded by someone
    /// not acting as the plan manager the service needs: `expected`, or
    /// either サビ管 or 児発管 while the service is unknown.
    NotByManager {
        step: Step,
        expected: Option<JobRole>,
        monitoring_id: Option<Uuid>,
    },
    /// A monitoring without the interview with the client.
    MonitoringWithoutInterview {
        monitoring_id: Uuid,
    },
}

impl Finding {
    pub fn severity(&self) -> Severity {
        match self {
            Finding::StepMissing { .. }
            | Finding::ConsentMissing
            | Finding::HandoverMissing
            | Finding::ConsultantCopyMissing
            | Finding::PeriodEnded { .. }
            | Finding::ReviewOverdue { .. }
            | Finding::MonitoringOverdue { .. } => Severity::Alert,
            Finding::MeetingWithoutClient
            | Finding::DatesOutOfOrder { .. }
            | Finding::PeriodNotSet
            | Finding::PeriodEndsSoon { .. }
            | Finding::ReviewDueSoon { .. }
            | Finding::MonitoringDueSoon { .. }
            | Finding::NotByManager { .. }
            | Finding::MonitoringWithoutInterview { .. } => Severity::Warning,
        }
    }

    /// Missing documents that make an auditor treat the plan as
    /// 「個別支援計画未作成」 (a fee reduction).
    pub fn counts_as_uncreated(&self) -> bool {
        match self {
            Finding::StepMissing { step } => Step::REQUIRED.contains(step),
            Finding::ConsentMissing | Finding::HandoverMissing => true,
            _ => false,
        }
    }

    /// The step the finding is about, for linking to its section.
    pub fn step(&self) -> Option<Step> {
        match self {
            Finding::StepMissing { step }
            | Finding::DatesOutOfOrder { step, .. }
            | Finding::NotByManager { step, .. } => Some(*step),
            Finding::ConsentMissing | Finding::HandoverMissing | Finding::ConsultantCopyMissing => Some(Step::Consent),
            Finding::MeetingWithoutClient => Some(Step::Meeting),
            Finding::ReviewDueSoon { .. } | Finding::ReviewOverdue { .. } => Some(Step::Review),
            Finding::MonitoringDueSoon { .. }
            | Finding::MonitoringOverdue { .. }
            | Finding::MonitoringWithoutInterview { .. } => Some(Step::Monitoring),
            Finding::PeriodNotSet | Finding::PeriodEndsSoon { .. } | Finding::PeriodEnded { .. } => None,
        }
    }
}

/// Everything the app reports for one plan version on `today`, in a fixed
/// order: missing documents (cycle order) and gaps in them, dates out of
/// order, the period, the review and monitoring deadlines, then who did the
/// work. Call it on the current version ([`super::latest_versions`]) with the
/// client's assessments.
///
/// Missing documents are listed whatever the date: for a plan still being
/// prepared they are the steps left to do, and the same list is what an
/// auditor would find missing. Once the version's review is recorded, its
/// deadlines no longer apply (the next version has its own).
pub fn findings(plan: &Plan, assessments: &[AssessmentRef], settings: &PlanSettings, today: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    let cycle = &plan.cycle;
    for step in missing_steps(plan, assessments) {
        out.push(match step {
            Step::Consent => match &cycle.consent {
                Some(c) if c.has_consent() => Finding::HandoverMissing,
                _ => Finding::ConsentMissing,
            },
            step => Finding::StepMissing { step },
        });
    }
    let reviewed = cycle.is_done(Step::Review);
    if reviewed && !cycle.is_done(Step::Monitoring) {
        out.push(Finding::StepMissing { step: Step::Monitoring });
    }
    if let Some(c) = &cycle.consent {
        if c.handed_over_on.is_some() && !c.consultant_copy.as_ref().is_some_and(|copy| copy.is_recorded()) {
            out.push(Finding::ConsultantCopyMissing);
        }
    }
    if cycle.meeting.as_ref().is_some_and(|m| m.is_recorded() && !client_took_part(m)) {
        out.push(Finding::MeetingWithoutClient);
    }
    out.extend(dates_out_of_order(plan, assessments));

    match plan.period {
        Period { start: Some(_), end: Some(end) } => match due_status(end, today) {
            DueStatus::NotYet => {}
            DueStatus::DueSoon { days_left } => out.push(Finding::PeriodEndsSoon { end, days_left }),
            // The end day is still in the period: ended from the day after.
            DueStatus::Overdue { .. } => out.push(Finding::PeriodEnded { end }),
        },
        _ => out.push(Finding::PeriodNotSet),
    }

    if !reviewed {
        if let Some(due) = next_review_date(plan, settings) {
            match due_status(due, today) {
                DueStatus::NotYet => {}
                DueStatus::DueSoon { days_left } => out.push(Finding::ReviewDueSoon { due, days_left }),
                DueStatus::Overdue { days_over } => out.push(Finding::ReviewOverdue { due, days_over }),
            }
        }
        if let Some(due) = next_monitoring_date(plan, settings) {
            match due_status(due, today) {
                DueStatus::NotYet => {}
                DueStatus::DueSoon { days_left } => out.push(Finding::MonitoringDueSoon { due, days_left }),
                DueStatus::Overdue { days_over } => out.push(Finding::MonitoringOverdue { due, days_over }),
            }
        }
    }

    out.extend(work_not_by_manager(plan, assessments));
    for (monitoring_id, entry) in cycle.monitoring_entries() {
        if !entry.has_interview() {
            out.push(Finding::MonitoringWithoutInterview { monitoring_id });
        }
    }
    out
}

fn client_took_part(meeting: &MeetingRecord) -> bool {
    meeting.client_presence.is_some_and(|p| p.took_part())
}

/// Each step dated before a step that comes earlier in the cycle, compared
/// with the latest date recorded so far (so one early date is reported
/// once, against the step it should have followed).
fn dates_out_of_order(plan: &Plan, assessments: &[AssessmentRef]) -> Vec<Finding> {
    let c = &plan.cycle;
    let dated = [
        (Step::Assessment, assessment_date(plan, assessments)),
        (Step::Draft, c.draft.as_ref().and_then(|s| s.date)),
        (Step::Meeting, c.meeting.as_ref().and_then(|s| s.date)),
        (Step::Consent, c.consent.as_ref().and_then(|s| s.consented_on.or(s.handed_over_on))),
        (Step::Monitoring, c.monitoring_entries().filter_map(|(_, m)| m.date).min()),
        (Step::Review, c.review.as_ref().and_then(|s| s.date)),
    ];
    let mut out = Vec::new();
    let mut latest: Option<(Step, NaiveDate)> = None;
    for (step, date) in dated {
        let Some(date) = date else { continue };
        match latest {
            Some((after, before)) if date < before => out.push(Finding::DatesOutOfOrder { step, after }),
            _ => latest = Some((step, date)),
        }
    }
    out
}

/// The steps that belong to the サビ管 (adult services) or 児発管 (child
/// services): the アセスメント with its interview, the 原案, the explanation
/// of the plan, each monitoring and the review. Unsigned steps are missing
/// documents instead, except monitoring entries, which are each checked.
fn work_not_by_manager(plan: &Plan, assessments: &[AssessmentRef]) -> Vec<Finding> {
    let expected = JobRole::plan_manager_for(plan.service);
    let wrong = |by: &StaffRef| !by.role.does_plan_work_for(plan.service);
    let c = &plan.cycle;
    let signers = [
        (Step::Assessment, assessor(plan, assessments)),
        (Step::Draft, c.draft.as_ref().and_then(|s| s.by.clone())),
        (Step::Consent, c.consent.as_ref().and_then(|s| s.explained_by.clone())),
    ];
    let mut out: Vec<Finding> = signers
        .into_iter()
        .filter(|(_, by)| by.as_ref().is_some_and(|b| b.is_named() && wrong(b)))
        .map(|(step, _)| Finding::NotByManager { step, expected, monitoring_id: None })
        .collect();
    for (id, entry) in c.monitoring_entries() {
        if entry.by.as_ref().is_none_or(|b| !b.is_named() || wrong(b)) {
            out.push(Finding::NotByManager { step: Step::Monitoring, expected, monitoring_id: Some(id) });
        }
    }
    if c.review.as_ref().and_then(|s| s.by.as_ref()).is_some_and(|b| b.is_named() && wrong(b)) {
        out.push(Finding::NotByManager { step: Step::Review, expected, monitoring_id: None });
    }
    out
}

#[cfg(test)]
mod tests;
