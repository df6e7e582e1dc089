//! The ホーム dashboard: what a サビ管 must act on, across every client —
//! plans missing a document (what an auditor counts as 未作成), reviews due
//! or overdue, open follow-up tasks from visit notes, and the latest notes.
//! Every line links to the record it is about.

use crate::i18n::{use_texts, Texts};
use crate::store::{store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use renkei_domain::plan::{findings, Finding, PlanSettings, Severity};
use renkei_domain::plan::{latest_versions, Plan};
use renkei_domain::visit_note::VisitNote;
use renkei_domain::{Client, ClientStatus, RecordKind};
use std::collections::HashMap;
use uuid::Uuid;

/// How many recent notes the dashboard lists.
const RECENT_NOTES: usize = 5;

/// One line of the dashboard.
#[derive(Clone)]
struct Item {
    href: String,
    client: String,
    text: String,
    alert: bool,
}

#[derive(Clone, Default)]
struct Dashboard {
    plans: Vec<Item>,
    follow_ups: Vec<Item>,
    recent: Vec<Item>,
}

/// The date (and days) a finding is about, shown beside its message.
fn finding_detail(t: &'static Texts, finding: &Finding) -> Option<String> {
    let date = |d: chrono::NaiveDate| (t.common.date_long)(d);
    match *finding {
        Finding::ReviewOverdue { due, days_over } => Some((t.dashboard.days_over)(&date(due), days_over)),
        Finding::ReviewDueSoon { due, days_left } | Finding::PeriodEndsSoon { end: due, days_left } => {
            Some((t.dashboard.days_left)(&date(due), days_left))
        }
        Finding::PeriodEnded { end } => Some(date(end)),
        _ => None,
    }
}

async fn load(t: &'static Texts, today: chrono::NaiveDate) -> Result<Dashboard, StoreError> {
    let s = store().await?;
    let clients: Vec<_> = s.live_of_kind::<Client>(RecordKind::Client).await?;
    let plans: Vec<Plan> = s.live_of_kind::<Plan>(RecordKind::Plan).await?.into_iter().map(|r| r.data).collect();
    let mut notes: Vec<VisitNote> =
        s.live_of_kind::<VisitNote>(RecordKind::VisitNote).await?.into_iter().map(|r| r.data).collect();
    let names: HashMap<Uuid, String> = clients.iter().map(|c| (c.meta.id, c.data.name.clone())).collect();
    let settings = PlanSettings::default();

    let mut out = Dashboard::default();
    let current = latest_versions(&plans);
    // Clients currently served (not archived, not ended) without any plan:
    // the first thing an audit would find.
    for c in clients.iter().filter(|c| !c.data.archived && c.data.status == ClientStatus::Active) {
        if !current.iter().any(|p| p.client_id == c.meta.id) {
            out.plans.push(Item {
                href: format!("/clients/{}/plan", c.meta.id),
                client: c.data.name.clone(),
                text: t.dashboard.no_plan.to_owned(),
                alert: true,
            });
        }
    }
    for plan in current {
        // Plans of clients in the trash or archived are not this office's work now.
        let Some(client) = clients.iter().find(|c| c.meta.id == plan.client_id && !c.data.archived) else {
            continue;
        };
        for f in findings(plan, &settings, today) {
            let text = match finding_detail(t, &f) {
                Some(detail) => format!("{}（{}）", (t.common.finding)(&f), detail),
                None => (t.common.finding)(&f).to_owned(),
            };
            out.plans.push(Item {
                href: format!("/clients/{}/plan", plan.client_id),
                client: client.data.name.clone(),
                text,
                alert: f.severity() == Severity::Alert,
            });
        }
    }
    // Alerts first, then by client, keeping each plan's findings in order.
    out.plans.sort_by_key(|i| !i.alert);

    let client_of = |n: &VisitNote| names.get(&n.client_id).cloned();
    let mut open: Vec<&VisitNote> = notes.iter().filter(|n| n.follow_up.is_open()).collect();
    open.sort_by_key(|n| n.follow_up.due.unwrap_or(chrono::NaiveDate::MAX));
    for n in open {
        let Some(client) = client_of(n) else { continue };
        let text = match n.follow_up.due {
            Some(due) => format!("{}（{}）", n.follow_up.text.trim(), (t.dashboard.due)(&(t.common.date_long)(due))),
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
        let when = n.at.map(|at| format!("{} {}", at.date(), hour_minute(at.time()))).unwrap_or_default();
        let summary: String = n.text.chars().take(40).collect();
        out.recent.push(Item {
            href: format!("/clients/{}/notes/{}", n.client_id, n.id),
            client: client_of(n).unwrap_or_default(),
            text: format!("{when} {summary}"),
            alert: false,
        });
    }
    Ok(out)
}

/// `HH:MM` without chrono's format machinery.
fn hour_minute(time: chrono::NaiveTime) -> String {
    use chrono::Timelike;
    format!("{:02}:{:02}", time.hour(), time.minute())
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

#[component]
pub fn Dashboard() -> impl IntoView {
    let t = use_texts();
    let today = chrono::Local::now().date_naive();
    let data = LocalResource::new(move || {
        crate::live::track_changes();
        load(t, today)
    });
    move || match data.get() {
        None => view! { <p>{t.common.loading}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="notice error" role="alert">{t.common.store_error(&e)}</p> }.into_any(),
        Some(Ok(d)) => {
            let any_alert = d.plans.iter().any(|i| i.alert);
            view! {
                <section class="card" class:warning=any_alert aria-labelledby="dash-plans">
                    <h2 id="dash-plans">{t.dashboard.plans}</h2>
                    <ItemList items=d.plans empty=t.dashboard.plans_ok id="dash-plan-list" />
                </section>
                <section class="card" aria-labelledby="dash-follow-ups">
                    <h2 id="dash-follow-ups">{t.dashboard.follow_ups}</h2>
                    <ItemList items=d.follow_ups empty=t.dashboard.no_follow_ups id="dash-follow-up-list" />
                </section>
                <section class="card" aria-labelledby="dash-recent">
                    <h2 id="dash-recent">{t.dashboard.recent_notes}</h2>
                    <ItemList items=d.recent empty=t.dashboard.no_notes id="dash-note-list" />
                </section>
            }
            .into_any()
        }
    }
}
