//! 個別支援計画書: the plan as a document, printed on A4 (the print
//! stylesheet hides the app around it), with its dates as official forms
//! write them (`date_print`: 和暦 with the Western year, docs/dates.md) and
//! the lines for consent and signatures, kept together with what comes
//! before them. The same document, with the cycle's records added, is how
//! an earlier version is read.

use crate::components::loading::when_loaded;
use crate::i18n::{use_texts, Texts};
use crate::store::{store, StoreError};
use chrono::NaiveDate;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use renkei_domain::plan::form::StaffKey;
use renkei_domain::plan::{Period, Plan, StaffRef, Step};
use renkei_domain::{Client, Record, RecordKind};
use uuid::Uuid;

/// `/clients/:id/plan/:plan_id/print`
#[component]
pub fn PlanPrintPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    move || {
        let parse = |key: &str| params.with(|p| p.get(key).and_then(|s| Uuid::parse_str(&s).ok()));
        match (parse("id"), parse("plan_id")) {
            (Some(client_id), Some(plan_id)) => view! { <PrintLoader client_id plan_id /> }.into_any(),
            _ => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
        }
    }
}

type PrintData = (Plan, Option<Client>, Option<String>);

async fn load(client_id: Uuid, plan_id: Uuid) -> Result<Option<PrintData>, StoreError> {
    let s = store().await?;
    let plan = match s.record(plan_id).await? {
        Some(r) if r.kind == RecordKind::Plan && !r.meta.deleted => {
            let mut record: Record<Plan> = r.to_typed()?;
            record.data.id = record.meta.id;
            record.data
        }
        _ => return Ok(None),
    };
    if plan.client_id != client_id {
        return Ok(None);
    }
    let client = s.client(client_id).await?.map(|r| r.data);
    let office = s.session().await?.map(|r| r.staff.office_name);
    Ok(Some((plan, client, office)))
}

#[component]
fn PrintLoader(client_id: Uuid, plan_id: Uuid) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || load(client_id, plan_id));
    move || {
        when_loaded(t, loaded.get(), |(plan, client, office)| {
            view! {
            <div class="actions no-print">
                <A href=format!("/clients/{client_id}/plan/{plan_id}") attr:class="button">
                    {t.plan().back}
                </A>
                <button
                    type="button"
                    class="button primary"
                    on:click=|_| {
                        let _ = window().print();
                    }
                >
                    {t.plan().print}
                </button>
            </div>
            <PlanDocument plan client office full=false t />
            }
            .into_any()
        })
    }
}

fn date(t: &'static Texts, d: Option<NaiveDate>) -> String {
    d.map(t.record_words().date_print).unwrap_or_default()
}

fn period(t: &'static Texts, p: Period) -> String {
    if p.start.is_none() && p.end.is_none() {
        String::new()
    } else {
        format!("{} 〜 {}", date(t, p.start), date(t, p.end))
    }
}

/// A period in a narrow column: one date a line.
fn period_lines(t: &'static Texts, p: Period) -> String {
    period(t, p).replacen(" 〜 ", " 〜\n", 1)
}

fn staff(t: &'static Texts, s: Option<&StaffRef>) -> String {
    s.filter(|s| !s.name.trim().is_empty())
        .map(|s| format!("{}（{}）", s.name.trim(), (t.record_words().job_role)(s.role)))
        .unwrap_or_default()
}

