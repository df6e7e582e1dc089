//! What needs plan work across the office, read from the device's records:
//! every concern ([`renkei_domain::plan::concerns`]) with the client's name
//! and how to show it. ホーム summarises these; `/attention` lists them.

use crate::i18n::Texts;
use crate::store::{store, StoreError};
use renkei_domain::assessment::Assessment;
use renkei_domain::plan::{concerns, AssessmentRef, Concern, Finding, Plan};
use renkei_domain::{ClientSummary, RecordKind};
use std::collections::HashMap;
use uuid::Uuid;

/// A concern ready to show.
#[derive(Clone, Debug)]
pub struct Shown {
    pub concern: Concern,
    pub client: String,
    pub href: String,
    pub text: String,
    pub alert: bool,
}

/// The date (and days) a finding is about, shown beside its message.
fn finding_detail(t: &'static Texts, finding: &Finding) -> Option<String> {
    let date = t.common.date;
    match *finding {
        Finding::ReviewOverdue { due, days_over } | Finding::MonitoringOverdue { due, days_over } => {
            Some((t.dashboard.days_over)(&date(due), days_over))
        }
        Finding::ReviewDueSoon { due, days_left }
        | Finding::MonitoringDueSoon { due, days_left }
        | Finding::PeriodEndsSoon { end: due, days_left } => Some((t.dashboard.days_left)(&date(due), days_left)),
        Finding::PeriodEnded { end } => Some(date(end)),
        _ => None,
    }
}

/// The text of one concern: the finding, with its date when it has one.
pub fn concern_text(t: &'static Texts, c: &Concern) -> String {
    match &c.finding {
        None => t.dashboard.no_plan.to_owned(),
        Some(f) => {
            let text = (t.record_words().finding)(f);
            match finding_detail(t, f) {
                Some(detail) => format!("{text}（{detail}）"),
                None => text,
            }
        }
    }
}

/// Every concern on `today`, most urgent first.
pub async fn load(t: &'static Texts, today: chrono::NaiveDate) -> Result<Vec<Shown>, StoreError> {
    let clients = store().await?.client_list().await?.clients;
    load_for(t, today, &clients).await
}

/// [`load`] for `clients`, the office's client list the caller has read.
pub async fn load_for(
    t: &'static Texts,
    today: chrono::NaiveDate,
    clients: &[ClientSummary],
) -> Result<Vec<Shown>, StoreError> {
    let s = store().await?;
    let plans: Vec<Plan> = s
        .live_of_kind::<Plan>(RecordKind::Plan)
        .await?
        .into_iter()
        .map(|mut r| {
            r.data.id = r.meta.id;
            r.data
        })
        .collect();
    let assessments: Vec<(Uuid, AssessmentRef)> = s
        .live_of_kind::<Assessment>(RecordKind::Assessment)
        .await?
        .into_iter()
        .map(|r| (r.data.client_id, AssessmentRef::of(r.meta.id, &r.data)))
        .collect();
    let settings = crate::plan_settings::load();
    let names: HashMap<Uuid, &str> = clients.iter().map(|c| (c.id, c.name.as_str())).collect();
    Ok(concerns(clients, &plans, &assessments, &settings, today)
        .into_iter()
        .map(|c| Shown {
            client: names.get(&c.client_id).map(|n| (*n).to_owned()).unwrap_or_default(),
            href: format!("/clients/{}/plan", c.client_id),
            text: concern_text(t, &c),
            alert: c.severity() == renkei_domain::plan::Severity::Alert,
            concern: c,
        })
        .collect())
}
