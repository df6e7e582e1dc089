//! 関係機関の詳細: one agency of the directory, edited with autosave like a
//! client (the one record editor), with its contact people, the stage of
//! cooperation and its history, both sides' views, and the contact log.

use super::contacts::ContactLog;
use super::{code, from_code};
use crate::components::conflicts::{conflicts_of, plain_value, ConflictField, ConflictPanel};
use crate::components::field::{SelectField, SelectOption, TextArea, TextField};
use crate::components::form_ctx::FormCtx;
use crate::components::loading::when_ready;
use crate::components::save_state::SaveIndicator;
use crate::components::trash_control::TrashControl;
use crate::editor::{self, Commit, Opened, RecordEditor};
use crate::i18n::{use_texts, Texts};
use crate::store::{store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use renkei_domain::network::{
    dial_digits, perception, stage_history, Agency, AgencyCategory, AgencyField, AgencyForm, AgencyType,
    CooperationStage, Perception, PersonForm, StageChange, ViewAnswer,
};
use renkei_domain::sync::merge::Head;
use renkei_domain::RecordKind;
use uuid::Uuid;

#[component]
pub fn AgencyPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    move || {
        let fresh = query.read_untracked().get("new").is_some();
        match params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()) {
            Some(id) => view! { <AgencyLoader id fresh /> }.into_any(),
            None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
        }
    }
}

#[derive(Clone)]
struct Loaded {
    opened: Opened<AgencyForm>,
    actor: String,
    conflicts: Vec<(String, Vec<Head>)>,
    history: Vec<StageChange>,
}

async fn load(id: Uuid) -> Result<Loaded, StoreError> {
    let s = store().await?;
    let state = s.merge_state(id).await?;
    let history = state.as_ref().and_then(|st| st.fields.get("stage")).map(stage_history).unwrap_or_default();
    let conflicts = conflicts_of(&s, id).await?;
    let record = s.record_of::<Agency>(RecordKind::Agency, id).await?;
    let opened = editor::open(&s, &id.to_string(), record).await?;
    Ok(Loaded { opened, actor: s.device_id().await?, conflicts, history })
}

#[component]
fn AgencyLoader(id: Uuid, fresh: bool) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || load(id));
    move || {
        when_ready(t, loaded.get(), |l| {
            if !fresh && l.opened.record.is_none() && l.opened.restored.is_none() {
                return view! {
                    <p class="back-link">
                        <A href="/agencies">{t.agencies().back}</A>
                    </p>
                    <h1>{t.agencies().not_here}</h1>
                    <p class="notice">{t.agencies().not_here_hint}</p>
                }
                .into_any();
            }
            let fields = l
                .conflicts
                .clone()
                .into_iter()
                .map(|(field, heads)| {
                    ConflictField::describe(field, heads, |f| field_label(t, f).to_owned(), |_, v| plain_value(t, v))
                })
                .collect();
            let reload = Callback::new(move |()| loaded.refetch());
            view! {
                <ConflictPanel t id fields on_resolved=reload />
                <AgencyEditor id loaded=l on_reload=reload />
            }
            .into_any()
        })
    }
}

