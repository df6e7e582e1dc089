//! A note's history and its 競合. A 支援記録 is a record of what happened:
//! a correction never erases the first wording (the store keeps replaced
//! values of notes), and the history shows every save — who, when, on
//! which device, and what it wrote. The same field labels and value texts
//! describe a note's conflicting values.

use super::{domain_label, ClientInfo};
use crate::components::conflicts::{plain_value, ConflictField, ConflictPanel};
use crate::components::record_history::{HistoryWords, RecordHistory};
use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::sync::{RecordState, DELETED_FIELD};
use renkei_domain::visit_note::Place;
use serde_json::Value;
use std::sync::Arc;
use uuid::Uuid;

/// Fields that identify the note rather than say anything: never shown.
const HIDDEN: [&str; 2] = ["id", "client_id"];

fn field_label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "at" => t.notes().at,
        "place" => t.notes().place,
        "place_detail" => t.notes().place_detail,
        "present" => t.notes().present,
        "text" => t.notes().text,
        "goal_ids" => t.notes().goals,
        "life_domains" => t.notes().domains,
        "follow_up" => t.notes().follow_up_text,
        "follow_up_due" => t.notes().follow_up_due,
        "follow_up_done" => t.notes().follow_up_done,
        DELETED_FIELD => t.conflicts.deleted,
        _ => t.conflicts.empty,
    }
}

/// A stored value as the note's form would show it.
fn value_text(t: &'static Texts, info: &ClientInfo, field: &str, value: &Value) -> String {
    let list = |items: Vec<String>| if items.is_empty() { t.conflicts.empty.to_owned() } else { items.join("、") };
    let strings = || value.as_array().map(|a| a.iter().filter_map(Value::as_str).map(str::to_owned).collect());
    match field {
        "at" => value
            .as_str()
            .and_then(|s| s.parse::<chrono::NaiveDateTime>().ok())
            .map_or_else(|| plain_value(t, value), t.common.date_time),
        "place" => serde_json::from_value::<Place>(value.clone())
            .map_or_else(|_| plain_value(t, value), |p| (t.notes().place_name)(p).to_owned()),
        "follow_up_due" => value
            .as_str()
            .and_then(|s| s.parse::<chrono::NaiveDate>().ok())
            .map_or_else(|| plain_value(t, value), t.common.date),
        "present" => list(strings().unwrap_or_default()),
        "goal_ids" => list(
            strings()
                .unwrap_or_default()
                .iter()
                .filter_map(|s| Uuid::parse_str(s).ok())
                .map(|id| info.goal_label(t, id))
                .collect(),
        ),
        "life_domains" => list(strings().unwrap_or_default().iter().map(|d| domain_label(t, d)).collect()),
        "follow_up_done" => {
            if value.as_bool() == Some(true) { t.notes().done_yes } else { t.notes().done_no }.to_owned()
        }
        DELETED_FIELD => {
            if value.as_bool() == Some(true) { t.notes().history_trashed } else { t.notes().history_restored }
                .to_owned()
        }
        _ => plain_value(t, value),
    }
}

/// The note's history, folded: each save with who, when, device and what
/// it wrote, oldest first.
#[component]
pub fn NoteHistory(t: &'static Texts, state: Arc<RecordState>, info: Arc<ClientInfo>) -> impl IntoView {
    let words = HistoryWords {
        summary: t.notes().history,
        help: t.notes().history_help,
        created: t.notes().history_created,
        corrected: t.notes().history_corrected,
        label: Arc::new(move |field| field_label(t, field).to_owned()),
        value: Arc::new(move |field, value| value_text(t, &info, field, value)),
    };
    view! { <RecordHistory t state hidden=&HIDDEN words /> }
}

/// The note's fields that hold more than one value, each value with who
/// wrote it, to choose from.
#[component]
pub fn NoteConflicts(
    t: &'static Texts,
    id: Uuid,
    state: Arc<RecordState>,
    info: Arc<ClientInfo>,
    on_resolved: Callback<()>,
) -> impl IntoView {
    let fields = state
        .fields
        .iter()
        .filter(|(_, f)| !f.conflicts().is_empty())
        .map(|(field, f)| {
            ConflictField::describe(
                field.clone(),
                f.heads.clone(),
                |name| field_label(t, name).to_owned(),
                |name, v| value_text(t, &info, name, v),
            )
        })
        .collect();
    view! { <ConflictPanel t id fields on_resolved /> }
}
