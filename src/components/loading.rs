//! What a page or a section shows while its records load: 「読み込み中」, the
//! store's error, 「見つかりません」 for a record not on this device, then
//! what it is for. One place, so every page says these the same way.

use crate::i18n::Texts;
use crate::store::StoreError;
use leptos::prelude::*;

/// The view of a resource that reads the store: `body` once it is read.
pub fn when_ready<T>(
    t: &'static Texts,
    state: Option<Result<T, StoreError>>,
    body: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match state {
        None => view! { <p>{t.common.loading}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="notice error" role="alert">{t.common.store_error(&e)}</p> }.into_any(),
        Some(Ok(value)) => body(value),
    }
}

/// [`when_ready`] for a record-backed page: 「見つかりません」 when the
/// record is not on this device, else `body` with it.
pub fn when_loaded<T>(
    t: &'static Texts,
    state: Option<Result<Option<T>, StoreError>>,
    body: impl FnOnce(T) -> AnyView,
) -> AnyView {
    when_ready(t, state, |found| match found {
        Some(value) => body(value),
        None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
    })
}
