//! 日本語: LifeLineTexts.

use crate::i18n::groups::LifeLineTexts;
use chrono::NaiveDate;
use renkei_domain::network::TransitionKind;

pub const TEXTS: LifeLineTexts = LifeLineTexts {
    heading: "縦の連携（ライフステージ）",
    intro: "入学・卒業・就職など、人生の節目ごとにかかわる機関が替わります。節目とその時にかかわる関係機関を記録して、次の場所へ支援をつなぎます。6か月以内の節目はホームに表示されます。",
    kind,
    empty: "まだ節目が登録されていません。下の「節目を追加」から登録してください。",
    line_label: "ライフステージの節目",
    coming: "これから",
    now,
    stage_starts,
    agencies_involved: "かかわる関係機関",
    add: "節目を追加",
    kind_label: "節目の種類",
    date_label: "日付（必須・予定日でも可）",
    detail_label: "内容（学校名・勤務先など）",
    detail_hint: "「その他」のときは必須です。",
    agencies_label: "かかわる関係機関",
    other_agency: "ほかの関係機関を加える",
    no_agencies: "関係機関がまだ登録されていません。",
    note_label: "準備すること・引き継ぐこと",
    add_button: "節目を追加する",
    added: "✓ 節目を追加しました",
    remove: "ゴミ箱に移す",
    make_sheet: "引き継ぎシートを作る",
    titled,

    sheet_title,
    sheet_back: "← 支援ネットワークへ",
    sheet_intro: "次の場所へ渡す引き継ぎシートです。A4で印刷されます。印刷すると、だれがいつ印刷したかが下の「印刷の記録」に残ります。",
    made_on,
    for_transition: "どの節目のためのシートか",
    no_transition: "（節目を選ばない）",
    profile: "本人のプロフィール",
    name: "氏名",
    kana: "ふりがな",
    birth: "生年月日",
    age,
    stage: "ライフステージ",
    services: "利用中のサービス",
    staff: "担当職員",
    wishes_self: "本人の希望",
    wishes_family: "家族の希望",
    assessment,
    no_assessment: "アセスメントはまだありません。",
    assessment_heading: "アセスメントの要約",
    col_domain: "領域",
    col_score: "支援の必要度（0〜4）",
    col_needs: "支援が必要な項目",
    overall: "総合所見",
    plan,
    no_plan: "個別支援計画はまだありません。",
    plan_heading: "個別支援計画の目標",
    long_term_goal: "長期目標",
    col_goal: "短期目標",
    col_support: "支援内容",
    col_provider: "担当",
    network: "支援ネットワーク（関係機関と連絡先）",
    no_network: "関係機関はまだ登録されていません。",
    notes: "引き継ぐ支援記録",
    no_notes: "選ばれた記録はありません。",
    choose_notes: "引き継ぐ支援記録を選ぶ",
    choose_notes_hint: "新しい順に30件まで表示しています。選んだ記録がシートに載ります。",
    print: "印刷する",
    print_log: "印刷の記録",
    print_log_empty: "まだ印刷されていません。",
    printed,
    unknown_printer: "（記録者不明）",
};

fn kind(k: TransitionKind) -> &'static str {
    match k {
        TransitionKind::Enrollment => "入学・入園",
        TransitionKind::Graduation => "卒業",
        TransitionKind::Employment => "就職",
        TransitionKind::Separation => "離職",
        TransitionKind::Rechallenge => "再チャレンジ",
        TransitionKind::Reemployment => "再就職",
        TransitionKind::Retirement => "退職",
        TransitionKind::Other => "その他",
    }
}

fn now(stage: &str, age: i32) -> String {
    format!("いま（{stage}・{age}歳）")
}

fn stage_starts(date: &str) -> String {
    format!("{date}から")
}

fn titled(kind: &str, date: &str) -> String {
    format!("{kind}（{date}）")
}

fn sheet_title(name: &str) -> String {
    format!("{name}さんの引き継ぎシート")
}

fn made_on(d: NaiveDate) -> String {
    format!("作成日 {}", renkei_domain::wareki::format_with_western(d))
}

fn age(years: i32) -> String {
    format!("{years}歳")
}

fn assessment(date: &str) -> String {
    format!("アセスメントの要約（{date}実施・8領域）")
}

fn plan(version: u32, period: &str) -> String {
    if period.is_empty() {
        format!("個別支援計画の目標（第{version}版）")
    } else {
        format!("個別支援計画の目標（第{version}版・{period}）")
    }
}

fn printed(when: &str, who: &str, notes: usize) -> String {
    format!("{when} {who}（支援記録{notes}件）")
}
