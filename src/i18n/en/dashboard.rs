//! English: DashboardTexts.

use crate::i18n::groups::DashboardTexts;

pub const TEXTS: DashboardTexts = DashboardTexts {
    plans: "Support plans needing action",
    plans_ok: "No plan needs action.",
    no_plan: "No support plan (an audit counts this as not created)",
    days_over: |date, days| format!("due {date}, {days} days overdue"),
    days_left: |date, days| format!("due {date}, {days} days left"),
    due: |date| format!("due {date}"),
    follow_ups: "Open follow-ups",
    no_follow_ups: "No open follow-ups.",
    recent_notes: "Recent visit notes",
    no_notes: "No visit notes yet.",
    kind,
    count: |n| format!("{n}"),
    most_urgent: "Most urgent",
    see_all: |n| format!("See all ({n})"),
    more_follow_ups: |n| format!("{n} more; see each client's visit notes."),
    back_home: "← Back to Home",
    title: "Plans that need attention",
    filter: "Show",
    all: |n| format!("All ({n})"),
    showing: |shown, total| format!("Showing {shown} of {total}"),
    more: |n| format!("Show {n} more"),
    quiet_agencies: "Agencies not contacted lately",
    quiet_hint,
    more_quiet,
    coming: "Coming turning points (prepare the handover)",
    coming_hint: "Enrollments, graduations, jobs and other turning points within six months.",
    coming_item,
    unclaimable: "Planned meetings that cannot be claimed as they stand",
    billing: "Billing list of the meeting addition",
    unclaimable_item,
};

fn kind(k: renkei_domain::plan::ConcernKind) -> &'static str {
    use renkei_domain::plan::{ConcernKind::*, Step};
    match k {
        NoPlan => "Clients without a support plan",
        StepMissing(Step::Assessment) => "No assessment on record",
        StepMissing(Step::Draft) => "No draft plan on record",
        StepMissing(Step::Meeting) => "No plan meeting on record",
        StepMissing(Step::Consent) => "No explanation, consent and hand-over on record",
        StepMissing(Step::Monitoring) => "Reviewed without monitoring",
        StepMissing(Step::Review) => "No review on record",
        ConsentMissing => "No consent on record",
        HandoverMissing => "No hand-over date",
        ConsultantCopyMissing => "No record of the copy for the consultation specialist",
        MeetingWithoutClient => "Meetings without the client",
        DatesOutOfOrder => "Dates out of order",
        PeriodNotSet => "Plan period not entered",
        PeriodEndsSoon => "Plan period ending soon",
        PeriodEnded => "Plan period ended",
        ReviewDueSoon => "Review due soon",
        ReviewOverdue => "Review overdue",
        MonitoringDueSoon => "Monitoring due soon",
        MonitoringOverdue => "Monitoring overdue",
        NotByManager => "Recorded by someone other than the service manager",
        MonitoringWithoutInterview => "Monitoring without the client interview",
    }
}

fn quiet_hint(months: u32) -> String {
    format!("Not contacted for {months} months or more: a call keeps the relationship alive.")
}

fn more_quiet(n: usize) -> String {
    format!("{n} more.")
}

fn coming_item(kind: &str, date: &str, days: i64) -> String {
    match days {
        0 => format!("{kind} {date} (today)"),
        1 => format!("{kind} {date} (tomorrow)"),
        d => format!("{kind} {date} (in {d} days)"),
    }
}

fn unclaimable_item(date: &str, why: &str) -> String {
    format!("Meeting on {date}: {why}")
}
