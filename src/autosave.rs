//! Autosave: edits are stored shortly after the last keystroke, and at once
//! when the page is hidden, left or closed, so a reload or a killed tab loses
//! nothing that was on screen.

use leptos::ev;
use leptos::prelude::*;
use std::time::Duration;

/// Time after the last keystroke before saving. Well under a second, so a
/// reload one second after typing finds the text stored.
pub const DEBOUNCE: Duration = Duration::from_millis(350);

/// Wires `save` to the page lifecycle and returns the function to call after
/// every edit. `save` must be cheap when nothing changed. `stash` runs
/// synchronously when the page is hidden or unloaded (see [`crate::stash`]),
/// before `save`, whose asynchronous write the unload may cut off.
pub fn use_autosave(
    save: impl Fn() + Clone + Send + Sync + 'static,
    stash: impl Fn() + Clone + Send + Sync + 'static,
) -> impl Fn() + Clone + Send + Sync + 'static {
    let pending = StoredValue::new(None::<TimeoutHandle>);

    let flush = move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
            pending.set_value(None);
        }
        save();
    };

    let leaving = {
        let flush = flush.clone();
        move || {
            stash();
            flush();
        }
    };
    let on_hidden = leaving.clone();
    let visibility = window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            on_hidden();
        }
    });
    let pagehide = window_event_listener(ev::pagehide, move |_| leaving());
    let on_leave = flush.clone();
    on_cleanup(move || {
        visibility.remove();
        pagehide.remove();
        on_leave();
    });

    move || {
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let flush = flush.clone();
        pending.set_value(set_timeout_with_handle(flush, DEBOUNCE).ok());
    }
}
