//! 引き継ぎシート: one A4 sheet for the next place at a turning point
//! (`/clients/:id/handover`, `?for=<turning point>`), assembled by the
//! domain from the client's records; staff choose the turning point and the
//! notes to hand over. 「印刷する」 first stores who printed what and when
//! (kind `handover_print`, synced like every record), then prints; the
//! printings are listed under the sheet.

use crate::components::field::{SelectField, SelectOption};
use crate::components::loading::when_loaded;
use crate::i18n::{use_texts, Texts};
use crate::store::{spawn_write, store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use renkei_domain::assessment::Assessment;
use renkei_domain::network::{assemble, Agency, HandoverPrint, HandoverSheet, NetworkLink, Sources, Transition};
use renkei_domain::plan::Plan;
use renkei_domain::visit_note::VisitNote;
use renkei_domain::{Client, Record, RecordKind, RecordMeta};
use std::collections::HashMap;
use uuid::Uuid;

/// How many of the latest notes are offered to hand over.
const NOTES_OFFERED: usize = 30;

#[component]
pub fn HandoverPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let client = params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok());
        let chosen = query.read().get("for").and_then(|s| Uuid::parse_str(&s).ok());
        match client {
            Some(id) => view! { <HandoverLoader client=id chosen /> }.into_any(),
            None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
        }
    }
}

/// Everything the sheet can be made from, read once.
#[derive(Clone)]
struct Loaded {
    client: Client,
    assessments: Vec<(Uuid, Assessment)>,
    plans: Vec<Plan>,
    links: Vec<NetworkLink>,
    agencies: HashMap<Uuid, Agency>,
    /// Newest first.
    notes: Vec<VisitNote>,
    transitions: Vec<Record<Transition>>,
    actor: String,
}

async fn load(client: Uuid) -> Result<Option<Loaded>, StoreError> {
    let s = store().await?;
    let Some(c) = s.client(client).await? else { return Ok(None) };
    let assessments = s
        .live_of_kind::<Assessment>(RecordKind::Assessment)
        .await?
        .into_iter()
        .filter(|r| r.data.client_id == client)
        .map(|r| (r.meta.id, r.data))
        .collect();
    let plans = s
        .live_of_kind::<Plan>(RecordKind::Plan)
        .await?
        .into_iter()
        .map(|r| r.data)
        .filter(|p| p.client_id == client)
        .collect();
    let links = s
        .live_of_kind::<NetworkLink>(RecordKind::NetworkLink)
        .await?
        .into_iter()
        .map(|r| r.data)
        .filter(|l| l.client_id == client)
        .collect();
    let agencies =
        s.live_of_kind::<Agency>(RecordKind::Agency).await?.into_iter().map(|r| (r.meta.id, r.data)).collect();
    let mut notes: Vec<VisitNote> = s
        .live_of_kind::<VisitNote>(RecordKind::VisitNote)
        .await?
        .into_iter()
        .map(|r| r.data)
        .filter(|n| n.client_id == client)
        .collect();
    notes.sort_by_key(|n| std::cmp::Reverse(n.at));
    let transitions = super::life_line::transitions_of(&s, client).await?;
    Ok(Some(Loaded {
        client: c.data,
        assessments,
        plans,
        links,
        agencies,
        notes,
        transitions,
        actor: s.device_id().await?,
    }))
}

#[component]
fn HandoverLoader(client: Uuid, chosen: Option<Uuid>) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || load(client));
    // A printing adds to the log; the sheet and its chosen notes stay.
    let printed = RwSignal::new(0u32);
    view! {
        <p class="back-link no-print">
            <A href=format!("/clients/{client}/network")>{t.life_line().sheet_back}</A>
        </p>
        {move || when_loaded(t, loaded.get(), |l| view! { <Handover t client loaded=l chosen printed /> }.into_any())}
        <PrintLog t client printed />
    }
}

