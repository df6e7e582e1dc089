//! The plan as the editor holds it: the domain [`Plan`] plus the text of date
//! fields that is not a usable date yet. Every input names what it edits by
//! a key ([`DateKey`], [`TextKey`], [`StaffKey`]), so one small component per
//! kind of input serves the whole plan.

use super::{
    missing_steps, Achievement, AssessmentRef, Attendee, ClientPresence, ConsultantCopy, Goal, GoalEvaluation, JobRole,
    Plan, StaffRef, Step,
};
use crate::form::{rebase_fields, EditForm, Rebased};
use crate::{RecordKind, ServiceCategory};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// What the editor edits; also the shape of a draft and of the unload stash.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct PlanForm {
    pub plan: Plan,
    /// Text typed into a date field that is not a date in range, by the
    /// field's code. The plan keeps its previous date meanwhile.
    #[serde(default)]
    pub raw: BTreeMap<String, String>,
}

impl PlanForm {
    pub fn new(plan: Plan) -> Self {
        PlanForm { plan, raw: BTreeMap::new() }
    }
}

impl EditForm for PlanForm {
    type Data = Plan;
    type Problem = (String, DateProblem);
    const KIND: RecordKind = RecordKind::Plan;

    fn from_data(data: &Plan) -> Self {
        PlanForm::new(data.clone())
    }

    fn to_data(&self, _base: Option<&Plan>, _today: NaiveDate) -> Result<Plan, Vec<(String, DateProblem)>> {
        let found = problems(self);
        if found.is_empty() {
            Ok(self.plan.clone())
        } else {
            Err(found)
        }
    }

    /// Part by part, as the plan is stored and merged: each goal, step and
    /// monitoring on its own, so another device's change to a different goal
    /// shows up in an open (or restored) plan and is never written over.
    /// Date text that is not a date yet stays the user's.
    fn rebase(&self, base: &Self, newer: &Self) -> Rebased<Self> {
        let plan = rebase_fields(&self.plan, &base.plan, &newer.plan);
        Rebased { form: PlanForm { plan: plan.form, raw: self.raw.clone() }, clashes: plan.clashes }
    }
}

/// Dates a plan can hold: 2000-01-01 to 2099-12-31. Anything else is a typo
/// (a year typed half-way gives 0002, 0020, 0202 …).
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let date = text.trim().parse::<NaiveDate>().ok()?;
    let (first, last) = (NaiveDate::from_ymd_opt(2000, 1, 1)?, NaiveDate::from_ymd_opt(2099, 12, 31)?);
    (first..=last).contains(&date).then_some(date)
}

/// What is wrong with a date field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateProblem {
    /// Not a date, or out of range.
    Invalid,
    /// A period's end before its start.
    EndBeforeStart,
}

/// A date field of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateKey {
    PeriodStart,
    PeriodEnd,
    LongStart,
    LongEnd,
    GoalStart(Uuid),
    GoalEnd(Uuid),
    Assessment,
    Draft,
    Meeting,
    Explained,
    Consented,
    HandedOver,
    /// The day the copy went to the client's 相談支援専門員.
    CopySent,
    Review,
    Monitoring(Uuid),
}

impl DateKey {
    /// Unique on the page; also the key of the field's raw text.
    pub fn code(self) -> String {
        use DateKey::*;
        match self {
            PeriodStart => "period-start".into(),
            PeriodEnd => "period-end".into(),
            LongStart => "long-start".into(),
            LongEnd => "long-end".into(),
            GoalStart(id) => format!("goal-{id}-start"),
            GoalEnd(id) => format!("goal-{id}-end"),
            Assessment => "assessment-date".into(),
            Draft => "draft-date".into(),
            Meeting => "meeting-date".into(),
            Explained => "consent-explained".into(),
            Consented => "consent-consented".into(),
            HandedOver => "consent-handed".into(),
            CopySent => "consent-copy-sent".into(),
            Review => "review-date".into(),
            Monitoring(id) => format!("monitoring-{id}-date"),
        }
    }

