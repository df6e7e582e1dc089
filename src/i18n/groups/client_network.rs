//! 支援ネットワーク (`pages/client_network.rs`): a client's agencies and
//! ecomap.

pub struct ClientNetworkTexts {
    pub back: &'static str,
    /// 「山田 太郎さんの支援ネットワーク」
    pub title: fn(&str) -> String,
    pub intro: &'static str,
    pub empty: &'static str,
    /// The ecomap's caption: the client and how many agencies.
    pub ecomap_caption: fn(&str, usize) -> String,
    pub legend: &'static str,
    pub table_caption: &'static str,
    pub ended: &'static str,
    pub print: &'static str,
    pub no_stage: &'static str,
    pub since: fn(&str) -> String,
    pub period: fn(&str, &str) -> String,
    pub end: &'static str,
    pub col_agency: &'static str,
    pub col_category: &'static str,
    pub col_role: &'static str,
    pub col_person: &'static str,
    pub col_phone: &'static str,
    pub col_stage: &'static str,
    pub col_period: &'static str,
    pub add: &'static str,
    pub no_agencies: &'static str,
    pub agency: &'static str,
    pub choose_agency: &'static str,
    pub person: &'static str,
    pub no_person: &'static str,
    pub role: &'static str,
    pub role_hint: &'static str,
    pub since_label: &'static str,
    pub add_button: &'static str,
}
