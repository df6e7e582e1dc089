//! 障害福祉サービス and 障害児通所・入所支援: the fixed list of service types a
//! client can use, with the period of use.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Whether a service is for adults (障害者総合支援法) or children (児童福祉法).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ServiceCategory {
    /// 障害福祉サービス・相談支援
    Adult,
    /// 障害児支援
    Child,
}

macro_rules! service_types {
    ($($variant:ident = $code:literal, $category:ident, $ja:literal;)*) => {
        /// A service type. The code is the storage name and never changes.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        pub enum ServiceType {
            $(#[serde(rename = $code)] $variant,)*
        }

        impl ServiceType {
            pub const ALL: &'static [ServiceType] = &[$(ServiceType::$variant,)*];

            pub fn code(self) -> &'static str {
                match self { $(ServiceType::$variant => $code,)* }
            }

            pub fn category(self) -> ServiceCategory {
                match self { $(ServiceType::$variant => ServiceCategory::$category,)* }
            }

            /// The official Japanese name, as written on 受給者証 and plans.
            pub fn name_ja(self) -> &'static str {
                match self { $(ServiceType::$variant => $ja,)* }
            }
        }
    };
}

service_types! {
    HomeCare = "home_care", Adult, "居宅介護";
    SevereVisitingCare = "severe_visiting_care", Adult, "重度訪問介護";
    AccompanyingSupport = "accompanying_support", Adult, "同行援護";
    BehaviouralSupport = "behavioural_support", Adult, "行動援護";
    ComprehensiveSupport = "comprehensive_support", Adult, "重度障害者等包括支援";
    ShortStay = "short_stay", Adult, "短期入所";
    MedicalCare = "medical_care", Adult, "療養介護";
    DailyLifeCare = "daily_life_care", Adult, "生活介護";
    InstitutionalSupport = "institutional_support", Adult, "施設入所支援";
    FunctionalTraining = "functional_training", Adult, "自立訓練（機能訓練）";
    LifeSkillsTraining = "life_skills_training", Adult, "自立訓練（生活訓練）";
    ResidentialTraining = "residential_training", Adult, "宿泊型自立訓練";
    EmploymentSelection = "employment_selection", Adult, "就労選択支援";
    EmploymentTransition = "employment_transition", Adult, "就労移行支援";
    EmploymentContinuationA = "employment_continuation_a", Adult, "就労継続支援A型";
    EmploymentContinuationB = "employment_continuation_b", Adult, "就労継続支援B型";
    EmploymentRetention = "employment_retention", Adult, "就労定着支援";
    IndependentLiving = "independent_living", Adult, "自立生活援助";
    GroupHome = "group_home", Adult, "共同生活援助（グループホーム）";
    PlanningConsultation = "planning_consultation", Adult, "計画相談支援";
    CommunityTransition = "community_transition", Adult, "地域移行支援";
    CommunitySettlement = "community_settlement", Adult, "地域定着支援";
    ChildDevelopment = "child_development", Child, "児童発達支援";
    AfterSchoolDay = "after_school_day", Child, "放課後等デイサービス";
    HomeVisitChildDevelopment = "home_visit_child_development", Child, "居宅訪問型児童発達支援";
    NurseryVisit = "nursery_visit", Child, "保育所等訪問支援";
    ChildConsultation = "child_consultation", Child, "障害児相談支援";
    WelfareChildResidential = "welfare_child_residential", Child, "福祉型障害児入所施設";
    MedicalChildResidential = "medical_child_residential", Child, "医療型障害児入所施設";
}

impl ServiceType {
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.iter().copied().find(|s| s.code() == code)
    }
}

/// One service a client uses (or used), with its period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ServiceUse {
    pub service: ServiceType,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
}

impl ServiceUse {
    /// In use on `day`: started (or no start given) and not yet ended.
    pub fn active_on(&self, day: NaiveDate) -> bool {
        self.start.is_none_or(|s| s <= day) && self.end.is_none_or(|e| day <= e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn codes_and_names_are_unique() {
        let codes: HashSet<_> = ServiceType::ALL.iter().map(|s| s.code()).collect();
        let names: HashSet<_> = ServiceType::ALL.iter().map(|s| s.name_ja()).collect();
        assert_eq!(codes.len(), ServiceType::ALL.len());
        assert_eq!(names.len(), ServiceType::ALL.len());
    }

    #[test]
    fn codes_round_trip_through_serde() {
        for &s in ServiceType::ALL {
            let json = serde_json::to_string(&s).unwrap();
            assert_eq!(json, format!("\"{}\"", s.code()));
            assert_eq!(serde_json::from_str::<ServiceType>(&json).unwrap(), s);
            assert_eq!(ServiceType::from_code(s.code()), Some(s));
        }
    }

    #[test]
    fn child_services_are_in_the_child_category() {
        assert_eq!(ServiceType::AfterSchoolDay.category(), ServiceCategory::Child);
        assert_eq!(ServiceType::EmploymentTransition.category(), ServiceCategory::Adult);
    }

    #[test]
    fn a_service_is_active_between_its_dates_inclusive() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let use_ =
            ServiceUse { service: ServiceType::GroupHome, start: Some(d("2024-04-01")), end: Some(d("2025-03-31")) };
        assert!(!use_.active_on(d("2024-03-31")));
        assert!(use_.active_on(d("2024-04-01")));
        assert!(use_.active_on(d("2025-03-31")));
        assert!(!use_.active_on(d("2025-04-01")));
        let open = ServiceUse { service: ServiceType::GroupHome, start: None, end: None };
        assert!(open.active_on(d("2000-01-01")));
    }
}
