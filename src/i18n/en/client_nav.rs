//! English: ClientNavTexts.

use crate::i18n::groups::ClientNavTexts;

pub const TEXTS: ClientNavTexts = ClientNavTexts {
    label: "Records of this client",
    notes: "Support notes",
    assessment: "Assessment",
    meetings: "Meetings",
    network: "Network",
};
