//! 日本語: RegionTexts.

use crate::i18n::groups::RegionTexts;
use renkei_domain::network::CooperationStage;

pub const TEXTS: RegionTexts = RegionTexts {
    title: "地域を知る",
    intro: "事業所が関わる関係機関（社会資源）を、分類と連携の段階で見渡します。足りない分類や、お互いの認識のズレに気づくための一覧です。",
    agency_count,
    empty: "まだ関係機関が登録されていません。関係機関を登録すると、ここに地域の全体像が表示されます。",
    to_directory: "関係機関の一覧へ",
    unnamed: "（名称なし）",

    by_stage_heading: "分類と連携の段階",
    table_caption: "分類ごとの関係機関の数（連携の段階別）",
    col_category: "分類",
    col_unstaged: &["段階", "未設定"],
    col_total: "計",
    row_total: "合計",
    empty_categories,
    all_categories_covered: "すべての分類に、少なくとも1つの関係機関が登録されています。",

    stages_heading: "連携の3段階",
    stage_short,

    mismatch_heading: "認識のズレ",
    mismatch_help: "事業所の見方と相手の見方が異なる関係機関です。片方が「連携できている」「信頼されている」と答え、もう片方が「あまり知らない」「必要ない」と答えたもの（認識のズレ）を先に挙げています。",
    badge_opposite: "⚠ 認識のズレ",
    badge_different: "見方が異なる",
    no_mismatch: "事業所の見方と相手の見方が異なる関係機関はありません。見方は、関係機関ごとのページで記録します。",
    our_view: "事業所の見方",
    their_view: "相手の見方",
    asked_on,

    survey_heading: "お互いの認識",
    survey_help: "関係機関との関係を、事業所はどう見ているか、相手はどう見ているか。すべての関係機関の回答を数えています。",
    survey_caption: "回答ごとの関係機関の数：事業所の見方と相手の見方（同じ数を表にも示します）",
    survey_table_caption: "お互いの認識（関係機関の数）",
    col_answer: "回答",
    bar_ours: "事業所",
    bar_theirs: "相手",
};

fn agency_count(n: usize) -> String {
    format!("登録されている関係機関: {n}件")
}
fn empty_categories(names: &[&str]) -> String {
    format!("まだ関係機関が登録されていない分類: {}", names.join("、"))
}
fn stage_short(s: CooperationStage) -> &'static str {
    match s {
        CooperationStage::Linkage => "つながり",
        CooperationStage::Coordination => "調整・協力",
        CooperationStage::Integration => "統合・協働",
    }
}
fn asked_on(date: &str) -> String {
    format!("（{date}に確認）")
}
