//! The documents of the cycle (アセスメント, 原案, 個別支援会議, 説明・同意・交付,
//! 見直し), each dated and signed, and the review that starts the next
//! version.

use super::fields::{parts_view, role_options, Ctx, Part, PlanText};
use crate::components::field::{SelectField, SelectOption};
use crate::i18n::Texts;
use crate::store::spawn_write;
use leptos::prelude::*;
use leptos_router::components::A;
use renkei_domain::plan::form::{
    add_attendee, attendees, client_presence, copy_choice, problems, remove_attendee, set_attendee_role,
    set_client_presence, set_copy_choice, CopyChoice, DateKey, StaffKey, TextKey,
};
use renkei_domain::plan::{cycle_assessment, step_done, ClientPresence, JobRole, Step};
use renkei_domain::{Record, RecordKind, RecordMeta};
use uuid::Uuid;

fn step_parts(t: &'static Texts, step: Step) -> Vec<Part> {
    use Part::*;
    match step {
        // The eight-domain assessment is linked above these; they record an
        // アセスメント made without it (or before the app had it).
        Step::Assessment => vec![
            Date(DateKey::Assessment, t.plan().done_on),
            Staff(StaffKey::Assessment, t.plan().done_by),
            Text(TextKey::AssessmentInterview, t.plan().interview, true, None),
        ],
        Step::Draft => vec![
            Date(DateKey::Draft, t.plan().made_on),
            Staff(StaffKey::Draft, t.plan().made_by),
            Text(TextKey::DraftNote, t.plan().note, true, None),
        ],
        Step::Meeting => vec![Date(DateKey::Meeting, t.plan().held_on), Staff(StaffKey::Meeting, t.plan().recorded_by)],
        Step::Consent => vec![
            Date(DateKey::Explained, t.plan().explained_on),
            Staff(StaffKey::Explained, t.plan().explained_by),
            Date(DateKey::Consented, t.plan().consented_on),
            Text(TextKey::ConsentedBy, t.plan().consented_by, false, Some(t.plan().consented_by_hint)),
            Date(DateKey::HandedOver, t.plan().handed_over_on),
        ],
        Step::Review => vec![
            Date(DateKey::Review, t.plan().done_on),
            Staff(StaffKey::Review, t.plan().done_by),
            Text(TextKey::ReviewSummary, t.plan().review_summary, true, None),
        ],
        Step::Monitoring => Vec::new(),
    }
}

/// One step as a card, with whether it is on record (dated and signed,
/// with what the step needs besides).
#[component]
pub fn StepCard(ctx: Ctx, step: Step, #[prop(optional)] children: Option<Children>) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.form);
    let done = Memo::new(move |_| ctx.assessments.with_value(|a| form.with(|f| step_done(&f.plan, a, step))));
    let body = match step {
        Step::Assessment => view! {
            <AssessmentLink ctx />
            <details class="fold own-assessment" open=form.with_untracked(|f| f.plan.cycle.is_done(Step::Assessment))>
                <summary>{t.plan().own_assessment}</summary>
                <div class="fold-body">
                    {parts_view(ctx, step_parts(t, step))}
                    {parts_view(ctx, vec![Part::Text(TextKey::AssessmentNote, t.plan().note, true, None)])}
                </div>
            </details>
        }
        .into_any(),
        Step::Meeting => view! {
            {parts_view(ctx, step_parts(t, step))}
            <Attendees ctx />
            <ClientPresenceField ctx />
            <PlanText ctx key=TextKey::Minutes label=t.plan().minutes multiline=true hint=None />
        }
        .into_any(),
        Step::Consent => view! {
            {parts_view(ctx, step_parts(t, step))}
            <ConsultantCopyField ctx />
            <PlanText ctx key=TextKey::ConsentNote label=t.plan().note multiline=true hint=None />
        }
        .into_any(),
        step => parts_view(ctx, step_parts(t, step)).into_any(),
    };
    let title = format!("plan-step-{}-title", step.code());
    view! {
        <section class="card step-card" id=format!("plan-step-{}", step.code()) aria-labelledby=title.clone()>
            <h2 id=title.clone()>
                {(t.record_words().step)(step)}
                " "
                <span class=move || if done.get() { "badge ok" } else { "badge muted" }>
                    {move || if done.get() { t.plan().step_done } else { t.plan().step_missing }}
                </span>
            </h2>
            {body}
            {children.map(|c| c())}
        </section>
    }
}

