//! ホーム: what needs attention on this device.

use crate::i18n::use_texts;
use crate::pages::dashboard::Dashboard;
use crate::pwa;
use crate::store::store;
use leptos::prelude::*;
use leptos_router::components::A;
use renkei_domain::ClientStatus;

/// localStorage key of the date of the last backup export.
pub const LAST_BACKUP_KEY: &str = "renkei.lastBackup";

#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_texts();
    let clients = LocalResource::new(|| {
        crate::live::track_changes();
        async { store().await?.clients().await }
    });
    let unsent = LocalResource::new(|| async { store().await?.unsent_summary().await });
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
            class:warning=move || matches!(unsent.get(), Some(Ok((n, _))) if n > 0)
            aria-labelledby="local-only"
        >
            <h2 id="local-only">{t.home.local_only}</h2>
            <p class="stat" id="unsent-summary">
                {move || match unsent.get() {
                    Some(Ok((n, Some(oldest)))) if n > 0 => {
                        (t.home.unsent)(n, &(t.common.ago)(js_sys::Date::now() - oldest))
                    }
                    Some(Ok(_)) => t.home.all_saved.to_owned(),
                    _ => String::new(),
                }}
            </p>
            <p>{t.home.backup_hint}</p>
            <p class="muted">
                {match last_backup {
                    Some(date) => (t.home.last_backup)(&date),
                    None => t.home.never_backed_up.to_owned(),
                }}
            </p>
            <A href="/settings" attr:class="button">{t.common.nav_settings}</A>
        </section>
        <Dashboard />
        <section class="card" aria-labelledby="recent">
            <h2 id="recent">{t.home.recent}</h2>
            {move || match clients.get() {
                None => view! { <p>{t.common.loading}</p> }.into_any(),
                Some(Err(e)) => view! { <p class="notice error">{t.common.store_error(&e)}</p> }.into_any(),
                Some(Ok(mut list)) => {
                    let active = list
                        .iter()
                        .filter(|c| !c.data.archived && c.data.status == ClientStatus::Active)
                        .count();
                    list.sort_by_key(|c| std::cmp::Reverse(c.meta.updated_at));
                    list.truncate(5);
                    view! {
                        <p class="stat">{(t.home.active_clients)(active)}</p>
                        {if list.is_empty() {
                            view! { <p>{t.home.no_recent}</p> }.into_any()
                        } else {
                            view! {
                                <ul class="link-list">
                                    {list
                                        .into_iter()
                                        .map(|c| {
                                            view! {
                                                <li>
                                                    <A href=format!("/clients/{}", c.meta.id)>{c.data.name}</A>
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
                }
            }}
            <A href="/clients" attr:class="button">{t.common.clients_list}</A>
        </section>
    }
}
