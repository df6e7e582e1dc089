//! 設定 → 同期: the connection to the office server — sign-in and sign-out,
//! 「今すぐ同期」, what was set aside, and the office's staff.

use crate::components::field::TextField;
use crate::components::loading::when_ready;
use crate::components::notice::{Notice, NoticeArea};
use crate::i18n::Texts;
use crate::pages::staff::StaffSection;
use crate::store::set_aside::SetAsideKind;
use crate::store::store;
use crate::sync::api::{self, ApiFailure};
use crate::sync::{sync_now, use_sync, SyncFailure, SyncStatus};
use leptos::prelude::*;
use renkei_domain::sync::{SignInRequest, SignInResponse};

#[component]
pub(super) fn SyncSection(t: &'static Texts) -> impl IntoView {
    let session = LocalResource::new(|| async { store().await?.session().await });
    let sync = use_sync();
    view! {
        <section class="card" aria-labelledby="sec-sync">
            <h2 id="sec-sync">{t.settings().sync}</h2>
            {move || when_ready(t, session.get(), |signed_in| match signed_in {
                None => view! { <SignInForm t previous=None on_done=move || session.refetch() /> }.into_any(),
                Some(s) => {
                    let previous = s.clone();
                    view! {
                        <SignedIn
                            t
                            office=s.staff.office_name.clone()
                            name=s.staff.display_name.clone()
                            token=s.token.clone()
                        />
                        {move || match sync.status.get() {
                            SyncStatus::Failed { reason: SyncFailure::SignedOut, .. } => {
                                let previous = previous.clone();
                                Some(
                                    view! {
                                        <div class="card warning" id="sign-in-again">
                                            <h3>{t.settings().sign_in_again}</h3>
                                            <p>{t.settings().sign_in_again_help}</p>
                                            <SignInForm t previous=Some(previous) on_done=move || session.refetch() />
                                        </div>
                                    }
                                        .into_any(),
                                )
                            }
                            SyncStatus::Failed { reason: SyncFailure::AccountDisabled, .. } => {
                                Some(
                                    view! {
                                        <p class="notice error" role="alert" id="account-disabled">
                                            {t.settings().account_disabled_help}
                                        </p>
                                    }
                                        .into_any(),
                                )
                            }
                            _ => None,
                        }}
                    }
                        .into_any()
                }
            })}
            {move || {
                sync.clock_off
                    .get()
                    .map(|off| {
                        view! {
                            <p class="notice warning" role="alert" id="clock-off">
                                {(t.sync.clock_off)(crate::sync::minutes_off(off))}
                            </p>
                        }
                    })
            }}
        </section>
        <SetAsideSection t />
        {move || {
            session
                .get()
                .and_then(|s| s.ok().flatten())
                .map(|s| {
                    let is_admin = s.staff.role == renkei_domain::sync::Role::Admin;
                    view! { <StaffSection t token=s.token me=s.staff.id is_admin /> }
                })
        }}
    }
}

/// Meta key of the office code typed at sign-in, to offer it again when
/// the session must be renewed.
const OFFICE_CODE_KEY: &str = "office_code";

/// Signs in and stores the session. With `previous` (the session that ran
/// out), the new one must be of the same office; it replaces the old one
/// and everything on the device is kept. The sync loop is held meanwhile,
/// so no page pulled with the old session lands in between.
async fn sign_in(
    t: &'static Texts,
    mut request: SignInRequest,
    previous: Option<SignInResponse>,
) -> Result<(), &'static str> {
    let s = store().await.map_err(|e| t.common.store_error(&e))?;
    request.device_key = s.device_key(&request.office_code, &request.login).await.ok().flatten();
    let session = match api::sign_in(&request).await {
        Ok(session) => session,
        Err(ApiFailure::Unreachable) => return Err(t.common.err_unreachable),
        Err(ApiFailure::Outdated) => return Err(t.sync.err_outdated),
        Err(ApiFailure::TooManyAttempts) => return Err(t.common.err_sign_in_throttled),
        Err(ApiFailure::Refused { code, .. } | ApiFailure::Unauthorized { code })
            if code == renkei_domain::sync::codes::ACCOUNT_DISABLED =>
        {
            return Err(t.settings().err_account_disabled)
        }
        Err(_) => return Err(t.settings().err_sign_in_failed),
    };
    if previous.as_ref().is_some_and(|p| p.staff.office_id != session.staff.office_id) {
        let _ = api::sign_out(&session.token).await;
        return Err(t.settings().err_sign_in_other_office);
    }
    crate::sync::hold().await;
    let stored = async {
        if let Some(key) = &session.device_key {
            s.set_device_key(&request.office_code, &request.login, key).await?;
        }
        s.set_meta(OFFICE_CODE_KEY, &request.office_code).await?;
        s.set_session(&session).await?;
        if previous.is_some() {
            // The server ties a device id to the session that first used it:
            // the unsent changes go out under a new one.
            s.rewrite_outbox(true, None).await?;
        }
        Ok(())
    }
    .await;
    crate::sync::resume();
    stored.map_err(|e| t.common.store_error(&e))
}

