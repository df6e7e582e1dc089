//! Comparing two assessments of a client (前回との比較): per domain the score
//! change, per item what happened to the rating.
//!
//! Each assessment is read with its own catalogue version, so an assessment
//! made before a catalogue change compares with one made after: renamed
//! items match by id and show the newer name, added items appear as new
//! when rated, retired items are reported as retired, and ids neither
//! catalogue knows are still listed.

use super::catalogue::{Catalogue, Domain};
use super::entry::Rating;
use super::score::DomainSummary;
use super::{Assessment, AssessmentError};
use serde::{Deserialize, Serialize};

/// What happened to one item between the earlier and the later assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemChange {
    /// Rated both times, less support needed now.
    Improved,
    /// Rated both times, more support needed now.
    Worsened,
    /// Rated the same both times.
    Unchanged,
    /// Rated now; absent or 未確認 before (including items added to the
    /// catalogue since).
    New,
    /// Rated before; 未確認 now although the item is still in the catalogue.
    NoLongerAssessed,
    /// The later assessment's catalogue no longer has the item.
    Retired,
    /// 未確認 both times.
    NotRated,
}

impl ItemChange {
    pub fn label_ja(self) -> &'static str {
        match self {
            ItemChange::Improved => "改善",
            ItemChange::Worsened => "悪化",
            ItemChange::Unchanged => "変化なし",
            ItemChange::New => "新たに評価",
            ItemChange::NoLongerAssessed => "今回未評価",
            ItemChange::Retired => "廃止された項目",
            ItemChange::NotRated => "未評価",
        }
    }

    /// The change between two ratings of an item both catalogues have.
    pub fn between(before: Rating, after: Rating) -> Self {
        match (before.need_level(), after.need_level()) {
            (None, None) => ItemChange::NotRated,
            (None, Some(_)) => ItemChange::New,
            (Some(_), None) => ItemChange::NoLongerAssessed,
            (Some(b), Some(a)) if a < b => ItemChange::Improved,
            (Some(b), Some(a)) if a > b => ItemChange::Worsened,
            (Some(_), Some(_)) => ItemChange::Unchanged,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ItemComparison {
    pub item_id: String,
    /// The later catalogue's label, else the earlier one's; `None` for an
    /// id neither catalogue knows.
    pub label_ja: Option<&'static str>,
    pub before: Rating,
    pub after: Rating,
    pub change: ItemChange,
}

impl ItemComparison {
    /// The label, or the id for an item no catalogue names.
    pub fn display_label(&self) -> &str {
        self.label_ja.unwrap_or(&self.item_id)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct DomainComparison {
    /// From the later catalogue if it has the domain, else the earlier one.
    pub domain: &'static Domain,
    /// `None` if that assessment's catalogue has no such domain.
    pub before: Option<DomainSummary>,
    pub after: Option<DomainSummary>,
    /// Items of the later catalogue in its order, then items only the
    /// earlier one had.
    pub items: Vec<ItemComparison>,
}

impl DomainComparison {
    /// Later score minus earlier score (positive: more support needed);
    /// `None` unless both have a score.
    pub fn score_delta(&self) -> Option<i16> {
        let before = self.before?.score?;
        let after = self.after?.score?;
        Some(i16::from(after) - i16::from(before))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    pub before_version: u32,
    pub after_version: u32,
    /// The later catalogue's domains in order, then any only the earlier had.
    pub domains: Vec<DomainComparison>,
    /// Items stored in either assessment that neither catalogue knows.
    pub unknown_items: Vec<ItemComparison>,
}

impl Comparison {
    /// Every item comparison, domain by domain, then the unknown ones.
    pub fn items(&self) -> impl Iterator<Item = &ItemComparison> {
        self.domains.iter().flat_map(|d| d.items.iter()).chain(self.unknown_items.iter())
    }
}

/// Compares `before` (the earlier assessment) with `after` (the later one).
/// Fails only if either was made with a catalogue this app does not know.
pub fn compare(before: &Assessment, after: &Assessment) -> Result<Comparison, AssessmentError> {
    let (old, new) = (before.catalogue()?, after.catalogue()?);
    let (old_view, new_view) = (before.view()?, after.view()?);

    let mut domains: Vec<&'static Domain> = new.domains().iter().collect();
    domains.extend(old.domains().iter().filter(|d| new.domain(d.id()).is_none()));

    let domains = domains
        .into_iter()
        .map(|domain| {
            let mut ids: Vec<&'static str> = Vec::new();
            for cat in [new, old] {
                if let Some(d) = cat.domain(domain.id()) {
                    for item in d.items() {
                        if !ids.contains(&item.id()) {
                            ids.push(item.id());
                        }
                    }
                }
            }
            DomainComparison {
                domain,
                before: old_view.summary(domain.id()),
                after: new_view.summary(domain.id()),
                items: ids.into_iter().map(|id| item_comparison(id, before, after, old, new)).collect(),
            }
        })
        .collect();

    let mut unknown: Vec<&str> = Vec::new();
    for (id, _) in before.entries().chain(after.entries()) {
        if old.item(id).is_none() && new.item(id).is_none() && !unknown.contains(&id) {
            unknown.push(id);
        }
    }
    unknown.sort_unstable();
    let unknown_items = unknown.into_iter().map(|id| item_comparison(id, before, after, old, new)).collect();

    Ok(Comparison { before_version: old.version(), after_version: new.version(), domains, unknown_items })
}

fn item_comparison(
    id: &str,
    before: &Assessment,
    after: &Assessment,
    old: &'static Catalogue,
    new: &'static Catalogue,
) -> ItemComparison {
    let (b, a) = (before.rating(id), after.rating(id));
    let in_new = new.item(id);
    let retired = in_new.is_none() && old.item(id).is_some() && !a.is_rated();
    let label_ja = in_new.or_else(|| old.item(id)).map(|(_, item)| item.label_ja());
    ItemComparison {
        item_id: id.to_owned(),
        label_ja,
        before: b,
        after: a,
        change: if retired { ItemChange::Retired } else { ItemChange::between(b, a) },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AssessedBy;
    use chrono::NaiveDate;
    use uuid::Uuid;
    use Rating::*;

    fn assessment(version: u32, day: u32, ratings: &[(&str, Rating)]) -> Assessment {
        let mut a = Assessment::with_catalogue(
            Uuid::nil(),
            NaiveDate::from_ymd_opt(2025, 10, day).unwrap(),
            AssessedBy::default(),
            version,
        );
        for (id, rating) in ratings {
            a.entry_mut(id).rating = *rating;
        }
        a
    }

    fn find<'a>(c: &'a Comparison, id: &str) -> &'a ItemComparison {
        c.items().find(|i| i.item_id == id).unwrap_or_else(|| panic!("{id} missing"))
    }

    fn domain<'a>(c: &'a Comparison, id: &str) -> &'a DomainComparison {
        c.domains.iter().find(|d| d.domain.id() == id).unwrap()
    }

    #[test]
    fn change_between_two_ratings() {
        let cases = [
            (Unconfirmed, Unconfirmed, ItemChange::NotRated),
            (Unconfirmed, NoIssue, ItemChange::New),
            (Unconfirmed, NeedsSupport, ItemChange::New),
            (Watch, Unconfirmed, ItemChange::NoLongerAssessed),
            (NeedsSupport, PartialSupport, ItemChange::Improved),
            (Watch, NoIssue, ItemChange::Improved),
            (NoIssue, Watch, ItemChange::Worsened),
            (PartialSupport, NeedsSupport, ItemChange::Worsened),
            (NoIssue, NoIssue, ItemChange::Unchanged),
            (NeedsSupport, NeedsSupport, ItemChange::Unchanged),
        ];
        for (before, after, change) in cases {
            assert_eq!(ItemChange::between(before, after), change, "{before:?} → {after:?}");
        }
    }

    #[test]
    fn same_catalogue_per_item_and_per_domain() {
        let before = assessment(
            1,
            1,
            &[
                ("health.diet", NeedsSupport),
                ("health.health_care", Watch),
                ("health.crime_prevention", NoIssue),
                ("work.role", PartialSupport),
            ],
        );
        let after = assessment(
            1,
            20,
            &[
                ("health.diet", PartialSupport),
                ("health.health_care", Watch),
                ("health.crime_prevention", Watch),
                ("health.disaster", NoIssue),
                ("living.housework", NeedsSupport),
            ],
        );
        let c = compare(&before, &after).unwrap();
        let cases = [
            ("health.diet", ItemChange::Improved),
            ("health.health_care", ItemChange::Unchanged),
            ("health.crime_prevention", ItemChange::Worsened),
            ("health.disaster", ItemChange::New),
            ("work.role", ItemChange::NoLongerAssessed),
            ("living.housework", ItemChange::New),
            ("living.housing", ItemChange::NotRated),
        ];
        for (id, change) in cases {
            assert_eq!(find(&c, id).change, change, "{id}");
        }
        assert_eq!(c.items().count(), 40);
        assert!(c.unknown_items.is_empty());

        // health: (3+1+0)/9 → 44, then (2+1+1+0)/12 → 33.
        let health = domain(&c, "health");
        assert_eq!((health.before.unwrap().score, health.after.unwrap().score), (Some(44), Some(33)));
        assert_eq!(health.score_delta(), Some(-11));
        // A domain rated only once has no delta.
        assert_eq!(domain(&c, "living").score_delta(), None);
        assert_eq!(domain(&c, "work").score_delta(), None);
        assert_eq!(domain(&c, "mobility").score_delta(), None);
        let numbers: Vec<u8> = c.domains.iter().map(|d| d.domain.number()).collect();
        assert_eq!(numbers, (1..=8).collect::<Vec<_>>());
    }

    #[test]
    fn a_version_one_assessment_compares_with_a_version_two_one() {
        let before = assessment(
            1,
            1,
            &[
                ("income.investment", Watch),
                ("income.saving", PartialSupport),
                ("mobility.mobility", NeedsSupport),
                ("health.diet", Watch),
            ],
        );
        let after = assessment(
            3,
            20,
            &[
                ("income.saving", Watch),
                ("mobility.mobility", Watch),
                ("health.sleep", PartialSupport),
                ("health.diet", Watch),
            ],
        );
        let c = compare(&before, &after).unwrap();
        assert_eq!((c.before_version, c.after_version), (1, 3));

        let retired = find(&c, "income.investment");
        assert_eq!(
            (retired.change, retired.before, retired.label_ja),
            (ItemChange::Retired, Watch, Some("質向上のための資本投下"))
        );
        let renamed = find(&c, "mobility.mobility");
        assert_eq!((renamed.change, renamed.label_ja), (ItemChange::Improved, Some("移動手段（モビリティー）")));
        let added = find(&c, "health.sleep");
        assert_eq!((added.change, added.before), (ItemChange::New, Unconfirmed));
        assert_eq!(find(&c, "income.saving").change, ItemChange::Improved);
        assert_eq!(find(&c, "health.diet").change, ItemChange::Unchanged);

        // The retired item sits after the later catalogue's items of its domain.
        let income: Vec<&str> = domain(&c, "income").items.iter().map(|i| i.item_id.as_str()).collect();
        assert_eq!(
            income,
            vec!["income.life_planning", "income.living_cost", "income.assets", "income.saving", "income.investment"]
        );
        // 41 rows: the 40 of v2 plus the item v1 had and v2 retired.
        assert_eq!(c.items().count(), 41);

        // Each side is scored with its own catalogue: income before (1+2)/6
        // → 50, after only 蓄財の意識 (見守り) → 33.
        let income = domain(&c, "income");
        assert_eq!(income.before.unwrap().total, 5);
        assert_eq!(income.after.unwrap().total, 4);
        assert_eq!(income.score_delta(), Some(33 - 50));
        // health before 見守り alone → 33; after (1+2)/6 → 50.
        assert_eq!(domain(&c, "health").score_delta(), Some(17));

        // And the other way round (a v2 assessment compared with an older
        // v1 one, e.g. choosing the baseline by hand): nothing is lost.
        let back = compare(&after, &before).unwrap();
        assert_eq!(find(&back, "health.sleep").change, ItemChange::Retired);
        assert_eq!(find(&back, "income.investment").change, ItemChange::New);
        assert_eq!(find(&back, "mobility.mobility").label_ja, Some("モビリティー"));
    }

    #[test]
    fn ids_no_catalogue_knows_are_listed_not_dropped() {
        let before = assessment(1, 1, &[("health.future", Watch)]);
        let after = assessment(1, 20, &[("zzz.other", NoIssue), ("health.future", NeedsSupport)]);
        let c = compare(&before, &after).unwrap();
        let ids: Vec<(&str, ItemChange)> = c.unknown_items.iter().map(|i| (i.display_label(), i.change)).collect();
        assert_eq!(ids, vec![("health.future", ItemChange::Worsened), ("zzz.other", ItemChange::New)]);
        assert!(c.unknown_items.iter().all(|i| i.label_ja.is_none()));
    }

    #[test]
    fn an_unknown_catalogue_on_either_side_is_an_error() {
        let ok = assessment(1, 1, &[]);
        let newer = assessment(9, 2, &[]);
        assert_eq!(compare(&ok, &newer).unwrap_err(), AssessmentError::UnknownCatalogue(9));
        assert_eq!(compare(&newer, &ok).unwrap_err(), AssessmentError::UnknownCatalogue(9));
    }

    #[test]
    fn change_labels_are_distinct() {
        let all = [
            ItemChange::Improved,
            ItemChange::Worsened,
            ItemChange::Unchanged,
            ItemChange::New,
            ItemChange::NoLongerAssessed,
            ItemChange::Retired,
            ItemChange::NotRated,
        ];
        let labels: std::collections::BTreeSet<&str> = all.iter().map(|c| c.label_ja()).collect();
        assert_eq!(labels.len(), all.len());
    }
}
