//! 支援記録の入力: `/clients/:id/notes/new` writes a note, and
//! `/clients/:id/notes/:note_id` edits one with the same form.
//!
//! The quick path is two taps: 「記録する」 opens the form with the current
//! time, the place used last and the cursor in the text; 「保存」 stores the
//! note in IndexedDB (no network needed) and goes back to the timeline.
//! Everything else (place details, goals, domains, follow-up) is folded away.
//!
//! Typed text is never lost: until it is saved, the form is kept as a draft
//! (see [`crate::editor`]) and comes back when the form is opened again, also
//! after a reload or a killed browser.

use super::history::{NoteConflicts, NoteHistory};
use super::{client_info, domain_choices, last_place, remember_place, timeline_href, ClientInfo, GoalChoice};
use crate::components::field::{TextArea, TextField};
use crate::components::loading::when_loaded;
use crate::components::save_state::SaveState;
use crate::components::trash_control::TrashControl;
use crate::editor::{self, Commit, Opened, RecordEditor};
use crate::i18n::{use_texts, Texts};
use crate::store::{store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use renkei_domain::plan::LifeDomainKey;
use renkei_domain::sync::RecordState;
use renkei_domain::visit_note::{Place, VisitNote, VisitNoteField, VisitNoteForm};
use renkei_domain::{Record, RecordKind};
use std::sync::Arc;
use uuid::Uuid;
use wasm_bindgen::JsCast;

#[component]
pub fn NoteEntryPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    // `None` inside: a new note.
    let target = Memo::new(move |_| {
        let p = params.read();
        let client_id = p.get("id").and_then(|s| Uuid::parse_str(&s).ok())?;
        match p.get("note_id").as_deref() {
            Some("new") => Some((client_id, None)),
            Some(s) => Uuid::parse_str(s).ok().map(|id| (client_id, Some(id))),
            None => None,
        }
    });
    move || match target.get() {
        Some((client_id, note_id)) => view! { <EntryLoader client_id note_id /> }.into_any(),
        None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
    }
}

/// What the form starts from.
#[derive(Clone)]
struct Loaded {
    info: ClientInfo,
    /// The note being edited (`record` is `None` for a new one) and any
    /// unsaved input left from an earlier visit.
    opened: Opened<VisitNoteForm>,
    actor: String,
    /// The note's merge state (values, conflicts, history); `None` for a
    /// new note.
    state: Option<Arc<RecordState>>,
}

/// Key of the unsaved form: the note's id, and one per client for the note
/// being written.
fn draft_key(client_id: Uuid, note_id: Option<Uuid>) -> String {
    match note_id {
        Some(id) => id.to_string(),
        None => format!("note-new-{client_id}"),
    }
}

fn two_digits(n: u32) -> String {
    if n < 10 {
        format!("0{n}")
    } else {
        n.to_string()
    }
}

/// A new note: now, at the place used last.
fn new_form(client_id: Uuid) -> VisitNoteForm {
    use chrono::Timelike;
    let now = chrono::Local::now().naive_local();
    VisitNoteForm {
        id: Uuid::new_v4(),
        client_id,
        date: now.date().to_string(),
        time: format!("{}:{}", two_digits(now.hour()), two_digits(now.minute())),
        place: last_place(),
        ..Default::default()
    }
}

async fn load(t: &'static Texts, client_id: Uuid, note_id: Option<Uuid>) -> Result<Option<Loaded>, StoreError> {
    let s = store().await?;
    let Some(info) = client_info(&s, t, client_id).await? else {
        return Ok(None);
    };
    let record = match note_id {
        None => None,
        Some(id) => match s.record_of::<VisitNote>(RecordKind::VisitNote, id).await? {
            Some(r) if r.data.client_id == client_id => Some(r),
            _ => return Ok(None),
        },
    };
    let mut opened = editor::open::<VisitNoteForm>(&s, &draft_key(client_id, note_id), record).await?;
    if let Some(form) = &mut opened.restored {
        // A new note saved after all is not offered again.
        if note_id.is_none() && s.record(form.id).await?.is_some() {
            opened.restored = None;
        } else {
            form.client_id = client_id;
            if let Some(id) = note_id {
                form.id = id;
            }
        }
    }
    let state = match note_id {
        Some(id) => s.merge_state(id).await?.map(Arc::new),
        None => None,
    };
    Ok(Some(Loaded { info, opened, actor: s.device_id().await?, state }))
}