    pub fn get(self, p: &Plan) -> Option<NaiveDate> {
        use DateKey::*;
        let c = &p.cycle;
        match self {
            PeriodStart => p.period.start,
            PeriodEnd => p.period.end,
            LongStart => p.long_term_goal.period.start,
            LongEnd => p.long_term_goal.period.end,
            GoalStart(id) => p.goals.get(&id).and_then(|g| g.period.start),
            GoalEnd(id) => p.goals.get(&id).and_then(|g| g.period.end),
            Assessment => c.assessment.as_ref().and_then(|s| s.date),
            Draft => c.draft.as_ref().and_then(|s| s.date),
            Meeting => c.meeting.as_ref().and_then(|s| s.date),
            Explained => c.consent.as_ref().and_then(|s| s.explained_on),
            Consented => c.consent.as_ref().and_then(|s| s.consented_on),
            HandedOver => c.consent.as_ref().and_then(|s| s.handed_over_on),
            CopySent => match c.consent.as_ref().and_then(|s| s.consultant_copy.as_ref()) {
                Some(ConsultantCopy::Sent { on, .. }) => *on,
                _ => None,
            },
            Review => c.review.as_ref().and_then(|s| s.date),
            Monitoring(id) => c.monitoring.get(&id).and_then(|m| m.date),
        }
    }

    /// Sets the date, creating the step that holds it when needed (but not
    /// for clearing a date that is not there).
    pub fn set(self, p: &mut Plan, value: Option<NaiveDate>) {
        use DateKey::*;
        if value.is_none() && self.get(p).is_none() {
            return;
        }
        let c = &mut p.cycle;
        let slot = match self {
            PeriodStart => &mut p.period.start,
            PeriodEnd => &mut p.period.end,
            LongStart => &mut p.long_term_goal.period.start,
            LongEnd => &mut p.long_term_goal.period.end,
            GoalStart(id) => &mut p.goals.entry(id).or_default().period.start,
            GoalEnd(id) => &mut p.goals.entry(id).or_default().period.end,
            Assessment => &mut c.assessment.get_or_insert_with(Default::default).date,
            Draft => &mut c.draft.get_or_insert_with(Default::default).date,
            Meeting => &mut c.meeting.get_or_insert_with(Default::default).date,
            Explained => &mut c.consent.get_or_insert_with(Default::default).explained_on,
            Consented => &mut c.consent.get_or_insert_with(Default::default).consented_on,
            HandedOver => &mut c.consent.get_or_insert_with(Default::default).handed_over_on,
            CopySent => match sent_copy(p) {
                ConsultantCopy::Sent { on, .. } => on,
                ConsultantCopy::NoConsultant => unreachable!("sent_copy returns a sent copy"),
            },
            Review => &mut c.review.get_or_insert_with(Default::default).date,
            Monitoring(id) => &mut c.monitoring.entry(id).or_default().date,
        };
        *slot = value;
    }
}

/// Applies what was typed into a date field: empty clears the date, a date
/// in range sets it, anything else is kept as raw text (and shown as an
/// error) while the plan keeps its date.
pub fn input_date(form: &mut PlanForm, key: DateKey, text: &str) {
    let code = key.code();
    let text = text.trim();
    if text.is_empty() {
        key.set(&mut form.plan, None);
        form.raw.remove(&code);
    } else if let Some(date) = parse_date(text) {
        key.set(&mut form.plan, Some(date));
        form.raw.remove(&code);
    } else {
        form.raw.insert(code, text.to_owned());
    }
}

/// Every problem of the form, by field code. A form with none is saved as
/// the plan; otherwise it is kept as a draft.
pub fn problems(form: &PlanForm) -> Vec<(String, DateProblem)> {
    let mut out: Vec<_> = form.raw.keys().map(|code| (code.clone(), DateProblem::Invalid)).collect();
    let p = &form.plan;
    let mut periods = vec![(p.period, DateKey::PeriodEnd), (p.long_term_goal.period, DateKey::LongEnd)];
    periods.extend(p.goals_in_order().into_iter().map(|(id, g)| (g.period, DateKey::GoalEnd(id))));
    for (period, end_key) in periods {
        if let (Some(start), Some(end)) = (period.start, period.end) {
            let code = end_key.code();
            if end < start && !form.raw.contains_key(&code) {
                out.push((code, DateProblem::EndBeforeStart));
            }
        }
    }
    out
}

