//! 設定: language, storage state, backup export and import.

use crate::components::field::{SelectField, SelectOption, TextField};
use crate::components::notice::{Notice, NoticeArea};
use crate::files;
use crate::i18n::{use_lang, use_texts, Lang, Texts};
use crate::pages::home::LAST_BACKUP_KEY;
use crate::pages::staff::StaffSection;
use crate::pwa;
use crate::store::store;
use crate::sync::api::{self, ApiFailure};
use crate::sync::{sync_now, use_sync, SyncStatus};
use leptos::prelude::*;
use renkei_domain::sync::SignInRequest;
use renkei_domain::BackupFile;

#[component]
pub fn SettingsPage() -> impl IntoView {
    let t = use_texts();
    let lang = use_lang();
    let languages = vec![SelectOption::new("ja", "日本語"), SelectOption::new("en", "English")];
    view! {
        <h1>{t.settings_title}</h1>
        <section class="card" aria-labelledby="sec-lang">
            <h2 id="sec-lang">{t.settings_language}</h2>
            <SelectField
                id="settings-lang"
                label=t.settings_language
                value=Signal::derive(move || lang.get().code().to_owned())
                on_change=Callback::new(move |v: String| {
                    let chosen = if v == "en" { Lang::En } else { Lang::Ja };
                    chosen.save();
                    lang.set(chosen);
                })
                options=languages
            />
        </section>
        <SyncSection t />
        <StorageSection t />
        <BackupSection t />
        <AboutSection t />
    }
}

/// One decimal place by integer arithmetic: float formatting would add
/// about 10 KB of wasm for this one line.
fn megabytes(bytes: Option<f64>, t: &'static Texts) -> String {
    const MB: f64 = 1024.0 * 1024.0;
    let tenths = |b: f64, unit: f64| (b / unit * 10.0).round() as u64;
    match bytes {
        Some(b) if b >= 1024.0 * MB => {
            let x = tenths(b, 1024.0 * MB);
            format!("{}.{} GB", x / 10, x % 10)
        }
        Some(b) => {
            let x = tenths(b, MB);
            format!("{}.{} MB", x / 10, x % 10)
        }
        None => t.settings_unknown.to_owned(),
    }
}

#[component]
fn StorageSection(t: &'static Texts) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let info = LocalResource::new(move || {
        refresh.track();
        pwa::storage_info()
    });
    let unsent = LocalResource::new(|| async { store().await?.outbox_len().await });
    let request = move |_| {
        leptos::task::spawn_local(async move {
            let _ = pwa::persist().await;
            refresh.update(|n| *n += 1);
        })
    };
    view! {
        <section class="card" aria-labelledby="sec-storage">
            <h2 id="sec-storage">{t.settings_storage}</h2>
            {move || {
                info.get()
                    .map(|i| {
                        view! {
                            <dl class="facts">
                                <dt>{t.settings_storage_used}</dt>
                                <dd id="storage-used">{megabytes(i.usage, t)}</dd>
                                <dt>{t.settings_storage_quota}</dt>
                                <dd id="storage-quota">{megabytes(i.quota, t)}</dd>
                                <dt>{t.settings_storage_persistent}</dt>
                                <dd id="storage-persistent">
                                    {match i.persisted {
                                        Some(true) => t.settings_persistent_yes,
                                        Some(false) => t.settings_persistent_no,
                                        None => t.settings_unknown,
                                    }}
                                </dd>
                            </dl>
                            {(i.persisted != Some(true))
                                .then(|| {
                                    view! {
                                        <p class="notice warning" role="alert">{t.settings_persist_warning}</p>
                                        <button type="button" class="button" on:click=request>
                                            {t.settings_persist_request}
                                        </button>
                                    }
                                })}
                        }
                    })
            }}
            <p class="muted">
                {move || match unsent.get() {
                    Some(Ok(n)) => (t.settings_unsent)(n),
                    _ => String::new(),
                }}
            </p>
        </section>
    }
}

