//! The device's database (IndexedDB): the only place the app keeps records.
//! Pages call these functions; no component touches IndexedDB directly.
//!
//! Rules that keep typed data safe: serialize before opening a
//! transaction, write a record and its outbox entry in one transaction, and
//! commit explicitly (indexed_db_futures rolls back otherwise).

mod backup;
mod client_list;
mod drafts;
mod error;
mod list_prefetch;
mod outbox;
mod pending;
mod purged;
mod records;
mod replica;
pub mod schema;
mod sealed;
mod session;
pub mod set_aside;
mod vault;
mod write;

pub use client_list::client_list_at_start;
pub use drafts::Draft;
pub use error::StoreError;
pub use pending::{begin_write, settled, WriteGuard};
pub use replica::Incoming;
pub use set_aside::SetAside;
pub use write::WriteMode;

use indexed_db_futures::database::Database;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{TransactionDurability, TransactionOptions};
use session::SyncMeta;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// The database name used by the app.
pub const DB_NAME: &str = "renkei";

pub type StoreResult<T> = Result<T, StoreError>;

/// An open database.
#[derive(Clone, Debug)]
pub struct Store {
    db: Database,
}

/// Things the database tells the app outside any call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreEvent {
    /// Opening waits for another tab that keeps an older version open.
    Blocked,
    /// Another tab upgraded the database; this tab closed its connection so
    /// the upgrade could go on, and must be reloaded to keep working.
    ClosedForUpgrade,
    /// A change of this device was queued for the server (the sync engine
    /// listens, so no page has to start a sync).
    OutboxChanged,
    /// Records changed by something other than this page's editor: changes
    /// pulled from the server, a backup merged in, a conflict settled. Open
    /// editors of these records follow them.
    RecordsChanged(Vec<uuid::Uuid>),
}

type EventHandler = Rc<dyn Fn(&StoreEvent)>;

thread_local! {
    static OPEN: RefCell<Option<Store>> = const { RefCell::new(None) };
    /// Callers waiting for the open under way: at start-up the shell, the
    /// sync engine and the page all ask at once, and one connection (and
    /// one round of start-up checks) serves them all.
    static WAITING: RefCell<Option<Vec<futures_channel::oneshot::Sender<StoreResult<Store>>>>> =
        const { RefCell::new(None) };
    static LISTENERS: RefCell<Vec<(u64, EventHandler)>> = const { RefCell::new(Vec::new()) };
    static NEXT_LISTENER: Cell<u64> = const { Cell::new(0) };
}

/// A listener's registration; [`unsubscribe`] ends it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subscription(u64);

/// Tells `handler` about every [`StoreEvent`] from now on.
pub fn subscribe(handler: impl Fn(&StoreEvent) + 'static) -> Subscription {
    let id = NEXT_LISTENER.with(|n| {
        n.set(n.get() + 1);
        n.get()
    });
    LISTENERS.with(|l| l.borrow_mut().push((id, Rc::new(handler))));
    Subscription(id)
}

pub fn unsubscribe(subscription: Subscription) {
    LISTENERS.with(|l| l.borrow_mut().retain(|(id, _)| *id != subscription.0));
}

fn emit(event: StoreEvent) {
    // Copied out first: a handler may subscribe or unsubscribe.
    let handlers: Vec<EventHandler> = LISTENERS.with(|l| l.borrow().iter().map(|(_, h)| h.clone()).collect());
    for handler in handlers {
        handler(&event);
    }
}

/// Starts a write: the write barrier is taken before this returns (so a
/// page opened next reads after the write), `op` runs on the open database
/// in the background, and `done` sees its result after the barrier is
/// released. The one way pages and editors write.
pub fn spawn_write<T: 'static, Fut>(
    op: impl FnOnce(Store) -> Fut + 'static,
    done: impl FnOnce(StoreResult<T>) + 'static,
) where
    Fut: std::future::Future<Output = StoreResult<T>> + 'static,
{
    let guard = begin_write();
    wasm_bindgen_futures::spawn_local(async move {
        let result = match store().await {
            Ok(s) => op(s).await,
            Err(e) => Err(e),
        };
        drop(guard);
        done(result);
    });
}

/// Options of a transaction that writes what the user typed: committed to
/// disk before it reports success where the browser offers that, so a
/// browser killed a moment later still has it.
fn durable() -> TransactionOptions {
    TransactionOptions::new().with_durability(TransactionDurability::Strict)
}

