//! Items rated 一部支援が必要 or 支援が必要 become candidate plan goals. This
//! module only says which items and hands over what staff wrote about them;
//! the plan module decides what a goal looks like.

use super::catalogue::{Domain, Item};
use super::entry::{ItemEntry, Rating};
use super::{Assessment, AssessmentError};
use serde::{Deserialize, Serialize};

/// The starting point of a plan goal, taken from one assessed item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GoalSeed {
    pub domain_id: String,
    /// e.g. 「健康・食生活」
    pub domain_label_ja: String,
    pub item_id: String,
    /// e.g. 「食生活・栄養管理・食材選択」
    pub item_label_ja: String,
    /// 一部支援が必要 or 支援が必要.
    pub rating: Rating,
    /// The item's note (所見), as a draft of the goal's support content.
    pub note: String,
    /// 本人の言葉, so the goal can be written in the client's words.
    pub own_words: String,
    /// ストレングス, to build the support on.
    pub strengths: String,
}

impl GoalSeed {
    /// The seed for an item, if its rating calls for support.
    pub fn from_entry(domain: &Domain, item: &Item, entry: &ItemEntry) -> Option<Self> {
        entry.rating.needs_support().then(|| GoalSeed {
            domain_id: domain.id().to_owned(),
            domain_label_ja: domain.label_ja().to_owned(),
            item_id: item.id().to_owned(),
            item_label_ja: item.label_ja().to_owned(),
            rating: entry.rating,
            note: entry.note.clone(),
            own_words: entry.own_words.clone(),
            strengths: entry.strengths.clone(),
        })
    }
}

impl GoalSeed {
    /// The draft text of the plan goal: 「{item}: {note}」, or the item's
    /// label alone when there is no note. The サビ管 rewrites it in the
    /// plan; the label at the start keeps the item recognisable.
    pub fn goal_text(&self) -> String {
        let note = self.note.trim();
        if note.is_empty() {
            self.item_label_ja.clone()
        } else {
            format!("{}: {note}", self.item_label_ja)
        }
    }

    /// A short-term goal drafted from this item, placed at `order`: the text
    /// from [`GoalSeed::goal_text`], the item's domain as its life domain,
    /// and support, provider, frequency and period left for the plan.
    pub fn to_plan_goal(&self, order: u32) -> crate::plan::Goal {
        crate::plan::Goal {
            order,
            text: self.goal_text(),
            life_domains: vec![crate::plan::LifeDomainKey::new(&self.domain_id)],
            ..Default::default()
        }
    }

    /// Whether `goal` (not removed) was drafted from this item: it is linked
    /// to the item's domain and its text is the item's label, alone or
    /// followed by 「: 」. Labels are unique across the catalogue, so this
    /// names one item.
    pub fn is_source_of(&self, goal: &crate::plan::Goal) -> bool {
        let label = self.item_label_ja.as_str();
        !goal.removed
            && goal.life_domains.iter().any(|d| d.as_str() == self.domain_id)
            && (goal.text == label || goal.text.strip_prefix(label).is_some_and(|rest| rest.starts_with(": ")))
    }
}

impl Assessment {
    /// Every item that can become a plan goal, in catalogue order, labelled
    /// with the assessment's own catalogue version. Items the catalogue does
    /// not know have no domain or label and are not offered.
    pub fn goal_seeds(&self) -> Result<Vec<GoalSeed>, AssessmentError> {
        let catalogue = self.catalogue()?;
        Ok(catalogue.items().filter_map(|(d, i)| GoalSeed::from_entry(d, i, self.entry(i.id()))).collect())
    }

