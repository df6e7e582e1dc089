//! 個別支援計画 (support plan) and its cycle (docs/plan-cycle.md).
//!
//! A plan is one version. A review builds the next version from the current
//! one ([`Plan::next_version`]): same content, new id, a fresh cycle, and a
//! link back; the earlier version is never changed, so what was consented to
//! stays readable.
//!
//! Stored shape: independent parts of a plan are separate top-level keys
//! (each short-term goal `goal:<id>`, each step `step:<code>`, each
//! monitoring `monitoring:<id>`), because sync merges top-level keys one by
//! one (`sync::merge`). See `wire.rs`.

mod cycle;
mod deadlines;
mod evidence;
mod findings;
pub mod form;
mod goal;
mod monitoring;
mod overview;
mod staff;
mod wire;

pub use cycle::{
    AssessmentStep, Attendee, ClientPresence, ConsentRecord, ConsultantCopy, Cycle, DraftStep, MeetingRecord,
    ReviewStep, Step,
};
pub use deadlines::{
    add_months_clamped, due_status, has_unconfirmed_interval, legal_review_interval, next_monitoring_date,
    next_review_date, review_interval, review_interval_months, took_effect, DueStatus, IntervalBasis, PlanSettings,
    ReviewInterval, UnconfirmedReading, DUE_SOON_DAYS,
};
pub use evidence::{assessment_to_link, cycle_assessment, link_assessment, AssessmentRef};
pub use findings::{findings, missing_steps, step_done, Finding, Severity};
pub use goal::{Goal, LifeDomainKey, LongTermGoal, Period};
pub use monitoring::{Achievement, GoalEvaluation, MonitoringEntry};
pub use overview::{concerns, counts, Concern, ConcernKind};
pub use staff::{JobRole, StaffRef};
pub use wire::{goal_key, monitoring_key, step_key, GOAL_KEY_PREFIX, MONITORING_KEY_PREFIX, STEP_KEY_PREFIX};

use crate::client::Client;
use crate::service::ServiceType;
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashSet};
use uuid::Uuid;

/// 個別支援計画, one version.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Plan {
    /// Same as the record's id; kept in the data so a version read on its
    /// own (print, export, the version chain) knows itself.
    pub id: Uuid,
    pub client_id: Uuid,
    /// 1 for the first plan, +1 for each review.
    pub version: u32,
    /// The version this one revises.
    pub previous_version_id: Option<Uuid>,
    /// The service this plan is for; sets the review interval.
    pub service: Option<ServiceType>,
    /// 計画期間
    pub period: Period,
    /// 本人の意向
    pub wishes_self: String,
    /// 家族の意向
    pub wishes_family: String,
    /// 総合的な支援の方針
    pub policy: String,
    /// 長期目標
    pub long_term_goal: LongTermGoal,
    /// 短期目標 by id, removed ones included (see [`Plan::goals_in_order`]).
    pub goals: BTreeMap<Uuid, Goal>,
    /// 計画作成責任者: the responsible サビ管/児発管.
    pub manager: Option<StaffRef>,
    /// 加算 the office bills for this client; they must be written in the
    /// plan (e.g. 「地域連携会議実施加算」).
    pub additions: Vec<String>,
    pub cycle: Cycle,
}

impl Plan {
    /// A first plan for a client, with nothing filled in yet.
    pub fn new(id: Uuid, client_id: Uuid) -> Self {
        Plan { id, client_id, version: 1, ..Default::default() }
    }

    /// A first plan for `client` on `today`: for the service the client uses
    /// that day (the first one, when several), starting from the client's
    /// wishes as recorded now. The plan keeps its own copy of the wishes, as
    /// they were when it was written, so a later change to the client's
    /// record does not rewrite an agreed plan.
    pub fn first_for(id: Uuid, client_id: Uuid, client: &Client, today: NaiveDate) -> Self {
        Plan {
            service: client.services.iter().find(|s| s.active_on(today)).map(|s| s.service),
            wishes_self: client.wishes_self.clone(),
            wishes_family: client.wishes_family.clone(),
            ..Plan::new(id, client_id)
        }
    }