/// A text field of the plan. Lists (加算, 出席者) are edited as one line each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextKey {
    WishesSelf,
    WishesFamily,
    Policy,
    LongText,
    Additions,
    GoalText(Uuid),
    GoalSupport(Uuid),
    GoalProvider(Uuid),
    GoalFrequency(Uuid),
    AssessmentInterview,
    AssessmentNote,
    DraftNote,
    /// The name of the meeting's attendee at this position.
    AttendeeName(usize),
    /// Their 所属・立場.
    AttendeeAffiliation(usize),
    Minutes,
    ConsentedBy,
    /// Whom the copy for the 相談支援専門員 went to, and their office.
    CopyTo,
    CopyOffice,
    ConsentNote,
    ReviewSummary,
    MonitoringInterview(Uuid),
    MonitoringSummary(Uuid),
    Evaluation(Uuid, Uuid),
    NextAction(Uuid, Uuid),
}

fn lines(text: &str) -> Vec<String> {
    if text.is_empty() {
        Vec::new()
    } else {
        text.split('\n').map(str::to_owned).collect()
    }
}

/// The copy for the 相談支援専門員 as sent, made so when it was not.
fn sent_copy(p: &mut Plan) -> &mut ConsultantCopy {
    let copy = &mut p.cycle.consent.get_or_insert_with(Default::default).consultant_copy;
    if !matches!(copy, Some(ConsultantCopy::Sent { .. })) {
        *copy = Some(ConsultantCopy::Sent { to: String::new(), office: String::new(), on: None });
    }
    copy.as_mut().expect("set just above")
}

fn attendee(p: &mut Plan, i: usize) -> &mut Attendee {
    let list = &mut p.cycle.meeting.get_or_insert_with(Default::default).attendees;
    if list.len() <= i {
        list.resize_with(i + 1, Default::default);
    }
    &mut list[i]
}

impl TextKey {
    pub fn code(self) -> String {
        use TextKey::*;
        match self {
            WishesSelf => "wishes-self".into(),
            WishesFamily => "wishes-family".into(),
            Policy => "policy".into(),
            LongText => "long-text".into(),
            Additions => "additions".into(),
            GoalText(id) => format!("goal-{id}-text"),
            GoalSupport(id) => format!("goal-{id}-support"),
            GoalProvider(id) => format!("goal-{id}-provider"),
            GoalFrequency(id) => format!("goal-{id}-frequency"),
            AssessmentInterview => "assessment-interview".into(),
            AssessmentNote => "assessment-note".into(),
            DraftNote => "draft-note".into(),
            AttendeeName(i) => format!("meeting-attendee-{i}-name"),
            AttendeeAffiliation(i) => format!("meeting-attendee-{i}-affiliation"),
            Minutes => "meeting-minutes".into(),
            ConsentedBy => "consent-by".into(),
            CopyTo => "consent-copy-to".into(),
            CopyOffice => "consent-copy-office".into(),
            ConsentNote => "consent-note".into(),
            ReviewSummary => "review-summary".into(),
            MonitoringInterview(id) => format!("monitoring-{id}-interview"),
            MonitoringSummary(id) => format!("monitoring-{id}-summary"),
            Evaluation(m, g) => format!("monitoring-{m}-{g}-evaluation"),
            NextAction(m, g) => format!("monitoring-{m}-{g}-next"),
        }
    }

