//! 関係機関 (社会資源): the office's directory of the region's agencies,
//! filtered by category and type, searched by name or reading ignoring kana
//! script and width, the most recently contacted first; and each agency's
//! page (`agency`), with its contact log (`contacts`).

pub mod agency;
pub mod contacts;

use crate::components::loading::when_ready;
use crate::i18n::{use_texts, Texts};
use crate::store::{store, Store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use renkei_domain::network::{
    directory, is_quiet, last_contacts, Agency, AgencyCategory, AgencyEntry, AgencyType, Contact, DirectoryFilter,
};
use renkei_domain::{Record, RecordKind};
use std::collections::HashMap;
use uuid::Uuid;

/// An enum's code as stored (its serde name), for a `<select>` value.
pub fn code<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// The enum a `<select>` value names; `None` for the empty choice.
pub fn from_code<T: serde::de::DeserializeOwned>(code: &str) -> Option<T> {
    (!code.is_empty()).then(|| serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()).flatten()
}

/// Every live agency and the latest contact with each.
#[derive(Clone)]
pub struct Directory {
    pub agencies: Vec<Record<Agency>>,
    pub last: HashMap<Uuid, chrono::NaiveDate>,
}

pub async fn load_directory() -> Result<Directory, StoreError> {
    directory_of(&store().await?).await
}

/// [`load_directory`] on an open store; the contacts are not read when
/// there is no agency.
pub async fn directory_of(s: &Store) -> Result<Directory, StoreError> {
    let agencies = s.live_of_kind::<Agency>(RecordKind::Agency).await?;
    if agencies.is_empty() {
        return Ok(Directory { agencies, last: HashMap::new() });
    }
    let contacts = s.live_of_kind::<Contact>(RecordKind::Contact).await?;
    Ok(Directory { last: last_contacts(contacts.iter().map(|c| &c.data)), agencies })
}

/// The day an agency was put in the directory, on the device's calendar.
pub fn registered(record: &Record<Agency>) -> chrono::NaiveDate {
    record.meta.created_at.with_timezone(&chrono::Local).date_naive()
}

#[component]
pub fn AgenciesPage() -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(|| {
        crate::live::track_changes();
        load_directory()
    });
    let navigate = use_navigate();
    let new_agency = move |_| navigate(&format!("/agencies/{}?new", Uuid::new_v4()), Default::default());
    view! {
        <div class="page-head">
            <h1>{t.agencies().title}</h1>
            <button type="button" class="button primary" on:click=new_agency>
                {t.agencies().new}
            </button>
        </div>
        <p>{t.agencies().intro}</p>
        <p>
            <A href="/network" attr:class="button">{t.agencies().to_region}</A>
        </p>
        {move || when_ready(t, loaded.get(), |d| view! { <DirectoryList t loaded=d /> }.into_any())}
    }
}

#[component]
fn DirectoryList(t: &'static Texts, loaded: Directory) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let category = RwSignal::new(None::<AgencyCategory>);
    let agency_type = RwSignal::new(None::<AgencyType>);
    let today = chrono::Local::now().date_naive();
    let months = crate::plan_settings::use_plan_settings().get_untracked().quiet_months();
    let Directory { agencies, last } = loaded;
    let total = agencies.len();
    let rows = Memo::new(move |_| {
        let entries: Vec<AgencyEntry> = agencies
            .iter()
            .map(|r| AgencyEntry { id: r.meta.id, agency: &r.data, registered: registered(r) })
            .collect();
        let filter = DirectoryFilter { query: query.get(), category: category.get(), agency_type: agency_type.get() };
        directory(&entries, &last, &filter)
            .into_iter()
            .map(|row| {
                let a = row.entry.agency;
                let quiet = is_quiet(row.last_contact, row.entry.registered, today, months);
                (row.entry.id, a.clone(), row.last_contact, quiet)
            })
            .collect::<Vec<_>>()
    });
    let network = t.network();
    let type_choices = move || {
        let types: Vec<AgencyType> = match category.get() {
            Some(c) => c.types().chain([AgencyType::Other]).collect(),
            None => AgencyType::ALL.to_vec(),
        };
        types
            .into_iter()
            .map(|ty| view! { <option value=code(ty) selected=move || agency_type.get() == Some(ty)>{(network.agency_type)(ty)}</option> })
            .collect_view()
    };
    view! {
        <div class="toolbar" role="search">
            <label for="agency-search" class="visually-hidden">{t.agencies().search}</label>
            <input
                id="agency-search"
                type="search"
                autocomplete="off"
                placeholder=t.agencies().search
                prop:value=move || query.get()
                on:input=move |ev| query.set(event_target_value(&ev))
            />
            <label class="inline-select">
                <span>{t.agencies().category}</span>
                <select on:change=move |ev| {
                    category.set(from_code(&event_target_value(&ev)));
                    agency_type.set(None);
                }>
                    <option value="">{t.agencies().all_categories}</option>
                    {AgencyCategory::ALL
                        .into_iter()
                        .map(|c| view! { <option value=code(c)>{(network.category)(c)}</option> })
                        .collect_view()}
                </select>
            </label>
            <label class="inline-select">
                <span>{t.agencies().agency_type}</span>
                <select on:change=move |ev| agency_type.set(from_code(&event_target_value(&ev)))>
                    <option value="" selected=move || agency_type.get().is_none()>{t.agencies().all_types}</option>
                    {type_choices}
                </select>
            </label>
        </div>
        <p class="muted" aria-live="polite" id="agency-count">
            {move || (t.agencies().count)(rows.with(Vec::len), total)}
        </p>
        <Show when=move || rows.with(Vec::is_empty)>
            <p class="empty">{if total == 0 { t.agencies().empty } else { t.agencies().no_match }}</p>
        </Show>
        <ul class="client-list agency-list" aria-labelledby="agency-count">
            <For each=move || rows.get() key=|row| row.0 let:row>
                <AgencyRow t row />
            </For>
        </ul>
    }
}

#[component]
fn AgencyRow(t: &'static Texts, row: (Uuid, Agency, Option<chrono::NaiveDate>, bool)) -> impl IntoView {
    let (id, a, last, quiet) = row;
    let network = t.network();
    view! {
        <li>
            <a class="client-row" href=format!("/agencies/{id}")>
                <span class="client-name">{a.name.clone()}</span>
                <span class="client-kana">{a.kana.clone()}</span>
                <span class="client-meta">
                    <span class="badge">{(network.category)(a.category)}</span>
                    {a.agency_type.map(|ty| view! { <span class="badge muted">{(network.agency_type)(ty)}</span> })}
                    {a.stage.as_ref().map(|s| view! { <span class="badge stage">{(network.stage)(s.stage)}</span> })}
                    <span class="services">
                        {match last {
                            Some(day) => (t.network().last_contact)(&(t.common.date)(day)),
                            None => t.network().never_contacted.to_owned(),
                        }}
                    </span>
                    {quiet.then(|| view! { <span class="badge warn">{t.agencies().quiet}</span> })}
                </span>
            </a>
        </li>
    }
}

/// The number to call about a client: the contact person's when it dials,
/// else the agency's; as written and as digits.
pub fn agency_phone(
    agency: &Agency,
    person: Option<&renkei_domain::network::ContactPerson>,
) -> Option<(String, String)> {
    let dial = |p: &str| renkei_domain::network::dial_digits(p).map(|d| (p.to_owned(), d));
    person.and_then(|p| dial(&p.phone)).or_else(|| dial(&agency.phone))
}
