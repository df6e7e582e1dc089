//! The eight life domains and their items (the assessment catalogue,
//! `renkei_domain::assessment::catalogue`), as assessments and notes name
//! them.
//!
//! The catalogue is versioned data worded in Japanese. A table names a domain
//! or an item by its stable id and answers `None` for an id it does not know
//! (a later catalogue version); the catalogue's own wording is shown then.

use renkei_domain::assessment::{Domain, Item};

pub struct CatalogueTexts {
    /// A domain's short name (it labels a radar-chart axis), by id: `"health"`.
    pub domains: fn(&str) -> Option<&'static str>,
    /// The bracketed part of a domain's name, by id.
    pub domain_details: fn(&str) -> Option<&'static str>,
    /// An item's name, by id: `"health.diet"`.
    pub items: fn(&str) -> Option<&'static str>,
    /// An item's bracketed examples, by id (used where the item's catalogue
    /// version has them).
    pub item_details: fn(&str) -> Option<&'static str>,
    /// The sub-heading a catalogue version puts before an item, by the id of
    /// the item it opens (used where the version has one).
    pub item_headings: fn(&str) -> Option<&'static str>,
    /// Puts a detail in brackets after a name: 「（…）」, " (…)".
    pub bracketed: fn(&str) -> String,
}

impl CatalogueTexts {
    /// 「健康・食生活」, "Health and diet".
    pub fn domain(&self, domain: &Domain) -> &'static str {
        (self.domains)(domain.id()).unwrap_or(domain.label_ja())
    }

    /// The marker and the name: 「① 健康・食生活」.
    pub fn domain_label(&self, domain: &Domain) -> String {
        format!("{} {}", domain.marker(), self.domain(domain))
    }

    /// The marker, the name and its detail: 「① 健康・食生活（生活環境・安全）」.
    pub fn domain_heading(&self, domain: &Domain) -> String {
        match (self.domain_details)(domain.id()).or(domain.detail_ja()) {
            Some(detail) => format!("{}{}", self.domain_label(domain), (self.bracketed)(detail)),
            None => self.domain_label(domain),
        }
    }

    pub fn item(&self, item: &Item) -> &'static str {
        (self.items)(item.id()).unwrap_or(item.label_ja())
    }

    pub fn item_detail(&self, item: &Item) -> Option<&'static str> {
        item.detail_ja().map(|ja| (self.item_details)(item.id()).unwrap_or(ja))
    }

    /// The sub-heading before `item`, if its catalogue version has one.
    pub fn item_heading(&self, item: &Item) -> Option<&'static str> {
        item.heading_ja().map(|ja| (self.item_headings)(item.id()).unwrap_or(ja))
    }

    /// An item known by its id, with what the catalogue calls it (its label,
    /// or the id when no catalogue knows it).
    pub fn item_by_id(&self, id: &str, catalogue_label: &str) -> String {
        (self.items)(id).unwrap_or(catalogue_label).to_owned()
    }
}
