//! An assessment laid out with the catalogue it was made with: what the
//! assessment screen, the radar chart and the handover sheet show.

use super::catalogue::{Catalogue, Domain, Item};
use super::entry::{ItemEntry, Rating};
use super::score::DomainSummary;
use super::{Assessment, AssessmentError};

/// Every domain and item of the assessment's own catalogue version with its
/// entry, plus the stored entries that catalogue does not know.
#[derive(Debug, Clone, PartialEq)]
pub struct AssessmentView<'a> {
    pub catalogue: &'static Catalogue,
    pub domains: Vec<DomainView<'a>>,
    /// Entries whose item id is not in the catalogue (written by a newer app
    /// or by hand). Shown as they are, under their id; not scored.
    pub unknown: Vec<(&'a str, &'a ItemEntry)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DomainView<'a> {
    pub domain: &'static Domain,
    pub items: Vec<ItemView<'a>>,
    pub summary: DomainSummary,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemView<'a> {
    pub item: &'static Item,
    /// [`ItemEntry::EMPTY`] for an item never touched.
    pub entry: &'a ItemEntry,
}

impl Assessment {
    /// The assessment laid out with the catalogue version it was made with,
    /// so later catalogue changes never alter how it reads.
    pub fn view(&self) -> Result<AssessmentView<'_>, AssessmentError> {
        let catalogue = self.catalogue()?;
        let domains = catalogue
            .domains()
            .iter()
            .map(|domain| {
                let items: Vec<ItemView> =
                    domain.items().iter().map(|item| ItemView { item, entry: self.entry(item.id()) }).collect();
                let ratings: Vec<Rating> = items.iter().map(|i| i.entry.rating).collect();
                DomainView { domain, summary: DomainSummary::of(&ratings), items }
            })
            .collect();
        let unknown = self.entries().filter(|(id, _)| catalogue.item(id).is_none()).collect();
        Ok(AssessmentView { catalogue, domains, unknown })
    }
}

impl AssessmentView<'_> {
    /// The summary of the domain `id`, if the catalogue has it.
    pub fn summary(&self, domain_id: &str) -> Option<DomainSummary> {
        self.domains.iter().find(|d| d.domain.id() == domain_id).map(|d| d.summary)
    }

    /// Items rated, over all domains.
    pub fn rated(&self) -> usize {
        self.domains.iter().map(|d| d.summary.rated).sum()
    }

    /// Items in the catalogue, over all domains.
    pub fn total(&self) -> usize {
        self.domains.iter().map(|d| d.summary.total).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AssessedBy;
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn assessment(version: u32, ratings: &[(&str, Rating)]) -> Assessment {
        let mut a = Assessment::with_catalogue(
            Uuid::nil(),
            NaiveDate::from_ymd_opt(2025, 10, 1).unwrap(),
            AssessedBy::default(),
            version,
        );
        for (id, rating) in ratings {
            a.entry_mut(id).rating = *rating;
        }
        a
    }

    #[test]
    fn an_empty_assessment_shows_every_item_unrated_and_no_scores() {
        let a = assessment(1, &[]);
        let v = a.view().unwrap();
        assert_eq!(v.domains.len(), 8);
        assert_eq!((v.rated(), v.total()), (0, 40));
        assert!(v.domains.iter().all(|d| d.summary.score.is_none()));
        assert!(v.domains.iter().flat_map(|d| &d.items).all(|i| i.entry.is_empty()));
        assert!(v.unknown.is_empty());
    }

    #[test]
    fn scores_and_progress_per_domain() {
        let a = assessment(
            1,
            &[
                ("health.diet", Rating::Watch),
                ("health.health_care", Rating::NeedsSupport),
                ("community.local_change", Rating::NoIssue),
            ],
        );
        let v = a.view().unwrap();
        let health = v.summary("health").unwrap();
        assert_eq!((health.score, health.rated, health.total, health.unrated()), (Some(67), 2, 4, 2));
        assert_eq!(v.summary("community").unwrap().score, Some(0));
        assert_eq!(v.summary("living").unwrap().score, None);
        assert_eq!(v.rated(), 3);
    }

    #[test]
    fn a_version_one_assessment_renders_with_version_one_labels_and_items() {
        let a = assessment(1, &[("mobility.mobility", Rating::Watch), ("income.investment", Rating::PartialSupport)]);
        let v = a.view().unwrap();
        assert_eq!(v.catalogue.version(), 1);
        let mobility = v.domains.iter().find(|d| d.domain.id() == "mobility").unwrap();
        let row = mobility.items.iter().find(|i| i.item.id() == "mobility.mobility").unwrap();
        assert_eq!(row.item.label_ja(), "モビリティー", "not the v2 name");
        assert_eq!(row.entry.rating, Rating::Watch);
        let income = v.domains.iter().find(|d| d.domain.id() == "income").unwrap();
        assert_eq!(income.items.len(), 5, "the item retired in v2 is still part of a v1 assessment");
        assert_eq!(income.summary.score, Some(67));
        let health = v.domains.iter().find(|d| d.domain.id() == "health").unwrap();
        assert!(health.items.iter().all(|i| i.item.id() != "health.sleep"), "the item added in v2 is absent");

        // The same item under v2 shows the new name; v2 has one item more
        // and one less, so the total is unchanged.
        let b = assessment(3, &[("mobility.mobility", Rating::Watch)]);
        let v2 = b.view().unwrap();
        let (_, item) = v2.catalogue.item("mobility.mobility").unwrap();
        assert_eq!(item.label_ja(), "移動手段（モビリティー）");
        assert_eq!(v2.total(), 40);
    }

    #[test]
    fn entries_unknown_to_the_catalogue_are_kept_and_listed() {
        // A v1 assessment holding the v2-only item (e.g. typed by hand):
        // listed under its id, not scored, not dropped.
        let a = assessment(1, &[("health.sleep", Rating::NeedsSupport), ("health.diet", Rating::NoIssue)]);
        let v = a.view().unwrap();
        assert_eq!(v.unknown, vec![("health.sleep", a.entry("health.sleep"))]);
        assert_eq!(v.summary("health").unwrap().score, Some(0));
    }

    #[test]
    fn an_unknown_catalogue_version_cannot_be_viewed() {
        assert_eq!(assessment(7, &[]).view().unwrap_err(), AssessmentError::UnknownCatalogue(7));
    }
}