    /// The plan a review starts: the content of this version (goals keep
    /// their ids so notes and monitoring stay linked across versions;
    /// removed goals are left behind), a new id, an empty cycle and a link
    /// to this version. The period is left empty because the new period is
    /// decided in the review; `self` is not changed.
    pub fn next_version(&self, new_id: Uuid) -> Plan {
        Plan {
            id: new_id,
            client_id: self.client_id,
            version: self.version + 1,
            previous_version_id: Some(self.id),
            service: self.service,
            period: Period::default(),
            wishes_self: self.wishes_self.clone(),
            wishes_family: self.wishes_family.clone(),
            policy: self.policy.clone(),
            long_term_goal: LongTermGoal { text: self.long_term_goal.text.clone(), period: Period::default() },
            goals: self
                .goals
                .iter()
                .filter(|(_, g)| !g.removed)
                .map(|(id, g)| (*id, Goal { period: Period::default(), ..g.clone() }))
                .collect(),
            manager: self.manager.clone(),
            additions: self.additions.clone(),
            cycle: Cycle::default(),
        }
    }

    /// Consented to (or handed over): the plan is in force as it was agreed
    /// and is never edited in place again; changes go into the next version
    /// ([`Plan::next_version`], started by a review).
    pub fn is_agreed(&self) -> bool {
        took_effect(self).is_some()
    }

    /// Short-term goals to show, in plan order.
    pub fn goals_in_order(&self) -> Vec<(Uuid, &Goal)> {
        goal::in_order(&self.goals)
    }

    /// The `order` for a goal added at the end.
    pub fn next_goal_order(&self) -> u32 {
        self.goals.values().map(|g| g.order.saturating_add(1)).max().unwrap_or(0)
    }

    /// Adds an empty short-term goal `id` at the end, for the plan's period
    /// (most goals run for the whole plan; the period can be changed).
    pub fn add_goal(&mut self, id: Uuid) {
        let goal = Goal { order: self.next_goal_order(), period: self.period, ..Default::default() };
        self.goals.insert(id, goal);
    }

    /// Moves a shown goal one place up or down by swapping its `order` with
    /// its neighbour's, so only those two goals change. When both have the
    /// same number (goals added on two devices at once) the shown goals are
    /// numbered afresh from the lowest number. Returns whether it moved.
    pub fn move_goal(&mut self, id: Uuid, up: bool) -> bool {
        let mut ids: Vec<Uuid> = self.goals_in_order().into_iter().map(|(id, _)| id).collect();
        let Some(i) = ids.iter().position(|g| *g == id) else { return false };
        let j = if up { i.checked_sub(1) } else { Some(i + 1).filter(|j| *j < ids.len()) };
        let Some(j) = j else { return false };
        let (a, b) = (self.goals[&ids[i]].order, self.goals[&ids[j]].order);
        if a != b {
            self.goals.entry(ids[i]).or_default().order = b;
            self.goals.entry(ids[j]).or_default().order = a;
            return true;
        }
        ids.swap(i, j);
        let base = ids.iter().map(|g| self.goals[g].order).min().unwrap_or(0);
        for (n, gid) in ids.iter().enumerate() {
            let order = base.saturating_add(n as u32);
            let goal = self.goals.entry(*gid).or_default();
            if goal.order != order {
                goal.order = order;
            }
        }
        true
    }
}

/// Where a short-term goal proposed from outside the plan editor (an
/// assessment item) goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalHome<'a> {
    /// Into this version, which is still being prepared.
    Into(&'a Plan),
    /// This version is agreed and never edited in place: the goal goes into
    /// a new next version (見直し) started from it.
    NextVersionOf(&'a Plan),
    /// The client has no plan: into a new first plan.
    FirstPlan,
}

/// Where a goal goes, given the client's current plan (the next version,
/// once started, is the current plan and still being prepared).
pub fn goal_home(current: Option<&Plan>) -> GoalHome<'_> {
    match current {
        None => GoalHome::FirstPlan,
        Some(p) if p.is_agreed() => GoalHome::NextVersionOf(p),
        Some(p) => GoalHome::Into(p),
    }
}

