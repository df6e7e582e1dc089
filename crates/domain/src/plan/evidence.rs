//! The eight-domain assessment as the アセスメント of a plan (docs/plan-cycle.md).
//!
//! A plan version's アセスメント is normally not written in the plan: it is
//! an eight-domain assessment of the client, linked to the version by id
//! (`AssessmentStep::assessment_ids`), with the interview with the client
//! recorded in it. The rules read such assessments as [`AssessmentRef`]s so
//! they stay pure functions of plain data.

use super::cycle::AssessmentStep;
use super::staff::StaffRef;
use super::Plan;
use crate::assessment::Assessment;
use chrono::NaiveDate;
use uuid::Uuid;

/// What the plan cycle needs to know of one eight-domain assessment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRef {
    pub id: Uuid,
    pub date: NaiveDate,
    /// The assessor, with the role recorded (その他 when none was).
    pub by: StaffRef,
    /// The assessment records the assessor's role. Older ones do not, and
    /// their role is not checked.
    pub role_recorded: bool,
    /// The interview with the client is written down.
    pub has_interview: bool,
}

impl AssessmentRef {
    pub fn of(id: Uuid, a: &Assessment) -> Self {
        let by = &a.assessed_by;
        AssessmentRef {
            id,
            date: a.date,
            by: StaffRef { staff_id: by.staff_id, name: by.name.trim().to_owned(), role: by.role.unwrap_or_default() },
            has_interview: !a.interview.trim().is_empty(),
            role_recorded: by.role.is_some(),
        }
    }

    /// Counts as the アセスメント document: someone named made it and the
    /// interview is recorded (it is always dated).
    pub fn is_complete(&self) -> bool {
        self.by.is_named() && self.has_interview
    }
}

fn linked_ids(plan: &Plan) -> &[Uuid] {
    plan.cycle.assessment.as_ref().map_or(&[], |s: &AssessmentStep| s.assessment_ids.as_slice())
}

/// The eight-domain assessment that stands for this version's アセスメント:
/// the latest of those linked to it that this device has.
pub fn cycle_assessment<'a>(plan: &Plan, assessments: &'a [AssessmentRef]) -> Option<&'a AssessmentRef> {
    let linked = linked_ids(plan);
    assessments.iter().filter(|a| linked.contains(&a.id)).max_by_key(|a| (a.date, a.id))
}

/// The assessment to link to `plan` when it has none yet: the client's
/// latest assessment, provided it was made after the version `plan` revises
/// took effect (its consent), so a revision never picks up an assessment an
/// earlier plan already rests on. An agreed plan is never changed, so it
/// gets none. `assessments` are the client's.
pub fn assessment_to_link(plan: &Plan, previous: Option<&Plan>, assessments: &[AssessmentRef]) -> Option<Uuid> {
    if !linked_ids(plan).is_empty() || plan.is_agreed() {
        return None;
    }
    let after = previous.and_then(super::took_effect);
    assessments.iter().filter(|a| after.is_none_or(|d| a.date > d)).max_by_key(|a| (a.date, a.id)).map(|a| a.id)
}

/// Links assessment `id` to `plan` (idempotent).
pub fn link_assessment(plan: &mut Plan, id: Uuid) {
    let step = plan.cycle.assessment.get_or_insert_with(Default::default);
    if !step.assessment_ids.contains(&id) {
        step.assessment_ids.push(id);
    }
}

/// Whoever did the アセスメント, when named and their role is known: the
/// linked assessment's assessor, or the person signed on the plan's own step.
pub(super) fn assessor(plan: &Plan, assessments: &[AssessmentRef]) -> Option<StaffRef> {
    match cycle_assessment(plan, assessments) {
        Some(a) => Some(a.by.clone()).filter(|_| a.role_recorded),
        None => plan.cycle.assessment.as_ref().and_then(|s| s.by.clone()),
    }
    .filter(StaffRef::is_named)
}

