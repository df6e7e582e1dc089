//! English: CommonTexts.

use crate::i18n::groups::CommonTexts;
use renkei_domain::{LifeStage, ServiceType};

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

    // -- Errors --
    err_store_quota: "Not enough free space on this device. Free some space and try again.",
    err_store_blocked: "An older version is open in another tab. Close other tabs and reload.",
    err_store_newer_schema: "This data is used by a newer version of the app. Update the app (your data is untouched).",
    err_store_closed_for_upgrade: "A newer version of the app was opened in another tab. Reload this tab.",
    err_store_unavailable: "This browser cannot store data (private browsing?).",
    err_store_exists: "A record with this id already exists. Nothing was changed.",
    err_store_corrupt: "Stored data could not be read.",
    err_store_session_changed: "The sign-in changed during sync, so what was received was dropped.",
    err_store_locked: "The device is locked. Enter the passcode, then try again.",
    lock_now: "Lock",
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
/// "1 Apr 2025" (without chrono's format machinery).
pub(super) fn date(d: chrono::NaiveDate) -> String {
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
        assert_eq!((TEXTS.date_time)(d.and_hms_opt(14, 5, 0).unwrap()), "Wed 2 Dec 2026, 14:05");
    }
}
