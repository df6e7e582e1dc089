//! The editor of the current plan version. There is no save button: every
//! edit is stored by autosave, only the top-level keys it changed (see
//! `Store::save_edit`), so edits of different goals on two devices merge.
//! A date that does not validate keeps the whole form as a draft until it
//! is fixed, as in the client editor.

use super::conflicts::PlanConflicts;
use super::fields::{parts_view, Ctx, Edit, Part, StaffInput, NAMES_LIST};
use super::goals::GoalsSection;
use super::monitoring::MonitoringSection;
use super::steps::{NextVersion, StepCard};
use super::{plan_head, plan_sub, Loaded, Versions};
use crate::components::field::{service_options, SelectField};
use crate::components::save_state::SaveIndicator;
use crate::editor::{Commit, Opened, RecordEditor};
use crate::i18n::{use_texts, Texts};
use leptos::prelude::*;
use leptos_router::components::A;
use renkei_domain::plan::form::{problems, DateKey, PlanForm, StaffKey, TextKey};
use renkei_domain::plan::{
    findings, next_monitoring_date, next_review_date, review_interval, Finding, Plan, Severity, Step,
};
use renkei_domain::ServiceType;
use std::collections::BTreeSet;
use uuid::Uuid;

/// The dates, counts or monitoring a finding refers to.
fn finding_detail(t: &'static Texts, plan: &Plan, f: &Finding) -> Option<String> {
    match *f {
        Finding::NotByManager { monitoring_id: Some(monitoring_id), .. }
        | Finding::MonitoringWithoutInterview { monitoring_id } => {
            let n = plan.cycle.monitoring_entries().position(|(id, _)| id == monitoring_id)?;
            Some(format!("（{}）", (t.plan().monitoring_n)(n + 1)))
        }
        Finding::PeriodEndsSoon { end: due, days_left }
        | Finding::ReviewDueSoon { due, days_left }
        | Finding::MonitoringDueSoon { due, days_left } => {
            Some(format!("{}（{}）", (t.common.date)(due), (t.plan().days_left)(days_left)))
        }
        Finding::ReviewOverdue { due, days_over } | Finding::MonitoringOverdue { due, days_over } => {
            Some(format!("{}（{}）", (t.common.date)(due), (t.plan().days_over)(days_over)))
        }
        Finding::PeriodEnded { end } => Some((t.common.date)(end)),
        _ => None,
    }
}

/// The sections of the plan, for the contents bar: (anchor, label).
fn sections(t: &'static Texts) -> Vec<(&'static str, &'static str)> {
    vec![
        ("plan-findings-title", t.plan().findings_title),
        ("plan-sec-basic", t.plan().sec_basic),
        ("plan-sec-wishes", t.plan().sec_wishes),
        ("plan-goals", t.plan().nav_goals),
        ("plan-step-assessment", (t.record_words().step)(Step::Assessment)),
        ("plan-step-draft", (t.record_words().step)(Step::Draft)),
        ("plan-step-meeting", t.plan().nav_meeting),
        ("plan-step-consent", t.plan().nav_consent),
        ("plan-monitoring", t.plan().nav_monitoring),
        ("plan-step-review", (t.record_words().step)(Step::Review)),
    ]
}

