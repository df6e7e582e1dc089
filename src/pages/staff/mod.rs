//! 職員の管理 (in 設定): the office's accounts, and for 管理者 a form to add
//! one, each account's devices ([`devices`]: sign one out, mark one lost)
//! and the office's access log ([`access_log`]). Accounts live on the office
//! server, so this needs a connection; it says so plainly when there is none.

mod access_log;
mod devices;

use crate::components::field::{SelectField, SelectOption, TextField};
use crate::components::notice::{Notice, NoticeArea};
use crate::i18n::Texts;
use crate::sync::api::{self, ApiFailure};
use leptos::prelude::*;
use renkei_domain::plan::JobRole;
use renkei_domain::sync::{CreateStaffRequest, Role, StaffInfo};
use uuid::Uuid;

use access_log::AccessLogSection;
use devices::DevicesPanel;

fn role_label(t: &'static Texts, role: Role) -> &'static str {
    match role {
        Role::Admin => t.staff().role_admin,
        Role::Staff => t.staff().role_staff,
    }
}

/// What to tell the user about a failed request. The server's messages are
/// "日本語 / English"; the part in the UI's language is shown.
pub(super) fn failure_text(t: &'static Texts, failure: ApiFailure) -> String {
    match failure {
        ApiFailure::Unreachable => t.common.err_unreachable.to_owned(),
        ApiFailure::Outdated => t.sync.err_outdated.to_owned(),
        ApiFailure::Unauthorized { .. } => t.sync.err_signed_out.to_owned(),
        ApiFailure::TooManyAttempts => t.common.err_sign_in_throttled.to_owned(),
        ApiFailure::Refused { status: 403, .. } => t.staff().admin_only.to_owned(),
        ApiFailure::Refused { message, .. } if !message.is_empty() => t.common.server_message(&message),
        ApiFailure::Refused { .. } => t.sync.err_refused.to_owned(),
    }
}

/// What a 管理者 has opened under one account's row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Panel {
    ConfirmDisable,
    Password,
    Devices,
}

