//! The documents of the cycle (アセスメント, 原案, 個別支援会議, 説明・同意・交付,
//! 見直し), each dated and signed, and the review that starts the next
//! version.

use super::fields::{parts_view, Ctx, Part};
use crate::i18n::Texts;
use crate::store::spawn_write;
use leptos::prelude::*;
use renkei_domain::plan::form::{problems, DateKey, StaffKey, TextKey};
use renkei_domain::plan::Step;
use renkei_domain::{Record, RecordKind, RecordMeta};
use uuid::Uuid;

fn step_parts(t: &'static Texts, step: Step) -> Vec<Part> {
    use Part::*;
    match step {
        Step::Assessment => vec![
            Date(DateKey::Assessment, t.plan.done_on),
            Staff(StaffKey::Assessment, t.plan.done_by),
            Text(TextKey::AssessmentInterview, t.plan.interview, true, None),
            Text(TextKey::AssessmentNote, t.plan.note, true, None),
        ],
        Step::Draft => vec![
            Date(DateKey::Draft, t.plan.made_on),
            Staff(StaffKey::Draft, t.plan.made_by),
            Text(TextKey::DraftNote, t.plan.note, true, None),
        ],
        Step::Meeting => vec![
            Date(DateKey::Meeting, t.plan.held_on),
            Staff(StaffKey::Meeting, t.plan.recorded_by),
            Text(TextKey::Attendees, t.plan.attendees, true, Some(t.plan.attendees_hint)),
            Text(TextKey::Minutes, t.plan.minutes, true, None),
        ],
        Step::Consent => vec![
            Date(DateKey::Explained, t.plan.explained_on),
            Staff(StaffKey::Explained, t.plan.explained_by),
            Date(DateKey::Consented, t.plan.consented_on),
            Text(TextKey::ConsentedBy, t.plan.consented_by, false, Some(t.plan.consented_by_hint)),
            Date(DateKey::HandedOver, t.plan.handed_over_on),
            Text(TextKey::ConsentNote, t.plan.note, true, None),
        ],
        Step::Review => vec![
            Date(DateKey::Review, t.plan.done_on),
            Staff(StaffKey::Review, t.plan.done_by),
            Text(TextKey::ReviewSummary, t.plan.review_summary, true, None),
        ],
        Step::Monitoring => Vec::new(),
    }
}

/// One step as a card, with whether it is on record (dated and signed).
#[component]
pub fn StepCard(ctx: Ctx, step: Step, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.form);
    let done = Memo::new(move |_| form.with(|f| f.plan.cycle.is_done(step)));
    let title = format!("plan-step-{}-title", step.code());
    view! {
        <section class="card step-card" id=format!("plan-step-{}", step.code()) aria-labelledby=title.clone()>
            <h2 id=title.clone()>
                {(t.plan.step)(step)}
                " "
                <span class=move || if done.get() { "badge ok" } else { "badge muted" }>
                    {move || if done.get() { t.plan.step_done } else { t.plan.step_missing }}
                </span>
            </h2>
            {parts_view(ctx, step_parts(t, step))}
            {children.map(|c| c())}
        </section>
    }
}

/// 「見直し（新しい版を作成）」: after a confirmation, saves what is on screen
/// and stores the next version as a new record; this one is left as it is
/// and becomes read-only.
#[component]
pub fn NextVersion(
    ctx: Ctx,
    client_id: Uuid,
    version: u32,
    flush: Callback<()>,
    actor: String,
    on_done: Callback<()>,
) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.form);
    let confirming = RwSignal::new(false);
    let error = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let navigate = leptos_router::hooks::use_navigate();
    let reviewed = Memo::new(move |_| form.with(|f| f.plan.cycle.is_done(Step::Review)));
    let create = move |_| {
        let current = form.get_untracked();
        if !problems(&current).is_empty() {
            confirming.set(false);
            error.set(Some(t.plan.review_invalid));
            return;
        }
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        error.set(None);
        flush.run(());
        let next = current.plan.next_version(Uuid::new_v4());
        let record = Record { meta: RecordMeta::new(next.id, &actor, chrono::Utc::now()), data: next };
        let navigate = navigate.clone();
        spawn_write(
            move |s| async move { s.save_edit(RecordKind::Plan, &record, None).await },
            move |result| {
                busy.set(false);
                match result {
                    Ok(()) => {
                        navigate(&format!("/clients/{client_id}/plan"), Default::default());
                        on_done.run(());
                    }
                    Err(e) => error.set(Some(t.common.store_error(&e))),
                }
            },
        );
    };
    view! {
        <button type="button" class="button primary" on:click=move |_| confirming.set(true)>
            {t.plan.review_new}
        </button>
        <Show when=move || confirming.get()>
            <div class="card warning" role="alertdialog" aria-labelledby="plan-review-confirm">
                <p id="plan-review-confirm">{(t.plan.review_confirm)(version + 1)}</p>
                <Show when=move || !reviewed.get()>
                    <p class="notice warning">{t.plan.review_not_recorded}</p>
                </Show>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>
                        {t.common.cancel}
                    </button>
                    <button type="button" class="button primary" on:click=create.clone() prop:disabled=move || busy.get()>
                        {t.plan.review_create}
                    </button>
                </div>
            </div>
        </Show>
        {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
    }
}
