//! 記録の保存期限 on a client who has left: until when the records are kept
//! (five years from the end of the service, docs/records.md) and, once that
//! day has passed, 「記録を完全に削除」 for a 管理者: the client and every
//! record about them go from the office's server and, at their next sync,
//! from every device.

use crate::i18n::Texts;
use crate::store::store;
use crate::sync::api::{self, ApiFailure};
use leptos::prelude::*;
use renkei_domain::sync::Role;
use renkei_domain::{Client, Retention, RETENTION_YEARS};
use uuid::Uuid;

/// Signed in as a 管理者: the token to purge with.
async fn admin_token() -> Option<String> {
    let session = store().await.ok()?.session().await.ok()??;
    (session.staff.role == Role::Admin).then_some(session.token)
}

/// `client`: the client as edited (valid input only), so the section
/// follows the page as the user changes the status or a service's end.
#[component]
pub fn RetentionSection(t: &'static Texts, id: Uuid, client: Signal<Option<Client>>) -> impl IntoView {
    let today = chrono::Local::now().date_naive();
    let token = LocalResource::new(admin_token);
    move || {
        let retention = client.with(|c| c.as_ref().map(Retention::of))?;
        let text = match retention {
            Retention::Serving => return None,
            Retention::EndUnknown => t.client().retention_unknown.to_owned(),
            Retention::Until(until) => (t.client().retention_until)(&(t.common.date)(until), RETENTION_YEARS),
        };
        let purgeable = retention.has_expired(today);
        Some(view! {
            <section class="card" aria-labelledby="client-retention">
                <h2 id="client-retention">{t.client().retention_title}</h2>
                <p id="client-retention-text">{text}</p>
                {match (purgeable, token.get().flatten()) {
                    (true, Some(token)) => view! { <PurgeControl t id token /> }.into_any(),
                    (true, None) => view! { <p class="muted">{t.client().purge_admin_only}</p> }.into_any(),
                    (false, _) => view! { <p class="muted">{t.client().purge_not_yet}</p> }.into_any(),
                }}
            </section>
        })
    }
}

#[component]
fn PurgeControl(t: &'static Texts, id: Uuid, token: String) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let token = StoredValue::new(token);
    let navigate = leptos_router::hooks::use_navigate();
    let purge = move |_| {
        busy.set(true);
        error.set(None);
        let navigate = navigate.clone();
        leptos::task::spawn_local(async move {
            let result = api::purge_client(&token.get_value(), id).await;
            let outcome = match result {
                Ok(done) => match store().await {
                    Ok(s) => s.forget_purged(&done.purged).await.map_err(|e| t.common.store_error(&e).to_owned()),
                    Err(e) => Err(t.common.store_error(&e).to_owned()),
                },
                Err(ApiFailure::Refused { message, .. }) if !message.is_empty() => {
                    Err(t.common.server_message(&message))
                }
                Err(ApiFailure::Unreachable) => Err(t.common.err_unreachable.to_owned()),
                Err(_) => Err(t.client().purge_failed.to_owned()),
            };
            busy.set(false);
            match outcome {
                Ok(()) => navigate("/clients", Default::default()),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    view! {
        <button type="button" class="button danger" on:click=move |_| confirming.set(true)>
            {t.client().purge}
        </button>
        <Show when=move || confirming.get()>
            <div class="card warning" role="alertdialog" aria-labelledby="purge-confirm">
                <p id="purge-confirm">{t.client().purge_confirm}</p>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>
                        {t.common.cancel}
                    </button>
                    <button type="button" class="button danger" on:click=purge.clone() prop:disabled=move || busy.get()>
                        {t.client().purge_do}
                    </button>
                </div>
            </div>
        </Show>
        {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
    }
}
