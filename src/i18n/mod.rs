//! UI texts, one table per language. Every label the app shows comes from
//! here, so the field names are checked at compile time and an English UI is
//! a setting, not a rewrite.
//!
//! - `groups/`: one struct per group of texts (`common`, then one per page
//!   or component family), the fields a language must fill in;
//! - `ja/`, `en/`: each language's values, one file per group.

mod en;
pub mod groups;
mod ja;

pub use groups::*;

use gloo_storage::Storage;
use leptos::prelude::*;

const LANG_KEY: &str = "renkei.lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    Ja,
    En,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::Ja => "ja",
            Lang::En => "en",
        }
    }

    /// This language's texts. English is loaded on first use
    /// ([`Lang::load`]); until it is, Japanese stands in.
    pub fn texts(self) -> &'static Texts {
        match self {
            Lang::Ja => &ja::TEXTS,
            Lang::En => ENGLISH.with(|e| e.get().copied()).unwrap_or(&ja::TEXTS),
        }
    }

    /// Makes this language's texts available: English is a module of its
    /// own (most staff never switch), fetched here — precached, so offline
    /// too.
    pub async fn load(self) {
        if self == Lang::En && ENGLISH.with(|e| e.get().is_none()) {
            let texts = english_on_first_use().await;
            ENGLISH.with(|e| e.set(texts).ok());
        }
    }

    /// The language chosen in 設定, Japanese unless English was picked.
    pub fn saved() -> Lang {
        match gloo_storage::LocalStorage::get::<String>(LANG_KEY).as_deref() {
            Ok("en") => Lang::En,
            _ => Lang::Ja,
        }
    }

    pub fn save(self) {
        // A failed write only means the choice is not remembered.
        let _ = gloo_storage::LocalStorage::set(LANG_KEY, self.code());
    }
}

thread_local! {
    static ENGLISH: std::cell::OnceCell<&'static Texts> = const { std::cell::OnceCell::new() };
}

/// The English texts of the shell, ホーム and the list: out of the main
/// module, which every start loads. Split only in the app's split build: the
/// test and bench runners load one module and cannot fetch a split one.
#[cfg_attr(feature = "split", leptos::lazy)]
async fn english_on_first_use() -> &'static Texts {
    &en::TEXTS
}

/// The current language, provided at the root.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// The texts of the current language. The app re-renders when the language
/// changes, so components read this once.
pub fn use_texts() -> &'static Texts {
    use_lang().get_untracked().texts()
}

/// Every text of one language, by group: `t.common.cancel`, `t.record_words().job_role`;
/// the groups of pages that load on first use are methods, `t.plan().none`.
/// To add a text, add the field to its group in `groups/` and its value to
/// `ja/` and `en/` (the compiler points at both).
pub struct Texts {
    /// Which language this table is, for the groups below.
    pub lang: Lang,
    pub common: CommonTexts,
    pub sync: SyncTexts,
    pub conflicts: ConflictsTexts,
    pub client_nav: ClientNavTexts,
    pub home: HomeTexts,
    pub clients: ClientsTexts,
    pub dashboard: DashboardTexts,
}

/// The groups of texts that only pages loaded on first use need (see
/// `lazy_pages!` in app.rs) are not fields of [`Texts`]: a field would keep
/// every language's strings (and their formatting code) in the main wasm
/// module. Each is a static of its own, reached through a method, so the
/// split build moves it out with the pages that call the method.
macro_rules! page_groups {
    ($($group:ident: $ty:ident => $konst:ident),* $(,)?) => {
        impl Texts {
            $(
                pub fn $group(&self) -> &'static $ty {
                    match self.lang {
                        Lang::Ja => &ja::$konst,
                        Lang::En => &en::$konst,
                    }
                }
            )*
        }
    };
}

page_groups! {
    client: ClientTexts => CLIENT,
    notes: NotesTexts => NOTES,
    assessment: AssessmentTexts => ASSESSMENT,
    catalogue: CatalogueTexts => CATALOGUE,
    plan: PlanTexts => PLAN,
    trash: TrashTexts => TRASH,
    settings: SettingsTexts => SETTINGS,
    staff: StaffTexts => STAFF,
    agencies: AgenciesTexts => AGENCIES,
    network: NetworkTexts => NETWORK,
    client_network: ClientNetworkTexts => CLIENT_NETWORK,
    region: RegionTexts => REGION,
    life_line: LifeLineTexts => LIFE_LINE,
    meetings: MeetingsTexts => MEETINGS,
    vault: VaultTexts => VAULT,
    record_words: RecordWordsTexts => RECORD_WORDS,
}