#[component]
fn Handover(
    t: &'static Texts,
    client: Uuid,
    loaded: Loaded,
    chosen: Option<Uuid>,
    printed: RwSignal<u32>,
) -> impl IntoView {
    let loaded = StoredValue::new(loaded);
    let transition = RwSignal::new(chosen);
    let notes = RwSignal::new(Vec::<Uuid>::new());
    let error = RwSignal::new(None::<&'static str>);
    let today = chrono::Local::now().date_naive();
    let sheet = Memo::new(move |_| {
        let chosen_notes = notes.get();
        let for_id = transition.get();
        loaded.with_value(|l| {
            let tr = for_id.and_then(|id| l.transitions.iter().find(|r| r.meta.id == id)).map(|r| &r.data);
            assemble(&Sources {
                client_id: client,
                client: &l.client,
                assessments: &l.assessments,
                plans: &l.plans,
                links: &l.links,
                agencies: &l.agencies,
                notes: &l.notes,
                chosen: &chosen_notes,
                transition: tr,
                today,
            })
        })
    });
    let print = move |_| {
        let s = sheet.get_untracked();
        let record = HandoverPrint {
            client_id: client,
            printed_at: Some(chrono::Local::now().naive_local()),
            transition_id: transition.get_untracked(),
            note_ids: s.notes.iter().map(|n| n.id).collect(),
            plan_id: s.plan.as_ref().map(|p| p.id),
            assessment_id: s.assessment.as_ref().map(|a| a.id),
        };
        let actor = loaded.with_value(|l| l.actor.clone());
        let id = Uuid::new_v4();
        let record = Record { meta: RecordMeta::new(id, &actor, chrono::Utc::now()), data: record };
        error.set(None);
        spawn_write(
            move |s| async move { s.save_edit(RecordKind::HandoverPrint, &record, None).await },
            move |result| match result {
                Ok(()) => {
                    // What is printed is on record before the dialog opens.
                    let _ = window().print();
                    printed.update(|n| *n += 1);
                }
                Err(e) => error.set(Some(t.common.store_error(&e))),
            },
        );
    };
    let transition_options = {
        let mut options = vec![SelectOption::new("", t.life_line().no_transition)];
        loaded.with_value(|l| {
            let pairs: Vec<(Uuid, &Transition)> = l.transitions.iter().map(|r| (r.meta.id, &r.data)).collect();
            for (id, tr) in renkei_domain::network::in_order(&pairs) {
                let date = tr.date.map(t.common.date).unwrap_or_default();
                let mut label = (t.life_line().titled)((t.life_line().kind)(tr.kind), &date);
                if !tr.detail.is_empty() {
                    label = format!("{label} {}", tr.detail);
                }
                options.push(SelectOption::new(id.to_string(), label));
            }
        });
        options
    };
    let note_choices = loaded.with_value(|l| {
        l.notes
            .iter()
            .take(NOTES_OFFERED)
            .map(|n| {
                let id = n.id;
                let when = n.at.map(t.common.date_time).unwrap_or_default();
                let summary: String = n.text.chars().take(60).collect();
                view! {
                    <li>
                        <label class="check">
                            <input
                                type="checkbox"
                                prop:checked=move || notes.with(|c| c.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    notes.update(|c| {
                                        c.retain(|x| *x != id);
                                        if on {
                                            c.push(id);
                                        }
                                    });
                                }
                            />
                            <span>{when}" "{summary}</span>
                        </label>
                    </li>
                }
            })
            .collect_view()
    });
    view! {
        <section class="card no-print" aria-labelledby="handover-choose">
            <h1 id="handover-choose">{(t.life_line().sheet_title)(&loaded.with_value(|l| l.client.name.clone()))}</h1>
            <p class="hint">{t.life_line().sheet_intro}</p>
            <SelectField
                id="handover-for"
                label=t.life_line().for_transition
                value=Signal::derive(move || transition.get().map(|id| id.to_string()).unwrap_or_default())
                on_change=Callback::new(move |v: String| transition.set(Uuid::parse_str(&v).ok()))
                options=transition_options
            />
            <details class="fold">
                <summary>{t.life_line().choose_notes}</summary>
                <div class="fold-body">
                    <p class="muted">{t.life_line().choose_notes_hint}</p>
                    <ul class="plain-list" id="handover-notes">{note_choices}</ul>
                </div>
            </details>
            {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            <button type="button" class="button primary" id="handover-print" on:click=print>
                {t.life_line().print}
            </button>
        </section>
        {move || view! { <Sheet t sheet=sheet.get() /> }}
    }
}

/// The sheet as it prints.
#[component]
fn Sheet(t: &'static Texts, sheet: HandoverSheet) -> impl IntoView {
    let l = t.life_line();
    let p = sheet.profile;
    let dash = |s: &str| if s.trim().is_empty() { "—".to_owned() } else { s.to_owned() };
    let fact = |label: &'static str, value: String| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> };
    let services: Vec<&str> = p.services.iter().map(|s| s.name_ja()).collect();
    let birth = match (p.birth_date, p.age) {
        (Some(b), Some(a)) => format!("{}（{}）", (t.record_words().date_print)(b), (l.age)(a)),
        _ => "—".to_owned(),
    };
    let transition = sheet.transition.map(|tr| {
        let date = tr.date.map(t.record_words().date_print).unwrap_or_default();
        let title = (l.titled)((l.kind)(tr.kind), &date);
        view! {
            <p class="doc-version" id="handover-transition">
                <strong>{title}</strong>
                {(!tr.detail.is_empty()).then(|| format!(" {}", tr.detail))}
            </p>
            {(!tr.note.is_empty()).then(|| view! { <p class="doc-text">{tr.note.clone()}</p> })}
        }
    });
    let assessment = match sheet.assessment {
        None => view! { <h2>{l.assessment_heading}</h2><p class="muted">{l.no_assessment}</p> }.into_any(),
        Some(a) => {
            let rows = a
                .domains
                .iter()
                .map(|d| {
                    let label = renkei_domain::assessment::catalogue::current()
                        .domain(d.id)
                        .map(|dom| t.catalogue().domain_label(dom))
                        .unwrap_or_else(|| d.id.to_owned());
                    view! {
                        <tr>
                            <th scope="row">{label}</th>
                            <td>{d.score.map(|s| s.to_string()).unwrap_or_else(|| "—".into())}</td>
                            <td>{if d.needs.is_empty() { "—".to_owned() } else { d.needs.join("、") }}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h2>{(l.assessment)(&(t.common.date)(a.date))}</h2>
                <table class="doc-table">
                    <thead>
                        <tr>
                            <th scope="col">{l.col_domain}</th>
                            <th scope="col">{l.col_score}</th>
                            <th scope="col">{l.col_needs}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
                {(!a.overall_note.is_empty()).then(|| view! { <p><strong>{l.overall}": "</strong>{a.overall_note.clone()}</p> })}
            }
            .into_any()
        }
    };
    let plan = match sheet.plan {
        None => view! { <h2>{l.plan_heading}</h2><p class="muted">{l.no_plan}</p> }.into_any(),
        Some(plan) => {
            let period = match (plan.start, plan.end) {
                (Some(s), Some(e)) => format!("{}〜{}", (t.common.date)(s), (t.common.date)(e)),
                _ => String::new(),
            };
            let rows = plan
                .goals
                .iter()
                .map(|g| {
                    view! {
                        <tr>
                            <td>{g.text.clone()}</td>
                            <td>{dash(&g.support)}</td>
                            <td>{dash(&g.provider)}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h2>{(l.plan)(plan.version, &period)}</h2>
                <p><strong>{l.long_term_goal}": "</strong>{dash(&plan.long_term_goal)}</p>
                <table class="doc-table" id="handover-goals">
                    <thead>
                        <tr>
                            <th scope="col">{l.col_goal}</th>
                            <th scope="col">{l.col_support}</th>
                            <th scope="col">{l.col_provider}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            }
            .into_any()
        }
    };
    let network = if sheet.network.is_empty() {
        view! { <p class="muted">{l.no_network}</p> }.into_any()
    } else {
        let rows = sheet
            .network
            .iter()
            .map(|a| {
                let person = match (&a.person, a.person_role.is_empty()) {
                    (Some(n), false) => format!("{n}（{}）", a.person_role),
                    (Some(n), true) => n.clone(),
                    (None, _) => "—".to_owned(),
                };
                view! {
                    <tr>
                        <th scope="row">{a.name.clone()}</th>
                        <td>{(t.network().category)(a.category)}</td>
                        <td>{dash(&a.role)}</td>
                        <td>{person}</td>
                        <td class="phone">{dash(&a.phone)}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <table class="doc-table" id="handover-network">
                <thead>
                    <tr>
                        <th scope="col">{t.client_network().col_agency}</th>
                        <th scope="col">{t.client_network().col_category}</th>
                        <th scope="col">{t.client_network().col_role}</th>
                        <th scope="col">{t.client_network().col_person}</th>
                        <th scope="col">{t.client_network().col_phone}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        }
        .into_any()
    };
    let notes = if sheet.notes.is_empty() {
        view! { <p class="muted">{l.no_notes}</p> }.into_any()
    } else {
        sheet
            .notes
            .iter()
            .map(|n| {
                let when = n.at.map(t.common.date_time).unwrap_or_default();
                view! { <p class="doc-text"><strong>{when}</strong>" "{n.text.clone()}</p> }
            })
            .collect_view()
            .into_any()
    };
    view! {
        <article class="plan-doc handover-doc" id="handover-sheet" aria-labelledby="handover-title">
            <h2 class="doc-title" id="handover-title">{(l.sheet_title)(&p.name)}</h2>
            <p class="doc-version">{(l.made_on)(sheet.made_on)}</p>
            {transition}
            <section class="doc-block">
                <h2>{l.profile}</h2>
                <table class="doc-facts">
                    <tbody>
                        {fact(l.name, p.name.clone())}
                        {fact(l.kana, dash(&p.kana))}
                        {fact(l.birth, birth)}
                        {fact(l.stage, p.stage.map(|s| (t.common.life_stage)(s).to_owned()).unwrap_or_else(|| "—".into()))}
                        {fact(l.services, if services.is_empty() { "—".into() } else { services.join("、") })}
                        {fact(l.staff, dash(&p.staff))}
                        {fact(l.wishes_self, dash(&p.wishes_self))}
                        {fact(l.wishes_family, dash(&p.wishes_family))}
                    </tbody>
                </table>
            </section>
            <section class="doc-block">{assessment}</section>
            <section class="doc-block doc-goals-block">{plan}</section>
            <section class="doc-block">
                <h2>{l.network}</h2>
                {network}
            </section>
            <section class="doc-block">
                <h2>{l.notes}</h2>
                {notes}
            </section>
        </article>
    }
}

async fn prints_of(client: Uuid) -> Result<Vec<Record<HandoverPrint>>, StoreError> {
    let s = store().await?;
    let mut prints: Vec<Record<HandoverPrint>> = s
        .live_of_kind::<HandoverPrint>(RecordKind::HandoverPrint)
        .await?
        .into_iter()
        .filter(|r| r.data.client_id == client)
        .collect();
    prints.sort_by_key(|r| std::cmp::Reverse(r.data.printed_at));
    Ok(prints)
}

/// Who printed the sheet, when, with how many notes: newest first.
#[component]
fn PrintLog(t: &'static Texts, client: Uuid, printed: RwSignal<u32>) -> impl IntoView {
    let l = t.life_line();
    let prints = LocalResource::new(move || {
        printed.track();
        crate::live::track_changes();
        prints_of(client)
    });
    let items = move || match prints.get() {
        None => ().into_any(),
        Some(Err(e)) => view! { <p class="notice error" role="alert">{t.common.store_error(&e)}</p> }.into_any(),
        Some(Ok(list)) if list.is_empty() => view! { <p class="muted">{l.print_log_empty}</p> }.into_any(),
        Some(Ok(list)) => view! {
            <ul class="plain-list" id="handover-print-log">
                {list
                    .into_iter()
                    .map(|r| {
                        let when = r.data.printed_at.map(t.common.date_time).unwrap_or_default();
                        let who = r.meta.created_by_name.clone().unwrap_or_else(|| l.unknown_printer.to_owned());
                        view! { <li>{(l.printed)(&when, &who, r.data.note_ids.len())}</li> }
                    })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    };
    view! {
        <section class="card no-print" aria-labelledby="handover-log">
            <h2 id="handover-log">{l.print_log}</h2>
            {items}
        </section>
    }
}