fn field_label(t: &'static Texts, field: &str) -> &'static str {
    let a = t.agencies();
    match field {
        "name" => a.name,
        "kana" => a.kana,
        "category" => a.category,
        "agency_type" => a.agency_type,
        "people" => a.people,
        "phone" => a.phone,
        "address" => a.address,
        "hours" => a.hours,
        "services" => a.services,
        "notes" => a.notes,
        "stage" => a.stage,
        "our_view" => a.our_view,
        "their_view" => a.their_view,
        _ => t.conflicts.title,
    }
}

type Ctx = FormCtx<AgencyForm>;

#[component]
fn AgencyEditor(id: Uuid, loaded: Loaded, on_reload: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let Loaded { opened, actor, history, .. } = loaded;
    let in_trash = opened.record.as_ref().is_some_and(|r| r.meta.deleted);
    let is_new = opened.record.is_none();
    let today = chrono::Local::now().date_naive();
    let editor = RecordEditor::new(id, id.to_string(), actor, Commit::Autosave, opened, AgencyForm::default());
    let (form, state, exists) = (editor.form, editor.state, editor.exists);
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if exists.get() && window().location().search().is_ok_and(|s| !s.is_empty()) {
            navigate(
                &format!("/agencies/{id}"),
                leptos_router::NavigateOptions { replace: true, ..Default::default() },
            );
        }
    });
    let ctx = Ctx::new(editor, t, move |f: &AgencyForm| f.validate(today).err().unwrap_or_default());
    let (touched, errors) = (ctx.touched, ctx.errors);
    view! {
        <p class="back-link">
            <A href="/agencies">{t.agencies().back}</A>
        </p>
        <div class="page-head">
            <h1>
                {move || {
                    let name = form.with(|f| f.name.trim().to_owned());
                    if name.is_empty() && is_new { t.agencies().new_title.to_owned() } else { name }
                }}
            </h1>
            <SaveIndicator state t />
        </div>
        <p class="muted">{t.common.autosave_note}</p>
        <Show when=move || touched.get() && errors.with(|e| !e.is_empty())>
            <p class="notice error">{t.agencies().has_errors}</p>
        </Show>
        // The contact log comes first: on a phone it is what staff open the
        // page for, between two visits.
        <Show when=move || exists.get()>
            <ContactLog agency=id />
        </Show>
        <form class="client-form" on:submit=|ev| ev.prevent_default()>
            <BasicSection ctx />
            <PeopleSection ctx />
            <StageSection ctx history today />
            <ViewsSection ctx />
        </form>
        <Show when=move || exists.get() || in_trash>
            <section class="card" aria-labelledby="sec-agency-record">
                <h2 id="sec-agency-record">{t.agencies().section_record}</h2>
                <TrashControl
                    id
                    in_trash
                    after_delete="/agencies"
                    on_reload
                    flush=Callback::new(move |()| editor.flush())
                    confirm=t.agencies().delete_confirm
                    notice=t.agencies().in_trash
                    t
                />
            </section>
        </Show>
    }
}

/// A `tel:` link for a phone number that dials, else nothing.
fn call_link(t: &'static Texts, phone: String) -> impl IntoView {
    dial_digits(&phone).map(|digits| {
        view! {
            <a class="button call" href=format!("tel:{digits}")>
                {(t.agencies().call)(&phone)}
            </a>
        }
    })
}

