//! 支援ネットワーク: the agencies involved with one client — drawn as an
//! ecomap (the client in the centre, the agencies around grouped by
//! category, the line's style by the stage of cooperation) with the same in a
//! table for screen readers and print — and the form that adds one; under it
//! the client's turning points (`life_line`), and the 引き継ぎシート
//! (`handover`), a page of its own.

pub mod handover;
pub mod life_line;

use crate::components::field::{SelectField, SelectOption, TextField};
use crate::components::form_ctx::problem_of;
use crate::components::loading::when_loaded;
use crate::editor::{self, Commit, Opened, RecordEditor};
use crate::i18n::{use_texts, Texts};
use crate::pages::agencies::agency_phone;
use crate::store::{spawn_write, store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use renkei_domain::network::{ecomap_places, Agency, LineStyle, LinkField, LinkForm, NetworkLink};
use renkei_domain::{Record, RecordKind};
use uuid::Uuid;

#[component]
pub fn ClientNetworkPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    move || match params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()) {
        Some(id) => view! { <NetworkLoader client=id /> }.into_any(),
        None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
    }
}

/// One agency of the client's network, with what the page shows of it.
#[derive(Clone)]
struct Member {
    link: Record<NetworkLink>,
    agency: Record<Agency>,
}

#[derive(Clone)]
struct Loaded {
    name: String,
    birth: Option<chrono::NaiveDate>,
    current: Vec<Member>,
    ended: Vec<Member>,
    agencies: Vec<Record<Agency>>,
    opened: Opened<LinkForm>,
    actor: String,
}

fn draft_key(client: Uuid) -> String {
    format!("link-new-{client}")
}

async fn load(client: Uuid) -> Result<Option<Loaded>, StoreError> {
    let s = store().await?;
    let Some(c) = s.client(client).await? else { return Ok(None) };
    let mut agencies = s.live_of_kind::<Agency>(RecordKind::Agency).await?;
    agencies.sort_by_cached_key(|a| (renkei_domain::kana::normalize(&a.data.kana), a.data.name.clone()));
    let today = chrono::Local::now().date_naive();
    let (mut current, mut ended) = (Vec::new(), Vec::new());
    for link in s.live_of_kind::<NetworkLink>(RecordKind::NetworkLink).await? {
        if link.data.client_id != client {
            continue;
        }
        // A link to an agency in the ゴミ箱 (or not synced here) is not shown.
        let Some(agency) = agencies.iter().find(|a| a.meta.id == link.data.agency_id).cloned() else { continue };
        let member = Member { link, agency };
        if member.link.data.is_current(today) {
            current.push(member);
        } else {
            ended.push(member);
        }
    }
    current.sort_by_key(|m| (m.agency.data.category, m.link.data.since));
    ended.sort_by_key(|m| std::cmp::Reverse(m.link.data.until));
    let opened = editor::open::<LinkForm>(&s, &draft_key(client), None).await?;
    Ok(Some(Loaded {
        name: c.data.name,
        birth: c.data.birth_date,
        current,
        ended,
        agencies,
        opened,
        actor: s.device_id().await?,
    }))
}

#[component]
fn NetworkLoader(client: Uuid) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || {
        crate::live::track_changes();
        load(client)
    });
    let reload = Callback::new(move |()| loaded.refetch());
    view! {
        <p class="back-link">
            <A href=format!("/clients/{client}")>{t.client_network().back}</A>
        </p>
        {move || when_loaded(t, loaded.get(), |l| view! { <NetworkBody t client loaded=l reload /> }.into_any())}
    }
}

#[component]
fn NetworkBody(t: &'static Texts, client: Uuid, loaded: Loaded, reload: Callback<()>) -> impl IntoView {
    let Loaded { name, birth, current, ended, agencies, opened, actor } = loaded;
    let network: Vec<Uuid> = current.iter().chain(&ended).map(|m| m.agency.meta.id).collect();
    view! {
        <h1>{(t.client_network().title)(&name)}</h1>
        <p>{t.client_network().intro}</p>
        {if current.is_empty() {
            view! { <p class="muted" id="network-empty">{t.client_network().empty}</p> }.into_any()
        } else {
            view! {
                <Ecomap t name=name.clone() members=current.clone() />
                <MemberTable t members=current caption=t.client_network().table_caption actor=actor.clone() reload />
            }
            .into_any()
        }}
        <AddLink t client agencies=agencies.clone() opened actor=actor.clone() reload />
        {(!ended.is_empty()).then(|| view! {
            <h2>{t.client_network().ended}</h2>
            <MemberTable t members=ended caption=t.client_network().ended actor=actor.clone() reload />
        })}
        <life_line::LifeLine client birth agencies network actor />
        <p class="no-print">
            <button type="button" class="button" on:click=|_| { let _ = window().print(); }>
                {t.client_network().print}
            </button>
            " "
            <A href=format!("/clients/{client}/handover") attr:class="button">{t.life_line().make_sheet}</A>
        </p>
    }
}