/// The date of the アセスメント, from the linked assessment or the plan's own step.
pub(super) fn assessment_date(plan: &Plan, assessments: &[AssessmentRef]) -> Option<NaiveDate> {
    cycle_assessment(plan, assessments).map(|a| a.date).or_else(|| plan.cycle.assessment.as_ref().and_then(|s| s.date))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AssessedBy;
    use crate::plan::{ConsentRecord, Cycle, JobRole};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn aref(n: u128, date: &str) -> AssessmentRef {
        AssessmentRef {
            id: Uuid::from_u128(n),
            date: d(date),
            by: StaffRef::new(None, "佐藤", JobRole::ServiceManager),
            has_interview: true,
            role_recorded: true,
        }
    }

    fn agreed(version: u32, consented: &str) -> Plan {
        Plan {
            version,
            cycle: Cycle {
                consent: Some(ConsentRecord {
                    explained_by: Some(StaffRef::new(None, "佐藤", JobRole::ServiceManager)),
                    consented_on: Some(d(consented)),
                    consented_by: "山田 太郎".into(),
                    ..Default::default()
                }),
                ..Default::default()
            },
            ..Plan::new(Uuid::from_u128(1), Uuid::from_u128(2))
        }
    }

    #[test]
    fn an_assessment_counts_once_someone_named_made_it_with_the_interview() {
        let mut a = Assessment::new(
            Uuid::from_u128(2),
            d("2026-11-20"),
            AssessedBy { staff_id: None, name: " 佐藤 ".into(), role: Some(JobRole::ServiceManager) },
        );
        assert!(!AssessmentRef::of(Uuid::from_u128(5), &a).is_complete(), "no interview yet");
        a.interview = "一人暮らしをしたい".into();
        let r = AssessmentRef::of(Uuid::from_u128(5), &a);
        assert!(r.is_complete());
        assert_eq!((r.by.name.as_str(), r.by.role, r.date), ("佐藤", JobRole::ServiceManager, d("2026-11-20")));
        assert!(r.role_recorded);
        a.assessed_by = AssessedBy::default();
        assert!(!AssessmentRef::of(Uuid::from_u128(5), &a).is_complete(), "nobody named");
    }

    #[test]
    fn the_cycle_assessment_is_the_latest_linked_one() {
        let all = [aref(10, "2026-10-01"), aref(11, "2026-11-01"), aref(12, "2026-12-01")];
        let mut plan = Plan::new(Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(cycle_assessment(&plan, &all), None);
        link_assessment(&mut plan, Uuid::from_u128(10));
        link_assessment(&mut plan, Uuid::from_u128(11));
        link_assessment(&mut plan, Uuid::from_u128(11));
        assert_eq!(plan.cycle.assessment.as_ref().unwrap().assessment_ids.len(), 2);
        assert_eq!(cycle_assessment(&plan, &all).map(|a| a.id), Some(Uuid::from_u128(11)));
        // A linked assessment this device does not have (yet) is skipped.
        assert_eq!(cycle_assessment(&plan, &all[..1]).map(|a| a.id), Some(Uuid::from_u128(10)));
    }

    #[test]
    fn a_new_version_links_the_latest_assessment_made_since_the_previous_one_took_effect() {
        let all = [aref(10, "2026-04-01"), aref(11, "2026-09-01"), aref(12, "2026-06-01")];
        let first = Plan::new(Uuid::from_u128(1), Uuid::from_u128(2));
        assert_eq!(assessment_to_link(&first, None, &all), Some(Uuid::from_u128(11)));
        assert_eq!(assessment_to_link(&first, None, &[]), None);

        let previous = agreed(1, "2026-08-31");
        let next = previous.next_version(Uuid::from_u128(3));
        assert_eq!(assessment_to_link(&next, Some(&previous), &all), Some(Uuid::from_u128(11)));
        let previous = agreed(1, "2026-09-01");
        assert_eq!(assessment_to_link(&next, Some(&previous), &all), None, "made the day it took effect");

        let mut linked = first.clone();
        link_assessment(&mut linked, Uuid::from_u128(10));
        assert_eq!(assessment_to_link(&linked, None, &all), None, "already linked");
        assert_eq!(assessment_to_link(&agreed(1, "2026-03-01"), None, &all), None, "an agreed plan is not changed");
    }
}