#[component]
fn BasicSection(ctx: Ctx) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.editor.form);
    let network = t.network();
    let categories: Vec<SelectOption> =
        AgencyCategory::ALL.into_iter().map(|c| SelectOption::new(code(c), (network.category)(c))).collect();
    let types = move || {
        let category = form.with(|f| f.category);
        let mut options = vec![SelectOption::new("", t.agencies().type_none)];
        options.extend(
            category
                .types()
                .chain([AgencyType::Other])
                .map(|ty| SelectOption::new(code(ty), (network.agency_type)(ty))),
        );
        options
    };
    view! {
        <section class="card" aria-labelledby="sec-agency-basic">
            <h2 id="sec-agency-basic">{t.agencies().section_basic}</h2>
            <div class="grid-2">
                <TextField
                    id="agency-name"
                    label=t.agencies().name_required
                    value=ctx.value(|f| &f.name)
                    on_input=ctx.setter(|f, v| f.name = v)
                    notice=ctx.elsewhere("name")
                    error=ctx.error(AgencyField::Name)
                    autocomplete="off"
                />
                <TextField
                    id="agency-kana"
                    label=t.agencies().kana
                    value=ctx.value(|f| &f.kana)
                    on_input=ctx.setter(|f, v| f.kana = v)
                    notice=ctx.elsewhere("kana")
                    error=ctx.error(AgencyField::Kana)
                    autocomplete="off"
                />
                <SelectField
                    id="agency-category"
                    label=t.agencies().category
                    value=Signal::derive(move || form.with(|f| code(f.category)))
                    on_change=Callback::new(move |v: String| {
                        ctx.edit(move |f| {
                            f.category = from_code(&v).unwrap_or_default();
                            // A type of another category no longer fits.
                            if f.agency_type.and_then(AgencyType::category).is_some_and(|c| c != f.category) {
                                f.agency_type = None;
                            }
                        })
                    })
                    options=categories
                    notice=ctx.elsewhere("category")
                />
                {move || {
                    view! {
                        <SelectField
                            id="agency-type"
                            label=t.agencies().agency_type
                            value=Signal::derive(move || form.with(|f| f.agency_type.map(code).unwrap_or_default()))
                            on_change=Callback::new(move |v: String| ctx.edit(move |f| f.agency_type = from_code(&v)))
                            options=types()
                            error=ctx.error(AgencyField::AgencyType)
                            notice=ctx.elsewhere("agency_type")
                        />
                    }
                }}
                <TextField
                    id="agency-phone"
                    label=t.agencies().phone
                    value=ctx.value(|f| &f.phone)
                    on_input=ctx.setter(|f, v| f.phone = v)
                    error=ctx.error(AgencyField::Phone)
                    notice=ctx.elsewhere("phone")
                    input_type="tel"
                    autocomplete="off"
                />
                <TextField
                    id="agency-hours"
                    label=t.agencies().hours
                    value=ctx.value(|f| &f.hours)
                    on_input=ctx.setter(|f, v| f.hours = v)
                    hint=t.agencies().hours_hint
                    notice=ctx.elsewhere("hours")
                />
            </div>
            <p>{move || call_link(t, form.with(|f| f.phone.clone()))}</p>
            <TextField
                id="agency-address"
                label=t.agencies().address
                value=ctx.value(|f| &f.address)
                on_input=ctx.setter(|f, v| f.address = v)
                notice=ctx.elsewhere("address")
                autocomplete="off"
            />
            <TextArea
                id="agency-services"
                label=t.agencies().services
                value=ctx.value(|f| &f.services)
                on_input=ctx.setter(|f, v| f.services = v)
                hint=t.agencies().services_hint
                notice=ctx.elsewhere("services")
            />
            <TextArea
                id="agency-notes"
                label=t.agencies().notes
                value=ctx.value(|f| &f.notes)
                on_input=ctx.setter(|f, v| f.notes = v)
                notice=ctx.elsewhere("notes")
            />
        </section>
    }
}

#[component]
fn PeopleSection(ctx: Ctx) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.editor.form);
    let add = move |_| ctx.edit(|f| f.people.push(PersonForm { id: Uuid::new_v4(), ..Default::default() }));
    view! {
        <section class="card" aria-labelledby="sec-agency-people">
            <h2 id="sec-agency-people">{t.agencies().people}</h2>
            <Show when=move || form.with(|f| f.people.is_empty())>
                <p class="muted">{t.agencies().people_none}</p>
            </Show>
            <For each=move || form.with(|f| f.people.iter().map(|p| p.id).collect::<Vec<_>>()) key=|id| *id let:person>
                <PersonRow ctx person />
            </For>
            <button type="button" class="button" on:click=add>
                {t.agencies().add_person}
            </button>
        </section>
    }
}

