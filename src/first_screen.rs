//! The page the app opens on comes first. Start-up work it does not need
//! (the first sync round: the database's start-up checks, the session, the
//! server) waits until that page has shown what it opened for, or a second
//! at most (a page that never says so).

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// How long start-up work waits at most.
const LIMIT_MS: i32 = 1000;

thread_local! {
    static SHOWN: (js_sys::Promise, js_sys::Function) = {
        let mut resolve = None;
        let promise = js_sys::Promise::new(&mut |r, _| resolve = Some(r));
        (promise, resolve.expect("a promise's executor runs at once"))
    };
}

/// The first page has its content in place (the list's rows, ホーム's
/// cards). Start-up work goes on after the browser has painted it.
pub fn shown() {
    let resolve = SHOWN.with(|(_, resolve)| resolve.clone());
    // After the next frame, then after that frame's paint: the waiting work
    // runs outside the frame that shows the page.
    let after_paint = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::window().map(|w| w.set_timeout_with_callback(resolve.unchecked_ref()));
    });
    if let Some(window) = web_sys::window() {
        let _ = window.request_animation_frame(after_paint.unchecked_ref());
    }
}

/// Resolves once the first page is shown, or after a second.
pub async fn after() {
    let shown = SHOWN.with(|(promise, _)| promise.clone());
    let _ = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&shown, &timeout(LIMIT_MS)))).await;
}

/// A promise that resolves after `ms` milliseconds.
pub fn timeout(ms: i32) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        } else {
            let _ = resolve.call0(&JsValue::NULL);
        }
    })
}
