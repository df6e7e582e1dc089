//! 連絡記録 on an agency's page: a new entry in two taps and a sentence (the
//! way of contact is preselected, the day and time are now), kept as a draft
//! until 「記録する」 stores it, offline or not; and the entries, newest
//! first. The last one is the agency's last contact in the directory. An
//! entry is corrected with the same form, and the correction never erases
//! what it replaced: each entry's history shows every wording.

use super::code;
use crate::components::field::{SelectField, SelectOption, TextArea, TextField};
use crate::components::form_ctx::problem_of;
use crate::components::loading::when_ready;
use crate::components::record_history::{HistoryWords, RecordHistory};
use crate::components::save_state::SaveState;
use crate::components::trash_control::TrashControl;
use crate::editor::{self, Commit, Opened, RecordEditor};
use crate::i18n::{use_texts, Texts};
use crate::store::{store, StoreError};
use leptos::prelude::*;
use renkei_domain::network::{Agency, Channel, Contact, ContactField, ContactForm, ContactPerson};
use renkei_domain::{ClientList, Record, RecordKind};
use uuid::Uuid;

#[derive(Clone)]
struct Loaded {
    entries: Vec<Record<Contact>>,
    people: Vec<ContactPerson>,
    clients: ClientList,
    opened: Opened<ContactForm>,
    actor: String,
}

fn draft_key(agency: Uuid) -> String {
    format!("contact-new-{agency}")
}

async fn load(agency: Uuid) -> Result<Loaded, StoreError> {
    let s = store().await?;
    let mut entries: Vec<Record<Contact>> = s
        .live_of_kind::<Contact>(RecordKind::Contact)
        .await?
        .into_iter()
        .filter(|c| c.data.agency_id == agency)
        .collect();
    entries.sort_by(|a, b| b.data.at.cmp(&a.data.at).then(b.meta.created_at.cmp(&a.meta.created_at)));
    let people = s.record_of::<Agency>(RecordKind::Agency, agency).await?.map(|r| r.data.people).unwrap_or_default();
    let opened = editor::open::<ContactForm>(&s, &draft_key(agency), None).await?;
    Ok(Loaded { entries, people, clients: s.client_list().await?, opened, actor: s.device_id().await? })
}

#[component]
pub fn ContactLog(agency: Uuid) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || {
        crate::live::track_changes();
        load(agency)
    });
    // A saved entry reloads the list, and the form starts again (a new
    // record) saying the last one is stored.
    let saved = RwSignal::new(false);
    let on_saved = Callback::new(move |()| {
        saved.set(true);
        loaded.refetch();
    });
    // An entry moved to the ゴミ箱 leaves the list, and nothing is 「記録しました」.
    let on_trashed = Callback::new(move |()| loaded.refetch());
    view! {
        <section class="card" aria-labelledby="sec-contacts">
            <h2 id="sec-contacts">{t.agencies().contacts}</h2>
            <p class="hint">{t.agencies().contacts_hint}</p>
            {move || when_ready(t, loaded.get(), |l| view! { <LogBody t agency loaded=l saved on_saved on_trashed /> }.into_any())}
        </section>
    }
}