    pub fn get(self, p: &Plan) -> String {
        use TextKey::*;
        let c = &p.cycle;
        let goal = |id: Uuid, f: fn(&Goal) -> &String| p.goals.get(&id).map(f).cloned();
        let eval = |m: Uuid, g: Uuid, f: fn(&GoalEvaluation) -> &String| {
            c.monitoring.get(&m).and_then(|e| e.results.get(&g)).map(f).cloned()
        };
        let text = match self {
            WishesSelf => Some(p.wishes_self.clone()),
            WishesFamily => Some(p.wishes_family.clone()),
            Policy => Some(p.policy.clone()),
            LongText => Some(p.long_term_goal.text.clone()),
            Additions => Some(p.additions.join("\n")),
            GoalText(id) => goal(id, |g| &g.text),
            GoalSupport(id) => goal(id, |g| &g.support),
            GoalProvider(id) => goal(id, |g| &g.provider),
            GoalFrequency(id) => goal(id, |g| &g.frequency),
            AssessmentInterview => c.assessment.as_ref().map(|s| s.interview.clone()),
            AssessmentNote => c.assessment.as_ref().map(|s| s.note.clone()),
            DraftNote => c.draft.as_ref().map(|s| s.note.clone()),
            AttendeeName(i) => c.meeting.as_ref().and_then(|s| s.attendees.get(i)).map(|a| a.name.clone()),
            AttendeeAffiliation(i) => {
                c.meeting.as_ref().and_then(|s| s.attendees.get(i)).map(|a| a.affiliation.clone())
            }
            Minutes => c.meeting.as_ref().map(|s| s.minutes.clone()),
            ConsentedBy => c.consent.as_ref().map(|s| s.consented_by.clone()),
            CopyTo | CopyOffice => match c.consent.as_ref().and_then(|s| s.consultant_copy.as_ref()) {
                Some(ConsultantCopy::Sent { to, office, .. }) => Some(if self == CopyTo { to } else { office }.clone()),
                _ => None,
            },
            ConsentNote => c.consent.as_ref().map(|s| s.note.clone()),
            ReviewSummary => c.review.as_ref().map(|s| s.summary.clone()),
            MonitoringInterview(id) => c.monitoring.get(&id).map(|m| m.interview.clone()),
            MonitoringSummary(id) => c.monitoring.get(&id).map(|m| m.summary.clone()),
            Evaluation(m, g) => eval(m, g, |e| &e.evaluation),
            NextAction(m, g) => eval(m, g, |e| &e.next_action),
        };
        text.unwrap_or_default()
    }

    /// Sets the text, creating the step that holds it when needed (but not
    /// for an empty text where there is none).
    pub fn set(self, p: &mut Plan, v: String) {
        use TextKey::*;
        if v.is_empty() && self.get(p).is_empty() {
            return;
        }
        let c = &mut p.cycle;
        match self {
            WishesSelf => p.wishes_self = v,
            WishesFamily => p.wishes_family = v,
            Policy => p.policy = v,
            LongText => p.long_term_goal.text = v,
            Additions => p.additions = lines(&v),
            GoalText(id) => p.goals.entry(id).or_default().text = v,
            GoalSupport(id) => p.goals.entry(id).or_default().support = v,
            GoalProvider(id) => p.goals.entry(id).or_default().provider = v,
            GoalFrequency(id) => p.goals.entry(id).or_default().frequency = v,
            AssessmentInterview => c.assessment.get_or_insert_with(Default::default).interview = v,
            AssessmentNote => c.assessment.get_or_insert_with(Default::default).note = v,
            DraftNote => c.draft.get_or_insert_with(Default::default).note = v,
            AttendeeName(i) => attendee(p, i).name = v,
            AttendeeAffiliation(i) => attendee(p, i).affiliation = v,
            Minutes => c.meeting.get_or_insert_with(Default::default).minutes = v,
            ConsentedBy => c.consent.get_or_insert_with(Default::default).consented_by = v,
            CopyTo | CopyOffice => {
                if let ConsultantCopy::Sent { to, office, .. } = sent_copy(p) {
                    *if self == CopyTo { to } else { office } = v;
                }
            }
            ConsentNote => c.consent.get_or_insert_with(Default::default).note = v,
            ReviewSummary => c.review.get_or_insert_with(Default::default).summary = v,
            MonitoringInterview(id) => c.monitoring.entry(id).or_default().interview = v,
            MonitoringSummary(id) => c.monitoring.entry(id).or_default().summary = v,
            Evaluation(m, g) => c.monitoring.entry(m).or_default().results.entry(g).or_default().evaluation = v,
            NextAction(m, g) => c.monitoring.entry(m).or_default().results.entry(g).or_default().next_action = v,
        }
    }
}

