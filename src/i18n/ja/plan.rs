//! 日本語: PlanTexts.

use crate::i18n::groups::PlanTexts;
use renkei_domain::plan::Achievement;

pub const TEXTS: PlanTexts = PlanTexts {
    none: "この利用者の個別支援計画はまだありません。",
    create: "計画を作成",
    version,
    versions: "版の履歴",
    current: "現在の版",
    forked: "同じ版から複数の見直しが作られています。どちらを使うか確認してください。",
    read_only: "この版は見直しで新しい版に引き継がれたため、読み取り専用です。変更は現在の版で行ってください。",
    to_current: "現在の版を開く",
    status_preparing: |step| format!("作成中（{step}の記録待ち）"),
    status_incomplete: |step| format!("同意済み・{step}の記録が不足"),
    status_in_effect: "実施中",
    status_reviewed: "見直し済み",
    has_errors: "入力に誤りがあります。直すまで下書きとして保存され、計画には反映されません。",
    err_date: "日付を正しく入力してください（2000年〜2099年）。",
    err_end_before_start: "終了日が開始日より前になっています。",
    printed_as: |date| format!("印刷: {date}"),
    findings_title: "確認が必要なこと",
    no_findings: "記録に不足はありません。",
    alert: "要対応",
    warning: "注意",
    days_left,
    days_over,
    next_review: "次の見直し期限:",
    next_review_unknown: "未定（同意日から数えます）",
    next_monitoring: "次のモニタリング期限:",
    interval,
    contents: "計画の目次",
    nav_goals: "目標",
    nav_meeting: "会議",
    nav_consent: "同意・交付",
    nav_monitoring: "モニタリング",
    print_view: "印刷用の表示",
    sec_basic: "基本",
    service: "サービス種別",
    service_choose: "選択してください",
    period_start: "計画期間（開始）",
    period_end: "計画期間（終了）",
    manager: "計画作成責任者",
    staff_name: "氏名",
    staff_role: "職種",
    additions: "算定する加算",
    additions_hint: "1行に1つ書いてください（例: 地域連携会議実施加算）。",
    sec_wishes: "意向",
    policy: "総合的な支援の方針",
    long_term: "長期目標",
    short_term: "短期目標",
    no_goals: "短期目標はまだありません。",
    goal_n,
    goal_text: "目標",
    goal_support: "支援内容",
    goal_provider: "担当者・提供機関",
    goal_frequency: "頻度",
    goal_frequency_hint: "例: 週1回",
    start: "開始日",
    end: "終了日",
    goal_add: "短期目標を追加",
    up: "上へ",
    down: "下へ",
    remove: "削除",
    remove_confirmed: "削除する",
    goal_remove_confirm: "この短期目標を削除しますか？これまでのモニタリングの記録は残ります。",
    step_done: "記録済み",
    step_missing: "未記録",
    done_on: "実施日",
    done_by: "実施者",
    made_on: "作成日",
    made_by: "作成者",
    held_on: "開催日",
    recorded_by: "記録者",
    interview: "本人との面接の記録",
    note: "メモ",
    attendees: "出席者",
    attendee_n: |n| format!("出席者 {n}"),
    attendee_affiliation: "所属・立場",
    attendee_affiliation_hint: "例: 本人、母、○○相談支援事業所",
    attendee_outside: "事業所外の方（職種なし）",
    attendee_add: "出席者を追加",
    attendee_remove: |n| format!("出席者 {n} を削除"),
    presence_label: "本人の参加",
    presence_unknown: "未記録",
    presence,
    minutes: "検討内容",
    assessment_link: "この計画のアセスメント（8領域）",
    assessment_link_hint: "本人との面接を記録した8領域アセスメントが、この計画のアセスメントになります。",
    assessment_none: "選択しない",
    assessment_option: |date, by| if by.is_empty() { date.to_owned() } else { format!("{date}・{by}") },
    assessment_missing: "この利用者の8領域アセスメントはまだありません。アセスメントを行うと、この計画のアセスメントとして記録されます。",
    assessment_do: "8領域アセスメントへ",
    assessment_interview_yes: "本人との面接: 記録あり。",
    assessment_interview_no: "本人との面接がまだ記録されていません。アセスメントに記録してください。",
    assessment_open: "アセスメントを開く",
    own_assessment: "8領域アセスメントを使わずに記録する",
    copy_label: "相談支援専門員への計画の写し",
    copy_hint: "サービス等利用計画を作成した相談支援専門員にも、計画の写しを渡します。",
    copy_unknown: "未記録",
    copy_choice,
    copy_to: "送付先の氏名",
    copy_office: "送付先の事業所",
    copy_sent_on: "送付日",
    explained_on: "説明日",
    explained_by: "説明者",
    consented_on: "同意日",
    consented_by: "同意した人",
    consented_by_hint: "署名のとおりに（例: 山田 太郎（本人）、山田 花子（母））。",
    handed_over_on: "交付日",
    sec_monitoring: "モニタリング",
    monitoring_help: "サビ管・児発管が本人と面接し、短期目標ごとに評価します。",
    monitoring_none: "モニタリングの記録はまだありません。",
    monitoring_add: "モニタリングを追加",
    monitoring_n,
    monitoring_remove_confirm: "このモニタリングの記録を削除しますか？",
    achievement_label: "達成度",
    achievement_none: "未評価",
    achievement,
    evaluation: "評価",
    next_action: "今後の対応",
    summary: "総合所見",
    review_summary: "見直しの内容",
    review_new: "見直し（新しい版を作成）",
    review_confirm,
    review_not_recorded: "この版の見直しの記録（実施日と実施者）がまだありません。",
    review_create: "新しい版を作成する",
    review_invalid: "入力に誤りがあります。直してから新しい版を作成してください。",
    back: "計画に戻る",
    print: "印刷",
    doc_title: "個別支援計画書",
    doc_client: "利用者氏名",
    doc_honorific,
    doc_period: "計画期間",
    doc_created: "作成日",
    doc_consented: "同意日",
    doc_handed: "交付日",
    doc_office: "事業所名",
    col_goal: "目標",
    col_support: "支援内容",
    col_provider: "担当",
    col_frequency: "頻度",
    col_period: "期間",
    doc_consent_text: "上記の計画について説明を受け、同意しました。",
    doc_date_blank: "令和　　年　　月　　日",
    doc_sign_self: "本人署名",
    doc_sign_family: "家族（代理人）署名・続柄",
};

