//! Words of the 連携 pages (関係機関, 地域を知る): the agency categories and
//! types, the three stages, the two sides' views and the ways of contact.

use renkei_domain::network::{AgencyCategory, AgencyType, Channel, CooperationStage, ViewAnswer};

pub struct NetworkTexts {
    pub category: fn(AgencyCategory) -> &'static str,
    pub agency_type: fn(AgencyType) -> &'static str,
    /// 「つながり（Linkage）」
    pub stage: fn(CooperationStage) -> &'static str,
    /// What the stage means, in the words of the 連携の3段階.
    pub stage_meaning: fn(CooperationStage) -> &'static str,
    pub answer: fn(ViewAnswer) -> &'static str,
    pub channel: fn(Channel) -> &'static str,
    /// 「最終連絡 2026年11月1日」
    pub last_contact: fn(&str) -> String,
    pub never_contacted: &'static str,
}
