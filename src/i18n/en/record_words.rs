//! English: RecordWordsTexts.

use crate::i18n::groups::RecordWordsTexts;
use renkei_domain::FieldProblem;

pub const TEXTS: RecordWordsTexts =
    RecordWordsTexts { date_print: super::common::date, field_problem, finding, job_role, step };

/// What the dashboard and the plan say about a plan; dates and counts are
/// shown beside it.
fn finding(f: &renkei_domain::plan::Finding) -> String {
    use renkei_domain::plan::{Finding::*, JobRole, Step};
    match *f {
        StepMissing { step: Step::Monitoring } => "Reviewed without a monitoring on record".into(),
        StepMissing { step } => format!("No {} on record", step_name(step)),
        ConsentMissing => "The client's consent to the plan is not recorded".into(),
        HandoverMissing => "The date the plan was handed over is not recorded".into(),
        ConsultantCopyMissing => "The copy of the plan for the consultation support specialist is not recorded".into(),
        MeetingWithoutClient => "The support meeting has no record of the client taking part".into(),
        DatesOutOfOrder { step, after } => {
            format!("The {} is dated before the {}", step_name(step), step_name(after))
        }
        PeriodNotSet => "The plan period is not entered".into(),
        PeriodEndsSoon { .. } => "The plan period ends soon".into(),
        PeriodEnded { .. } => "The plan period has ended".into(),
        ReviewDueSoon { .. } => "The plan review is due soon".into(),
        ReviewOverdue { .. } => "The plan review is overdue".into(),
        MonitoringDueSoon { .. } => "A monitoring is due soon".into(),
        MonitoringOverdue { .. } => "A monitoring is overdue".into(),
        NotByManager { step, expected, .. } => {
            let who = match expected {
                Some(JobRole::ChildDevelopmentManager) => "the child development support manager",
                Some(_) => "the service manager",
                None => "the service manager or child development support manager",
            };
            format!("The {} is not recorded as done by {who}", step_name(step))
        }
        MonitoringWithoutInterview { .. } => "A monitoring has no interview with the client on record".into(),
    }
}
/// A step's name inside a sentence.
fn step_name(s: renkei_domain::plan::Step) -> &'static str {
    use renkei_domain::plan::Step::*;
    match s {
        Assessment => "assessment",
        Draft => "draft plan",
        Meeting => "support meeting",
        Consent => "explanation, consent and hand-over",
        Monitoring => "monitoring",
        Review => "review",
    }
}
fn field_problem(p: FieldProblem) -> &'static str {
    match p {
        FieldProblem::Required => "Required.",
        FieldProblem::NotKana => "Use hiragana or katakana only.",
        FieldProblem::NotADate => "Not a valid date (e.g. 1990-04-01).",
        FieldProblem::InTheFuture => "The date cannot be in the future.",
        FieldProblem::TooOld => "Dates before 1900 are not accepted.",
        FieldProblem::NotTenDigits => "The recipient number has 10 digits.",
        FieldProblem::UnknownService => "Choose a service type.",
        FieldProblem::EndBeforeStart => "The end date must be after the start date.",
        FieldProblem::TooLong => "Too long.",
        FieldProblem::NotAPhone => "Enter a phone number: digits and hyphens (e.g. 03-1234-5678).",
        FieldProblem::NotInCategory => "This type is not in the chosen category: choose again.",
    }
}
fn job_role(r: renkei_domain::plan::JobRole) -> &'static str {
    use renkei_domain::plan::JobRole::*;
    match r {
        ServiceManager => "Service manager (サビ管)",
        ChildDevelopmentManager => "Child development support manager (児発管)",
        ConsultationSpecialist => "Consultation support specialist",
        LifeSupportWorker => "Life support worker",
        VocationalInstructor => "Vocational instructor",
        EmploymentSupportWorker => "Employment support worker",
        RetentionSupportWorker => "Job retention support worker",
        SupportWorker => "Support worker",
        Administrator => "Facility manager (管理者)",
        Other => "Other",
    }
}
fn step(s: renkei_domain::plan::Step) -> &'static str {
    use renkei_domain::plan::Step::*;
    match s {
        Assessment => "Assessment",
        Draft => "Draft plan",
        Meeting => "Support meeting",
        Consent => "Explanation, consent and hand-over",
        Monitoring => "Monitoring",
        Review => "Review",
    }
}

#[cfg(test)]
mod tests {
    use super::TEXTS;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn printed_dates() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!((TEXTS.date_print)(d), "2 Dec 2026");
    }
}
