//! Lists and pages that follow records changed elsewhere (a pull, a backup
//! merged in, a conflict settled): a resource that calls [`track_changes`]
//! in its fetcher loads again after each such change.

use crate::store::{self, StoreEvent};
use leptos::prelude::*;

#[derive(Clone, Copy)]
struct Changes(RwSignal<u64>);

/// Starts counting the store's record changes (once, at app start).
pub fn provide() {
    let changes = RwSignal::new(0u64);
    provide_context(Changes(changes));
    let _ = store::subscribe(move |event| {
        if matches!(event, StoreEvent::RecordsChanged(_)) {
            changes.update(|n| *n += 1);
        }
    });
}

/// Makes the calling resource load again after records change elsewhere
/// (does nothing where [`provide`] was not called, as in tests).
pub fn track_changes() {
    if let Some(Changes(changes)) = use_context::<Changes>() {
        changes.track();
    }
}