/// The versions no other version revises: the current plan of each chain.
/// Two reviews started from one version on two devices both show up here,
/// so the fork is visible instead of one silently hiding the other.
pub fn latest_versions(plans: &[Plan]) -> Vec<&Plan> {
    let revised: HashSet<Uuid> = plans.iter().filter_map(|p| p.previous_version_id).collect();
    plans.iter().filter(|p| !revised.contains(&p.id)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn reviewed_plan() -> Plan {
        let sabikan = StaffRef::new(Some(id(900)), "佐藤", JobRole::ServiceManager);
        Plan {
            service: Some(ServiceType::EmploymentTransition),
            period: Period::new(d("2026-04-01"), d("2026-09-30")),
            wishes_self: "一般企業で働きたい".into(),
            policy: "通所の安定と職場実習".into(),
            long_term_goal: LongTermGoal {
                text: "一般就労".into(),
                period: Period::new(d("2026-04-01"), d("2027-03-31")),
            },
            goals: BTreeMap::from([
                (
                    id(10),
                    Goal {
                        order: 0,
                        text: "週4日通所".into(),
                        period: Period::new(d("2026-04-01"), d("2026-06-30")),
                        ..Default::default()
                    },
                ),
                (id(11), Goal { order: 1, text: "実習に参加".into(), removed: true, ..Default::default() }),
            ]),
            manager: Some(sabikan.clone()),
            additions: vec!["地域連携会議実施加算".into()],
            cycle: Cycle {
                draft: Some(DraftStep { date: Some(d("2026-03-20")), by: Some(sabikan.clone()), note: String::new() }),
                review: Some(ReviewStep {
                    date: Some(d("2026-06-25")),
                    by: Some(sabikan),
                    summary: "目標を更新".into(),
                }),
                ..Default::default()
            },
            ..Plan::new(id(1), id(2))
        }
    }

    #[test]
    fn a_new_plan_is_version_one_with_nothing_recorded() {
        let plan = Plan::new(id(1), id(2));
        assert_eq!((plan.id, plan.client_id, plan.version, plan.previous_version_id), (id(1), id(2), 1, None));
        assert_eq!(plan.cycle, Cycle::default());
    }

    #[test]
    fn a_review_builds_the_next_version_and_leaves_the_previous_one_alone() {
        let v1 = reviewed_plan();
        let before = v1.clone();
        let v2 = v1.next_version(id(3));
        assert_eq!(v1, before);

        assert_eq!((v2.id, v2.client_id, v2.version, v2.previous_version_id), (id(3), id(2), 2, Some(id(1))));
        assert_eq!(v2.cycle, Cycle::default());
        assert_eq!(v2.period, Period::default());
        assert_eq!(v2.long_term_goal.text, "一般就労");
        assert_eq!(v2.long_term_goal.period, Period::default());
        assert_eq!((v2.wishes_self.as_str(), v2.policy.as_str()), ("一般企業で働きたい", "通所の安定と職場実習"));
        assert_eq!((v2.service, &v2.manager, &v2.additions), (v1.service, &v1.manager, &v1.additions));
        // The live goal continues under its id, without its old period; the
        // removed one stays behind.
        assert_eq!(v2.goals.keys().copied().collect::<Vec<_>>(), vec![id(10)]);
        assert_eq!(v2.goals[&id(10)].text, "週4日通所");
        assert_eq!(v2.goals[&id(10)].period, Period::default());

        let v3 = v2.next_version(id(4));
        assert_eq!((v3.version, v3.previous_version_id), (3, Some(id(3))));
    }

    #[test]
    fn a_first_plan_starts_from_the_clients_wishes_and_current_service() {
        use crate::service::ServiceUse;
        let client = Client {
            wishes_self: "一人暮らしをしたい".into(),
            wishes_family: "無理なく続けてほしい".into(),
            services: vec![
                ServiceUse {
                    service: ServiceType::LifeSkillsTraining,
                    start: Some(d("2025-04-01")),
                    end: Some(d("2026-03-31")),
                },
                ServiceUse { service: ServiceType::EmploymentTransition, start: Some(d("2026-04-01")), end: None },
            ],
            ..Default::default()
        };
        let plan = Plan::first_for(id(1), id(2), &client, d("2026-12-02"));
        assert_eq!((plan.id, plan.client_id, plan.version), (id(1), id(2), 1));
        assert_eq!(
            (plan.wishes_self.as_str(), plan.wishes_family.as_str()),
            ("一人暮らしをしたい", "無理なく続けてほしい")
        );
        assert_eq!(plan.service, Some(ServiceType::EmploymentTransition));
        assert_eq!(plan.period, Period::default(), "the period is decided with the plan");
        assert_eq!(
            Plan::first_for(id(1), id(2), &client, d("2025-05-01")).service,
            Some(ServiceType::LifeSkillsTraining)
        );
        assert_eq!(Plan::first_for(id(1), id(2), &Client::default(), d("2026-12-02")).service, None);
    }

    #[test]
    fn a_goal_never_goes_into_an_agreed_plan() {
        let preparing = reviewed_plan();
        assert_eq!(goal_home(None), GoalHome::FirstPlan);
        assert_eq!(goal_home(Some(&preparing)), GoalHome::Into(&preparing));
        let mut agreed = preparing.clone();
        agreed.cycle.consent = Some(ConsentRecord { consented_on: Some(d("2026-03-31")), ..Default::default() });
        assert!(agreed.is_agreed());
        assert_eq!(goal_home(Some(&agreed)), GoalHome::NextVersionOf(&agreed));
        // Handed over without a consent date recorded: agreed all the same.
        agreed.cycle.consent = Some(ConsentRecord { handed_over_on: Some(d("2026-03-31")), ..Default::default() });
        assert_eq!(goal_home(Some(&agreed)), GoalHome::NextVersionOf(&agreed));
    }

    #[test]
    fn latest_versions_are_those_nobody_revises_and_a_fork_shows_both() {
        let v1 = reviewed_plan();
        let v2 = v1.next_version(id(3));
        let other_client = Plan::new(id(50), id(51));
        let plans = vec![v1.clone(), v2.clone(), other_client.clone()];
        let latest: Vec<_> = latest_versions(&plans).into_iter().map(|p| p.id).collect();
        assert_eq!(latest, vec![id(3), id(50)]);

        let fork = v1.next_version(id(5));
        let plans = vec![v1, v2, fork];
        let latest: Vec<_> = latest_versions(&plans).into_iter().map(|p| p.id).collect();
        assert_eq!(latest, vec![id(3), id(5)]);
    }

    fn shown(plan: &Plan) -> Vec<u128> {
        plan.goals_in_order().into_iter().map(|(id, _)| id.as_u128()).collect()
    }

    #[test]
    fn an_added_goal_is_empty_last_and_runs_for_the_plan_period() {
        let mut plan = reviewed_plan();
        plan.add_goal(id(12));
        assert_eq!(shown(&plan), vec![10, 12]);
        let goal = &plan.goals[&id(12)];
        assert_eq!((goal.order, goal.text.as_str(), goal.period), (2, "", plan.period));
    }

    #[test]
    fn moving_a_goal_swaps_the_order_of_two_goals_only() {
        let mut plan = Plan::new(id(1), id(2));
        for n in 10..13 {
            plan.add_goal(id(n));
        }
        plan.goals.get_mut(&id(11)).unwrap().removed = true;
        let before = plan.clone();
        // The removed goal in between is skipped.
        assert!(plan.move_goal(id(12), true));
        assert_eq!(shown(&plan), vec![12, 10]);
        let changed: Vec<_> =
            plan.goals.iter().filter(|(k, g)| before.goals[*k] != **g).map(|(k, _)| k.as_u128()).collect();
        assert_eq!(changed, vec![10, 12]);
        // Nothing above the first or below the last; unknown ids do nothing.
        assert!(!plan.move_goal(id(12), true));
        assert!(!plan.move_goal(id(10), false));
        assert!(!plan.move_goal(id(99), true));
        assert!(plan.move_goal(id(12), false));
        assert_eq!(shown(&plan), vec![10, 12]);
    }

    #[test]
    fn goals_with_the_same_order_are_numbered_afresh_when_moved() {
        // Added at once on two devices: both got order 3.
        let mut plan = Plan::new(id(1), id(2));
        let goal = |order| Goal { order, ..Default::default() };
        plan.goals = BTreeMap::from([(id(10), goal(2)), (id(11), goal(3)), (id(12), goal(3))]);
        assert!(plan.move_goal(id(12), true));
        assert_eq!(shown(&plan), vec![10, 12, 11]);
        let orders: Vec<_> = plan.goals_in_order().into_iter().map(|(_, g)| g.order).collect();
        assert_eq!(orders, vec![2, 3, 4]);
    }

    #[test]
    fn goals_added_at_the_end_go_after_every_goal_including_removed_ones() {
        assert_eq!(Plan::default().next_goal_order(), 0);
        assert_eq!(reviewed_plan().next_goal_order(), 2);
        let ids: Vec<_> = reviewed_plan().goals_in_order().into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, vec![id(10)]);
    }
}
