//! 利用者詳細: view and edit one client. There is no save button: every edit
//! is stored by autosave. Input that does not validate yet is kept as a draft
//! (shown again after a reload) and becomes the record once it is valid.

use crate::components::client_nav::ClientNav;
use crate::components::conflicts::{conflicts_of, plain_value, ConflictField, ConflictPanel};
use crate::components::field::{service_options, SelectField, SelectOption, TextArea, TextField};
use crate::components::form_ctx::FormCtx;
use crate::components::loading::when_ready;
use crate::components::save_state::SaveIndicator;
use crate::components::trash_control::TrashControl;
use crate::editor::{self, Commit, Opened, RecordEditor};
use crate::i18n::{use_texts, Texts};
use crate::pages::client_retention::RetentionSection;
use crate::store::{store, StoreError};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};
use renkei_domain::client::ServiceForm;
use renkei_domain::life_stage::age_on;
use renkei_domain::sync::merge::Head;
use renkei_domain::sync::DELETED_FIELD;
use renkei_domain::{ClientField, ClientForm, ClientStatus, LifeStage};
use uuid::Uuid;

#[component]
pub fn ClientPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    let query = use_query_map();
    move || {
        // Untracked: dropping `?new` once the client exists must not reload
        // the editor under the user's fingers.
        let fresh = query.read_untracked().get("new").is_some();
        match params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()) {
            Some(id) => view! { <ClientLoader id fresh /> }.into_any(),
            None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
        }
    }
}

/// What the editor starts from.
#[derive(Clone)]
struct Loaded {
    opened: Opened<ClientForm>,
    actor: String,
    conflicts: Vec<(String, Vec<Head>)>,
}

async fn load(id: Uuid) -> Result<Loaded, StoreError> {
    let s = store().await?;
    let conflicts = conflicts_of(&s, id).await?;
    let opened = editor::open(&s, &id.to_string(), s.client(id).await?).await?;
    Ok(Loaded { opened, actor: s.device_id().await?, conflicts })
}

/// `fresh`: the page was opened to make this client (「新しい利用者」).
#[component]
fn ClientLoader(id: Uuid, fresh: bool) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || load(id));
    move || {
        when_ready(t, loaded.get(), |l| {
            // Neither the record nor unsaved input of it, and not asked to make
            // it: a link from another device, for a record not synced here yet.
            if !fresh && l.opened.record.is_none() && l.opened.restored.is_none() {
                return view! { <NotOnDevice id on_arrived=Callback::new(move |()| loaded.refetch()) /> }.into_any();
            }
            let conflicts = l.conflicts.clone();
            view! {
                <Conflicts id conflicts on_resolved=Callback::new(move |()| loaded.refetch()) />
                <ClientEditor id loaded=l on_reload=Callback::new(move |()| loaded.refetch()) />
            }
            .into_any()
        })
    }
}

/// A client this device does not have (yet): says so, offers a sync when
/// signed in, and opens the client as soon as a sync brings it.
#[component]
fn NotOnDevice(id: Uuid, on_arrived: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let sync = crate::sync::use_sync();
    let signed_in = move || !matches!(sync.status.get(), crate::sync::SyncStatus::SignedOut { .. });
    let syncing = move || matches!(sync.status.get(), crate::sync::SyncStatus::Syncing);
    let arrived = LocalResource::new(move || {
        crate::live::track_changes();
        async move { store().await?.client(id).await.map(|c| c.is_some()) }
    });
    Effect::new(move |_| {
        if matches!(arrived.get(), Some(Ok(true))) {
            on_arrived.run(());
        }
    });
    view! {
        <p class="back-link">
            <A href="/clients">{t.common.back_to_clients}</A>
        </p>
        <h1>{t.client().not_here_title}</h1>
        <section class="card warning" aria-labelledby="not-here">
            <h2 id="not-here">{t.client().not_here}</h2>
            {move || {
                if signed_in() {
                    view! {
                        <p>{t.client().not_here_sync_hint}</p>
                        <button
                            type="button"
                            class="button primary"
                            on:click=|_| crate::sync::sync_now()
                            prop:disabled=syncing
                        >
                            {move || if syncing() { t.client().not_here_syncing } else { t.client().not_here_sync }}
                        </button>
                    }
                        .into_any()
                } else {
                    view! {
                        <p>{t.client().not_here_sign_in_hint}</p>
                        <A href="/settings" attr:class="button">{t.client().not_here_settings}</A>
                    }
                        .into_any()
                }
            }}
        </section>
    }
}