/// Who did a step (or is responsible for the plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StaffKey {
    Manager,
    Assessment,
    Draft,
    Meeting,
    Explained,
    Review,
    Monitoring(Uuid),
}

impl StaffKey {
    pub fn code(self) -> String {
        use StaffKey::*;
        match self {
            Manager => "manager".into(),
            Assessment => "assessment-by".into(),
            Draft => "draft-by".into(),
            Meeting => "meeting-by".into(),
            Explained => "consent-explained-by".into(),
            Review => "review-by".into(),
            Monitoring(id) => format!("monitoring-{id}-by"),
        }
    }

    pub fn get(self, p: &Plan) -> Option<&StaffRef> {
        use StaffKey::*;
        let c = &p.cycle;
        match self {
            Manager => p.manager.as_ref(),
            Assessment => c.assessment.as_ref().and_then(|s| s.by.as_ref()),
            Draft => c.draft.as_ref().and_then(|s| s.by.as_ref()),
            Meeting => c.meeting.as_ref().and_then(|s| s.by.as_ref()),
            Explained => c.consent.as_ref().and_then(|s| s.explained_by.as_ref()),
            Review => c.review.as_ref().and_then(|s| s.by.as_ref()),
            Monitoring(id) => c.monitoring.get(&id).and_then(|m| m.by.as_ref()),
        }
    }

    fn slot(self, p: &mut Plan) -> &mut Option<StaffRef> {
        use StaffKey::*;
        let c = &mut p.cycle;
        match self {
            Manager => &mut p.manager,
            Assessment => &mut c.assessment.get_or_insert_with(Default::default).by,
            Draft => &mut c.draft.get_or_insert_with(Default::default).by,
            Meeting => &mut c.meeting.get_or_insert_with(Default::default).by,
            Explained => &mut c.consent.get_or_insert_with(Default::default).explained_by,
            Review => &mut c.review.get_or_insert_with(Default::default).by,
            Monitoring(id) => &mut c.monitoring.entry(id).or_default().by,
        }
    }

    /// The role shown (and used) while nobody is recorded: the manager's, or
    /// サビ管 / 児発管 by the plan's service.
    pub fn default_role(p: &Plan) -> JobRole {
        match (&p.manager, p.service.map(|s| s.category())) {
            (Some(m), _) if m.role.is_plan_manager() => m.role,
            (_, Some(ServiceCategory::Child)) => JobRole::ChildDevelopmentManager,
            _ => JobRole::ServiceManager,
        }
    }

    pub fn role(self, p: &Plan) -> JobRole {
        self.get(p).map_or_else(|| Self::default_role(p), |s| s.role)
    }

    /// Sets the name as typed (trimmed only when shown, so a space between
    /// family and given name can be typed).
    pub fn set_name(self, p: &mut Plan, name: String) {
        if name.is_empty() && self.get(p).is_none() {
            return;
        }
        let role = self.role(p);
        let slot = self.slot(p);
        match slot {
            Some(s) => s.name = name,
            None => *slot = Some(StaffRef { staff_id: None, name, role }),
        }
    }

    pub fn set_role(self, p: &mut Plan, role: JobRole) {
        self.slot(p).get_or_insert_with(Default::default).role = role;
    }
}

/// The achievement chosen for goal `g` in monitoring `m`.
pub fn achievement(p: &Plan, m: Uuid, g: Uuid) -> Option<Achievement> {
    p.cycle.monitoring.get(&m).and_then(|e| e.results.get(&g)).and_then(|r| r.achievement)
}

