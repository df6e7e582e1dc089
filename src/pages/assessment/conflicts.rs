//! 「競合」 on an assessment: items (or other fields) that two devices changed
//! at once. Every value stays until someone picks the one to keep.

use crate::i18n::Texts;
use crate::store::{store, Store, StoreResult};
use leptos::prelude::*;
use renkei_domain::assessment::{item_id_of_key, Catalogue, ItemEntry};
use renkei_domain::sync::merge::Head;
use renkei_domain::sync::DELETED_FIELD;
use uuid::Uuid;

/// The fields of record `id` that hold more than one value.
pub async fn conflicts_of(s: &Store, id: Uuid) -> StoreResult<Vec<(String, Vec<Head>)>> {
    Ok(s.merge_state(id)
        .await?
        .map(|state| {
            state
                .fields
                .iter()
                .filter(|(_, f)| !f.conflicts().is_empty())
                .map(|(name, f)| (name.clone(), f.heads.clone()))
                .collect()
        })
        .unwrap_or_default())
}

fn field_label(t: &'static Texts, catalogue: &'static Catalogue, field: &str) -> String {
    if let Some(item) = item_id_of_key(field) {
        return catalogue.item(item).map_or_else(|| item.to_owned(), |(_, i)| i.label_ja().to_owned());
    }
    match field {
        "date" => t.assess_date,
        "assessed_by" => t.assess_by,
        "overall_note" => t.assess_overall,
        DELETED_FIELD => t.conflict_deleted,
        other => other,
    }
    .to_owned()
}

fn shown_value(t: &'static Texts, field: &str, value: &serde_json::Value) -> String {
    if item_id_of_key(field).is_some() {
        if let Ok(e) = serde_json::from_value::<ItemEntry>(value.clone()) {
            let parts = [(t.assess_rating)(e.rating), e.note.trim(), e.own_words.trim(), e.strengths.trim()];
            return parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" / ");
        }
    }
    match value {
        serde_json::Value::String(s) if s.is_empty() => t.conflict_empty.to_owned(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => t.conflict_empty.to_owned(),
        serde_json::Value::Object(o) => o.get("name").and_then(|n| n.as_str()).unwrap_or_default().to_owned(),
        other => other.to_string(),
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
    let error = RwSignal::new(None::<&'static str>);
    (!conflicts.is_empty()).then(|| {
        let fields = conflicts
            .into_iter()
            .map(|(field, heads)| {
                let label = field_label(t, catalogue, &field);
                let values = heads
                    .into_iter()
                    .map(|head| {
                        let value = shown_value(t, &field, &head.value);
                        let (field, stamp) = (field.clone(), head.stamp);
                        let choose = move |_| {
                            let (field, stamp) = (field.clone(), stamp.clone());
                            leptos::task::spawn_local(async move {
                                match async { store().await?.resolve_conflict(id, &field, &stamp).await }.await {
                                    Ok(()) => {
                                        crate::sync::sync_now();
                                        on_resolved.run(());
                                    }
                                    Err(e) => error.set(Some(t.store_error(&e))),
                                }
                            });
                        };
                        view! {
                            <li class="conflict-value">
                                <span class="value">{value.clone()}</span>
                                <button
                                    type="button"
                                    class="button"
                                    aria-label=format!("{}: {}", t.conflict_choose, value)
                                    on:click=choose
                                >
                                    {t.conflict_choose}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="conflict-field">
                        <legend>{label}</legend>
                        <ul class="link-list">{values}</ul>
                    </fieldset>
                }
            })
            .collect_view();
        view! {
            <section class="card warning conflicts" aria-labelledby="assess-conflicts">
                <h2 id="assess-conflicts">
                    <span class="badge conflict">{t.conflict_title}</span>
                </h2>
                <p>{t.conflict_help}</p>
                {fields}
                {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            </section>
        }
    })
}
