//! The stored (and synced) JSON shape of a plan. Sync merges the top-level
//! keys of a record's data independently (`sync::merge`): two devices that
//! change different keys merge cleanly, the same key changed on both becomes
//! a conflict for the user. So the parts people edit separately get their
//! own keys:
//!
//! - plain fields: `id`, `client_id`, `version`, `previous_version_id`,
//!   `service`, `period_start`, `period_end`, `wishes_self`, `wishes_family`,
//!   `policy`, `long_term_goal`, `manager`, `additions`;
//! - each short-term goal: `goal:<uuid>`, with its `order` and `removed`
//!   inside, so adding, editing, reordering or removing one goal writes only
//!   that goal's key;
//! - each step: `step:assessment`, `step:draft`, `step:meeting`,
//!   `step:consent`, `step:review` (`null` when not recorded, so clearing a
//!   step is a write like any other);
//! - each monitoring: `monitoring:<uuid>`.
//!
//! Every key may be missing (older or partial data loads with defaults);
//! unknown keys, e.g. from a newer app version, are skipped.

use super::cycle::{Cycle, Step};
use super::goal::{LongTermGoal, Period};
use super::Plan;
use serde::de::{self, IgnoredAny, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use uuid::Uuid;

pub const GOAL_KEY_PREFIX: &str = "goal:";
pub const MONITORING_KEY_PREFIX: &str = "monitoring:";
pub const STEP_KEY_PREFIX: &str = "step:";

/// The key of a short-term goal.
pub fn goal_key(id: Uuid) -> String {
    format!("{GOAL_KEY_PREFIX}{id}")
}

/// The key of a monitoring entry.
pub fn monitoring_key(id: Uuid) -> String {
    format!("{MONITORING_KEY_PREFIX}{id}")
}

/// The key of a step; `None` for monitoring, which has one key per entry.
pub fn step_key(step: Step) -> Option<String> {
    (step != Step::Monitoring).then(|| format!("{STEP_KEY_PREFIX}{}", step.code()))
}

impl Serialize for Plan {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let c = &self.cycle;
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry("client_id", &self.client_id)?;
        map.serialize_entry("version", &self.version)?;
        map.serialize_entry("previous_version_id", &self.previous_version_id)?;
        map.serialize_entry("service", &self.service)?;
        map.serialize_entry("period_start", &self.period.start)?;
        map.serialize_entry("period_end", &self.period.end)?;
        map.serialize_entry("wishes_self", &self.wishes_self)?;
        map.serialize_entry("wishes_family", &self.wishes_family)?;
        map.serialize_entry("policy", &self.policy)?;
        map.serialize_entry("long_term_goal", &self.long_term_goal)?;
        map.serialize_entry("manager", &self.manager)?;
        map.serialize_entry("additions", &self.additions)?;
        map.serialize_entry("step:assessment", &c.assessment)?;
        map.serialize_entry("step:draft", &c.draft)?;
        map.serialize_entry("step:meeting", &c.meeting)?;
        map.serialize_entry("step:consent", &c.consent)?;
        map.serialize_entry("step:review", &c.review)?;
        for (id, goal) in &self.goals {
            map.serialize_entry(&goal_key(*id), goal)?;
        }
        for (id, entry) in &c.monitoring {
            map.serialize_entry(&monitoring_key(*id), entry)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Plan {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(PlanVisitor)
    }
}

struct PlanVisitor;

fn keyed_id<E: de::Error>(key: &str, prefix: &str) -> Result<Uuid, E> {
    Uuid::parse_str(&key[prefix.len()..]).map_err(|_| E::custom(format_args!("bad id in plan key `{key}`")))
}

impl<'de> Visitor<'de> for PlanVisitor {
    type Value = Plan;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a support plan object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Plan, A::Error> {
        // Defaults for a plan whose data lacks keys: version 1, nothing set.
        let mut plan = Plan { version: 1, ..Default::default() };
        let mut period = Period::default();
        let mut cycle = Cycle::default();
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "id" => plan.id = map.next_value()?,
                "client_id" => plan.client_id = map.next_value()?,
                "version" => plan.version = map.next_value()?,
                "previous_version_id" => plan.previous_version_id = map.next_value()?,
                "service" => plan.service = map.next_value()?,
                "period_start" => period.start = map.next_value()?,
                "period_end" => period.end = map.next_value()?,
                "wishes_self" => plan.wishes_self = map.next_value()?,
                "wishes_family" => plan.wishes_family = map.next_value()?,
                "policy" => plan.policy = map.next_value()?,
                "long_term_goal" => plan.long_term_goal = map.next_value::<Option<LongTermGoal>>()?.unwrap_or_default(),
                "manager" => plan.manager = map.next_value()?,
                "additions" => plan.additions = map.next_value::<Option<Vec<String>>>()?.unwrap_or_default(),
                "step:assessment" => cycle.assessment = map.next_value()?,
                "step:draft" => cycle.draft = map.next_value()?,
                "step:meeting" => cycle.meeting = map.next_value()?,
                "step:consent" => cycle.consent = map.next_value()?,
                "step:review" => cycle.review = map.next_value()?,
                k if k.starts_with(GOAL_KEY_PREFIX) => {
                    plan.goals.insert(keyed_id(k, GOAL_KEY_PREFIX)?, map.next_value()?);
                }
                k if k.starts_with(MONITORING_KEY_PREFIX) => {
                    cycle.monitoring.insert(keyed_id(k, MONITORING_KEY_PREFIX)?, map.next_value()?);
                }
                _ => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        plan.period = period;
        plan.cycle = cycle;
        Ok(plan)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::{
        Achievement, Attendee, ClientPresence, ConsentRecord, ConsultantCopy, DraftStep, Goal, GoalEvaluation, JobRole,
        MeetingRecord, MonitoringEntry, StaffRef,
    };
    use crate::service::ServiceType;
    use chrono::NaiveDate;
    use serde_json::{json, Value};
    use std::collections::BTreeMap;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn id(n: u128) -> Uuid {
        Uuid::from_u128(n)
    }

    fn sample() -> Plan {
        let sabikan = StaffRef::new(Some(id(900)), "佐藤 一郎", JobRole::ServiceManager);
        Plan {
            service: Some(ServiceType::EmploymentTransition),
            period: Period::new(d("2026-04-01"), d("2026-09-30")),
            wishes_self: "一般企業で働きたい".into(),
            policy: "生活リズムを整え、職場実習につなげる".into(),
            goals: BTreeMap::from([
                (id(10), Goal { order: 0, text: "週4日通所する".into(), ..Default::default() }),
                (id(11), Goal { order: 1, text: "職場実習に参加する".into(), removed: true, ..Default::default() }),
            ]),
            manager: Some(sabikan.clone()),
            additions: vec!["地域連携会議実施加算".into()],
            cycle: Cycle {
                draft: Some(DraftStep { date: Some(d("2026-03-20")), by: Some(sabikan.clone()), note: String::new() }),
                meeting: Some(MeetingRecord {
                    date: Some(d("2026-03-25")),
                    by: Some(sabikan.clone()),
                    attendees: vec![Attendee {
                        name: "鈴木".into(),
                        role: Some(JobRole::SupportWorker),
                        ..Default::default()
                    }],
                    minutes: "実習先の候補を検討".into(),
                    client_presence: Some(ClientPresence::Online),
                }),
                consent: Some(ConsentRecord {
                    explained_on: Some(d("2026-03-31")),
                    explained_by: Some(sabikan.clone()),
                    consented_on: Some(d("2026-03-31")),
                    consented_by: "山田 太郎（本人）".into(),
                    handed_over_on: Some(d("2026-03-31")),
                    consultant_copy: Some(ConsultantCopy::NoConsultant),
                    note: String::new(),
                }),
                monitoring: BTreeMap::from([(
                    id(20),
                    MonitoringEntry {
                        date: Some(d("2026-06-15")),
                        by: Some(sabikan),
                        interview: "通所は続けられている".into(),
                        results: BTreeMap::from([(
                            id(10),
                            GoalEvaluation {
                                achievement: Some(Achievement::PartlyAchieved),
                                evaluation: "週3日".into(),
                                next_action: "朝の連絡".into(),
                            },
                        )]),
                        ..Default::default()
                    },
                )]),
                ..Default::default()
            },
            ..Plan::new(id(1), id(2))
        }
    }

    #[test]
    fn a_plan_round_trips_with_one_top_level_key_per_independent_part() {
        let plan = sample();
        let json = serde_json::to_value(&plan).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        let goal_10 = goal_key(id(10));
        let goal_11 = goal_key(id(11));
        let monitoring_20 = monitoring_key(id(20));
        let mut expected = vec![
            "id",
            "client_id",
            "version",
            "previous_version_id",
            "service",
            "period_start",
            "period_end",
            "wishes_self",
            "wishes_family",
            "policy",
            "long_term_goal",
            "manager",
            "additions",
            "step:assessment",
            "step:draft",
            "step:meeting",
            "step:consent",
            "step:review",
            &goal_10,
            &goal_11,
            &monitoring_20,
        ];
        let mut keys_sorted = keys.clone();
        keys_sorted.sort();
        expected.sort();
        assert_eq!(keys_sorted, expected);
        assert_eq!(goal_10, "goal:00000000-0000-0000-0000-00000000000a");

        assert_eq!(json["service"], "employment_transition");
        assert_eq!(json["period_start"], "2026-04-01");
        assert_eq!(json["step:assessment"], Value::Null);
        assert_eq!(json["step:draft"]["by"]["role"], "service_manager");
        assert_eq!(json[&goal_11]["removed"], true);
        assert_eq!(json[&goal_10]["order"], 0);
        assert_eq!(json[&monitoring_20]["results"][id(10).to_string()]["achievement"], "partly_achieved");

        assert_eq!(serde_json::from_value::<Plan>(json).unwrap(), plan);
    }

    #[test]
    fn editing_one_goal_changes_only_that_goals_key() {
        let before = serde_json::to_value(sample()).unwrap();
        let mut plan = sample();
        plan.goals.get_mut(&id(10)).unwrap().frequency = "週4日".into();
        plan.goals.get_mut(&id(11)).unwrap().removed = false;
        plan.cycle.monitoring.get_mut(&id(20)).unwrap().removed = true;
        let after = serde_json::to_value(&plan).unwrap();
        let changed: Vec<&String> = after
            .as_object()
            .unwrap()
            .iter()
            .filter(|(k, v)| before.get(k.as_str()) != Some(v))
            .map(|(k, _)| k)
            .collect();
        assert_eq!(changed, vec![&goal_key(id(10)), &goal_key(id(11)), &monitoring_key(id(20))]);
    }

    #[test]
    fn partial_and_older_data_loads_with_defaults_and_unknown_keys_are_skipped() {
        let plan: Plan = serde_json::from_value(json!({})).unwrap();
        assert_eq!(plan, Plan { version: 1, ..Default::default() });

        let plan: Plan = serde_json::from_value(json!({
            "client_id": id(2),
            "wishes_self": "働きたい",
            "long_term_goal": null,
            "additions": null,
            "step:draft": {"date": "2026-03-20"},
            "goal:00000000-0000-0000-0000-00000000000a": {"text": "通所"},
            "monitoring:00000000-0000-0000-0000-000000000014": {},
            "added_in_a_later_version": {"anything": [1, 2]},
        }))
        .unwrap();
        assert_eq!(plan.client_id, id(2));
        assert_eq!(plan.version, 1);
        assert_eq!(plan.wishes_self, "働きたい");
        assert_eq!(plan.cycle.draft.as_ref().unwrap().date, Some(d("2026-03-20")));
        assert_eq!(plan.cycle.draft.as_ref().unwrap().by, None);
        assert_eq!(plan.goals[&id(10)].text, "通所");
        assert_eq!(plan.cycle.monitoring[&id(20)], MonitoringEntry::default());
    }

    #[test]
    fn a_goal_key_without_a_valid_id_is_an_error_not_a_silent_drop() {
        let err = serde_json::from_value::<Plan>(json!({"goal:abc": {}})).unwrap_err();
        assert!(err.to_string().contains("goal:abc"), "{err}");
        assert!(serde_json::from_value::<Plan>(json!({"goal:00000000-0000-0000-0000-00000000000a": "text"})).is_err());
    }

    #[test]
    fn step_keys() {
        let keys: Vec<_> = Step::ALL.into_iter().map(step_key).collect();
        assert_eq!(
            keys,
            vec![
                Some("step:assessment".to_owned()),
                Some("step:draft".to_owned()),
                Some("step:meeting".to_owned()),
                Some("step:consent".to_owned()),
                None,
                Some("step:review".to_owned()),
            ]
        );
        let json = serde_json::to_value(sample()).unwrap();
        for key in keys.into_iter().flatten() {
            assert!(json.get(&key).is_some(), "{key}");
        }
    }
}