#[component]
fn LogBody(
    t: &'static Texts,
    agency: Uuid,
    loaded: Loaded,
    saved: RwSignal<bool>,
    on_saved: Callback<()>,
    on_trashed: Callback<()>,
) -> impl IntoView {
    let Loaded { entries, people, clients, opened, actor } = loaded;
    let name_of_client = {
        let clients = clients.clone();
        move |id: Uuid| clients.clients.iter().find(|c| c.id == id).map(|c| c.name.clone())
    };
    let name_of_person = {
        let people = people.clone();
        move |id: Uuid| people.iter().find(|p| p.id == id).map(|p| p.name.clone())
    };
    view! {
        <NewEntry
            t
            agency
            people=people.clone()
            clients=clients.clone()
            opened
            actor=actor.clone()
            saved
            on_saved
        />
        {if entries.is_empty() {
            view! { <p class="muted" id="contacts-empty">{t.agencies().contacts_none}</p> }.into_any()
        } else {
            view! {
                <ol class="contact-list" aria-label=t.agencies().contacts>
                    {entries
                        .into_iter()
                        .map(|r| {
                            let client = r.data.client_id.and_then(&name_of_client);
                            let person = r.data.person_id.and_then(&name_of_person);
                            view! {
                                <ContactEntry
                                    t
                                    record=r
                                    client
                                    person
                                    people=people.clone()
                                    clients=clients.clone()
                                    actor=actor.clone()
                                    on_saved
                                    on_trashed
                                />
                            }
                        })
                        .collect_view()}
                </ol>
            }
            .into_any()
        }}
    }
}

#[component]
fn NewEntry(
    t: &'static Texts,
    agency: Uuid,
    people: Vec<ContactPerson>,
    clients: ClientList,
    opened: Opened<ContactForm>,
    actor: String,
    saved: RwSignal<bool>,
    on_saved: Callback<()>,
) -> impl IntoView {
    let fresh = ContactForm::new(Some(agency), None, chrono::Local::now().naive_local());
    view! {
        <EntryForm
            t
            id=Uuid::new_v4()
            key=draft_key(agency)
            prefix="contact".into()
            people
            clients
            opened
            fresh
            actor
            save_label=t.agencies().contact_save
            saved
            saved_label=t.agencies().contact_saved
            on_saved
        />
    }
}

/// The fields every contact leaves out of its history: they identify it.
const HIDDEN: [&str; 1] = ["agency_id"];

/// One entry of the log, with 「訂正する」 opening the same form on it and
/// the entry's history under the form.
#[component]
fn ContactEntry(
    t: &'static Texts,
    record: Record<Contact>,
    client: Option<String>,
    person: Option<String>,
    people: Vec<ContactPerson>,
    clients: ClientList,
    actor: String,
    on_saved: Callback<()>,
    on_trashed: Callback<()>,
) -> impl IntoView {
    let network = t.network();
    let id = record.meta.id;
    let c = record.data.clone();
    let when = c.at.map(t.common.date_time).unwrap_or_default();
    let by = record.meta.created_by_name.clone();
    let corrected = record.meta.updated_at > record.meta.created_at;
    let open = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let loaded = LocalResource::new(move || {
        let record = record.clone();
        async move {
            if !open.get() {
                return Ok(None);
            }
            let s = store().await?;
            let opened = editor::open::<ContactForm>(&s, &id.to_string(), Some(record)).await?;
            let state = s.merge_state(id).await?.map(std::sync::Arc::new);
            Ok::<_, StoreError>(Some((opened, state)))
        }
    });
    let label_people = people.clone();
    let label_clients = clients.clone();
    let words = move || HistoryWords {
        summary: t.agencies().contact_history,
        help: t.agencies().contact_history_help,
        created: t.agencies().contact_created,
        corrected: t.agencies().contact_corrected,
        label: std::sync::Arc::new(move |field| field_label(t, field).to_owned()),
        value: {
            let (people, clients) = (label_people.clone(), label_clients.clone());
            std::sync::Arc::new(move |field, value| value_text(t, &people, &clients, field, value))
        },
    };
    view! {
        <li id=format!("contact-{id}")>
            <p class="contact-head">
                <span class="badge">{(network.channel)(c.channel)}</span>
                <span>{when}</span>
                {person.map(|p| view! { <span>{(t.agencies().with_person)(&p)}</span> })}
                {client.map(|n| view! { <span class="badge muted">{(t.agencies().about_client)(&n)}</span> })}
                {corrected.then(|| view! { <span class="badge muted">{t.agencies().contact_was_corrected}</span> })}
            </p>
            <p class="contact-text">{c.text}</p>
            {by.map(|b| view! { <p class="muted">{(t.agencies().written_by)(&b)}</p> })}
            <button
                type="button"
                class="button"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {t.agencies().contact_correct}
            </button>
            {move || match loaded.get() {
                Some(Ok(Some((opened, state)))) => {
                    let done = Callback::new(move |()| {
                        open.set(false);
                        on_saved.run(());
                    });
                    view! {
                        <EntryForm
                            t
                            id
                            key=id.to_string()
                            prefix=format!("contact-{id}")
                            people=people.clone()
                            clients=clients.clone()
                            opened
                            fresh=ContactForm::default()
                            actor=actor.clone()
                            save_label=t.agencies().contact_save_correction
                            saved
                            saved_label=t.agencies().contact_saved
                            on_saved=done
                        />
                        {state.map(|state| view! { <RecordHistory t state hidden=&HIDDEN words=words() /> })}
                        // An entry written by mistake (the wrong agency, twice):
                        // out of the log and the last contact, restorable.
                        <TrashControl id in_trash=false on_reload=on_trashed confirm=t.agencies().contact_delete_confirm t />
                    }
                    .into_any()
                }
                Some(Err(e)) => view! { <p class="notice error" role="alert">{t.common.store_error(&e)}</p> }.into_any(),
                _ => ().into_any(),
            }}
        </li>
    }
}

