//! 支援記録の一覧: one client's notes, newest first, filtered by place, goal,
//! life domain and dates, and searched by text ignoring kana script, width
//! and case (like the client search). Follow-up tasks are ticked 「完了」
//! right here.

use super::{client_id_param, client_info, domain_choices, domain_label, timeline_href, ClientInfo};
use crate::components::client_nav::ClientNav;
use crate::components::field::TextField;
use crate::components::loading::when_loaded;
use crate::components::written::local_time;
use crate::i18n::{use_texts, Texts};
use crate::store::{spawn_write, store, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_query_map;
use renkei_domain::visit_note::{Place, VisitNote};
use renkei_domain::{kana, Record, RecordKind, RecordMeta};
use std::sync::Arc;
use uuid::Uuid;

#[component]
pub fn NotesPage() -> impl IntoView {
    let t = use_texts();
    let client = client_id_param();
    move || match client.get() {
        Some(client_id) => view! { <Timeline client_id /> }.into_any(),
        None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
    }
}

/// A note prepared for listing: its search text normalised once.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    record: Record<VisitNote>,
    haystack: String,
}

impl Row {
    fn new(record: Record<VisitNote>) -> Arc<Row> {
        let n = &record.data;
        let haystack =
            kana::normalize(&[n.text.as_str(), &n.place_detail, &n.present.join(" "), &n.follow_up.text].join(" "));
        Arc::new(Row { record, haystack })
    }

    fn at(&self) -> Option<NaiveDateTime> {
        self.record.data.at
    }
}

#[derive(Clone)]
struct Loaded {
    info: ClientInfo,
    rows: Vec<Arc<Row>>,
    actor: String,
}

async fn load(t: &'static Texts, client_id: Uuid) -> Result<Option<Loaded>, StoreError> {
    let s = store().await?;
    let Some(info) = client_info(&s, t, client_id).await? else {
        return Ok(None);
    };
    let mut notes: Vec<Record<VisitNote>> = s
        .live_of_kind::<VisitNote>(RecordKind::VisitNote)
        .await?
        .into_iter()
        .filter(|r| r.data.client_id == client_id)
        .collect();
    // Newest first; notes written at the same minute by when they were made.
    notes.sort_by(|a, b| b.data.at.cmp(&a.data.at).then(b.meta.created_at.cmp(&a.meta.created_at)));
    Ok(Some(Loaded { info, rows: notes.into_iter().map(Row::new).collect(), actor: s.device_id().await? }))
}

#[component]
fn Timeline(client_id: Uuid) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || {
        crate::live::track_changes();
        load(t, client_id)
    });
    move || when_loaded(t, loaded.get(), |l| view! { <TimelineView client_id loaded=l /> }.into_any())
}

/// The filters; empty strings mean 「すべて」.
#[derive(Clone, Copy)]
struct Filters {
    query: RwSignal<String>,
    /// Index into `Place::ALL`.
    place: RwSignal<String>,
    goal: RwSignal<String>,
    domain: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
}

impl Filters {
    fn new() -> Self {
        Filters {
            query: RwSignal::new(String::new()),
            place: RwSignal::new(String::new()),
            goal: RwSignal::new(String::new()),
            domain: RwSignal::new(String::new()),
            from: RwSignal::new(String::new()),
            to: RwSignal::new(String::new()),
        }
    }

    fn clear(self) {
        for s in [self.place, self.goal, self.domain, self.from, self.to] {
            s.set(String::new());
        }
    }

