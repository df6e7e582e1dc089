//! 「競合」: fields two devices changed at once (`components/conflicts.rs` and each page's conflicts).

pub struct ConflictsTexts {
    pub title: &'static str,
    pub help: &'static str,
    pub choose: &'static str,
    pub empty: &'static str,
    pub deleted: &'static str,
}