fn field_label(t: &'static Texts, field: &str) -> &'static str {
    match field {
        "name" => t.client().name,
        "kana" => t.client().kana,
        "birth_date" => t.common.birth_date,
        "services" => t.client().services,
        "recipient_number" => t.common.recipient_number,
        "wishes_self" => t.common.wishes_self,
        "wishes_family" => t.common.wishes_family,
        "staff" => t.client().staff,
        "status" => t.client().status,
        "archived" => t.common.badge_archived,
        "life_stage_override" => t.client().stage_override,
        DELETED_FIELD => t.conflicts.deleted,
        _ => t.conflicts.title,
    }
}

/// 「競合」 on a client: each conflicted field with its values.
#[component]
fn Conflicts(id: Uuid, conflicts: Vec<(String, Vec<Head>)>, on_resolved: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let fields = conflicts
        .into_iter()
        .map(|(field, heads)| {
            ConflictField::describe(field, heads, |f| field_label(t, f).to_owned(), |_, v| plain_value(t, v))
        })
        .collect();
    view! { <ConflictPanel t id fields on_resolved /> }
}

#[component]
fn ClientEditor(id: Uuid, loaded: Loaded, on_reload: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let Loaded { opened, actor, .. } = loaded;
    let in_trash = opened.record.as_ref().is_some_and(|r| r.meta.deleted);
    let is_new = opened.record.is_none();
    let today = chrono::Local::now().date_naive();
    let editor = RecordEditor::new(id, id.to_string(), actor, Commit::Autosave, opened, ClientForm::default());
    let (form, state, exists) = (editor.form, editor.state, editor.exists);
    // Once stored, the address is the client's own (without `?new`), so a
    // copied link opens the record, not a new form.
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if exists.get() && window().location().search().is_ok_and(|s| !s.is_empty()) {
            navigate(&format!("/clients/{id}"), leptos_router::NavigateOptions { replace: true, ..Default::default() });
        }
    });
    let ctx = FormCtx::new(editor, t, move |f: &ClientForm| f.validate(today).err().unwrap_or_default());
    let (touched, errors) = (ctx.touched, ctx.errors);

    let toggle_archive = move |_| {
        editor.edit(|f| f.archived = !f.archived);
        editor.flush();
    };

    view! {
        <p class="back-link">
            <A href="/clients">{t.common.back_to_clients}</A>
        </p>
        <div class="page-head">
            <h1>
                {move || {
                    let name = form.with(|f| f.name.trim().to_owned());
                    if name.is_empty() && is_new { t.client().new_title.to_owned() } else { name }
                }}
            </h1>
            <SaveIndicator state t />
        </div>
        <Show when=move || exists.get()>
            <ClientNav id t />
        </Show>
        <p class="muted">{t.common.autosave_note}</p>
        {in_trash.then(|| view! { <ClientTrash id in_trash=true on_reload t /> })}
        <Show when=move || form.with(|f| f.archived)>
            <p class="notice info">{t.client().archived_notice}</p>
        </Show>
        <Show when=move || touched.get() && errors.with(|e| !e.is_empty())>
            <p class="notice error">{t.client().has_errors}</p>
        </Show>
        <form class="client-form" on:submit=|ev| ev.prevent_default()>
            <BasicSection ctx t today />
            <WishesSection ctx t />
            <ServicesSection ctx t />
            <section class="card" aria-labelledby="sec-record">
                <h2 id="sec-record">{t.client().section_record}</h2>
                <button type="button" class="button" on:click=toggle_archive>
                    {move || if form.with(|f| f.archived) { t.client().restore } else { t.client().archive }}
                </button>
                <Show when=move || exists.get() && !in_trash>
                    <ClientTrash id in_trash=false on_reload t />
                </Show>
            </section>
        </form>
        <RetentionSection t id client=Signal::derive(move || form.with(|f| f.validate(today).ok())) />
    }
}

