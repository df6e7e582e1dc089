//! 地域連携会議: a meeting with outside parties about one client's plan
//! (record kind `meeting`), and whether it can be claimed as
//! 地域連携会議実施加算 (`claim`). A meeting that cannot be claimed is still a
//! record of cooperation and is kept.

pub mod billing;
pub mod claim;
pub mod form;

pub use billing::{billing_csv, billing_rows, BillingRow, CsvWords};

pub use claim::{assess, eligible_service, units, window_of, Claim, Outcome, Refusal, YearWindow, CLAIMS_PER_YEAR};
pub use form::{MeetingError, MeetingField, MeetingForm, ParticipantForm};

use crate::plan::JobRole;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// The division of the addition: (Ⅰ) the サビ管 explains; (Ⅱ) other staff
/// explain and share the result with the サビ管.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
pub enum Division {
    #[default]
    #[serde(rename = "i")]
    One,
    #[serde(rename = "ii")]
    Two,
}

/// What of the plan was explained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanPart {
    /// 原案
    #[default]
    Draft,
    /// 実施状況 (including the ongoing evaluation)
    Progress,
}

/// Someone from outside the office at the meeting: from an agency of the
/// directory, or named only (an employer's manager, a doctor).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Participant {
    #[serde(default)]
    pub id: Uuid,
    #[serde(default)]
    pub agency_id: Option<Uuid>,
    #[serde(default)]
    pub name: String,
    /// Their role (「職業相談部門 統括職業指導官」).
    #[serde(default)]
    pub role: String,
}

impl Participant {
    /// Someone is there: an agency or a name.
    pub fn is_present(&self) -> bool {
        self.agency_id.is_some_and(|a| !a.is_nil()) || !self.name.trim().is_empty()
    }
}

/// 地域連携会議
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Meeting {
    #[serde(default)]
    pub client_id: Uuid,
    /// The day held (or planned: a future day is a planned meeting).
    #[serde(default)]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub online: bool,
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// Who explained the plan, and in which role.
    #[serde(default)]
    pub explained_by: String,
    #[serde(default)]
    pub explainer_role: Option<JobRole>,
    #[serde(default)]
    pub division: Division,
    /// The plan version explained.
    #[serde(default)]
    pub plan_id: Option<Uuid>,
    #[serde(default)]
    pub plan_part: PlanPart,
    /// The opinions received.
    #[serde(default)]
    pub opinions: String,
    /// What was decided, plan changes included.
    #[serde(default)]
    pub decisions: String,
    /// The plan version the meeting's changes went into.
    #[serde(default)]
    pub new_plan_id: Option<Uuid>,
    /// (Ⅱ): the day the result was shared with the サビ管.
    #[serde(default)]
    pub shared_on: Option<NaiveDate>,
    /// Marked by staff as the one to claim when two meetings fall in one
    /// month.
    #[serde(default)]
    pub claim_this: bool,
}