/// The eight-domain assessment that stands for this version's アセスメント:
/// chosen from the client's assessments, with whether its interview is
/// recorded and a link to it.
#[component]
fn AssessmentLink(ctx: Ctx) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.form);
    let list = ctx.assessments.get_value();
    let client_id = form.with_untracked(|f| f.plan.client_id);
    let linked =
        Memo::new(move |_| ctx.assessments.with_value(|a| form.with(|f| cycle_assessment(&f.plan, a).cloned())));
    let mut options = vec![SelectOption::new("", t.plan().assessment_none)];
    let mut sorted = list.clone();
    sorted.sort_by_key(|a| std::cmp::Reverse(a.date));
    options.extend(sorted.iter().map(|a| {
        SelectOption::new(a.id.to_string(), (t.plan().assessment_option)(&(t.common.date)(a.date), a.by.name.trim()))
    }));
    let value = Signal::derive(move || linked.get().map(|a| a.id.to_string()).unwrap_or_default());
    let choose = Callback::new(move |v: String| {
        let chosen = uuid::Uuid::parse_str(&v).ok();
        ctx.run(move |f| {
            let step = f.plan.cycle.assessment.get_or_insert_with(Default::default);
            step.assessment_ids = chosen.into_iter().collect();
        })
    });
    let list_href = format!("/clients/{client_id}/assessments");
    view! {
        {if list.is_empty() {
            view! {
                <p class="notice info">{t.plan().assessment_missing}</p>
                <p>
                    <A href=list_href attr:class="button">{t.plan().assessment_do}</A>
                </p>
            }
                .into_any()
        } else {
            view! {
                <SelectField id="plan-assessment-link" label=t.plan().assessment_link hint=t.plan().assessment_link_hint value on_change=choose options />
                {move || linked.get().map(|a| {
                    let href = format!("/clients/{client_id}/assessments/{}", a.id);
                    let interview = if a.has_interview { t.plan().assessment_interview_yes } else { t.plan().assessment_interview_no };
                    view! {
                        <p class=if a.has_interview { "notice info" } else { "notice warning" } id="plan-assessment-status">
                            {interview}
                            " "
                            <A href=href>{t.plan().assessment_open}</A>
                        </p>
                    }
                })}
            }
                .into_any()
        }}
    }
}

