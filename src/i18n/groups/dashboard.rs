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
    /// A kind of plan concern, as counted on ホーム and filtered on `/attention`.
    pub kind: fn(renkei_domain::plan::ConcernKind) -> &'static str,
    pub count: fn(usize) -> String,
    pub most_urgent: &'static str,
    pub see_all: fn(usize) -> String,
    pub more_follow_ups: fn(usize) -> String,
    // The full list (`pages/attention.rs`).
    pub back_home: &'static str,
    pub title: &'static str,
    pub filter: &'static str,
    pub all: fn(usize) -> String,
    pub showing: fn(usize, usize) -> String,
    pub more: fn(usize) -> String,
    pub quiet_agencies: &'static str,
    pub quiet_hint: fn(u32) -> String,
    pub more_quiet: fn(usize) -> String,
    pub coming: &'static str,
    pub coming_hint: &'static str,
    /// 「卒業 2027年3月15日（あと103日）」
    pub coming_item: fn(&str, &str, i64) -> String,
    pub unclaimable: &'static str,
    pub billing: &'static str,
    /// 「2027年1月10日の会議: 同じ月にほかの会議を算定しています」
    pub unclaimable_item: fn(&str, &str) -> String,
}
