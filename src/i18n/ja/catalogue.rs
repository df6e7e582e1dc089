//! 日本語: CatalogueTexts. The catalogue is worded in Japanese, so every
//! domain and item keeps the wording of its catalogue version.

use crate::i18n::groups::CatalogueTexts;

pub const TEXTS: CatalogueTexts = CatalogueTexts {
    domains: |_| None,
    domain_details: |_| None,
    items: |_| None,
    item_details: |_| None,
    item_headings: |_| None,
    bracketed: |detail| format!("（{detail}）"),
};
