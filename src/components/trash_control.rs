//! 「ゴミ箱に移す」 with a confirmation for a live record, or for one in the
//! trash the notice and 「元に戻す」. Only the tombstone is written
//! (`Store::set_deleted`), then the page leaves or reloads the record, so an
//! editor never saves a stale deletion flag. Shared by clients, notes and
//! assessments.

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
    /// Where to go once the record is in the trash (its list).
    #[prop(into)]
    after_delete: String,
    /// Reloads the record after a restore.
    on_reload: Callback<()>,
    /// Stores what is on screen before the record moves.
    #[prop(optional)]
    flush: Option<Callback<()>>,
    /// The question asked before moving it.
    confirm: &'static str,
    /// What the page says while the record is in the trash.
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
                Ok(_) => {
                    if deleted {
                        // Replaced, so 「戻る」 does not lead back to it.
                        navigate(&after_delete, NavigateOptions { replace: true, ..Default::default() });
                    } else {
                        on_reload.run(());
                    }
                }
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
    view! {
        <div class="trash-control">
            <button type="button" class="button danger" on:click=move |_| confirming.set(true)>
                {t.common.move_to_trash}
            </button>
            <Show when=move || confirming.get()>
                <div class="card warning" role="alertdialog" aria-labelledby="delete-warning">
                    <p id="delete-warning">{confirm}</p>
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