#[component]
fn EntryLoader(client_id: Uuid, note_id: Option<Uuid>) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || load(t, client_id, note_id));
    move || {
        when_loaded(t, loaded.get(), |l| {
            view! { <NoteEditor client_id loaded=l on_reload=Callback::new(move |()| loaded.refetch()) /> }.into_any()
        })
    }
}

/// A change to the form (boxed so one callback type serves every field).
struct Change(Box<dyn FnOnce(&mut VisitNoteForm)>);

/// Where a problem is shown: the input's id and the folded section it is
/// in, if any.
fn input_of(field: VisitNoteField) -> (&'static str, Option<Section>) {
    match field {
        VisitNoteField::Date | VisitNoteField::Time => ("note-at", None),
        VisitNoteField::Text => ("note-text", None),
        VisitNoteField::PlaceDetail => ("note-place-detail", Some(Section::Details)),
        VisitNoteField::FollowUpText => ("note-follow-up", Some(Section::FollowUp)),
        VisitNoteField::FollowUpDue => ("note-follow-up-due", Some(Section::FollowUp)),
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Details,
    FollowUp,
}

fn focus(id: &str) {
    if let Some(el) = document().get_element_by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = el.focus();
    }
}

/// Names as typed in 同席者, split at 「、」 or commas (empty pieces are
/// dropped on save).
fn split_names(s: &str) -> Vec<String> {
    s.split(['、', ',', '，']).map(str::to_owned).collect()
}

