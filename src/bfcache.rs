//! WebKit (Safari on iPhone and iPad) keeps a page it navigates away from in
//! its back-forward cache even while one of the page's IndexedDB
//! transactions is open. The frozen page never finishes it, and the next page
//! waits behind its locks for ever: a reload during a sync left the app on
//! 「読み込み中…」 until the browser was closed.
//!
//! So when the page is hidden into that cache, every open transaction is
//! aborted (and any started afterwards, by a last-moment save, at once).
//! Aborting loses nothing: a sync round starts again from its stored cursor
//! and outbox, and typed text is already in the stash written at `pagehide`.
//! If the page comes back from the cache after that, it reloads, so no future
//! is left waiting on an aborted transaction.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
export function guard_transactions() {
  if (typeof IDBDatabase === "undefined" || IDBDatabase.prototype.renkeiGuarded) return;
  const live = new Set();
  let frozen = false;
  let aborted = false;
  const abort = (tx) => {
    try {
      tx.abort();
      aborted = true;
    } catch (_) {
      // Already finished.
    }
  };
  const original = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function () {
    const tx = original.apply(this, arguments);
    if (frozen) {
      abort(tx);
      return tx;
    }
    live.add(tx);
    const done = () => live.delete(tx);
    tx.addEventListener("complete", done);
    tx.addEventListener("abort", done);
    tx.addEventListener("error", done);
    return tx;
  };
  IDBDatabase.prototype.renkeiGuarded = true;
  addEventListener("pagehide", (event) => {
    if (!event.persisted) return;
    frozen = true;
    for (const tx of live) abort(tx);
    live.clear();
  });
  addEventListener("pageshow", (event) => {
    if (!event.persisted) return;
    if (aborted) {
      location.reload();
    } else {
      frozen = false;
    }
  });
}
"#)]
extern "C" {
    fn guard_transactions();
}

/// Installs the guard; call before the database is first opened.
pub fn install() {
    guard_transactions();
}