#[component]
fn PersonRow(ctx: Ctx, person: Uuid) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.editor.form);
    let index = move || form.with(|f| f.people.iter().position(|p| p.id == person));
    let get = move |pick: fn(&PersonForm) -> String| {
        Signal::derive(move || form.with(|f| f.people.iter().find(|p| p.id == person).map(pick).unwrap_or_default()))
    };
    let set = move |put: fn(&mut PersonForm, String)| {
        Callback::new(move |v: String| {
            ctx.edit(move |f| {
                if let Some(p) = f.people.iter_mut().find(|p| p.id == person) {
                    put(p, v);
                }
            })
        })
    };
    let error = move |field: fn(usize) -> AgencyField| {
        let (errors, touched) = (ctx.errors, ctx.touched);
        Signal::derive(move || {
            let i = index()?;
            touched
                .get()
                .then(|| {
                    errors.with(|es| {
                        es.iter().find(|e| e.field == field(i)).map(|e| (t.record_words().field_problem)(e.problem))
                    })
                })
                .flatten()
        })
    };
    let remove = move |_| ctx.edit(move |f| f.people.retain(|p| p.id != person));
    let name = get(|p| p.name.clone());
    view! {
        <fieldset class="service-row">
            <legend>{move || match name.get() { n if n.trim().is_empty() => t.agencies().person.to_owned(), n => n }}</legend>
            <div class="grid-2">
                <TextField
                    id=format!("person-name-{person}")
                    label=t.agencies().person_name
                    value=name
                    on_input=set(|p, v| p.name = v)
                    error=error(AgencyField::PersonName)
                    autocomplete="off"
                />
                <TextField
                    id=format!("person-role-{person}")
                    label=t.agencies().person_role
                    value=get(|p| p.role.clone())
                    on_input=set(|p, v| p.role = v)
                    hint=t.agencies().person_role_hint
                />
                <TextField
                    id=format!("person-phone-{person}")
                    label=t.agencies().phone
                    value=get(|p| p.phone.clone())
                    on_input=set(|p, v| p.phone = v)
                    error=error(AgencyField::PersonPhone)
                    input_type="tel"
                    autocomplete="off"
                />
            </div>
            <p class="row-actions">
                {move || call_link(t, get(|p| p.phone.clone()).get())}
                <button type="button" class="button" on:click=remove>
                    {t.agencies().remove_person}
                </button>
            </p>
        </fieldset>
    }
}

#[component]
fn StageSection(ctx: Ctx, history: Vec<StageChange>, today: chrono::NaiveDate) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.editor.form);
    let network = t.network();
    let mut options = vec![SelectOption::new("", t.agencies().stage_none)];
    options.extend(CooperationStage::ALL.into_iter().map(|s| SelectOption::new(code(s), (network.stage)(s))));
    let set_stage = Callback::new(move |v: String| {
        ctx.edit(move |f| {
            let stage: Option<CooperationStage> = from_code(&v);
            // A new stage starts today unless the user says otherwise.
            if stage.is_some() && stage != f.stage {
                f.stage_since = today.to_string();
                f.stage_reason.clear();
            }
            f.stage = stage;
        })
    });
    view! {
        <section class="card" aria-labelledby="sec-agency-stage">
            <h2 id="sec-agency-stage">{t.agencies().stage}</h2>
            <dl class="stage-meanings">
                {CooperationStage::ALL
                    .into_iter()
                    .map(|s| view! {
                        <dt>{(network.stage)(s)}</dt>
                        <dd>{(network.stage_meaning)(s)}</dd>
                    })
                    .collect_view()}
            </dl>
            <SelectField
                id="agency-stage"
                label=t.agencies().stage_now
                value=Signal::derive(move || form.with(|f| f.stage.map(code).unwrap_or_default()))
                on_change=set_stage
                options
                notice=ctx.elsewhere("stage")
            />
            <Show when=move || form.with(|f| f.stage.is_some())>
                <div class="grid-2">
                    <TextField
                        id="agency-stage-since"
                        label=t.agencies().stage_since
                        value=ctx.value(|f| &f.stage_since)
                        on_input=ctx.setter(|f, v| f.stage_since = v)
                        error=ctx.error(AgencyField::StageSince)
                        input_type="date"
                    />
                    <TextField
                        id="agency-stage-reason"
                        label=t.agencies().stage_reason
                        value=ctx.value(|f| &f.stage_reason)
                        on_input=ctx.setter(|f, v| f.stage_reason = v)
                        error=ctx.error(AgencyField::StageReason)
                        hint=t.agencies().stage_reason_hint
                    />
                </div>
            </Show>
            <StageHistory t history />
        </section>
    }
}