/// 出席者: one row per person with 氏名, 所属・立場 and 職種 (staff) or none
/// (people from outside).
#[component]
fn Attendees(ctx: Ctx) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.form);
    let count = Memo::new(move |_| form.with(|f| attendees(&f.plan).len()));
    let mut roles = vec![SelectOption::new("", t.plan().attendee_outside)];
    roles.extend(role_options(t));
    let roles = StoredValue::new(roles);
    let rows = move || {
        (0..count.get())
            .map(|i| {
                let role = Signal::derive(move || {
                    form.with(|f| attendees(&f.plan).get(i).and_then(|a| a.role).map(JobRole::code).unwrap_or_default().to_owned())
                });
                let set_role = Callback::new(move |v: String| {
                    let role = JobRole::from_code(&v);
                    ctx.run(move |f| set_attendee_role(&mut f.plan, i, role));
                });
                view! {
                    <fieldset class="attendee">
                        <legend>{(t.plan().attendee_n)(i + 1)}</legend>
                        <div class="grid-2">
                            <PlanText ctx key=TextKey::AttendeeName(i) label=t.plan().staff_name multiline=false hint=None />
                            <PlanText ctx key=TextKey::AttendeeAffiliation(i) label=t.plan().attendee_affiliation multiline=false hint=Some(t.plan().attendee_affiliation_hint) />
                        </div>
                        <SelectField id=format!("plan-meeting-attendee-{i}-role") label=t.plan().staff_role value=role on_change=set_role options=roles.get_value() />
                        <button type="button" class="button" on:click=move |_| ctx.run(move |f| remove_attendee(&mut f.plan, i))>
                            {(t.plan().attendee_remove)(i + 1)}
                        </button>
                    </fieldset>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="attendees">
            <legend>{t.plan().attendees}</legend>
            {rows}
            <button type="button" class="button" on:click=move |_| ctx.run(|f| add_attendee(&mut f.plan))>
                {t.plan().attendee_add}
            </button>
        </fieldset>
    }
}

/// 本人の参加: in principle the client takes part (online too).
#[component]
fn ClientPresenceField(ctx: Ctx) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.form);
    let mut options = vec![SelectOption::new("", t.plan().presence_unknown)];
    options.extend(ClientPresence::ALL.into_iter().map(|p| SelectOption::new(p.code(), (t.plan().presence)(p))));
    let value = Signal::derive(move || {
        form.with(|f| client_presence(&f.plan).map(ClientPresence::code).unwrap_or_default().to_owned())
    });
    let set = Callback::new(move |v: String| {
        let p = ClientPresence::from_code(&v);
        ctx.run(move |f| set_client_presence(&mut f.plan, p));
    });
    view! { <SelectField id="plan-meeting-presence" label=t.plan().presence_label value on_change=set options /> }
}

/// The copy of the plan for the client's 相談支援専門員: sent (to whom, their
/// office, when) or there is none (セルフプラン).
#[component]
fn ConsultantCopyField(ctx: Ctx) -> impl IntoView {
    let (t, form) = (ctx.t, ctx.form);
    let mut options = vec![SelectOption::new("", t.plan().copy_unknown)];
    options.extend(CopyChoice::ALL.into_iter().map(|c| SelectOption::new(c.code(), (t.plan().copy_choice)(c))));
    let choice = Memo::new(move |_| form.with(|f| copy_choice(&f.plan)));
    let value = Signal::derive(move || choice.get().map(CopyChoice::code).unwrap_or_default().to_owned());
    let set = Callback::new(move |v: String| {
        let c = CopyChoice::from_code(&v);
        ctx.run(move |f| set_copy_choice(&mut f.plan, c));
    });
    view! {
        <SelectField id="plan-consent-copy" label=t.plan().copy_label hint=t.plan().copy_hint value on_change=set options />
        <Show when=move || choice.get() == Some(CopyChoice::Sent)>
            <div class="grid-2">
                {parts_view(
                    ctx,
                    vec![
                        Part::Text(TextKey::CopyTo, t.plan().copy_to, false, None),
                        Part::Text(TextKey::CopyOffice, t.plan().copy_office, false, None),
                    ],
                )}
            </div>
            {parts_view(ctx, vec![Part::Date(DateKey::CopySent, t.plan().copy_sent_on)])}
        </Show>
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
            error.set(Some(t.plan().review_invalid));
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
            {t.plan().review_new}
        </button>
        <Show when=move || confirming.get()>
            <div class="card warning" role="alertdialog" aria-labelledby="plan-review-confirm">
                <p id="plan-review-confirm">{(t.plan().review_confirm)(version + 1)}</p>
                <Show when=move || !reviewed.get()>
                    <p class="notice warning">{t.plan().review_not_recorded}</p>
                </Show>
                <div class="actions">
                    <button type="button" class="button" on:click=move |_| confirming.set(false)>
                        {t.common.cancel}
                    </button>
                    <button type="button" class="button primary" on:click=create.clone() prop:disabled=move || busy.get()>
                        {t.plan().review_create}
                    </button>
                </div>
            </div>
        </Show>
        {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
    }
}
