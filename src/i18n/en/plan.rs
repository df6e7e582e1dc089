//! English: PlanTexts.

use crate::i18n::groups::PlanTexts;

pub const TEXTS: PlanTexts = PlanTexts {
    none: "This client has no support plan yet.",
    create: "Create plan",
    version,
    versions: "Versions",
    current: "current",
    forked: "Two reviews were started from the same version. Check which one to use.",
    read_only:
        "A review carried this version over into a newer one, so it is read-only. Make changes in the current version.",
    to_current: "Open the current version",
    status_preparing: |step| format!("In preparation (waiting for the {step})"),
    status_incomplete: |step| format!("Agreed, {step} missing"),
    status_in_effect: "in effect",
    status_reviewed: "reviewed",
    has_errors: "Some input is not valid. It is kept as a draft and not written to the plan until fixed.",
    err_date: "Enter a valid date (years 2000–2099).",
    err_end_before_start: "The end date is before the start date.",
    printed_as: |date| format!("Printed as {date}"),
    findings_title: "Needs attention",
    no_findings: "Nothing is missing.",
    alert: "Action needed",
    warning: "Note",
    days_left,
    days_over,
    next_review: "Next review due:",
    next_review_unknown: "Not yet (counted from the consent date)",
    next_monitoring: "Next monitoring due:",
    interval,
    contents: "Plan contents",
    nav_goals: "Goals",
    nav_meeting: "Meeting",
    nav_consent: "Consent",
    nav_monitoring: "Monitoring",
    print_view: "Print view",
    sec_basic: "Basics",
    service: "Service",
    service_choose: "Choose",
    period_start: "Plan period (start)",
    period_end: "Plan period (end)",
    manager: "Responsible manager",
    staff_name: "Name",
    staff_role: "Job role",
    additions: "Additions billed (加算)",
    additions_hint: "One per line (e.g. 地域連携会議実施加算).",
    sec_wishes: "Wishes",
    policy: "Overall support policy",
    long_term: "Long-term goal",
    short_term: "Short-term goals",
    no_goals: "No short-term goals yet.",
    goal_n,
    goal_text: "Goal",
    goal_support: "Support",
    goal_provider: "Provided by",
    goal_frequency: "Frequency",
    goal_frequency_hint: "e.g. once a week",
    start: "Start",
    end: "End",
    goal_add: "Add a short-term goal",
    up: "Up",
    down: "Down",
    remove: "Remove",
    remove_confirmed: "Yes, remove",
    goal_remove_confirm: "Remove this short-term goal? Earlier monitoring records are kept.",
    step_done: "recorded",
    step_missing: "not recorded",
    done_on: "Date",
    done_by: "Done by",
    made_on: "Written on",
    made_by: "Written by",
    held_on: "Held on",
    recorded_by: "Recorded by",
    interview: "Interview with the client",
    note: "Note",
    attendees: "Attendees",
    attendee_n: |n| format!("Attendee {n}"),
    attendee_affiliation: "Organisation or relation",
    attendee_affiliation_hint: "e.g. the client, mother, ○○ consultation office",
    attendee_outside: "From outside the office (no job title)",
    attendee_add: "Add attendee",
    attendee_remove: |n| format!("Remove attendee {n}"),
    presence_label: "The client took part",
    presence_unknown: "Not recorded",
    presence,
    minutes: "What was discussed",
    assessment_link: "This plan's assessment (eight domains)",
    assessment_link_hint: "The eight-domain assessment with the client interview recorded is this plan's assessment.",
    assessment_none: "None",
    assessment_option: |date, by| if by.is_empty() { date.to_owned() } else { format!("{date}, {by}") },
    assessment_missing:
        "This client has no eight-domain assessment yet. Once one is made, it is recorded as this plan's assessment.",
    assessment_do: "Go to the eight-domain assessment",
    assessment_interview_yes: "Client interview: recorded.",
    assessment_interview_no: "The client interview is not recorded yet. Record it in the assessment.",
    assessment_open: "Open the assessment",
    own_assessment: "Record without the eight-domain assessment",
    copy_label: "Copy of the plan for the consultation support specialist",
    copy_hint: "The consultation support specialist who wrote the service use plan also gets a copy.",
    copy_unknown: "Not recorded",
    copy_choice,
    copy_to: "Sent to (name)",
    copy_office: "Their office",
    copy_sent_on: "Date sent",
    explained_on: "Explained on",
    explained_by: "Explained by",
    consented_on: "Consented on",
    consented_by: "Consented by",
    consented_by_hint: "As signed (e.g. the client, or a parent with the relation).",
    handed_over_on: "Handed over on",
    sec_monitoring: "Monitoring",
    monitoring_help: "The service manager interviews the client and evaluates each short-term goal.",
    monitoring_none: "No monitoring recorded yet.",
    monitoring_add: "Add monitoring",
    monitoring_n,
    monitoring_remove_confirm: "Remove this monitoring record?",
    achievement_label: "Achievement",
    achievement_none: "Not evaluated",
    achievement,
    evaluation: "Evaluation",
    next_action: "Next action",
    summary: "Overall findings",
    review_summary: "What the review changes",
    review_new: "Review (create a new version)",
    review_confirm,
    review_not_recorded: "The review of this version (date and who) is not recorded yet.",
    review_create: "Create the new version",
    review_invalid: "Some input is not valid. Fix it before creating a new version.",
    back: "Back to the plan",
    print: "Print",
    doc_title: "Individual support plan (個別支援計画書)",
    doc_client: "Client",
    doc_honorific,
    doc_period: "Plan period",
    doc_created: "Written on",
    doc_consented: "Consented on",
    doc_handed: "Handed over on",
    doc_office: "Office",
    col_goal: "Goal",
    col_support: "Support",
    col_provider: "By",
    col_frequency: "Frequency",
    col_period: "Period",
    doc_consent_text: "I have had the above plan explained to me and consent to it.",
    doc_date_blank: "Date: ____ / __ / __",
    doc_sign_self: "Client's signature",
    doc_sign_family: "Family member / representative (relation)",
};

