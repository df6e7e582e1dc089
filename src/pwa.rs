//! Installable-app plumbing: the service worker (offline start, updates the
//! user accepts), persistent storage, and storage figures for 設定.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Whether a new version is installed and waiting for the user's go-ahead.
#[derive(Clone, Copy)]
pub struct UpdateReady(pub RwSignal<bool>);

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let navigator = window().navigator();
    // Missing on insecure origins and some embedded browsers.
    js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false).then(|| navigator.service_worker())
}

/// Registers `/sw.js` and watches for a waiting new version. Skipped in
/// debug builds, whose files change under the same names.
pub fn register_service_worker(update_ready: RwSignal<bool>) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else { return };
    leptos::task::spawn_local(async move {
        let options = web_sys::RegistrationOptions::new();
        options.set_update_via_cache(web_sys::ServiceWorkerUpdateViaCache::None);
        let Ok(reg) = JsFuture::from(container.register_with_options("/sw.js", &options)).await else {
            return;
        };
        let reg: web_sys::ServiceWorkerRegistration = reg.unchecked_into();
        let has_controller = move || container_controller().is_some();
        if reg.waiting().is_some() && has_controller() {
            update_ready.set(true);
        }
        let reg_for_found = reg.clone();
        let on_update_found = Closure::<dyn Fn()>::new(move || {
            let Some(installing) = reg_for_found.installing() else { return };
            let worker = installing.clone();
            let on_state = Closure::<dyn Fn()>::new(move || {
                if worker.state() == web_sys::ServiceWorkerState::Installed && has_controller() {
                    update_ready.set(true);
                }
            });
            installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
            on_state.forget();
        });
        reg.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
        on_update_found.forget();

        // Look for a new version whenever the app comes back to the front.
        let reg_for_check = reg.clone();
        let check = window_event_listener(leptos::ev::visibilitychange, move |_| {
            if document().visibility_state() == web_sys::VisibilityState::Visible {
                let _ = reg_for_check.update();
            }
        });
        std::mem::forget(check);
    });
}

fn container_controller() -> Option<web_sys::ServiceWorker> {
    container().and_then(|c| c.controller())
}

/// Activates the waiting version and reloads once it controls the page. The
/// editors store what is typed on `pagehide`, before the reload.
pub fn apply_update() {
    let Some(container) = container() else { return };
    leptos::task::spawn_local(async move {
        let Ok(reg) = JsFuture::from(container.get_registration()).await else { return };
        let Some(reg) = reg.dyn_into::<web_sys::ServiceWorkerRegistration>().ok() else { return };
        let Some(waiting) = reg.waiting() else {
            let _ = window().location().reload();
            return;
        };
        let on_change = Closure::<dyn Fn()>::new(|| {
            let _ = window().location().reload();
        });
        container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
        on_change.forget();
        let message = js_sys::Object::new();
        let _ = js_sys::Reflect::set(&message, &"type".into(), &"SKIP_WAITING".into());
        let _ = waiting.post_message(&message);
    });
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = window().navigator();
    js_sys::Reflect::has(&navigator, &"storage".into()).unwrap_or(false).then(|| navigator.storage())
}

/// Asks the browser not to evict this app's data. Chromium decides silently
/// (installed apps and engaged sites are granted); 設定 shows the result.
pub fn request_persistence() {
    leptos::task::spawn_local(async {
        let _ = persist().await;
    });
}

/// Requests persistent storage and returns whether it is granted.
pub async fn persist() -> Option<bool> {
    let manager = storage_manager()?;
    let promise = manager.persist().ok()?;
    JsFuture::from(promise).await.ok()?.as_bool()
}

/// Storage figures for 設定.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StorageInfo {
    /// Whether the browser lets a page ask for persistent storage at all
    /// (WebKitGTK and older Safari have no `navigator.storage`).
    pub can_persist: bool,
    pub usage: Option<f64>,
    pub quota: Option<f64>,
    pub persisted: Option<bool>,
}

pub async fn storage_info() -> StorageInfo {
    let mut info = StorageInfo { can_persist: false, usage: None, quota: None, persisted: None };
    let Some(manager) = storage_manager() else {
        return info;
    };
    info.can_persist = js_sys::Reflect::has(&manager, &"persist".into()).unwrap_or(false);
    if let Ok(promise) = manager.estimate() {
        if let Ok(estimate) = JsFuture::from(promise).await {
            let number = |key: &str| js_sys::Reflect::get(&estimate, &key.into()).ok().and_then(|v| v.as_f64());
            info.usage = number("usage");
            info.quota = number("quota");
        }
    }
    if let Ok(promise) = manager.persisted() {
        info.persisted = JsFuture::from(promise).await.ok().and_then(|v| v.as_bool());
    }
    info
}

/// An iPhone or iPad Safari tab (not the installed app), where Safari may
/// delete the data after seven days without use.
pub fn is_ios_browser_tab() -> bool {
    let navigator = window().navigator();
    let ua = navigator.user_agent().unwrap_or_default();
    let ipad_as_mac = ua.contains("Macintosh") && navigator.max_touch_points() > 1;
    let ios = ua.contains("iPhone") || ua.contains("iPad") || ipad_as_mac;
    let standalone =
        js_sys::Reflect::get(&navigator, &"standalone".into()).ok().and_then(|v| v.as_bool()).unwrap_or(false)
            || window().match_media("(display-mode: standalone)").ok().flatten().is_some_and(|m| m.matches());
    ios && !standalone
}