#[component]
fn BackupSection(t: &'static Texts) -> impl IntoView {
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);
    let export = move |_| {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                let s = store().await.map_err(|e| t.store_error(&e).to_owned())?;
                let count = s.all_records().await.map_err(|e| t.store_error(&e).to_owned())?.len();
                let text = s.export_backup().await.map_err(|e| t.store_error(&e).to_owned())?;
                let today = chrono::Local::now().date_naive().to_string();
                files::download_text(&format!("renkei-backup-{today}.json"), "application/json", &text)
                    .map_err(|_| t.err_store_other.to_owned())?;
                {
                    use gloo_storage::Storage;
                    let _ = gloo_storage::LocalStorage::set(LAST_BACKUP_KEY, &today);
                }
                Ok::<_, String>(count)
            }
            .await;
            notice.set(Some(match result {
                Ok(n) => Notice::Info((t.settings_export_done)(n)),
                Err(message) => Notice::Error(message),
            }));
            busy.set(false);
        });
    };
    let file_input = NodeRef::<leptos::html::Input>::new();
    let import = move |_| {
        let Some(input) = file_input.get() else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                let text = match files::read_picked_file(&input).await {
                    Ok(Some(text)) => text,
                    Ok(None) => return Ok(None),
                    Err(_) => return Err(t.err_file_read.to_owned()),
                };
                let file = BackupFile::parse(&text).map_err(|e| t.backup_error(&e))?;
                let s = store().await.map_err(|e| t.store_error(&e).to_owned())?;
                let report = s.import_backup(file).await.map_err(|e| t.store_error(&e).to_owned())?;
                Ok(Some(report))
            }
            .await;
            match result {
                Ok(Some(r)) => {
                    notice.set(Some(Notice::Info((t.settings_import_done)(r.added, r.updated, r.unchanged))))
                }
                Ok(None) => {}
                Err(message) => notice.set(Some(Notice::Error(message))),
            }
            // Lets the same file be picked again.
            input.set_value("");
            busy.set(false);
        });
    };
    view! {
        <section class="card" aria-labelledby="sec-backup">
            <h2 id="sec-backup">{t.settings_backup}</h2>
            <p>{t.settings_backup_help}</p>
            <div class="actions">
                <button type="button" class="button primary" on:click=export disabled=move || busy.get()>
                    {t.settings_export}
                </button>
                <label class="button file-button">
                    <span>{t.settings_import}</span>
                    <input
                        type="file"
                        id="backup-import"
                        accept=".json,application/json"
                        node_ref=file_input
                        on:change=import
                        disabled=move || busy.get()
                    />
                </label>
            </div>
            <NoticeArea notice />
        </section>
    }
}

#[component]
fn AboutSection(t: &'static Texts) -> impl IntoView {
    let device = LocalResource::new(|| async { store().await?.device_id().await });
    view! {
        <section class="card" aria-labelledby="sec-about">
            <h2 id="sec-about">{t.settings_about}</h2>
            <dl class="facts">
                <dt>{t.settings_version}</dt>
                <dd>{env!("CARGO_PKG_VERSION")}</dd>
                <dt>{t.settings_device}</dt>
                <dd class="mono">{move || device.get().and_then(|d| d.ok()).unwrap_or_default()}</dd>
            </dl>
        </section>
    }
}