fn version(n: u32) -> String {
    format!("第{n}版")
}
fn days_left(n: i64) -> String {
    if n == 0 {
        "今日まで".to_owned()
    } else {
        format!("あと{n}日")
    }
}
fn days_over(n: i64) -> String {
    format!("{n}日超過")
}
fn goal_n(n: usize) -> String {
    format!("短期目標 {n}")
}
fn monitoring_n(n: usize) -> String {
    format!("モニタリング {n}")
}
fn review_confirm(n: u32) -> String {
    format!("新しい版（第{n}版）を作成します。今の版は内容を変えずに、読み取り専用で残ります。")
}
fn doc_honorific(name: &str) -> String {
    format!("{name} 様")
}
/// The official name, as printed on plans.
fn achievement(a: Achievement) -> &'static str {
    match a {
        Achievement::Achieved => "達成",
        Achievement::PartlyAchieved => "一部達成",
        Achievement::NotAchieved => "未達成",
    }
}
fn interval(months: u32, basis: renkei_domain::plan::IntervalBasis) -> String {
    use renkei_domain::plan::IntervalBasis::*;
    match basis {
        Rule => format!("（見直しは{months}か月ごと）"),
        Reading(_) => {
            format!("（見直しは{months}か月ごと: このサービスの間隔は制度上未確定のため、設定の読み方に従っています）")
        }
        Office => format!("（見直しは{months}か月ごと: 事業所の設定）"),
    }
}
fn presence(p: renkei_domain::plan::ClientPresence) -> &'static str {
    use renkei_domain::plan::ClientPresence::*;
    match p {
        InPerson => "出席",
        Online => "オンラインで参加",
        Absent => "欠席（理由は検討内容に記録）",
    }
}
fn copy_choice(c: renkei_domain::plan::form::CopyChoice) -> &'static str {
    use renkei_domain::plan::form::CopyChoice::*;
    match c {
        Sent => "送付した",
        NoConsultant => "相談支援専門員なし（セルフプラン）",
    }
}
