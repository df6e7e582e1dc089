//! The record editor every page edits records with: it owns the saved
//! record the form was opened on, the form on screen, the draft, the save
//! state and the timing, and it has one rule for a failed write.
//!
//! - What is typed is kept in IndexedDB as a draft a moment after the last
//!   keystroke ([`DRAFT_AFTER`]), durably, and synchronously in localStorage
//!   when the page is hidden ([`crate::stash`]), so neither a reload nor a
//!   killed browser loses it.
//! - An autosaving editor writes the record once the typing pauses
//!   ([`SAVE_AFTER`]) and the form validates; the draft goes in the same
//!   transaction. An editor that commits on submit (a note) writes only
//!   drafts until [`RecordEditor::submit`].
//! - A draft keeps the record data it was typed over, so a draft restored
//!   after a reload writes only what the user changed, never over what
//!   another device changed meanwhile.
//! - A record changed by a pull while the editor is open is taken in field
//!   by field ([`EditForm::rebase`]): fields the user is not editing
//!   follow it, a field the user is editing keeps the user's text and is
//!   marked ([`RecordEditor::elsewhere`]).
//! - A failed write puts the saved record back as it was before that write
//!   (unless a later write already builds on it), so the next edit writes
//!   the change again; the draft keeps it meanwhile.

use crate::components::save_state::SaveState;
use crate::stash;
use crate::store::{self, spawn_write, Store, StoreEvent, StoreResult};
use leptos::ev;
use leptos::prelude::*;
use renkei_domain::{EditForm, Record, RecordMeta};
use serde::{Deserialize, Serialize};
use std::time::Duration;
use uuid::Uuid;

/// Time after the last keystroke before the draft is stored: short, so a
/// browser killed a moment after typing still has the text.
pub const DRAFT_AFTER: Duration = Duration::from_millis(150);
/// Time after the last keystroke before an autosaving editor writes the
/// record (each write is a change to send, so not on every pause).
pub const SAVE_AFTER: Duration = Duration::from_millis(600);

/// When the record is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Commit {
    /// Whenever the form is valid and the typing pauses (clients, plans,
    /// assessments).
    Autosave,
    /// Only on [`RecordEditor::submit`] (a note is saved with 「保存」).
    OnSubmit,
}

/// A draft as stored: the form, and the record data it was typed over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(bound = "")]
pub struct StoredDraft<F: EditForm> {
    pub form: F,
    pub base: Option<F::Data>,
}

/// A draft as read: this app's shape, or a bare form as earlier versions
/// stored it (taken as typed over nothing known).
#[derive(Deserialize)]
#[serde(untagged, bound = "")]
enum DraftShape<F: EditForm> {
    Stored(StoredDraft<F>),
    Bare(F),
}

impl<F: EditForm> From<DraftShape<F>> for StoredDraft<F> {
    fn from(shape: DraftShape<F>) -> Self {
        match shape {
            DraftShape::Stored(d) => d,
            DraftShape::Bare(form) => StoredDraft { form, base: None },
        }
    }
}

/// What an editor opens on.
#[derive(Debug, Clone)]
pub struct Opened<F: EditForm> {
    /// The stored record, if it exists.
    pub record: Option<Record<F::Data>>,
    /// Unsaved input from an earlier visit, already brought up to date with
    /// the stored record.
    pub restored: Option<F>,
}

