//! English: AssessmentTexts.

use crate::i18n::groups::AssessmentTexts;

pub const TEXTS: AssessmentTexts = AssessmentTexts {
    title: "Eight-domain assessment",
    new: "New assessment",
    new_title: "New assessment",
    empty: "No assessments yet. Start one with “New assessment”.",
    history: "Assessments",
    unreadable,
    progress,
    needing_support,
    date: "Date",
    by: "Assessed by",
    by_role: "Assessor's job title",
    role_unknown: "Choose",
    interview: "Interview with the client",
    interview_hint: "What the client said and wants. An assessment with this recorded is the support plan's assessment.",
    overall: "Overall findings",
    err_date: "Enter a date no later than today. Until then the previous date is kept.",
    back: "All assessments",
    domains_nav: "Go to domain",
    score_value,
    score_help_title: "About the support-need score",
    score_help: "The support-need score (0–100) averages the rated items of a domain as No issue = 0, Watch = 1, \
                 Some support needed = 2, Support needed = 3, and scales the maximum 3 to 100 (rounded). Higher means more \
                 support is needed. Items not yet confirmed are left out; the number rated out of all items is shown beside \
                 the score. A domain with nothing rated has no score (—).",
    rating,
    change,
    error,
    memo: "Notes",
    note: "Findings / notes",
    own_words: "Client's own words",
    strengths: "Strengths",
    to_goal: "Make it a plan goal",
    goal_adding: "Adding to the plan…",
    goal_added: "Added to the plan",
    goal_added_to_next: |agreed, next| format!("Version {agreed} is agreed and stays as it is; added to version {next}, now in preparation"),
    goal_exists: "Already in the plan",
    open_plan: "Open the plan",
    domain_notes,
    compare_title: "Compared with an earlier assessment",
    compare_with: "Compare with",
    compare_hint: "After a second assessment, the comparison with the earlier one appears here.",
    chart_label,
    table_caption: "Support-need score per domain (0–100, higher means more support needed)",
    col_domain: "Domain",
    col_item: "Item",
    col_before: "Before",
    col_after: "Now",
    col_change: "Change",
    delta,
    changed_items: "Items whose rating changed",
    no_changes: "No item's rating changed.",
    delete_confirm: "Move this assessment to the trash? You can restore it from the trash within 30 days.",
    in_trash: "This assessment is in the trash. It is hidden from the list until restored.",
};

fn unreadable(n: usize) -> String {
    format!("{n} assessment(s) cannot be read (perhaps made by a newer version of the app).")
}
fn progress(rated: usize, total: usize) -> String {
    format!("Rated {rated}/{total}")
}
fn needing_support(n: usize) -> String {
    format!("Needing support: {n}")
}
fn score_value(score: Option<u8>) -> String {
    match score {
        Some(s) => format!("Support need {s}"),
        None => "Support need —".to_owned(),
    }
}
fn rating(rating: renkei_domain::assessment::Rating) -> &'static str {
    use renkei_domain::assessment::Rating::*;
    match rating {
        Unconfirmed => "Not confirmed",
        NoIssue => "No issue",
        Watch => "Watch",
        PartialSupport => "Some support needed",
        NeedsSupport => "Support needed",
    }
}
fn change(change: renkei_domain::assessment::ItemChange) -> &'static str {
    use renkei_domain::assessment::ItemChange::*;
    match change {
        Improved => "Improved",
        Worsened => "Worsened",
        Unchanged => "Unchanged",
        New => "Newly rated",
        NoLongerAssessed => "Not rated this time",
        Retired => "Item retired",
        NotRated => "Not rated",
    }
}
fn domain_notes(n: usize) -> String {
    format!("Support notes on this domain ({n})")
}
fn chart_label(after: &str, before: &str) -> String {
    if before.is_empty() {
        format!("Radar chart of the support-need score of the eight domains ({after}). The table below gives the same numbers.")
    } else {
        format!("Radar chart of the support-need score of the eight domains (before {before}, now {after}). The table below gives the same numbers.")
    }
}
fn delta(delta: Option<i16>) -> String {
    match delta {
        None => "—".to_owned(),
        Some(0) => "±0".to_owned(),
        Some(d) if d > 0 => format!("+{d} (worse)"),
        Some(d) => format!("−{} (better)", -d),
    }
}
fn error(e: &renkei_domain::assessment::AssessmentError) -> String {
    match e {
        renkei_domain::assessment::AssessmentError::UnknownCatalogue(v) => {
            format!("This assessment uses a newer list of items (version {v}) than this app knows. Update the app.")
        }
    }
}
