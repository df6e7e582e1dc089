//! 個別支援計画: a client's current plan (the newest version) in the editor,
//! earlier versions read-only, and the printable 個別支援計画書.
//!
//! Routes: `/clients/:id/plan` (current plan, or 「計画を作成」),
//! `/clients/:id/plan/:plan_id` (that version: the editor for the current
//! one, read-only for earlier ones) and `/clients/:id/plan/:plan_id/print`.

mod conflicts;
mod editor;
mod fields;
mod goals;
mod monitoring;
mod print;
mod steps;

pub use print::PlanPrintPage;

use crate::components::client_nav::ClientNav;
use crate::components::loading::when_ready;
use crate::editor::Opened;
use crate::i18n::{use_texts, Texts};
use crate::store::{spawn_write, store, StoreError};
use editor::PlanEditor;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use print::PlanDocument;
use renkei_domain::assessment::Assessment;
use renkei_domain::plan::form::{status, PlanForm, PlanStatus};
use renkei_domain::plan::{assessment_to_link, latest_versions, link_assessment, AssessmentRef, Plan, StaffRef};
use renkei_domain::sync::merge::Head;
use renkei_domain::sync::StaffInfo;
use renkei_domain::{Client, Record, RecordKind, RecordMeta, ServiceType};
use uuid::Uuid;

/// `/clients/:id/plan` and `/clients/:id/plan/:plan_id`.
#[component]
pub fn PlanPage() -> impl IntoView {
    let t = use_texts();
    let params = use_params_map();
    move || {
        let (client, plan) = params.with(|p| {
            (p.get("id").and_then(|s| Uuid::parse_str(&s).ok()), p.get("plan_id").map(|s| Uuid::parse_str(&s).ok()))
        });
        match (client, plan) {
            (Some(client_id), None) => view! { <PlanLoader client_id plan_id=None /> }.into_any(),
            (Some(client_id), Some(Some(plan_id))) => {
                view! { <PlanLoader client_id plan_id=Some(plan_id) /> }.into_any()
            }
            _ => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
        }
    }
}

/// Everything the plan pages start from.
#[derive(Clone)]
struct Loaded {
    client: Option<Record<Client>>,
    /// The client's plans, newest version first.
    plans: Vec<Record<Plan>>,
    /// Two reviews were started from one version (on two devices).
    forked: bool,
    /// The current version and its unsaved input, for the editor.
    opened: Option<Opened<PlanForm>>,
    /// Parts of the current version two devices changed at once.
    conflicts: Vec<(String, Vec<Head>)>,
    actor: String,
    session: Option<StaffInfo>,
    /// The client's eight-domain assessments.
    assessments: Vec<AssessmentRef>,
}

/// The client's live plans, newest version first (the last edited first
/// among equal versions). The plan's `id` is the record's.
async fn client_plans(client_id: Uuid) -> Result<Vec<Record<Plan>>, StoreError> {
    let s = store().await?;
    let client_key = client_id.to_string();
    let mut plans = Vec::new();
    for any in s.records_of_kind(RecordKind::Plan).await? {
        let about_client = any.data.get("client_id").and_then(|v| v.as_str()) == Some(client_key.as_str());
        if any.meta.deleted || !about_client {
            continue;
        }
        let mut record: Record<Plan> = any.to_typed()?;
        record.data.id = record.meta.id;
        plans.push(record);
    }
    plans.sort_by_key(|p| std::cmp::Reverse((p.data.version, p.meta.updated_at)));
    Ok(plans)
}

