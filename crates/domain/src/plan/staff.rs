//! Who did a piece of plan work. Auditors ask not only whether a document
//! exists but who wrote it: the 原案 and the モニタリング belong to the
//! サビ管/児発管 (docs/plan-cycle.md), so every step carries the person and the
//! job role they acted in.

use crate::service::{ServiceCategory, ServiceType};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// 職種: the role a person acted in. This is the welfare job title, not the
/// app's access role (管理者/職員 in `sync::Role`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JobRole {
    /// サービス管理責任者 (サビ管)
    ServiceManager,
    /// 児童発達支援管理責任者 (児発管)
    ChildDevelopmentManager,
    /// 相談支援専門員
    ConsultationSpecialist,
    /// 生活支援員
    LifeSupportWorker,
    /// 職業指導員
    VocationalInstructor,
    /// 就労支援員
    EmploymentSupportWorker,
    /// 就労定着支援員
    RetentionSupportWorker,
    /// 支援員 (any other direct-support staff)
    SupportWorker,
    /// 管理者
    Administrator,
    /// その他. Unknown codes written by a newer app version load as this
    /// instead of failing the whole plan.
    #[default]
    #[serde(other)]
    Other,
}

impl JobRole {
    pub const ALL: [JobRole; 10] = [
        JobRole::ServiceManager,
        JobRole::ChildDevelopmentManager,
        JobRole::ConsultationSpecialist,
        JobRole::LifeSupportWorker,
        JobRole::VocationalInstructor,
        JobRole::EmploymentSupportWorker,
        JobRole::RetentionSupportWorker,
        JobRole::SupportWorker,
        JobRole::Administrator,
        JobRole::Other,
    ];

    /// The wire name (serde), also the value of a choice in a form.
    pub fn code(self) -> &'static str {
        match self {
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

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The official name, as printed on plans.
    pub fn label_ja(self) -> &'static str {
        match self {
            JobRole::ServiceManager => "サービス管理責任者",
            JobRole::ChildDevelopmentManager => "児童発達支援管理責任者",
            JobRole::ConsultationSpecialist => "相談支援専門員",
            JobRole::LifeSupportWorker => "生活支援員",
            JobRole::VocationalInstructor => "職業指導員",
            JobRole::EmploymentSupportWorker => "就労支援員",
            JobRole::RetentionSupportWorker => "就労定着支援員",
            JobRole::SupportWorker => "支援員",
            JobRole::Administrator => "管理者",
            JobRole::Other => "その他",
        }
    }

    /// The short name used in conversation and on dashboards.
    pub fn short_label_ja(self) -> &'static str {
        match self {
            JobRole::ServiceManager => "サビ管",
            JobRole::ChildDevelopmentManager => "児発管",
            other => other.label_ja(),
        }
    }

    /// サビ管 or 児発管: the roles that must write the 原案 and do the
    /// モニタリング.
    pub fn is_plan_manager(self) -> bool {
        matches!(self, JobRole::ServiceManager | JobRole::ChildDevelopmentManager)
    }

    /// The one role that does plan work for `service`: the 児発管 for child
    /// services, the サビ管 for adult services; `None` while the service is not
    /// known (then either counts).
    pub fn plan_manager_for(service: Option<ServiceType>) -> Option<JobRole> {
        service.map(|s| match s.category() {
            ServiceCategory::Child => JobRole::ChildDevelopmentManager,
            ServiceCategory::Adult => JobRole::ServiceManager,
        })
    }

    /// Whether someone acting in this role may do plan work for `service`.
    pub fn does_plan_work_for(self, service: Option<ServiceType>) -> bool {
        match JobRole::plan_manager_for(service) {
            Some(expected) => self == expected,
            None => self.is_plan_manager(),
        }
    }
}

/// A staff member as recorded on a step: id (when the person has an account
/// in the office), the name as shown at the time, and the role acted in. The
/// name is kept even with an id, so a printed plan still shows who signed
/// after the account is renamed or removed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct StaffRef {
    #[serde(default)]
    pub staff_id: Option<Uuid>,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub role: JobRole,
}

impl StaffRef {
    pub fn new(staff_id: Option<Uuid>, name: &str, role: JobRole) -> Self {
        StaffRef { staff_id, name: name.trim().to_owned(), role }
    }

    /// Names a person: an account or a written name. A role alone does not.
    pub fn is_named(&self) -> bool {
        self.staff_id.is_some() || !self.name.trim().is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn only_sabikan_and_jihatsukan_are_plan_managers() {
        let managers: Vec<_> = JobRole::ALL.into_iter().filter(|r| r.is_plan_manager()).collect();
        assert_eq!(managers, vec![JobRole::ServiceManager, JobRole::ChildDevelopmentManager]);
        assert_eq!(JobRole::ServiceManager.short_label_ja(), "サビ管");
        assert_eq!(JobRole::ChildDevelopmentManager.short_label_ja(), "児発管");
    }

    #[test]
    fn the_jihatsukan_does_plan_work_for_children_and_the_sabikan_for_adults() {
        let child = Some(ServiceType::AfterSchoolDay);
        let adult = Some(ServiceType::EmploymentTransition);
        let cases = [
            (JobRole::ServiceManager, adult, true),
            (JobRole::ServiceManager, child, false),
            (JobRole::ChildDevelopmentManager, child, true),
            (JobRole::ChildDevelopmentManager, adult, false),
            (JobRole::ServiceManager, None, true),
            (JobRole::ChildDevelopmentManager, None, true),
            (JobRole::SupportWorker, adult, false),
            (JobRole::SupportWorker, None, false),
        ];
        for (role, service, ok) in cases {
            assert_eq!(role.does_plan_work_for(service), ok, "{role:?} {service:?}");
        }
        assert_eq!(JobRole::plan_manager_for(child), Some(JobRole::ChildDevelopmentManager));
        assert_eq!(JobRole::plan_manager_for(None), None);
    }

    #[test]
    fn role_codes_and_labels_are_unique_and_unknown_codes_load_as_other() {
        let labels: HashSet<_> = JobRole::ALL.iter().map(|r| r.label_ja()).collect();
        assert_eq!(labels.len(), JobRole::ALL.len());
        let codes: HashSet<_> = JobRole::ALL.iter().map(|r| serde_json::to_string(r).unwrap()).collect();
        assert_eq!(codes.len(), JobRole::ALL.len());
        assert_eq!(serde_json::to_string(&JobRole::ServiceManager).unwrap(), "\"service_manager\"");
        assert_eq!(serde_json::from_str::<JobRole>("\"nurse_2030\"").unwrap(), JobRole::Other);
        for r in JobRole::ALL {
            assert_eq!(serde_json::to_string(&r).unwrap(), format!("\"{}\"", r.code()));
            assert_eq!(JobRole::from_code(r.code()), Some(r));
        }
    }

    #[test]
    fn a_person_is_named_by_an_account_or_a_name_not_by_a_role() {
        let cases = [
            (StaffRef::default(), false),
            (StaffRef::new(None, "  ", JobRole::ServiceManager), false),
            (StaffRef::new(None, "佐藤", JobRole::SupportWorker), true),
            (StaffRef::new(Some(Uuid::nil()), "", JobRole::ServiceManager), true),
        ];
        for (who, named) in cases {
            assert_eq!(who.is_named(), named, "{who:?}");
        }
    }
}
