//! 「ゴミ箱に移す」 with a confirmation for a live record, or for one in the
//! trash the notice and 「元に戻す」. Only the tombstone is written
//! (`Store::set_deleted`), then the page leaves or reloads the record, so an
//! editor never saves a stale deletion flag. Shared by every record kind
//! that can be deleted by hand.

use crate::i18n::Texts;
use crate::store::spawn_write;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use leptos_router::NavigateOptions;
use uuid::Uuid;

#[component]
pub fn TrashControl(
    id: Uuid,
    in_trash: bool,
    /// Where to go once the record is in the trash (its list). Without it
    /// the page stays and `on_reload` runs: for a record edited inside a
    /// list (a meeting, a contact), which then leaves the list.
    #[prop(into, optional)]
    after_delete: Option<String>,
    /// Reloads the record (or its list) after a restore, or a deletion that
    /// does not leave the page.
    on_reload: Callback<()>,
    /// Stores what is on screen before the record moves.
    #[prop(optional)]
    flush: Option<Callback<()>>,
    /// The question asked before moving it.
    confirm: &'static str,
    /// What the page says while the record is in the trash; not needed
    /// where a record in the trash is never shown.
    #[prop(optional)]
    notice: &'static str,
    t: &'static Texts,
) -> impl IntoView {
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let navigate = use_navigate();
    let set_deleted = move |deleted: bool| {
        if let Some(flush) = flush {
            flush.run(());
        }
        let (navigate, after_delete) = (navigate.clone(), after_delete.clone());
        spawn_write(
            move |s| async move { s.set_deleted(id, deleted).await },
            move |result| match result {
                Ok(_) => match after_delete.filter(|_| deleted) {
                    // Replaced, so 「戻る」 does not lead back to it.
                    Some(list) => navigate(&list, NavigateOptions { replace: true, ..Default::default() }),
                    None => on_reload.run(()),
                },
                Err(e) => error.set(Some(t.common.store_error(&e))),
            },
        );
    };
    let set_deleted = StoredValue::new(set_deleted);
    let failure = move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> });
    if in_trash {
        return view! {
            <div class="notice warning" id="in-trash">
                <p>{notice}</p>
                <button type="button" class="button primary" on:click=move |_| set_deleted.with_value(|f| f(false))>
                    {t.common.restore}
                </button>
                {failure}
            </div>
        }
        .into_any();
    }
    // Per record: a list can hold several of these.
    let warning_id = format!("delete-warning-{id}");
    view! {
        <div class="trash-control">
            <button type="button" class="button danger" on:click=move |_| confirming.set(true)>
                {t.common.move_to_trash}
            </button>
            <Show when=move || confirming.get()>
                <div class="card warning" role="alertdialog" aria-labelledby=warning_id.clone()>
                    <p id=warning_id.clone()>{confirm}</p>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>
                            {t.common.cancel}
                        </button>
                        <button
                            type="button"
                            class="button danger"
                            on:click=move |_| set_deleted.with_value(|f| f(true))
                        >
                            {t.common.move_to_trash}
                        </button>
                    </div>
                </div>
            </Show>
            {failure}
        </div>
    }
    .into_any()
}