/// Reads the record's unsaved input under `key`: the newer of the IndexedDB
/// draft and the localStorage stash, taken onto the stored `record` field by
/// field. A draft that says nothing the record does not is dropped.
pub async fn open<F: EditForm>(s: &Store, key: &str, record: Option<Record<F::Data>>) -> StoreResult<Opened<F>> {
    let stored = s.draft::<DraftShape<F>>(key).await?.map(|d| (d.saved_at, StoredDraft::from(d.value)));
    let stashed = stash::get::<DraftShape<F>>(key).map(|(at, d)| (at, StoredDraft::from(d)));
    let newest = match (stored, stashed) {
        (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
        (a, b) => a.or(b),
    };
    let restored = newest.and_then(|(_, draft)| {
        let saved = record.as_ref().map(|r| F::from_data(&r.data));
        let form = match (&draft.base, &saved) {
            (Some(base), Some(saved)) => draft.form.rebase(&F::from_data(base), saved).form,
            _ => draft.form,
        };
        (Some(&form) != saved.as_ref()).then_some(form)
    });
    Ok(Opened { record, restored })
}

/// Everything the editor keeps between calls (arena handles: the editor is
/// `Copy` and usable from any event handler).
#[derive(Clone)]
struct Setup {
    id: Uuid,
    key: String,
    actor: String,
    commit: Commit,
}

pub struct RecordEditor<F: EditForm> {
    /// The form on screen.
    pub form: RwSignal<F>,
    pub state: RwSignal<SaveState>,
    /// Whether the record is stored (a new one is, after its first write).
    pub exists: RwSignal<bool>,
    /// Whether the form started from unsaved input of an earlier visit.
    pub restored: RwSignal<bool>,
    /// Fields (by name) another device changed while the user was editing
    /// them here; cleared when the user's value is saved.
    pub elsewhere: RwSignal<Vec<String>>,
    /// The record the form builds on: the last one stored or being stored.
    saved: StoredValue<Option<Record<F::Data>>>,
    /// Whether a draft may be stored (then even a form back to the saved
    /// record is written, which removes it).
    draft_stored: StoredValue<bool>,
    writing: StoredValue<u32>,
    /// A pulled change came in during a write: looked at once it ends.
    follow_later: StoredValue<bool>,
    /// The form of a new record before anything is typed.
    fresh: StoredValue<F>,
    draft_timer: StoredValue<Option<TimeoutHandle>>,
    save_timer: StoredValue<Option<TimeoutHandle>>,
    setup: StoredValue<Setup>,
}

impl<F: EditForm> Clone for RecordEditor<F> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<F: EditForm> Copy for RecordEditor<F> {}

impl<F: EditForm> RecordEditor<F> {
    /// An editor of record `id` (the record may not exist yet), its draft
    /// kept under `key`, writing as `actor`; `fresh` is the form of a new
    /// record. Wires itself to the page's lifecycle and to pulled changes.
    pub fn new(id: Uuid, key: String, actor: String, commit: Commit, opened: Opened<F>, fresh: F) -> Self {
        let Opened { record, restored } = opened;
        let start = restored
            .clone()
            .or_else(|| record.as_ref().map(|r| F::from_data(&r.data)))
            .unwrap_or_else(|| fresh.clone());
        let editor = RecordEditor {
            form: RwSignal::new(start),
            state: RwSignal::new(if restored.is_some() && commit == Commit::Autosave {
                SaveState::Draft
            } else {
                SaveState::Idle
            }),
            exists: RwSignal::new(record.is_some()),
            restored: RwSignal::new(restored.is_some()),
            elsewhere: RwSignal::new(Vec::new()),
            saved: StoredValue::new(record),
            draft_stored: StoredValue::new(restored.is_some()),
            writing: StoredValue::new(0),
            follow_later: StoredValue::new(false),
            fresh: StoredValue::new(fresh),
            draft_timer: StoredValue::new(None),
            save_timer: StoredValue::new(None),
            setup: StoredValue::new(Setup { id, key, actor, commit }),
        };
        editor.wire();
        if restored.is_some() {
            // Store at once, in IndexedDB, what may only be in the stash.
            editor.keep_draft();
            if commit == Commit::Autosave {
                editor.schedule_save();
            }
        }
        editor
    }

    fn wire(self) {
        let leaving = move || {
            self.stash_now();
            self.flush();
        };
        let visibility = window_event_listener(ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Hidden {
                leaving();
            }
        });
        let pagehide = window_event_listener(ev::pagehide, move |_| leaving());
        let id = self.setup.with_value(|s| s.id);
        let subscription = store::subscribe(move |event| {
            if let StoreEvent::RecordsChanged(ids) = event {
                if ids.contains(&id) {
                    self.follow();
                }
            }
        });
        on_cleanup(move || {
            visibility.remove();
            pagehide.remove();
            store::unsubscribe(subscription);
            // Leaving the page within the app: store what is on screen.
            self.flush();
        });
    }

    /// Changes the form as the user did.
    pub fn edit(self, change: impl FnOnce(&mut F)) {
        self.form.update(change);
        self.schedule_draft();
        if self.setup.with_value(|s| s.commit) == Commit::Autosave {
            self.schedule_save();
        }
    }

    /// The form as the stored record would show it (`None` for a new one).
    fn saved_form(self) -> Option<F> {
        self.saved.with_value(|r| r.as_ref().map(|r| F::from_data(&r.data)))
    }

    fn unsaved(self) -> bool {
        let current = self.form.get_untracked();
        self.draft_stored.get_value() || self.saved_form().as_ref() != Some(&current) && self.touched_new(&current)
    }

    /// A new record's form counts as unsaved only once something is typed.
    fn touched_new(self, current: &F) -> bool {
        self.saved.with_value(Option::is_some)
            || self.restored.get_untracked()
            || self.fresh.with_value(|f| f != current)
    }

    // A timer's callback may already be queued when the page closes (the
    // app locking at the same moment): it then does nothing, as the page's
    // clean-up stored what was typed.
    fn schedule_draft(self) {
        restart(self.draft_timer, DRAFT_AFTER, move || {
            if self.alive() {
                self.keep_draft();
            }
        });
    }

    fn schedule_save(self) {
        restart(self.save_timer, SAVE_AFTER, move || {
            if self.alive() {
                self.save();
            }
        });
    }

    fn stash_now(self) {
        if self.unsaved() {
            let draft = self.draft();
            self.setup.with_value(|s| stash::put(&s.key, &draft));
        }
    }

    /// Forgets the stash once IndexedDB holds what it held.
    fn clear_stash(self, stored: &F) {
        self.setup.with_value(|s| {
            if stash::get::<StoredDraft<F>>(&s.key).is_some_and(|(_, d)| &d.form == stored) {
                stash::remove(&s.key);
            }
        });
    }

    /// Throws away the unsaved input: the form shows the saved record (or a
    /// new one) again, and the draft is removed.
    pub fn discard(self) {
        stop(self.draft_timer);
        stop(self.save_timer);
        let key = self.setup.with_value(|s| s.key.clone());
        stash::remove(&key);
        self.form.set(self.saved_form().unwrap_or_else(|| self.fresh.get_value()));
        self.draft_stored.set_value(false);
        self.restored.set(false);
        self.state.set(SaveState::Idle);
        spawn_write(
            move |s| async move { s.delete_draft(&key).await },
            move |result: StoreResult<()>| {
                if let (Err(e), true) = (result, self.alive()) {
                    self.state.set(SaveState::Failed(e));
                }
            },
        );
    }

    fn draft(self) -> StoredDraft<F> {
        StoredDraft {
            form: self.form.get_untracked(),
            base: self.saved.with_value(|r| r.as_ref().map(|r| r.data.clone())),
        }
    }

    /// Stores the form as a draft if it differs from the saved record.
    fn keep_draft(self) {
        stop(self.draft_timer);
        let current = self.form.get_untracked();
        if self.saved_form().as_ref() == Some(&current) || !self.touched_new(&current) {
            return;
        }
        let draft = self.draft();
        let (key, kind) = self.setup.with_value(|s| (s.key.clone(), F::KIND));
        let invalid = self.is_invalid(&current);
        self.draft_stored.set_value(true);
        spawn_write(
            move |s| async move { s.save_draft(kind, &key, &draft).await },
            move |result: StoreResult<()>| match result {
                // The page is gone (the draft was stored on the way out).
                _ if !self.alive() => {}
                Ok(()) => {
                    self.clear_stash(&current);
                    if invalid {
                        self.state.set(SaveState::Draft);
                    }
                }
                Err(e) => self.state.set(SaveState::Failed(e)),
            },
        );
    }

    fn is_invalid(self, form: &F) -> bool {
        self.setup.with_value(|s| s.commit) == Commit::Autosave
            && self.saved.with_value(|r| form.to_data(r.as_ref().map(|r| &r.data), today()).is_err())
    }

    /// Writes now whatever is waiting for a timer.
    pub fn flush(self) {
        let draft_pending = stop(self.draft_timer);
        let save_pending = stop(self.save_timer);
        if self.setup.with_value(|s| s.commit) == Commit::Autosave {
            if save_pending || draft_pending || self.draft_stored.get_value() {
                self.save();
            }
        } else if draft_pending {
            self.keep_draft();
        }
    }

    /// Autosave: the record if the form validates, else the draft.
    fn save(self) {
        stop(self.save_timer);
        let current = self.form.get_untracked();
        let base = self.saved.get_value();
        match current.to_data(base.as_ref().map(|r| &r.data), today()) {
            Ok(data) => {
                if base.as_ref().is_some_and(|r| r.data == data) && !self.draft_stored.get_value() {
                    return;
                }
                if base.is_none() && !self.touched_new(&current) {
                    return;
                }
                self.write(data, |_| {});
            }
            Err(_) => self.keep_draft(),
        }
    }

    /// Validates and writes the record (an editor that commits on submit);
    /// `saved` runs once it is stored. Returns the problems instead when the
    /// form does not validate, writing nothing.
    pub fn submit(self, saved: impl FnOnce(Record<F::Data>) + 'static) -> Result<(), Vec<F::Problem>> {
        stop(self.draft_timer);
        let current = self.form.get_untracked();
        let data = self.saved.with_value(|r| current.to_data(r.as_ref().map(|r| &r.data), today()))?;
        if self.saved.with_value(|r| r.as_ref().is_some_and(|r| r.data == data)) && !self.draft_stored.get_value() {
            if let Some(record) = self.saved.get_value() {
                saved(record);
            }
            return Ok(());
        }
        // Kept until IndexedDB has the record, whatever happens meanwhile.
        self.stash_now();
        self.write(data, saved);
        Ok(())
    }

    /// Whether the page that made the editor is still there (a write can
    /// end after it is gone).
    fn alive(self) -> bool {
        self.setup.try_with_value(|_| ()).is_some()
    }

    /// Whether a write is under way.
    pub fn busy(self) -> bool {
        self.writing.get_value() > 0
    }

    fn write(self, data: F::Data, saved: impl FnOnce(Record<F::Data>) + 'static) {
        let previous = self.saved.get_value();
        let base = previous.as_ref().map(|r| r.data.clone());
        let (id, key, actor) = self.setup.with_value(|s| (s.id, s.key.clone(), s.actor.clone()));
        let record = next_version(previous.clone(), id, &actor, data);
        let current = self.form.get_untracked();
        // Recorded before the write so a save that starts meanwhile builds
        // on it.
        self.saved.set_value(Some(record.clone()));
        self.draft_stored.set_value(false);
        self.writing.update_value(|n| *n += 1);
        self.state.set(SaveState::Saving);
        let written = record.clone();
        spawn_write(
            move |s| async move { s.save_edit_from_draft(F::KIND, &written, base.as_ref(), Some(&key)).await },
            move |result: StoreResult<()>| {
                if !self.alive() {
                    // Left while writing: the write ended, nothing to show.
                    return;
                }
                self.writing.update_value(|n| *n -= 1);
                match result {
                    Ok(()) => {
                        self.clear_stash(&current);
                        self.exists.set(true);
                        self.restored.set(false);
                        self.elsewhere.set(Vec::new());
                        self.state.set(SaveState::Saved);
                        saved(record);
                    }
                    Err(e) => {
                        // The one rollback rule: back to the record before
                        // this write, unless a later write builds on it; the
                        // draft keeps the input until the next edit retries.
                        if self.saved.with_value(|r| r.as_ref() == Some(&record)) {
                            self.saved.set_value(previous);
                        }
                        self.draft_stored.set_value(true);
                        self.keep_draft();
                        self.state.set(SaveState::Failed(e));
                    }
                }
                if self.follow_later.get_value() && !self.busy() {
                    self.follow_later.set_value(false);
                    self.follow();
                }
            },
        );
    }

    /// Takes in the stored record after a pull changed it.
    fn follow(self) {
        if self.busy() {
            self.follow_later.set_value(true);
            return;
        }
        let id = self.setup.with_value(|s| s.id);
        leptos::task::spawn_local(async move {
            let Ok(Some(newer)) = read_typed::<F>(id).await else { return };
            if !self.alive() {
                return;
            }
            if self.busy() {
                self.follow_later.set_value(true);
                return;
            }
            let newer_form = F::from_data(&newer.data);
            let current = self.form.get_untracked();
            let base = self.saved_form().unwrap_or_else(|| current.clone());
            let rebased = current.rebase(&base, &newer_form);
            self.saved.set_value(Some(newer));
            self.exists.set(true);
            if rebased.form != current {
                self.form.set(rebased.form);
            }
            if !rebased.clashes.is_empty() {
                self.elsewhere.update(|e| {
                    for c in rebased.clashes {
                        if !e.contains(&c) {
                            e.push(c);
                        }
                    }
                });
            }
        });
    }
}

async fn read_typed<F: EditForm>(id: Uuid) -> StoreResult<Option<Record<F::Data>>> {
    store::store().await?.record_of(F::KIND, id).await
}

fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// (Re)starts a timer; the callback runs once the user pauses.
fn restart(timer: StoredValue<Option<TimeoutHandle>>, after: Duration, run: impl Fn() + 'static) {
    stop(timer);
    timer.set_value(set_timeout_with_handle(run, after).ok());
}

/// Stops a timer; whether it was running.
fn stop(timer: StoredValue<Option<TimeoutHandle>>) -> bool {
    match timer.get_value() {
        Some(handle) => {
            handle.clear();
            timer.set_value(None);
            true
        }
        None => false,
    }
}

/// The version of a record an editor saves next: the last saved one,
/// touched by `actor`, or a new record.
pub fn next_version<T>(previous: Option<Record<T>>, id: Uuid, actor: &str, data: T) -> Record<T> {
    let now = chrono::Utc::now();
    match previous {
        Some(mut r) => {
            r.meta.touch(actor, now);
            r.data = data;
            r
        }
        None => Record { meta: RecordMeta::new(id, actor, now), data },
    }
}
