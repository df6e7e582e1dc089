//! Background sync with the office server: push the outbox, then pull
//! until up to date. Runs on start, when the network comes back, when the
//! app becomes visible, after local saves, every minute while open, and on
//! 「今すぐ同期」; backs off after failures. Never blocks the UI: pages read
//! [`SyncStatus`] and keep working from IndexedDB.

pub mod api;
pub mod page;
pub mod wipe;

use crate::store::{store, Store, StoreError};
use api::ApiFailure;
use futures_channel::oneshot;
use leptos::prelude::*;
use page::PulledPage;
use renkei_domain::sync::{codes, PushRequest, MAX_BODY_BYTES, MAX_PUSH_CHANGES};
use std::cell::{Cell, RefCell};
use std::time::Duration;
use uuid::Uuid;

/// Changes asked for per pull page: the server's maximum, since each page
/// costs one IndexedDB transaction and one round trip.
const PULL_PAGE: u32 = renkei_domain::sync::MAX_PULL_LIMIT;
/// Most bytes of change JSON per push: well under the server's body limit,
/// leaving room for the request's own framing.
pub const PUSH_BYTES: usize = MAX_BODY_BYTES * 3 / 4;
/// A clock further than this from the server's is adjusted for: stamps are
/// made on the server's time from then on.
const CLOCK_ADJUST_MS: i64 = 10_000;
/// A clock further than this from the server's is worth telling the user
/// about.
pub const CLOCK_WARN_MS: i64 = 2 * 60 * 1000;
/// A clock offset in whole minutes, rounded, as the user is told it.
pub fn minutes_off(offset_ms: i64) -> i64 {
    (offset_ms.abs() + 30_000) / 60_000
}

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
    /// The session ended (expired, or ended by a 管理者): sign in again;
    /// everything on the device is kept.
    SignedOut,
    /// A 管理者 disabled this account: the device is being erased
    /// ([`wipe`]), and reloads on the start page once it is.
    AccountDisabled,
    /// The server cannot be reached although the device is online.
    Unreachable,
    Refused(String),
    Store(StoreError),
}

#[derive(Clone, Copy)]
pub struct Sync {
    pub status: RwSignal<SyncStatus>,
    /// How far this device's clock is from the server's, in milliseconds,
    /// when that is more than [`CLOCK_WARN_MS`].
    pub clock_off: RwSignal<Option<i64>>,
    /// Changes and records set aside so far (see `store::SetAside`).
    pub set_aside: RwSignal<u32>,
}

pub fn use_sync() -> Sync {
    expect_context::<Sync>()
}

thread_local! {
    static WAKE: RefCell<Option<oneshot::Sender<()>>> = const { RefCell::new(None) };
    /// A round is running.
    static BUSY: Cell<bool> = const { Cell::new(false) };
    /// Rounds are held back (while signing out or switching sessions).
    static HELD: Cell<bool> = const { Cell::new(false) };
}

/// Stops the sync loop and waits for a running round to end, so that a
/// page still on its way cannot land after the device is cleared or its
/// session replaced. Call [`resume`] afterwards.
pub async fn hold() {
    HELD.with(|h| h.set(true));
    // A round stuck on a request that never answers is not waited for
    // forever: the store refuses a page whose office is no longer the
    // session's anyway.
    for _ in 0..500 {
        if !BUSY.with(Cell::get) {
            break;
        }
        sleep(Duration::from_millis(20)).await;
    }
}

/// Lets the sync loop run again after [`hold`], and wakes it.
pub fn resume() {
    HELD.with(|h| h.set(false));
    sync_now();
}