#[component]
fn NoteEditor(client_id: Uuid, loaded: Loaded, on_reload: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let Loaded { info, opened, actor, state } = loaded;
    let is_new = opened.record.is_none();
    let in_trash = opened.record.as_ref().is_some_and(|r| r.meta.deleted);
    let note_id = opened.record.as_ref().map(|r| r.meta.id);
    let today = chrono::Local::now().date_naive();
    let fresh = new_form(client_id);
    let id = note_id.unwrap_or(opened.restored.as_ref().map_or(fresh.id, |f| f.id));
    let fresh = VisitNoteForm { id, ..fresh };
    let editor = RecordEditor::new(id, draft_key(client_id, note_id), actor, Commit::OnSubmit, opened, fresh);
    let form = editor.form;
    let start = form.get_untracked();
    let present_text = RwSignal::new(start.present.join("、"));
    let open_details = RwSignal::new(!start.place_detail.is_empty() || !start.present.is_empty());
    let open_links = RwSignal::new(!start.goal_ids.is_empty() || !start.life_domains.is_empty());
    let open_follow_up = RwSignal::new(!start.follow_up_text.is_empty() || !start.follow_up_due.is_empty());
    let restored_notice = editor.restored;
    // Problems show once 「保存」 has been tried.
    let submitted = RwSignal::new(false);
    let saving = Signal::derive(move || editor.state.get() == SaveState::Saving);
    let failure = Memo::new(move |_| match editor.state.get() {
        SaveState::Failed(e) => Some(t.common.store_error(&e)),
        _ => None,
    });
    let errors = Memo::new(move |_| form.with(|f| f.validate(today).err().unwrap_or_default()));

    let edit = Callback::new(move |c: Change| editor.edit(c.0));
    let set = move |apply: fn(&mut VisitNoteForm, String)| {
        Callback::new(move |v: String| edit.run(Change(Box::new(move |f| apply(f, v)))))
    };
    let value = move |get: fn(&VisitNoteForm) -> &String| Signal::derive(move || form.with(|f| get(f).clone()));
    let error = move |fields: &'static [VisitNoteField]| {
        Signal::derive(move || {
            if !submitted.get() {
                return None;
            }
            errors.with(|es| {
                es.iter().find(|e| fields.contains(&e.field)).map(|e| (t.record_words().field_problem)(e.problem))
            })
        })
    };
    let section_open = move |s: Section| match s {
        Section::Details => open_details,
        Section::FollowUp => open_follow_up,
    };

    let navigate = use_navigate();
    let save = move || {
        if editor.busy() {
            return;
        }
        submitted.set(true);
        let navigate = navigate.clone();
        let done = move |record: Record<VisitNote>| {
            remember_place(record.data.place);
            navigate(
                &format!("{}?saved={}", timeline_href(client_id), record.meta.id),
                NavigateOptions { replace: true, ..Default::default() },
            );
        };
        if let Err(problems) = editor.submit(done) {
            if let Some((id, section)) = problems.first().map(|p| input_of(p.field)) {
                if let Some(s) = section {
                    section_open(s).set(true);
                }
                request_animation_frame(move || focus(id));
            }
        }
    };
    let discard = move |_| {
        editor.discard();
        present_text.set(form.with_untracked(|f| f.present.join("、")));
        submitted.set(false);
    };

    if is_new {
        Effect::new(move |_| request_animation_frame(|| focus("note-text")));
    }

    let goals = info.goals.clone();
    let info = Arc::new(info);
    let conflicts = state.clone().zip(note_id).map(|(state, id)| {
        let info = info.clone();
        view! { <NoteConflicts t id state info on_resolved=on_reload /> }
    });
    let history = state.map(|state| view! { <NoteHistory t state info=info.clone() /> });
    let title = if is_new { t.notes().new_title } else { t.notes().edit_title };
    view! {
        <p class="back-link">
            <A href=timeline_href(client_id)>{t.notes().back}</A>
        </p>
        <h1>{title}</h1>
        <p class="note-client">{(t.notes().for_client)(&info.name)}</p>
        {in_trash.then(|| note_id.map(|id| view! { <NoteTrash client_id id in_trash=true on_reload t /> }))}
        {conflicts}
        <Show when=move || restored_notice.get()>
            <div class="notice info">
                <p>{t.notes().draft_restored}</p>
                <button type="button" class="button" on:click=discard>
                    {t.notes().discard_draft}
                </button>
            </div>
        </Show>
        <form
            class="note-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                save();
            }
        >
            <TextField
                id="note-at"
                label=t.notes().at
                input_type="datetime-local"
                value=Signal::derive(move || {
                    form.with(|f| match (f.date.is_empty(), f.time.is_empty()) {
                        (true, _) => String::new(),
                        (false, true) => f.date.clone(),
                        (false, false) => format!("{}T{}", f.date, f.time),
                    })
                })
                on_input=set(|f, v| match v.split_once('T') {
                    Some((date, time)) => {
                        f.date = date.to_owned();
                        f.time = time.to_owned();
                    }
                    None => {
                        f.date = v;
                        f.time = String::new();
                    }
                })
                error=error(&[VisitNoteField::Date, VisitNoteField::Time])
            />
            <fieldset class="chips">
                <legend>{t.notes().place}</legend>
                {Place::ALL
                    .into_iter()
                    .map(|p| {
                        let choose = move |_| {
                            edit.run(Change(Box::new(move |f| f.place = p)));
                            if p == Place::Other {
                                open_details.set(true);
                            }
                        };
                        view! {
                            <label class="chip">
                                <input
                                    type="radio"
                                    name="note-place"
                                    prop:checked=move || form.with(|f| f.place == p)
                                    on:change=choose
                                />
                                <span>{(t.notes().place_name)(p)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <TextArea
                id="note-text"
                label=t.notes().text
                value=value(|f| &f.text)
                on_input=set(|f, v| f.text = v)
                error=error(&[VisitNoteField::Text])
            />
            <Fold open=open_details summary=t.notes().details>
                <TextField
                    id="note-place-detail"
                    label=t.notes().place_detail
                    value=value(|f| &f.place_detail)
                    on_input=set(|f, v| f.place_detail = v)
                    error=error(&[VisitNoteField::PlaceDetail])
                />
                <TextField
                    id="note-present"
                    label=t.notes().present
                    hint=t.notes().present_hint
                    value=present_text
                    on_input=Callback::new(move |v: String| {
                        let names = split_names(&v);
                        present_text.set(v);
                        edit.run(Change(Box::new(move |f| f.present = names)));
                    })
                />
            </Fold>
            <Fold open=open_links summary=t.notes().links>
                <LinkChoices form edit goals t />
            </Fold>
            <Fold open=open_follow_up summary=t.notes().follow_up>
                <TextField
                    id="note-follow-up"
                    label=t.notes().follow_up_text
                    value=value(|f| &f.follow_up_text)
                    on_input=set(|f, v| f.follow_up_text = v)
                    error=error(&[VisitNoteField::FollowUpText])
                />
                <TextField
                    id="note-follow-up-due"
                    label=t.notes().follow_up_due
                    input_type="date"
                    value=value(|f| &f.follow_up_due)
                    on_input=set(|f, v| f.follow_up_due = v)
                    error=error(&[VisitNoteField::FollowUpDue])
                />
                {(!is_new)
                    .then(|| {
                        view! {
                            <label class="check">
                                <input
                                    type="checkbox"
                                    prop:checked=move || form.with(|f| f.follow_up_done)
                                    on:change=move |ev| {
                                        let done = event_target_checked(&ev);
                                        edit.run(Change(Box::new(move |f| f.follow_up_done = done)));
                                    }
                                />
                                <span>{t.notes().follow_up_done}</span>
                            </label>
                        }
                    })}
            </Fold>
            <div class="note-save">
                <div aria-live="polite">
                    <Show when=move || submitted.get() && errors.with(|e| !e.is_empty())>
                        <p class="notice error">{t.notes().has_errors}</p>
                    </Show>
                    {move || failure.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                </div>
                <button type="submit" class="button primary big" disabled=move || saving.get()>
                    {t.notes().save}
                </button>
            </div>
        </form>
        {history}
        {(!is_new && !in_trash)
            .then(|| note_id.map(|id| view! { <NoteTrash client_id id in_trash=false on_reload t /> }))}
    }
}

/// A folded part of the form whose open state the form can set (to show a
/// problem inside it).
#[component]
fn Fold(open: RwSignal<bool>, summary: &'static str, children: Children) -> impl IntoView {
    view! {
        <details
            class="fold"
            prop:open=move || open.get()
            on:toggle=move |ev| {
                if let Some(el) = ev.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
                    open.set(el.has_attribute("open"));
                }
            }
        >
            <summary>{summary}</summary>
            <div class="fold-body">{children()}</div>
        </details>
    }
}

/// Toggle chips for the plan's goals and the eight life domains.
#[component]
fn LinkChoices(
    form: RwSignal<VisitNoteForm>,
    edit: Callback<Change>,
    goals: Vec<GoalChoice>,
    t: &'static Texts,
) -> impl IntoView {
    let goal_chips = if goals.is_empty() {
        view! { <p class="muted">{t.notes().no_goals}</p> }.into_any()
    } else {
        goals
            .into_iter()
            .map(|g| {
                let id = g.id;
                let toggle = move |ev: leptos::ev::Event| {
                    let on = event_target_checked(&ev);
                    edit.run(Change(Box::new(move |f| {
                        f.goal_ids.retain(|x| *x != id);
                        if on {
                            f.goal_ids.push(id);
                        }
                    })));
                };
                view! {
                    <label class="chip">
                        <input
                            type="checkbox"
                            prop:checked=move || form.with(|f| f.goal_ids.contains(&id))
                            on:change=toggle
                        />
                        <span>{g.label}</span>
                    </label>
                }
            })
            .collect_view()
            .into_any()
    };
    let domain_chips = domain_choices(t)
        .into_iter()
        .map(|(key, label)| {
            let toggle = move |ev: leptos::ev::Event| {
                let on = event_target_checked(&ev);
                edit.run(Change(Box::new(move |f| {
                    f.life_domains.retain(|d| d.as_str() != key);
                    if on {
                        f.life_domains.push(LifeDomainKey::new(key));
                    }
                })));
            };
            view! {
                <label class="chip">
                    <input
                        type="checkbox"
                        prop:checked=move || form.with(|f| f.life_domains.iter().any(|d| d.as_str() == key))
                        on:change=toggle
                    />
                    <span>{label}</span>
                </label>
            }
        })
        .collect_view();
    view! {
        <fieldset class="chips">
            <legend>{t.notes().goals}</legend>
            {goal_chips}
        </fieldset>
        <fieldset class="chips">
            <legend>{t.notes().domains}</legend>
            {domain_chips}
        </fieldset>
    }
}

/// 「ゴミ箱に移す」 or, in the trash, 「元に戻す」 for a note.
#[component]
fn NoteTrash(client_id: Uuid, id: Uuid, in_trash: bool, on_reload: Callback<()>, t: &'static Texts) -> impl IntoView {
    view! {
        <section class="note-trash">
            <TrashControl
                id
                in_trash
                after_delete=timeline_href(client_id)
                on_reload
                confirm=t.notes().delete_confirm
                notice=t.notes().in_trash
                t
            />
        </section>
    }
}
