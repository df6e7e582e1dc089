//! What needs doing across clients (`pages/dashboard.rs`).

pub struct DashboardTexts {
    pub plans: &'static str,
    pub plans_ok: &'static str,
    pub no_plan: &'static str,
    pub days_over: fn(&str, i64) -> String,
    pub days_left: fn(&str, i64) -> String,
    pub due: fn(&str) -> String,
    pub follow_ups: &'static str,
    pub no_follow_ups: &'static str,
    pub recent_notes: &'static str,
    pub no_notes: &'static str,
}