    /// A test for the current filters.
    fn matcher(self) -> impl Fn(&Row) -> bool {
        let q = kana::normalize(&self.query.get());
        let place = self.place.with(|p| p.parse::<usize>().ok().and_then(|i| Place::ALL.get(i).copied()));
        let goal = self.goal.with(|g| Uuid::parse_str(g).ok());
        let domain = self.domain.get();
        let from = self.from.with(|d| d.parse::<NaiveDate>().ok());
        let to = self.to.with(|d| d.parse::<NaiveDate>().ok());
        move |row: &Row| {
            let n = &row.record.data;
            let date = n.at.map(|at| at.date());
            (q.is_empty() || row.haystack.contains(&q))
                && place.is_none_or(|p| n.place == p)
                && goal.is_none_or(|g| n.goal_ids.contains(&g))
                && (domain.is_empty() || n.life_domains.iter().any(|d| d.as_str() == domain))
                && from.is_none_or(|f| date.is_some_and(|d| d >= f))
                && to.is_none_or(|l| date.is_some_and(|d| d <= l))
        }
    }
}

/// Notes rendered at first and added by each 「さらに表示」.
const PAGE: usize = 100;

#[component]
fn TimelineView(client_id: Uuid, loaded: Loaded) -> impl IntoView {
    let t = use_texts();
    let Loaded { info, rows, actor } = loaded;
    let info = Arc::new(info);
    let total = rows.len();
    let rows = RwSignal::new(rows);
    let filters = Filters::new();
    let shown = Memo::new(move |_| {
        let matches = filters.matcher();
        rows.with(|rows| rows.iter().filter(|r| matches(r)).cloned().collect::<Vec<_>>())
    });
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        shown.track();
        limit.set(PAGE);
    });
    let remaining = move || shown.with(Vec::len).saturating_sub(limit.get());
    let saved_id = use_query_map().with_untracked(|q| q.get("saved").and_then(|s| Uuid::parse_str(&s).ok()));
    let just_saved = saved_id.is_some_and(|id| rows.with_untracked(|rows| rows.iter().any(|r| r.record.meta.id == id)));

    let place_options: Vec<(String, String)> =
        Place::ALL.iter().enumerate().map(|(i, p)| (i.to_string(), (t.notes().place_name)(*p).to_owned())).collect();
    let goal_options: Vec<(String, String)> = info.goals.iter().map(|g| (g.id.to_string(), g.label.clone())).collect();
    let domain_options: Vec<(String, String)> =
        domain_choices(t).into_iter().map(|(key, label)| (key.to_owned(), label)).collect();
    let has_goals = !goal_options.is_empty();

    view! {
        <p>
            <A href=format!("/clients/{client_id}")>{t.notes().client_page}</A>
        </p>
        <div class="page-head">
            <h1>{t.notes().title}</h1>
            <A href=format!("{}/new", timeline_href(client_id)) attr:class="button primary big" attr:id="note-new">
                <span aria-hidden="true">"＋ "</span>
                {t.notes().new}
            </A>
        </div>
        <p class="note-client">{(t.notes().for_client)(&info.name)}</p>
        <ClientNav id=client_id t />
        {just_saved.then(|| view! { <p class="notice info" role="status">{t.notes().saved}</p> })}
        <div class="toolbar" role="search">
            <label for="note-search" class="visually-hidden">
                {t.notes().search}
            </label>
            <input
                id="note-search"
                type="search"
                autocomplete="off"
                placeholder=t.notes().search_placeholder
                prop:value=move || filters.query.get()
                on:input=move |ev| filters.query.set(event_target_value(&ev))
            />
        </div>
        <details class="fold filters">
            <summary>{t.notes().filters}</summary>
            <div class="fold-body grid-2">
                <FilterSelect id="note-filter-place" label=t.notes().place value=filters.place options=place_options t />
                {has_goals
                    .then(|| {
                        view! {
                            <FilterSelect
                                id="note-filter-goal"
                                label=t.notes().goals
                                value=filters.goal
                                options=goal_options
                                t
                            />
                        }
                    })}
                <FilterSelect
                    id="note-filter-domain"
                    label=t.notes().domains
                    value=filters.domain
                    options=domain_options
                    t
                />
                <TextField
                    id="note-filter-from"
                    label=t.notes().from
                    input_type="date"
                    value=filters.from
                    on_input=Callback::new(move |v| filters.from.set(v))
                />
                <TextField
                    id="note-filter-to"
                    label=t.notes().to
                    input_type="date"
                    value=filters.to
                    on_input=Callback::new(move |v| filters.to.set(v))
                />
            </div>
            <button type="button" class="button" on:click=move |_| filters.clear()>
                {t.notes().clear_filters}
            </button>
        </details>
        <p class="muted" aria-live="polite" id="note-count">
            {move || (t.notes().count)(shown.with(Vec::len), total)}
        </p>
        <Show when=move || shown.with(Vec::is_empty)>
            <p class="empty">{if total == 0 { t.notes().empty } else { t.notes().no_match }}</p>
        </Show>
        <ul class="note-list" aria-labelledby="note-count">
            <For
                each=move || shown.with(|rows| rows.iter().take(limit.get()).cloned().collect::<Vec<_>>())
                key=|row| row.record.meta.id
                let:row
            >
                <NoteCard
                    row
                    client_id
                    info=info.clone()
                    actor=actor.clone()
                    rows
                    highlight=saved_id
                    t
                />
            </For>
        </ul>
        <Show when=move || { remaining() > 0 }>
            <button type="button" class="button more" on:click=move |_| limit.update(|l| *l += PAGE)>
                {move || (t.notes().more)(remaining())}
            </button>
        </Show>
    }
}

