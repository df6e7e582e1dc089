//! 職員の管理 (in 設定): the office's accounts, and for 管理者 a form to add
//! one. Accounts live on the office server, so this needs a connection; it
//! says so plainly when there is none.

use crate::components::field::{SelectField, SelectOption, TextField};
use crate::components::notice::{Notice, NoticeArea};
use crate::i18n::Texts;
use crate::sync::api::{self, ApiFailure};
use leptos::prelude::*;
use renkei_domain::sync::{CreateStaffRequest, Role};

fn role_label(t: &'static Texts, role: Role) -> &'static str {
    match role {
        Role::Admin => t.role_admin,
        Role::Staff => t.role_staff,
    }
}

/// What to tell the user about a failed request. The server's messages are
/// "日本語 / English"; the part in the UI's language is shown.
fn failure_text(t: &'static Texts, failure: ApiFailure) -> String {
    match failure {
        ApiFailure::Unreachable => t.err_unreachable.to_owned(),
        ApiFailure::Outdated => t.sync_err_outdated.to_owned(),
        ApiFailure::Unauthorized => t.sync_err_signed_out.to_owned(),
        ApiFailure::TooManyAttempts => t.err_sign_in_throttled.to_owned(),
        ApiFailure::Refused { status: 403, .. } => t.staff_admin_only.to_owned(),
        ApiFailure::Refused { message, .. } if !message.is_empty() => t.server_message(&message),
        ApiFailure::Refused { .. } => t.sync_err_refused.to_owned(),
    }
}

#[component]
pub fn StaffSection(t: &'static Texts, token: String, is_admin: bool) -> impl IntoView {
    let token = StoredValue::new(token);
    let staff = LocalResource::new(move || {
        let token = token.get_value();
        async move { api::list_staff(&token).await }
    });
    view! {
        <section class="card" aria-labelledby="sec-staff">
            <h2 id="sec-staff">{t.staff_title}</h2>
            {move || match staff.get() {
                None => view! { <p>{t.loading}</p> }.into_any(),
                Some(Err(failure)) => view! { <p class="notice info">{failure_text(t, failure)}</p> }.into_any(),
                Some(Ok(list)) => {
                    view! {
                        <table class="staff-table" id="staff-table">
                            <thead>
                                <tr>
                                    <th scope="col">{t.staff_display_name}</th>
                                    <th scope="col">{t.settings_login}</th>
                                    <th scope="col">{t.staff_role}</th>
                                </tr>
                            </thead>
                            <tbody>
                                {list
                                    .into_iter()
                                    .map(|s| {
                                        view! {
                                            <tr>
                                                <td>{s.display_name}</td>
                                                <td class="mono">{s.login}</td>
                                                <td>{role_label(t, s.role)}</td>
                                            </tr>
                                        }
                                    })
                                    .collect_view()}
                            </tbody>
                        </table>
                    }
                        .into_any()
                }
            }}
            {if is_admin {
                view! { <AddStaffForm t token on_added=move || staff.refetch() /> }.into_any()
            } else {
                view! { <p class="muted">{t.staff_admin_only}</p> }.into_any()
            }}
        </section>
    }
}

#[component]
fn AddStaffForm(t: &'static Texts, token: StoredValue<String>, on_added: impl Fn() + Copy + 'static) -> impl IntoView {
    let login = RwSignal::new(String::new());
    let display_name = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let role = RwSignal::new("staff".to_owned());
    let busy = RwSignal::new(false);
    let notice = RwSignal::new(None::<Notice>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = CreateStaffRequest {
            login: login.get_untracked().trim().to_owned(),
            display_name: display_name.get_untracked().trim().to_owned(),
            password: password.get_untracked(),
            role: if role.get_untracked() == "admin" { Role::Admin } else { Role::Staff },
        };
        if request.login.is_empty() || request.display_name.is_empty() || request.password.is_empty() {
            notice.set(Some(Notice::Error(t.err_required_fields.to_owned())));
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
                    notice.set(Some(Notice::Info((t.staff_added)(&added.display_name))));
                    on_added();
                }
                Err(failure) => notice.set(Some(Notice::Error(failure_text(t, failure)))),
            }
        });
    };
    view! {
        <h3>{t.staff_add}</h3>
        <form class="staff-form" on:submit=submit>
            <TextField id="staff-name" label=t.staff_display_name value=display_name on_input=move |v| display_name.set(v) />
            <TextField
                id="staff-login"
                label=t.settings_login
                value=login
                on_input=move |v| login.set(v)
                autocomplete="off"
            />
            <TextField
                id="staff-password"
                label=t.staff_initial_password
                hint=t.staff_password_hint
                input_type="password"
                value=password
                on_input=move |v| password.set(v)
                autocomplete="new-password"
            />
            <SelectField
                id="staff-role"
                label=t.staff_role
                value=role
                on_change=move |v| role.set(v)
                options=vec![SelectOption::new("staff", t.role_staff), SelectOption::new("admin", t.role_admin)]
            />
            <button type="submit" class="button primary" disabled=move || busy.get()>
                {t.staff_add}
            </button>
        </form>
        <NoticeArea notice />
    }
}
