//! English: ClientNetworkTexts.

use crate::i18n::groups::ClientNetworkTexts;

pub const TEXTS: ClientNetworkTexts = ClientNetworkTexts {
    back: "← Back to the client",
    title,
    intro: "The agencies involved with this client, their contact people and roles. The line shows the stage of cooperation.",
    empty: "No agency yet. Add one below with “Link an agency”.",
    ecomap_caption,
    legend: "Lines: dotted = no stage, dashed = linkage, solid = coordination, thick = integration",
    table_caption: "Agencies involved",
    ended: "Agencies involved earlier",
    print: "Print",
    no_stage: "not set",
    since,
    period,
    end: "End involvement",
    col_agency: "Agency",
    col_category: "Category",
    col_role: "Role",
    col_person: "Contact person",
    col_phone: "Phone",
    col_stage: "Stage",
    col_period: "Period",
    add: "Link an agency",
    no_agencies: "No agency in the directory yet. Add agencies first:",
    agency: "Agency (required)",
    choose_agency: "(choose)",
    person: "Contact person",
    no_person: "(none)",
    role: "Role for this client",
    role_hint: "e.g. job placement and retention support",
    since_label: "Since",
    add_button: "Link",
};

fn title(name: &str) -> String {
    format!("Support network of {name}")
}

fn ecomap_caption(name: &str, n: usize) -> String {
    format!("Ecomap: {name} and {n} agencies")
}

fn since(day: &str) -> String {
    format!("since {day}")
}

fn period(from: &str, until: &str) -> String {
    format!("{from} – {until}")
}
