//! 縦の連携 (`pages/client_network/life_line.rs`) and the 引き継ぎシート
//! (`pages/client_network/handover.rs`): a client's turning points and the
//! sheet that hands them over.

use chrono::NaiveDate;
use renkei_domain::network::TransitionKind;

pub struct LifeLineTexts {
    pub heading: &'static str,
    pub intro: &'static str,
    pub kind: fn(TransitionKind) -> &'static str,
    pub empty: &'static str,
    /// The line as a list, for screen readers: 「ライフステージの節目」.
    pub line_label: &'static str,
    pub coming: &'static str,
    /// 「いま（学齢期・17歳）」 on the line when the birth date is known.
    pub now: fn(&str, i32) -> String,
    pub stage_starts: fn(&str) -> String,
    pub agencies_involved: &'static str,
    pub add: &'static str,
    pub kind_label: &'static str,
    pub date_label: &'static str,
    pub detail_label: &'static str,
    pub detail_hint: &'static str,
    pub agencies_label: &'static str,
    pub other_agency: &'static str,
    pub no_agencies: &'static str,
    pub note_label: &'static str,
    pub add_button: &'static str,
    pub added: &'static str,
    pub remove: &'static str,
    pub make_sheet: &'static str,
    /// 「卒業（2027年3月15日）」
    pub titled: fn(&str, &str) -> String,

    pub sheet_title: fn(&str) -> String,
    pub sheet_back: &'static str,
    pub sheet_intro: &'static str,
    /// 「作成日 令和8年12月2日（2026年12月2日）」
    pub made_on: fn(NaiveDate) -> String,
    pub for_transition: &'static str,
    pub no_transition: &'static str,
    pub profile: &'static str,
    pub name: &'static str,
    pub kana: &'static str,
    pub birth: &'static str,
    pub age: fn(i32) -> String,
    pub stage: &'static str,
    pub services: &'static str,
    pub staff: &'static str,
    pub wishes_self: &'static str,
    pub wishes_family: &'static str,
    pub assessment: fn(&str) -> String,
    pub no_assessment: &'static str,
    pub assessment_heading: &'static str,
    pub col_domain: &'static str,
    pub col_score: &'static str,
    pub col_needs: &'static str,
    pub overall: &'static str,
    pub plan: fn(u32, &str) -> String,
    pub no_plan: &'static str,
    pub plan_heading: &'static str,
    pub long_term_goal: &'static str,
    pub col_goal: &'static str,
    pub col_support: &'static str,
    pub col_provider: &'static str,
    pub network: &'static str,
    pub no_network: &'static str,
    pub notes: &'static str,
    pub no_notes: &'static str,
    pub choose_notes: &'static str,
    pub choose_notes_hint: &'static str,
    pub print: &'static str,
    pub print_log: &'static str,
    pub print_log_empty: &'static str,
    /// 「2026年12月2日（水） 14:30 山田 花子（記録2件）」
    pub printed: fn(&str, &str, usize) -> String,
    pub unknown_printer: &'static str,
}