fn field_label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "channel" => t.agencies().channel,
        "at" => t.agencies().contact_date,
        "text" => t.agencies().contact_text,
        "person_id" => t.agencies().contact_person,
        "client_id" => t.agencies().contact_client,
        renkei_domain::sync::DELETED_FIELD => t.conflicts.deleted,
        _ => t.conflicts.empty,
    }
}

/// A stored value as the entry shows it.
fn value_text(
    t: &'static Texts,
    people: &[ContactPerson],
    clients: &ClientList,
    field: &str,
    value: &serde_json::Value,
) -> String {
    use crate::components::conflicts::plain_value;
    let id = || value.as_str().and_then(|s| Uuid::parse_str(s).ok());
    match field {
        "channel" => serde_json::from_value::<Channel>(value.clone())
            .map_or_else(|_| plain_value(t, value), |c| (t.network().channel)(c).to_owned()),
        "at" => value
            .as_str()
            .and_then(|s| s.parse::<chrono::NaiveDateTime>().ok())
            .map_or_else(|| plain_value(t, value), t.common.date_time),
        "person_id" => id()
            .and_then(|p| people.iter().find(|x| x.id == p).map(|x| x.name.clone()))
            .unwrap_or_else(|| t.agencies().person_unnamed.to_owned()),
        "client_id" => id()
            .and_then(|c| clients.clients.iter().find(|x| x.id == c).map(|x| x.name.clone()))
            .unwrap_or_else(|| t.agencies().no_client.to_owned()),
        _ => plain_value(t, value),
    }
}