/// The ecomap: an SVG the app draws, 100 units square, scaled to the page.
#[component]
fn Ecomap(t: &'static Texts, name: String, members: Vec<Member>) -> impl IntoView {
    let network = t.network();
    let categories: Vec<_> = members.iter().map(|m| m.agency.data.category).collect();
    let places = ecomap_places(&categories);
    let nodes = members
        .iter()
        .zip(places)
        .map(|(m, p)| {
            let (x, y) = (p.x * 100.0, p.y * 100.0);
            let style = LineStyle::of(m.agency.data.stage.as_ref().map(|s| s.stage));
            let (width, dash) = match style {
                LineStyle::Unknown => ("0.4", "0.8 1.2"),
                LineStyle::Dashed => ("0.6", "3 2"),
                LineStyle::Solid => ("0.8", ""),
                LineStyle::Thick => ("2", ""),
            };
            let class = format!("eco-line eco-{}", match style {
                LineStyle::Unknown => "unknown",
                LineStyle::Dashed => "dashed",
                LineStyle::Solid => "solid",
                LineStyle::Thick => "thick",
            });
            let label: String = m.agency.data.name.chars().take(6).collect();
            let category = (network.category)(m.agency.data.category);
            view! {
                <line class=class x1="50" y1="50" x2=format!("{x:.1}") y2=format!("{y:.1}") stroke-width=width stroke-dasharray=dash></line>
                <g class="eco-node">
                    <circle cx=format!("{x:.1}") cy=format!("{y:.1}") r="10"></circle>
                    <text x=format!("{x:.1}") y=format!("{:.1}", y - 1.0) text-anchor="middle" class="eco-name">{label}</text>
                    <text x=format!("{x:.1}") y=format!("{:.1}", y + 3.5) text-anchor="middle" class="eco-category">{category}</text>
                </g>
            }
        })
        .collect_view();
    let short: String = name.chars().take(7).collect();
    view! {
        <figure class="ecomap">
            <svg viewBox="0 0 100 100" role="img" aria-labelledby="ecomap-caption" id="ecomap">
                {nodes}
                <g class="eco-client">
                    <circle cx="50" cy="50" r="10"></circle>
                    <text x="50" y="51.5" text-anchor="middle">{short}</text>
                </g>
            </svg>
            <figcaption id="ecomap-caption">{(t.client_network().ecomap_caption)(&name, members.len())}</figcaption>
            <p class="eco-legend muted">{t.client_network().legend}</p>
        </figure>
    }
}