/// A labelled select over choices known only at run time, with 「すべて」
/// first.
#[component]
fn FilterSelect(
    id: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
    t: &'static Texts,
) -> impl IntoView {
    let option = move |(v, l): (String, String)| {
        let key = v.clone();
        view! {
            <option value=v prop:selected=move || value.with(|x| *x == key)>
                {l}
            </option>
        }
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                {option((String::new(), t.notes().all.to_owned()))}
                {options.into_iter().map(option).collect_view()}
            </select>
        </div>
    }
}

/// 「2026-11-25T14:30」 for a `<time>` element.
fn machine_time(at: NaiveDateTime) -> String {
    use chrono::Timelike;
    let two = |n: u32| if n < 10 { format!("0{n}") } else { n.to_string() };
    format!("{}T{}:{}", at.date(), two(at.hour()), two(at.minute()))
}

/// 「記録: 山田 花子」, and who changed the note later and when: only what
/// is known (a note written signed out has no name).
fn authors_line(t: &'static Texts, meta: &RecordMeta) -> Option<String> {
    let made = meta.created_by_name.as_deref().map(t.notes().recorded_by);
    // A save stamps its envelope a moment after making it: an update is a
    // change by someone else, or a later one.
    let changed_later = meta.updated_at - meta.created_at >= chrono::TimeDelta::minutes(1)
        || meta.updated_by_name != meta.created_by_name;
    let updated = meta.updated_by_name.as_deref().filter(|_| changed_later).map(|name| {
        let when = local_time(meta.updated_at.timestamp_millis()).map(t.common.date_time).unwrap_or_default();
        (t.notes().updated_by)(name, &when)
    });
    let parts: Vec<String> = made.into_iter().chain(updated).collect();
    (!parts.is_empty()).then(|| parts.join("　"))
}