/// The contact form: a new entry or a correction of one (`id`, `key`, and
/// the element ids under `prefix`).
#[component]
fn EntryForm(
    t: &'static Texts,
    id: Uuid,
    key: String,
    prefix: String,
    people: Vec<ContactPerson>,
    clients: ClientList,
    opened: Opened<ContactForm>,
    fresh: ContactForm,
    actor: String,
    save_label: &'static str,
    saved: RwSignal<bool>,
    saved_label: &'static str,
    on_saved: Callback<()>,
) -> impl IntoView {
    let today = chrono::Local::now().date_naive();
    let editor = RecordEditor::new(id, key, actor, Commit::OnSubmit, opened, fresh);
    let form = editor.form;
    let submitted = RwSignal::new(false);
    let errors = Memo::new(move |_| form.with(|f| f.validate(today).err().unwrap_or_default()));
    let error = move |field: ContactField| problem_of(t, errors, submitted, field);
    let edit = move |change: Box<dyn FnOnce(&mut ContactForm)>| {
        saved.set(false);
        editor.edit(change);
    };
    let failure = Memo::new(move |_| match editor.state.get() {
        SaveState::Failed(e) => Some(t.common.store_error(&e)),
        _ => None,
    });
    let text_id = format!("{prefix}-text");
    let save = {
        let text_id = text_id.clone();
        move |_| {
            if editor.busy() {
                return;
            }
            submitted.set(true);
            let done = move |_| on_saved.run(());
            if editor.submit(done).is_err() {
                let selector = format!("#{text_id}");
                request_animation_frame(move || {
                    if let Some(el) = document().query_selector(&selector).ok().flatten() {
                        let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
                    }
                });
            }
        }
    };
    let network = t.network();
    let mut person_options = vec![SelectOption::new("", t.agencies().person_unnamed)];
    person_options.extend(people.iter().map(|p| SelectOption::new(p.id.to_string(), p.name.clone())));
    let mut client_options = vec![SelectOption::new("", t.agencies().no_client)];
    client_options.extend(
        clients.clients.iter().filter(|c| c.is_active()).map(|c| SelectOption::new(c.id.to_string(), c.name.clone())),
    );
    let has_people = !people.is_empty();
    let channel_name = format!("{prefix}-channel");
    view! {
        <form class="contact-entry" on:submit=|ev| ev.prevent_default()>
            <fieldset class="chips">
                <legend>{t.agencies().channel}</legend>
                {Channel::ALL
                    .into_iter()
                    .map(|c| {
                        view! {
                            <label class="chip">
                                <input
                                    type="radio"
                                    name=channel_name.clone()
                                    value=code(c)
                                    prop:checked=move || form.with(|f| f.channel == c)
                                    on:change=move |_| edit(Box::new(move |f| f.channel = c))
                                />
                                <span>{(network.channel)(c)}</span>
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <TextArea
                id=text_id
                label=t.agencies().contact_text
                value=Signal::derive(move || form.with(|f| f.text.clone()))
                on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.text = v)))
                error=error(ContactField::Text)
            />
            <details class="fold">
                <summary>{t.agencies().contact_more}</summary>
                <div class="grid-2 fold-body">
                    <TextField
                        id=format!("{prefix}-date")
                        label=t.agencies().contact_date
                        value=Signal::derive(move || form.with(|f| f.date.clone()))
                        on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.date = v)))
                        error=error(ContactField::Date)
                        input_type="date"
                    />
                    <TextField
                        id=format!("{prefix}-time")
                        label=t.agencies().contact_time
                        value=Signal::derive(move || form.with(|f| f.time.clone()))
                        on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.time = v)))
                        error=error(ContactField::Time)
                        input_type="time"
                    />
                    {has_people.then(|| view! {
                        <SelectField
                            id=format!("{prefix}-person")
                            label=t.agencies().contact_person
                            value=Signal::derive(move || form.with(|f| f.person_id.map(|p| p.to_string()).unwrap_or_default()))
                            on_change=Callback::new(move |v: String| edit(Box::new(move |f| f.person_id = Uuid::parse_str(&v).ok())))
                            options=person_options
                        />
                    })}
                    <SelectField
                        id=format!("{prefix}-client")
                        label=t.agencies().contact_client
                        value=Signal::derive(move || form.with(|f| f.client_id.map(|p| p.to_string()).unwrap_or_default()))
                        on_change=Callback::new(move |v: String| edit(Box::new(move |f| f.client_id = Uuid::parse_str(&v).ok())))
                        options=client_options
                    />
                </div>
            </details>
            {move || failure.get().map(|m| view! { <p class="notice error" role="alert">{m}</p> })}
            <p class="save-state" role="status">
                {move || saved.get().then_some(saved_label)}
            </p>
            <button type="button" class="button primary" on:click=save>
                {save_label}
            </button>
        </form>
    }
}
