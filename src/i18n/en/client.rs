//! English: ClientTexts.

use crate::i18n::groups::ClientTexts;

pub const TEXTS: ClientTexts = ClientTexts {
    new_title: "New client",
    not_here_title: "Client record",
    not_here: "This client's record is not on this device",
    not_here_sync_hint: "Records made on other devices reach this one when it syncs. It opens by itself as soon as it arrives.",
    not_here_sync: "Sync now",
    not_here_syncing: "Syncing…",
    not_here_sign_in_hint: "This device is not signed in to an office server, so it cannot receive other devices' records. Sign in from Settings.",
    not_here_settings: "Open Settings",
    name: "Name (required)",
    kana: "Reading (kana)",
    kana_hint: "hiragana or katakana",
    age,
    life_stage: "Life stage",
    stage_auto: "From date of birth",
    stage_override: "Set life stage manually",
    stage_reason: "Reason for manual setting",
    recipient_hint: "10 digits (optional)",
    status: "Status",
    status_active: "Active",
    status_ended: "Ended",
    staff: "Responsible staff",
    services: "Services used",
    service_type: "Service type",
    service_choose: "Choose",
    service_start: "Start",
    service_end: "End",
    service_add: "Add service",
    service_remove: "Remove this service",
    no_services: "No services recorded.",
    archive: "Archive",
    restore: "Restore from archive",
    archived_notice: "This client is archived and hidden from the list.",
    section_basic: "Basic information",
    section_wishes: "Wishes",
    section_services: "Services",
    section_record: "Record",
    has_errors: "Some fields are invalid. Your input is kept as a draft and saved once it is valid.",
    delete_confirm: "Move this client to the trash? You can restore it from the trash within 30 days.",
    in_trash: "This client is in the trash. It is hidden from the list until restored.",
};

fn age(years: i32) -> String {
    format!("age {years}")
}
