//! English: NetworkTexts.

use crate::i18n::groups::NetworkTexts;
use renkei_domain::network::{AgencyCategory, AgencyType, Channel, CooperationStage, ViewAnswer};

pub const TEXTS: NetworkTexts = NetworkTexts {
    category,
    agency_type,
    stage,
    stage_meaning,
    answer,
    channel,
    last_contact,
    never_contacted: "No contact recorded",
};

fn category(c: AgencyCategory) -> &'static str {
    match c {
        AgencyCategory::Employment => "Employment support",
        AgencyCategory::Living => "Daily-life support",
        AgencyCategory::Medical => "Medical",
        AgencyCategory::Education => "Education",
        AgencyCategory::Children => "Children's services",
        AgencyCategory::Government => "Public offices",
        AgencyCategory::Informal => "Informal",
        AgencyCategory::Other => "Other",
    }
}

fn agency_type(t: AgencyType) -> &'static str {
    match t {
        AgencyType::HelloWork => "Hello Work (public employment office)",
        AgencyType::VocationalCenter => "Regional vocational centre",
        AgencyType::EmploymentLifeCenter => "Employment and life support centre",
        AgencyType::TransitionSupport => "Transition to employment support",
        AgencyType::ContinuedSupport => "Continuous employment support",
        AgencyType::VocationalTraining => "Vocational training",
        AgencyType::Employer => "Employer",
        AgencyType::Counseling => "Counselling support office",
        AgencyType::GroupHome => "Group home",
        AgencyType::HomeHelp => "Home help / mobility support",
        AgencyType::Clinic => "Hospital / clinic",
        AgencyType::SpecialNeedsSchool => "Special needs school",
        AgencyType::School => "School",
        AgencyType::Nursery => "Nursery / kindergarten",
        AgencyType::ChildDevelopment => "Child development / after-school day service",
        AgencyType::WelfareOffice => "Welfare office / municipality",
        AgencyType::PensionOffice => "Pension office",
        AgencyType::ConsumerCenter => "Consumer affairs centre",
        AgencyType::Lawyer => "Lawyer",
        AgencyType::Police => "Police",
        AgencyType::Other => "Other",
    }
}

fn stage(s: CooperationStage) -> &'static str {
    match s {
        CooperationStage::Linkage => "Linkage",
        CooperationStage::Coordination => "Coordination",
        CooperationStage::Integration => "Integration",
    }
}

fn stage_meaning(s: CooperationStage) -> &'static str {
    match s {
        CooperationStage::Linkage => {
            "Professionals exchange information as needs arise and know whom to call: the ground for shared goals."
        }
        CooperationStage::Coordination => {
            "Regular, planned information sharing and joint management of support; the goals are shared."
        }
        CooperationStage::Integration => {
            "A team across organisations: intensive joint work in emergencies, and a role for the region beyond single cases."
        }
    }
}

fn answer(a: ViewAnswer) -> &'static str {
    match a {
        ViewAnswer::Cooperating => "We cooperate well",
        ViewAnswer::Trusted => "We are trusted",
        ViewAnswer::LittleKnown => "Hardly know them",
        ViewAnswer::NotNeeded => "Not needed",
        ViewAnswer::NotAsked => "Not asked yet",
    }
}

fn channel(c: Channel) -> &'static str {
    match c {
        Channel::Phone => "Phone",
        Channel::Visit => "Visit",
        Channel::Meeting => "Meeting",
        Channel::Mail => "Mail / fax",
        Channel::Other => "Other",
    }
}

fn last_contact(day: &str) -> String {
    format!("Last contact {day}")
}
