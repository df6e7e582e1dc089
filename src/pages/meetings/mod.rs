//! 地域連携会議 (docs/meetings.md): a client's meetings with outside parties
//! (`/clients/:id/meetings`), each with whether it can be claimed as
//! 地域連携会議実施加算 and why not, the count in the year window, and the
//! editor (`editor`); the office's monthly billing list (`billing`).

pub mod billing;
pub mod editor;

use crate::components::loading::when_loaded;
use crate::i18n::{use_texts, Texts};
use crate::store::{store, Store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use renkei_domain::meeting::{assess, window_of, Meeting, Outcome, YearWindow, CLAIMS_PER_YEAR};
use renkei_domain::network::Agency;
use renkei_domain::plan::Plan;
use renkei_domain::{Client, Record, RecordKind};
use std::collections::BTreeMap;
use uuid::Uuid;

#[component]
pub fn MeetingsPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    move || match params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()) {
        Some(id) => view! { <MeetingsLoader client=id /> }.into_any(),
        None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
    }
}

/// What the page and its editor need.
#[derive(Clone)]
pub struct Loaded {
    pub client: Client,
    /// Newest first.
    pub meetings: Vec<Record<Meeting>>,
    /// The client's plan versions, newest first.
    pub plans: Vec<Plan>,
    pub agencies: Vec<Record<Agency>>,
    pub actor: String,
}

/// Every meeting of the office.
pub async fn all_meetings(s: &Store) -> Result<Vec<Record<Meeting>>, StoreError> {
    s.live_of_kind::<Meeting>(RecordKind::Meeting).await
}

async fn load(client: Uuid) -> Result<Option<Loaded>, StoreError> {
    let s = store().await?;
    let Some(c) = s.client(client).await? else { return Ok(None) };
    let mut meetings: Vec<Record<Meeting>> =
        all_meetings(&s).await?.into_iter().filter(|m| m.data.client_id == client).collect();
    meetings.sort_by_key(|m| std::cmp::Reverse((m.data.date, m.meta.created_at)));
    let mut plans: Vec<Plan> = s
        .live_of_kind::<Plan>(RecordKind::Plan)
        .await?
        .into_iter()
        .map(|r| r.data)
        .filter(|p| p.client_id == client)
        .collect();
    plans.sort_by_key(|p| std::cmp::Reverse(p.version));
    let mut agencies = s.live_of_kind::<Agency>(RecordKind::Agency).await?;
    agencies.sort_by_cached_key(|a| (renkei_domain::kana::normalize(&a.data.kana), a.data.name.clone()));
    Ok(Some(Loaded { client: c.data, meetings, plans, agencies, actor: s.device_id().await? }))
}

/// The outcome of each of the client's meetings, `extra` (a meeting being
/// edited, by id) replacing or joining the stored ones.
pub fn outcomes(loaded: &Loaded, extra: Option<(Uuid, &Meeting)>, window: YearWindow) -> BTreeMap<Uuid, Outcome> {
    let mut pairs: Vec<(Uuid, &Meeting)> = loaded
        .meetings
        .iter()
        .filter(|r| extra.is_none_or(|(id, _)| id != r.meta.id))
        .map(|r| (r.meta.id, &r.data))
        .collect();
    pairs.extend(extra);
    assess(&pairs, &loaded.client.services, window)
}

/// 「算定できます: (Ⅰ) 583単位」, or every reason it cannot be.
#[component]
pub fn OutcomeLine(t: &'static Texts, outcome: Option<Outcome>, #[prop(optional)] id: Option<String>) -> impl IntoView {
    let m = t.meetings();
    match outcome {
        None => ().into_any(),
        Some(Outcome::Claimable(c)) => {
            view! { <p class="outcome ok" id=id><span class="badge">{(m.claimable)(c.division, c.units)}</span></p> }
                .into_any()
        }
        Some(Outcome::NotClaimable(reasons)) => {
            view! {
                <div class="outcome refused" id=id>
                    <p><span class="badge warning">{m.not_claimable}</span></p>
                    <ul>{reasons.into_iter().map(|r| view! { <li>{(m.refusal)(r, t.common.date)}</li> }).collect_view()}</ul>
                </div>
            }
            .into_any()
        }
    }
}

