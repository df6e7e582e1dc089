//! English: MeetingsTexts.

use crate::i18n::groups::MeetingsTexts;
use renkei_domain::meeting::{Division, PlanPart, Refusal, YearWindow};

pub const TEXTS: MeetingsTexts = MeetingsTexts {
    title,
    back: "← Back to the client",
    intro: "Meetings held with outside agencies. Whether each can be claimed as the regional cooperation meeting addition, and why not, is shown as you write. A meeting that cannot be claimed is still kept.",
    counter,
    window,
    window_note,
    none: "No meetings yet.",
    new: "Record a meeting",
    open: "Open",
    open_label: |date| format!("Open the meeting of {date}"),
    planned: "Planned",
    online: "Online",
    claimable,
    not_claimable: "Cannot be claimed",
    refusal,
    division,
    division_short,
    plan_part,
    editor_new: "New meeting",
    editor_edit: "Meeting",
    date: "Date (required; a planned date is fine)",
    online_label: "Held online",
    participants: "Outside participants",
    participants_hint: "Choose an agency or type a name. At least one outside participant is needed to claim.",
    participant_agency: "Agency",
    participant_name: "Name",
    participant_role: "Role",
    add_participant: "Add participant",
    remove_participant: "Remove this participant",
    no_agency: "(no agency)",
    explained_by: "Staff who explained the plan",
    explainer_role: "Their role",
    choose_role: "(choose)",
    division_label: "Division",
    plan: "Support plan explained",
    no_plan: "(not explained)",
    plan_version,
    plan_part_label: "What was explained",
    opinions: "Opinions received",
    decisions: "Decisions and plan changes",
    new_plan: "Plan version with the changes",
    shared_on: "Day shared with the service manager (required for Ⅱ)",
    shared_on_hint: "Division Ⅱ needs a record that the result was shared with the service manager.",
    claim_this: "Claim this one when the month has two meetings",
    claim_this_hint: "Without a mark, the earlier meeting of the month is claimed.",
    preview: "Claim with these details",
    save: "Save meeting",
    saved: "✓ Saved",
    close: "Close",
    delete_confirm: "Move this meeting to the trash? It leaves the claim checks and the count. You can restore it from the trash within 30 days.",
    billing_link: "Billing list of the addition",
    billing_title: "Regional cooperation meeting addition: billing list",
    billing_intro: "The claimable meetings of the month. The CSV opens in Excel on Japanese Windows.",
    month: "Month",
    billing_none: "No claimable meetings this month.",
    billing_total,
    csv: "Download CSV",
    csv_headers: ["Client", "Recipient no.", "Service", "Date (Japanese era)", "Date", "Division", "Units", "Plan explained"],
    col_client: "Client",
    col_date: "Date",
    col_division: "Division",
    col_units: "Units",
    col_plan: "Plan explained",
    col_service: "Service",
};

fn title(name: &str) -> String {
    format!("Meetings: {name}")
}

fn counter(w: YearWindow, n: usize, max: usize) -> String {
    format!("{}: {n}/{max}", window(w))
}

fn window(w: YearWindow) -> &'static str {
    match w {
        YearWindow::FiscalYear => "This fiscal year",
        YearWindow::Rolling12Months => "Last 12 months",
    }
}

fn window_note(w: YearWindow) -> String {
    format!("The limit of four a year counts in: {} (Settings).", window(w))
}

fn claimable(d: Division, units: u32) -> String {
    format!("Claimable: {} {units} units", division_short(d))
}

fn refusal(r: Refusal, date: fn(chrono::NaiveDate) -> String) -> String {
    match r {
        Refusal::NoDate => "No date".into(),
        Refusal::ServiceNotEligible => {
            "The client does not use employment transition or retention support that day".into()
        }
        Refusal::NoOutsideParticipant => "No outside participant".into(),
        Refusal::NoPlanExplained => "No support plan explained".into(),
        Refusal::NotExplainedByManager => "Division Ⅰ needs the service manager to explain".into(),
        Refusal::RoleNotQualified => "This role cannot explain under division Ⅱ".into(),
        Refusal::NotSharedWithManager => "Division Ⅱ: not yet shared with the service manager".into(),
        Refusal::SecondInMonth { .. } => "Another meeting of the month is claimed (once a month)".into(),
        Refusal::FifthInYear { start, end } => {
            format!("Four claimed {} – {} (four a year)", date(start), date(end))
        }
    }
}

fn division(d: Division) -> &'static str {
    match d {
        Division::One => "Ⅰ: the service manager explains",
        Division::Two => "Ⅱ: other staff explain and share with the manager",
    }
}

fn division_short(d: Division) -> &'static str {
    match d {
        Division::One => "Ⅰ",
        Division::Two => "Ⅱ",
    }
}

fn plan_part(p: PlanPart) -> &'static str {
    match p {
        PlanPart::Draft => "Draft",
        PlanPart::Progress => "Progress and evaluation",
    }
}

fn plan_version(v: u32) -> String {
    format!("version {v}")
}

fn billing_total(n: usize, units: u32) -> String {
    format!("{n} meetings, {units} units")
}
