//! モニタリング: any number of entries, each dated and signed by the
//! サビ管/児発管, with the interview and a result per short-term goal
//! (達成 / 一部達成 / 未達成, 評価, 今後の対応).

use super::fields::{parts_view, Ctx, Part};
use super::goals::focus_soon;
use crate::components::field::{SelectField, SelectOption};
use leptos::prelude::*;
use renkei_domain::plan::form::{achievement, set_achievement, DateKey, StaffKey, TextKey};
use renkei_domain::plan::{Achievement, MonitoringEntry};
use uuid::Uuid;

#[component]
pub fn MonitoringSection(ctx: Ctx, goal_ids: Memo<Vec<Uuid>>) -> impl IntoView {
    let t = ctx.t;
    // Listed oldest first as loaded, new entries at the end: an entry does
    // not jump around while its date is typed.
    let order = RwSignal::new(
        ctx.form.with_untracked(|f| f.plan.cycle.monitoring_entries().map(|(id, _)| id).collect::<Vec<Uuid>>()),
    );
    let add = move |_| {
        let id = Uuid::new_v4();
        ctx.run(move |f| {
            f.plan.cycle.monitoring.insert(id, MonitoringEntry::default());
        });
        order.update(|o| o.push(id));
        focus_soon(format!("plan-{}", DateKey::Monitoring(id).code()));
    };
    view! {
        <section class="card" id="plan-monitoring" aria-labelledby="plan-sec-monitoring">
            <h2 id="plan-sec-monitoring">{t.plan().sec_monitoring}</h2>
            <p class="hint">{t.plan().monitoring_help}</p>
            <Show when=move || order.with(Vec::is_empty)>
                <p class="muted">{t.plan().monitoring_none}</p>
            </Show>
            <For
                each=move || order.get()
                key=|id| *id
                children=move |id| view! { <MonitoringCard ctx id order goal_ids /> }
            />
            <button type="button" class="button" on:click=add>
                {t.plan().monitoring_add}
            </button>
        </section>
    }
}

#[component]
fn MonitoringCard(ctx: Ctx, id: Uuid, order: RwSignal<Vec<Uuid>>, goal_ids: Memo<Vec<Uuid>>) -> impl IntoView {
    let t = ctx.t;
    let n = move || order.with(|o| o.iter().position(|m| *m == id).unwrap_or(0) + 1);
    let confirming = RwSignal::new(false);
    let head = vec![
        Part::Date(DateKey::Monitoring(id), t.plan().done_on),
        Part::Staff(StaffKey::Monitoring(id), t.plan().done_by),
        Part::Text(TextKey::MonitoringInterview(id), t.plan().interview, true, None),
    ];
    let remove = move |_| {
        confirming.set(false);
        ctx.run(move |f| {
            if let Some(m) = f.plan.cycle.monitoring.get_mut(&id) {
                m.removed = true;
            }
        });
        order.update(|o| o.retain(|m| *m != id));
    };
    let confirm_id = format!("monitoring-{id}-confirm");
    view! {
        <fieldset class="monitoring-card" id=format!("monitoring-{id}")>
            <legend>{move || (t.plan().monitoring_n)(n())}</legend>
            {parts_view(ctx, head)}
            <For
                each=move || goal_ids.get()
                key=|g| *g
                children=move |g| view! { <GoalResult ctx m=id g goal_ids /> }
            />
            {parts_view(ctx, vec![Part::Text(TextKey::MonitoringSummary(id), t.plan().summary, true, None)])}
            <button type="button" class="button danger" on:click=move |_| confirming.set(true)>
                {t.plan().remove}
            </button>
            <Show when=move || confirming.get()>
                <div class="card warning" role="alertdialog" aria-labelledby=confirm_id.clone()>
                    <p id=confirm_id.clone()>{t.plan().monitoring_remove_confirm}</p>
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

/// The result for one goal in one monitoring.
#[component]
fn GoalResult(ctx: Ctx, m: Uuid, g: Uuid, goal_ids: Memo<Vec<Uuid>>) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.form);
    let legend = move || {
        let n = goal_ids.with(|v| v.iter().position(|x| *x == g).unwrap_or(0) + 1);
        let text = form.with(|f| f.plan.goals.get(&g).map(|x| x.text.trim().to_owned()).unwrap_or_default());
        if text.is_empty() {
            (t.plan().goal_n)(n)
        } else {
            format!("{}: {text}", (t.plan().goal_n)(n))
        }
    };
    let mut options = vec![SelectOption::new("", t.plan().achievement_none)];
    options.extend(Achievement::ALL.iter().map(|a| SelectOption::new(a.code(), (t.plan().achievement)(*a))));
    let value =
        Signal::derive(move || form.with(|f| achievement(&f.plan, m, g).map_or("", Achievement::code).to_owned()));
    let on_change = Callback::new(move |v: String| {
        let a = Achievement::from_code(&v);
        ctx.run(move |f| set_achievement(&mut f.plan, m, g, a));
    });
    let texts = vec![
        Part::Text(TextKey::Evaluation(m, g), t.plan().evaluation, true, None),
        Part::Text(TextKey::NextAction(m, g), t.plan().next_action, true, None),
    ];
    view! {
        <fieldset class="goal-result">
            <legend>{legend}</legend>
            <SelectField id=format!("plan-monitoring-{m}-{g}-achievement") label=t.plan().achievement_label value on_change options />
            {parts_view(ctx, texts)}
        </fieldset>
    }
}
