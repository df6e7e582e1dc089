//! 利用者一覧 (`pages/clients.rs`).

pub struct ClientsTexts {
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub show_archived: &'static str,
    pub count: fn(usize, usize) -> String,
    pub more: fn(usize) -> String,
    pub empty: &'static str,
    pub no_match: &'static str,
    pub new: &'static str,
    pub badge_ended: &'static str,
}
