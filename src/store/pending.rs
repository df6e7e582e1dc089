//! Writes that a page has started but IndexedDB has not yet received. A page
//! left mid-edit flushes its form asynchronously; the next page's reads wait
//! for those writes, so a list opened right after an edit shows the edit.

use futures_channel::oneshot;
use std::cell::{Cell, RefCell};

thread_local! {
    static IN_FLIGHT: Cell<u32> = const { Cell::new(0) };
    static WAITERS: RefCell<Vec<oneshot::Sender<()>>> = const { RefCell::new(Vec::new()) };
}

/// Held from the moment a write is decided until it has finished (either
/// way). Take it synchronously, before spawning the write. Never wait for
/// [`settled`] while holding one.
#[must_use]
pub struct WriteGuard(());

pub fn begin_write() -> WriteGuard {
    IN_FLIGHT.with(|n| n.set(n.get() + 1));
    WriteGuard(())
}

impl Drop for WriteGuard {
    fn drop(&mut self) {
        let left = IN_FLIGHT.with(|n| {
            n.set(n.get().saturating_sub(1));
            n.get()
        });
        if left == 0 {
            for waiter in WAITERS.with(|w| std::mem::take(&mut *w.borrow_mut())) {
                let _ = waiter.send(());
            }
        }
    }
}

/// Resolves once no write is in flight.
pub async fn settled() {
    if IN_FLIGHT.with(Cell::get) == 0 {
        return;
    }
    let (tx, rx) = oneshot::channel();
    WAITERS.with(|w| w.borrow_mut().push(tx));
    let _ = rx.await;
}
