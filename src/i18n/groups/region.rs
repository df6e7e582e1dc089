//! 地域を知る (`pages/region.rs`) and its survey chart: the office's whole
//! network of agencies by category and stage, where the two sides' views
//! differ, and the survey of both views. The words for categories, stages
//! and answers are the `network` group's.

use renkei_domain::network::CooperationStage;

pub struct RegionTexts {
    pub title: &'static str,
    pub intro: &'static str,
    pub agency_count: fn(usize) -> String,
    pub empty: &'static str,
    pub to_directory: &'static str,
    pub unnamed: &'static str,

    // 分類と連携の段階
    pub by_stage_heading: &'static str,
    pub table_caption: &'static str,
    pub col_category: &'static str,
    /// In pieces: a phone's narrow column breaks the heading between them
    /// (「段階／未設定」), where it would otherwise keep the word whole.
    pub col_unstaged: &'static [&'static str],
    pub col_total: &'static str,
    pub row_total: &'static str,
    /// The categories without an agency (their names), in a sentence.
    pub empty_categories: fn(&[&str]) -> String,
    pub all_categories_covered: &'static str,

    // 連携の3段階
    pub stages_heading: &'static str,
    /// The stage's name alone, for the table's narrow columns.
    pub stage_short: fn(CooperationStage) -> &'static str,

    // 認識のズレ
    pub mismatch_heading: &'static str,
    pub mismatch_help: &'static str,
    pub badge_opposite: &'static str,
    pub badge_different: &'static str,
    pub no_mismatch: &'static str,
    pub our_view: &'static str,
    pub their_view: &'static str,
    /// 「（2026年11月1日に確認）」 after an answer, from the formatted date.
    pub asked_on: fn(&str) -> String,

    // お互いの認識 (the survey chart)
    pub survey_heading: &'static str,
    pub survey_help: &'static str,
    pub survey_caption: &'static str,
    pub survey_table_caption: &'static str,
    pub col_answer: &'static str,
    /// Beside each bar: whose view it is, in a word.
    pub bar_ours: &'static str,
    pub bar_theirs: &'static str,
}
