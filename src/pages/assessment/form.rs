//! One assessment, made for a tablet on the lap during a home visit: the
//! eight domains as sections under a sticky bar that jumps to each and shows
//! its progress (rated / total); per item one tap picks the rating, and
//! 「メモ」 opens the note, the client's own words and strengths. Every
//! change is stored by autosave (no save button), and a new assessment
//! becomes a record with its first change.
//!
//! The form is data-driven: one item row looped over the assessment's own
//! catalogue version.

use super::conflicts::{conflicts_of, Conflicts};
use super::plan_goal::{add_goal, current_plan, items_in_plan, link_to_plan, GoalOutcome};
use super::{client_name, domain_notes, uuid_param, NoteLine};
use crate::components::field::{SelectField, SelectOption, TextArea, TextField, NO_TAB_STATE};
use crate::components::loading::when_loaded;
use crate::components::save_state::SaveIndicator;
use crate::components::trash_control::TrashControl;
use crate::editor::{Commit, Opened, RecordEditor};
use crate::i18n::{use_texts, Texts};
use crate::store::{store, StoreError};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use renkei_domain::assessment::{AssessedBy, Assessment, Domain, DomainSummary, GoalSeed, Item, ItemEntry, Rating};
use renkei_domain::plan::JobRole;
use renkei_domain::{AnyRecord, RecordKind};
use std::collections::HashSet;
use uuid::Uuid;

#[component]
pub fn AssessmentPage() -> impl IntoView {
    let t = use_texts();
    let client = uuid_param("id");
    let aid = uuid_param("aid");
    move || match (client.get(), aid.get()) {
        (Some(client_id), Some(aid)) => view! { <FormLoader client_id aid /> }.into_any(),
        _ => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
    }
}

/// What the form starts from.
#[derive(Clone)]
struct Loaded {
    /// The assessment (`record` is `None` for a new one) and any unsaved
    /// input from an earlier visit.
    opened: Opened<Assessment>,
    actor: String,
    /// 評価者 of a new assessment: the signed-in staff member, if any.
    by: AssessedBy,
    client_name: String,
    notes: Vec<NoteLine>,
    /// Items that already have a goal in the client's current plan.
    in_plan: HashSet<String>,
    /// Fields two devices changed at once.
    conflicts: Vec<(String, Vec<renkei_domain::sync::merge::Head>)>,
}

/// What the form opens on; `None` when `aid` is no assessment of this
/// client (another kind, another client).
async fn load(client_id: Uuid, aid: Uuid) -> Result<Option<Loaded>, StoreError> {
    let s = store().await?;
    let record = match s.record(aid).await? {
        None => None,
        Some(AnyRecord { kind: RecordKind::Assessment, meta, data }) => {
            let any = AnyRecord { kind: RecordKind::Assessment, meta, data };
            let typed = any.to_typed::<Assessment>().map_err(|e| StoreError::Corrupt(e.to_string()))?;
            if typed.data.client_id != client_id {
                return Ok(None);
            }
            Some(typed)
        }
        Some(_) => return Ok(None),
    };
    let by = match s.session().await? {
        Some(session) => AssessedBy {
            staff_id: Some(session.staff.id),
            name: session.staff.display_name,
            role: session.staff.job_role,
        },
        None => AssessedBy::default(),
    };
    let plan = current_plan(&s, client_id).await?;
    // Every item as if it needed support, to find the goals drafted from it.
    let seeds: Vec<GoalSeed> = renkei_domain::assessment::catalogue::versions()
        .flat_map(|c| c.items())
        .filter_map(|(d, i)| {
            GoalSeed::from_entry(d, i, &ItemEntry { rating: Rating::NeedsSupport, ..ItemEntry::default() })
        })
        .collect();
    let in_plan = items_in_plan(plan.as_ref().map(|p| &p.data), seeds.iter());
    Ok(Some(Loaded {
        opened: crate::editor::open(&s, &aid.to_string(), record).await?,
        actor: s.device_id().await?,
        by,
        client_name: client_name(&s, client_id).await?,
        notes: domain_notes(&s, client_id).await?,
        in_plan,
        conflicts: conflicts_of(&s, aid).await?,
    }))
}

