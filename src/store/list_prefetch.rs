//! index.html's read of the client list while the app's code loads: a
//! promise of the stored text it leaves on the window. Moved here on first
//! use, taken once by the first page, and waited for by the database's
//! opening (the browser opens one connection at a time, and the app's own
//! open would hold that read up).

use std::cell::RefCell;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// The global index.html leaves the read in.
const GLOBAL: &str = "__renkeiClientList";
/// Not taken by then (the app opened on another page): not kept in memory.
const KEEP: std::time::Duration = std::time::Duration::from_secs(10);

thread_local! {
    /// The read, until the first page takes it.
    static UNTAKEN: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// The read, until the database's opening has waited for it.
    static RUNNING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Moves a read left on the window (if any) here.
fn adopt() {
    let Some(window) = web_sys::window() else { return };
    let key = JsValue::from_str(GLOBAL);
    let Some(promise) = js_sys::Reflect::get(&window, &key).ok().and_then(|p| p.dyn_into::<js_sys::Promise>().ok())
    else {
        return;
    };
    let _ = js_sys::Reflect::delete_property(&window, &key);
    UNTAKEN.set(Some(promise.clone()));
    RUNNING.set(Some(promise));
    leptos::prelude::set_timeout(
        || {
            UNTAKEN.set(None);
            RUNNING.set(None);
        },
        KEEP,
    );
}

/// The stored text as read at load, once (None: no read, nothing stored,
/// or already taken).
pub(super) async fn take() -> Option<String> {
    adopt();
    let promise = UNTAKEN.take()?;
    JsFuture::from(promise).await.ok()?.as_string()
}

/// Waits (at most 300 ms) for the read to finish, without taking it.
pub(super) async fn finished() {
    adopt();
    let Some(read) = RUNNING.take() else { return };
    let limit = crate::first_screen::timeout(300);
    let _ = JsFuture::from(js_sys::Promise::race(&js_sys::Array::of2(&read, &limit))).await;
}
