//! A note's history and its 競合. A 支援記録 is a record of what happened:
//! a correction never erases the first wording (the store keeps replaced
//! values of notes), and the history shows every save — who, when, on
//! which device, and what it wrote. The same field labels and value texts
//! describe a note's conflicting values.

use super::{domain_label, ClientInfo};
use crate::components::conflicts::{plain_value, ConflictField, ConflictPanel};
use crate::components::written::{this_device, written_line};
use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::sync::merge::Head;
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

/// Says nothing at the first save (an empty field or a note not in the
/// ゴミ箱), so the first entry shows only what was written.
fn is_blank(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::String(s) => s.trim().is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Bool(b) => !b,
        _ => false,
    }
}

/// One save: the writes one device made at one moment.
struct Save<'a> {
    first: &'a Head,
    writes: Vec<(&'a str, &'a Head)>,
}

/// Every save of the note, oldest first. The writes of one save share the
/// device and the millisecond (one save stamps all its fields at once).
fn saves(state: &RecordState) -> Vec<Save<'_>> {
    let mut all: Vec<(&str, &Head)> = state
        .fields
        .iter()
        .filter(|(name, _)| !HIDDEN.contains(&name.as_str()))
        .flat_map(|(name, f)| f.history().into_iter().map(move |h| (name.as_str(), h)))
        .collect();
    all.sort_by(|a, b| a.1.stamp.cmp(&b.1.stamp));
    let mut out: Vec<Save> = Vec::new();
    for (field, head) in all {
        match out.last_mut() {
            Some(s) if s.first.stamp.device == head.stamp.device && s.first.stamp.ms == head.stamp.ms => {
                s.writes.push((field, head))
            }
            _ => out.push(Save { first: head, writes: vec![(field, head)] }),
        }
    }
    out
}

/// The note's history, folded: each save with who, when, device and what
/// it wrote, oldest first.
#[component]
pub fn NoteHistory(t: &'static Texts, state: Arc<RecordState>, info: Arc<ClientInfo>) -> impl IntoView {
    let device = this_device();
    let count = saves(&state).len();
    let entries = move || {
        let here = device.get().flatten();
        saves(&state)
            .into_iter()
            .enumerate()
            .map(|(i, save)| {
                let kind = if i == 0 { t.notes().history_created } else { t.notes().history_corrected };
                let written = written_line(t, save.first, here.as_deref());
                let rows = save
                    .writes
                    .into_iter()
                    .filter(|(_, head)| i > 0 || !is_blank(&head.value))
                    .map(|(field, head)| {
                        let text = value_text(t, &info, field, &head.value);
                        view! {
                            <div class="history-write">
                                <dt>{field_label(t, field)}</dt>
                                <dd>{text}</dd>
                            </div>
                        }
                    })
                    .collect_view();
                view! {
                    <li class="history-save">
                        <p class="history-head">
                            <span class="badge">{kind}</span>
                            " "
                            <span class="written">{written}</span>
                        </p>
                        <dl>{rows}</dl>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <details class="fold note-history">
            <summary>{(t.notes().history)(count)}</summary>
            <div class="fold-body">
                <p class="muted">{t.notes().history_help}</p>
                <ol class="history-list">{entries}</ol>
            </div>
        </details>
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use renkei_domain::sync::{Change, Clock};
    use renkei_domain::RecordKind;
    use serde_json::json;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_save_groups_the_fields_it_wrote_and_a_correction_is_a_save_of_its_own() {
        let mut state = RecordState::new(Uuid::nil(), RecordKind::VisitNote);
        let mut clock = Clock::new("device-a");
        let mut seq = 0;
        let mut save = |state: &mut RecordState, pairs: &[(&str, Value)], ms: i64| {
            let data = pairs.iter().map(|(k, v)| (k.to_string(), v.clone())).collect();
            let writes = state.edit(&data, &mut clock, ms);
            seq += 1;
            let change = Change {
                device_id: "device-a".into(),
                seq,
                record_id: Uuid::nil(),
                kind: RecordKind::VisitNote,
                writes,
                author: None,
            };
            state.apply(&change);
        };
        save(&mut state, &[("id", json!("x")), ("text", json!("一")), ("place", json!("home"))], 10);
        save(&mut state, &[("text", json!("二"))], 20);
        let saves = saves(&state);
        assert_eq!(saves.len(), 2);
        let fields: Vec<&str> = saves[0].writes.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["place", "text"], "the id is not shown");
        assert_eq!(saves[1].writes[0].1.value, json!("二"));
    }
}
