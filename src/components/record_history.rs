//! The history of a record whose corrections keep what they replaced (a
//! 支援記録, a 連絡記録): every save, oldest first, with who, when, on which
//! device and what it wrote. Each page names its fields and words its values.

use crate::components::written::{this_device, written_line};
use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::sync::merge::Head;
use renkei_domain::sync::RecordState;
use serde_json::Value;
use std::sync::Arc;

/// One save: the writes one device made at one moment.
pub struct Save<'a> {
    pub first: &'a Head,
    pub writes: Vec<(&'a str, &'a Head)>,
}

/// Every save of the record, oldest first, leaving out the `hidden` fields
/// (those that identify the record rather than say anything). The writes
/// of one save share the device and the millisecond (one save stamps all
/// its fields at once).
pub fn saves<'a>(state: &'a RecordState, hidden: &[&str]) -> Vec<Save<'a>> {
    let mut all: Vec<(&str, &Head)> = state
        .fields
        .iter()
        .filter(|(name, _)| !hidden.contains(&name.as_str()))
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

/// Says nothing at the first save (an empty field, a record not in the
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

/// Words a stored value of a field as the page's form would show it.
pub type ValueText = Arc<dyn Fn(&str, &Value) -> String + Send + Sync>;

/// How a page shows its record's history.
#[derive(Clone)]
pub struct HistoryWords {
    /// The fold's summary, given the number of saves (「履歴（3件）」).
    pub summary: fn(usize) -> String,
    pub help: &'static str,
    pub created: &'static str,
    pub corrected: &'static str,
    /// A field's label.
    pub label: Arc<dyn Fn(&str) -> String + Send + Sync>,
    /// A stored value as the page's form would show it.
    pub value: ValueText,
}

/// The history, folded.
#[component]
pub fn RecordHistory(
    t: &'static Texts,
    state: Arc<RecordState>,
    hidden: &'static [&'static str],
    words: HistoryWords,
    #[prop(optional)] id: Option<String>,
) -> impl IntoView {
    let device = this_device();
    let count = saves(&state, hidden).len();
    let HistoryWords { summary, help, created, corrected, label, value } = words;
    let entries = move || {
        let here = device.get().flatten();
        saves(&state, hidden)
            .into_iter()
            .enumerate()
            .map(|(i, save)| {
                let kind = if i == 0 { created } else { corrected };
                let written = written_line(t, save.first, here.as_deref());
                let rows = save
                    .writes
                    .into_iter()
                    .filter(|(_, head)| i > 0 || !is_blank(&head.value))
                    .map(|(field, head)| {
                        view! {
                            <div class="history-write">
                                <dt>{label(field)}</dt>
                                <dd>{value(field, &head.value)}</dd>
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
        <details class="fold note-history" id=id>
            <summary>{summary(count)}</summary>
            <div class="fold-body">
                <p class="muted">{help}</p>
                <ol class="history-list">{entries}</ol>
            </div>
        </details>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use renkei_domain::sync::{Change, Clock};
    use renkei_domain::RecordKind;
    use serde_json::json;
    use uuid::Uuid;
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
        let saves = saves(&state, &["id", "client_id"]);
        assert_eq!(saves.len(), 2);
        let fields: Vec<&str> = saves[0].writes.iter().map(|(f, _)| *f).collect();
        assert_eq!(fields, vec!["place", "text"], "the id is not shown");
        assert_eq!(saves[1].writes[0].1.value, json!("二"));
    }
}
