//! 「計画の目標にする」: an item rated 一部支援が必要 or 支援が必要 becomes a
//! draft short-term goal in the client's current plan (the latest version),
//! or in a new first plan when the client has none. Only the new goal's
//! `goal:<id>` key is written, so whatever another device changed in the
//! plan meanwhile stays.

use super::is_for;
use crate::store::{begin_write, store, Store, StoreResult};
use renkei_domain::assessment::GoalSeed;
use renkei_domain::plan::{latest_versions, Plan};
use renkei_domain::{Record, RecordKind, RecordMeta};
use std::collections::HashSet;
use uuid::Uuid;

/// What became of a request to add a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalOutcome {
    Added,
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
        .collect();
    let plans: Vec<Plan> = records.iter().map(|r| r.data.clone()).collect();
    let latest: HashSet<Uuid> = latest_versions(&plans).into_iter().map(|p| p.id).collect();
    Ok(records
        .into_iter()
        .filter(|r| latest.contains(&r.data.id) || latest.contains(&r.meta.id))
        .max_by_key(|r| (r.data.version, r.meta.updated_at)))
}

/// Item ids among `seeds` that already have a goal in `plan`.
pub fn items_in_plan<'a>(plan: Option<&Plan>, seeds: impl Iterator<Item = &'a GoalSeed>) -> HashSet<String> {
    let Some(plan) = plan else { return HashSet::new() };
    seeds.filter(|seed| plan.goals.values().any(|g| seed.is_source_of(g))).map(|s| s.item_id.clone()).collect()
}

/// Adds the goal drafted from `seed` to the client's current plan, creating
/// version 1 of a plan if there is none.
pub async fn add_goal(client_id: Uuid, seed: &GoalSeed) -> StoreResult<GoalOutcome> {
    let s = store().await?;
    let plan = current_plan(&s, client_id).await?;
    let actor = s.device_id().await?;
    let now = chrono::Utc::now();
    let (record, base) = match plan {
        Some(record) => {
            if record.data.goals.values().any(|g| seed.is_source_of(g)) {
                return Ok(GoalOutcome::AlreadyThere);
            }
            let base = record.data.clone();
            let mut record = record;
            record.meta.touch(&actor, now);
            (record, Some(base))
        }
        None => {
            let id = Uuid::new_v4();
            (Record { meta: RecordMeta::new(id, &actor, now), data: Plan::new(id, client_id) }, None)
        }
    };
    let mut record = record;
    let order = record.data.next_goal_order();
    record.data.goals.insert(Uuid::new_v4(), seed.to_plan_goal(order));
    // The barrier covers the write only: the reads above must not wait for it.
    let guard = begin_write();
    let result = s.save_edit(RecordKind::Plan, &record, base.as_ref()).await;
    drop(guard);
    result?;
    Ok(GoalOutcome::Added)
}
