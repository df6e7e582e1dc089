//! モニタリング (継続的な評価): the サビ管/児発管 interviews the client, checks how
//! each goal is going and decides what to do next. A plan collects any number
//! of entries, each under its own top-level key, so two entries written on
//! two devices never collide.

use super::staff::StaffRef;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// 達成 / 一部達成 / 未達成
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Achievement {
    Achieved,
    PartlyAchieved,
    NotAchieved,
}

impl Achievement {
    pub const ALL: [Achievement; 3] = [Achievement::Achieved, Achievement::PartlyAchieved, Achievement::NotAchieved];

    /// The wire name (serde), also the value of a choice in a form.
    pub fn code(self) -> &'static str {
        match self {
            Achievement::Achieved => "achieved",
            Achievement::PartlyAchieved => "partly_achieved",
            Achievement::NotAchieved => "not_achieved",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.code() == code)
    }

    pub fn label_ja(self) -> &'static str {
        match self {
            Achievement::Achieved => "達成",
            Achievement::PartlyAchieved => "一部達成",
            Achievement::NotAchieved => "未達成",
        }
    }
}

/// The result for one goal in one monitoring.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct GoalEvaluation {
    /// `None` while not yet judged.
    #[serde(default)]
    pub achievement: Option<Achievement>,
    /// 評価: what was observed and why.
    #[serde(default)]
    pub evaluation: String,
    /// 今後の対応
    #[serde(default)]
    pub next_action: String,
}

/// One モニタリング.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MonitoringEntry {
    #[serde(default)]
    pub date: Option<NaiveDate>,
    /// Who did it; must be the サビ管/児発管 (flagged otherwise).
    #[serde(default)]
    pub by: Option<StaffRef>,
    /// 本人との面接: what the client said. Required by the 指定基準; an empty
    /// interview is flagged.
    #[serde(default)]
    pub interview: String,
    /// Per short-term goal, by the goal's id.
    #[serde(default)]
    pub results: BTreeMap<Uuid, GoalEvaluation>,
    /// 総合所見
    #[serde(default)]
    pub summary: String,
    /// Tombstone (the key stays, see `Goal::removed`).
    #[serde(default)]
    pub removed: bool,
}

impl MonitoringEntry {
    /// Dated and naming who did it.
    pub fn is_signed(&self) -> bool {
        self.date.is_some() && self.by.as_ref().is_some_and(StaffRef::is_named)
    }

    pub fn has_interview(&self) -> bool {
        !self.interview.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn achievement_labels() {
        let labels: Vec<_> = Achievement::ALL.iter().map(|a| a.label_ja()).collect();
        assert_eq!(labels, vec!["達成", "一部達成", "未達成"]);
        assert_eq!(serde_json::to_string(&Achievement::PartlyAchieved).unwrap(), "\"partly_achieved\"");
        for a in Achievement::ALL {
            assert_eq!(serde_json::to_string(&a).unwrap(), format!("\"{}\"", a.code()));
            assert_eq!(Achievement::from_code(a.code()), Some(a));
        }
    }

    #[test]
    fn results_are_keyed_by_goal_id() {
        let goal = Uuid::from_u128(7);
        let m = MonitoringEntry {
            results: BTreeMap::from([(
                goal,
                GoalEvaluation { achievement: Some(Achievement::Achieved), ..Default::default() },
            )]),
            ..Default::default()
        };
        let json = serde_json::to_value(&m).unwrap();
        assert_eq!(json["results"][goal.to_string()]["achievement"], "achieved");
        assert_eq!(serde_json::from_value::<MonitoringEntry>(json).unwrap(), m);
    }
}