#[component]
fn MeetingsLoader(client: Uuid) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || {
        crate::live::track_changes();
        load(client)
    });
    let reload = Callback::new(move |()| loaded.refetch());
    view! {
        <p class="back-link">
            <A href=format!("/clients/{client}")>{t.meetings().back}</A>
        </p>
        {move || when_loaded(t, loaded.get(), |l| view! { <Meetings t client loaded=l reload /> }.into_any())}
    }
}

#[component]
fn Meetings(t: &'static Texts, client: Uuid, loaded: Loaded, reload: Callback<()>) -> impl IntoView {
    let m = t.meetings();
    let window = crate::plan_settings::use_plan_settings().get_untracked().claim_window;
    let today = chrono::Local::now().date_naive();
    let results = outcomes(&loaded, None, window);
    let (start, end) = window_of(window, today);
    let counted = loaded
        .meetings
        .iter()
        .filter(|r| r.data.date.is_some_and(|d| d >= start && d <= end))
        .filter(|r| results.get(&r.meta.id).and_then(Outcome::claim).is_some())
        .count();
    // The meeting open in the editor: `Some(None)` a new one.
    let editing = RwSignal::new(None::<Option<Uuid>>);
    let loaded = StoredValue::new(loaded);
    let on_saved = Callback::new(move |()| {
        editing.set(None);
        reload.run(());
    });
    let items = loaded.with_value(|l| {
        l.meetings
            .iter()
            .map(|r| {
                let id = r.meta.id;
                let mt = &r.data;
                let date = mt.date.map(t.common.date).unwrap_or_default();
                let planned = mt.date.is_some_and(|d| d > today);
                let names: Vec<String> = mt
                    .participants
                    .iter()
                    .map(|p| {
                        let agency = p
                            .agency_id
                            .and_then(|a| l.agencies.iter().find(|x| x.meta.id == a))
                            .map(|a| a.data.name.clone());
                        match (agency, p.name.is_empty()) {
                            (Some(a), false) => format!("{a} {}", p.name),
                            (Some(a), true) => a,
                            (None, _) => p.name.clone(),
                        }
                    })
                    .collect();
                view! {
                    <li class="meeting-item">
                        <p class="meeting-head">
                            <strong>{date.clone()}</strong>
                            {planned.then(|| view! { <span class="badge muted">{m.planned}</span> })}
                            {mt.online.then(|| view! { <span class="badge muted">{m.online}</span> })}
                            <span class="badge">{(m.division_short)(mt.division)}</span>
                        </p>
                        {(!names.is_empty()).then(|| view! { <p>{names.join("、")}</p> })}
                        <OutcomeLine t outcome=results.get(&id).cloned() />
                        <button
                            type="button"
                            class="button"
                            aria-label=(m.open_label)(&date)
                            on:click=move |_| editing.set(Some(Some(id)))
                        >
                            {m.open}
                        </button>
                    </li>
                }
            })
            .collect_view()
    });
    let empty = loaded.with_value(|l| l.meetings.is_empty());
    let name = loaded.with_value(|l| l.client.name.clone());
    view! {
        <h1>{(m.title)(&name)}</h1>
        <p>{m.intro}</p>
        <p class="stat" id="meeting-counter">{(m.counter)(window, counted, CLAIMS_PER_YEAR)}</p>
        <p class="muted">{(m.window_note)(window)}</p>
        <p>
            <button type="button" class="button primary" on:click=move |_| editing.set(Some(None))>{m.new}</button>
            " "
            <A href="/billing" attr:class="button">{m.billing_link}</A>
        </p>
        {move || editing.get().map(|which| {
            let l = loaded.get_value();
            view! { <editor::MeetingEditor t client loaded=l which window on_saved on_close=Callback::new(move |()| editing.set(None)) /> }
        })}
        {if empty {
            view! { <p class="muted" id="meetings-empty">{m.none}</p> }.into_any()
        } else {
            view! { <ol class="meeting-list" id="meeting-list">{items}</ol> }.into_any()
        }}
    }
}
