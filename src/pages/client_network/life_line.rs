//! 縦の連携 on a client's network page: the turning points of their life
//! on a line from 乳幼児期 through 学齢期 to 成年期, each with the agencies
//! involved and a way to its 引き継ぎシート, and the form that adds one
//! (a coming graduation as much as a past one).

use crate::components::field::{SelectField, SelectOption, TextArea, TextField};
use crate::components::form_ctx::problem_of;
use crate::components::loading::when_ready;
use crate::editor::{self, Commit, Opened, RecordEditor};
use crate::i18n::{use_texts, Texts};
use crate::store::{spawn_write, store, StoreError};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use renkei_domain::life_stage::{adulthood_start, age_on, life_stage, school_entry, LifeStage};
use renkei_domain::network::{life_line, Agency, Transition, TransitionField, TransitionForm, TransitionKind};
use renkei_domain::{Record, RecordKind};
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Clone)]
struct Loaded {
    transitions: Vec<Record<Transition>>,
    opened: Opened<TransitionForm>,
}

fn draft_key(client: Uuid) -> String {
    format!("transition-new-{client}")
}

/// The client's turning points as stored (not those in the ゴミ箱).
pub async fn transitions_of(s: &crate::store::Store, client: Uuid) -> Result<Vec<Record<Transition>>, StoreError> {
    Ok(s.live_of_kind::<Transition>(RecordKind::Transition)
        .await?
        .into_iter()
        .filter(|r| r.data.client_id == client)
        .collect())
}

async fn load(client: Uuid) -> Result<Loaded, StoreError> {
    let s = store().await?;
    let transitions = transitions_of(&s, client).await?;
    let opened = editor::open::<TransitionForm>(&s, &draft_key(client), None).await?;
    Ok(Loaded { transitions, opened })
}

/// The section: the line, then the form.
#[component]
pub fn LifeLine(
    client: Uuid,
    birth: Option<NaiveDate>,
    /// Every agency of the directory, by name order.
    agencies: Vec<Record<Agency>>,
    /// The agencies of the client's network, offered first.
    network: Vec<Uuid>,
    actor: String,
) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || load(client));
    let added = RwSignal::new(false);
    let reload = Callback::new(move |()| loaded.refetch());
    let on_added = Callback::new(move |()| {
        added.set(true);
        loaded.refetch();
    });
    let names: HashMap<Uuid, String> = agencies.iter().map(|a| (a.meta.id, a.data.name.clone())).collect();
    view! {
        <section class="card life-line" aria-labelledby="life-line">
            <h2 id="life-line">{t.life_line().heading}</h2>
            <p class="hint">{t.life_line().intro}</p>
            {move || when_ready(t, loaded.get(), |l| view! {
                <Line t client birth transitions=l.transitions names=names.clone() reload />
                <AddTransition
                    t
                    client
                    agencies=agencies.clone()
                    network=network.clone()
                    opened=l.opened
                    actor=actor.clone()
                    added
                    on_added
                />
            }
            .into_any())}
        </section>
    }
}

