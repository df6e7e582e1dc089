//! ホーム: what needs attention on this device.

use crate::components::loading::when_ready;
use crate::i18n::use_texts;
use crate::pages::dashboard::Dashboard;
use crate::pwa;
use crate::store::store;
use crate::sync::SyncStatus;
use leptos::prelude::*;
use leptos_router::components::A;

/// localStorage key of the date of the last backup export.
pub const LAST_BACKUP_KEY: &str = "renkei.lastBackup";

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let clients = LocalResource::new(|| {
        crate::live::track_changes();
        async {
            let list = crate::store::client_list_at_start().await;
            crate::first_screen::shown();
            list
        }
    });
    let sync = crate::sync::use_sync();
    let signed_in = Memo::new(move |_| !matches!(sync.status.get(), SyncStatus::SignedOut { .. }));
    let unsent = LocalResource::new(move || {
        // Counted again whenever the sync state moves (a change queued, a push done).
        sync.status.track();
        async { store().await?.unsent_summary().await }
    });
    let last_backup = {
        use gloo_storage::Storage;
        gloo_storage::LocalStorage::get::<String>(LAST_BACKUP_KEY).ok()
    };
    view! {
        <h1>{t.home.title}</h1>
        {pwa::is_ios_browser_tab()
            .then(|| {
                view! {
                    <section class="card warning" aria-labelledby="ios-install">
                        <h2 id="ios-install">{t.home.ios_install_title}</h2>
                        <p>{t.home.ios_install_steps}</p>
                    </section>
                }
            })}
        <section
            class="card"
            class:warning=move || !signed_in.get() || matches!(unsent.get(), Some(Ok((n, _))) if n > 0)
            aria-labelledby="where-kept"
        >
            <h2 id="where-kept">{move || if signed_in.get() { t.home.with_server } else { t.home.local_only }}</h2>
            <Show when=move || !signed_in.get()>
                <p>{t.home.local_only_detail}</p>
            </Show>
            <p class="stat" id="unsent-summary">
                {move || match (signed_in.get(), unsent.get()) {
                    (false, _) => String::new(),
                    (true, Some(Ok((n, Some(oldest))))) if n > 0 => {
                        (t.home.unsent)(n, &(t.common.ago)(js_sys::Date::now() - oldest))
                    }
                    (true, Some(Ok(_))) => t.home.all_sent.to_owned(),
                    _ => String::new(),
                }}
            </p>
            <Show when=move || !signed_in.get()>
                <p>{t.home.sign_in_hint}</p>
            </Show>
            <p>{t.home.backup_hint}</p>
            <p class="muted">
                {match last_backup {
                    // Stored as 2025-04-01; shown as every screen shows a date.
                    Some(date) => {
                        let shown = date.parse::<chrono::NaiveDate>().map_or(date, t.common.date);
                        (t.home.last_backup)(&shown)
                    }
                    None => t.home.never_backed_up.to_owned(),
                }}
            </p>
            <A href="/settings" attr:class="button">{t.common.nav_settings}</A>
        </section>
        <Dashboard />
        <section class="card" aria-labelledby="recent">
            <h2 id="recent">{t.home.recent}</h2>
            {move || when_ready(t, clients.get(), |list| {
                let active = list.clients.iter().filter(|c| c.is_active()).count();
                let recent: Vec<(uuid::Uuid, String)> =
                    list.recent(5).into_iter().map(|c| (c.id, c.name.clone())).collect();
                view! {
                    <p class="stat">{(t.home.active_clients)(active)}</p>
                    {if recent.is_empty() {
                        view! { <p>{t.home.no_recent}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="link-list">
                                {recent
                                    .into_iter()
                                    .map(|(id, name)| {
                                        view! {
                                            <li>
                                                <A href=format!("/clients/{id}")>{name}</A>
                                            </li>
                                        }
                                    })
                                    .collect_view()}
                            </ul>
                        }
                            .into_any()
                    }}
                }
                    .into_any()
            })}
            <A href="/clients" attr:class="button">{t.common.clients_list}</A>
        </section>
    }
}