pub fn set_achievement(p: &mut Plan, m: Uuid, g: Uuid, value: Option<Achievement>) {
    p.cycle.monitoring.entry(m).or_default().results.entry(g).or_default().achievement = value;
}

/// The attendees of the 個別支援会議, in the order entered.
pub fn attendees(p: &Plan) -> &[Attendee] {
    p.cycle.meeting.as_ref().map_or(&[], |m| m.attendees.as_slice())
}

/// Adds an empty attendee row at the end.
pub fn add_attendee(p: &mut Plan) {
    p.cycle.meeting.get_or_insert_with(Default::default).attendees.push(Attendee::default());
}

pub fn remove_attendee(p: &mut Plan, i: usize) {
    if let Some(m) = p.cycle.meeting.as_mut() {
        if i < m.attendees.len() {
            m.attendees.remove(i);
        }
    }
}

/// The 職種 of an attendee on staff; `None` for people from outside.
pub fn set_attendee_role(p: &mut Plan, i: usize, role: Option<JobRole>) {
    attendee(p, i).role = role;
}

pub fn client_presence(p: &Plan) -> Option<ClientPresence> {
    p.cycle.meeting.as_ref().and_then(|m| m.client_presence)
}

pub fn set_client_presence(p: &mut Plan, presence: Option<ClientPresence>) {
    if presence.is_none() && client_presence(p).is_none() {
        return;
    }
    p.cycle.meeting.get_or_insert_with(Default::default).client_presence = presence;
}

/// What is recorded about the copy for the 相談支援専門員, as a choice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyChoice {
    Sent,
    NoConsultant,
}

impl CopyChoice {
    pub const ALL: [CopyChoice; 2] = [CopyChoice::Sent, CopyChoice::NoConsultant];

    pub fn code(self) -> &'static str {
        match self {
            CopyChoice::Sent => "sent",
            CopyChoice::NoConsultant => "no_consultant",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

pub fn copy_choice(p: &Plan) -> Option<CopyChoice> {
    match p.cycle.consent.as_ref().and_then(|c| c.consultant_copy.as_ref()) {
        Some(ConsultantCopy::Sent { .. }) => Some(CopyChoice::Sent),
        Some(ConsultantCopy::NoConsultant) => Some(CopyChoice::NoConsultant),
        None => None,
    }
}

/// Records the choice. Choosing 送付した again keeps what was entered.
pub fn set_copy_choice(p: &mut Plan, choice: Option<CopyChoice>) {
    if copy_choice(p) == choice {
        return;
    }
    match choice {
        Some(CopyChoice::Sent) => {
            sent_copy(p);
        }
        Some(CopyChoice::NoConsultant) => {
            p.cycle.consent.get_or_insert_with(Default::default).consultant_copy = Some(ConsultantCopy::NoConsultant)
        }
        None => {
            if let Some(c) = p.cycle.consent.as_mut() {
                c.consultant_copy = None;
            }
        }
    }
}

/// Where a plan version stands, and what it waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanStatus {
    /// Not agreed yet; `waiting_for` is the first document not on record
    /// (説明・同意・交付 once the others are).
    Preparing { waiting_for: Step },
    /// Agreed, but a document before the agreement is not on record: an
    /// auditor counts the plan as 未作成 until it is.
    Incomplete { missing: Step },
    /// Agreed with every document on record: in force.
    InEffect,
    /// Reviewed: the next version carries on.
    Reviewed,
}

/// `revised`: a later version revises this one. `assessments`: the client's
/// eight-domain assessments (the アセスメント may be one of them).
pub fn status(p: &Plan, assessments: &[AssessmentRef], revised: bool) -> PlanStatus {
    if revised || p.cycle.is_done(Step::Review) {
        return PlanStatus::Reviewed;
    }
    let missing = missing_steps(p, assessments);
    match (p.is_agreed(), missing.first()) {
        (_, None) => PlanStatus::InEffect,
        (true, Some(&step)) => PlanStatus::Incomplete { missing: step },
        (false, Some(&step)) => PlanStatus::Preparing { waiting_for: step },
    }
}

#[cfg(test)]
mod tests;
