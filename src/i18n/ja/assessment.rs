//! 日本語: AssessmentTexts.

use crate::i18n::groups::AssessmentTexts;
use renkei_domain::assessment::{AssessmentError, ItemChange, Rating};

pub const TEXTS: AssessmentTexts = AssessmentTexts {
    title: "8領域アセスメント",
    new: "新しいアセスメント",
    new_title: "新しいアセスメント",
    empty: "まだアセスメントがありません。「新しいアセスメント」から始めてください。",
    history: "これまでのアセスメント",
    unreadable,
    progress,
    needing_support,
    date: "実施日",
    by: "評価者",
    by_role: "評価者の職種",
    role_unknown: "選択してください",
    interview: "本人との面接の記録",
    interview_hint:
        "本人が話したこと・望んでいること。これが記録されたアセスメントが、個別支援計画のアセスメントになります。",
    overall: "総合所見",
    err_date: "実施日を今日までの日付で入力してください。直すまで、前の実施日のまま保存されます。",
    back: "アセスメント一覧へ",
    domains_nav: "領域へ移動",
    score_value,
    score_help_title: "支援必要度とは",
    score_help: "支援必要度（0〜100）は、領域内で評価済みの項目を 課題なし＝0、見守り＝1、一部支援が必要＝2、\
                 支援が必要＝3 として平均し、最大の3を100として換算した値です（小数点以下は四捨五入）。\
                 数値が大きいほど支援の必要が大きいことを表します。未確認の項目は計算に含めず、評価済み／全項目の数を\
                 並べて表示します。評価済みの項目がない領域はスコアなし（—）です。",
    rating,
    change,
    error,
    memo: "メモ",
    note: "所見・メモ",
    own_words: "本人の言葉",
    strengths: "ストレングス",
    to_goal: "計画の目標にする",
    goal_adding: "計画に追加しています…",
    goal_added: "計画に追加しました",
    goal_added_to_next: |agreed, next| {
        format!("同意済みの第{agreed}版は変えずに、見直し中の第{next}版（作成中）に追加しました")
    },
    goal_exists: "計画に追加済み",
    open_plan: "計画を開く",
    domain_notes,
    compare_title: "前回との比較",
    compare_with: "比べるアセスメント",
    compare_hint: "2回目のアセスメントをすると、前回との比較が表示されます。",
    chart_label,
    table_caption: "領域ごとの支援必要度（0〜100、大きいほど支援が必要）",
    col_domain: "領域",
    col_item: "項目",
    col_before: "前回",
    col_after: "今回",
    col_change: "変化",
    delta,
    changed_items: "評価が変わった項目",
    no_changes: "評価が変わった項目はありません。",
    delete_confirm: "このアセスメントをゴミ箱に移しますか？ 30日以内なら、ゴミ箱から元に戻せます。",
    in_trash: "このアセスメントはゴミ箱にあります。元に戻すまで一覧には表示されません。",
};

fn unreadable(n: usize) -> String {
    format!("読み取れないアセスメントが{n}件あります（新しいバージョンのアプリで作られた可能性があります）。")
}
fn progress(rated: usize, total: usize) -> String {
    format!("評価済み {rated}/{total}")
}
fn needing_support(n: usize) -> String {
    format!("支援が必要な項目 {n}")
}
fn score_value(score: Option<u8>) -> String {
    match score {
        Some(s) => format!("支援必要度 {s}"),
        None => "支援必要度 —".to_owned(),
    }
}
fn domain_notes(n: usize) -> String {
    format!("この領域の支援記録（{n}件）")
}
fn chart_label(after: &str, before: &str) -> String {
    if before.is_empty() {
        format!("8領域の支援必要度のレーダーチャート（{after}）。同じ数値を下の表に示します。")
    } else {
        format!("8領域の支援必要度のレーダーチャート（前回 {before}、今回 {after}）。同じ数値を下の表に示します。")
    }
}
fn delta(delta: Option<i16>) -> String {
    match delta {
        None => "—".to_owned(),
        Some(0) => "±0".to_owned(),
        Some(d) if d > 0 => format!("+{d}（悪化）"),
        Some(d) => format!("−{}（改善）", -d),
    }
}
fn rating(rating: Rating) -> &'static str {
    match rating {
        Rating::Unconfirmed => "未確認",
        Rating::NoIssue => "課題なし",
        Rating::Watch => "見守り",
        Rating::PartialSupport => "一部支援が必要",
        Rating::NeedsSupport => "支援が必要",
    }
}
fn change(change: ItemChange) -> &'static str {
    match change {
        ItemChange::Improved => "改善",
        ItemChange::Worsened => "悪化",
        ItemChange::Unchanged => "変化なし",
        ItemChange::New => "新たに評価",
        ItemChange::NoLongerAssessed => "今回未評価",
        ItemChange::Retired => "廃止された項目",
        ItemChange::NotRated => "未評価",
    }
}
fn error(e: &AssessmentError) -> String {
    match e {
        AssessmentError::UnknownCatalogue(v) => {
            format!("この評価は新しい評価項目（第{v}版）で作成されています。アプリを更新してください。")
        }
    }
}
