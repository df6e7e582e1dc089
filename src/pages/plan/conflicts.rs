//! 「競合」 on a plan: parts two devices changed at once (the same goal, the
//! same step …). The plan shows one value; the others wait here until
//! someone chooses, so nothing typed on either device is dropped unseen.

use crate::components::conflicts::{ConflictField, ConflictPanel};
use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::plan::{Plan, Step, GOAL_KEY_PREFIX, MONITORING_KEY_PREFIX, STEP_KEY_PREFIX};
use renkei_domain::sync::merge::Head;
use renkei_domain::sync::DELETED_FIELD;
use serde_json::Value;
use uuid::Uuid;

fn label(t: &'static Texts, plan: &Plan, key: &str) -> String {
    if let Some(id) = key.strip_prefix(GOAL_KEY_PREFIX).and_then(|s| Uuid::parse_str(s).ok()) {
        let n = plan.goals_in_order().iter().position(|(g, _)| *g == id);
        return n.map_or_else(|| t.plan().short_term.to_owned(), |n| (t.plan().goal_n)(n + 1));
    }
    if key.starts_with(MONITORING_KEY_PREFIX) {
        return t.plan().sec_monitoring.to_owned();
    }
    if let Some(step) = key.strip_prefix(STEP_KEY_PREFIX).and_then(|c| Step::ALL.into_iter().find(|s| s.code() == c)) {
        return (t.record_words().step)(step).to_owned();
    }
    match key {
        "wishes_self" => t.common.wishes_self,
        "wishes_family" => t.common.wishes_family,
        "policy" => t.plan().policy,
        "long_term_goal" => t.plan().long_term,
        "period_start" => t.plan().period_start,
        "period_end" => t.plan().period_end,
        "service" => t.plan().service,
        "manager" => t.plan().manager,
        "additions" => t.plan().additions,
        DELETED_FIELD => t.conflicts.deleted,
        _ => t.conflicts.title,
    }
    .to_owned()
}

/// The written texts and dates of a value, one level into objects (a goal's
/// text, support, provider …; a step's date and who did it). Dates read as
/// screens show them (docs/dates.md).
fn summary(t: &'static Texts, value: &Value) -> String {
    fn texts(t: &'static Texts, v: &Value, depth: u8, out: &mut Vec<String>) {
        match v {
            Value::String(s) if !s.trim().is_empty() => {
                let s = s.trim();
                let date = s.parse::<chrono::NaiveDate>().ok().filter(|_| s.len() == 10);
                out.push(date.map_or_else(|| s.to_owned(), t.common.date));
            }
            Value::Array(items) => items.iter().for_each(|i| texts(t, i, depth, out)),
            Value::Object(map) if depth > 0 => {
                // A goal's own words first, then the rest.
                let (first, rest): (Vec<_>, Vec<_>) = map.iter().partition(|(k, _)| k.as_str() == "text");
                first.into_iter().chain(rest).for_each(|(_, v)| texts(t, v, depth - 1, out));
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    texts(t, value, 2, &mut out);
    if out.is_empty() {
        t.conflicts.empty.to_owned()
    } else {
        out.join(" / ")
    }
}

#[component]
pub fn PlanConflicts(
    id: Uuid,
    plan: Plan,
    conflicts: Vec<(String, Vec<Head>)>,
    flush: Callback<()>,
    on_resolved: Callback<()>,
    t: &'static Texts,
) -> impl IntoView {
    let fields = conflicts
        .into_iter()
        .map(|(field, heads)| ConflictField::describe(field, heads, |f| label(t, &plan, f), |_, v| summary(t, v)))
        .collect();
    view! { <ConflictPanel t id fields flush on_resolved /> }
}
