//! 連携: the region's agencies (社会資源), how far cooperation with each has
//! come, how each side sees it, and the contacts kept with them
//! and each client's network of agencies (docs/network.md).

pub mod agency;
pub mod agency_form;
pub mod contact;
pub mod link;
pub mod region;

pub use agency::{
    dial_digits, Agency, AgencyCategory, AgencyType, ContactPerson, CooperationStage, PerceptionView, StageSetting,
    ViewAnswer,
};
pub use agency_form::{AgencyError, AgencyField, AgencyForm, PersonForm, MAX_SHORT};
pub use contact::{Channel, Contact, ContactError, ContactField, ContactForm};
pub use link::{ecomap_places, EcomapPlace, LineStyle, LinkError, LinkField, LinkForm, NetworkLink};
pub use region::{
    by_category_and_stage, directory, empty_categories, is_quiet, last_contacts, mismatches, perception, stage_history,
    survey, AgencyEntry, CategoryCount, DirectoryFilter, DirectoryRow, Perception, StageChange, SurveyRow,
    DEFAULT_STALE_MONTHS,
};
