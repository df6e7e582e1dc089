//! 8領域の生活アセスメント (docs/assessment.md): a client's dated assessments
//! with the comparison of the latest and an earlier one (`list.rs`,
//! `radar.rs`), and the form for one assessment (`form.rs`), from whose items
//! plan goals are drafted (`plan_goal.rs`).

mod conflicts;
mod form;
mod list;
mod plan_goal;
mod radar;

pub use form::AssessmentPage;
pub use list::AssessmentsPage;

use crate::store::{Store, StoreResult};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use renkei_domain::assessment::Assessment;
use renkei_domain::visit_note::VisitNote;
use renkei_domain::{Record, RecordKind};
use std::cmp::Reverse;
use uuid::Uuid;

/// A UUID route parameter, if it is one.
fn uuid_param(key: &'static str) -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get(key).and_then(|s| Uuid::parse_str(&s).ok()))
}

/// Whether a record's data belongs to `client_id`, read without decoding
/// the rest of it.
fn is_for(data: &serde_json::Value, client_id: Uuid) -> bool {
    data.get("client_id").and_then(|v| v.as_str()).and_then(|s| Uuid::parse_str(s).ok()) == Some(client_id)
}

/// The client's assessments, newest first (by date, then by when they were
/// made), and how many of the client's assessments could not be read.
async fn client_assessments(s: &Store, client_id: Uuid) -> StoreResult<(Vec<Record<Assessment>>, usize)> {
    let mut unreadable = 0;
    let mut list: Vec<Record<Assessment>> = s
        .records_of_kind(RecordKind::Assessment)
        .await?
        .into_iter()
        .filter(|r| !r.meta.deleted && is_for(&r.data, client_id))
        .filter_map(|r| {
            let typed = r.to_typed::<Assessment>().ok();
            unreadable += usize::from(typed.is_none());
            typed
        })
        .collect();
    list.sort_by_key(|r| Reverse((r.data.date, r.meta.created_at)));
    Ok((list, unreadable))
}

/// The client's name, or an empty string if the client is not on this
/// device.
async fn client_name(s: &Store, client_id: Uuid) -> StoreResult<String> {
    Ok(s.client(client_id).await?.map(|c| c.data.name).unwrap_or_default())
}

/// A visit note shown under a life domain: date and the start of the text.
#[derive(Debug, Clone, PartialEq)]
struct NoteLine {
    date: Option<chrono::NaiveDate>,
    domains: Vec<String>,
    text: String,
}

/// How much of a note's text is shown under a domain.
const NOTE_PREVIEW_CHARS: usize = 60;

/// The client's visit notes that name a life domain, newest first.
async fn domain_notes(s: &Store, client_id: Uuid) -> StoreResult<Vec<NoteLine>> {
    let mut notes: Vec<VisitNote> = s
        .records_of_kind(RecordKind::VisitNote)
        .await?
        .into_iter()
        .filter(|r| !r.meta.deleted && is_for(&r.data, client_id))
        .filter_map(|r| r.to_typed::<VisitNote>().ok())
        .map(|r| r.data)
        .filter(|n| !n.life_domains.is_empty())
        .collect();
    notes.sort_by_key(|n| Reverse(n.at));
    Ok(notes
        .into_iter()
        .map(|n| {
            let text = n.text.trim();
            let mut preview: String = text.chars().take(NOTE_PREVIEW_CHARS).collect();
            if text.chars().nth(NOTE_PREVIEW_CHARS).is_some() {
                preview.push('…');
            }
            NoteLine {
                date: n.at.map(|at| at.date()),
                domains: n.life_domains.into_iter().map(|d| d.0).collect(),
                text: preview,
            }
        })
        .collect())
}