#[component]
fn MemberTable(
    t: &'static Texts,
    members: Vec<Member>,
    caption: &'static str,
    actor: String,
    reload: Callback<()>,
) -> impl IntoView {
    let network = t.network();
    let today = chrono::Local::now().date_naive();
    let rows = members
        .into_iter()
        .map(|m| {
            let agency_id = m.agency.meta.id;
            let (a, l) = (m.agency.data, m.link.data);
            let person = l.person_id.and_then(|p| a.people.iter().find(|x| x.id == p)).cloned();
            let phone = agency_phone(&a, person.as_ref());
            let stage = a.stage.as_ref().map(|s| (network.stage)(s.stage)).unwrap_or(t.client_network().no_stage);
            let period = match (l.since, l.until) {
                (Some(s), None) => (t.client_network().since)(&(t.common.date)(s)),
                (s, Some(u)) => {
                    (t.client_network().period)(&s.map(t.common.date).unwrap_or_default(), &(t.common.date)(u))
                }
                (None, None) => String::new(),
            };
            let link_id = m.link.meta.id;
            let current = l.is_current(today);
            let actor = actor.clone();
            let end = move |_| {
                let actor = actor.clone();
                spawn_write(
                    move |s| async move {
                        s.modify(RecordKind::NetworkLink, link_id, &actor, |l: &mut NetworkLink| {
                            l.until = Some(today);
                            true
                        })
                        .await
                    },
                    move |_| reload.run(()),
                );
            };
            view! {
                <tr>
                    <th scope="row"><A href=format!("/agencies/{agency_id}")>{a.name.clone()}</A></th>
                    <td>{(network.category)(a.category)}</td>
                    <td>{l.role.clone()}</td>
                    <td>{person.map(|p| p.name)}</td>
                    <td>{phone.map(|(shown, digits)| view! { <a href=format!("tel:{digits}")>{shown}</a> })}</td>
                    <td>{stage}</td>
                    <td>{period}</td>
                    <td class="no-print">
                        {current.then(|| view! {
                            <button type="button" class="button" on:click=end.clone()>{t.client_network().end}</button>
                        })}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-scroll">
            <table class="network-table">
                <caption>{caption}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t.client_network().col_agency}</th>
                        <th scope="col">{t.client_network().col_category}</th>
                        <th scope="col">{t.client_network().col_role}</th>
                        <th scope="col">{t.client_network().col_person}</th>
                        <th scope="col">{t.client_network().col_phone}</th>
                        <th scope="col">{t.client_network().col_stage}</th>
                        <th scope="col">{t.client_network().col_period}</th>
                        <th scope="col" class="no-print"><span class="visually-hidden">{t.client_network().end}</span></th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[component]
fn AddLink(
    t: &'static Texts,
    client: Uuid,
    agencies: Vec<Record<Agency>>,
    opened: Opened<LinkForm>,
    actor: String,
    reload: Callback<()>,
) -> impl IntoView {
    let fresh =
        LinkForm { client_id: client, since: chrono::Local::now().date_naive().to_string(), ..Default::default() };
    let editor = RecordEditor::new(Uuid::new_v4(), draft_key(client), actor, Commit::OnSubmit, opened, fresh);
    let form = editor.form;
    let submitted = RwSignal::new(false);
    let errors = Memo::new(move |_| form.with(|f| f.validate().err().unwrap_or_default()));
    let error = move |field: LinkField| problem_of(t, errors, submitted, field);
    let network = t.network();
    let mut agency_options = vec![SelectOption::new("", t.client_network().choose_agency)];
    agency_options.extend(agencies.iter().map(|a| {
        SelectOption::new(a.meta.id.to_string(), format!("{}（{}）", a.data.name, (network.category)(a.data.category)))
    }));
    let people = {
        let agencies = agencies.clone();
        move || {
            let chosen = form.with(|f| f.agency_id);
            let mut options = vec![SelectOption::new("", t.client_network().no_person)];
            if let Some(a) = agencies.iter().find(|a| Some(a.meta.id) == chosen) {
                options.extend(a.data.people.iter().map(|p| SelectOption::new(p.id.to_string(), p.name.clone())));
            }
            options
        }
    };
    let save = move |_| {
        if editor.busy() {
            return;
        }
        submitted.set(true);
        let _ = editor.submit(move |_| reload.run(()));
    };
    let none = agencies.is_empty();
    view! {
        <section class="card no-print" aria-labelledby="add-link">
            <h2 id="add-link">{t.client_network().add}</h2>
            {none.then(|| view! {
                <p class="notice info">
                    {t.client_network().no_agencies}" "
                    <A href="/agencies">{t.common.nav_agencies}</A>
                </p>
            })}
            <form on:submit=|ev| ev.prevent_default()>
                <SelectField
                    id="link-agency"
                    label=t.client_network().agency
                    value=Signal::derive(move || form.with(|f| f.agency_id.map(|a| a.to_string()).unwrap_or_default()))
                    on_change=Callback::new(move |v: String| editor.edit(move |f| {
                        f.agency_id = Uuid::parse_str(&v).ok();
                        f.person_id = None;
                    }))
                    options=agency_options
                    error=error(LinkField::Agency)
                />
                <div class="grid-2">
                    {move || view! {
                        <SelectField
                            id="link-person"
                            label=t.client_network().person
                            value=Signal::derive(move || form.with(|f| f.person_id.map(|a| a.to_string()).unwrap_or_default()))
                            on_change=Callback::new(move |v: String| editor.edit(move |f| f.person_id = Uuid::parse_str(&v).ok()))
                            options=people()
                        />
                    }}
                    <TextField
                        id="link-role"
                        label=t.client_network().role
                        hint=t.client_network().role_hint
                        value=Signal::derive(move || form.with(|f| f.role.clone()))
                        on_input=Callback::new(move |v: String| editor.edit(move |f| f.role = v))
                        error=error(LinkField::Role)
                    />
                    <TextField
                        id="link-since"
                        label=t.client_network().since_label
                        value=Signal::derive(move || form.with(|f| f.since.clone()))
                        on_input=Callback::new(move |v: String| editor.edit(move |f| f.since = v))
                        error=error(LinkField::Since)
                        input_type="date"
                    />
                </div>
                <button type="button" class="button primary" on:click=save>
                    {t.client_network().add_button}
                </button>
            </form>
        </section>
    }
}
