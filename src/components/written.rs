//! Who wrote a value, when, and on which device: one line, the same in the
//! 競合 panel and in a record's history, so staff can tell two values apart
//! by their authors rather than guess.

use crate::i18n::Texts;
use crate::store::store;
use leptos::prelude::*;
use renkei_domain::sync::merge::Head;

/// The short form of a device id staff can compare by eye: its last four
/// characters (ids are `device-<uuid>`).
fn short_device(id: &str) -> &str {
    id.char_indices().rev().nth(3).map_or(id, |(i, _)| &id[i..])
}

/// When `ms` (milliseconds since the epoch) was, on this device's clock.
pub fn local_time(ms: i64) -> Option<chrono::NaiveDateTime> {
    chrono::DateTime::from_timestamp_millis(ms).map(|d| d.with_timezone(&chrono::Local).naive_local())
}

/// 「山田 花子・2026年12月2日（水） 14:30・この端末」 for a value written at
/// `head`; `this_device` is this device's id once known.
pub fn written_line(t: &'static Texts, head: &Head, this_device: Option<&str>) -> String {
    let who = head.by.as_ref().map_or(t.conflicts.unknown_author, |a| a.name.as_str());
    let when = local_time(head.stamp.ms).map(t.common.date_time).unwrap_or_default();
    let device = if this_device == Some(head.stamp.device.as_str()) {
        t.conflicts.this_device.to_owned()
    } else {
        (t.conflicts.other_device)(short_device(&head.stamp.device))
    };
    (t.conflicts.written)(who, &when, &device)
}

/// This device's id, read once for a component that names devices.
pub fn this_device() -> LocalResource<Option<String>> {
    LocalResource::new(|| async { store().await.ok()?.device_id().await.ok() })
}

#[cfg(test)]
mod tests {
    use super::short_device;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn a_device_is_named_by_the_end_of_its_id() {
        assert_eq!(short_device("device-0f1e2d3c-aaaa-bbbb-cccc-1234567890ab"), "90ab");
        assert_eq!(short_device("ab"), "ab");
    }
}
