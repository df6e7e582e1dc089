//! A client's assessments, newest first, with 「新しいアセスメント」, and the
//! latest compared with a chosen earlier one: the radar chart, the same
//! numbers as a table, and the items whose rating changed.

use super::radar::{Axis, Radar};
use super::{client_assessments, client_name, uuid_param};
use crate::components::loading::when_ready;
use crate::i18n::{use_texts, Texts};
use crate::store::{store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use renkei_domain::assessment::{compare, Assessment, DomainSummary, ItemChange};
use renkei_domain::Record;
use uuid::Uuid;

#[component]
pub fn AssessmentsPage() -> impl IntoView {
    let t = use_texts();
    let client = uuid_param("id");
    move || match client.get() {
        Some(id) => view! { <ListLoader client_id=id /> }.into_any(),
        None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
    }
}

#[derive(Clone)]
struct Loaded {
    name: String,
    list: Vec<Record<Assessment>>,
    unreadable: usize,
}

async fn load(client_id: Uuid) -> Result<Loaded, StoreError> {
    let s = store().await?;
    let (list, unreadable) = client_assessments(&s, client_id).await?;
    Ok(Loaded { name: client_name(&s, client_id).await?, list, unreadable })
}

#[component]
fn ListLoader(client_id: Uuid) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || {
        crate::live::track_changes();
        load(client_id)
    });
    move || when_ready(t, loaded.get(), |l| view! { <ListView t client_id loaded=l /> }.into_any())
}

#[component]
fn ListView(t: &'static Texts, client_id: Uuid, loaded: Loaded) -> impl IntoView {
    let Loaded { name, list, unreadable } = loaded;
    let rows = list
        .iter()
        .map(|r| {
            let href = format!("/clients/{client_id}/assessments/{}", r.meta.id);
            let a = &r.data;
            let facts = match a.view() {
                Ok(v) => {
                    let needing: usize = v.domains.iter().map(|d| d.summary.needing_support).sum();
                    format!(
                        "{} ・ {}",
                        (t.assessment().progress)(v.rated(), v.total()),
                        (t.assessment().needing_support)(needing)
                    )
                }
                Err(e) => (t.assessment().error)(&e),
            };
            let by = a.assessed_by.name.trim().to_owned();
            let date = (t.common.date)(a.date);
            view! {
                <li>
                    <A href=href attr:class="assessment-row">
                        <span class="assessment-date">{date}</span>
                        {(!by.is_empty()).then(|| view! { <span>{format!("{}: {by}", t.assessment().by)}</span> })}
                        <span class="muted">{facts}</span>
                    </A>
                </li>
            }
        })
        .collect_view();
    let empty = list.is_empty();
    let navigate = use_navigate();
    let new_assessment =
        move |_| navigate(&format!("/clients/{client_id}/assessments/{}", Uuid::new_v4()), Default::default());
    view! {
        <p class="back-link">
            <A href=format!("/clients/{client_id}")>{format!("← {name}")}</A>
        </p>
        <div class="page-head">
            <h1>{format!("{} {}", t.assessment().title, name)}</h1>
            <button type="button" class="button primary" on:click=new_assessment>
                {t.assessment().new}
            </button>
        </div>
        {(unreadable > 0).then(|| view! { <p class="notice warning">{(t.assessment().unreadable)(unreadable)}</p> })}
        <section class="card" aria-labelledby="assess-history">
            <h2 id="assess-history">{t.assessment().history}</h2>
            {if empty {
                view! { <p id="assess-empty">{t.assessment().empty}</p> }.into_any()
            } else {
                view! { <ul class="assessment-list" id="assessment-list">{rows}</ul> }.into_any()
            }}
        </section>
        {(!empty).then(|| view! { <Comparison t list /> })}
    }
}

/// The latest assessment against the earlier one chosen in the select
/// (the one before it at first).
#[component]
fn Comparison(t: &'static Texts, list: Vec<Record<Assessment>>) -> impl IntoView {
    let list = StoredValue::new(list);
    let chosen = RwSignal::new(list.with_value(|l| l.get(1).map(|r| r.meta.id)));
    let options = list.with_value(|l| {
        l.iter()
            .skip(1)
            .map(|r| {
                let id = r.meta.id;
                let text = (t.common.date)(r.data.date);
                let by = r.data.assessed_by.name.trim().to_owned();
                let text = if by.is_empty() { text } else { format!("{text}（{by}）") };
                view! {
                    <option value=id.to_string() prop:selected=move || chosen.get() == Some(id)>
                        {text}
                    </option>
                }
            })
            .collect_view()
    });
    let has_earlier = list.with_value(|l| l.len() > 1);
    let body = move || {
        list.with_value(|l| {
            let latest = &l[0].data;
            let earlier = chosen.get().and_then(|id| l.iter().find(|r| r.meta.id == id)).map(|r| &r.data);
            comparison_view(t, earlier, latest)
        })
    };
    view! {
        <section class="card" aria-labelledby="assess-compare">
            <h2 id="assess-compare">{t.assessment().compare_title}</h2>
            {if has_earlier {
                view! {
                    <div class="field">
                        <label for="assess-compare-with">{t.assessment().compare_with}</label>
                        <select
                            id="assess-compare-with"
                            on:change=move |ev| chosen.set(Uuid::parse_str(&event_target_value(&ev)).ok())
                        >
                            {options}
                        </select>
                    </div>
                }
                    .into_any()
            } else {
                view! { <p class="muted">{t.assessment().compare_hint}</p> }.into_any()
            }}
            {body}
            <details class="score-help">
                <summary>{t.assessment().score_help_title}</summary>
                <p>{t.assessment().score_help}</p>
            </details>
        </section>
    }
}

