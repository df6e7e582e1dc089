//! 短期目標: added at the end, edited in place, moved up and down (each move
//! writes only the `order` of the two goals), removed after a confirmation
//! (a tombstone, so monitoring results that name the goal still resolve).

use super::fields::{parts_view, Ctx, Part};
use leptos::prelude::*;
use renkei_domain::plan::form::{DateKey, TextKey};
use uuid::Uuid;
use wasm_bindgen::JsCast;

/// Moves the focus to the element with `id` once it is on the page.
pub fn focus_soon(id: String) {
    request_animation_frame(move || {
        if let Some(el) = document().get_element_by_id(&id) {
            let _ = el.unchecked_into::<web_sys::HtmlElement>().focus();
        }
    });
}

#[component]
pub fn GoalsSection(ctx: Ctx, goal_ids: Memo<Vec<Uuid>>) -> impl IntoView {
    let t = ctx.t;
    let add = move |_| {
        let id = Uuid::new_v4();
        ctx.run(move |f| f.plan.add_goal(id));
        focus_soon(format!("plan-{}", TextKey::GoalText(id).code()));
    };
    view! {
        <section class="card" id="plan-goals" aria-labelledby="plan-sec-goals">
            <h2 id="plan-sec-goals">{t.plan().short_term}</h2>
            <Show when=move || goal_ids.with(Vec::is_empty)>
                <p class="muted">{t.plan().no_goals}</p>
            </Show>
            <For each=move || goal_ids.get() key=|id| *id children=move |id| view! { <GoalCard ctx id goal_ids /> } />
            <button type="button" class="button" on:click=add>
                {t.plan().goal_add}
            </button>
        </section>
    }
}

#[component]
fn GoalCard(ctx: Ctx, id: Uuid, goal_ids: Memo<Vec<Uuid>>) -> impl IntoView {
    let t = ctx.t;
    let pos = Memo::new(move |_| goal_ids.with(|v| (v.iter().position(|g| *g == id).unwrap_or(0), v.len())));
    let confirming = RwSignal::new(false);
    let long = vec![
        Part::Text(TextKey::GoalText(id), t.plan().goal_text, true, None),
        Part::Text(TextKey::GoalSupport(id), t.plan().goal_support, true, None),
    ];
    let short = vec![
        Part::Text(TextKey::GoalProvider(id), t.plan().goal_provider, false, None),
        Part::Text(TextKey::GoalFrequency(id), t.plan().goal_frequency, false, Some(t.plan().goal_frequency_hint)),
        Part::Date(DateKey::GoalStart(id), t.plan().start),
        Part::Date(DateKey::GoalEnd(id), t.plan().end),
    ];
    let shift = move |up: bool| {
        ctx.run(move |f| {
            f.plan.move_goal(id, up);
        })
    };
    let remove = move |_| {
        confirming.set(false);
        ctx.run(move |f| {
            if let Some(g) = f.plan.goals.get_mut(&id) {
                g.removed = true;
            }
        });
    };
    let confirm_id = format!("goal-{id}-confirm");
    view! {
        <fieldset class="goal-card">
            <legend>{move || (t.plan().goal_n)(pos.get().0 + 1)}</legend>
            {parts_view(ctx, long)}
            <div class="grid-2">{parts_view(ctx, short)}</div>
            <div class="actions">
                <button type="button" class="button" prop:disabled=move || pos.get().0 == 0 on:click=move |_| shift(true)>
                    {t.plan().up}
                </button>
                <button
                    type="button"
                    class="button"
                    prop:disabled=move || { let (i, n) = pos.get(); i + 1 >= n }
                    on:click=move |_| shift(false)
                >
                    {t.plan().down}
                </button>
                <button type="button" class="button danger" on:click=move |_| confirming.set(true)>
                    {t.plan().remove}
                </button>
            </div>
            <Show when=move || confirming.get()>
                <div class="card warning" role="alertdialog" aria-labelledby=confirm_id.clone()>
                    <p id=confirm_id.clone()>{t.plan().goal_remove_confirm}</p>
                    <div class="actions">
                        <button type="button" class="button" on:click=move |_| confirming.set(false)>
                            {t.common.cancel}
                        </button>
                        <button type="button" class="button danger" on:click=remove>
                            {t.plan().remove_confirmed}
                        </button>
                    </div>
                </div>
            </Show>
        </fieldset>
    }
}
