//! Navigation (bottom bar on phones, side bar on wider screens) and the
//! banner that offers a new version.

use crate::i18n::use_texts;
use crate::pwa;
use crate::store::StoreEvent;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn Nav() -> impl IntoView {
    let t = use_texts();
    view! {
        <nav class="app-nav" aria-label=t.nav_label>
            <A href="/" exact=true>
                <span class="nav-icon" aria-hidden="true">"⌂"</span>
                <span>{t.nav_home}</span>
            </A>
            <A href="/clients">
                <span class="nav-icon" aria-hidden="true">"☰"</span>
                <span>{t.nav_clients}</span>
            </A>
            <A href="/settings">
                <span class="nav-icon" aria-hidden="true">"⚙"</span>
                <span>{t.nav_settings}</span>
            </A>
        </nav>
    }
}

/// Shown when a new version is installed and waiting. It never reloads by
/// itself: the user may be typing.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let t = use_texts();
    let pwa::UpdateReady(ready) = expect_context::<pwa::UpdateReady>();
    view! {
        <Show when=move || ready.get()>
            <div class="update-banner" role="status">
                <span>{t.update_available}</span>
                <button type="button" class="button primary" on:click=|_| pwa::apply_update()>
                    {t.update_now}
                </button>
            </div>
        </Show>
    }
}

/// The database's own news: opening is blocked by an old tab, or another
/// tab's newer version took the database over.
#[component]
pub fn StoreBanner(event: RwSignal<Option<StoreEvent>>) -> impl IntoView {
    let t = use_texts();
    view! {
        {move || {
            event
                .get()
                .map(|e| {
                    let text = match e {
                        StoreEvent::Blocked => t.err_store_blocked,
                        StoreEvent::ClosedForUpgrade => t.err_store_closed_for_upgrade,
                    };
                    view! {
                        <div class="update-banner" role="alert">
                            <span>{text}</span>
                            <button
                                type="button"
                                class="button primary"
                                on:click=|_| {
                                    let _ = window().location().reload();
                                }
                            >
                                {t.reload}
                            </button>
                        </div>
                    }
                })
        }}
    }
}
