//! 連絡記録 on an agency's page: a new entry in two taps and a sentence (the
//! way of contact is preselected, the day and time are now), kept as a draft
//! until 「記録する」 stores it, offline or not; and the entries, newest
//! first. The last one is the agency's last contact in the directory.

use super::code;
use crate::components::field::{SelectField, SelectOption, TextArea, TextField};
use crate::components::form_ctx::problem_of;
use crate::components::save_state::SaveState;
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
    view! {
        <section class="card" aria-labelledby="sec-contacts">
            <h2 id="sec-contacts">{t.agencies().contacts}</h2>
            <p class="hint">{t.agencies().contacts_hint}</p>
            {move || match loaded.get() {
                None => view! { <p>{t.common.loading}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice error" role="alert">{t.common.store_error(&e)}</p> }.into_any(),
                Some(Ok(l)) => view! { <LogBody t agency loaded=l saved on_saved /> }.into_any(),
            }}
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
    let network = t.network();
    view! {
        <NewEntry t agency people clients opened actor saved on_saved />
        {if entries.is_empty() {
            view! { <p class="muted" id="contacts-empty">{t.agencies().contacts_none}</p> }.into_any()
        } else {
            view! {
                <ol class="contact-list" aria-label=t.agencies().contacts>
                    {entries
                        .into_iter()
                        .map(|r| {
                            let c = r.data;
                            let when = c
                                .at
                                .map(|at| {
                                    use chrono::Timelike;
                                    format!("{} {}:{:02}", (t.common.date)(at.date()), at.hour(), at.minute())
                                })
                                .unwrap_or_default();
                            let about = c.client_id.and_then(&name_of_client);
                            let person = c.person_id.and_then(&name_of_person);
                            let by = r.meta.created_by_name.clone();
                            view! {
                                <li>
                                    <p class="contact-head">
                                        <span class="badge">{(network.channel)(c.channel)}</span>
                                        <span>{when}</span>
                                        {person.map(|p| view! { <span>{(t.agencies().with_person)(&p)}</span> })}
                                        {about.map(|n| view! { <span class="badge muted">{(t.agencies().about_client)(&n)}</span> })}
                                    </p>
                                    <p class="contact-text">{c.text}</p>
                                    {by.map(|b| view! { <p class="muted">{(t.agencies().written_by)(&b)}</p> })}
                                </li>
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
    let now = chrono::Local::now().naive_local();
    let today = now.date();
    let id = Uuid::new_v4();
    let fresh = ContactForm::new(Some(agency), None, now);
    let editor = RecordEditor::new(id, draft_key(agency), actor, Commit::OnSubmit, opened, fresh);
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
    let save = move |_| {
        if editor.busy() {
            return;
        }
        submitted.set(true);
        let done = move |_| on_saved.run(());
        if editor.submit(done).is_err() {
            request_animation_frame(|| {
                if let Some(el) = document().query_selector("#contact-text").ok().flatten() {
                    let _ = wasm_bindgen::JsCast::unchecked_into::<web_sys::HtmlElement>(el).focus();
                }
            });
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
                                    name="contact-channel"
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
                id="contact-text"
                label=t.agencies().contact_text
                value=Signal::derive(move || form.with(|f| f.text.clone()))
                on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.text = v)))
                error=error(ContactField::Text)
            />
            <details class="fold">
                <summary>{t.agencies().contact_more}</summary>
                <div class="grid-2 fold-body">
                    <TextField
                        id="contact-date"
                        label=t.agencies().contact_date
                        value=Signal::derive(move || form.with(|f| f.date.clone()))
                        on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.date = v)))
                        error=error(ContactField::Date)
                        input_type="date"
                    />
                    <TextField
                        id="contact-time"
                        label=t.agencies().contact_time
                        value=Signal::derive(move || form.with(|f| f.time.clone()))
                        on_input=Callback::new(move |v: String| edit(Box::new(move |f| f.time = v)))
                        error=error(ContactField::Time)
                        input_type="time"
                    />
                    {has_people.then(|| view! {
                        <SelectField
                            id="contact-person"
                            label=t.agencies().contact_person
                            value=Signal::derive(move || form.with(|f| f.person_id.map(|p| p.to_string()).unwrap_or_default()))
                            on_change=Callback::new(move |v: String| edit(Box::new(move |f| f.person_id = Uuid::parse_str(&v).ok())))
                            options=person_options
                        />
                    })}
                    <SelectField
                        id="contact-client"
                        label=t.agencies().contact_client
                        value=Signal::derive(move || form.with(|f| f.client_id.map(|p| p.to_string()).unwrap_or_default()))
                        on_change=Callback::new(move |v: String| edit(Box::new(move |f| f.client_id = Uuid::parse_str(&v).ok())))
                        options=client_options
                    />
                </div>
            </details>
            {move || failure.get().map(|m| view! { <p class="notice error" role="alert">{m}</p> })}
            <p class="save-state" role="status">
                {move || saved.get().then_some(t.agencies().contact_saved)}
            </p>
            <button type="button" class="button primary" on:click=save>
                {t.agencies().contact_save}
            </button>
        </form>
    }
}