async fn load(client_id: Uuid) -> Result<Loaded, StoreError> {
    let s = store().await?;
    let plans = client_plans(client_id).await?;
    let data: Vec<Plan> = plans.iter().map(|r| r.data.clone()).collect();
    let forked = latest_versions(&data).len() > 1;
    // A draft that no longer reads (an older app's shape) is not worth
    // failing the page for; the record itself is still there.
    let (opened, conflicts) = match plans.first() {
        Some(current) => {
            let id = current.meta.id;
            let conflicts = crate::components::conflicts::conflicts_of(&s, id).await?;
            (Some(crate::editor::open(&s, &id.to_string(), Some(current.clone())).await?), conflicts)
        }
        None => (None, Vec::new()),
    };
    let assessments = s
        .live_of_kind::<Assessment>(RecordKind::Assessment)
        .await?
        .into_iter()
        .filter(|r| r.data.client_id == client_id)
        .map(|r| AssessmentRef::of(r.meta.id, &r.data))
        .collect();
    Ok(Loaded {
        assessments,
        client: s.client(client_id).await?,
        plans,
        forked,
        opened,
        conflicts,
        actor: s.device_id().await?,
        session: s.session().await?.map(|r| r.staff),
    })
}

#[component]
fn PlanLoader(client_id: Uuid, plan_id: Option<Uuid>) -> impl IntoView {
    let t = use_texts();
    let loaded = LocalResource::new(move || load(client_id));
    let on_reload = Callback::new(move |()| loaded.refetch());
    move || {
        when_ready(t, loaded.get(), |l| {
            let current = l.plans.first().map(|p| p.meta.id);
            match plan_id.or(current) {
                None if l.client.is_none() => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
                None => view! { <NoPlan client_id loaded=l on_reload t /> }.into_any(),
                Some(id) if Some(id) == current => view! { <PlanEditor client_id loaded=l on_reload /> }.into_any(),
                Some(id) => match l.plans.iter().find(|p| p.meta.id == id) {
                    Some(p) => {
                        let plan = p.data.clone();
                        view! { <ReadOnlyPlan client_id plan loaded=l t /> }.into_any()
                    }
                    None => view! { <p class="notice">{t.common.not_found}</p> }.into_any(),
                },
            }
        })
    }
}

/// The line under the title: client, version and status.
fn plan_sub(t: &'static Texts, loaded: &Loaded, plan: Option<&Plan>) -> String {
    let name = loaded.client.as_ref().map(|c| c.data.name.clone()).unwrap_or_default();
    match plan {
        Some(p) => {
            let s = status(p, &loaded.assessments, revised(loaded, p));
            format!("{name} · {} · {}", (t.plan().version)(p.version), status_label(t, s))
        }
        None => name,
    }
}

/// Title, client and version above every plan view.
fn plan_head(t: &'static Texts, client_id: Uuid, sub: impl IntoView) -> impl IntoView {
    view! {
        <h1>{t.common.plan_title}</h1>
        <p class="plan-sub">{sub}</p>
        <ClientNav id=client_id t />
    }
}

/// The signed-in staff member as 計画作成責任者 of a plan for `service`,
/// when their 職種 is the one that does plan work for it: the 児発管 for a
/// child service, the サビ管 for an adult one (either while the service is
/// not known).
pub(crate) fn manager_from(session: Option<&StaffInfo>, service: Option<ServiceType>) -> Option<StaffRef> {
    let staff = session?;
    let role = staff.job_role.filter(|r| r.does_plan_work_for(service))?;
    Some(StaffRef::new(Some(staff.id), &staff.display_name, role))
}

/// A later version revises `p`.
fn revised(loaded: &Loaded, p: &Plan) -> bool {
    loaded.plans.iter().any(|r| r.data.previous_version_id == Some(p.id))
}

/// The status, with what the plan waits for.
fn status_label(t: &'static Texts, s: PlanStatus) -> String {
    match s {
        PlanStatus::Preparing { waiting_for } => (t.plan().status_preparing)((t.record_words().step)(waiting_for)),
        PlanStatus::Incomplete { missing } => (t.plan().status_incomplete)((t.record_words().step)(missing)),
        PlanStatus::InEffect => t.plan().status_in_effect.to_owned(),
        PlanStatus::Reviewed => t.plan().status_reviewed.to_owned(),
    }
}

