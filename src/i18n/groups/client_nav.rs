//! The tabs of one client's records (`components/client_nav.rs`).

pub struct ClientNavTexts {
    pub label: &'static str,
    pub notes: &'static str,
    pub assessment: &'static str,
    pub network: &'static str,
    pub meetings: &'static str,
}
