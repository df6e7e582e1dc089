//! 利用者一覧: sorted by reading, searchable by name or reading ignoring kana
//! script and width, archived clients hidden unless asked for.

use crate::components::loading::when_ready;
use crate::i18n::{use_texts, Texts};
use crate::store::client_list_at_start;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use renkei_domain::{kana, ClientList, ClientStatus, LifeStage};
use std::sync::Arc;
use uuid::Uuid;

/// A client prepared for listing: normalised once, filtered on each keystroke.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    id: Uuid,
    name: String,
    kana: String,
    stage: Option<LifeStage>,
    services: String,
    archived: bool,
    ended: bool,
    norm_name: String,
    norm_kana: String,
}

/// The rows of `list`, which is in list order already.
fn rows(t: &'static Texts, list: ClientList) -> Vec<Arc<Row>> {
    let today = chrono::Local::now().date_naive();
    list.clients
        .into_iter()
        .map(|c| {
            let services = c
                .services
                .iter()
                .filter(|s| s.active_on(today))
                .map(|s| (t.common.service_name)(s.service))
                .collect::<Vec<_>>()
                .join("・");
            Arc::new(Row {
                id: c.id,
                stage: c.life_stage(today),
                services,
                archived: c.archived,
                ended: c.status == ClientStatus::Ended,
                norm_name: kana::normalize(&c.name),
                norm_kana: kana::normalize(&c.kana),
                name: c.name,
                kana: c.kana,
            })
        })
        .collect()
}

/// Rows rendered at first and added by each 「さらに表示」. Laying out a row
/// costs the browser about 0.15 ms: all 2,000 at once measured 300–450 ms to
/// open and 40–80 ms per search keystroke; 200 keep both instant.
const PAGE: usize = 200;

#[component]
pub fn ClientsPage() -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || {
        crate::live::track_changes();
        async move {
            crate::perf::mark("renkei:list:start");
            let rows = client_list_at_start().await.map(|list| rows(t, list));
            crate::perf::mark("renkei:list:prepared");
            crate::first_screen::shown();
            rows
        }
    });
    let query = RwSignal::new(String::new());
    let show_archived = RwSignal::new(false);
    let all = Memo::new(move |_| match loaded.get() {
        Some(Ok(rows)) => rows,
        _ => Vec::new(),
    });
    let shown = Memo::new(move |_| {
        let q = kana::normalize(&query.get());
        let archived = show_archived.get();
        all.with(|rows| {
            rows.iter()
                .filter(|r| archived || !r.archived)
                .filter(|r| kana::matches(&q, &r.norm_name, &r.norm_kana))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let visible_total = move || all.with(|rows| rows.iter().filter(|r| show_archived.get() || !r.archived).count());
    let limit = RwSignal::new(PAGE);
    // A new search starts again from the first page.
    Effect::new(move |_| {
        query.track();
        show_archived.track();
        limit.set(PAGE);
    });
    let remaining = move || shown.with(Vec::len).saturating_sub(limit.get());
    let navigate = use_navigate();
    // `?new` tells the client page this id is meant to be made here; any
    // other link to a client this device lacks says so instead.
    let new_client = move |_| navigate(&format!("/clients/{}?new", Uuid::new_v4()), Default::default());

    view! {
        <div class="page-head">
            <h1>{t.common.clients_list}</h1>
            <button type="button" class="button primary" on:click=new_client>
                {t.clients.new}
            </button>
        </div>
        <div class="toolbar" role="search">
            <label for="client-search" class="visually-hidden">{t.clients.search}</label>
            <input
                id="client-search"
                type="search"
                autocomplete="off"
                placeholder=t.clients.search_placeholder
                aria-label=t.clients.search
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <label class="check">
                <input
                    type="checkbox"
                    prop:checked=move || show_archived.get()
                    on:change=move |ev| show_archived.set(event_target_checked(&ev))
                />
                <span>{t.clients.show_archived}</span>
            </label>
        </div>
        {move || when_ready(t, loaded.get(), |_| ().into_any())}
        <p class="muted" aria-live="polite" id="client-count">
            {move || (t.clients.count)(shown.with(Vec::len), visible_total())}
        </p>
        <Show when=move || loaded.get().is_some_and(|r| r.is_ok()) && shown.with(Vec::is_empty)>
            <p class="empty">
                {move || if all.with(Vec::is_empty) { t.clients.empty } else { t.clients.no_match }}
            </p>
        </Show>
        <ul class="client-list" aria-labelledby="client-count">
            <For
                each=move || shown.with(|rows| rows.iter().take(limit.get()).cloned().collect::<Vec<_>>())
                key=|row| row.id
                let:row
            >
                <ClientRow row t />
            </For>
        </ul>
        <Show when=move || { remaining() > 0 }>
            <button type="button" class="button more" on:click=move |_| limit.update(|l| *l += PAGE)>
                {move || (t.clients.more)(remaining())}
            </button>
        </Show>
        <p class="trash-link">
            <A href="/trash" attr:class="button">
                <span aria-hidden="true">"🗑 "</span>
                {t.common.trash}
            </A>
        </p>
    }
}

#[component]
fn ClientRow(row: Arc<Row>, t: &'static Texts) -> impl IntoView {
    view! {
        <li>
            <a class="client-row" href=format!("/clients/{}", row.id)>
                <span class="client-name">{row.name.clone()}</span>
                <span class="client-kana">{row.kana.clone()}</span>
                <span class="client-meta">
                    {row.stage.map(|s| view! { <span class="badge">{(t.common.life_stage)(s)}</span> })}
                    {row.ended.then(|| view! { <span class="badge muted">{t.clients.badge_ended}</span> })}
                    {row.archived.then(|| view! { <span class="badge muted">{t.common.badge_archived}</span> })}
                    <span class="services">{row.services.clone()}</span>
                </span>
            </a>
        </li>
    }
}
