//! 設定: language, storage state, backup export and import.

use crate::components::field::{SelectField, SelectOption};
use crate::components::notice::{Notice, NoticeArea};
use crate::files;
use crate::i18n::{use_lang, use_texts, Lang, Texts};
use crate::pages::home::LAST_BACKUP_KEY;
use crate::pwa;
use crate::store::store;
use leptos::prelude::*;
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
        <StorageSection t />
        <BackupSection t />
        <AboutSection t />
    }
}

fn megabytes(bytes: Option<f64>, t: &'static Texts) -> String {
    match bytes {
        Some(b) if b >= 1024.0 * 1024.0 * 1024.0 => format!("{:.1} GB", b / 1024.0 / 1024.0 / 1024.0),
        Some(b) => format!("{:.1} MB", b / 1024.0 / 1024.0),
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
                let today = chrono::Local::now().format("%Y-%m-%d").to_string();
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