#[component]
fn NoteCard(
    row: Arc<Row>,
    client_id: Uuid,
    info: Arc<ClientInfo>,
    actor: String,
    rows: RwSignal<Vec<Arc<Row>>>,
    highlight: Option<Uuid>,
    t: &'static Texts,
) -> impl IntoView {
    let id = row.record.meta.id;
    let note = row.record.data.clone();
    let when = row.at().map(|at| ((t.common.date_time)(at), machine_time(at)));
    let when_label = when.as_ref().map(|(w, _)| w.clone()).unwrap_or_default();
    let mut place = (t.notes().place_name)(note.place).to_owned();
    if !note.place_detail.is_empty() {
        place = format!("{place}（{}）", note.place_detail);
    }
    let goals: Vec<String> = note.goal_ids.iter().map(|g| info.goal_label(t, *g)).collect();
    let domains: Vec<String> = note.life_domains.iter().map(|d| domain_label(t, d.as_str())).collect();
    let present = note.present.join("、");
    let follow_up = (!note.follow_up.text.trim().is_empty()).then(|| {
        let done = RwSignal::new(note.follow_up.done);
        let error = RwSignal::new(None::<&'static str>);
        let saved = RwSignal::new(false);
        let due = note.follow_up.due;
        let today = chrono::Local::now().date_naive();
        let overdue = move || !done.get() && due.is_some_and(|due| due < today);
        let text_id = format!("follow-up-{id}");
        let toggle = move |ev: leptos::ev::Event| {
            let checked = event_target_checked(&ev);
            done.set(checked);
            saved.set(false);
            error.set(None);
            let actor = actor.clone();
            // Only that field is written, on the note as stored now.
            let tick = move |note: &mut VisitNote| {
                let changed = note.follow_up.done != checked;
                note.follow_up.done = checked;
                changed
            };
            spawn_write(
                move |s| async move { s.modify(RecordKind::VisitNote, id, &actor, tick).await },
                move |result| match result {
                    Ok(Some(record)) => {
                        saved.set(true);
                        rows.update(|rows| {
                            if let Some(r) = rows.iter_mut().find(|r| r.record.meta.id == id) {
                                *r = Row::new(record);
                            }
                        });
                    }
                    Ok(None) => {}
                    Err(e) => {
                        done.set(!checked);
                        error.set(Some(t.common.store_error(&e)));
                    }
                },
            );
        };
        view! {
            <div class="note-follow-up" class:done=move || done.get() class:overdue=overdue>
                <p id=text_id.clone()>
                    <span class="label">{t.notes().follow_up_text}</span>
                    <span class="follow-up-text">{note.follow_up.text.clone()}</span>
                    {note
                        .follow_up
                        .due
                        .map(|due| view! { <span class="due">{(t.notes().due)(&(t.common.date)(due))}</span> })}
                    <Show when=overdue>
                        <span class="badge overdue">{t.notes().overdue}</span>
                    </Show>
                </p>
                <label class="check">
                    <input
                        type="checkbox"
                        aria-describedby=text_id
                        prop:checked=move || done.get()
                        on:change=toggle
                    />
                    <span>{t.notes().follow_up_done}</span>
                </label>
                <span class="save-state" role="status">
                    {move || saved.get().then_some(t.notes().saved)}
                </span>
                {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
            </div>
        }
    });
    let href = format!("{}/{id}", timeline_href(client_id));
    let authors = authors_line(t, &row.record.meta);
    view! {
        <li class="note-card" class:just-saved={highlight == Some(id)} id=format!("note-{id}")>
            <div class="note-head">
                {when.map(|(label, machine)| view! { <time datetime=machine>{label}</time> })}
                <span class="badge">{place}</span>
            </div>
            <p class="note-text">{note.text.clone()}</p>
            {authors.map(|line| view! { <p class="muted note-authors">{line}</p> })}
            {(!present.is_empty()).then(|| view! { <p class="muted note-present">{t.notes().present}": "{present}</p> })}
            {(!goals.is_empty() || !domains.is_empty())
                .then(|| {
                    view! {
                        <ul class="note-links">
                            {goals
                                .into_iter()
                                .map(|g| view! { <li class="badge goal">{g}</li> })
                                .collect_view()}
                            {domains
                                .into_iter()
                                .map(|d| view! { <li class="badge domain">{d}</li> })
                                .collect_view()}
                        </ul>
                    }
                })}
            {follow_up}
            <A href=href attr:class="button" attr:aria-label=format!("{}: {}", t.notes().edit, when_label)>
                {t.notes().edit}
            </A>
        </li>
    }
}