#[component]
pub fn StaffSection(t: &'static Texts, token: String, me: Uuid, is_admin: bool) -> impl IntoView {
    let token = StoredValue::new(token);
    let refresh = RwSignal::new(0u32);
    let staff = LocalResource::new(move || {
        refresh.track();
        let token = token.get_value();
        async move { api::list_staff(&token).await }
    });
    let open = RwSignal::new(None::<(Uuid, Panel)>);
    let notice = RwSignal::new(None::<Notice>);
    view! {
        <section class="card" aria-labelledby="sec-staff">
            <h2 id="sec-staff">{t.staff().title}</h2>
            {move || match staff.get() {
                None => view! { <p>{t.common.loading}</p> }.into_any(),
                Some(Err(failure)) => view! { <p class="notice info">{failure_text(t, failure)}</p> }.into_any(),
                Some(Ok(list)) => {
                    view! {
                        <div class="table-scroll" tabindex="0" role="region" aria-label=t.staff().title>
                        <table class="staff-table" id="staff-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t.staff().display_name}</th>
                                    <th scope="col">{t.common.login_id}</th>
                                    <th scope="col">{t.staff().role}</th>
                                    <th scope="col">{t.staff().job_role}</th>
                                    <th scope="col">{t.staff().status}</th>
                                    {is_admin.then(|| view! { <th scope="col">{t.staff().actions}</th> })}
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|s| {
                                        let member = StoredValue::new(s.clone());
                                        let login_attr = s.login.clone();
                                        view! {
                                            <tr data-login=login_attr>
                                                <td>{s.display_name}</td>
                                                <td class="mono">{s.login}</td>
                                                <td>{role_label(t, s.role)}</td>
                                                <td>
                                                    {if is_admin {
                                                        view! { <JobRoleChoice t member token notice refresh /> }.into_any()
                                                    } else {
                                                        s.job_role.map_or(t.staff().job_role_none, t.record_words().job_role).into_any()
                                                    }}
                                                </td>
                                                <td class="staff-status">
                                                    {if s.disabled { t.staff().inactive } else { t.staff().active }}
                                                </td>
                                                {is_admin
                                                    .then(|| {
                                                        view! {
                                                            <td>
                                                                <StaffActions t member token me open notice refresh />
                                                            </td>
                                                        }
                                                    })}
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                        </div>
                    }
                        .into_any()
                }
            }}
            <NoticeArea notice />
            {move || {
                let (id, panel) = open.get()?;
                let member = staff.get()?.ok()?.into_iter().find(|s| s.id == id)?;
                Some(view! { <StaffPanel t member panel token open notice refresh /> })
            }}
            {if is_admin {
                view! { <AddStaffForm t token on_added=move || refresh.update(|n| *n += 1) /> }.into_any()
            } else {
                view! { <p class="muted">{t.staff().admin_only}</p> }.into_any()
            }}
        </section>
        // The access log is for 管理者 only: 職員 are not offered it (and the
        // server refuses them).
        {is_admin.then(|| {
            let members = Signal::derive(move || staff.get().and_then(Result::ok).unwrap_or_default());
            view! { <AccessLogSection t token members /> }
        })}
    }
}

/// The 職種 of one account, changed at once (管理者 only).
#[component]
fn JobRoleChoice(
    t: &'static Texts,
    member: StoredValue<StaffInfo>,
    token: StoredValue<String>,
    notice: RwSignal<Option<Notice>>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let m = member.get_value();
    let current = m.job_role.map(JobRole::code).unwrap_or_default();
    let change = move |ev: leptos::ev::Event| {
        let role = JobRole::from_code(&event_target_value(&ev));
        let member = member.get_value();
        leptos::task::spawn_local(async move {
            match api::set_job_role(&token.get_value(), member.id, role).await {
                Ok(_) => {
                    notice.set(Some(Notice::Info((t.staff().job_role_done)(&member.display_name))));
                    refresh.update(|n| *n += 1);
                }
                Err(failure) => notice.set(Some(Notice::Error(failure_text(t, failure)))),
            }
        });
    };
    let options = std::iter::once(("", t.staff().job_role_none))
        .chain(JobRole::ALL.into_iter().map(|r| (r.code(), (t.record_words().job_role)(r))))
        .map(|(code, label)| view! { <option value=code selected=code == current>{label}</option> })
        .collect_view();
    view! {
        <select class="job-role-select" aria-label=(t.staff().job_role_of)(&m.display_name) on:change=change>
            {options}
        </select>
    }
}

/// The buttons of one account's row (管理者 only).
#[component]
fn StaffActions(
    t: &'static Texts,
    member: StoredValue<StaffInfo>,
    token: StoredValue<String>,
    me: Uuid,
    open: RwSignal<Option<(Uuid, Panel)>>,
    notice: RwSignal<Option<Notice>>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let m = member.get_value();
    let id = m.id;
    let toggle = move |panel: Panel| {
        notice.set(None);
        open.update(|o| *o = if *o == Some((id, panel)) { None } else { Some((id, panel)) });
    };
    let enable = move |_| {
        let name = member.get_value().display_name;
        leptos::task::spawn_local(async move {
            match api::set_staff_disabled(&token.get_value(), id, false).await {
                Ok(_) => {
                    notice.set(Some(Notice::Info((t.staff().enabled_done)(&name))));
                    refresh.update(|n| *n += 1);
                }
                Err(failure) => notice.set(Some(Notice::Error(failure_text(t, failure)))),
            }
        });
    };
    view! {
        <div class="actions compact">
            {if m.disabled {
                view! {
                    <button type="button" class="button" on:click=enable>
                        {t.staff().enable}
                    </button>
                }
                    .into_any()
            } else if m.id != me {
                view! {
                    <button type="button" class="button" on:click=move |_| toggle(Panel::ConfirmDisable)>
                        {t.staff().disable}
                    </button>
                }
                    .into_any()
            } else {
                ().into_any()
            }}
            <button type="button" class="button" on:click=move |_| toggle(Panel::Password)>
                {t.staff().reset_password}
            </button>
            <button type="button" class="button" on:click=move |_| toggle(Panel::Devices)>
                {t.staff().devices}
            </button>
        </div>
    }
}

/// What opens under the table for one account: the confirmation to disable
/// it, the new-password form, or its signed-in devices.
#[component]
fn StaffPanel(
    t: &'static Texts,
    member: StaffInfo,
    panel: Panel,
    token: StoredValue<String>,
    open: RwSignal<Option<(Uuid, Panel)>>,
    notice: RwSignal<Option<Notice>>,
    refresh: RwSignal<u32>,
) -> impl IntoView {
    let id = member.id;
    let name = StoredValue::new(member.display_name.clone());
    let close = move || open.set(None);
    match panel {
        Panel::ConfirmDisable => {
            let disable = move |_| {
                leptos::task::spawn_local(async move {
                    match api::set_staff_disabled(&token.get_value(), id, true).await {
                        Ok(_) => {
                            notice.set(Some(Notice::Info((t.staff().disabled_done)(&name.get_value()))));
                            close();
                            refresh.update(|n| *n += 1);
                        }
                        Err(failure) => notice.set(Some(Notice::Error(failure_text(t, failure)))),
                    }
                });
            };
            view! {
                <div class="card warning" role="alertdialog" aria-labelledby="disable-question" id="staff-panel">
                    <p id="disable-question">{(t.staff().disable_confirm)(&name.get_value())}</p>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| close()>
                            {t.common.cancel}
                        </button>
                        <button type="button" class="button danger" on:click=disable>
                            {t.staff().disable}
                        </button>
                    </div>
                </div>
            }
            .into_any()
        }
        Panel::Password => {
            let password = RwSignal::new(String::new());
            let submit = move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let new = password.get_untracked();
                if new.is_empty() {
                    notice.set(Some(Notice::Error(t.common.err_required_fields.to_owned())));
                    return;
                }
                leptos::task::spawn_local(async move {
                    match api::reset_password(&token.get_value(), id, new).await {
                        Ok(()) => {
                            notice.set(Some(Notice::Info((t.staff().password_reset_done)(&name.get_value()))));
                            close();
                        }
                        Err(failure) => notice.set(Some(Notice::Error(failure_text(t, failure)))),
                    }
                });
            };
            view! {
                <form class="card password-form" id="staff-panel" on:submit=submit>
                    <h3>{format!("{} — {}", name.get_value(), t.staff().reset_password)}</h3>
                    <TextField
                        id="staff-new-password"
                        label=t.staff().new_password
                        hint=t.staff().password_hint
                        input_type="password"
                        value=password
                        on_input=move |v| password.set(v)
                        autocomplete="new-password"
                    />
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| close()>
                            {t.common.cancel}
                        </button>
                        <button type="submit" class="button primary">
                            {t.staff().reset_password}
                        </button>
                    </div>
                </form>
            }
            .into_any()
        }
        Panel::Devices => view! { <DevicesPanel t id name token close notice /> }.into_any(),
    }
}

#[component]
fn AddStaffForm(t: &'static Texts, token: StoredValue<String>, on_added: impl Fn() + Copy + 'static) -> impl IntoView {
    let login = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new("staff".to_owned());
    let job_role = RwSignal::new(String::new());
    let job_roles: Vec<SelectOption> = std::iter::once(SelectOption::new("", t.staff().job_role_none))
        .chain(JobRole::ALL.into_iter().map(|r| SelectOption::new(r.code(), (t.record_words().job_role)(r))))
        .collect();
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = CreateStaffRequest {
            login: login.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            role: if role.get_untracked() == "admin" { Role::Admin } else { Role::Staff },
            job_role: JobRole::from_code(&job_role.get_untracked()),
        };
        if request.login.is_empty() || request.display_name.is_empty() || request.password.is_empty() {
            notice.set(Some(Notice::Error(t.common.err_required_fields.to_owned())));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = api::create_staff(&token.get_value(), &request).await;
            busy.set(false);
            match result {
                Ok(added) => {
                    login.set(String::new());
                    display_name.set(String::new());
                    password.set(String::new());
                    notice.set(Some(Notice::Info((t.staff().added)(&added.display_name))));
                    on_added();
                }
                Err(failure) => notice.set(Some(Notice::Error(failure_text(t, failure)))),
            }
        });
    };
    view! {
        <h3>{t.staff().add}</h3>
        <form class="staff-form" on:submit=submit>
            <TextField id="staff-name" label=t.staff().display_name value=display_name on_input=move |v| display_name.set(v) />
            <TextField
                id="staff-login"
                label=t.common.login_id
                value=login
                on_input=move |v| login.set(v)
                autocomplete="off"
            />
            <TextField
                id="staff-password"
                label=t.staff().initial_password
                hint=t.staff().password_hint
                input_type="password"
                value=password
                on_input=move |v| password.set(v)
                autocomplete="new-password"
            />
            <SelectField
                id="staff-role"
                label=t.staff().role
                value=role
                on_change=move |v| role.set(v)
                options=vec![SelectOption::new("staff", t.staff().role_staff), SelectOption::new("admin", t.staff().role_admin)]
            />
            <SelectField
                id="staff-job-role"
                label=t.staff().job_role
                hint=t.staff().job_role_hint
                value=job_role
                on_change=move |v| job_role.set(v)
                options=job_roles
            />
            <button type="submit" class="button primary" disabled=move || busy.get()>
                {t.staff().add}
            </button>
        </form>
        <NoticeArea notice />
    }
}
