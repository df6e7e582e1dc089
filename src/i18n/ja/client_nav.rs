//! 日本語: ClientNavTexts.

use crate::i18n::groups::ClientNavTexts;

pub const TEXTS: ClientNavTexts = ClientNavTexts {
    label: "この利用者の記録",
    notes: "支援記録",
    assessment: "アセスメント",
    network: "支援ネットワーク",
    meetings: "地域連携会議",
};