#[component]
pub fn PlanEditor(client_id: Uuid, loaded: Loaded, on_reload: Callback<()>) -> impl IntoView {
    let t = use_texts();
    let today = chrono::Local::now().date_naive();
    let record = loaded.plans[0].clone();
    let id = record.meta.id;
    let actor = loaded.actor.clone();
    let opened = loaded.opened.clone().unwrap_or(Opened { record: Some(record.clone()), restored: None });
    let editor = RecordEditor::new(id, id.to_string(), actor, Commit::Autosave, opened, PlanForm::new(record.data));
    let (form, state) = (editor.form, editor.state);
    let problem_list = Memo::new(move |_| form.with(problems));
    let edit = Callback::new(move |e: Edit| {
        let change = e.0;
        editor.edit(move |f| change(f));
    });
    let assessments = StoredValue::new(loaded.assessments.clone());
    let ctx = Ctx { form, problems: problem_list, edit, t, assessments };
    let settings = crate::plan_settings::use_plan_settings();
    let flush = Callback::new(move |()| editor.flush());

    let goal_ids =
        Memo::new(move |_| form.with(|f| f.plan.goals_in_order().into_iter().map(|(id, _)| id).collect::<Vec<Uuid>>()));
    // Names already used in the plan, offered in every name field.
    let me = loaded.session.as_ref().map(|s| s.display_name.clone());
    let names = Memo::new(move |_| {
        form.with(|f| {
            let p = &f.plan;
            let mut keys = vec![StaffKey::Manager, StaffKey::Assessment, StaffKey::Draft, StaffKey::Meeting];
            keys.extend([StaffKey::Explained, StaffKey::Review]);
            keys.extend(p.cycle.monitoring.keys().map(|m| StaffKey::Monitoring(*m)));
            let mut set: BTreeSet<String> = keys
                .into_iter()
                .filter_map(|k| k.get(p).map(|s| s.name.trim().to_owned()))
                .filter(|n| !n.is_empty())
                .collect();
            set.extend(me.clone());
            set.into_iter().collect::<Vec<_>>()
        })
    });

    let plan_findings = Memo::new(move |_| {
        let settings = settings.get();
        assessments.with_value(|a| {
            form.with(|f| {
                findings(&f.plan, a, &settings, today)
                    .into_iter()
                    .map(|x| (x, finding_detail(t, &f.plan, &x)))
                    .collect::<Vec<_>>()
            })
        })
    });
    let next_review = move || {
        form.with(|f| next_review_date(&f.plan, &settings.get()))
            .map_or_else(|| t.plan().next_review_unknown.to_owned(), t.common.date)
    };
    // How often, and why: the rules, the office's reading of an unconfirmed
    // interval, or the office's own.
    let interval = move || {
        form.with(|f| {
            let i = review_interval(f.plan.service, &settings.get());
            (t.plan().interval)(i.months, i.basis)
        })
    };
    let next_monitoring = move || {
        form.with(|f| next_monitoring_date(&f.plan, &settings.get()))
            .map_or_else(|| t.plan().next_review_unknown.to_owned(), t.common.date)
    };
    let findings_view = move || {
        let list = plan_findings.get();
        if list.is_empty() {
            return view! { <p class="finding-none">{t.plan().no_findings}</p> }.into_any();
        }
        let items = list
            .iter()
            .map(|(f, detail)| {
                let alert = f.severity() == Severity::Alert;
                let text = match detail {
                    Some(d) => format!("{} {d}", (t.record_words().finding)(f)),
                    None => (t.record_words().finding)(f),
                };
                view! {
                    <li class=if alert { "finding alert" } else { "finding warning" }>
                        <span class="badge">{if alert { t.plan().alert } else { t.plan().warning }}</span>
                        <span>{text}</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="finding-list">{items}</ul> }.into_any()
    };

    let service =
        Signal::derive(move || form.with(|f| f.plan.service.map(|s| s.code()).unwrap_or_default().to_owned()));
    let set_service = Callback::new(move |v: String| ctx.run(move |f| f.plan.service = ServiceType::from_code(&v)));
    let period = vec![
        Part::Date(DateKey::PeriodStart, t.plan().period_start),
        Part::Date(DateKey::PeriodEnd, t.plan().period_end),
    ];
    let long_term = vec![
        Part::Text(TextKey::LongText, t.plan().goal_text, true, None),
        Part::Date(DateKey::LongStart, t.plan().start),
        Part::Date(DateKey::LongEnd, t.plan().end),
    ];
    let wishes = vec![
        Part::Text(TextKey::WishesSelf, t.common.wishes_self, true, None),
        Part::Text(TextKey::WishesFamily, t.common.wishes_family, true, None),
    ];
    let print = format!("/clients/{client_id}/plan/{id}/print");
    let version = loaded.plans[0].data.version;
    let actor = loaded.actor.clone();
    let versions = loaded.clone();
    let conflicts = loaded.conflicts.clone();
    let conflict_plan = form.with_untracked(|f| f.plan.clone());
    let head_data = loaded.clone();
    let sub = move || form.with(|f| plan_sub(t, &head_data, Some(&f.plan)));

    view! {
        {plan_head(t, client_id, sub)}
        <p class="muted">{t.common.autosave_note}</p>
        <PlanConflicts id plan=conflict_plan conflicts flush on_resolved=on_reload t />
        <Show when=move || problem_list.with(|p| !p.is_empty())>
            <p class="notice error">{t.plan().has_errors}</p>
        </Show>
        // The contents and whether the last edit is stored stay at the top
        // while scrolling; the save state takes no room until it has
        // something to say (style/main.css, .plan-bar).
        <div class="plan-bar">
            <nav class="domain-tabs section-nav" aria-label=t.plan().contents>
                <ul>
                    {sections(t)
                        .into_iter()
                        .map(|(anchor, label)| view! { <li><a href=format!("#{anchor}")>{label}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
            <div class="plan-savebar">
                <SaveIndicator state t />
            </div>
        </div>
        <section class="card findings" aria-labelledby="plan-findings-title">
            <h2 id="plan-findings-title">{t.plan().findings_title}</h2>
            <div id="plan-findings">{findings_view}</div>
            <p class="next-review">
                <strong>{t.plan().next_review}</strong>
                " "
                <span id="plan-next-review">{next_review}</span>
                " "
                <span class="muted" id="plan-interval">{interval}</span>
            </p>
            <p class="next-review">
                <strong>{t.plan().next_monitoring}</strong>
                " "
                <span id="plan-next-monitoring">{next_monitoring}</span>
            </p>
        </section>
        <p>
            <A href=print attr:class="button">
                {t.plan().print_view}
            </A>
        </p>
        <datalist id=NAMES_LIST>
            {move || names.get().into_iter().map(|n| view! { <option value=n></option> }).collect_view()}
        </datalist>
        <form class="plan-form" on:submit=|ev| ev.prevent_default()>
            <section class="card" aria-labelledby="plan-sec-basic">
                <h2 id="plan-sec-basic">{t.plan().sec_basic}</h2>
                <SelectField id="plan-service" label=t.plan().service value=service on_change=set_service options=service_options(t, t.plan().service_choose) />
                <div class="grid-2">{parts_view(ctx, period)}</div>
                <StaffInput ctx key=StaffKey::Manager label=t.plan().manager />
                {parts_view(ctx, vec![Part::Text(TextKey::Additions, t.plan().additions, true, Some(t.plan().additions_hint))])}
            </section>
            <section class="card" aria-labelledby="plan-sec-wishes">
                <h2 id="plan-sec-wishes">{t.plan().sec_wishes}</h2>
                {parts_view(ctx, wishes)}
            </section>
            <section class="card" aria-labelledby="plan-sec-policy">
                <h2 id="plan-sec-policy">{t.plan().policy}</h2>
                {parts_view(ctx, vec![Part::Text(TextKey::Policy, t.plan().policy, true, None)])}
            </section>
            <section class="card" aria-labelledby="plan-sec-long">
                <h2 id="plan-sec-long">{t.plan().long_term}</h2>
                {parts_view(ctx, long_term)}
            </section>
            <GoalsSection ctx goal_ids />
            <StepCard ctx step=Step::Assessment />
            <StepCard ctx step=Step::Draft />
            <StepCard ctx step=Step::Meeting />
            <StepCard ctx step=Step::Consent />
            <MonitoringSection ctx goal_ids />
            <StepCard ctx step=Step::Review>
                <NextVersion ctx client_id version flush actor on_done=on_reload />
            </StepCard>
        </form>
        <Versions client_id loaded=versions t />
    }
}