/// The client has no plan yet: 「計画を作成」 makes version 1 for the service
/// the client uses today, starting from the client's wishes, with the
/// client's latest eight-domain assessment as its アセスメント and the
/// signed-in サビ管/児発管 as 計画作成責任者.
#[component]
fn NoPlan(client_id: Uuid, loaded: Loaded, on_reload: Callback<()>, t: &'static Texts) -> impl IntoView {
    let error = RwSignal::new(None::<&'static str>);
    let busy = RwSignal::new(false);
    let today = chrono::Local::now().date_naive();
    let first = {
        let client = loaded.client.as_ref().map(|c| c.data.clone()).unwrap_or_default();
        let assessments = loaded.assessments.clone();
        let session = loaded.session.clone();
        move |id: Uuid| {
            let mut plan = Plan::first_for(id, client_id, &client, today);
            if let Some(a) = assessment_to_link(&plan, None, &assessments) {
                link_assessment(&mut plan, a);
            }
            plan.manager = manager_from(session.as_ref(), plan.service);
            plan
        }
    };
    let actor = loaded.actor.clone();
    let create = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let id = Uuid::new_v4();
        let plan = first(id);
        let record = Record { meta: RecordMeta::new(id, &actor, chrono::Utc::now()), data: plan };
        spawn_write(
            move |s| async move { s.save_edit(RecordKind::Plan, &record, None).await },
            move |result| {
                busy.set(false);
                match result {
                    Ok(()) => on_reload.run(()),
                    Err(e) => error.set(Some(t.common.store_error(&e))),
                }
            },
        );
    };
    view! {
        {plan_head(t, client_id, plan_sub(t, &loaded, None))}
        <p>{t.plan().none}</p>
        <button type="button" class="button primary" on:click=create prop:disabled=move || busy.get()>
            {t.plan().create}
        </button>
        {move || error.get().map(|e| view! { <p class="notice error" role="alert">{e}</p> })}
    }
}

/// An earlier version: shown as a document, not editable.
#[component]
fn ReadOnlyPlan(client_id: Uuid, plan: Plan, loaded: Loaded, t: &'static Texts) -> impl IntoView {
    let print = format!("/clients/{client_id}/plan/{}/print", plan.id);
    let client = loaded.client.as_ref().map(|c| c.data.clone());
    let office = loaded.session.as_ref().map(|s| s.office_name.clone());
    view! {
        {plan_head(t, client_id, plan_sub(t, &loaded, Some(&plan)))}
        <p class="notice info">{t.plan().read_only}</p>
        <p class="back-link">
            <A href=format!("/clients/{client_id}/plan")>{t.plan().to_current}</A>
        </p>
        <p>
            <A href=print attr:class="button">
                {t.plan().print_view}
            </A>
        </p>
        <PlanDocument plan=plan.clone() client office full=true t />
        <Versions client_id loaded t />
    }
}

/// 版の履歴: every version with its status and period (the link to the
/// version on screen is marked by the router).
#[component]
fn Versions(client_id: Uuid, loaded: Loaded, t: &'static Texts) -> impl IntoView {
    let current = loaded.plans.first().map(|p| p.meta.id);
    let date = |d: Option<chrono::NaiveDate>| d.map(t.common.date).unwrap_or_default();
    let items = loaded
        .plans
        .iter()
        .map(|r| {
            let p = &r.data;
            let href = format!("/clients/{client_id}/plan/{}", p.id);
            let label = (t.plan().version)(p.version);
            let mut meta = vec![status_label(t, status(p, &loaded.assessments, revised(&loaded, p)))];
            if p.period.start.is_some() || p.period.end.is_some() {
                meta.push(format!("{} 〜 {}", date(p.period.start), date(p.period.end)));
            }
            if Some(p.id) == current {
                meta.push(t.plan().current.to_owned());
            }
            view! {
                <li>
                    <A href=href exact=true>
                        {label}
                    </A>
                    <span class="muted">{meta.join(" · ")}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="plan-versions-title">
            <h2 id="plan-versions-title">{t.plan().versions}</h2>
            {loaded.forked.then(|| view! { <p class="notice warning">{t.plan().forked}</p> })}
            <ul class="link-list plan-versions">{items}</ul>
        </section>
    }
}
