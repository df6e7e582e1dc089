//! English: NotesTexts.

use crate::i18n::groups::NotesTexts;

pub const TEXTS: NotesTexts = NotesTexts {
    title: "Support notes",
    new: "Write a note",
    new_title: "New support note",
    edit_title: "Edit support note",
    for_client,
    back: "Back to the notes",
    client_page: "Client details",
    at: "Date and time",
    place: "Place",
    place_name: place,
    place_detail: "Place details (required for Other)",
    present: "Present",
    present_hint: "Separate names with 、 or commas",
    details: "Place details and who was present",
    text: "Note (required)",
    links: "Link goals and domains",
    goals: "Plan goals",
    no_goals: "This client's support plan has no goals yet.",
    goal_untitled,
    unknown_goal: "(goal not in the plan)",
    domains: "Life domains",
    follow_up: "Follow-up task",
    follow_up_text: "Task",
    follow_up_due: "Due",
    follow_up_done: "Done",
    save: "Save",
    has_errors: "Please check the highlighted fields. Nothing has been saved yet.",
    saved: "✓ Saved",
    draft_restored: "An unsaved note you were writing has been restored.",
    discard_draft: "Discard unsaved note",
    search: "Search notes",
    search_placeholder: "Search the notes' text",
    filters: "Filters",
    all: "All",
    from: "From",
    to: "To",
    clear_filters: "Clear filters",
    count,
    more,
    empty: "No notes yet. Use \"Write a note\" to add one.",
    no_match: "No notes match.",
    edit: "Edit",
    due,
    overdue: "Overdue",
    delete_confirm: "Move this note to the trash? You can restore it from the trash within 30 days.",
    in_trash: "This note is in the trash. It is not listed until restored.",
    recorded_by,
    updated_by,
    history,
    history_help: "A correction never erases what was written before: who wrote what, and when, is kept.",
    history_created: "Written",
    history_corrected: "Corrected",
    history_trashed: "Moved to the trash",
    history_restored: "Restored from the trash",
    done_yes: "Done",
    done_no: "Not done",
};

fn for_client(name: &str) -> String {
    name.to_owned()
}
fn place(place: renkei_domain::visit_note::Place) -> &'static str {
    use renkei_domain::visit_note::Place;
    match place {
        Place::Home => "Home",
        Place::Workplace => "Workplace",
        Place::Office => "Our office",
        Place::Agency => "Other agency",
        Place::Remote => "Phone / online",
        Place::Other => "Other",
    }
}
fn goal_untitled(n: usize) -> String {
    format!("Goal {n}")
}
fn count(shown: usize, total: usize) -> String {
    if shown == total {
        format!("{total} notes")
    } else {
        format!("{shown} of {total} notes")
    }
}
fn more(n: usize) -> String {
    format!("Show more ({n} left)")
}
fn due(date: &str) -> String {
    format!("Due {date}")
}
fn recorded_by(name: &str) -> String {
    format!("Written by {name}")
}
fn updated_by(name: &str, when: &str) -> String {
    format!("Updated by {name} ({when})")
}
fn history(n: usize) -> String {
    format!("History ({n})")
}