#[component]
fn ClientTrash(id: Uuid, in_trash: bool, on_reload: Callback<()>, t: &'static Texts) -> impl IntoView {
    view! {
        <TrashControl
            id
            in_trash
            after_delete="/clients"
            on_reload
            confirm=t.client().delete_confirm
            notice=t.client().in_trash
            t
        />
    }
}

fn stage_options(t: &'static Texts) -> Vec<SelectOption> {
    let mut options = vec![SelectOption::new("", t.client().stage_auto)];
    options.extend(LifeStage::ALL.iter().map(|s| SelectOption::new(s.code(), (t.common.life_stage)(*s))));
    options
}

#[component]
fn BasicSection(ctx: FormCtx<ClientForm>, t: &'static Texts, today: chrono::NaiveDate) -> impl IntoView {
    let form = ctx.editor.form;
    let derived = move || {
        form.with(|f| {
            let birth = f.birth_date.trim().parse::<chrono::NaiveDate>().ok().filter(|b| *b <= today);
            birth.map(|b| {
                let stage = renkei_domain::life_stage::life_stage(b, today);
                format!("{}（{}）", (t.common.life_stage)(stage), (t.client().age)(age_on(b, today)))
            })
        })
    };
    let status_options = vec![
        SelectOption::new("active", t.client().status_active),
        SelectOption::new("ended", t.client().status_ended),
    ];
    view! {
        <section class="card" aria-labelledby="sec-basic">
            <h2 id="sec-basic">{t.client().section_basic}</h2>
            <div class="grid-2">
                <TextField
                    id="client-name"
                    label=t.client().name
                    value=ctx.value(|f| &f.name)
                    on_input=ctx.setter(|f, v| f.name = v)
                    notice=ctx.elsewhere("name")
                    error=ctx.error(ClientField::Name)
                    autocomplete="off"
                />
                <TextField
                    id="client-kana"
                    label=t.client().kana
                    hint=t.client().kana_hint
                    value=ctx.value(|f| &f.kana)
                    on_input=ctx.setter(|f, v| f.kana = v)
                    notice=ctx.elsewhere("kana")
                    error=ctx.error(ClientField::Kana)
                />
                <TextField
                    id="client-birth"
                    label=t.common.birth_date
                    input_type="date"
                    value=ctx.value(|f| &f.birth_date)
                    on_input=ctx.setter(|f, v| f.birth_date = v)
                    notice=ctx.elsewhere("birth_date")
                    error=ctx.error(ClientField::BirthDate)
                />
                <div class="field">
                    <span class="label">{t.client().life_stage}</span>
                    <p class="derived" id="client-stage-derived">
                        {move || derived().unwrap_or_else(|| "—".to_owned())}
                    </p>
                </div>
                <TextField
                    id="client-recipient"
                    label=t.common.recipient_number
                    hint=t.client().recipient_hint
                    input_mode="numeric"
                    value=ctx.value(|f| &f.recipient_number)
                    on_input=ctx.setter(|f, v| f.recipient_number = v)
                    notice=ctx.elsewhere("recipient_number")
                    error=ctx.error(ClientField::RecipientNumber)
                />
                <TextField
                    id="client-staff"
                    label=t.client().staff
                    value=ctx.value(|f| &f.staff)
                    on_input=ctx.setter(|f, v| f.staff = v)
                    notice=ctx.elsewhere("staff")
                />
                <SelectField
                    id="client-status"
                    label=t.client().status
                    value=Signal::derive(move || {
                        form.with(|f| match f.status {
                            ClientStatus::Active => "active".to_owned(),
                            ClientStatus::Ended => "ended".to_owned(),
                        })
                    })
                    on_change=ctx
                        .setter(|f, v| f.status = if v == "ended" { ClientStatus::Ended } else { ClientStatus::Active })
                    options=status_options
                />
                <SelectField
                    id="client-stage-override"
                    label=t.client().stage_override
                    value=ctx.value(|f| &f.stage_override)
                    on_change=ctx.setter(|f, v| f.stage_override = v)
                    options=stage_options(t)
                />
                <Show when=move || form.with(|f| !f.stage_override.is_empty())>
                    <TextField
                        id="client-stage-reason"
                        label=t.client().stage_reason
                        value=ctx.value(|f| &f.stage_reason)
                        on_input=ctx.setter(|f, v| f.stage_reason = v)
                        notice=ctx.elsewhere("stage_reason")
                        error=ctx.error(ClientField::LifeStageReason)
                    />
                </Show>
            </div>
        </section>
    }
}

