//! バックアップ: everything on the device exported to a file sealed under a
//! password the user chooses (plain text only by an explicit choice, with a
//! warning), and a file imported back, asking for its password when sealed.

use crate::components::field::TextField;
use crate::components::new_secret::{NewSecret, NewSecretFields, SecretRule};
use crate::components::notice::{Notice, NoticeArea};
use crate::files;
use crate::i18n::Texts;
use crate::pages::home::LAST_BACKUP_KEY;
use crate::store::store;
use crate::vault::backup::{self as sealed_file, OpenBackupError};
use crate::vault::KdfError;
use leptos::prelude::*;
use renkei_domain::vault::{check_backup_password, SealedBackup, SealedBackupError};
use renkei_domain::{BackupFile, MergeReport};

fn sealed_error(t: &'static Texts, e: &SealedBackupError) -> String {
    match e {
        SealedBackupError::WrongPassword => t.settings().err_backup_wrong_password.to_owned(),
        SealedBackupError::NewerVersion(_) => t.common.err_backup_newer.to_owned(),
        SealedBackupError::Damaged(_) => t.settings().err_backup_damaged.to_owned(),
    }
}

fn kdf_error(t: &'static Texts, e: &KdfError) -> String {
    match e {
        KdfError::Parameters(_) => t.settings().err_backup_damaged.to_owned(),
        KdfError::Browser(_) => t.settings().err_crypto.to_owned(),
    }
}

/// Merges a backup's JSON into the device.
async fn import_json(t: &'static Texts, text: &str) -> Result<MergeReport, String> {
    let file = BackupFile::parse(text).map_err(|e| t.common.backup_error(&e))?;
    let s = store().await.map_err(|e| t.common.store_error(&e).to_owned())?;
    s.import_backup(file).await.map_err(|e| t.common.store_error(&e).to_owned())
}

fn report_text(t: &'static Texts, r: &MergeReport) -> String {
    let text = (t.settings().import_done)(r.added, r.updated, r.unchanged);
    if r.conflicts > 0 {
        format!("{text} {}", (t.settings().import_conflicts)(r.conflicts))
    } else {
        text
    }
}

#[component]
pub fn BackupSection(t: &'static Texts) -> impl IntoView {
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);
    view! {
        <section class="card" aria-labelledby="sec-backup">
            <h2 id="sec-backup">{t.settings().backup}</h2>
            <p>{t.settings().backup_help}</p>
            <Export t notice busy />
            <Import t notice busy />
            <NoticeArea notice />
        </section>
    }
}

#[component]
fn Export(t: &'static Texts, notice: RwSignal<Option<Notice>>, busy: RwSignal<bool>) -> impl IntoView {
    let password = NewSecret::new();
    let plain_understood = RwSignal::new(false);
    let rule = SecretRule {
        check: check_backup_password,
        problem: |t, p| (t.settings().backup_password_problem)(p),
        mismatch: t.settings().err_password_mismatch,
    };
    let export = move |seal: bool| {
        let secret = if seal {
            let Some(p) = password.checked(t, rule) else { return };
            Some(p)
        } else {
            None
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = async {
                let s = store().await.map_err(|e| t.common.store_error(&e).to_owned())?;
                let count = s.all_records().await.map_err(|e| t.common.store_error(&e).to_owned())?.len();
                let text = s.export_backup().await.map_err(|e| t.common.store_error(&e).to_owned())?;
                let today = chrono::Local::now().date_naive().to_string();
                let (text, name) = match &secret {
                    Some(p) => (
                        sealed_file::seal(&text, p).await.map_err(|e| kdf_error(t, &e))?,
                        format!("renkei-backup-{today}-encrypted.json"),
                    ),
                    None => (text, format!("renkei-backup-{today}.json")),
                };
                files::download_text(&name, "application/json", &text)
                    .map_err(|_| t.common.err_store_other.to_owned())?;
                {
                    use gloo_storage::Storage;
                    let _ = gloo_storage::LocalStorage::set(LAST_BACKUP_KEY, &today);
                }
                Ok::<_, String>(count)
            }
            .await;
            notice.set(Some(match result {
                Ok(n) if secret.is_some() => {
                    password.clear();
                    Notice::Info((t.settings().export_done_encrypted)(n))
                }
                Ok(n) => Notice::Info((t.settings().export_done)(n)),
                Err(message) => Notice::Error(message),
            }));
            busy.set(false);
        });
    };
    view! {
        <form
            class="backup-export"
            on:submit=move |ev| {
                ev.prevent_default();
                export(true);
            }
        >
            <NewSecretFields
                secret=password
                id="backup-password"
                label=t.settings().backup_password
                again_label=t.settings().backup_password_again
                hint=t.settings().backup_password_hint
            />
            <div class="actions">
                <button type="submit" class="button primary" disabled=move || busy.get()>
                    {t.settings().export}
                </button>
            </div>
        </form>
        <details class="fold">
            <summary>{t.settings().export_plain}</summary>
            <div class="fold-body">
                <p class="notice warning">{t.settings().export_plain_warning}</p>
                <label class="check">
                    <input
                        type="checkbox"
                        id="backup-plain-understood"
                        prop:checked=move || plain_understood.get()
                        on:change=move |ev| plain_understood.set(event_target_checked(&ev))
                    />
                    <span>{t.settings().export_plain_understood}</span>
                </label>
                <div class="actions">
                    <button
                        type="button"
                        class="button danger"
                        on:click=move |_| export(false)
                        disabled=move || busy.get() || !plain_understood.get()
                    >
                        {t.settings().export_plain}
                    </button>
                </div>
            </div>
        </details>
    }
}