    /// The seed for one item: `Ok(None)` if the item is not in the
    /// catalogue or its rating does not call for support.
    pub fn goal_seed(&self, item_id: &str) -> Result<Option<GoalSeed>, AssessmentError> {
        let catalogue = self.catalogue()?;
        Ok(catalogue.item(item_id).and_then(|(d, i)| GoalSeed::from_entry(d, i, self.entry(item_id))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::AssessedBy;
    use chrono::NaiveDate;
    use uuid::Uuid;

    fn assessment(version: u32) -> Assessment {
        let mut a = Assessment::with_catalogue(
            Uuid::nil(),
            NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            AssessedBy::default(),
            version,
        );
        let rows = [
            ("health.diet", Rating::PartialSupport, "朝食を抜く"),
            ("health.health_care", Rating::Watch, ""),
            ("mobility.mobility", Rating::NeedsSupport, "バスの乗り換え"),
            ("work.role", Rating::NoIssue, ""),
            ("living.housework", Rating::Unconfirmed, "未確認のメモ"),
            ("health.unknown", Rating::NeedsSupport, ""),
        ];
        for (id, rating, note) in rows {
            a.set_entry(id, ItemEntry { rating, note: note.into(), own_words: "自分で".into(), ..Default::default() });
        }
        a
    }

    #[test]
    fn only_items_needing_support_become_seeds_in_catalogue_order() {
        let seeds = assessment(1).goal_seeds().unwrap();
        let got: Vec<(&str, &str, &str, Rating, &str)> = seeds
            .iter()
            .map(|s| (s.domain_id.as_str(), s.item_id.as_str(), s.item_label_ja.as_str(), s.rating, s.note.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("health", "health.diet", "食生活・栄養管理・食材選択", Rating::PartialSupport, "朝食を抜く"),
                ("mobility", "mobility.mobility", "モビリティー", Rating::NeedsSupport, "バスの乗り換え"),
            ]
        );
        assert_eq!(seeds[0].domain_label_ja, "健康・食生活");
        assert_eq!(seeds[0].own_words, "自分で");
    }

    #[test]
    fn seeds_use_the_assessments_own_catalogue_labels() {
        let seed = assessment(3).goal_seed("mobility.mobility").unwrap().unwrap();
        assert_eq!(seed.item_label_ja, "移動手段（モビリティー）");
        let seed = assessment(1).goal_seed("mobility.mobility").unwrap().unwrap();
        assert_eq!(seed.item_label_ja, "モビリティー");
    }

    #[test]
    fn a_seed_drafts_a_plan_goal_linked_to_its_domain() {
        let a = assessment(1);
        let seed = a.goal_seed("health.diet").unwrap().unwrap();
        assert_eq!(seed.goal_text(), "食生活・栄養管理・食材選択: 朝食を抜く");
        let goal = seed.to_plan_goal(3);
        assert_eq!(goal.order, 3);
        assert_eq!(goal.text, "食生活・栄養管理・食材選択: 朝食を抜く");
        assert_eq!(goal.life_domains, vec![crate::plan::LifeDomainKey::new("health")]);
        assert_eq!((goal.support.as_str(), goal.provider.as_str(), goal.removed), ("", "", false));

        let mut no_note = a.clone();
        no_note.entry_mut("health.diet").note = "  ".into();
        assert_eq!(no_note.goal_seed("health.diet").unwrap().unwrap().goal_text(), "食生活・栄養管理・食材選択");
    }

    #[test]
    fn a_goal_drafted_from_an_item_is_recognised() {
        let seed = assessment(1).goal_seed("health.diet").unwrap().unwrap();
        let goal = |text: &str, domain: &str, removed: bool| crate::plan::Goal {
            text: text.into(),
            life_domains: vec![crate::plan::LifeDomainKey::new(domain)],
            removed,
            ..Default::default()
        };
        let cases = [
            (goal("食生活・栄養管理・食材選択: 朝食を抜く", "health", false), true),
            (goal("食生活・栄養管理・食材選択: 書き直した目標", "health", false), true),
            (goal("食生活・栄養管理・食材選択", "health", false), true),
            (goal("食生活・栄養管理・食材選択: 朝食を抜く", "health", true), false),
            (goal("食生活・栄養管理・食材選択: 朝食を抜く", "living", false), false),
            (goal("食生活・栄養管理・食材選択の改善", "health", false), false),
            (goal("週3日通所する", "health", false), false),
        ];
        for (g, expected) in cases {
            assert_eq!(seed.is_source_of(&g), expected, "{g:?}");
        }
        assert!(seed.is_source_of(&seed.to_plan_goal(0)));
    }

    #[test]
    fn single_item_lookup() {
        let a = assessment(1);
        let cases = [
            ("health.diet", true),
            ("health.health_care", false), // 見守り
            ("work.role", false),          // 課題なし
            ("living.housework", false),   // 未確認
            ("living.housing", false),     // never touched
            ("health.unknown", false),     // not in the catalogue
        ];
        for (id, expected) in cases {
            assert_eq!(a.goal_seed(id).unwrap().is_some(), expected, "{id}");
        }
        let mut newer = a.clone();
        newer.catalogue_version = 5;
        assert_eq!(newer.goal_seeds(), Err(AssessmentError::UnknownCatalogue(5)));
    }
}