#[component]
fn FormLoader(client_id: Uuid, aid: Uuid) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || load(client_id, aid));
    move || {
        when_loaded(t, loaded.get(), |l| {
            view! { <Editor client_id aid loaded=l on_reload=Callback::new(move |()| loaded.refetch()) /> }.into_any()
        })
    }
}

/// A date typed in the form, if it is a real date no later than today.
fn valid_date(text: &str, today: NaiveDate) -> Option<NaiveDate> {
    text.trim().parse::<NaiveDate>().ok().filter(|d| *d <= today)
}

/// One item of the form with its state.
#[derive(Clone, Copy)]
struct ItemState {
    domain: &'static Domain,
    item: &'static Item,
    entry: Memo<ItemEntry>,
    goal: RwSignal<GoalState>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum GoalState {
    Ready,
    Adding,
    Added,
    /// Into the draft of this version: the current plan is agreed.
    AddedToNext(u32),
    InPlan,
    Failed(&'static str),
}

#[component]
fn Editor(client_id: Uuid, aid: Uuid, loaded: Loaded, on_reload: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let Loaded { opened, actor, by, client_name, notes, in_plan, conflicts } = loaded;
    let today = chrono::Local::now().date_naive();
    let back = format!("/clients/{client_id}/assessments");
    let head = view! {
        <p class="back-link">
            <A href=back.clone()>{format!("← {}", t.assessment().back)}</A>
        </p>
    };
    if opened.record.as_ref().is_some_and(|r| r.meta.deleted) {
        return view! {
            {head}
            <InTrash aid on_reload t />
        }
        .into_any();
    }
    // A new assessment: today, by whoever is signed in, on the current
    // catalogue. Stored only once something is entered.
    let fresh = Assessment::new(client_id, today, by);
    let shown = opened.restored.as_ref().or(opened.record.as_ref().map(|r| &r.data)).unwrap_or(&fresh);
    let catalogue = match shown.catalogue() {
        Ok(c) => c,
        Err(e) => {
            return view! {
                {head}
                <p class="notice error">{(t.assessment().error)(&e)}</p>
            }
            .into_any()
        }
    };
    let is_new = opened.record.is_none();
    let editor = RecordEditor::new(aid, aid.to_string(), actor, Commit::Autosave, opened, fresh);
    let (form, state, exists) = (editor.form, editor.state, editor.exists);
    let start = form.get_untracked();

    // The date as typed: taken into the assessment once it is a date no
    // later than today (until then the last valid one stays).
    let date_text = RwSignal::new(start.date.to_string());
    let items: Vec<ItemState> = catalogue
        .items()
        .map(|(domain, item)| {
            let id = item.id();
            ItemState {
                domain,
                item,
                entry: Memo::new(move |_| form.with(|a| a.entry(id).clone())),
                goal: RwSignal::new(if in_plan.contains(id) { GoalState::InPlan } else { GoalState::Ready }),
            }
        })
        .collect();
    let items = StoredValue::new(items);
    let date_error =
        Signal::derive(move || date_text.with(|d| valid_date(d, today)).is_none().then_some(t.assessment().err_date));
    let set_date = Callback::new(move |v: String| {
        let valid = valid_date(&v, today);
        date_text.set(v);
        if let Some(d) = valid {
            editor.edit(|a| a.date = d);
        }
    });
    let by_name = Signal::derive(move || form.with(|a| a.assessed_by.name.clone()));
    let overall = Signal::derive(move || form.with(|a| a.overall_note.clone()));
    let interview = Signal::derive(move || form.with(|a| a.interview.clone()));
    let by_role =
        Signal::derive(move || form.with(|a| a.assessed_by.role.map(JobRole::code).unwrap_or_default().to_owned()));
    let mut role_options = vec![SelectOption::new("", t.assessment().role_unknown)];
    role_options.extend(JobRole::ALL.into_iter().map(|r| SelectOption::new(r.code(), (t.record_words().job_role)(r))));
    // A new assessment becomes the アセスメント of the plan being prepared
    // (one with none yet) as soon as it is stored.
    if is_new {
        Effect::new(move |linked: Option<bool>| {
            if linked == Some(true) || !exists.get() {
                return linked.unwrap_or(false);
            }
            leptos::task::spawn_local(async move {
                if let Err(e) = link_to_plan(client_id, aid).await {
                    web_sys::console::warn_1(&format!("assessment not linked to the plan: {e:?}").into());
                }
            });
            true
        });
    }
    let flush = Callback::new(move |()| editor.flush());

    let rated = Memo::new(move |_| {
        items.with_value(|items| items.iter().filter(|i| i.entry.with(|e| e.rating.is_rated())).count())
    });
    let total = items.with_value(Vec::len);
    // Only one plan write at a time: each builds on the plan as loaded.
    let busy = RwSignal::new(false);
    let notes = StoredValue::new(notes);

    let tabs = catalogue
        .domains()
        .iter()
        .map(|d| {
            let progress = domain_summary(items, d);
            view! {
                <li>
                    <a href=format!("#d-{}", d.id())>
                        <span>{t.catalogue().domain_label(d)}</span>
                        <span class="tab-progress">
                            {move || {
                                let s = progress.get();
                                format!("{}/{}", s.rated, s.total)
                            }}
                        </span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let sections = catalogue
        .domains()
        .iter()
        .map(|d| view! { <DomainSection t client_id aid domain=d items notes editor busy /> })
        .collect_view();

    view! {
        {head}
        <div class="page-head">
            <h1>
                {move || {
                    if is_new && !exists.get() {
                        format!("{} {}", t.assessment().new_title, client_name)
                    } else {
                        format!("{} {}", t.assessment().title, client_name)
                    }
                }}
            </h1>
            <SaveIndicator state t />
        </div>
        <p class="muted">{t.common.autosave_note}</p>
        <Conflicts t id=aid catalogue conflicts on_resolved=on_reload />
        <form class="assessment-form" on:submit=|ev| ev.prevent_default()>
            <section class="card" aria-labelledby="assess-basic">
                <h2 id="assess-basic">
                    {move || (t.assessment().progress)(rated.get(), total)}
                </h2>
                <div class="grid-2">
                    <TextField
                        id="assess-date"
                        label=t.assessment().date
                        input_type="date"
                        value=date_text
                        on_input=set_date
                        error=date_error
                    />
                    <TextField
                        id="assess-by"
                        label=t.assessment().by
                        value=by_name
                        on_input=Callback::new(move |v: String| editor.edit(|a| a.assessed_by.name = v))
                    />
                </div>
                <SelectField
                    id="assess-role"
                    label=t.assessment().by_role
                    value=by_role
                    on_change=Callback::new(move |v: String| {
                        let role = JobRole::from_code(&v);
                        editor.edit(move |a| a.assessed_by.role = role)
                    })
                    options=role_options
                />
                <TextArea
                    id="assess-interview"
                    label=t.assessment().interview
                    hint=t.assessment().interview_hint
                    value=interview
                    on_input=Callback::new(move |v: String| editor.edit(|a| a.interview = v))
                />
                <details class="score-help">
                    <summary>{t.assessment().score_help_title}</summary>
                    <p>{t.assessment().score_help}</p>
                </details>
            </section>
            <nav class="domain-tabs" aria-label=t.assessment().domains_nav>
                <ul>{tabs}</ul>
            </nav>
            {sections}
            <section class="card" aria-labelledby="assess-overall-title">
                <h2 id="assess-overall-title">{t.assessment().overall}</h2>
                <TextArea
                    id="assess-overall"
                    label=t.assessment().overall
                    value=overall
                    on_input=Callback::new(move |v: String| editor.edit(|a| a.overall_note = v))
                />
            </section>
        </form>
        <Show when=move || exists.get()>
            <DeleteControl client_id aid t flush />
        </Show>
    }
    .into_any()
}

/// The summary of one domain from the form's ratings.
fn domain_summary(items: StoredValue<Vec<ItemState>>, domain: &'static Domain) -> Memo<DomainSummary> {
    Memo::new(move |_| {
        let ratings: Vec<Rating> = items.with_value(|items| {
            items.iter().filter(|i| std::ptr::eq(i.domain, domain)).map(|i| i.entry.with(|e| e.rating)).collect()
        });
        DomainSummary::of(&ratings)
    })
}

#[component]
fn DomainSection(
    t: &'static Texts,
    client_id: Uuid,
    aid: Uuid,
    domain: &'static Domain,
    items: StoredValue<Vec<ItemState>>,
    notes: StoredValue<Vec<NoteLine>>,
    editor: RecordEditor<Assessment>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let summary = domain_summary(items, domain);
    let id = domain.id();
    let heading = t.catalogue().domain_heading(domain);
    let rows = items.with_value(|items| {
        items
            .iter()
            .filter(|i| std::ptr::eq(i.domain, domain))
            .map(|i| {
                view! {
                    {t.catalogue().item_heading(i.item).map(|h| view! { <h3 class="item-heading">{h}</h3> })}
                    <ItemRow t client_id aid state=*i editor busy />
                }
            })
            .collect_view()
    });
    let notes: Vec<NoteLine> =
        notes.with_value(|n| n.iter().filter(|n| n.domains.iter().any(|d| d == id)).cloned().collect());
    let notes_view = (!notes.is_empty()).then(|| {
        let count = notes.len();
        let lines = notes
            .into_iter()
            .map(|n| {
                let date = n.date.map(|d| (t.common.date)(d)).unwrap_or_default();
                view! {
                    <li>
                        <span class="note-date">{date}</span>
                        " "
                        {n.text}
                    </li>
                }
            })
            .collect_view();
        view! {
            <details class="domain-notes">
                <summary>{(t.assessment().domain_notes)(count)}</summary>
                <ul>{lines}</ul>
            </details>
        }
    });
    view! {
        <section class="card domain-section" id=format!("d-{id}") aria-labelledby=format!("h-{id}")>
            <div class="domain-head">
                <h2 id=format!("h-{id}")>{heading}</h2>
                <p class="domain-score" id=format!("score-{id}")>
                    {move || {
                        let s = summary.get();
                        format!("{} ・ {}", (t.assessment().score_value)(s.score), (t.assessment().progress)(s.rated, s.total))
                    }}
                </p>
            </div>
            {rows}
            {notes_view}
        </section>
    }
}

/// One item: its label, the five ratings (one tap), 「メモ」 with the note,
/// own words and strengths, and 「計画の目標にする」 when support is needed.
#[component]
fn ItemRow(
    t: &'static Texts,
    client_id: Uuid,
    aid: Uuid,
    state: ItemState,
    editor: RecordEditor<Assessment>,
    busy: RwSignal<bool>,
) -> impl IntoView {
    let ItemState { domain, item, entry, goal } = state;
    let id = item.id();
    let name = format!("rating-{id}");
    let segments = Rating::ALL
        .into_iter()
        .map(|r| {
            view! {
                <label class=format!("segment {}", r.code())>
                    <input
                        type="radio"
                        name=name.clone()
                        value=r.code()
                        prop:checked=move || entry.with(|e| e.rating == r)
                        on:change=move |_| editor.edit(|a| a.entry_mut(id).rating = r)
                    />
                    <span>{(t.assessment().rating)(r)}</span>
                </label>
            }
        })
        .collect_view();
    let text_field =
        |suffix: &'static str, label: &'static str, get: fn(&ItemEntry) -> &String, set: fn(&mut ItemEntry, String)| {
            let field_id = format!("{id}-{suffix}");
            view! {
                <div class="field">
                    <label for=field_id.clone()>{label}</label>
                    <textarea
                        id=field_id
                        rows="2"
                        form=NO_TAB_STATE
                        autocomplete="off"
                        prop:value=move || entry.with(|e| get(e).clone())
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            editor.edit(|a| set(a.entry_mut(id), v));
                        }
                    ></textarea>
                </div>
            }
        };
    let memo_preview = move || {
        entry.with(|e| {
            let text = [&e.note, &e.own_words, &e.strengths].into_iter().map(|s| s.trim()).find(|s| !s.is_empty())?;
            let mut preview: String = text.chars().take(24).collect();
            if text.chars().nth(24).is_some() {
                preview.push('…');
            }
            Some(format!(": {preview}"))
        })
    };
    let add = move |_| {
        if busy.get_untracked() {
            return;
        }
        let Some(seed) = GoalSeed::from_entry(domain, item, &entry.get_untracked()) else { return };
        busy.set(true);
        goal.set(GoalState::Adding);
        leptos::task::spawn_local(async move {
            let result = add_goal(client_id, aid, &seed).await;
            busy.set(false);
            goal.set(match result {
                Ok(GoalOutcome::Added) => GoalState::Added,
                Ok(GoalOutcome::AddedToNextVersion { version }) => GoalState::AddedToNext(version),
                Ok(GoalOutcome::AlreadyThere) => GoalState::InPlan,
                Err(e) => GoalState::Failed(t.common.store_error(&e)),
            });
        });
    };
    let button = move || {
        let ready = matches!(goal.get(), GoalState::Ready | GoalState::Failed(_));
        (ready && entry.with(|e| e.rating.needs_support())).then(|| {
            view! {
                <button
                    type="button"
                    class="button"
                    aria-label=format!("{}: {}", t.assessment().to_goal, t.catalogue().item(item))
                    disabled=move || busy.get()
                    on:click=add
                >
                    {t.assessment().to_goal}
                </button>
            }
        })
    };
    let status = move || match goal.get() {
        GoalState::Ready => String::new(),
        GoalState::Adding => t.assessment().goal_adding.to_owned(),
        GoalState::Added => format!("✓ {}", t.assessment().goal_added),
        GoalState::AddedToNext(version) => format!("✓ {}", (t.assessment().goal_added_to_next)(version - 1, version)),
        GoalState::InPlan => format!("✓ {}", t.assessment().goal_exists),
        GoalState::Failed(e) => e.to_owned(),
    };
    view! {
        <div class="item-row" data-item=id>
            <fieldset class="rating-group">
                <legend>
                    {t.catalogue().item(item)}
                    {t.catalogue().item_detail(item).map(|d| view! { <span class="item-detail">{(t.catalogue().bracketed)(d)}</span> })}
                </legend>
                <div class="segments">{segments}</div>
            </fieldset>
            <details class="item-memo">
                <summary>{t.assessment().memo} {memo_preview}</summary>
                {text_field("note", t.assessment().note, |e| &e.note, |e, v| e.note = v)}
                {text_field("own-words", t.assessment().own_words, |e| &e.own_words, |e, v| e.own_words = v)}
                {text_field("strengths", t.assessment().strengths, |e| &e.strengths, |e, v| e.strengths = v)}
            </details>
            <div class="goal-line">
                {button}
                <span class="goal-status" role="status" class:error=move || matches!(goal.get(), GoalState::Failed(_))>
                    {status}
                </span>
                {move || {
                    matches!(goal.get(), GoalState::Added | GoalState::AddedToNext(_) | GoalState::InPlan)
                        .then(|| {
                            view! {
                                <A href=format!("/clients/{client_id}/plan") attr:class="goal-plan-link">
                                    {t.assessment().open_plan}
                                </A>
                            }
                        })
                }}
            </div>
        </div>
    }
}

/// 「ゴミ箱に移す」 with a confirmation. Pending edits are stored first.
#[component]
fn DeleteControl(client_id: Uuid, aid: Uuid, t: &'static Texts, flush: Callback<()>) -> impl IntoView {
    view! {
        <section class="card">
            <TrashControl
                id=aid
                in_trash=false
                after_delete=format!("/clients/{client_id}/assessments")
                on_reload=Callback::new(|()| ())
                flush
                confirm=t.assessment().delete_confirm
                notice=t.assessment().in_trash
                t
            />
        </section>
    }
}

/// An assessment in the ゴミ箱: the notice and 「元に戻す」.
#[component]
fn InTrash(aid: Uuid, on_reload: Callback<()>, t: &'static Texts) -> impl IntoView {
    view! {
        <TrashControl
            id=aid
            in_trash=true
            on_reload
            confirm=t.assessment().delete_confirm
            notice=t.assessment().in_trash
            t
        />
    }
}
