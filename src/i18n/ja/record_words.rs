//! 日本語: RecordWordsTexts.

use crate::i18n::groups::RecordWordsTexts;
use renkei_domain::plan::{Finding, JobRole, Step};
use renkei_domain::FieldProblem;

pub const TEXTS: RecordWordsTexts = RecordWordsTexts {
    date_print: renkei_domain::wareki::format_with_western,
    field_problem,
    finding,
    job_role: JobRole::label_ja,
    step,
};

/// What the dashboard and the plan say about a plan; dates and counts are
/// shown beside it.
fn finding(f: &Finding) -> String {
    match *f {
        Finding::StepMissing { step: Step::Monitoring } => "見直しの前のモニタリングが記録されていません".into(),
        Finding::StepMissing { step } => format!("{}の記録がありません", step_name(step)),
        Finding::ConsentMissing => "計画への同意が記録されていません".into(),
        Finding::HandoverMissing => "計画の交付日が記録されていません".into(),
        Finding::ConsultantCopyMissing => "相談支援専門員への計画の写しの送付が記録されていません".into(),
        Finding::MeetingWithoutClient => "個別支援会議に本人が参加した記録がありません".into(),
        Finding::DatesOutOfOrder { step, after } => {
            format!("{}の日付が{}より前になっています", step_name(step), step_name(after))
        }
        Finding::PeriodNotSet => "計画期間が入力されていません".into(),
        Finding::PeriodEndsSoon { .. } => "計画期間の終了が近づいています".into(),
        Finding::PeriodEnded { .. } => "計画期間が終了しています".into(),
        Finding::ReviewDueSoon { .. } => "計画の見直し期限が近づいています".into(),
        Finding::ReviewOverdue { .. } => "計画の見直し期限を過ぎています".into(),
        Finding::MonitoringDueSoon { .. } => "モニタリングの期限が近づいています".into(),
        Finding::MonitoringOverdue { .. } => "モニタリングの期限を過ぎています".into(),
        Finding::NotByManager { step, expected, .. } => {
            let who = expected.map_or("サビ管・児発管", |r| r.short_label_ja());
            format!("{}が{}の記録になっていません", step_name(step), who)
        }
        Finding::MonitoringWithoutInterview { .. } => "モニタリングに本人との面接の記録がありません".into(),
    }
}
/// A step's name inside a sentence (the cycle's names, 「説明・同意・交付」 as 「説明・同意」).
fn step_name(s: Step) -> &'static str {
    match s {
        Step::Consent => "説明・同意・交付",
        Step::Monitoring => "モニタリング",
        s => step(s),
    }
}
fn field_problem(p: FieldProblem) -> &'static str {
    match p {
        FieldProblem::Required => "入力してください。",
        FieldProblem::NotKana => "ふりがなは、ひらがな・カタカナで入力してください。",
        FieldProblem::NotADate => "日付が正しくありません（例: 1990-04-01）。",
        FieldProblem::InTheFuture => "未来の日付は入力できません。",
        FieldProblem::TooOld => "1900年より前の日付は入力できません。",
        FieldProblem::NotTenDigits => "受給者証番号は数字10桁で入力してください。",
        FieldProblem::UnknownService => "サービスの種類を選んでください。",
        FieldProblem::EndBeforeStart => "終了日は開始日より後にしてください。",
        FieldProblem::TooLong => "文字数が多すぎます。",
        FieldProblem::NotAPhone => "電話番号は数字とハイフンで入力してください（例: 03-1234-5678）。",
        FieldProblem::NotInCategory => "選んだ分類にない種別です。分類か種別を選び直してください。",
    }
}
fn step(s: Step) -> &'static str {
    match s {
        Step::Assessment => "アセスメント",
        Step::Draft => "原案",
        Step::Meeting => "個別支援会議",
        Step::Consent => "説明・同意・交付",
        Step::Monitoring => "実施・モニタリング",
        Step::Review => "見直し",
    }
}

#[cfg(test)]
mod tests {
    use super::TEXTS;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn printed_dates() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!((TEXTS.date_print)(d), "令和8年（2026年）12月2日");
    }
}
