//! 日本語: MeetingsTexts.

use crate::i18n::groups::MeetingsTexts;
use renkei_domain::meeting::{Division, PlanPart, Refusal, YearWindow};

pub const TEXTS: MeetingsTexts = MeetingsTexts {
    title,
    back: "← 利用者の詳細へ",
    intro: "関係機関と開いた会議の記録です。地域連携会議実施加算を算定できるかどうかと、できない理由をその場で示します。算定できない会議も連携の記録として残ります。",
    counter,
    window,
    window_note,
    none: "まだ会議の記録がありません。",
    new: "会議を記録する",
    open: "開く",
    open_label: |date| format!("{date}の会議を開く"),
    planned: "予定",
    online: "オンライン",
    claimable,
    not_claimable: "算定できません",
    refusal,
    division,
    division_short,
    plan_part,
    editor_new: "新しい会議",
    editor_edit: "会議の記録",
    date: "開催日（必須・予定日でも可）",
    online_label: "オンラインで開いた",
    participants: "外部の参加者",
    participants_hint: "関係機関から選ぶか、氏名を入力します。1人以上の外部の参加者が算定の条件です。",
    participant_agency: "関係機関",
    participant_name: "氏名",
    participant_role: "役割・職名",
    add_participant: "参加者を追加",
    remove_participant: "この参加者を外す",
    no_agency: "（関係機関から選ばない）",
    explained_by: "計画を説明した職員",
    explainer_role: "説明した職員の職種",
    choose_role: "（選んでください）",
    division_label: "区分",
    plan: "説明した個別支援計画",
    no_plan: "（説明していない）",
    plan_version,
    plan_part_label: "説明した内容",
    opinions: "いただいた意見",
    decisions: "決まったこと・計画の変更",
    new_plan: "変更を反映した計画",
    shared_on: "サビ管に結果を共有した日（(Ⅱ)で必須）",
    shared_on_hint: "(Ⅱ)では、会議の結果をサービス管理責任者に共有した記録が必要です。",
    claim_this: "同じ月に会議が2回あるとき、この会議を算定する",
    claim_this_hint: "印がなければ、その月の早い方の会議を算定します。",
    preview: "この内容での算定",
    save: "会議を保存する",
    saved: "✓ 保存しました",
    close: "閉じる",
    delete_confirm: "この会議の記録をゴミ箱に移しますか？ 算定の判定と回数から外れます。30日以内なら、ゴミ箱から元に戻せます。",
    billing_link: "地域連携会議実施加算の請求一覧",
    billing_title: "地域連携会議実施加算 請求一覧",
    billing_intro: "選んだ月に算定できる会議の一覧です。CSVはExcel（日本語版Windows）でそのまま開けます。",
    month: "請求する月",
    billing_none: "この月に算定できる会議はありません。",
    billing_total,
    csv: "CSVをダウンロード",
    csv_headers: ["利用者名", "受給者証番号", "サービス", "開催日（和暦）", "開催日（西暦）", "区分", "単位数", "説明した計画"],
    col_client: "利用者",
    col_date: "開催日",
    col_division: "区分",
    col_units: "単位数",
    col_plan: "説明した計画",
    col_service: "サービス",
};

fn title(name: &str) -> String {
    format!("{name}さんの地域連携会議")
}

fn counter(w: YearWindow, n: usize, max: usize) -> String {
    format!("{} {n}/{max}回", window(w))
}

fn window(w: YearWindow) -> &'static str {
    match w {
        YearWindow::FiscalYear => "今年度",
        YearWindow::Rolling12Months => "直近12か月",
    }
}

fn window_note(w: YearWindow) -> String {
    let what = match w {
        YearWindow::FiscalYear => "年度（4月〜翌年3月）",
        YearWindow::Rolling12Months => "直近12か月（その月と前の11か月）",
    };
    format!("年4回の上限は「{what}」で数えています（設定で変えられます）。")
}

fn claimable(d: Division, units: u32) -> String {
    format!("算定できます: {} {units}単位", division(d))
}

fn refusal(r: Refusal, date: fn(chrono::NaiveDate) -> String) -> String {
    match r {
        Refusal::NoDate => "開催日がありません".into(),
        Refusal::ServiceNotEligible => "開催日に就労移行支援・就労定着支援を利用していません".into(),
        Refusal::NoOutsideParticipant => "外部の参加者がいません".into(),
        Refusal::NoPlanExplained => "個別支援計画を説明していません".into(),
        Refusal::NotExplainedByManager => "(Ⅰ)はサービス管理責任者が説明した会議だけです".into(),
        Refusal::RoleNotQualified => "(Ⅱ)で説明できる職種ではありません".into(),
        Refusal::NotSharedWithManager => "(Ⅱ)でサビ管に結果を共有した日がありません".into(),
        Refusal::SecondInMonth { .. } => "同じ月にほかの会議を算定しています（月1回まで）".into(),
        Refusal::FifthInYear { start, end } => {
            format!("{}〜{}に4回算定しています（年4回まで）", date(start), date(end))
        }
    }
}

fn division(d: Division) -> &'static str {
    match d {
        Division::One => "(Ⅰ) サビ管が説明",
        Division::Two => "(Ⅱ) ほかの職員が説明してサビ管に共有",
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
        PlanPart::Draft => "原案",
        PlanPart::Progress => "実施状況（継続的な評価を含む）",
    }
}

fn plan_version(v: u32) -> String {
    format!("第{v}版")
}

fn billing_total(n: usize, units: u32) -> String {
    format!("{n}件・合計 {units}単位")
}
