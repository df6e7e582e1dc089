//! The meeting form on the record editor (kept as a draft until saved): who
//! came, who explained which plan, what was said and decided; under it, as
//! it is typed, whether the meeting can be claimed with the client's other
//! meetings — so a meeting planned in a month already claimed is seen before
//! it is held.

use super::{outcomes, Loaded, OutcomeLine};
use crate::components::field::{SelectField, SelectOption, TextArea, TextField};
use crate::components::form_ctx::problem_of;
use crate::components::loading::when_ready;
use crate::components::save_state::SaveState;
use crate::components::trash_control::TrashControl;
use crate::editor::{self, Commit, RecordEditor};
use crate::i18n::Texts;
use crate::store::store;
use leptos::prelude::*;
use renkei_domain::meeting::{Division, MeetingField, MeetingForm, ParticipantForm, PlanPart, YearWindow};
use renkei_domain::plan::JobRole;
use uuid::Uuid;

fn draft_key(client: Uuid, id: Option<Uuid>) -> String {
    match id {
        Some(id) => id.to_string(),
        None => format!("meeting-new-{client}"),
    }
}

/// Opens the editor on a stored meeting (`which`) or a new one.
#[component]
pub fn MeetingEditor(
    t: &'static Texts,
    client: Uuid,
    loaded: Loaded,
    which: Option<Uuid>,
    window: YearWindow,
    on_saved: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let record = which.and_then(|id| loaded.meetings.iter().find(|r| r.meta.id == id).cloned());
    let key = draft_key(client, which);
    let opened = LocalResource::new({
        let key = key.clone();
        move || {
            let (key, record) = (key.clone(), record.clone());
            async move {
                let s = store().await?;
                editor::open::<MeetingForm>(&s, &key, record).await
            }
        }
    });
    let loaded = StoredValue::new(loaded);
    move || {
        when_ready(t, opened.get(), |o| {
            let id = which.unwrap_or_else(Uuid::new_v4);
            let fresh = MeetingForm {
                client_id: client,
                date: chrono::Local::now().date_naive().to_string(),
                explainer_role: Some(JobRole::ServiceManager),
                ..Default::default()
            };
            let actor = loaded.with_value(|l| l.actor.clone());
            let editor = RecordEditor::new(id, key.clone(), actor, Commit::OnSubmit, o, fresh);
            view! { <Form t id editor loaded window is_new=which.is_none() on_saved on_close /> }.into_any()
        })
    }
}

