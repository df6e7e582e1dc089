//! 「競合」 on an assessment: items (or other fields) that two devices changed
//! at once. Every value stays until someone picks the one to keep.

pub use crate::components::conflicts::conflicts_of;
use crate::components::conflicts::{plain_value, ConflictField, ConflictPanel};
use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::assessment::{item_id_of_key, Catalogue, ItemEntry};
use renkei_domain::sync::merge::Head;
use renkei_domain::sync::DELETED_FIELD;
use uuid::Uuid;

fn field_label(t: &'static Texts, catalogue: &'static Catalogue, field: &str) -> String {
    if let Some(item) = item_id_of_key(field) {
        return catalogue.item(item).map_or_else(|| item.to_owned(), |(_, i)| t.catalogue().item(i).to_owned());
    }
    match field {
        "date" => t.assessment().date,
        "assessed_by" => t.assessment().by,
        "overall_note" => t.assessment().overall,
        DELETED_FIELD => t.conflicts.deleted,
        other => other,
    }
    .to_owned()
}

fn shown_value(t: &'static Texts, field: &str, value: &serde_json::Value) -> String {
    if item_id_of_key(field).is_some() {
        if let Ok(e) = serde_json::from_value::<ItemEntry>(value.clone()) {
            let parts = [(t.assessment().rating)(e.rating), e.note.trim(), e.own_words.trim(), e.strengths.trim()];
            return parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" / ");
        }
    }
    match value {
        // The assessment's date, as screens show dates (docs/dates.md).
        serde_json::Value::String(s) if field == "date" => {
            s.parse::<chrono::NaiveDate>().map_or_else(|_| s.clone(), t.common.date)
        }
        serde_json::Value::Object(o) => o.get("name").and_then(|n| n.as_str()).unwrap_or_default().to_owned(),
        other => plain_value(t, other),
    }
}

#[component]
pub fn Conflicts(
    t: &'static Texts,
    id: Uuid,
    catalogue: &'static Catalogue,
    conflicts: Vec<(String, Vec<Head>)>,
    on_resolved: Callback<()>,
) -> impl IntoView {
    let fields = conflicts
        .into_iter()
        .map(|(field, heads)| {
            ConflictField::describe(field, heads, |f| field_label(t, catalogue, f), |f, v| shown_value(t, f, v))
        })
        .collect();
    view! { <ConflictPanel t id fields on_resolved /> }
}
