//! English (secondary; chosen in 設定): one file per group of `super::groups`.

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

use super::*;

pub static TEXTS: Texts = Texts {
    lang: Lang::En,
    common: common::TEXTS,
    sync: sync::TEXTS,
    conflicts: conflicts::TEXTS,
    client_nav: client_nav::TEXTS,
    home: home::TEXTS,
    clients: clients::TEXTS,
    dashboard: dashboard::TEXTS,
};

// Groups of pages loaded on first use: see `page_groups!` in i18n/mod.rs.
pub static CLIENT: ClientTexts = client::TEXTS;
pub static NOTES: NotesTexts = notes::TEXTS;
pub static ASSESSMENT: AssessmentTexts = assessment::TEXTS;
pub static CATALOGUE: CatalogueTexts = catalogue::TEXTS;
pub static PLAN: PlanTexts = plan::TEXTS;
pub static RECORD_WORDS: RecordWordsTexts = record_words::TEXTS;
pub static VAULT: VaultTexts = vault::TEXTS;
pub static TRASH: TrashTexts = trash::TEXTS;
pub static SETTINGS: SettingsTexts = settings::TEXTS;
pub static STAFF: StaffTexts = staff::TEXTS;
pub static AGENCIES: AgenciesTexts = agencies::TEXTS;
pub static NETWORK: NetworkTexts = network::TEXTS;
pub static CLIENT_NETWORK: ClientNetworkTexts = client_network::TEXTS;
pub static REGION: RegionTexts = region::TEXTS;
pub static LIFE_LINE: LifeLineTexts = life_line::TEXTS;
pub static MEETINGS: MeetingsTexts = meetings::TEXTS;
