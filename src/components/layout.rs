//! Navigation (bottom bar on phones, side bar on wider screens) and the
//! banner that offers a new version.

use crate::i18n::use_texts;
use crate::pwa;
use crate::store::StoreEvent;
use crate::sync::{use_sync, SyncFailure, SyncStatus};
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Nav() -> impl IntoView {
    let t = use_texts();
    view! {
        <nav class="app-nav" aria-label=t.common.nav_label>
            <A href="/" exact=true>
                <span class="nav-icon" aria-hidden="true">"⌂"</span>
                <span>{t.common.nav_home}</span>
            </A>
            <A href="/clients">
                <span class="nav-icon" aria-hidden="true">"☰"</span>
                <span>{t.common.nav_clients}</span>
            </A>
            <A href="/agencies">
                <span class="nav-icon" aria-hidden="true">"⇄"</span>
                <span>{t.common.nav_agencies}</span>
            </A>
            <A href="/settings">
                <span class="nav-icon" aria-hidden="true">"⚙"</span>
                <span>{t.common.nav_settings}</span>
            </A>
        </nav>
    }
}

/// Shown when a new version is installed and waiting. It never reloads by
/// itself: the user may be typing.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let t = use_texts();
    let pwa::UpdateReady(ready) = expect_context::<pwa::UpdateReady>();
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status">
                <span>{t.common.update_available}</span>
                <button type="button" class="button primary" on:click=|_| pwa::apply_update()>
                    {t.common.update_now}
                </button>
            </div>
        </Show>
    }
}

/// The database's own news: opening is blocked by an old tab, or another
/// tab's newer version took the database over.
#[component]
pub fn StoreBanner(event: RwSignal<Option<StoreEvent>>) -> impl IntoView {
    let t = use_texts();
    view! {
        {move || {
            event
                .get()
                .and_then(|e| {
                    let text = match e {
                        StoreEvent::Blocked => t.common.err_store_blocked,
                        StoreEvent::ClosedForUpgrade => t.common.err_store_closed_for_upgrade,
                        _ => return None,
                    };
                    Some(view! {
                        <div class="update-banner" role="alert">
                            <span>{text}</span>
                            <button
                                type="button"
                                class="button primary"
                                on:click=|_| {
                                    let _ = window().location().reload();
                                }
                            >
                                {t.common.reload}
                            </button>
                        </div>
                    })
                })
        }}
    }
}

/// Always visible: 同期済み / 未送信 N件 / オフライン / エラー (with the
/// reason). Opens 設定, where sync is managed.
#[component]
pub fn SyncChip() -> impl IntoView {
    let t = use_texts();
    let sync = use_sync();
    let state = move || match sync.status.get() {
        // Not signed in to any server: nothing is "unsent", it all stays here.
        SyncStatus::SignedOut { .. } => ("muted", t.sync.local_only.to_owned()),
        SyncStatus::Syncing => ("muted", t.sync.syncing.to_owned()),
        SyncStatus::Synced { .. } => ("ok", format!("✓ {}", t.sync.synced)),
        SyncStatus::Pending { unsent } => ("warn", (t.sync.unsent)(unsent)),
        SyncStatus::Offline { unsent: 0 } => ("muted", t.sync.offline.to_owned()),
        SyncStatus::Offline { unsent } => ("warn", format!("{} · {}", t.sync.offline, (t.sync.unsent)(unsent))),
        SyncStatus::Failed { reason, .. } => {
            let why = match reason {
                SyncFailure::Outdated => t.sync.err_outdated,
                SyncFailure::SignedOut => t.sync.err_signed_out,
                SyncFailure::AccountDisabled => t.sync.err_account_disabled,
                SyncFailure::Unreachable => t.sync.err_unreachable,
                SyncFailure::Refused(_) => t.sync.err_refused,
                SyncFailure::Store(e) => t.common.store_error(&e),
            };
            ("error", format!("{}: {}", t.sync.error, why))
        }
    };
    // A clock that is off is said first: it is what the user can fix.
    let shown = move || match sync.clock_off.get() {
        Some(off) => ("warn", (t.sync.clock_off)(crate::sync::minutes_off(off))),
        None => state(),
    };
    view! {
        <div class="sync-status" role="status" aria-live="polite">
            <A href="/settings" attr:class=move || format!("sync-chip {}", shown().0) attr:id="sync-chip">
                {move || shown().1}
            </A>
        </div>
    }
}