async fn sleep(pause: Duration) {
    let (tx, rx) = oneshot::channel::<()>();
    let _ = set_timeout_with_handle(
        move || {
            let _ = tx.send(());
        },
        pause,
    );
    let _ = rx.await;
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
    let sync = Sync { status, clock_off: RwSignal::new(None), set_aside: RwSignal::new(0) };
    provide_context(sync);
    // After a remote wipe the page was reloaded: say why.
    wipe::announce(crate::i18n::use_texts());
    let wake = window_event_listener(leptos::ev::online, |_| sync_now());
    let visible = window_event_listener(leptos::ev::visibilitychange, |_| {
        if document().visibility_state() == web_sys::VisibilityState::Visible {
            sync_now();
        }
    });
    // The listeners live as long as the app.
    std::mem::forget((wake, visible));
    // Every change queued on this device is sent at once: writers never
    // start a sync themselves.
    let _ = crate::store::subscribe(|event| {
        if *event == crate::store::StoreEvent::OutboxChanged {
            sync_now();
        }
    });
    leptos::task::spawn_local(async move {
        // The page the app opened on reads the database first.
        crate::first_screen::after().await;
        let mut backoff = FIRST_BACKOFF;
        loop {
            // Locked, nothing sealed can be read or written.
            if HELD.with(Cell::get) || crate::vault::keyring::is_locked() {
                wait(INTERVAL).await;
                continue;
            }
            BUSY.with(|b| b.set(true));
            let next = sync_once(sync).await;
            BUSY.with(|b| b.set(false));
            let pause = match &next {
                SyncStatus::Failed { reason: SyncFailure::Outdated, .. } => Duration::from_secs(24 * 3600),
                // Nothing changes until someone signs in again.
                SyncStatus::Failed { reason: SyncFailure::SignedOut | SyncFailure::AccountDisabled, .. } => MAX_BACKOFF,
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
async fn sync_once(sync: Sync) -> SyncStatus {
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
    sync.status.set(SyncStatus::Syncing);
    let result = round_on_first_use(s.clone(), session.token.clone(), session.staff.office_id, sync).await;
    if let Ok(n) = s.set_aside().await.map(|list| list.len() as u32) {
        sync.set_aside.set(n);
    }
    match result {
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
        ApiFailure::Unauthorized { code } if code == codes::ACCOUNT_DISABLED => SyncFailure::AccountDisabled,
        ApiFailure::Unauthorized { .. } => SyncFailure::SignedOut,
        ApiFailure::TooManyAttempts => SyncFailure::Refused("too_many_attempts".into()),
        ApiFailure::Refused { code, .. } => SyncFailure::Refused(code),
    }
}

/// Failures after which a pull is pointless too.
fn stops_pull(reason: &SyncFailure) -> bool {
    matches!(
        reason,
        SyncFailure::Unreachable
            | SyncFailure::Outdated
            | SyncFailure::SignedOut
            | SyncFailure::AccountDisabled
            | SyncFailure::Store(_)
    )
}

/// Moves stamps onto the server's clock when this device's is off: unsent
/// changes get fresh stamps, later ones are made on the corrected time.
async fn follow_server_clock(s: &Store, sync: Sync) -> Result<bool, SyncFailure> {
    let Some(measured) = api::measured_clock_offset() else { return Ok(false) };
    sync.clock_off.set((measured.abs() > CLOCK_WARN_MS).then_some(measured));
    let kept = s.clock_offset().await.map_err(SyncFailure::Store)?;
    if (measured - kept).abs() <= CLOCK_ADJUST_MS {
        return Ok(false);
    }
    s.rewrite_outbox(false, Some(measured)).await.map_err(SyncFailure::Store)?;
    Ok(true)
}

/// [`round`], whose code (pushing, pulling, merging) is split out of the main
/// wasm module: a device that is signed out or offline never loads it, and
/// one that syncs loads it after the first page is up.
#[leptos::lazy]
async fn round_on_first_use(s: Store, token: String, office: Uuid, sync: Sync) -> Result<(), SyncFailure> {
    round(&s, &token, office, sync).await
}

async fn round(s: &Store, token: &str, office: Uuid, sync: Sync) -> Result<(), SyncFailure> {
    // A push refused for a reason of its own does not stop this device
    // from receiving: pull anyway, then report the push's failure.
    let pushed = push_all(s, token, sync).await;
    if let Err(reason) = &pushed {
        if stops_pull(reason) {
            return pushed;
        }
    }
    pull_all(s, token, office).await?;
    // Every answer told the server's time: keep stamps on it, and say so
    // when this device's clock is off, even in a round with nothing to send.
    follow_server_clock(s, sync).await?;
    pushed
}

/// Sends the outbox, oldest first, in batches bounded in count and bytes.
/// Entries leave the outbox only once acknowledged, and a batch sent twice
/// is stored once by the server. Refusals are handled so that nothing stays
/// stuck: a batch too large is halved; a change the server finds invalid is
/// set aside with the reason; a device id or number the server holds for
/// someone else is replaced (unsent changes renumbered); a clock that runs
/// fast is corrected and the unsent changes stamped anew.
async fn push_all(s: &Store, token: &str, sync: Sync) -> Result<(), SyncFailure> {
    let mut limit = MAX_PUSH_CHANGES as u32;
    let mut renumbered = false;
    let mut restamped = false;
    loop {
        let batch = s.outbox_batch(limit, PUSH_BYTES).await.map_err(SyncFailure::Store)?;
        if batch.is_empty() {
            return Ok(());
        }
        let (keys, changes): (Vec<f64>, Vec<_>) = batch.into_iter().unzip();
        let size = changes.len() as u32;
        match api::push(token, &PushRequest { changes }).await {
            Ok(answer) => {
                s.ack(&keys).await.map_err(SyncFailure::Store)?;
                s.forget_purged(&answer.purged).await.map_err(SyncFailure::Store)?;
                limit = MAX_PUSH_CHANGES as u32;
            }
            Err(ApiFailure::Refused { code, .. })
                if (code == codes::TOO_LARGE || code == codes::BAD_CHANGE) && size > 1 =>
            {
                limit = size / 2;
            }
            Err(ApiFailure::Refused { code, message, .. }) if code == codes::TOO_LARGE || code == codes::BAD_CHANGE => {
                let batch = s.outbox_batch(1, PUSH_BYTES).await.map_err(SyncFailure::Store)?;
                if let Some((key, change)) = batch.into_iter().next() {
                    s.set_aside_refused(key, &change, format!("{code}: {message}"))
                        .await
                        .map_err(SyncFailure::Store)?;
                }
                limit = MAX_PUSH_CHANGES as u32;
            }
            Err(ApiFailure::Refused { status: 409, code, .. }) if !renumbered => {
                web_sys::console::warn_1(&format!("push refused ({code}): continuing under a new device id").into());
                s.rewrite_outbox(true, None).await.map_err(SyncFailure::Store)?;
                renumbered = true;
            }
            Err(ApiFailure::Refused { code, .. }) if code == codes::BAD_STAMP && !restamped => {
                if !follow_server_clock(s, sync).await? {
                    return Err(SyncFailure::Refused(code));
                }
                restamped = true;
            }
            Err(e) => return Err(failure(e)),
        }
    }
}

/// Pulls until up to date. Each page is applied with its cursor in one
/// transaction, so an interrupted pull resumes where it stopped. The next
/// page is already on its way while one is applied; if applying fails it is
/// dropped, and the next round starts again from the stored cursor.
/// Records changed by a page are announced by the store (`live`, editors).
async fn pull_all(s: &Store, token: &str, office: Uuid) -> Result<(), SyncFailure> {
    let since = s.pull_cursor(Some(office)).await.map_err(SyncFailure::Store)?;
    let mut incoming = fetch_page(token, since);
    loop {
        let page = incoming.await.map_err(|_| SyncFailure::Unreachable)?.map_err(failure)?;
        if HELD.with(Cell::get) {
            return Ok(());
        }
        let prefetch = page.more.then(|| fetch_page(token, page.next));
        s.apply_remote(&page.changes, &page.unreadable, &page.purged, page.next, Some(office))
            .await
            .map_err(SyncFailure::Store)?;
        match prefetch {
            Some(next) => incoming = next,
            None => return Ok(()),
        }
    }
}

/// Starts fetching one pull page now; the answer arrives on the receiver.
fn fetch_page(token: &str, since: i64) -> oneshot::Receiver<Result<PulledPage, ApiFailure>> {
    let (tx, rx) = oneshot::channel();
    let token = token.to_owned();
    leptos::task::spawn_local(async move {
        let _ = tx.send(api::pull(&token, since, PULL_PAGE).await);
    });
    rx
}