/// One domain's row of the comparison.
struct DomainRow {
    label: String,
    before: Option<DomainSummary>,
    after: Option<DomainSummary>,
    delta: Option<i16>,
}

/// A changed item: domain, item, ratings and what happened.
struct ChangedItem {
    domain: String,
    item: String,
    before: &'static str,
    after: &'static str,
    change: ItemChange,
}

fn comparison_view(t: &'static Texts, earlier: Option<&Assessment>, latest: &Assessment) -> AnyView {
    let after_date = (t.common.date)(latest.date);
    let before_date = earlier.map(|e| (t.common.date)(e.date)).unwrap_or_default();
    let (rows, changed): (Vec<DomainRow>, Option<Vec<ChangedItem>>) = match earlier {
        Some(earlier) => match compare(earlier, latest) {
            Ok(c) => {
                let rows = c
                    .domains
                    .iter()
                    .map(|d| DomainRow {
                        label: t.catalogue().domain_label(d.domain),
                        before: d.before,
                        after: d.after,
                        delta: d.score_delta(),
                    })
                    .collect();
                let changed = c
                    .domains
                    .iter()
                    .flat_map(|d| {
                        let label = t.catalogue().domain_label(d.domain);
                        d.items.iter().map(move |i| (label.clone(), i))
                    })
                    .chain(c.unknown_items.iter().map(|i| ("—".to_owned(), i)))
                    .filter(|(_, i)| !matches!(i.change, ItemChange::Unchanged | ItemChange::NotRated))
                    .map(|(domain, i)| ChangedItem {
                        domain,
                        item: t.catalogue().item_by_id(&i.item_id, i.display_label()),
                        before: (t.assessment().rating)(i.before),
                        after: (t.assessment().rating)(i.after),
                        change: i.change,
                    })
                    .collect();
                (rows, Some(changed))
            }
            Err(e) => return view! { <p class="notice error">{(t.assessment().error)(&e)}</p> }.into_any(),
        },
        None => match latest.view() {
            Ok(v) => (
                v.domains
                    .iter()
                    .map(|d| DomainRow {
                        label: t.catalogue().domain_label(d.domain),
                        before: None,
                        after: Some(d.summary),
                        delta: None,
                    })
                    .collect(),
                None,
            ),
            Err(e) => return view! { <p class="notice error">{(t.assessment().error)(&e)}</p> }.into_any(),
        },
    };
    let axes: Vec<Axis> = rows
        .iter()
        .map(|r| Axis {
            label: r.label.clone(),
            before: r.before.and_then(|s| s.score),
            after: r.after.and_then(|s| s.score),
        })
        .collect();
    let cell = |s: Option<DomainSummary>| match s {
        Some(s) => view! {
            <td>
                <span class="score">{s.score.map_or_else(|| "—".to_owned(), |v| v.to_string())}</span>
                " "
                <span class="muted small">{format!("({}/{})", s.rated, s.total)}</span>
            </td>
        }
        .into_any(),
        None => view! { <td>"—"</td> }.into_any(),
    };
    let table_rows = rows
        .iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.label.clone()}</th>
                    {cell(r.before)}
                    {cell(r.after)}
                    <td class:worse=r.delta.is_some_and(|d| d > 0) class:better=r.delta.is_some_and(|d| d < 0)>
                        {(t.assessment().delta)(r.delta)}
                    </td>
                </tr>
            }
        })
        .collect_view();
    let changed_view = changed.map(|items| {
        if items.is_empty() {
            return view! { <p id="changed-items-none">{t.assessment().no_changes}</p> }.into_any();
        }
        let rows = items
            .into_iter()
            .map(|i| {
                view! {
                    <tr>
                        <td>{i.domain}</td>
                        <th scope="row">{i.item}</th>
                        <td>{i.before}</td>
                        <td>{i.after}</td>
                        <td class:worse=i.change == ItemChange::Worsened class:better=i.change == ItemChange::Improved>
                            {(t.assessment().change)(i.change)}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <div class="table-scroll">
                <table class="data-table" id="changed-items">
                    <caption>{t.assessment().changed_items}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.assessment().col_domain}</th>
                            <th scope="col">{t.assessment().col_item}</th>
                            <th scope="col">{t.assessment().col_before}</th>
                            <th scope="col">{t.assessment().col_after}</th>
                            <th scope="col">{t.assessment().col_change}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    });
    let before_head = if before_date.is_empty() {
        t.assessment().col_before.to_owned()
    } else {
        format!("{}（{}）", t.assessment().col_before, before_date)
    };
    let after_head = format!("{}（{}）", t.assessment().col_after, after_date);
    view! {
        <div class="compare">
            <Radar t axes before_date after_date />
            <div class="table-scroll">
                <table class="data-table" id="compare-table">
                    <caption>{t.assessment().table_caption}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t.assessment().col_domain}</th>
                            <th scope="col">{before_head}</th>
                            <th scope="col">{after_head}</th>
                            <th scope="col">{t.assessment().col_change}</th>
                        </tr>
                    </thead>
                    <tbody>{table_rows}</tbody>
                </table>
            </div>
        </div>
        {changed_view}
    }
    .into_any()
}
