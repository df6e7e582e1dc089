//! Background sync with the office server: push the outbox, then pull
//! until up to date. Runs on start, when the network comes back, when the
//! app becomes visible, after local saves, every minute while open, and on
//! 「今すぐ同期」; backs off after failures. Never blocks the UI: pages read
//! [`SyncStatus`] and keep working from IndexedDB.

pub mod api;

use crate::store::{store, StoreError};
use api::ApiFailure;
use futures_channel::oneshot;
use leptos::prelude::*;
use renkei_domain::sync::{PullResponse, PushRequest, MAX_PUSH_CHANGES};
use std::cell::RefCell;
use std::time::Duration;

/// Changes asked for per pull page: the server's maximum, since each page
/// costs one IndexedDB transaction and one round trip.
const PULL_PAGE: u32 = renkei_domain::sync::MAX_PULL_LIMIT;
/// Pause between syncs while all is well.
const INTERVAL: Duration = Duration::from_secs(60);
/// First pause after a failure; doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_secs(5);
const MAX_BACKOFF: Duration = Duration::from_secs(300);

/// What the status chip shows.
#[derive(Debug, Clone, PartialEq)]
pub enum SyncStatus {
    /// Not signed in to an office: changes stay on this device.
    SignedOut {
        unsent: u32,
    },
    Syncing,
    /// Everything sent and received, at this time (ms since the epoch).
    Synced {
        at: f64,
    },
    /// Online and signed in, with changes still to send.
    Pending {
        unsent: u32,
    },
    /// The device is offline; this many changes wait.
    Offline {
        unsent: u32,
    },
    Failed {
        unsent: u32,
        reason: SyncFailure,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum SyncFailure {
    /// 「アプリを更新してください」: local data is kept untouched.
    Outdated,
    /// The session ended: sign in again.
    SignedOut,
    /// The server cannot be reached although the device is online.
    Unreachable,
    Refused(String),
    Store(StoreError),
}

#[derive(Clone, Copy)]
pub struct Sync {
    pub status: RwSignal<SyncStatus>,
    /// Moves on whenever a pull changed records on this device. Lists and
    /// overviews track it to show other devices' changes without a reload;
    /// editors do not, so nothing re-renders under someone typing.
    pub received: RwSignal<u64>,
}

/// Tracks [`Sync::received`] inside a resource's fetcher (and does nothing
/// where there is no sync, as in tests).
pub fn track_received() {
    if let Some(sync) = use_context::<Sync>() {
        sync.received.track();
    }
}

pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}

thread_local! {
    static WAKE: RefCell<Option<oneshot::Sender<()>>> = const { RefCell::new(None) };
}

/// Wakes the sync loop now (after a save, 「今すぐ同期」, sign-in).
pub fn sync_now() {
    if let Some(waker) = WAKE.with(|w| w.borrow_mut().take()) {
        let _ = waker.send(());
    }
}

/// Waits for `pause` or [`sync_now`], whichever comes first.
async fn wait(pause: Duration) {
    let (tx, rx) = oneshot::channel();
    WAKE.with(|w| *w.borrow_mut() = Some(tx));
    let timer = set_timeout_with_handle(sync_now, pause).ok();
    let _ = rx.await;
    if let Some(t) = timer {
        t.clear();
    }
}

fn online() -> bool {
    window().navigator().on_line()
}

/// Starts the loop and provides [`Sync`] to the app.
pub fn start() -> Sync {
    let status = RwSignal::new(SyncStatus::Syncing);
    let received = RwSignal::new(0u64);
    let sync = Sync { status, received };
    provide_context(sync);
    let wake = window_event_listener(leptos::ev::online, |_| sync_now());
    let visible = window_event_listener(leptos::ev::visibilitychange, |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            sync_now();
        }
    });
    // The listeners live as long as the app.
    std::mem::forget((wake, visible));
    leptos::task::spawn_local(async move {
        let mut backoff = FIRST_BACKOFF;
        loop {
            let next = sync_once(status, received).await;
            let pause = match &next {
                SyncStatus::Failed { reason: SyncFailure::Outdated, .. } => Duration::from_secs(24 * 3600),
                SyncStatus::Failed { .. } => {
                    let p = backoff;
                    backoff = (backoff * 2).min(MAX_BACKOFF);
                    p
                }
                _ => {
                    backoff = FIRST_BACKOFF;
                    INTERVAL
                }
            };
            status.set(next);
            wait(pause).await;
        }
    });
    sync
}

