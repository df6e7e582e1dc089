//! 日本語: DashboardTexts.

use crate::i18n::groups::DashboardTexts;

pub const TEXTS: DashboardTexts = DashboardTexts {
    plans: "個別支援計画で対応が必要なこと",
    plans_ok: "対応が必要な計画はありません。",
    no_plan: "個別支援計画がありません（監査では未作成として扱われます）",
    days_over: |date, days| format!("期限 {date}・{days}日超過"),
    days_left: |date, days| format!("期限 {date}・あと{days}日"),
    due: |date| format!("期限 {date}"),
    follow_ups: "未完了のフォローアップ",
    no_follow_ups: "未完了のフォローアップはありません。",
    recent_notes: "最近の支援記録",
    no_notes: "支援記録はまだありません。",
    kind,
    count: |n| format!("{n}件"),
    most_urgent: "急ぎのもの",
    see_all: |n| format!("すべて見る（{n}件）"),
    more_follow_ups: |n| format!("ほかに{n}件あります。各利用者の支援記録から確認できます。"),
    back_home: "← ホームへ戻る",
    title: "対応が必要な計画",
    filter: "種類で絞り込む",
    all: |n| format!("すべて（{n}件）"),
    showing: |shown, total| format!("{total}件中 {shown}件を表示"),
    more: |n| format!("さらに{n}件表示"),
    quiet_agencies: "しばらく連絡していない関係機関（足でかせぐ）",
    quiet_hint,
    more_quiet,
    coming: "これからの節目（引き継ぎの準備）",
    coming_hint: "6か月以内の入学・卒業・就職などです。次の場所への引き継ぎを準備しましょう。",
    coming_item,
    unclaimable: "予定の地域連携会議（このままでは加算を算定できません）",
    billing: "地域連携会議実施加算の請求一覧",
    unclaimable_item,
};

fn kind(k: renkei_domain::plan::ConcernKind) -> &'static str {
    use renkei_domain::plan::{ConcernKind::*, Step};
    match k {
        NoPlan => "個別支援計画がない利用者",
        StepMissing(Step::Assessment) => "アセスメントの記録がない",
        StepMissing(Step::Draft) => "原案の記録がない",
        StepMissing(Step::Meeting) => "個別支援会議の記録がない",
        StepMissing(Step::Consent) => "説明・同意・交付の記録がない",
        StepMissing(Step::Monitoring) => "見直し前のモニタリングがない",
        StepMissing(Step::Review) => "見直しの記録がない",
        ConsentMissing => "同意の記録がない",
        HandoverMissing => "交付日の記録がない",
        ConsultantCopyMissing => "相談支援専門員への写しの記録がない",
        MeetingWithoutClient => "本人が参加していない会議",
        DatesOutOfOrder => "日付の順序がおかしい",
        PeriodNotSet => "計画期間が未入力",
        PeriodEndsSoon => "計画期間の終了が近い",
        PeriodEnded => "計画期間が終了",
        ReviewDueSoon => "見直し期限が近い",
        ReviewOverdue => "見直し期限を過ぎている",
        MonitoringDueSoon => "モニタリング期限が近い",
        MonitoringOverdue => "モニタリング期限を過ぎている",
        NotByManager => "サビ管・児発管以外の記録",
        MonitoringWithoutInterview => "面接の記録がないモニタリング",
    }
}

fn quiet_hint(months: u32) -> String {
    format!("{months}か月以上連絡していない関係機関です。顔の見える関係を保つため、近況を聞いてみましょう。")
}

fn more_quiet(n: usize) -> String {
    format!("ほかに{n}件あります。")
}

fn coming_item(kind: &str, date: &str, days: i64) -> String {
    match days {
        0 => format!("{kind} {date}（今日）"),
        d => format!("{kind} {date}（あと{d}日）"),
    }
}

fn unclaimable_item(date: &str, why: &str) -> String {
    format!("{date}の会議: {why}")
}
