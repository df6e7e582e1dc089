//! Whether the app shows itself or a passcode screen, and the automatic
//! lock: after [`lock_minutes`] without input, time in the background
//! included.

use super::{device, keyring};
use gloo_storage::Storage;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::JsCast;

/// Minutes without input before the app locks, the choices 設定 offers.
pub const LOCK_MINUTE_CHOICES: [u32; 6] = [1, 2, 5, 10, 15, 30];
pub const DEFAULT_LOCK_MINUTES: u32 = 5;
/// localStorage: not personal, and needed before the store opens.
const LOCK_MINUTES_KEY: &str = "renkei.lock_minutes";
/// How often the idle time is checked (and on every return to the page).
const CHECK_EVERY_MS: i32 = 15_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VaultView {
    /// The store is opening: nothing is shown yet.
    Checking,
    SetUp,
    Locked,
    Open,
}

thread_local! {
    static LAST_INPUT: Cell<f64> = Cell::new(js_sys::Date::now());
}

pub fn lock_minutes() -> u32 {
    gloo_storage::LocalStorage::get::<u32>(LOCK_MINUTES_KEY)
        .ok()
        .filter(|m| LOCK_MINUTE_CHOICES.contains(m))
        .unwrap_or(DEFAULT_LOCK_MINUTES)
}

pub fn set_lock_minutes(minutes: u32) {
    let _ = gloo_storage::LocalStorage::set(LOCK_MINUTES_KEY, minutes);
}

/// The app's vault state, checked once the store is open, and the idle lock.
pub fn provide() -> RwSignal<VaultView> {
    let vault = RwSignal::new(VaultView::Checking);
    provide_context(vault);
    leptos::task::spawn_local(async move {
        vault.set(match device::start().await {
            Ok(device::Start::SetUp) => VaultView::SetUp,
            Ok(device::Start::Locked) => VaultView::Locked,
            // The store does not open: the app shows its usual error
            // for that (the key is not needed to say so).
            Err(_) => VaultView::Open,
        });
    });
    watch_input(vault);
    vault
}

pub fn use_vault() -> RwSignal<VaultView> {
    expect_context::<RwSignal<VaultView>>()
}

/// Locks now: the pages close (their editors write what was typed), those
/// writes finish, then the key goes.
pub fn lock_app(vault: RwSignal<VaultView>) {
    if vault.get_untracked() != VaultView::Open {
        return;
    }
    vault.set(VaultView::Locked);
    leptos::task::spawn_local(async move {
        // The closed pages' clean-ups run with the next reactive update.
        next_task().await;
        device::lock().await;
        // Unlocked again meanwhile: the key stays.
        if vault.get_untracked() == VaultView::Open {
            return;
        }
        LAST_INPUT.set(js_sys::Date::now());
    });
}

async fn next_task() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

fn idle_too_long() -> bool {
    js_sys::Date::now() - LAST_INPUT.get() >= f64::from(lock_minutes()) * 60_000.0
}

fn watch_input(vault: RwSignal<VaultView>) {
    let Some(window) = web_sys::window() else { return };
    let seen = wasm_bindgen::closure::Closure::<dyn Fn()>::new(|| LAST_INPUT.set(js_sys::Date::now()));
    for event in ["pointerdown", "keydown", "input", "wheel", "touchstart"] {
        let _ = window.add_event_listener_with_callback_and_bool(event, seen.as_ref().unchecked_ref(), true);
    }
    let check = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        if keyring::is_unlocked() && idle_too_long() {
            lock_app(vault);
        }
    });
    let _ =
        window.set_interval_with_callback_and_timeout_and_arguments_0(check.as_ref().unchecked_ref(), CHECK_EVERY_MS);
    // Back from the background: checked before anything is shown again.
    let _ = window.add_event_listener_with_callback("visibilitychange", check.as_ref().unchecked_ref());
    // They live as long as the page.
    seen.forget();
    check.forget();
}
