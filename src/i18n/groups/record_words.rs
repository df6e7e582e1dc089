//! Words for records that only pages loaded on first use show: a form
//! field's problem, what a plan lacks (findings), plan steps, 職種 and the
//! printed date. Kept out of `common` so their strings and formatting code
//! leave the main wasm module with those pages.

use renkei_domain::FieldProblem;

pub struct RecordWordsTexts {
    /// A date on printed documents only (the 個別支援計画書 in
    /// `pages/plan/print.rs`): 和暦 with the Western year, as official forms
    /// write it, 「令和7年（2025年）4月1日」; in English the screen form.
    /// Screens use [`CommonTexts::date`].
    pub date_print: fn(chrono::NaiveDate) -> String,
    pub field_problem: fn(FieldProblem) -> &'static str,
    /// What the dashboard and the plan say about a plan; dates and counts
    /// are shown beside it.
    pub finding: fn(&renkei_domain::plan::Finding) -> String,
    /// 職種, as printed on plans and shown for staff.
    pub job_role: fn(renkei_domain::plan::JobRole) -> &'static str,
    /// The steps of the plan cycle.
    pub step: fn(renkei_domain::plan::Step) -> &'static str,
}
