//! One account's devices (its sessions), as a 管理者 sees them: when each
//! signed in and last reached the server, and for each a way to sign it out
//! or, for a device that is lost or stolen, to mark it lost: the server then
//! ends its session and tells it to erase everything it holds when it next
//! connects (`docs/accounts.md`, "Remote wipe"). Lost devices stay listed,
//! with when they were marked and when they were told.

use super::failure_text;
use crate::components::notice::Notice;
use crate::i18n::Texts;
use crate::sync::api;
use leptos::prelude::*;
use renkei_domain::sync::DeviceSession;
use uuid::Uuid;

/// A time as the app writes dates and times, in the device's time zone.
fn when(t: &'static Texts, at: chrono::DateTime<chrono::Utc>) -> String {
    (t.common.date_time)(at.with_timezone(&chrono::Local).naive_local())
}

/// The start of a session id: enough to match it with the access log.
pub(super) fn short_id(id: Uuid) -> String {
    id.simple().to_string()[..8].to_owned()
}

#[component]
pub(super) fn DevicesPanel(
    t: &'static Texts,
    id: Uuid,
    name: StoredValue<String>,
    token: StoredValue<String>,
    close: impl Fn() + Copy + Send + Sync + 'static,
    notice: RwSignal<Option<Notice>>,
) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let devices = LocalResource::new(move || {
        refresh.track();
        let token = token.get_value();
        async move { api::list_devices(&token, id).await }
    });
    // The session whose 「紛失として登録」 waits for confirmation.
    let confirming = RwSignal::new(None::<Uuid>);
    let done = move |text: String| {
        notice.set(Some(Notice::Info(text)));
        confirming.set(None);
        refresh.update(|n| *n += 1);
    };
    let revoke = move |session: Uuid| {
        leptos::task::spawn_local(async move {
            match api::revoke_device(&token.get_value(), id, session).await {
                Ok(()) => done(t.staff().device_revoked.to_owned()),
                Err(failure) => notice.set(Some(Notice::Error(failure_text(t, failure)))),
            }
        });
    };
    let mark_lost = move |session: Uuid| {
        leptos::task::spawn_local(async move {
            match api::mark_device_lost(&token.get_value(), id, session).await {
                Ok(()) => done(t.staff().device_lost_done.to_owned()),
                Err(failure) => notice.set(Some(Notice::Error(failure_text(t, failure)))),
            }
        });
    };
    let row = move |d: DeviceSession| {
        let session = d.id;
        let mut facts = vec![
            format!("{}: {}", t.staff().device_signed_in, when(t, d.signed_in_at)),
            format!("{}: {}", t.staff().device_last_contact, when(t, d.last_used_at)),
            format!("{}: {}", t.staff().device_session, short_id(d.id)),
        ];
        if let Some(lost_at) = d.lost_at {
            facts.push((t.staff().device_lost_at)(&when(t, lost_at)));
            facts.push(match d.wipe_sent_at {
                Some(sent) => (t.staff().device_wipe_sent)(&when(t, sent)),
                None => t.staff().device_wipe_pending.to_owned(),
            });
        }
        let lost = d.lost_at.is_some();
        view! {
            <div class="device-row" data-session=session.to_string() data-lost=lost.to_string()>
                <p>{format!("{}{}", facts.join(" · "), if d.current { t.staff().device_this } else { "" })}</p>
                <p class="muted mono">{d.device_ids.join(", ")}</p>
                {(!lost)
                    .then(|| {
                        view! {
                            <div class="actions compact">
                                <button type="button" class="button" on:click=move |_| revoke(session)>
                                    {t.staff().device_revoke}
                                </button>
                                <button
                                    type="button"
                                    class="button danger"
                                    on:click=move |_| confirming.set(Some(session))
                                >
                                    {t.staff().device_mark_lost}
                                </button>
                            </div>
                        }
                    })}
                <Show when=move || confirming.get() == Some(session)>
                    <div class="card warning" role="alertdialog" aria-labelledby="lost-question">
                        <p id="lost-question">{(t.staff().device_lost_confirm)(&name.get_value())}</p>
                        <div class="actions">
                            <button type="button" class="button" on:click=move |_| confirming.set(None)>
                                {t.common.cancel}
                            </button>
                            <button type="button" class="button danger" on:click=move |_| mark_lost(session)>
                                {t.staff().device_mark_lost}
                            </button>
                        </div>
                    </div>
                </Show>
            </div>
        }
    };
    view! {
        <div class="card" id="staff-panel" aria-labelledby="devices-title">
            <h3 id="devices-title">{(t.staff().devices_of)(&name.get_value())}</h3>
            {move || match devices.get() {
                None => view! { <p>{t.common.loading}</p> }.into_any(),
                Some(Err(failure)) => view! { <p class="notice info">{failure_text(t, failure)}</p> }.into_any(),
                Some(Ok(list)) if list.is_empty() => view! { <p>{t.staff().no_devices}</p> }.into_any(),
                Some(Ok(list)) => list.into_iter().map(row).collect_view().into_any(),
            }}
            <button type="button" class="button" on:click=move |_| close()>
                {t.staff().close}
            </button>
        </div>
    }
}
