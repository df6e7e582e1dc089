//! English: CommonTexts.

use crate::i18n::groups::CommonTexts;
use renkei_domain::{FieldProblem, LifeStage, ServiceType};

pub const TEXTS: CommonTexts = CommonTexts {
    // -- The app shell --
    app_name: "Renkei Note",
    skip_to_main: "Skip to content",
    nav_label: "Main menu",
    nav_home: "Home",
    nav_clients: "Clients",
    nav_agencies: "Agencies",
    nav_settings: "Settings",
    clients_list: "Clients",
    trash: "Trash",
    plan_title: "Support plan",
    loading: "Loading…",
    not_found: "This page does not exist.",
    back_to_clients: "Back to clients",
    update_available: "A new version is available",
    update_now: "Update",
    reload: "Reload",

    // -- Saving --
    saving: "Saving…",
    saved: "Saved",
    draft_saved: "Draft saved",
    autosave_note: "Changes are saved automatically.",
    updated_elsewhere: "Updated on another device. What you are typing is kept.",

    // -- Buttons --
    cancel: "Cancel",
    restore: "Restore",
    move_to_trash: "Move to trash",

    // -- Dates --
    date,
    date_print: date,
    date_time,
    ago,

    // -- A client's fields that other pages show too --
    badge_archived: "Archived",
    birth_date: "Date of birth",
    recipient_number: "Recipient certificate number",
    wishes_self: "Client's wishes",
    wishes_family: "Family's wishes",

    // -- The domain's enums --
    services_adult: "Disability welfare services",
    services_child: "Services for children",
    service_name,
    life_stage,
    field_problem,
    finding,
    job_role,
    step,

    // -- Errors --
    err_store_quota: "Not enough free space on this device. Free some space and try again.",
    err_store_blocked: "An older version is open in another tab. Close other tabs and reload.",
    err_store_newer_schema: "This data is used by a newer version of the app. Update the app (your data is untouched).",
    err_store_closed_for_upgrade: "A newer version of the app was opened in another tab. Reload this tab.",
    err_store_unavailable: "This browser cannot store data (private browsing?).",
    err_store_exists: "A record with this id already exists. Nothing was changed.",
    err_store_corrupt: "Stored data could not be read.",
    err_store_session_changed: "The sign-in changed during sync, so what was received was dropped.",
    err_store_other: "An error occurred while saving. Please try again.",
    err_backup_not_json: "This file cannot be read (not JSON). Nothing was changed.",
    err_backup_not_backup: "This is not a Renkei backup file. Nothing was changed.",
    err_backup_newer: "This file was made by a newer version of the app. Update the app first.",
    err_backup_invalid_record: invalid_record,
    err_sign_in_throttled: "Too many failed attempts. Wait a while and try again.",
    err_unreachable: "Cannot reach the server. Check the network.",
    err_required_fields: "Fill in every field.",

    // -- Accounts and the server --
    login_id: "Login ID",
    server_message_part: 1,
};

fn ago(ms: f64) -> String {
    let minutes = (ms / 60_000.0).floor() as i64;
    match minutes {
        m if m < 1 => "just now".to_owned(),
        m if m < 60 => format!("{m} min ago"),
        m if m < 60 * 24 => format!("{} h ago", m / 60),
        m => format!("{} days ago", m / 60 / 24),
    }
}
fn invalid_record(index: usize) -> String {
    format!("Record {} in the file is invalid. Nothing was changed.", index + 1)
}
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
fn life_stage(s: LifeStage) -> &'static str {
    match s {
        LifeStage::Infancy => "Early childhood",
        LifeStage::SchoolAge => "School age",
        LifeStage::Adulthood => "Adulthood",
    }
}
fn service_name(s: ServiceType) -> &'static str {
    use ServiceType::*;
    match s {
        HomeCare => "Home care",
        SevereVisitingCare => "Visiting care for severe disabilities",
        AccompanyingSupport => "Accompanying support for visual impairment",
        BehaviouralSupport => "Behavioural support",
        ComprehensiveSupport => "Comprehensive support for severe disabilities",
        ShortStay => "Short stay",
        MedicalCare => "Medical care",
        DailyLifeCare => "Daily life care",
        InstitutionalSupport => "Support in a residential facility",
        FunctionalTraining => "Independence training (functional)",
        LifeSkillsTraining => "Independence training (life skills)",
        ResidentialTraining => "Residential independence training",
        EmploymentSelection => "Employment selection support",
        EmploymentTransition => "Transition to employment support",
        EmploymentContinuationA => "Continued employment support, type A",
        EmploymentContinuationB => "Continued employment support, type B",
        EmploymentRetention => "Job retention support",
        IndependentLiving => "Independent living assistance",
        GroupHome => "Group home",
        PlanningConsultation => "Service plan consultation",
        CommunityTransition => "Community transition support",
        CommunitySettlement => "Community settlement support",
        ChildDevelopment => "Child development support",
        AfterSchoolDay => "After-school day service",
        HomeVisitChildDevelopment => "Home-visit child development support",
        NurseryVisit => "Nursery visit support",
        ChildConsultation => "Consultation support for children",
        WelfareChildResidential => "Welfare residential facility for children",
        MedicalChildResidential => "Medical residential facility for children",
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
/// "1 Apr 2025" (without chrono's format machinery).
fn date(d: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    format!("{} {} {}", d.day(), MONTHS[d.month0() as usize], d.year())
}
/// "Tue 1 Apr 2025, 14:30".
fn date_time(at: chrono::NaiveDateTime) -> String {
    use chrono::{Datelike, Timelike};
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let day = DAYS[at.weekday().num_days_from_monday() as usize];
    format!("{day} {}, {}:{:02}", date(at.date()), at.hour(), at.minute())
}

#[cfg(test)]
mod tests {
    use super::TEXTS;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn dates_read_day_month_year_on_screen_and_in_print() {
        let d = chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap();
        assert_eq!((TEXTS.date)(d), "2 Dec 2026");
        assert_eq!((TEXTS.date_print)(d), "2 Dec 2026");
        assert_eq!((TEXTS.date_time)(d.and_hms_opt(14, 5, 0).unwrap()), "Wed 2 Dec 2026, 14:05");
    }
}
