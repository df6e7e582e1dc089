//! ゴミ箱: records moved to the trash in the last 30 days, each with
//! 「元に戻す」. Deletion is a tombstone that syncs like any edit, so a record
//! restored here comes back on every device.

use crate::components::loading::when_ready;
use crate::components::notice::{Notice, NoticeArea};
use crate::i18n::{use_texts, Texts};
use crate::store::{spawn_write, store};
use leptos::prelude::*;
use leptos_router::components::A;
use renkei_domain::{AnyRecord, RecordKind};
use std::collections::HashMap;
use uuid::Uuid;

/// How long a record stays restorable.
pub const TRASH_DAYS: i64 = 30;
const DAY_MS: f64 = 24.0 * 60.0 * 60.0 * 1000.0;

/// One line of the trash: what it is, for whom, and the days left.
#[derive(Clone)]
struct TrashItem {
    id: Uuid,
    kind: RecordKind,
    title: String,
    days_left: i64,
}

/// A name people recognise for a record of any kind: the client's name, and
/// for records about a client that name beside the record's own date.
fn title_of(record: &AnyRecord, client_names: &HashMap<String, String>) -> String {
    let text = |key: &str| record.data.get(key).and_then(|v| v.as_str()).unwrap_or_default().to_owned();
    match record.kind {
        RecordKind::Client | RecordKind::Agency => text("name"),
        other => {
            let client = client_names.get(&text("client_id")).cloned().unwrap_or_default();
            let when = match other {
                RecordKind::VisitNote | RecordKind::Contact => text("at").chars().take(10).collect(),
                RecordKind::Assessment | RecordKind::Transition | RecordKind::Meeting => text("date"),
                RecordKind::HandoverPrint => text("printed_at").chars().take(10).collect(),
                _ => record.data.get("version").and_then(|v| v.as_u64()).map(|v| format!("v{v}")).unwrap_or_default(),
            };
            [client, when].into_iter().filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" · ")
        }
    }
}

async fn load() -> Result<Vec<TrashItem>, crate::store::StoreError> {
    let s = store().await?;
    let now = js_sys::Date::now();
    let since = now - TRASH_DAYS as f64 * DAY_MS;
    let trash = s.trash(since).await?;
    // Names of every client, in the trash or not, for the records about them.
    let client_names: HashMap<String, String> = s
        .records_of_kind(RecordKind::Client)
        .await?
        .into_iter()
        .map(|c| (c.meta.id.to_string(), c.data.get("name").and_then(|v| v.as_str()).unwrap_or_default().to_owned()))
        .collect();
    Ok(trash
        .iter()
        .map(|r| {
            let moved = r.meta.updated_at.timestamp_millis() as f64;
            TrashItem {
                id: r.meta.id,
                kind: r.kind,
                title: title_of(r, &client_names),
                days_left: (TRASH_DAYS - ((now - moved) / DAY_MS).floor() as i64).max(1),
            }
        })
        .collect())
}

#[component]
pub fn TrashPage() -> impl IntoView {
    let t = use_texts();
    let items = LocalResource::new(|| {
        crate::live::track_changes();
        load()
    });
    let notice = RwSignal::new(None::<Notice>);
    let restore = move |item: TrashItem| {
        let title = item.title.clone();
        spawn_write(
            move |s| async move { s.set_deleted(item.id, false).await },
            move |result| {
                notice.set(Some(match result {
                    Ok(_) => Notice::Info((t.trash().restored)(&title)),
                    Err(e) => Notice::Error(t.common.store_error(&e).to_owned()),
                }));
                items.refetch();
            },
        );
    };
    view! {
        <h1>{t.common.trash}</h1>
        <p>{t.trash().help}</p>
        <NoticeArea notice />
        {move || when_ready(t, items.get(), |list| {
            if list.is_empty() {
                return view! { <p id="trash-empty">{t.trash().empty}</p> }.into_any();
            }
            view! {
                <ul class="trash-list" id="trash-list">
                    {list.into_iter().map(|item| view! { <TrashRow t item restore /> }).collect_view()}
                </ul>
            }
            .into_any()
        })}
        <A href="/clients" attr:class="button">{t.common.back_to_clients}</A>
    }
}

#[component]
fn TrashRow(t: &'static Texts, item: TrashItem, restore: impl Fn(TrashItem) + Copy + 'static) -> impl IntoView {
    let label = format!("{}: {}", t.common.restore, item.title);
    let days = (t.trash().days_left)(item.days_left);
    let kind = (t.trash().record_kind)(item.kind);
    let title = item.title.clone();
    view! {
        <li class="trash-item">
            <div>
                <span class="badge">{kind}</span>
                <span class="trash-title">{title}</span>
                <span class="trash-days">{days}</span>
            </div>
            <button type="button" class="button" aria-label=label on:click=move |_| restore(item.clone())>
                {t.common.restore}
            </button>
        </li>
    }
}