#[component]
fn WishesSection(ctx: FormCtx<ClientForm>, t: &'static Texts) -> impl IntoView {
    view! {
        <section class="card" aria-labelledby="sec-wishes">
            <h2 id="sec-wishes">{t.client().section_wishes}</h2>
            <TextArea
                id="client-wishes-self"
                label=t.common.wishes_self
                value=ctx.value(|f| &f.wishes_self)
                on_input=ctx.setter(|f, v| f.wishes_self = v)
                notice=ctx.elsewhere("wishes_self")
            />
            <TextArea
                id="client-wishes-family"
                label=t.common.wishes_family
                value=ctx.value(|f| &f.wishes_family)
                on_input=ctx.setter(|f, v| f.wishes_family = v)
                notice=ctx.elsewhere("wishes_family")
            />
        </section>
    }
}

#[component]
fn ServicesSection(ctx: FormCtx<ClientForm>, t: &'static Texts) -> impl IntoView {
    let form = ctx.editor.form;
    let count = Memo::new(move |_| form.with(|f| f.services.len()));
    let add = move |_| ctx.edit(|f| f.services.push(ServiceForm::default()));
    view! {
        <section class="card" aria-labelledby="sec-services">
            <h2 id="sec-services">{t.client().section_services}</h2>
            {move || {
                let n = count.get();
                if n == 0 {
                    return view! { <p class="muted">{t.client().no_services}</p> }.into_any();
                }
                (0..n).map(|i| view! { <ServiceRow ctx t index=i /> }).collect_view().into_any()
            }}
            <button type="button" class="button" on:click=add>
                {t.client().service_add}
            </button>
        </section>
    }
}

#[component]
fn ServiceRow(ctx: FormCtx<ClientForm>, t: &'static Texts, index: usize) -> impl IntoView {
    let form = ctx.editor.form;
    let field = move |get: fn(&ServiceForm) -> &String| {
        Signal::derive(move || form.with(|f| f.services.get(index).map(|s| get(s).clone()).unwrap_or_default()))
    };
    let set = move |apply: fn(&mut ServiceForm, String)| {
        Callback::new(move |v: String| {
            ctx.edit(move |f| {
                if let Some(s) = f.services.get_mut(index) {
                    apply(s, v);
                }
            })
        })
    };
    let remove = move |_| {
        ctx.edit(move |f| {
            if index < f.services.len() {
                f.services.remove(index);
            }
        })
    };
    view! {
        <fieldset class="service-row">
            <legend>{format!("{} {}", t.client().services, index + 1)}</legend>
            <SelectField
                id=format!("service-{index}-type")
                label=t.client().service_type
                value=field(|s| &s.service)
                on_change=set(|s, v| s.service = v)
                options=service_options(t, t.client().service_choose)
                error=ctx.error(ClientField::ServiceType(index))
            />
            <div class="grid-2">
                <TextField
                    id=format!("service-{index}-start")
                    label=t.client().service_start
                    input_type="date"
                    value=field(|s| &s.start)
                    on_input=set(|s, v| s.start = v)
                    error=ctx.error(ClientField::ServiceStart(index))
                />
                <TextField
                    id=format!("service-{index}-end")
                    label=t.client().service_end
                    input_type="date"
                    value=field(|s| &s.end)
                    on_input=set(|s, v| s.end = v)
                    error=ctx.error(ClientField::ServiceEnd(index))
                />
            </div>
            <button type="button" class="button danger" on:click=remove>
                {t.client().service_remove}
            </button>
        </fieldset>
    }
}
