//! 支援記録 (docs/visit-notes.md): a client's notes, newest first, with filters
//! and search (`timeline`), and the quick entry form that also edits a note
//! (`entry`). Written on a phone at a job site with no signal: the form opens
//! with the current time and the last place used, and saving is one tap into
//! IndexedDB.

pub mod entry;
pub mod history;
pub mod timeline;

pub use entry::NoteEntryPage;
pub use timeline::NotesPage;

use crate::i18n::Texts;
use crate::store::{Store, StoreResult};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use renkei_domain::plan::{latest_versions, Plan};
use renkei_domain::visit_note::Place;
use renkei_domain::RecordKind;
use std::collections::HashMap;
use uuid::Uuid;

/// localStorage key of the place of the last saved note.
pub const LAST_PLACE_KEY: &str = "renkei.lastPlace";

/// The place the next note starts with: the one used last on this device.
pub fn last_place() -> Place {
    use gloo_storage::Storage;
    gloo_storage::LocalStorage::get::<Place>(LAST_PLACE_KEY).unwrap_or(Place::Home)
}

pub fn remember_place(place: Place) {
    use gloo_storage::Storage;
    // Not remembering it only means the next note starts elsewhere.
    let _ = gloo_storage::LocalStorage::set(LAST_PLACE_KEY, place);
}

/// The client id of the route, if it is one.
pub fn client_id_param() -> Memo<Option<Uuid>> {
    let params = use_params_map();
    Memo::new(move |_| params.read().get("id").and_then(|s| Uuid::parse_str(&s).ok()))
}

/// A short-term goal a note can be linked to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoalChoice {
    pub id: Uuid,
    pub label: String,
}

/// What the notes pages show about the client.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientInfo {
    pub name: String,
    /// Goals of the current plan (every current version if reviews forked),
    /// in plan order, removed goals left out.
    pub goals: Vec<GoalChoice>,
    /// Every goal any version of the client's plan has had, by id, with its
    /// latest wording: notes keep pointing at goals of earlier plans.
    pub goal_names: HashMap<Uuid, String>,
}

impl ClientInfo {
    /// The label of a linked goal, also when the plan no longer has it.
    pub fn goal_label(&self, t: &'static Texts, id: Uuid) -> String {
        self.goal_names.get(&id).cloned().unwrap_or_else(|| t.notes().unknown_goal.to_owned())
    }
}

fn goal_text(t: &'static Texts, text: &str, position: usize) -> String {
    let text = text.trim();
    if text.is_empty() {
        (t.notes().goal_untitled)(position)
    } else {
        text.to_owned()
    }
}

/// The client (`None` if there is no such client on this device) with the
/// goals of their plans.
pub async fn client_info(s: &Store, t: &'static Texts, client_id: Uuid) -> StoreResult<Option<ClientInfo>> {
    let Some(client) = s.client(client_id).await? else {
        return Ok(None);
    };
    // Notes stay usable when a plan cannot be read: only the goals are missing.
    let plans = s.live_of_kind::<Plan>(RecordKind::Plan).await.unwrap_or_else(|e| {
        web_sys::console::warn_1(&format!("plans could not be read: {e}").into());
        Vec::new()
    });
    let mut plans: Vec<Plan> = plans.into_iter().map(|r| r.data).filter(|p| p.client_id == client_id).collect();
    plans.sort_by_key(|p| p.version);
    let mut goal_names = HashMap::new();
    for plan in &plans {
        for (i, (id, goal)) in plan.goals_in_order().into_iter().enumerate() {
            goal_names.insert(id, goal_text(t, &goal.text, i + 1));
        }
    }
    let mut goals: Vec<GoalChoice> = Vec::new();
    for plan in latest_versions(&plans) {
        for (i, (id, goal)) in plan.goals_in_order().into_iter().enumerate() {
            if !goals.iter().any(|g| g.id == id) {
                goals.push(GoalChoice { id, label: goal_text(t, &goal.text, i + 1) });
            }
        }
    }
    Ok(Some(ClientInfo { name: client.data.name, goals, goal_names }))
}

/// The eight life domains: key and label (「① 健康・食生活」).
pub fn domain_choices(t: &'static Texts) -> Vec<(&'static str, String)> {
    renkei_domain::assessment::catalogue::current()
        .domains()
        .iter()
        .map(|d| (d.id(), t.catalogue().domain_label(d)))
        .collect()
}

/// The label of a stored domain key (a key a newer catalogue added shows as
/// itself).
pub fn domain_label(t: &'static Texts, key: &str) -> String {
    match renkei_domain::assessment::catalogue::current().domain(key) {
        Some(d) => t.catalogue().domain_label(d),
        None => key.to_owned(),
    }
}

/// Address of a client's notes.
pub fn timeline_href(client_id: Uuid) -> String {
    format!("/clients/{client_id}/notes")
}