/// Label–value rows; rows without a value are left out unless `keep_empty`
/// (a printed form shows its empty boxes).
fn facts(rows: Vec<(&'static str, String)>, keep_empty: bool) -> impl IntoView {
    let rows = rows
        .into_iter()
        .filter(|(_, v)| keep_empty || !v.trim().is_empty())
        .map(|(label, value)| {
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{value}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="doc-facts">
            <tbody>{rows}</tbody>
        </table>
    }
}

/// The document. `full` adds the records of the cycle (an earlier version
/// read on screen); without it, the form ends with the consent and
/// signature lines (printing).
#[component]
pub fn PlanDocument(
    plan: Plan,
    client: Option<Client>,
    office: Option<String>,
    full: bool,
    t: &'static Texts,
) -> impl IntoView {
    let c = client.unwrap_or_default();
    let cycle = &plan.cycle;
    let consent = cycle.consent.clone().unwrap_or_default();
    let manager = plan.manager.as_ref().filter(|m| !m.name.trim().is_empty());
    let mut head = vec![
        (t.plan().doc_client, if c.name.is_empty() { String::new() } else { (t.plan().doc_honorific)(&c.name) }),
        (t.common.birth_date, date(t, c.birth_date)),
        (t.common.recipient_number, c.recipient_number.clone().unwrap_or_default()),
        (t.plan().service, plan.service.map(|s| (t.common.service_name)(s).to_owned()).unwrap_or_default()),
        (t.plan().doc_period, period(t, plan.period)),
        (t.plan().doc_created, date(t, cycle.draft.as_ref().and_then(|d| d.date))),
        (t.plan().doc_consented, date(t, consent.consented_on)),
        (t.plan().doc_handed, date(t, consent.handed_over_on)),
        (t.plan().manager, staff(t, plan.manager.as_ref())),
    ];
    if let Some(office) = office {
        head.push((t.plan().doc_office, office));
    }
    let long_term = match period(t, plan.long_term_goal.period) {
        p if p.is_empty() => plan.long_term_goal.text.clone(),
        p => format!("{}\n（{}: {p}）", plan.long_term_goal.text, t.plan().col_period),
    };
    let blocks = [
        (t.common.wishes_self, plan.wishes_self.clone()),
        (t.common.wishes_family, plan.wishes_family.clone()),
        (t.plan().policy, plan.policy.clone()),
        (t.plan().long_term, long_term),
    ]
    .into_iter()
    .map(|(label, text)| {
        view! {
            <section class="doc-block">
                <h2>{label}</h2>
                <p class="doc-text">{text}</p>
            </section>
        }
    })
    .collect_view();

    let goals = plan.goals_in_order();
    let goal_rows = goals
        .iter()
        .enumerate()
        .map(|(i, (_, g))| {
            let cells =
                [g.text.clone(), g.support.clone(), g.provider.clone(), g.frequency.clone(), period_lines(t, g.period)];
            view! {
                <tr>
                    <td class="num">{i + 1}</td>
                    {cells.into_iter().map(|c| view! { <td class="doc-text">{c}</td> }).collect_view()}
                </tr>
            }
        })
        .collect_view();
    let columns =
        [t.plan().col_goal, t.plan().col_support, t.plan().col_provider, t.plan().col_frequency, t.plan().col_period];
    let additions: Vec<String> = plan.additions.iter().map(|a| a.trim().to_owned()).filter(|a| !a.is_empty()).collect();

    let records = full.then(|| {
        let step_rows = |step: Step| -> Vec<(&'static str, String)> {
            match step {
                Step::Assessment => cycle.assessment.as_ref().map_or_else(Vec::new, |s| {
                    vec![
                        (t.plan().done_on, date(t, s.date)),
                        (t.plan().done_by, staff(t, s.by.as_ref())),
                        (t.plan().interview, s.interview.clone()),
                        (t.plan().note, s.note.clone()),
                    ]
                }),
                Step::Draft => cycle.draft.as_ref().map_or_else(Vec::new, |s| {
                    vec![
                        (t.plan().made_on, date(t, s.date)),
                        (t.plan().made_by, staff(t, s.by.as_ref())),
                        (t.plan().note, s.note.clone()),
                    ]
                }),
                Step::Meeting => cycle.meeting.as_ref().map_or_else(Vec::new, |s| {
                    let attendees: Vec<&str> = s.attendees.iter().map(|a| a.name.as_str()).collect();
                    vec![
                        (t.plan().held_on, date(t, s.date)),
                        (t.plan().recorded_by, staff(t, s.by.as_ref())),
                        (t.plan().attendees, attendees.join("、")),
                        (t.plan().minutes, s.minutes.clone()),
                    ]
                }),
                Step::Consent => cycle.consent.as_ref().map_or_else(Vec::new, |s| {
                    vec![
                        (t.plan().explained_on, date(t, s.explained_on)),
                        (t.plan().explained_by, staff(t, s.explained_by.as_ref())),
                        (t.plan().consented_on, date(t, s.consented_on)),
                        (t.plan().consented_by, s.consented_by.clone()),
                        (t.plan().handed_over_on, date(t, s.handed_over_on)),
                        (t.plan().note, s.note.clone()),
                    ]
                }),
                Step::Review => cycle.review.as_ref().map_or_else(Vec::new, |s| {
                    vec![
                        (t.plan().done_on, date(t, s.date)),
                        (t.plan().done_by, staff(t, s.by.as_ref())),
                        (t.plan().review_summary, s.summary.clone()),
                    ]
                }),
                Step::Monitoring => Vec::new(),
            }
        };
        let steps = [Step::Assessment, Step::Draft, Step::Meeting, Step::Consent, Step::Review]
            .into_iter()
            .map(|step| {
                let rows = step_rows(step);
                let body = if rows.is_empty() {
                    view! { <p class="muted">{t.plan().step_missing}</p> }.into_any()
                } else {
                    facts(rows, false).into_any()
                };
                view! {
                    <section class="doc-block">
                        <h2>{(t.record_words().step)(step)}</h2>
                        {body}
                    </section>
                }
            })
            .collect_view();
        let monitoring = cycle
            .monitoring_entries()
            .enumerate()
            .map(|(i, (_, m))| {
                let mut rows = vec![
                    (t.plan().done_on, date(t, m.date)),
                    (t.plan().done_by, staff(t, m.by.as_ref())),
                    (t.plan().interview, m.interview.clone()),
                ];
                for (n, (gid, g)) in goals.iter().enumerate() {
                    if let Some(r) = m.results.get(gid) {
                        let mut parts =
                            vec![r.achievement.map(|a| (t.plan().achievement)(a).to_owned()).unwrap_or_default()];
                        parts.extend(
                            [r.evaluation.clone(), r.next_action.clone()].into_iter().filter(|s| !s.trim().is_empty()),
                        );
                        let label = (t.plan().goal_n)(n + 1);
                        rows.push((t.plan().col_goal, format!("{label} {}\n{}", g.text, parts.join("\n"))));
                    }
                }
                rows.push((t.plan().summary, m.summary.clone()));
                view! {
                    <section class="doc-block">
                        <h2>{(t.plan().monitoring_n)(i + 1)}</h2>
                        {facts(rows, false)}
                    </section>
                }
            })
            .collect_view();
        view! {
            {steps}
            {monitoring}
        }
    });

    let signature = (!full).then(|| {
        let consent_date = consent.consented_on.map(t.record_words().date_print).unwrap_or_else(|| t.plan().doc_date_blank.to_owned());
        let manager_line = format!(
            "{}（{}）　{}",
            t.plan().manager,
            (t.record_words().job_role)(manager.map_or_else(|| StaffKey::default_role(&plan), |m| m.role)),
            manager.map_or_else(|| "＿＿＿＿＿＿＿＿＿＿＿＿".to_owned(), |m| m.name.trim().to_owned())
        );
        view! {
            <section class="doc-sign">
                <p>{t.plan().doc_consent_text}</p>
                <p class="sign-line">{consent_date}</p>
                <p class="sign-line">{t.plan().doc_sign_self}" "<span class="sign-blank">"＿＿＿＿＿＿＿＿＿＿＿＿"</span></p>
                <p class="sign-line">{t.plan().doc_sign_family}" "<span class="sign-blank">"＿＿＿＿＿＿＿＿＿＿＿＿"</span></p>
                <p class="sign-line">{manager_line}</p>
            </section>
        }
    });

    view! {
        <article class="plan-doc" aria-labelledby="plan-doc-title">
            <h1 id="plan-doc-title" class="doc-title">{t.plan().doc_title}</h1>
            <p class="doc-version">{(t.plan().version)(plan.version)}</p>
            {facts(head, true)}
            {blocks}
            <section class="doc-block doc-goals-block">
                <h2 id="plan-doc-goals">{t.plan().short_term}</h2>
                <table class="doc-goals" aria-labelledby="plan-doc-goals">
                    <thead>
                        <tr>
                            <th scope="col">"#"</th>
                            {columns.into_iter().map(|c| view! { <th scope="col">{c}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody>{goal_rows}</tbody>
                </table>
                {goals.is_empty().then(|| view! { <p class="muted">{t.plan().no_goals}</p> })}
            </section>
            {(!additions.is_empty()).then(|| view! {
                <section class="doc-block">
                    <h2>{t.plan().additions}</h2>
                    <ul>{additions.into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}</ul>
                </section>
            })}
            {records}
            {signature}
        </article>
    }
}