/// The three stages as columns, each with its turning points in order;
/// with the birth date known, where each stage begins and where the
/// client is now.
#[component]
fn Line(
    t: &'static Texts,
    client: Uuid,
    birth: Option<NaiveDate>,
    transitions: Vec<Record<Transition>>,
    names: HashMap<Uuid, String>,
    reload: Callback<()>,
) -> impl IntoView {
    let today = chrono::Local::now().date_naive();
    let empty =
        transitions.is_empty().then(|| view! { <p class="muted" id="life-line-empty">{t.life_line().empty}</p> });
    if transitions.is_empty() && birth.is_none() {
        return empty.into_any();
    }
    let pairs: Vec<(Uuid, &Transition)> = transitions.iter().map(|r| (r.meta.id, &r.data)).collect();
    let points = life_line(&pairs, birth, today);
    let now_stage = birth.map(|b| life_stage(b, today));
    let stages = LifeStage::ALL
        .into_iter()
        .map(|stage| {
            let starts = birth.and_then(|b| match stage {
                LifeStage::Infancy => None,
                LifeStage::SchoolAge => Some(school_entry(b)),
                LifeStage::Adulthood => Some(adulthood_start(b)),
            });
            let here = now_stage == Some(stage);
            let items = points
                .iter()
                .filter(|p| p.stage == stage)
                .map(|p| {
                    let tr = p.transition.clone();
                    let id = p.id;
                    let date = tr.date.map(t.common.date).unwrap_or_default();
                    let title = (t.life_line().titled)((t.life_line().kind)(tr.kind), &date);
                    let agencies: Vec<String> = tr.agency_ids.iter().filter_map(|a| names.get(a).cloned()).collect();
                    let remove = move |_| {
                        spawn_write(move |s| async move { s.set_deleted(id, true).await }, move |_| reload.run(()));
                    };
                    view! {
                        <li class="turning-point" class:coming=p.coming>
                            <p class="turning-head">
                                <strong>{title}</strong>
                                {p.coming.then(|| view! { <span class="badge warning">{t.life_line().coming}</span> })}
                            </p>
                            {(!tr.detail.is_empty()).then(|| view! { <p>{tr.detail.clone()}</p> })}
                            {(!agencies.is_empty()).then(|| view! {
                                <p class="muted">{t.life_line().agencies_involved}": "{agencies.join("、")}</p>
                            })}
                            {(!tr.note.is_empty()).then(|| view! { <p class="turning-note">{tr.note.clone()}</p> })}
                            <p class="no-print actions">
                                <A href=format!("/clients/{client}/handover?for={id}") attr:class="button">
                                    {t.life_line().make_sheet}
                                </A>
                                <button type="button" class="button" on:click=remove>{t.life_line().remove}</button>
                            </p>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <li class="life-stage" class:current=here>
                    <h3>
                        {(t.common.life_stage)(stage)}
                        {starts.map(|d| view! { <span class="muted">" "{(t.life_line().stage_starts)(&(t.common.date)(d))}</span> })}
                    </h3>
                    {here.then(|| birth.map(|b| view! {
                        <p class="badge now">{(t.life_line().now)((t.common.life_stage)(stage), age_on(b, today))}</p>
                    }))}
                    <ol class="turning-points">{items}</ol>
                </li>
            }
        })
        .collect_view();
    view! {
        {empty}
        <ol class="life-stages" id="life-line-list" aria-label=t.life_line().line_label>{stages}</ol>
    }
    .into_any()
}

#[component]
fn AddTransition(
    t: &'static Texts,
    client: Uuid,
    agencies: Vec<Record<Agency>>,
    network: Vec<Uuid>,
    opened: Opened<TransitionForm>,
    actor: String,
    added: RwSignal<bool>,
    on_added: Callback<()>,
) -> impl IntoView {
    let fresh = TransitionForm { client_id: client, kind: TransitionKind::Graduation, ..Default::default() };
    let editor = RecordEditor::new(Uuid::new_v4(), draft_key(client), actor, Commit::OnSubmit, opened, fresh);
    let form = editor.form;
    let submitted = RwSignal::new(false);
    let errors = Memo::new(move |_| form.with(|f| f.validate().err().unwrap_or_default()));
    let error = move |field: TransitionField| problem_of(t, errors, submitted, field);
    let edit = move |change: Box<dyn FnOnce(&mut TransitionForm)>| {
        added.set(false);
        editor.edit(change);
    };
    let save = move |_| {
        if editor.busy() {
            return;
        }
        submitted.set(true);
        let _ = editor.submit(move |_| on_added.run(()));
    };
    let kinds: Vec<SelectOption> =
        TransitionKind::ALL.into_iter().map(|k| SelectOption::new(k.code(), (t.life_line().kind)(k))).collect();
    let names: HashMap<Uuid, String> = agencies.iter().map(|a| (a.meta.id, a.data.name.clone())).collect();
    // The client's agencies are chips to tick; any other agency of the
    // directory can be added from the list under them.
    let chips = {
        let names = names.clone();
        move || {
            let mut shown = network.clone();
            for id in form.with(|f| f.agency_ids.clone()) {
                if !shown.contains(&id) {
                    shown.push(id);
                }
            }
            shown
                .into_iter()
                .filter_map(|id| names.get(&id).map(|n| (id, n.clone())))
                .map(|(id, name)| {
                    view! {
                        <label class="chip">
                            <input
                                type="checkbox"
                                prop:checked=move || form.with(|f| f.agency_ids.contains(&id))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    edit(Box::new(move |f| {
                                        f.agency_ids.retain(|a| *a != id);
                                        if on {
                                            f.agency_ids.push(id);
                                        }
                                    }))
                                }
                            />
                            <span>{name}</span>
                        </label>
                    }
                })
                .collect_view()
        }
    };
    let others = move || {
        let chosen = form.with(|f| f.agency_ids.clone());
        let mut options = vec![SelectOption::new("", t.client_network().choose_agency)];
        options.extend(
            agencies
                .iter()
                .filter(|a| !chosen.contains(&a.meta.id))
                .map(|a| SelectOption::new(a.meta.id.to_string(), a.data.name.clone())),
        );
        options
    };
    let none = names.is_empty();
    view! {
        <form class="add-transition no-print" on:submit=|ev| ev.prevent_default() aria-labelledby="add-transition">
            <h3 id="add-transition">{t.life_line().add}</h3>
            <div class="grid-2">
                <SelectField
                    id="transition-kind"
                    label=t.life_line().kind_label
                    value=Signal::derive(move || form.with(|f| f.kind.code().to_owned()))
                    on_change=Callback::new(move |v: String| {
                        if let Some(k) = TransitionKind::from_code(&v) {
                            edit(Box::new(move |f| f.kind = k));
                        }
                    })
                    options=kinds
                />
                <TextField
                    id="transition-date"
                    label=t.life_line().date_label
                    value=Signal::derive(move || form.with(|f| f.date.clone()))
                    on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.date = v)))
                    error=error(TransitionField::Date)
                    input_type="date"
                />
            </div>
            <TextField
                id="transition-detail"
                label=t.life_line().detail_label
                hint=t.life_line().detail_hint
                value=Signal::derive(move || form.with(|f| f.detail.clone()))
                on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.detail = v)))
                error=error(TransitionField::Detail)
            />
            <fieldset class="chips">
                <legend>{t.life_line().agencies_label}</legend>
                {none.then(|| view! { <p class="muted">{t.life_line().no_agencies}</p> })}
                {chips}
            </fieldset>
            {(!none).then(|| view! {
                {move || view! {
                    <SelectField
                        id="transition-agency"
                        label=t.life_line().other_agency
                        value=Signal::derive(String::new)
                        on_change=Callback::new(move |v: String| {
                            if let Ok(id) = Uuid::parse_str(&v) {
                                edit(Box::new(move |f| f.agency_ids.push(id)));
                            }
                        })
                        options=others()
                    />
                }}
            })}
            <TextArea
                id="transition-note"
                label=t.life_line().note_label
                value=Signal::derive(move || form.with(|f| f.note.clone()))
                on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.note = v)))
                error=error(TransitionField::Note)
            />
            <p class="save-state" role="status">{move || added.get().then_some(t.life_line().added)}</p>
            <button type="button" class="button primary" on:click=save>{t.life_line().add_button}</button>
        </form>
    }
}
