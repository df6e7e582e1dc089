//! The ホーム dashboard: what a サビ管 must act on, across every client, in
//! a page or two whatever the office's size — counts per kind of plan concern
//! (each a link to the filtered list, `/attention`) and the most urgent few
//! (missing documents an auditor counts as 未作成 first, then deadlines), the
//! first open follow-ups from visit notes, and the latest notes. Every line
//! links to the record it is about.

use crate::components::loading::when_ready;
use crate::i18n::{use_texts, Texts};
use crate::pages::concerns::{self, Shown};
use crate::store::{store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use renkei_domain::plan::{counts, ConcernKind, Severity};
use renkei_domain::visit_note::VisitNote;
use renkei_domain::RecordKind;
use std::collections::HashMap;
use uuid::Uuid;

/// How many of the most urgent plan concerns, open follow-ups and recent
/// notes ホーム lists; the rest are counted and a link away.
const MOST_URGENT: usize = 5;
const FOLLOW_UPS: usize = 5;
const RECENT_NOTES: usize = 5;
const QUIET_AGENCIES: usize = 5;

/// One line of the dashboard.
#[derive(Clone)]
struct Item {
    href: String,
    client: String,
    text: String,
    alert: bool,
}

impl From<Shown> for Item {
    fn from(s: Shown) -> Self {
        Item { href: s.href, client: s.client, text: s.text, alert: s.alert }
    }
}

#[derive(Clone, Default)]
struct Dashboard {
    /// Per kind of concern: how many, whether they are alerts.
    kinds: Vec<(ConcernKind, usize, bool)>,
    concerns: usize,
    urgent: Vec<Item>,
    follow_ups: Vec<Item>,
    follow_ups_total: usize,
    recent: Vec<Item>,
    /// Agencies not contacted for the office's number of months, longest
    /// quiet first (「足でかせぐ」).
    quiet: Vec<Item>,
    quiet_total: usize,
    /// Turning points of active clients in the coming months, soonest first.
    coming: Vec<Item>,
    /// Planned 地域連携会議 that could not be claimed as they stand.
    unclaimable: Vec<Item>,
}

/// Reading every plan, assessment and note and working out what needs
/// action is code ホーム's first paint does not need: it is a wasm module of
/// its own (shared with `/attention`), fetched while ホーム shows the rest.
#[leptos::lazy]
async fn dashboard_on_first_use(t: &'static Texts, today: chrono::NaiveDate) -> Result<Dashboard, StoreError> {
    load(t, today).await
}

async fn load(t: &'static Texts, today: chrono::NaiveDate) -> Result<Dashboard, StoreError> {
    let s = store().await?;
    let clients = s.client_list().await?.clients;
    let shown = concerns::load_for(t, today, &clients).await?;
    let mut notes: Vec<VisitNote> =
        s.live_of_kind::<VisitNote>(RecordKind::VisitNote).await?.into_iter().map(|r| r.data).collect();
    let clients_active: HashMap<Uuid, String> =
        clients.iter().filter(|c| !c.archived).map(|c| (c.id, c.name.clone())).collect();
    let names: HashMap<Uuid, String> = clients.into_iter().map(|c| (c.id, c.name)).collect();

    let mut out = Dashboard::default();
    let list: Vec<_> = shown.iter().map(|s| s.concern).collect();
    let mut kinds: Vec<(ConcernKind, usize, bool)> = counts(&list)
        .into_iter()
        .map(|(kind, n)| (kind, n, list.iter().any(|c| c.kind() == kind && c.severity() == Severity::Alert)))
        .collect();
    kinds.sort_by_key(|(kind, _, alert)| (!alert, *kind));
    out.kinds = kinds;
    out.concerns = shown.len();
    out.urgent = shown.into_iter().take(MOST_URGENT).map(Item::from).collect();

    let client_of = |n: &VisitNote| names.get(&n.client_id).cloned();
    let mut open: Vec<&VisitNote> =
        notes.iter().filter(|n| n.follow_up.is_open() && names.contains_key(&n.client_id)).collect();
    open.sort_by_key(|n| n.follow_up.due.unwrap_or(chrono::NaiveDate::MAX));
    out.follow_ups_total = open.len();
    for n in open.into_iter().take(FOLLOW_UPS) {
        let Some(client) = client_of(n) else { continue };
        let text = match n.follow_up.due {
            Some(due) => format!("{}（{}）", n.follow_up.text.trim(), (t.dashboard.due)(&(t.common.date)(due))),
            None => n.follow_up.text.trim().to_owned(),
        };
        out.follow_ups.push(Item {
            href: format!("/clients/{}/notes/{}", n.client_id, n.id),
            client,
            text,
            alert: n.follow_up.is_overdue(today),
        });
    }
    notes.sort_by_key(|n| std::cmp::Reverse(n.at));
    for n in notes.iter().filter(|n| names.contains_key(&n.client_id)).take(RECENT_NOTES) {
        let when = n.at.map(t.common.date_time).unwrap_or_default();
        let summary: String = n.text.chars().take(40).collect();
        out.recent.push(Item {
            href: format!("/clients/{}/notes/{}", n.client_id, n.id),
            client: client_of(n).unwrap_or_default(),
            text: format!("{when} {summary}"),
            alert: false,
        });
    }
    out.coming = coming_transitions(&s, t, today, &clients_active).await?;
    out.unclaimable = unclaimable_meetings(&s, t, today).await?;
    let (quiet, quiet_total) = quiet_agencies(&s, t, today).await?;
    out.quiet = quiet;
    out.quiet_total = quiet_total;
    Ok(out)
}

/// The turning points (卒業, 就職, …) of active clients from today to a few
/// months ahead: what to prepare a handover for. Within a month is urgent.
async fn coming_transitions(
    s: &crate::store::Store,
    t: &'static Texts,
    today: chrono::NaiveDate,
    names: &HashMap<Uuid, String>,
) -> Result<Vec<Item>, StoreError> {
    use renkei_domain::network::{upcoming, Transition, UPCOMING_MONTHS};
    let all = s.live_of_kind::<Transition>(RecordKind::Transition).await?;
    let pairs: Vec<(Uuid, &Transition)> =
        all.iter().filter(|r| names.contains_key(&r.data.client_id)).map(|r| (r.meta.id, &r.data)).collect();
    Ok(upcoming(&pairs, today, UPCOMING_MONTHS)
        .into_iter()
        .filter_map(|(_, tr)| {
            let date = tr.date?;
            let days = (date - today).num_days();
            let mut kind = (t.life_line().kind)(tr.kind).to_owned();
            if !tr.detail.is_empty() {
                kind = format!("{kind}（{}）", tr.detail);
            }
            Some(Item {
                href: format!("/clients/{}/network#life-line", tr.client_id),
                client: names.get(&tr.client_id)?.clone(),
                text: (t.dashboard.coming_item)(&kind, &(t.common.date)(date), days),
                alert: days <= 30,
            })
        })
        .collect())
}

/// Meetings planned from today on that could not be claimed as they stand
/// (a second in the month, the fifth in the year, no plan to explain, …),
/// soonest first: said while there is time to change the plan.
async fn unclaimable_meetings(
    s: &crate::store::Store,
    t: &'static Texts,
    today: chrono::NaiveDate,
) -> Result<Vec<Item>, StoreError> {
    use renkei_domain::meeting::{assess, Meeting, Outcome};
    let meetings = s.live_of_kind::<Meeting>(RecordKind::Meeting).await?;
    if !meetings.iter().any(|m| m.data.date.is_some_and(|d| d >= today)) {
        return Ok(Vec::new());
    }
    let window = crate::plan_settings::load().claim_window;
    let mut out = Vec::new();
    for client in s.clients().await?.into_iter().filter(|c| !c.data.archived) {
        let own: Vec<(Uuid, &Meeting)> =
            meetings.iter().filter(|m| m.data.client_id == client.meta.id).map(|m| (m.meta.id, &m.data)).collect();
        if !own.iter().any(|(_, m)| m.date.is_some_and(|d| d >= today)) {
            continue;
        }
        let outcomes = assess(&own, &client.data.services, window);
        for (id, m) in own {
            let (Some(date), Some(Outcome::NotClaimable(reasons))) = (m.date, outcomes.get(&id)) else { continue };
            if date < today {
                continue;
            }
            let why: Vec<String> = reasons.iter().map(|r| (t.meetings().refusal)(*r, t.common.date)).collect();
            out.push((
                date,
                Item {
                    href: format!("/clients/{}/meetings", client.meta.id),
                    client: client.data.name.clone(),
                    text: (t.dashboard.unclaimable_item)(&(t.common.date)(date), &why.join("、")),
                    alert: true,
                },
            ));
        }
    }
    out.sort_by_key(|(d, _)| *d);
    Ok(out.into_iter().map(|(_, i)| i).collect())
}

/// The agencies gone quiet, longest first, and how many there are.
async fn quiet_agencies(
    s: &crate::store::Store,
    t: &'static Texts,
    today: chrono::NaiveDate,
) -> Result<(Vec<Item>, usize), StoreError> {
    use crate::pages::agencies::{directory_of, Directory};
    use renkei_domain::network::is_quiet;
    let months = crate::plan_settings::load().quiet_months();
    let Directory { agencies, last } = directory_of(s).await?;
    let mut quiet: Vec<(chrono::NaiveDate, Item)> = agencies
        .iter()
        .filter_map(|r| {
            let registered = crate::pages::agencies::registered(r);
            let last = last.get(&r.meta.id).copied();
            is_quiet(last, registered, today, months).then(|| {
                let text = match last {
                    Some(day) => (t.network().last_contact)(&(t.common.date)(day)),
                    None => t.network().never_contacted.to_owned(),
                };
                let href = format!("/agencies/{}", r.meta.id);
                (last.unwrap_or(registered), Item { href, client: r.data.name.clone(), text, alert: false })
            })
        })
        .collect();
    quiet.sort_by_key(|(since, _)| *since);
    let total = quiet.len();
    Ok((quiet.into_iter().take(QUIET_AGENCIES).map(|(_, item)| item).collect(), total))
}

#[component]
fn ItemList(items: Vec<Item>, empty: &'static str, id: &'static str) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted" id=id>{empty}</p> }.into_any();
    }
    view! {
        <ul class="dash-list" id=id>
            {items
                .into_iter()
                .map(|i| {
                    view! {
                        <li class:alert=i.alert>
                            <A href=i.href>
                                <span class="dash-client">{i.client}</span>
                                <span class="dash-text">{i.text}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Counts per kind of concern, each a link to the filtered list.
#[component]
fn KindCounts(t: &'static Texts, kinds: Vec<(ConcernKind, usize, bool)>) -> impl IntoView {
    view! {
        <ul class="dash-kinds" id="dash-kinds">
            {kinds
                .into_iter()
                .map(|(kind, n, alert)| {
                    view! {
                        <li class:alert=alert>
                            <A href=format!("/attention?kind={}", kind.code())>
                                <span class="dash-text">{(t.dashboard.kind)(kind)}</span>
                                <span class="dash-count">{(t.dashboard.count)(n)}</span>
                            </A>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
}

#[component]
pub fn Dashboard() -> impl IntoView {
    let t = use_texts();
    let today = chrono::Local::now().date_naive();
    let data = LocalResource::new(move || {
        crate::live::track_changes();
        dashboard_on_first_use(t, today)
    });
    move || {
        when_ready(t, data.get(), |d| {
            let any_alert = d.urgent.iter().any(|i| i.alert);
            let total = d.concerns;
            let more_follow_ups = d.follow_ups_total.saturating_sub(d.follow_ups.len());
            view! {
                <section class="card" class:warning=any_alert aria-labelledby="dash-plans">
                    <h2 id="dash-plans">{t.dashboard.plans}</h2>
                    {if total == 0 {
                        view! { <p class="muted" id="dash-plan-list">{t.dashboard.plans_ok}</p> }.into_any()
                    } else {
                        view! {
                            <KindCounts t kinds=d.kinds />
                            <h3>{t.dashboard.most_urgent}</h3>
                            <ItemList items=d.urgent empty=t.dashboard.plans_ok id="dash-plan-list" />
                            <A href="/attention" attr:class="button" attr:id="dash-all">
                                {(t.dashboard.see_all)(total)}
                            </A>
                        }
                            .into_any()
                    }}
                </section>
                <section class="card" aria-labelledby="dash-follow-ups">
                    <h2 id="dash-follow-ups">{t.dashboard.follow_ups}</h2>
                    <ItemList items=d.follow_ups empty=t.dashboard.no_follow_ups id="dash-follow-up-list" />
                    {(more_follow_ups > 0).then(|| view! { <p class="muted">{(t.dashboard.more_follow_ups)(more_follow_ups)}</p> })}
                </section>
                {(d.quiet_total > 0).then(|| {
                    let months = crate::plan_settings::load().quiet_months();
                    let more = d.quiet_total.saturating_sub(d.quiet.len());
                    view! {
                        <section class="card" aria-labelledby="dash-quiet">
                            <h2 id="dash-quiet">{t.dashboard.quiet_agencies}</h2>
                            <p class="muted">{(t.dashboard.quiet_hint)(months)}</p>
                            <ItemList items=d.quiet.clone() empty="" id="dash-quiet-list" />
                            {(more > 0).then(|| view! { <p class="muted">{(t.dashboard.more_quiet)(more)}</p> })}
                            <A href="/agencies" attr:class="button">{t.common.nav_agencies}</A>
                        </section>
                    }
                })}
                {(!d.unclaimable.is_empty()).then(|| view! {
                    <section class="card warning" aria-labelledby="dash-unclaimable">
                        <h2 id="dash-unclaimable">{t.dashboard.unclaimable}</h2>
                        <ItemList items=d.unclaimable.clone() empty="" id="dash-unclaimable-list" />
                        <A href="/billing" attr:class="button">{t.dashboard.billing}</A>
                    </section>
                })}
                {(!d.coming.is_empty()).then(|| view! {
                    <section class="card" aria-labelledby="dash-coming">
                        <h2 id="dash-coming">{t.dashboard.coming}</h2>
                        <p class="muted">{t.dashboard.coming_hint}</p>
                        <ItemList items=d.coming.clone() empty="" id="dash-coming-list" />
                    </section>
                })}
                <section class="card" aria-labelledby="dash-recent">
                    <h2 id="dash-recent">{t.dashboard.recent_notes}</h2>
                    <ItemList items=d.recent empty=t.dashboard.no_notes id="dash-note-list" />
                </section>
            }
            .into_any()
        })
    }
}