#[component]
fn Form(
    t: &'static Texts,
    id: Uuid,
    editor: RecordEditor<MeetingForm>,
    loaded: StoredValue<Loaded>,
    window: YearWindow,
    is_new: bool,
    on_saved: Callback<()>,
    on_close: Callback<()>,
) -> impl IntoView {
    let m = t.meetings();
    let form = editor.form;
    let submitted = RwSignal::new(false);
    let errors = Memo::new(move |_| form.with(|f| f.validate().err().unwrap_or_default()));
    let error = move |field: MeetingField| problem_of(t, errors, submitted, field);
    let edit = move |change: Box<dyn FnOnce(&mut MeetingForm)>| editor.edit(change);
    let failure = Memo::new(move |_| match editor.state.get() {
        SaveState::Failed(e) => Some(t.common.store_error(&e)),
        _ => None,
    });
    let preview = Memo::new(move |_| {
        let meeting = form.with(|f| f.validate().ok())?;
        loaded.with_value(|l| outcomes(l, Some((id, &meeting)), window).remove(&id))
    });
    let save = move |_| {
        if editor.busy() {
            return;
        }
        submitted.set(true);
        let _ = editor.submit(move |_| on_saved.run(()));
    };

    let roles: Vec<SelectOption> = std::iter::once(SelectOption::new("", m.choose_role))
        .chain(JobRole::ALL.into_iter().map(|r| SelectOption::new(r.code(), (t.record_words().job_role)(r))))
        .collect();
    let plans: Vec<SelectOption> = loaded.with_value(|l| {
        std::iter::once(SelectOption::new("", m.no_plan))
            .chain(l.plans.iter().map(|p| SelectOption::new(p.id.to_string(), (m.plan_version)(p.version))))
            .collect()
    });
    let agencies: Vec<SelectOption> = loaded.with_value(|l| {
        std::iter::once(SelectOption::new("", m.no_agency))
            .chain(l.agencies.iter().map(|a| SelectOption::new(a.meta.id.to_string(), a.data.name.clone())))
            .collect()
    });
    let uuid_text = |id: Option<Uuid>| id.map(|i| i.to_string()).unwrap_or_default();
    let heading = if is_new { m.editor_new } else { m.editor_edit };
    view! {
        <section class="card meeting-editor" aria-labelledby="meeting-editor">
            <h2 id="meeting-editor">{heading}</h2>
            <form on:submit=|ev| ev.prevent_default()>
                <div class="grid-2">
                    <TextField
                        id="meeting-date"
                        label=m.date
                        value=Signal::derive(move || form.with(|f| f.date.clone()))
                        on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.date = v)))
                        error=error(MeetingField::Date)
                        input_type="date"
                    />
                    <label class="check">
                        <input
                            type="checkbox"
                            prop:checked=move || form.with(|f| f.online)
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                edit(Box::new(move |f| f.online = on));
                            }
                        />
                        <span>{m.online_label}</span>
                    </label>
                </div>
                <fieldset class="participants">
                    <legend>{m.participants}</legend>
                    <p class="hint">{m.participants_hint}</p>
                    <For
                        each=move || form.with(|f| f.participants.iter().map(|p| p.id).collect::<Vec<_>>())
                        key=|id| *id
                        children=move |pid| {
                            let part = move || form.with(|f| f.participants.iter().find(|p| p.id == pid).cloned().unwrap_or_default());
                            let set = move |change: Box<dyn FnOnce(&mut ParticipantForm)>| {
                                edit(Box::new(move |f| {
                                    if let Some(p) = f.participants.iter_mut().find(|p| p.id == pid) {
                                        change(p);
                                    }
                                }))
                            };
                            view! {
                                <div class="participant grid-2">
                                    <SelectField
                                        id=format!("participant-{pid}-agency")
                                        label=m.participant_agency
                                        value=Signal::derive(move || uuid_text(part().agency_id))
                                        on_change=Callback::new(move |v: String| set(Box::new(move |p| p.agency_id = Uuid::parse_str(&v).ok())))
                                        options=agencies.clone()
                                    />
                                    <TextField
                                        id=format!("participant-{pid}-name")
                                        label=m.participant_name
                                        value=Signal::derive(move || part().name)
                                        on_input=Callback::new(move |v: String| set(Box::new(move |p| p.name = v)))
                                    />
                                    <TextField
                                        id=format!("participant-{pid}-role")
                                        label=m.participant_role
                                        value=Signal::derive(move || part().role)
                                        on_input=Callback::new(move |v: String| set(Box::new(move |p| p.role = v)))
                                    />
                                    <button
                                        type="button"
                                        class="button"
                                        on:click=move |_| edit(Box::new(move |f| f.participants.retain(|p| p.id != pid)))
                                    >
                                        {m.remove_participant}
                                    </button>
                                </div>
                            }
                        }
                    />
                    <button
                        type="button"
                        class="button"
                        on:click=move |_| edit(Box::new(|f| f.participants.push(ParticipantForm { id: Uuid::new_v4(), ..Default::default() })))
                    >
                        {m.add_participant}
                    </button>
                    {move || error(MeetingField::Participants).get().map(|e| view! { <p class="error-text">{e}</p> })}
                </fieldset>
                <div class="grid-2">
                    <TextField
                        id="meeting-explained-by"
                        label=m.explained_by
                        value=Signal::derive(move || form.with(|f| f.explained_by.clone()))
                        on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.explained_by = v)))
                        error=error(MeetingField::ExplainedBy)
                    />
                    <SelectField
                        id="meeting-role"
                        label=m.explainer_role
                        value=Signal::derive(move || form.with(|f| f.explainer_role.map(|r| r.code().to_owned()).unwrap_or_default()))
                        on_change=Callback::new(move |v: String| edit(Box::new(move |f| f.explainer_role = JobRole::from_code(&v))))
                        options=roles
                    />
                </div>
                <fieldset class="chips">
                    <legend>{m.division_label}</legend>
                    {[Division::One, Division::Two]
                        .into_iter()
                        .map(|d| view! {
                            <label class="chip">
                                <input
                                    type="radio"
                                    name="meeting-division"
                                    prop:checked=move || form.with(|f| f.division == d)
                                    on:change=move |_| edit(Box::new(move |f| f.division = d))
                                />
                                <span>{(m.division)(d)}</span>
                            </label>
                        })
                        .collect_view()}
                </fieldset>
                <div class="grid-2">
                    <SelectField
                        id="meeting-plan"
                        label=m.plan
                        value=Signal::derive(move || form.with(|f| uuid_text(f.plan_id)))
                        on_change=Callback::new(move |v: String| edit(Box::new(move |f| f.plan_id = Uuid::parse_str(&v).ok())))
                        options=plans.clone()
                    />
                    <SelectField
                        id="meeting-plan-part"
                        label=m.plan_part_label
                        value=Signal::derive(move || form.with(|f| if f.plan_part == PlanPart::Draft { "draft" } else { "progress" }.to_owned()))
                        on_change=Callback::new(move |v: String| {
                            let part = if v == "progress" { PlanPart::Progress } else { PlanPart::Draft };
                            edit(Box::new(move |f| f.plan_part = part));
                        })
                        options=vec![
                            SelectOption::new("draft", (m.plan_part)(PlanPart::Draft)),
                            SelectOption::new("progress", (m.plan_part)(PlanPart::Progress)),
                        ]
                    />
                </div>
                <TextArea
                    id="meeting-opinions"
                    label=m.opinions
                    value=Signal::derive(move || form.with(|f| f.opinions.clone()))
                    on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.opinions = v)))
                    error=error(MeetingField::Opinions)
                />
                <TextArea
                    id="meeting-decisions"
                    label=m.decisions
                    value=Signal::derive(move || form.with(|f| f.decisions.clone()))
                    on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.decisions = v)))
                    error=error(MeetingField::Decisions)
                />
                <div class="grid-2">
                    <SelectField
                        id="meeting-new-plan"
                        label=m.new_plan
                        value=Signal::derive(move || form.with(|f| uuid_text(f.new_plan_id)))
                        on_change=Callback::new(move |v: String| edit(Box::new(move |f| f.new_plan_id = Uuid::parse_str(&v).ok())))
                        options=plans
                    />
                    <TextField
                        id="meeting-shared-on"
                        label=m.shared_on
                        hint=m.shared_on_hint
                        value=Signal::derive(move || form.with(|f| f.shared_on.clone()))
                        on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.shared_on = v)))
                        error=error(MeetingField::SharedOn)
                        input_type="date"
                    />
                </div>
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || form.with(|f| f.claim_this)
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            edit(Box::new(move |f| f.claim_this = on));
                        }
                    />
                    <span>{m.claim_this}</span>
                </label>
                <p class="hint">{m.claim_this_hint}</p>
                <section class="preview" aria-labelledby="meeting-preview" aria-live="polite">
                    <h3 id="meeting-preview">{m.preview}</h3>
                    {move || view! { <OutcomeLine t outcome=preview.get() id="meeting-outcome".to_owned() /> }}
                </section>
                {move || failure.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
                <p class="actions">
                    <button type="button" class="button primary" on:click=save>{m.save}</button>
                    " "
                    <button type="button" class="button" on:click=move |_| on_close.run(())>{m.close}</button>
                </p>
            </form>
            // A stored meeting only; once in the trash it leaves the list and
            // the claim checks, and the editor closes with it (`on_saved`).
            {(!is_new).then(|| view! {
                <TrashControl id in_trash=false on_reload=on_saved confirm=m.delete_confirm t />
            })}
        </section>
    }
}
