//! アクセス記録 (管理者 only): who received (閲覧) or sent (書き込み) which
//! client's records and when, as the office server logged it, narrowed by
//! client, staff member and days, with the same rows as a CSV file for
//! Excel. The server knows clients by id only; the names shown are this
//! device's own (a client it does not hold, or one purged, shows as an id).

use super::devices::short_id;
use super::failure_text;
use crate::components::field::{SelectField, SelectOption, TextField};
use crate::i18n::Texts;
use crate::store::store;
use crate::sync::api::{self, AccessQuery};
use leptos::prelude::*;
use renkei_domain::sync::{AccessAction, AccessLogEntry, StaffInfo};
use std::collections::HashMap;
use uuid::Uuid;

/// The clients on this device, by id: their names for the table and the
/// filter, sorted as the filter lists them.
async fn client_names() -> Vec<(Uuid, String)> {
    let Ok(s) = store().await else { return Vec::new() };
    let mut clients: Vec<(Uuid, String, String)> = s
        .clients()
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|c| (c.id(), c.data.name.clone(), c.data.kana.clone()))
        .collect();
    clients.sort_by(|a, b| (&a.2, &a.1).cmp(&(&b.2, &b.1)));
    clients.into_iter().map(|(id, name, _)| (id, name)).collect()
}

fn parse_day(text: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok()
}

#[component]
pub(super) fn AccessLogSection(
    t: &'static Texts,
    token: StoredValue<String>,
    members: Signal<Vec<StaffInfo>>,
) -> impl IntoView {
    let clients = LocalResource::new(client_names);
    let client = RwSignal::new(String::new());
    let staff = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let query = move || AccessQuery {
        client: Uuid::parse_str(&client.get_untracked()).ok(),
        staff: Uuid::parse_str(&staff.get_untracked()).ok(),
        from: parse_day(&from.get_untracked()),
        to: parse_day(&to.get_untracked()),
    };
    // Nothing is asked of the server until 「表示」: the log can be long.
    let shown = RwSignal::new(None::<AccessQuery>);
    let rows = LocalResource::new(move || {
        let asked = shown.get();
        let token = token.get_value();
        async move {
            match asked {
                Some(q) => Some(api::access_log(&token, &q).await),
                None => None,
            }
        }
    });
    let csv_error = RwSignal::new(None::<String>);
    let download = move |_| {
        let q = query();
        csv_error.set(None);
        leptos::task::spawn_local(async move {
            let result = match api::access_log_csv(&token.get_value(), &q).await {
                Ok(text) => {
                    let today = chrono::Local::now().format("%Y%m%d");
                    crate::files::download_text(
                        &format!("renkei-access-log-{today}.csv"),
                        "text/csv;charset=utf-8",
                        &text,
                    )
                }
                Err(failure) => Err(failure_text(t, failure)),
            };
            csv_error.set(result.err());
        });
    };
    let show = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.set(Some(query()));
    };
    let all = || SelectOption::new("", t.staff().access_all);
    view! {
        <section class="card" aria-labelledby="sec-access-log" id="access-log">
            <h2 id="sec-access-log">{t.staff().access_title}</h2>
            <p class="muted">{t.staff().access_help}</p>
            <form class="access-log-filters" on:submit=show>
                {move || {
                    let options: Vec<SelectOption> = std::iter::once(all())
                        .chain(
                            clients
                                .get()
                                .unwrap_or_default()
                                .into_iter()
                                .map(|(id, name)| SelectOption::new(id.to_string(), name)),
                        )
                        .collect();
                    view! {
                        <SelectField
                            id="access-client"
                            label=t.staff().access_client
                            value=client
                            on_change=move |v| client.set(v)
                            options
                        />
                    }
                }}
                {move || {
                    let options: Vec<SelectOption> = std::iter::once(all())
                        .chain(members.get().into_iter().map(|m| SelectOption::new(m.id.to_string(), m.display_name)))
                        .collect();
                    view! {
                        <SelectField
                            id="access-staff"
                            label=t.staff().access_staff
                            value=staff
                            on_change=move |v| staff.set(v)
                            options
                        />
                    }
                }}
                <TextField id="access-from" label=t.staff().access_from input_type="date" value=from on_input=move |v| from.set(v) />
                <TextField id="access-to" label=t.staff().access_to input_type="date" value=to on_input=move |v| to.set(v) />
                <div class="actions">
                    <button type="submit" class="button primary">{t.staff().access_show}</button>
                    <button type="button" class="button" on:click=download>{t.staff().access_csv}</button>
                </div>
            </form>
            {move || csv_error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            {move || {
                let names: HashMap<Uuid, String> = clients.get().unwrap_or_default().into_iter().collect();
                match rows.get().flatten() {
                    None if shown.get().is_some() => view! { <p>{t.common.loading}</p> }.into_any(),
                    None => ().into_any(),
                    Some(Err(failure)) => view! { <p class="notice info">{failure_text(t, failure)}</p> }.into_any(),
                    Some(Ok(list)) if list.is_empty() => view! { <p>{t.staff().access_none}</p> }.into_any(),
                    Some(Ok(list)) => view! { <AccessTable t list names /> }.into_any(),
                }
            }}
        </section>
    }
}

#[component]
fn AccessTable(t: &'static Texts, list: Vec<AccessLogEntry>, names: HashMap<Uuid, String>) -> impl IntoView {
    let count = list.len();
    let client_label = move |id: Option<Uuid>| match id {
        None => t.staff().access_no_client.to_owned(),
        Some(id) => names.get(&id).cloned().unwrap_or_else(|| (t.staff().access_unknown_client)(&short_id(id))),
    };
    let rows = list
        .into_iter()
        .map(|row| {
            let at = (t.common.date_time)(row.at.with_timezone(&chrono::Local).naive_local());
            let action = match row.action {
                AccessAction::Read => t.staff().access_read,
                AccessAction::Write => t.staff().access_write,
            };
            view! {
                <tr>
                    <td>{at}</td>
                    <td>{row.staff_name}</td>
                    <td>{client_label(row.client_id)}</td>
                    <td>{action}</td>
                    <td class="num">{row.records}</td>
                    <td class="mono">{short_id(row.session_id)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="muted">{(t.staff().access_count)(count)}</p>
        <div class="table-scroll" tabindex="0" role="region" aria-label=t.staff().access_title>
            <table class="access-log-table" id="access-log-table">
                <thead>
                    <tr>
                        <th scope="col">{t.staff().access_at}</th>
                        <th scope="col">{t.staff().access_staff}</th>
                        <th scope="col">{t.staff().access_client}</th>
                        <th scope="col">{t.staff().access_action}</th>
                        <th scope="col">{t.staff().access_records}</th>
                        <th scope="col">{t.staff().device_session}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}
