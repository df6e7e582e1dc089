//! Stable codes for the plan's choices, used as `<select>` values: the
//! wire names (serde) of the domain's enums, which never change. The label
//! shown beside each comes from the text table of the UI's language.

use renkei_domain::plan::{Achievement, JobRole};

pub fn role_code(role: JobRole) -> &'static str {
    match role {
        JobRole::ServiceManager => "service_manager",
        JobRole::ChildDevelopmentManager => "child_development_manager",
        JobRole::ConsultationSpecialist => "consultation_specialist",
        JobRole::LifeSupportWorker => "life_support_worker",
        JobRole::VocationalInstructor => "vocational_instructor",
        JobRole::EmploymentSupportWorker => "employment_support_worker",
        JobRole::RetentionSupportWorker => "retention_support_worker",
        JobRole::SupportWorker => "support_worker",
        JobRole::Administrator => "administrator",
        JobRole::Other => "other",
    }
}

pub fn role_of_code(code: &str) -> Option<JobRole> {
    JobRole::ALL.into_iter().find(|r| role_code(*r) == code)
}

pub fn achievement_code(achievement: Achievement) -> &'static str {
    match achievement {
        Achievement::Achieved => "achieved",
        Achievement::PartlyAchieved => "partly_achieved",
        Achievement::NotAchieved => "not_achieved",
    }
}

pub fn achievement_of_code(code: &str) -> Option<Achievement> {
    Achievement::ALL.into_iter().find(|a| achievement_code(*a) == code)
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn codes_are_the_wire_names_and_read_back() {
        for role in JobRole::ALL {
            assert_eq!(serde_json::to_value(role).unwrap(), role_code(role));
            assert_eq!(role_of_code(role_code(role)), Some(role));
        }
        for a in Achievement::ALL {
            assert_eq!(serde_json::to_value(a).unwrap(), achievement_code(a));
            assert_eq!(achievement_of_code(achievement_code(a)), Some(a));
        }
        assert_eq!(role_of_code("サービス管理責任者"), None);
        assert_eq!(achievement_of_code(""), None);
    }
}
