//! 地域連携会議実施加算の請求一覧 (`/billing`): for a month, the claimable
//! meeting of each client, with the total, and its CSV for the billing
//! software (`meeting::billing_csv`: BOM, CRLF, every field quoted).

use crate::i18n::{use_texts, Texts};
use crate::store::{store, StoreError};
use chrono::Datelike;
use leptos::prelude::*;
use renkei_domain::meeting::{billing_csv, billing_rows, BillingRow, CsvWords, Meeting, YearWindow};
use renkei_domain::plan::Plan;
use renkei_domain::{Client, RecordKind};
use uuid::Uuid;

#[derive(Clone)]
struct Data {
    clients: Vec<(Uuid, Client)>,
    meetings: Vec<(Uuid, Meeting)>,
    plans: Vec<Plan>,
}

async fn load() -> Result<Data, StoreError> {
    let s = store().await?;
    let clients = s.clients().await?.into_iter().map(|r| (r.meta.id, r.data)).collect();
    let meetings = super::all_meetings(&s).await?.into_iter().map(|r| (r.meta.id, r.data)).collect();
    let plans = s.live_of_kind::<Plan>(RecordKind::Plan).await?.into_iter().map(|r| r.data).collect();
    Ok(Data { clients, meetings, plans })
}

fn rows_of(d: &Data, month: (i32, u32), window: YearWindow) -> Vec<BillingRow> {
    let clients: Vec<(Uuid, &Client)> = d.clients.iter().map(|(id, c)| (*id, c)).collect();
    let meetings: Vec<(Uuid, &Meeting)> = d.meetings.iter().map(|(id, m)| (*id, m)).collect();
    billing_rows(month.0, month.1, &clients, &meetings, &d.plans, window)
}

fn parse_month(s: &str) -> Option<(i32, u32)> {
    let (y, m) = s.split_once('-')?;
    let (y, m) = (y.parse().ok()?, m.parse().ok()?);
    (1..=12).contains(&m).then_some((y, m))
}

#[component]
pub fn BillingPage() -> impl IntoView {
    let t = use_texts();
    let m = t.meetings();
    let today = chrono::Local::now().date_naive();
    let month = RwSignal::new(format!("{}-{:02}", today.year(), today.month()));
    let window = crate::plan_settings::use_plan_settings().get_untracked().claim_window;
    let data = LocalResource::new(move || {
        crate::live::track_changes();
        load()
    });
    view! {
        <h1>{m.billing_title}</h1>
        <p>{m.billing_intro}</p>
        <p class="muted">{(m.window_note)(window)}</p>
        <div class="field">
            <label for="billing-month">{m.month}</label>
            <input
                id="billing-month"
                type="month"
                prop:value=move || month.get()
                on:input=move |ev| month.set(event_target_value(&ev))
            />
        </div>
        {move || match (data.get(), parse_month(&month.get())) {
            (None, _) => view! { <p>{t.common.loading}</p> }.into_any(),
            (Some(Err(e)), _) => view! { <p class="notice error" role="alert">{t.common.store_error(&e)}</p> }.into_any(),
            (_, None) => ().into_any(),
            (Some(Ok(d)), Some(ym)) => view! { <Rows t rows=rows_of(&d, ym, window) ym /> }.into_any(),
        }}
    }
}

#[component]
fn Rows(t: &'static Texts, rows: Vec<BillingRow>, ym: (i32, u32)) -> impl IntoView {
    let m = t.meetings();
    if rows.is_empty() {
        return view! { <p class="muted" id="billing-empty">{m.billing_none}</p> }.into_any();
    }
    let total: u32 = rows.iter().map(|r| r.units).sum();
    let count = rows.len();
    let error = RwSignal::new(None::<String>);
    let csv_rows = rows.clone();
    let download = move |_| {
        let words = CsvWords { headers: m.csv_headers, division: m.division_short, plan_version: m.plan_version };
        let result = billing_csv(&csv_rows, &words)
            .map_err(|e| e.to_string())
            .and_then(|bytes| String::from_utf8(bytes).map_err(|e| e.to_string()))
            .and_then(|text| {
                let name = format!("renkei-addition-{}-{:02}.csv", ym.0, ym.1);
                crate::files::download_text(&name, "text/csv;charset=utf-8", &text)
            });
        error.set(result.err());
    };
    let body = rows
        .into_iter()
        .map(|r| {
            view! {
                <tr>
                    <th scope="row">{r.client_name}</th>
                    <td>{(t.common.date)(r.date)}</td>
                    <td>{r.service.name_ja()}</td>
                    <td>{(m.division_short)(r.division)}</td>
                    <td class="num">{r.units}</td>
                    <td>{r.plan_version.map(m.plan_version).unwrap_or_default()}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <p class="stat" id="billing-total">{(m.billing_total)(count, total)}</p>
        <div class="table-scroll">
            <table class="network-table" id="billing-table">
                <caption>{m.billing_title}</caption>
                <thead>
                    <tr>
                        <th scope="col">{m.col_client}</th>
                        <th scope="col">{m.col_date}</th>
                        <th scope="col">{m.col_service}</th>
                        <th scope="col">{m.col_division}</th>
                        <th scope="col">{m.col_units}</th>
                        <th scope="col">{m.col_plan}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
        <button type="button" class="button primary" id="billing-csv" on:click=download>{m.csv}</button>
    }
    .into_any()
}
