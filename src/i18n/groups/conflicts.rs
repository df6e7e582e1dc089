//! 「競合」: fields two devices changed at once (`components/conflicts.rs` and each page's conflicts).

pub struct ConflictsTexts {
    pub title: &'static str,
    pub help: &'static str,
    pub choose: &'static str,
    pub empty: &'static str,
    pub deleted: &'static str,
    /// Who wrote a value, when and on which device (「山田 花子・2026年12月2日（水） 14:30・この端末」).
    pub written: fn(&str, &str, &str) -> String,
    pub this_device: &'static str,
    /// Another device, by the end of its id.
    pub other_device: fn(&str) -> String,
    /// Written while nobody was signed in, or by an app that did not record it.
    pub unknown_author: &'static str,
}