async fn unsent() -> u32 {
    match store().await {
        Ok(s) => s.outbox_len().await.unwrap_or(0),
        Err(_) => 0,
    }
}

/// One round: push everything, then pull everything. Returns the status
/// to show afterwards.
async fn sync_once(status: RwSignal<SyncStatus>, received: RwSignal<u64>) -> SyncStatus {
    let s = match store().await {
        Ok(s) => s,
        Err(e) => return SyncStatus::Failed { unsent: 0, reason: SyncFailure::Store(e) },
    };
    let session = match s.session().await {
        Ok(Some(session)) => session,
        Ok(None) => return SyncStatus::SignedOut { unsent: unsent().await },
        Err(e) => return SyncStatus::Failed { unsent: 0, reason: SyncFailure::Store(e) },
    };
    if !online() {
        return SyncStatus::Offline { unsent: unsent().await };
    }
    status.set(SyncStatus::Syncing);
    match round(&session.token, received).await {
        Ok(()) => match unsent().await {
            0 => SyncStatus::Synced { at: js_sys::Date::now() },
            // Saved while syncing: go again at once.
            n => {
                sync_now();
                SyncStatus::Pending { unsent: n }
            }
        },
        Err(reason) => {
            let unsent = unsent().await;
            if reason == SyncFailure::Unreachable && !online() {
                SyncStatus::Offline { unsent }
            } else {
                SyncStatus::Failed { unsent, reason }
            }
        }
    }
}

fn failure(e: ApiFailure) -> SyncFailure {
    match e {
        ApiFailure::Unreachable => SyncFailure::Unreachable,
        ApiFailure::Outdated => SyncFailure::Outdated,
        ApiFailure::Unauthorized => SyncFailure::SignedOut,
        ApiFailure::TooManyAttempts => SyncFailure::Refused("too_many_attempts".into()),
        ApiFailure::Refused { code, .. } => SyncFailure::Refused(code),
    }
}

async fn round(token: &str, received: RwSignal<u64>) -> Result<(), SyncFailure> {
    let s = store().await.map_err(SyncFailure::Store)?;
    // Push: oldest first; entries leave the outbox only once acknowledged,
    // and a batch sent twice is stored once by the server.
    loop {
        let batch = s.outbox_batch(MAX_PUSH_CHANGES as u32).await.map_err(SyncFailure::Store)?;
        if batch.is_empty() {
            break;
        }
        let (keys, changes): (Vec<f64>, Vec<_>) = batch.into_iter().unzip();
        api::push(token, &PushRequest { changes }).await.map_err(failure)?;
        s.ack(&keys).await.map_err(SyncFailure::Store)?;
    }
    // Pull: each page is applied with its cursor in one transaction, so an
    // interrupted pull resumes where it stopped. The next page is already
    // on its way while one is applied; if applying fails it is dropped, and
    // the next round starts again from the stored cursor.
    let since = s.pull_cursor().await.map_err(SyncFailure::Store)?;
    let mut incoming = fetch_page(token, since);
    loop {
        let page = incoming.await.map_err(|_| SyncFailure::Unreachable)?.map_err(failure)?;
        let prefetch = page.more.then(|| fetch_page(token, page.next));
        let changes: Vec<_> = page.changes.into_iter().map(|c| c.change).collect();
        if s.apply_remote(&changes, page.next).await.map_err(SyncFailure::Store)? > 0 {
            received.update(|n| *n += 1);
        }
        match prefetch {
            Some(next) => incoming = next,
            None => break,
        }
    }
    Ok(())
}

/// Starts fetching one pull page now; the answer arrives on the receiver.
fn fetch_page(token: &str, since: i64) -> oneshot::Receiver<Result<PullResponse, ApiFailure>> {
    let (tx, rx) = oneshot::channel();
    let token = token.to_owned();
    leptos::task::spawn_local(async move {
        let _ = tx.send(api::pull(&token, since, PULL_PAGE).await);
    });
    rx
}
