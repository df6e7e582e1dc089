//! English: AgenciesTexts.

use crate::i18n::groups::AgenciesTexts;

pub const TEXTS: AgenciesTexts = AgenciesTexts {
    title: "Agencies",
    intro: "The region's agencies with their contact people, the stage of cooperation and every contact. Agencies not contacted for a while are marked.",
    new: "New agency",
    new_title: "New agency",
    to_region: "The region at a glance",
    back: "← Back to agencies",
    search: "Search by name or reading",
    all_categories: "All categories",
    all_types: "All types",
    count,
    empty: "No agency yet. Add one with “New agency”.",
    no_match: "No agency matches.",
    quiet: "Not contacted lately",
    not_here: "This agency is not on this device",
    not_here_hint: "Agencies added on other devices appear after a sync.",
    has_errors: "Some fields need attention (in red). Until they are valid, the input is kept as a draft.",
    section_basic: "Basic information",
    section_record: "Record",
    name: "Name",
    name_required: "Name (required)",
    kana: "Reading (kana)",
    category: "Category",
    agency_type: "Type",
    type_none: "(none)",
    phone: "Phone",
    call,
    address: "Address",
    hours: "Opening hours",
    hours_hint: "e.g. weekdays 8:30–17:15",
    services: "What they do for our clients",
    services_hint: "e.g. job offers, vocational assessment, job coach",
    notes: "Notes",
    people: "Contact people",
    people_none: "No contact person yet.",
    person: "Contact person",
    person_name: "Name",
    person_role: "Role",
    person_role_hint: "e.g. employment support, job coach",
    add_person: "Add a contact person",
    remove_person: "Remove this person",
    stage: "Stage of cooperation",
    stage_none: "(not decided)",
    stage_now: "Current stage",
    stage_since: "Since",
    stage_reason: "Why",
    stage_reason_hint: "e.g. monthly case meetings started",
    stage_history: "Stage history",
    stage_entry,
    stage_cleared: "Stage cleared",
    set_by,
    someone: "this device",
    views: "How each side sees it",
    views_hint: "Record how our office sees the cooperation and how the agency sees it. Where the two differ is listed on “The region at a glance”.",
    our_view: "Our view",
    their_view: "Their view",
    asked_on: "Our view checked on",
    asked_on_theirs: "They were asked on",
    gap_opposite: "Perception gap: our view and theirs are opposite.",
    gap_different: "Our view and theirs differ a little.",
    delete_confirm: "Move this agency to the trash? Its contacts are kept.",
    in_trash: "This agency is in the trash.",
    contacts: "Contacts",
    contacts_hint: "Record calls, visits and meetings. Works offline; synced later.",
    contacts_none: "No contact recorded yet.",
    channel: "How",
    contact_text: "What about",
    contact_more: "Set the time, person or client",
    contact_date: "Date",
    contact_time: "Time",
    contact_person: "Their contact person",
    person_unnamed: "(not named)",
    contact_client: "About which client",
    no_client: "(no client)",
    contact_save: "Record",
    contact_saved: "✓ Recorded",
    contact_correct: "Correct",
    contact_save_correction: "Record the correction",
    contact_delete_confirm: "Move this contact to the trash? The last contact date then comes from the other entries. You can restore it from the trash within 30 days.",
    contact_history,
    contact_history_help: "A correction never erases the earlier wording: who wrote what, and when, is kept.",
    contact_created: "Created",
    contact_corrected: "Correction",
    contact_was_corrected: "Corrected",
    with_person,
    about_client,
    written_by,
};

fn count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} agencies")
    } else {
        format!("{shown} of {total} agencies")
    }
}

fn call(phone: &str) -> String {
    format!("Call {phone}")
}

fn stage_entry(day: &str, stage: &str, reason: &str) -> String {
    if reason.is_empty() {
        format!("{stage} from {day}")
    } else {
        format!("{stage} from {day} ({reason})")
    }
}

fn set_by(who: &str) -> String {
    format!("set by {who}")
}

fn with_person(name: &str) -> String {
    format!("with {name}")
}

fn about_client(name: &str) -> String {
    format!("about {name}")
}

fn written_by(name: &str) -> String {
    format!("Recorded by {name}")
}

fn contact_history(n: usize) -> String {
    format!("History of this entry ({n} saves)")
}