fn version(n: u32) -> String {
    format!("Version {n}")
}
fn days_left(n: i64) -> String {
    match n {
        0 => "today".to_owned(),
        1 => "1 day left".to_owned(),
        n => format!("{n} days left"),
    }
}
fn days_over(n: i64) -> String {
    if n == 1 {
        "1 day overdue".to_owned()
    } else {
        format!("{n} days overdue")
    }
}
fn goal_n(n: usize) -> String {
    format!("Short-term goal {n}")
}
fn monitoring_n(n: usize) -> String {
    format!("Monitoring {n}")
}
fn achievement(a: renkei_domain::plan::Achievement) -> &'static str {
    use renkei_domain::plan::Achievement::*;
    match a {
        Achieved => "Achieved",
        PartlyAchieved => "Partly achieved",
        NotAchieved => "Not achieved",
    }
}
fn review_confirm(n: u32) -> String {
    format!("Create a new version (version {n})? This version stays as it is, read-only.")
}
fn doc_honorific(name: &str) -> String {
    name.to_owned()
}
fn interval(months: u32, basis: renkei_domain::plan::IntervalBasis) -> String {
    use renkei_domain::plan::IntervalBasis::*;
    match basis {
        Rule => format!("(reviewed every {months} months)"),
        Reading(_) => format!("(reviewed every {months} months: the rules leave this service's interval open, so the reading in Settings applies)"),
        Office => format!("(reviewed every {months} months: your office's setting)"),
    }
}
fn presence(p: renkei_domain::plan::ClientPresence) -> &'static str {
    use renkei_domain::plan::ClientPresence::*;
    match p {
        InPerson => "In person",
        Online => "Online",
        Absent => "Absent (reason in the minutes)",
    }
}
fn copy_choice(c: renkei_domain::plan::form::CopyChoice) -> &'static str {
    use renkei_domain::plan::form::CopyChoice::*;
    match c {
        Sent => "Sent",
        NoConsultant => "No consultation support specialist (self-made plan)",
    }
}