#[component]
fn StageHistory(t: &'static Texts, history: Vec<StageChange>) -> impl IntoView {
    let network = t.network();
    (history.len() > 1).then(|| {
        view! {
            <h3>{t.agencies().stage_history}</h3>
            <ol class="history-list">
                {history
                    .into_iter()
                    .map(|c| {
                        let what = match &c.setting {
                            Some(s) => (t.agencies().stage_entry)(
                                &(t.common.date)(s.since),
                                (network.stage)(s.stage),
                                &s.reason,
                            ),
                            None => t.agencies().stage_cleared.to_owned(),
                        };
                        let who = c.by.map(|a| a.name).unwrap_or_else(|| t.agencies().someone.to_owned());
                        view! {
                            <li>
                                <span>{what}</span>
                                <span class="muted">{(t.agencies().set_by)(&who)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        }
    })
}

#[component]
fn ViewsSection(ctx: Ctx) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.editor.form);
    let gap = move || {
        form.with(|f| {
            let agency = f.validate(chrono::Local::now().date_naive()).ok()?;
            match perception(&agency) {
                Perception::Opposite => {
                    Some(view! { <p class="notice warning">{t.agencies().gap_opposite}</p> }.into_any())
                }
                Perception::Different => {
                    Some(view! { <p class="notice info">{t.agencies().gap_different}</p> }.into_any())
                }
                _ => None,
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="sec-agency-views">
            <h2 id="sec-agency-views">{t.agencies().views}</h2>
            <p class="hint">{t.agencies().views_hint}</p>
            <div class="grid-2">
                <SideView ctx side=Side::Ours />
                <SideView ctx side=Side::Theirs />
            </div>
            {gap}
        </section>
    }
}

/// Whose view of the relationship.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Side {
    Ours,
    Theirs,
}

/// One side's view: the answer and the day it was asked.
#[component]
fn SideView(ctx: Ctx, side: Side) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.editor.form);
    let network = t.network();
    let a = t.agencies();
    let (id, label, asked_label, field, asked_error) = match side {
        Side::Ours => ("our-view", a.our_view, a.asked_on, "our_view", AgencyField::OurViewAskedOn),
        Side::Theirs => ("their-view", a.their_view, a.asked_on_theirs, "their_view", AgencyField::TheirViewAskedOn),
    };
    type Answer = (fn(&AgencyForm) -> ViewAnswer, fn(&mut AgencyForm, ViewAnswer));
    type Asked = (fn(&AgencyForm) -> &String, fn(&mut AgencyForm, String));
    let ((get, set), (asked, set_asked)): (Answer, Asked) = match side {
        Side::Ours => {
            ((|f| f.our_view, |f, v| f.our_view = v), (|f| &f.our_view_asked_on, |f, v| f.our_view_asked_on = v))
        }
        Side::Theirs => (
            (|f| f.their_view, |f, v| f.their_view = v),
            (|f| &f.their_view_asked_on, |f, v| f.their_view_asked_on = v),
        ),
    };
    let options: Vec<SelectOption> =
        ViewAnswer::ALL.into_iter().map(|x| SelectOption::new(code(x), (network.answer)(x))).collect();
    view! {
        <SelectField
            id=format!("agency-{id}")
            label
            value=Signal::derive(move || form.with(|f| code(get(f))))
            on_change=Callback::new(move |v: String| ctx.edit(move |f| set(f, from_code(&v).unwrap_or_default())))
            options
            notice=ctx.elsewhere(field)
        />
        <TextField
            id=format!("agency-{id}-asked")
            label=asked_label
            value=ctx.value(asked)
            on_input=ctx.setter(set_asked)
            error=ctx.error(asked_error)
            input_type="date"
        />
    }
}