#[component]
fn SyncSection(t: &'static Texts) -> impl IntoView {
    let session = LocalResource::new(|| async { store().await?.session().await });
    view! {
        <section class="card" aria-labelledby="sec-sync">
            <h2 id="sec-sync">{t.settings_sync}</h2>
            {move || match session.get() {
                None => view! { <p>{t.loading}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice error" role="alert">{t.store_error(&e)}</p> }.into_any(),
                Some(Ok(None)) => view! { <SignInForm t on_done=move || session.refetch() /> }.into_any(),
                Some(Ok(Some(s))) => {
                    view! {
                        <SignedIn
                            t
                            office=s.staff.office_name.clone()
                            name=s.staff.display_name.clone()
                            token=s.token.clone()
                        />
                    }
                        .into_any()
                }
            }}
        </section>
        {move || {
            session
                .get()
                .and_then(|s| s.ok().flatten())
                .map(|s| {
                    let is_admin = s.staff.role == renkei_domain::sync::Role::Admin;
                    view! { <StaffSection t token=s.token is_admin /> }
                })
        }}
    }
}

#[component]
fn SignInForm(t: &'static Texts, on_done: impl Fn() + Clone + Send + Sync + 'static) -> impl IntoView {
    let office_code = RwSignal::new(String::new());
    let login = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = SignInRequest {
            office_code: office_code.get_untracked().trim().to_owned(),
            login: login.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            device_key: None,
        };
        if request.office_code.is_empty() || request.login.is_empty() || request.password.is_empty() {
            notice.set(Some(Notice::Error(t.err_required_fields.to_owned())));
            return;
        }
        busy.set(true);
        let on_done = on_done.clone();
        leptos::task::spawn_local(async move {
            let result = match api::sign_in(&request).await {
                Ok(session) => match store().await {
                    Ok(s) => s.set_session(&session).await.map_err(|e| t.store_error(&e)),
                    Err(e) => Err(t.store_error(&e)),
                },
                Err(ApiFailure::Unreachable) => Err(t.err_unreachable),
                Err(ApiFailure::Outdated) => Err(t.sync_err_outdated),
                Err(ApiFailure::TooManyAttempts) => Err(t.err_sign_in_throttled),
                Err(_) => Err(t.err_sign_in_failed),
            };
            busy.set(false);
            match result {
                Ok(()) => {
                    password.set(String::new());
                    sync_now();
                    on_done();
                }
                Err(message) => notice.set(Some(Notice::Error(message.to_owned()))),
            }
        });
    };
    view! {
        <p>{t.settings_sync_help}</p>
        <form class="sign-in" on:submit=submit>
            <TextField
                id="sign-in-office"
                label=t.settings_office_code
                value=office_code
                on_input=move |v| office_code.set(v)
                autocomplete="organization"
            />
            <TextField
                id="sign-in-login"
                label=t.settings_login
                value=login
                on_input=move |v| login.set(v)
                autocomplete="username"
            />
            <TextField
                id="sign-in-password"
                label=t.settings_password
                input_type="password"
                value=password
                on_input=move |v| password.set(v)
                autocomplete="current-password"
            />
            <button type="submit" class="button primary" disabled=move || busy.get()>
                {t.settings_sign_in}
            </button>
        </form>
        <NoticeArea notice />
    }
}

#[component]
fn SignedIn(t: &'static Texts, office: String, name: String, token: String) -> impl IntoView {
    let sync = use_sync();
    let confirming = RwSignal::new(None::<u32>);
    let notice = RwSignal::new(None::<Notice>);
    let token = StoredValue::new(token);
    let sign_out = move |confirmed: bool| {
        leptos::task::spawn_local(async move {
            let s = match store().await {
                Ok(s) => s,
                Err(e) => return notice.set(Some(Notice::Error(t.store_error(&e).to_owned()))),
            };
            let unsent = s.outbox_len().await.unwrap_or(0);
            if unsent > 0 && !confirmed {
                confirming.set(Some(unsent));
                return;
            }
            // Revoke on the server when reachable; the local session goes
            // either way.
            let _ = api::sign_out(&token.get_value()).await;
            match s.sign_out_and_clear().await {
                Ok(()) => {
                    let _ = window().location().set_href("/");
                }
                Err(e) => notice.set(Some(Notice::Error(t.store_error(&e).to_owned()))),
            }
        });
    };
    let last_sync = move || match sync.status.get() {
        SyncStatus::Synced { at } => {
            let when = chrono::DateTime::from_timestamp_millis(at as i64)
                .map(|d| {
                    use chrono::Timelike;
                    let d = d.with_timezone(&chrono::Local);
                    format!("{} {:02}:{:02}", d.date_naive(), d.hour(), d.minute())
                })
                .unwrap_or_default();
            (t.settings_last_sync)(&when)
        }
        _ => String::new(),
    };
    view! {
        <p id="signed-in-as">{(t.settings_signed_in_as)(&office, &name)}</p>
        <p class="muted">{last_sync}</p>
        <div class="actions">
            <button type="button" class="button primary" on:click=|_| sync_now()>
                {t.settings_sync_now}
            </button>
            <button type="button" class="button" on:click=move |_| sign_out(false)>
                {t.settings_sign_out}
            </button>
        </div>
        <p class="muted">{t.settings_sign_out_note}</p>
        {move || {
            confirming
                .get()
                .map(|n| {
                    view! {
                        <div class="card warning" role="alertdialog" aria-labelledby="sign-out-warning">
                            <p id="sign-out-warning">{(t.settings_sign_out_confirm)(n)}</p>
                            <div class="actions">
                                <button type="button" class="button" on:click=move |_| confirming.set(None)>
                                    {t.settings_cancel}
                                </button>
                                <button type="button" class="button danger" on:click=move |_| sign_out(true)>
                                    {t.settings_sign_out_anyway}
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
        <NoticeArea notice />
    }
}