#[component]
fn Import(t: &'static Texts, notice: RwSignal<Option<Notice>>, busy: RwSignal<bool>) -> impl IntoView {
    let file_input = NodeRef::<leptos::html::Input>::new();
    // A sealed file waiting for its password.
    let waiting = RwSignal::new(None::<SealedBackup>);
    let password = RwSignal::new(String::new());
    let password_error = RwSignal::new(None::<&'static str>);
    let picked = move |_| {
        let Some(input) = file_input.get() else { return };
        busy.set(true);
        waiting.set(None);
        leptos::task::spawn_local(async move {
            let result = async {
                let text = match files::read_picked_file(&input).await {
                    Ok(Some(text)) => text,
                    Ok(None) => return Ok(None),
                    Err(_) => return Err(t.settings().err_file_read.to_owned()),
                };
                match SealedBackup::detect(&text).map_err(|e| sealed_error(t, &e))? {
                    Some(sealed) => {
                        waiting.set(Some(sealed));
                        Ok(None)
                    }
                    None => import_json(t, &text).await.map(Some),
                }
            }
            .await;
            match result {
                Ok(Some(report)) => notice.set(Some(Notice::Info(report_text(t, &report)))),
                Ok(None) => notice.set(None),
                Err(message) => notice.set(Some(Notice::Error(message))),
            }
            // Lets the same file be picked again.
            input.set_value("");
            busy.set(false);
        });
    };
    let open = move || {
        let Some(sealed) = waiting.get_untracked() else { return };
        password_error.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let opened = sealed_file::open(&sealed, &password.get_untracked()).await;
            match opened {
                Err(OpenBackupError::File(SealedBackupError::WrongPassword)) => {
                    password_error.set(Some(t.settings().err_backup_wrong_password))
                }
                Err(OpenBackupError::File(e)) => notice.set(Some(Notice::Error(sealed_error(t, &e)))),
                Err(OpenBackupError::Kdf(e)) => notice.set(Some(Notice::Error(kdf_error(t, &e)))),
                Ok(json) => match import_json(t, &json).await {
                    Ok(report) => {
                        waiting.set(None);
                        password.set(String::new());
                        notice.set(Some(Notice::Info(report_text(t, &report))));
                    }
                    Err(message) => notice.set(Some(Notice::Error(message))),
                },
            }
            busy.set(false);
        });
    };
    view! {
        <div class="actions">
            <label class="button file-button">
                <span>{t.settings().import}</span>
                <input
                    type="file"
                    id="backup-import"
                    accept=".json,application/json"
                    node_ref=file_input
                    on:change=picked
                    disabled=move || busy.get()
                />
            </label>
        </div>
        {move || {
            waiting
                .with(|w| w.is_some())
                .then(|| {
                    view! {
                        <form
                            class="card backup-password"
                            on:submit=move |ev| {
                                ev.prevent_default();
                                open();
                            }
                        >
                            <p>{t.settings().import_password_prompt}</p>
                            <TextField
                                id="backup-file-password"
                                label=t.settings().backup_file_password
                                input_type="password"
                                value=password
                                on_input=move |v| password.set(v)
                                error=password_error
                            />
                            <div class="actions">
                                <button type="submit" class="button primary" disabled=move || busy.get()>
                                    {t.settings().import_open}
                                </button>
                                <button
                                    type="button"
                                    class="button"
                                    on:click=move |_| {
                                        waiting.set(None);
                                        password.set(String::new());
                                        password_error.set(None);
                                    }
                                >
                                    {t.common.cancel}
                                </button>
                            </div>
                        </form>
                    }
                })
        }}
    }
}