#[component]
fn SignInForm(
    t: &'static Texts,
    previous: Option<SignInResponse>,
    on_done: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let renewing = previous.is_some();
    let office_code = RwSignal::new(String::new());
    let login = RwSignal::new(previous.as_ref().map(|p| p.staff.login.clone()).unwrap_or_default());
    let password = RwSignal::new(String::new());
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);
    let previous = StoredValue::new(previous);
    if renewing {
        leptos::task::spawn_local(async move {
            if let Ok(Some(code)) = async { store().await?.meta(OFFICE_CODE_KEY).await }.await {
                office_code.set(code);
            }
        });
    }
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = SignInRequest {
            office_code: office_code.get_untracked().trim().to_owned(),
            login: login.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            device_key: None,
        };
        if request.office_code.is_empty() || request.login.is_empty() || request.password.is_empty() {
            notice.set(Some(Notice::Error(t.common.err_required_fields.to_owned())));
            return;
        }
        busy.set(true);
        let on_done = on_done.clone();
        leptos::task::spawn_local(async move {
            let result = sign_in(t, request, previous.get_value()).await;
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
    let prefix = if renewing { "renew" } else { "sign-in" };
    view! {
        {(!renewing).then(|| view! { <p>{t.settings().sync_help}</p> })}
        <form class="sign-in" on:submit=submit>
            <TextField
                id=format!("{prefix}-office")
                label=t.settings().office_code
                value=office_code
                on_input=move |v| office_code.set(v)
                autocomplete="organization"
            />
            <TextField
                id=format!("{prefix}-login")
                label=t.common.login_id
                value=login
                on_input=move |v| login.set(v)
                autocomplete="username"
            />
            <TextField
                id=format!("{prefix}-password")
                label=t.settings().password
                input_type="password"
                value=password
                on_input=move |v| password.set(v)
                autocomplete="current-password"
            />
            <button type="submit" class="button primary" disabled=move || busy.get()>
                {if renewing { t.settings().sign_in_again } else { t.settings().sign_in }}
            </button>
        </form>
        <NoticeArea notice />
    }
}

/// 受け取れなかった変更 / 送れなかった変更 / 読めない記録: what sync set
/// aside rather than stop, with each reason.
#[component]
fn SetAsideSection(t: &'static Texts) -> impl IntoView {
    let sync = use_sync();
    let items = LocalResource::new(move || {
        sync.set_aside.track();
        async { store().await?.set_aside().await }
    });
    move || {
        let list = items.get().and_then(Result::ok).unwrap_or_default();
        (!list.is_empty()).then(|| {
            let count = |kind: SetAsideKind| list.iter().filter(|i| i.kind() == kind).count();
            let lines = [
                (SetAsideKind::Received, t.settings().set_aside_received),
                (SetAsideKind::Sent, t.settings().set_aside_sent),
                (SetAsideKind::Record, t.settings().set_aside_records),
            ]
            .into_iter()
            .filter(|(kind, _)| count(*kind) > 0)
            .map(|(kind, text)| view! { <li>{text(count(kind))}</li> })
            .collect_view();
            let reasons = list.iter().map(|i| view! { <li class="mono">{i.reason.clone()}</li> }).collect_view();
            view! {
                <section class="card" aria-labelledby="sec-set-aside" id="set-aside">
                    <h2 id="sec-set-aside">{t.settings().set_aside_title}</h2>
                    <ul>{lines}</ul>
                    <p class="muted">{t.settings().set_aside_help}</p>
                    <details>
                        <summary>{t.settings().reasons}</summary>
                        <ul>{reasons}</ul>
                    </details>
                </section>
            }
        })
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
                Err(e) => return notice.set(Some(Notice::Error(t.common.store_error(&e).to_owned()))),
            };
            let unsent = s.outbox_len().await.unwrap_or(0);
            if unsent > 0 && !confirmed {
                confirming.set(Some(unsent));
                return;
            }
            // No page of this office may land once the device is cleared.
            crate::sync::hold().await;
            // Revoke on the server when reachable; the local session goes
            // either way.
            let _ = api::sign_out(&token.get_value()).await;
            match s.sign_out_and_clear().await {
                Ok(()) => {
                    crate::stash::clear_all();
                    let _ = window().location().set_href("/");
                }
                Err(e) => {
                    crate::sync::resume();
                    notice.set(Some(Notice::Error(t.common.store_error(&e).to_owned())))
                }
            }
        });
    };
    let last_sync = move || match sync.status.get() {
        SyncStatus::Synced { at } => {
            let when = chrono::DateTime::from_timestamp_millis(at as i64)
                .map(|d| (t.common.date_time)(d.with_timezone(&chrono::Local).naive_local()))
                .unwrap_or_default();
            (t.settings().last_sync)(&when)
        }
        _ => String::new(),
    };
    view! {
        <p id="signed-in-as">{(t.settings().signed_in_as)(&office, &name)}</p>
        <p class="muted">{last_sync}</p>
        <div class="actions">
            <button type="button" class="button primary" on:click=|_| sync_now()>
                {t.settings().sync_now}
            </button>
            <button type="button" class="button" on:click=move |_| sign_out(false)>
                {t.settings().sign_out}
            </button>
        </div>
        <p class="muted">{t.settings().sign_out_note}</p>
        {move || {
            confirming
                .get()
                .map(|n| {
                    view! {
                        <div class="card warning" role="alertdialog" aria-labelledby="sign-out-warning">
                            <p id="sign-out-warning">{(t.settings().sign_out_confirm)(n)}</p>
                            <div class="actions">
                                <button type="button" class="button" on:click=move |_| confirming.set(None)>
                                    {t.common.cancel}
                                </button>
                                <button type="button" class="button danger" on:click=move |_| sign_out(true)>
                                    {t.settings().sign_out_anyway}
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
        <NoticeArea notice />
    }
}
