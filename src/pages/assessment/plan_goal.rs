//! 「計画の目標にする」: an item rated 一部支援が必要 or 支援が必要 becomes a
//! draft short-term goal in the client's current plan while it is being
//! prepared, in the next version (見直し) of a plan already agreed — an
//! agreed plan is never edited in place — or in a new first plan when the
//! client has none. Only the keys that change are written, so whatever
//! another device changed in the plan meanwhile stays.

use super::is_for;
use crate::store::{begin_write, store, Store, StoreResult};
use renkei_domain::assessment::GoalSeed;
use renkei_domain::plan::{goal_home, latest_versions, link_assessment, GoalHome, Plan};
use renkei_domain::{Record, RecordKind, RecordMeta};
use std::collections::HashSet;
use uuid::Uuid;

/// What became of a request to add a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalOutcome {
    Added,
    /// The current plan is agreed, so the goal went into the draft of its
    /// next version (見直し), created if needed; the agreed one is unchanged.
    AddedToNextVersion {
        version: u32,
    },
    /// A goal drafted from this item is already in the plan; nothing written.
    AlreadyThere,
}

/// The client's current plan: of the versions no other version revises, the
/// highest, the most recently changed one on a tie.
pub async fn current_plan(s: &Store, client_id: Uuid) -> StoreResult<Option<Record<Plan>>> {
    let records: Vec<Record<Plan>> = s
        .records_of_kind(RecordKind::Plan)
        .await?
        .into_iter()
        .filter(|r| !r.meta.deleted && is_for(&r.data, client_id))
        .filter_map(|r| r.to_typed::<Plan>().ok())
        .map(|mut r| {
            r.data.id = r.meta.id;
            r
        })
        .collect();
    let plans: Vec<Plan> = records.iter().map(|r| r.data.clone()).collect();
    let latest: HashSet<Uuid> = latest_versions(&plans).into_iter().map(|p| p.id).collect();
    Ok(records.into_iter().filter(|r| latest.contains(&r.data.id)).max_by_key(|r| (r.data.version, r.meta.updated_at)))
}

/// Item ids among `seeds` that already have a goal in `plan`.
pub fn items_in_plan<'a>(plan: Option<&Plan>, seeds: impl Iterator<Item = &'a GoalSeed>) -> HashSet<String> {
    let Some(plan) = plan else { return HashSet::new() };
    seeds.filter(|seed| plan.goals.values().any(|g| seed.is_source_of(g))).map(|s| s.item_id.clone()).collect()
}

/// Adds the goal drafted from `seed` (an item of assessment `aid`) where it
/// belongs ([`goal_home`]): into the plan being prepared, into the next
/// version of an agreed plan (started here if needed), or into a new first
/// plan. A plan that gets the goal and has no アセスメント yet takes this
/// assessment as its own.
pub async fn add_goal(client_id: Uuid, aid: Uuid, seed: &GoalSeed) -> StoreResult<GoalOutcome> {
    let s = store().await?;
    let plan = current_plan(&s, client_id).await?;
    if plan.as_ref().is_some_and(|p| p.data.goals.values().any(|g| seed.is_source_of(g))) {
        return Ok(GoalOutcome::AlreadyThere);
    }
    let actor = s.device_id().await?;
    let now = chrono::Utc::now();
    let fresh = |data: Plan| Record { meta: RecordMeta::new(data.id, &actor, now), data };
    let (mut record, base, outcome) = match goal_home(plan.as_ref().map(|p| &p.data)) {
        GoalHome::Into(_) => {
            let mut record = plan.expect("the plan the goal goes into");
            let base = record.data.clone();
            record.meta.touch(&actor, now);
            (record, Some(base), GoalOutcome::Added)
        }
        GoalHome::NextVersionOf(agreed) => {
            let next = agreed.next_version(Uuid::new_v4());
            let version = next.version;
            (fresh(next), None, GoalOutcome::AddedToNextVersion { version })
        }
        GoalHome::FirstPlan => {
            let client = s.client(client_id).await?.map(|c| c.data).unwrap_or_default();
            let today = chrono::Local::now().date_naive();
            (fresh(Plan::first_for(Uuid::new_v4(), client_id, &client, today)), None, GoalOutcome::Added)
        }
    };
    let has_assessment = record.data.cycle.assessment.as_ref().is_some_and(|a| !a.assessment_ids.is_empty());
    if !has_assessment {
        link_assessment(&mut record.data, aid);
    }
    let order = record.data.next_goal_order();
    record.data.goals.insert(Uuid::new_v4(), seed.to_plan_goal(order));
    // The barrier covers the write only: the reads above must not wait for it.
    let guard = begin_write();
    let result = s.save_edit(RecordKind::Plan, &record, base.as_ref()).await;
    drop(guard);
    result?;
    Ok(outcome)
}

/// Links assessment `aid`, just made, to the client's plan when that plan is
/// still being prepared and has no アセスメント yet: the eight-domain
/// assessment is the plan's アセスメント.
pub async fn link_to_plan(client_id: Uuid, aid: Uuid) -> StoreResult<()> {
    let s = store().await?;
    let Some(mut record) = current_plan(&s, client_id).await? else { return Ok(()) };
    let linked = record.data.cycle.assessment.as_ref().is_some_and(|a| !a.assessment_ids.is_empty());
    if linked || record.data.is_agreed() {
        return Ok(());
    }
    let base = record.data.clone();
    link_assessment(&mut record.data, aid);
    record.meta.touch(&s.device_id().await?, chrono::Utc::now());
    let guard = begin_write();
    let result = s.save_edit(RecordKind::Plan, &record, Some(&base)).await;
    drop(guard);
    result
}
