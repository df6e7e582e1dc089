//! 長期目標 and 短期目標. Short-term goals are stored one per top-level key
//! (see `wire.rs`), so each carries its own position and its own tombstone:
//! reordering writes `order`, removing writes `removed`, and neither touches
//! another goal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// From–to dates. Either end may be unknown while a plan is being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Period {
    #[serde(default)]
    pub start: Option<NaiveDate>,
    #[serde(default)]
    pub end: Option<NaiveDate>,
}

impl Period {
    pub fn new(start: NaiveDate, end: NaiveDate) -> Self {
        Period { start: Some(start), end: Some(end) }
    }

    /// Both ends known and the end not before the start.
    pub fn is_complete(&self) -> bool {
        matches!((self.start, self.end), (Some(s), Some(e)) if s <= e)
    }
}

/// A life domain of the eight-domain assessment, by its catalogue key. A
/// plain string key so plans and notes do not depend on one catalogue
/// version: a key the current catalogue no longer knows is still kept.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct LifeDomainKey(pub String);

impl LifeDomainKey {
    pub fn new(key: &str) -> Self {
        LifeDomainKey(key.to_owned())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// 長期目標
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct LongTermGoal {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub period: Period,
}

/// 短期目標, with the support that serves it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Goal {
    /// Position in the plan; goals are listed by `(order, id)`, so equal
    /// numbers written concurrently on two devices still list the same way
    /// everywhere.
    #[serde(default)]
    pub order: u32,
    /// 目標: the goal in the client's words where possible.
    #[serde(default)]
    pub text: String,
    /// 支援内容: the concrete support.
    #[serde(default)]
    pub support: String,
    /// 担当者・提供機関: who provides it.
    #[serde(default)]
    pub provider: String,
    /// 頻度 (e.g. 週1回), free text as on the printed form.
    #[serde(default)]
    pub frequency: String,
    /// 期間
    #[serde(default)]
    pub period: Period,
    /// Life domains this goal addresses (e.g. from assessment items marked
    /// as needing support).
    #[serde(default)]
    pub life_domains: Vec<LifeDomainKey>,
    /// Tombstone: a removed goal keeps its key so a concurrent edit on
    /// another device cannot bring it back unnoticed, and monitoring results
    /// that name it still resolve.
    #[serde(default)]
    pub removed: bool,
}

/// The goals to show, in plan order, without removed ones.
pub fn in_order(goals: &std::collections::BTreeMap<Uuid, Goal>) -> Vec<(Uuid, &Goal)> {
    let mut list: Vec<_> = goals.iter().filter(|(_, g)| !g.removed).map(|(id, g)| (*id, g)).collect();
    list.sort_by_key(|(id, g)| (g.order, *id));
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    #[test]
    fn goals_list_by_order_then_id_without_removed_ones() {
        let goal = |order, removed| Goal { order, removed, ..Default::default() };
        let goals = BTreeMap::from([
            (id(1), goal(2, false)),
            (id(2), goal(1, false)),
            (id(3), goal(0, true)),
            (id(4), goal(2, false)),
            (id(0), goal(2, false)),
        ]);
        let ids: Vec<_> = in_order(&goals).into_iter().map(|(id, _)| id).collect();
        assert_eq!(ids, vec![id(2), id(0), id(1), id(4)]);
    }

    #[test]
    fn a_period_is_complete_with_both_ends_in_order() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let cases = [
            (Period::default(), false),
            (Period { start: Some(d("2026-04-01")), end: None }, false),
            (Period::new(d("2026-04-01"), d("2026-09-30")), true),
            (Period::new(d("2026-04-01"), d("2026-04-01")), true),
            (Period::new(d("2026-04-01"), d("2026-03-31")), false),
        ];
        for (period, complete) in cases {
            assert_eq!(period.is_complete(), complete, "{period:?}");
        }
    }

    #[test]
    fn a_partial_goal_loads_with_defaults() {
        let g: Goal = serde_json::from_str(r#"{"text":"週3日通所する"}"#).unwrap();
        assert_eq!(g.text, "週3日通所する");
        assert_eq!((g.order, g.removed, g.period), (0, false, Period::default()));
        let g: Goal = serde_json::from_str(r#"{"life_domains":["work"]}"#).unwrap();
        assert_eq!(g.life_domains, vec![LifeDomainKey::new("work")]);
    }
}
