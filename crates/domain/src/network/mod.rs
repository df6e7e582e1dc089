//! 連携: the region's agencies (社会資源), how far cooperation with each has
//! come, how each side sees it, and the contacts kept with them
//! each client's network of agencies, the turning points of their life and
//! the sheet that hands them over (docs/network.md).

pub mod agency;
pub mod agency_form;
pub mod contact;
pub mod handover;
pub mod link;
pub mod region;
pub mod transition;

pub use agency::{
    dial_digits, Agency, AgencyCategory, AgencyType, ContactPerson, CooperationStage, PerceptionView, StageSetting,
    ViewAnswer,
};
pub use agency_form::{AgencyError, AgencyField, AgencyForm, PersonForm, MAX_SHORT};
pub use contact::{Channel, Contact, ContactError, ContactField, ContactForm};
pub use handover::{assemble, current_plan, HandoverPrint, HandoverSheet, Sources};
pub use link::{ecomap_places, EcomapPlace, LineStyle, LinkError, LinkField, LinkForm, NetworkLink};
pub use region::{
    by_category_and_stage, directory, empty_categories, is_quiet, last_contacts, mismatches, perception, stage_history,
    survey, AgencyEntry, CategoryCount, DirectoryFilter, DirectoryRow, Perception, StageChange, SurveyRow,
    DEFAULT_STALE_MONTHS,
};
pub use transition::{
    in_order, life_line, upcoming, LinePoint, Transition, TransitionError, TransitionField, TransitionForm,
    TransitionKind, UPCOMING_MONTHS,
};
