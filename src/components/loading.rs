//! What a page shows while its records load: 「読み込み中」, the store's
//! error, 「見つかりません」 for a record not on this device, then the page.

use crate::i18n::Texts;
use crate::store::StoreError;
use leptos::prelude::*;

/// The view of a resource that loads a record-backed page: `body` once the
/// record is there.
pub fn when_loaded<T>(
    t: &'static Texts,
    state: Option<Result<Option<T>, StoreError>>,
    body: impl FnOnce(T) -> AnyView,
) -> AnyView {
    match state {
        None => view! { <p>{t.common.loading}</p> }.into_any(),
        Some(Err(e)) => view! { <p class="notice error" role="alert">{t.common.store_error(&e)}</p> }.into_any(),
        Some(Ok(None)) => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
        Some(Ok(Some(value))) => body(value),
    }
}
