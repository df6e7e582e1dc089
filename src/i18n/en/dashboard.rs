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
};
