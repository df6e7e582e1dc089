//! English: RegionTexts.

use crate::i18n::groups::RegionTexts;
use renkei_domain::network::CooperationStage;

pub const TEXTS: RegionTexts = RegionTexts {
    title: "Know the region",
    intro: "The agencies (community resources) the office works with, by category and stage of cooperation: to see which kinds are missing and where the two sides see the relationship differently.",
    agency_count,
    empty: "No agencies registered yet. Once agencies are registered, the region's overview appears here.",
    to_directory: "Go to the agency directory",
    unnamed: "(no name)",

    by_stage_heading: "Categories and stages of cooperation",
    table_caption: "Agencies per category, by stage of cooperation",
    col_category: "Category",
    col_unstaged: &["Stage not set"],
    col_total: "Total",
    row_total: "Total",
    empty_categories,
    all_categories_covered: "Every category has at least one agency.",

    stages_heading: "The three stages of cooperation",
    stage_short,

    mismatch_heading: "Gaps in perception",
    mismatch_help: "Agencies where the office's view and the agency's view differ. Those where one side says “we cooperate” or “trusted” and the other “hardly know them” or “not needed” (a gap in perception) come first.",
    badge_opposite: "⚠ Gap in perception",
    badge_different: "Views differ",
    no_mismatch: "No agency sees the relationship differently from the office. Views are recorded on each agency's page.",
    our_view: "Office's view",
    their_view: "Agency's view",
    asked_on,

    survey_heading: "How each side sees the other",
    survey_help: "How the office sees its relationship with each agency, and how the agency sees it: the answers of every agency, counted.",
    survey_caption: "Agencies per answer: the office's view and the agency's view (the table gives the same numbers)",
    survey_table_caption: "How each side sees the other (number of agencies)",
    col_answer: "Answer",
    bar_ours: "Office",
    bar_theirs: "Agency",
};

fn agency_count(n: usize) -> String {
    match n {
        1 => "1 agency registered".to_owned(),
        n => format!("{n} agencies registered"),
    }
}
fn empty_categories(names: &[&str]) -> String {
    format!("Categories with no agency registered yet: {}", names.join(", "))
}
fn asked_on(date: &str) -> String {
    format!("(asked {date})")
}

fn stage_short(s: CooperationStage) -> &'static str {
    match s {
        CooperationStage::Linkage => "Linkage",
        CooperationStage::Coordination => "Coordination",
        CooperationStage::Integration => "Integration",
    }
}