/// The app's database, opened on first use and kept open.
pub async fn store() -> StoreResult<Store> {
    if let Some(s) = OPEN.with(|o| o.borrow().clone()) {
        return Ok(s);
    }
    let waiting = WAITING.with(|w| {
        let mut w = w.borrow_mut();
        match w.as_mut() {
            Some(queue) => {
                let (tx, rx) = futures_channel::oneshot::channel();
                queue.push(tx);
                Some(rx)
            }
            None => {
                *w = Some(Vec::new());
                None
            }
        }
    });
    if let Some(rx) = waiting {
        return rx.await.unwrap_or_else(|_| Err(StoreError::Other("opening the database was abandoned".into())));
    }
    // index.html may be reading the client list: the browser opens one
    // connection at a time, and this one would hold that read up.
    list_prefetch::finished().await;
    crate::perf::mark("renkei:store:open");
    let result = open_and_prepare().await;
    crate::perf::mark("renkei:store:opened");
    for tx in WAITING.with(|w| w.borrow_mut().take()).unwrap_or_default() {
        let _ = tx.send(result.clone());
    }
    result
}

async fn open_and_prepare() -> StoreResult<Store> {
    let opened = Store::open(DB_NAME, schema::CURRENT_VERSION).await?;
    crate::perf::mark("renkei:store:connected");
    OPEN.with(|o| *o.borrow_mut() = Some(opened.clone()));
    close_when_upgraded_elsewhere(&opened);
    // A device with a passcode starts locked: nothing is read or written
    // before the passcode is entered.
    if !crate::vault::keyring::is_unlocked() && opened.wrapped_key().await?.is_some() {
        crate::vault::keyring::lock();
    }
    // Records from before schema 3 get their merge state and a change to
    // send, on the first start only (reading every record costs about
    // 400 ms with 2,000 clients). A failure here leaves them for the next
    // start; the app itself works either way.
    if crate::vault::keyring::is_locked() {
        return Ok(opened);
    }
    match opened.merge_states_to_seed().await {
        Ok(false) => {}
        Ok(true) => {
            if let Err(e) = seed_on_first_use(opened.clone()).await {
                web_sys::console::warn_1(&format!("seeding merge states failed: {e}").into());
            }
        }
        Err(e) => web_sys::console::warn_1(&format!("seeding merge states failed: {e}").into()),
    }
    Ok(opened)
}

/// The seeding writes records, and writing is code that ホーム's start does
/// not otherwise need: a module of its own, loaded once per device.
#[cfg_attr(feature = "split", leptos::lazy)]
async fn seed_on_first_use(store: Store) -> StoreResult<()> {
    store.seed_merge_states_once().await
}

/// A newer app in another tab cannot upgrade the schema while this tab holds
/// the database open: give way, and tell the user to reload.
fn close_when_upgraded_elsewhere(store: &Store) {
    let Ok(mut changes) = store.db.version_changes() else { return };
    let db = store.db.clone();
    wasm_bindgen_futures::spawn_local(async move {
        if changes.recv().await.is_some() {
            OPEN.with(|o| *o.borrow_mut() = None);
            db.close();
            emit(StoreEvent::ClosedForUpgrade);
        }
    });
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

impl Store {
    /// The transaction of a change made on this device: records, their
    /// merge states and outbox entries, drafts and the sync bookkeeping, all
    /// or nothing, and durable.
    fn local_change_tx(&self) -> StoreResult<indexed_db_futures::transaction::Transaction<'_>> {
        Ok(self
            .db
            .transaction([schema::RECORDS, schema::OUTBOX, schema::DRAFTS, schema::MERGE, schema::META])
            .with_mode(indexed_db_futures::transaction::TransactionMode::Readwrite)
            .with_options(durable())
            .build()?)
    }

    /// Opens (creating or upgrading) the database `name` at `version`.
    pub async fn open(name: &str, version: u32) -> StoreResult<Store> {
        let db = Database::open(name)
            .with_version(version)
            .with_on_blocked(|_| {
                emit(StoreEvent::Blocked);
                Ok(())
            })
            .with_on_upgrade_needed(move |event, db| {
                let old = event.old_version() as u32;
                let new = event.new_version().map_or(version, |v| v as u32);
                schema::upgrade(&db, old, new)
            })
            .await
            .map_err(|e| match StoreError::from(e) {
                StoreError::Other(m) if m.contains("blocked") => StoreError::Blocked,
                other => other,
            })?;
        Ok(Store { db })
    }

    pub fn close(self) {
        self.db.close();
    }
}
