//! The texts of each part of the app, one struct per group. A page reads
//! its own group and `common` (`t.common.cancel`); a word
//! two pages share belongs in `common`, not in one page's group. `sync`,
//! `conflicts`, `client_nav` and `catalogue` serve a component or a family
//! of pages.
//!
//! The domain hands over enums, ids and codes, never wording: these tables
//! translate them (`t.record_words().job_role`, `t.catalogue().domain_label`).

mod agencies;
mod assessment;
mod catalogue;
mod client;
mod client_nav;
mod client_network;
mod clients;
mod common;
mod conflicts;
mod dashboard;
mod home;
mod life_line;
mod meetings;
mod network;
mod notes;
mod plan;
mod record_words;
mod region;
mod settings;
mod staff;
mod sync;
mod trash;
mod vault;

pub use agencies::AgenciesTexts;
pub use assessment::AssessmentTexts;
pub use catalogue::CatalogueTexts;
pub use client::ClientTexts;
pub use client_nav::ClientNavTexts;
pub use client_network::ClientNetworkTexts;
pub use clients::ClientsTexts;
pub use common::CommonTexts;
pub use conflicts::ConflictsTexts;
pub use dashboard::DashboardTexts;
pub use home::HomeTexts;
pub use life_line::LifeLineTexts;
pub use meetings::MeetingsTexts;
pub use network::NetworkTexts;
pub use notes::NotesTexts;
pub use plan::PlanTexts;
pub use record_words::RecordWordsTexts;
pub use region::RegionTexts;
pub use settings::SettingsTexts;
pub use staff::StaffTexts;
pub use sync::SyncTexts;
pub use trash::TrashTexts;
pub use vault::VaultTexts;
