//! English: LifeLineTexts.

use crate::i18n::groups::LifeLineTexts;
use chrono::NaiveDate;
use renkei_domain::network::TransitionKind;

pub const TEXTS: LifeLineTexts = LifeLineTexts {
    heading: "Life stages (vertical cooperation)",
    intro: "At each turning point — school, graduation, a job — different agencies take over. Record the turning points and the agencies involved, and hand the support on. Turning points within six months show on Home.",
    kind,
    empty: "No turning points yet. Add one below.",
    line_label: "Turning points",
    coming: "Coming",
    now,
    stage_starts,
    agencies_involved: "Agencies involved",
    add: "Add a turning point",
    kind_label: "Kind",
    date_label: "Date (required; a planned date is fine)",
    detail_label: "What (school, employer, …)",
    detail_hint: "Required for “Other”.",
    agencies_label: "Agencies involved",
    other_agency: "Add another agency",
    no_agencies: "No agencies registered yet.",
    note_label: "To prepare or hand over",
    add_button: "Add turning point",
    added: "✓ Turning point added",
    remove: "Move to trash",
    make_sheet: "Make a handover sheet",
    titled,

    sheet_title,
    sheet_back: "← Back to the network",
    sheet_intro: "A handover sheet for the next place, printed on A4. Every printing is kept below with who printed it and when.",
    made_on,
    for_transition: "Turning point this sheet is for",
    no_transition: "(none)",
    profile: "Profile",
    name: "Name",
    kana: "Reading",
    birth: "Date of birth",
    age,
    stage: "Life stage",
    services: "Services in use",
    staff: "Staff in charge",
    wishes_self: "Their wishes",
    wishes_family: "Family's wishes",
    assessment,
    no_assessment: "No assessment yet.",
    assessment_heading: "Assessment summary",
    col_domain: "Domain",
    col_score: "Support need (0–4)",
    col_needs: "Items needing support",
    overall: "Overall",
    plan,
    no_plan: "No support plan yet.",
    plan_heading: "Support plan goals",
    long_term_goal: "Long-term goal",
    col_goal: "Short-term goal",
    col_support: "Support",
    col_provider: "By",
    network: "Support network (agencies and phones)",
    no_network: "No agencies yet.",
    notes: "Notes handed over",
    no_notes: "No notes chosen.",
    choose_notes: "Choose notes to hand over",
    choose_notes_hint: "The latest 30 notes, newest first. Chosen notes go on the sheet.",
    print: "Print",
    print_log: "Printings",
    print_log_empty: "Not printed yet.",
    printed,
    unknown_printer: "(unknown)",
};

fn kind(k: TransitionKind) -> &'static str {
    match k {
        TransitionKind::Enrollment => "Enrollment",
        TransitionKind::Graduation => "Graduation",
        TransitionKind::Employment => "Employment",
        TransitionKind::Separation => "Leaving a job",
        TransitionKind::Rechallenge => "New attempt",
        TransitionKind::Reemployment => "Re-employment",
        TransitionKind::Retirement => "Retirement",
        TransitionKind::Other => "Other",
    }
}

fn now(stage: &str, age: i32) -> String {
    format!("Now ({stage}, {age})")
}

fn stage_starts(date: &str) -> String {
    format!("from {date}")
}

fn titled(kind: &str, date: &str) -> String {
    format!("{kind} ({date})")
}

fn sheet_title(name: &str) -> String {
    format!("Handover sheet: {name}")
}

fn made_on(d: NaiveDate) -> String {
    format!("Made on {}", d.format("%Y-%m-%d"))
}

fn age(years: i32) -> String {
    format!("{years}")
}

fn assessment(date: &str) -> String {
    format!("Assessment summary ({date}, eight domains)")
}

fn plan(version: u32, period: &str) -> String {
    if period.is_empty() {
        format!("Support plan goals (version {version})")
    } else {
        format!("Support plan goals (version {version}, {period})")
    }
}

fn printed(when: &str, who: &str, notes: usize) -> String {
    format!("{when} {who} ({notes} notes)")
}
