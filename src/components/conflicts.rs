//! 「競合」: fields of one record that two devices changed at once. Each
//! value shows who wrote it, when and on which device, and has a button
//! that keeps it; nothing is dropped until someone chooses. Pages describe their own fields (labels, how a value reads) and
//! this panel does the rest, the same way for clients, plans and assessments.

use super::written::{this_device, written_line};
use crate::i18n::Texts;
use crate::store::{spawn_write, Store, StoreResult};
use leptos::prelude::*;
use renkei_domain::sync::merge::Head;
use renkei_domain::sync::Stamp;
use uuid::Uuid;

/// The fields of record `id` that hold more than one value, with every value.
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

/// A plain value as the panel shows it; empty text and null read 「（空欄）」.
pub fn plain_value(t: &'static Texts, value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(s) if s.trim().is_empty() => t.conflicts.empty.to_owned(),
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Null => t.conflicts.empty.to_owned(),
        other => other.to_string(),
    }
}

/// One conflicted field, described by the page: its label and each value's
/// text with the write that holds it.
pub struct ConflictField {
    pub field: String,
    pub legend: String,
    pub values: Vec<(Head, String)>,
}

impl ConflictField {
    /// Describes a field with the page's own label and value texts.
    pub fn describe(
        field: String,
        heads: Vec<Head>,
        legend: impl FnOnce(&str) -> String,
        value: impl Fn(&str, &serde_json::Value) -> String,
    ) -> Self {
        let values = heads
            .into_iter()
            .map(|h| {
                let text = value(&field, &h.value);
                (h, text)
            })
            .collect();
        ConflictField { legend: legend(&field), field, values }
    }
}

#[component]
pub fn ConflictPanel(
    t: &'static Texts,
    id: Uuid,
    fields: Vec<ConflictField>,
    /// Stores what is on screen before a choice replaces every value.
    #[prop(optional)]
    flush: Option<Callback<()>>,
    on_resolved: Callback<()>,
) -> impl IntoView {
    let error = RwSignal::new(None::<&'static str>);
    let device = this_device();
    let choose = move |field: String, stamp: Stamp| {
        if let Some(flush) = flush {
            flush.run(());
        }
        spawn_write(
            move |s| async move { s.resolve_conflict(id, &field, &stamp).await },
            move |result| match result {
                Ok(()) => on_resolved.run(()),
                Err(e) => error.set(Some(t.common.store_error(&e))),
            },
        );
    };
    (!fields.is_empty()).then(|| {
        let fields = fields
            .into_iter()
            .map(|f| {
                let values = f
                    .values
                    .into_iter()
                    .map(|(head, value)| {
                        let field = f.field.clone();
                        let label = format!("{}: {}", t.conflicts.choose, value);
                        let stamp = head.stamp.clone();
                        let written = move || written_line(t, &head, device.get().flatten().as_deref());
                        view! {
                            <li class="conflict-value">
                                <span class="value">{value}</span>
                                <span class="written muted">{written}</span>
                                <button
                                    type="button"
                                    class="button"
                                    aria-label=label
                                    on:click=move |_| choose(field.clone(), stamp.clone())
                                >
                                    {t.conflicts.choose}
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! {
                    <fieldset class="conflict-field">
                        <legend>{f.legend}</legend>
                        <ul class="link-list">{values}</ul>
                    </fieldset>
                }
            })
            .collect_view();
        view! {
            <section class="card warning conflicts" aria-labelledby="conflicts-title">
                <h2 id="conflicts-title">
                    <span class="badge conflict">{t.conflicts.title}</span>
                </h2>
                <p>{t.conflicts.help}</p>
                {fields}
                {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            </section>
        }
    })
}
