//! The eight-domain catalogue (docs/assessment.md; from the seed's last slide
//! 「社会生活の多様性 ～トータルな視点での支援～」) as versioned data.
//!
//! Why versions: an assessment is a dated document that staff compare with
//! later ones and hand over to the next agency. If the list of items changes
//! (an item added, renamed or retired), an old assessment must still show the
//! items and wording it was made with. So every assessment stores the
//! catalogue version it used, and every published version stays here,
//! unchanged, forever.
//!
//! Rules for a new version (enforced by the tests for every known version):
//! - copy the previous version and edit the copy; never edit a published
//!   version;
//! - an id is an ASCII key that never changes and never moves to another
//!   domain; a renamed item keeps its id, a retired item's id is never reused
//!   for something else;
//! - unchanged domains reuse the previous version's item list (a `const`),
//!   so a version only spells out what it changes.

/// The catalogue version new assessments use.
pub const CURRENT_VERSION: u32 = 2;

/// One version of the catalogue: the eight domains and their items.
#[derive(Debug, PartialEq, Eq)]
pub struct Catalogue {
    version: u32,
    domains: &'static [Domain],
}

/// A life domain (領域), ① to ⑧.
#[derive(Debug, PartialEq, Eq)]
pub struct Domain {
    id: &'static str,
    number: u8,
    label_ja: &'static str,
    detail_ja: Option<&'static str>,
    items: &'static [Item],
}

/// One item of a domain.
#[derive(Debug, PartialEq, Eq)]
pub struct Item {
    id: &'static str,
    label_ja: &'static str,
    detail_ja: Option<&'static str>,
    heading_ja: Option<&'static str>,
}

/// The catalogue of `version`, or `None` if this app does not know it (an
/// assessment made by a newer app).
pub fn catalogue(version: u32) -> Option<&'static Catalogue> {
    match version {
        1 => Some(&V1),
        2 => Some(&V2),
        #[cfg(test)]
        3 => Some(&test_v3::V3),
        _ => None,
    }
}

/// The catalogue new assessments use.
pub fn current() -> &'static Catalogue {
    catalogue(CURRENT_VERSION).expect("the current catalogue version is known")
}

/// Every catalogue version this app knows, oldest first.
pub fn versions() -> impl Iterator<Item = &'static Catalogue> {
    (1..).map_while(catalogue)
}

impl Catalogue {
    pub fn version(&self) -> u32 {
        self.version
    }

    /// The domains in their order ① to ⑧.
    pub fn domains(&self) -> &'static [Domain] {
        self.domains
    }

    pub fn domain(&self, id: &str) -> Option<&'static Domain> {
        self.domains.iter().find(|d| d.id == id)
    }

    /// Every item with its domain, in display order.
    pub fn items(&self) -> impl Iterator<Item = (&'static Domain, &'static Item)> {
        self.domains.iter().flat_map(|d| d.items.iter().map(move |i| (d, i)))
    }

    /// The item with `id` and the domain it belongs to.
    pub fn item(&self, id: &str) -> Option<(&'static Domain, &'static Item)> {
        self.items().find(|(_, i)| i.id == id)
    }
}

/// Circled numbers used for the domains on the seed slide.
const MARKERS: [&str; 8] = ["①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧"];

impl Domain {
    /// Stable ASCII key, e.g. `"health"`.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// 1 to 8.
    pub fn number(&self) -> u8 {
        self.number
    }

    /// "①" to "⑧".
    pub fn marker(&self) -> &'static str {
        MARKERS[usize::from(self.number) - 1]
    }

    /// Short name, e.g. 「健康・食生活」 (fits a radar-chart axis).
    pub fn label_ja(&self) -> &'static str {
        self.label_ja
    }

    /// The parenthesised part of the name, e.g. 「生活環境・安全」.
    pub fn detail_ja(&self) -> Option<&'static str> {
        self.detail_ja
    }

    pub fn items(&self) -> &'static [Item] {
        self.items
    }
}

impl Item {
    /// Stable ASCII key, `"<domain>.<item>"`, e.g. `"health.diet"`.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// Short name, e.g. 「住環境」.
    pub fn label_ja(&self) -> &'static str {
        self.label_ja
    }

    /// The parenthesised examples, e.g. 「自治会・近所づきあい」.
    pub fn detail_ja(&self) -> Option<&'static str> {
        self.detail_ja
    }

    /// A sub-heading shown before this item, grouping it and the items
    /// after it within the domain (② has 「暮らし」 before 家事・家政).
    pub fn heading_ja(&self) -> Option<&'static str> {
        self.heading_ja
    }
}

const fn item(id: &'static str, label_ja: &'static str) -> Item {
    Item { id, label_ja, detail_ja: None, heading_ja: None }
}

const fn item_with(id: &'static str, label_ja: &'static str, detail_ja: &'static str) -> Item {
    Item { id, label_ja, detail_ja: Some(detail_ja), heading_ja: None }
}

const fn under(heading_ja: &'static str, item: Item) -> Item {
    Item { heading_ja: Some(heading_ja), ..item }
}

// ---- Version 1: the seed (docs/assessment.md) -----------------------------

const HEALTH_V1: &[Item] = &[
    item("health.diet", "食生活・栄養管理・食材選択"),
    item("health.health_care", "健康管理・疾病管理"),
    item("health.crime_prevention", "防犯・安全"),
    item("health.disaster", "地域の防災・危険時対応"),
];

const LIVING_V1: &[Item] = &[
    item_with("living.environment", "住環境", "立地条件・まちづくり・生活関連施設の利便性・バリアフリー"),
    item("living.housing", "住居管理・設備"),
    item("living.amenities", "生活施設・娯楽"),
    item("living.facilities", "施設やサービス機能"),
    item("living.housework", "家事・家政"),
    item("living.home_services", "在宅サービス"),
    item("living.municipal_services", "基礎自治体のサービス状況"),
];

const INCOME_V1: &[Item] = &[
    item("income.life_planning", "生活設計"),
    item("income.living_cost", "生活コスト"),
    item("income.assets", "財・資産の保有"),
    item("income.saving", "蓄財の意識"),
    item("income.investment", "質向上のための資本投下"),
];

const WORK_V1: &[Item] = &[
    item("work.individuality", "個性の発揮"),
    item("work.role", "役割の実現"),
    item("work.livelihood", "生計の維持"),
    item("work.employment_environment", "雇用環境"),
    item("work.industry_trends", "産業動向"),
];

const LEARNING_V1: &[Item] = &[
    item("learning.opportunity", "教育機会"),
    item("learning.institutions", "各種関連機関の利便性"),
    item("learning.awareness", "啓蒙・啓発活動"),
    item("learning.traditional_culture", "伝統文化"),
    item("learning.content", "教育内容"),
];

const COMMUNICATION_V1: &[Item] = &[
    item("communication.information", "情報取得"),
    item("communication.means", "コミュニケーション手段"),
    item("communication.disaster", "災害対応"),
    item_with("communication.emergency_contact", "緊急連絡システム", "誘導案内・危険情報"),
];

const MOBILITY_V1: &[Item] = &[
    item("mobility.public_transport", "公共交通機関"),
    item("mobility.convenience", "利便性"),
    item("mobility.safety", "安全性"),
    item("mobility.mobility", "モビリティー"),
    item("mobility.barrier_free", "バリアフリー"),
];

const COMMUNITY_V1: &[Item] = &[
    item_with("community.friendships", "交遊関係", "友人・集団・利害関係"),
    item_with("community.friendship_weight", "交遊関係の比重", "生活時間・意識・経費"),
    item_with("community.local_society", "地域社会との関係", "自治会・近所づきあい"),
    item_with("community.local_events", "地域の行事への参画", "祭り・環境美化・生活関連行事"),
    item("community.local_change", "地域の変化との連携"),
];

static V1: Catalogue = Catalogue {
    version: 1,
    domains: &[
        Domain {
            id: "health",
            number: 1,
            label_ja: "健康・食生活",
            detail_ja: Some("生活環境・安全"),
            items: HEALTH_V1,
        },
        Domain { id: "living", number: 2, label_ja: "住まう・暮らす", detail_ja: None, items: LIVING_V1 },
        Domain { id: "income", number: 3, label_ja: "所得・消費", detail_ja: None, items: INCOME_V1 },
        Domain { id: "work", number: 4, label_ja: "就業・労働", detail_ja: None, items: WORK_V1 },
        Domain {
            id: "learning", number: 5, label_ja: "育つ・育てる・学ぶ", detail_ja: None, items: LEARNING_V1
        },
        Domain {
            id: "communication",
            number: 6,
            label_ja: "コミュニケーション",
            detail_ja: None,
            items: COMMUNICATION_V1,
        },
        Domain { id: "mobility", number: 7, label_ja: "交通・移動", detail_ja: None, items: MOBILITY_V1 },
        Domain { id: "community", number: 8, label_ja: "地域", detail_ja: None, items: COMMUNITY_V1 },
    ],
};

// ---- Version 2: the seed's full wording (docs/assessment.md) ---------------
// Version 1 shortened four bits of the seed; version 2 restores them. Item
// ids are unchanged, so an assessment's ratings mean the same in both.

const LIVING_V2: &[Item] = &[
    item_with("living.environment", "住環境", "立地条件・地域のまちづくり・生活関連施設等の利便性・バリアフリー"),
    item("living.housing", "住居管理・設備"),
    item("living.amenities", "生活施設・娯楽"),
    item("living.facilities", "施設やサービス機能"),
    under("暮らし", item("living.housework", "家事・家政")),
    item("living.home_services", "在宅サービス"),
    item("living.municipal_services", "基礎自治体のサービス状況"),
];

const INCOME_V2: &[Item] = &[
    item("income.life_planning", "生活設計"),
    item_with("income.living_cost", "生活コスト", "生活・文化的価値"),
    item("income.assets", "財・資産の保有"),
    item("income.saving", "蓄財の意識"),
    item("income.investment", "質向上のための資本投下"),
];

static V2: Catalogue = Catalogue {
    version: 2,
    domains: &[
        Domain {
            id: "health",
            number: 1,
            label_ja: "健康・食生活",
            detail_ja: Some("生活環境・安全"),
            items: HEALTH_V1,
        },
        Domain { id: "living", number: 2, label_ja: "住まう・暮らす", detail_ja: None, items: LIVING_V2 },
        Domain { id: "income", number: 3, label_ja: "所得・消費", detail_ja: None, items: INCOME_V2 },
        Domain { id: "work", number: 4, label_ja: "就業・労働", detail_ja: None, items: WORK_V1 },
        Domain {
            id: "learning", number: 5, label_ja: "育つ・育てる・学ぶ", detail_ja: None, items: LEARNING_V1
        },
        Domain {
            id: "communication",
            number: 6,
            label_ja: "コミュニケーション",
            detail_ja: None,
            items: COMMUNICATION_V1,
        },
        Domain { id: "mobility", number: 7, label_ja: "交通・移動", detail_ja: None, items: MOBILITY_V1 },
        Domain { id: "community", number: 8, label_ja: "地域", detail_ja: None, items: COMMUNITY_V1 },
    ],
};

/// A version 3 that exists only in tests, to prove that catalogue changes
/// never break or alter older assessments. It adds `health.sleep`, renames
/// `mobility.mobility` and retires `income.investment`; the other domains
/// reuse the version 2 lists.
#[cfg(test)]
pub(crate) mod test_v3 {
    use super::*;

    const HEALTH_V3: &[Item] = &[
        item("health.diet", "食生活・栄養管理・食材選択"),
        item("health.health_care", "健康管理・疾病管理"),
        item("health.sleep", "睡眠・生活リズム"),
        item("health.crime_prevention", "防犯・安全"),
        item("health.disaster", "地域の防災・危険時対応"),
    ];

    const INCOME_V3: &[Item] = &[
        item("income.life_planning", "生活設計"),
        item_with("income.living_cost", "生活コスト", "生活・文化的価値"),
        item("income.assets", "財・資産の保有"),
        item("income.saving", "蓄財の意識"),
    ];

    const MOBILITY_V3: &[Item] = &[
        item("mobility.public_transport", "公共交通機関"),
        item("mobility.convenience", "利便性"),
        item("mobility.safety", "安全性"),
        item("mobility.mobility", "移動手段（モビリティー）"),
        item("mobility.barrier_free", "バリアフリー"),
    ];

    pub(crate) static V3: Catalogue = Catalogue {
        version: 3,
        domains: &[
            Domain {
                id: "health",
                number: 1,
                label_ja: "健康・食生活",
                detail_ja: Some("生活環境・安全"),
                items: HEALTH_V3,
            },
            Domain { id: "living", number: 2, label_ja: "住まう・暮らす", detail_ja: None, items: LIVING_V2 },
            Domain { id: "income", number: 3, label_ja: "所得・消費", detail_ja: None, items: INCOME_V3 },
            Domain { id: "work", number: 4, label_ja: "就業・労働", detail_ja: None, items: WORK_V1 },
            Domain {
                id: "learning", number: 5, label_ja: "育つ・育てる・学ぶ", detail_ja: None, items: LEARNING_V1
            },
            Domain {
                id: "communication",
                number: 6,
                label_ja: "コミュニケーション",
                detail_ja: None,
                items: COMMUNICATION_V1,
            },
            Domain { id: "mobility", number: 7, label_ja: "交通・移動", detail_ja: None, items: MOBILITY_V3 },
            Domain { id: "community", number: 8, label_ja: "地域", detail_ja: None, items: COMMUNITY_V1 },
        ],
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    /// Version 1 as docs/assessment.md lists it: "<domain>: <item> / <item> …".
    const V1_AS_DOCUMENTED: [&str; 8] = [
        "① 健康・食生活 (生活環境・安全): 食生活・栄養管理・食材選択 / 健康管理・疾病管理 / 防犯・安全 / 地域の防災・危険時対応",
        "② 住まう・暮らす: 住環境 (立地条件・まちづくり・生活関連施設の利便性・バリアフリー) / 住居管理・設備 / 生活施設・娯楽 / 施設やサービス機能 / 家事・家政 / 在宅サービス / 基礎自治体のサービス状況",
        "③ 所得・消費: 生活設計 / 生活コスト / 財・資産の保有 / 蓄財の意識 / 質向上のための資本投下",
        "④ 就業・労働: 個性の発揮 / 役割の実現 / 生計の維持 / 雇用環境 / 産業動向",
        "⑤ 育つ・育てる・学ぶ: 教育機会 / 各種関連機関の利便性 / 啓蒙・啓発活動 / 伝統文化 / 教育内容",
        "⑥ コミュニケーション: 情報取得 / コミュニケーション手段 / 災害対応 / 緊急連絡システム (誘導案内・危険情報)",
        "⑦ 交通・移動: 公共交通機関 / 利便性 / 安全性 / モビリティー / バリアフリー",
        "⑧ 地域: 交遊関係 (友人・集団・利害関係) / 交遊関係の比重 (生活時間・意識・経費) / 地域社会との関係 (自治会・近所づきあい) / 地域の行事への参画 (祭り・環境美化・生活関連行事) / 地域の変化との連携",
    ];

    fn with_detail(label: &str, detail: Option<&str>) -> String {
        match detail {
            Some(d) => format!("{label} ({d})"),
            None => label.to_owned(),
        }
    }

    #[test]
    fn version_one_is_exactly_the_product_description() {
        let v1 = catalogue(1).unwrap();
        assert_eq!(v1.version(), 1);
        assert_eq!(v1.domains().len(), V1_AS_DOCUMENTED.len());
        for (domain, line) in v1.domains().iter().zip(V1_AS_DOCUMENTED) {
            let (head, items) = line.split_once(": ").unwrap();
            let expected_head = format!("{} {}", domain.marker(), with_detail(domain.label_ja(), domain.detail_ja()));
            assert_eq!(head, expected_head);
            let expected_items: Vec<&str> = items.split(" / ").collect();
            let actual: Vec<String> = domain.items().iter().map(|i| with_detail(i.label_ja(), i.detail_ja())).collect();
            assert_eq!(actual, expected_items, "{}", domain.id());
        }
    }

    /// Version 2 as the seed writes it; a sub-heading is written before
    /// the item it opens ("暮らし: 家事・家政").
    const V2_AS_DOCUMENTED: [&str; 8] = [
        "① 健康・食生活 (生活環境・安全): 食生活・栄養管理・食材選択 / 健康管理・疾病管理 / 防犯・安全 / 地域の防災・危険時対応",
        "② 住まう・暮らす: 住環境 (立地条件・地域のまちづくり・生活関連施設等の利便性・バリアフリー) / 住居管理・設備 / 生活施設・娯楽 / 施設やサービス機能 / 暮らし: 家事・家政 / 在宅サービス / 基礎自治体のサービス状況",
        "③ 所得・消費: 生活設計 / 生活コスト (生活・文化的価値) / 財・資産の保有 / 蓄財の意識 / 質向上のための資本投下",
        "④ 就業・労働: 個性の発揮 / 役割の実現 / 生計の維持 / 雇用環境 / 産業動向",
        "⑤ 育つ・育てる・学ぶ: 教育機会 / 各種関連機関の利便性 / 啓蒙・啓発活動 / 伝統文化 / 教育内容",
        "⑥ コミュニケーション: 情報取得 / コミュニケーション手段 / 災害対応 / 緊急連絡システム (誘導案内・危険情報)",
        "⑦ 交通・移動: 公共交通機関 / 利便性 / 安全性 / モビリティー / バリアフリー",
        "⑧ 地域: 交遊関係 (友人・集団・利害関係) / 交遊関係の比重 (生活時間・意識・経費) / 地域社会との関係 (自治会・近所づきあい) / 地域の行事への参画 (祭り・環境美化・生活関連行事) / 地域の変化との連携",
    ];

    fn as_documented(version: u32) -> Vec<String> {
        catalogue(version)
            .unwrap()
            .domains()
            .iter()
            .map(|domain| {
                let items: Vec<String> = domain
                    .items()
                    .iter()
                    .map(|i| {
                        let label = with_detail(i.label_ja(), i.detail_ja());
                        i.heading_ja().map_or(label.clone(), |h| format!("{h}: {label}"))
                    })
                    .collect();
                format!(
                    "{} {}: {}",
                    domain.marker(),
                    with_detail(domain.label_ja(), domain.detail_ja()),
                    items.join(" / ")
                )
            })
            .collect()
    }

    #[test]
    fn each_published_version_is_exactly_as_documented() {
        assert_eq!(as_documented(1), V1_AS_DOCUMENTED);
        assert_eq!(as_documented(2), V2_AS_DOCUMENTED);
        // Version 2 changes wording only: the same items under the same ids.
        let ids = |v| catalogue(v).unwrap().items().map(|(_, i)| i.id()).collect::<Vec<_>>();
        assert_eq!(ids(1), ids(2));
    }

    #[test]
    fn item_count_per_domain_matches_the_seed() {
        let counts: Vec<(&str, usize)> = current().domains().iter().map(|d| (d.id(), d.items().len())).collect();
        assert_eq!(
            counts,
            vec![
                ("health", 4),
                ("living", 7),
                ("income", 5),
                ("work", 5),
                ("learning", 5),
                ("communication", 4),
                ("mobility", 5),
                ("community", 5),
            ]
        );
        assert_eq!(current().items().count(), 40);
    }

    #[test]
    fn every_version_has_eight_numbered_domains_and_unique_ascii_ids_and_labels() {
        for cat in versions() {
            let numbers: Vec<u8> = cat.domains().iter().map(Domain::number).collect();
            assert_eq!(numbers, (1..=8).collect::<Vec<u8>>(), "v{}", cat.version());
            let domain_ids: BTreeSet<&str> = cat.domains().iter().map(Domain::id).collect();
            let domain_labels: BTreeSet<&str> = cat.domains().iter().map(Domain::label_ja).collect();
            assert_eq!(domain_ids.len(), 8);
            assert_eq!(domain_labels.len(), 8);

            let mut ids = BTreeSet::new();
            for (domain, item) in cat.items() {
                assert!(ids.insert(item.id()), "duplicate id {} in v{}", item.id(), cat.version());
                let (prefix, key) = item.id().split_once('.').expect("<domain>.<item>");
                assert_eq!(prefix, domain.id(), "{} is filed under its own domain", item.id());
                assert!(
                    !key.is_empty() && key.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                    "{} is a lowercase ASCII key",
                    item.id()
                );
                assert!(!item.label_ja().is_empty());
            }
            // Labels are unique across the whole catalogue, so a label alone
            // (in a goal, a handover sheet) names one item.
            let labels: BTreeSet<&str> = cat.items().map(|(_, i)| i.label_ja()).collect();
            assert_eq!(labels.len(), ids.len(), "v{}", cat.version());
        }
    }

    #[test]
    fn an_id_never_moves_domain_across_versions() {
        let mut home: BTreeMap<&str, &str> = BTreeMap::new();
        for cat in versions() {
            for (domain, item) in cat.items() {
                let first = *home.entry(item.id()).or_insert(domain.id());
                assert_eq!(first, domain.id(), "{} moved in v{}", item.id(), cat.version());
            }
        }
    }

    #[test]
    fn versions_are_numbered_from_one_without_gaps_and_unknown_ones_are_none() {
        let numbers: Vec<u32> = versions().map(Catalogue::version).collect();
        assert_eq!(numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
        assert!(numbers.contains(&CURRENT_VERSION));
        assert_eq!(catalogue(0), None);
        assert_eq!(catalogue(99), None);
    }

    #[test]
    fn lookups_find_items_and_domains() {
        let (domain, item) = current().item("living.environment").unwrap();
        assert_eq!((domain.marker(), domain.label_ja()), ("②", "住まう・暮らす"));
        assert_eq!(item.label_ja(), "住環境");
        assert_eq!(current().domain("community").unwrap().marker(), "⑧");
        assert!(current().item("living").is_none());
        assert!(current().item("health.sleep").is_none(), "only the test-only v3 has it");
    }

    #[test]
    fn the_test_version_adds_renames_and_retires_one_item_each() {
        let (v1, v2) = (catalogue(2).unwrap(), catalogue(3).unwrap());
        let ids = |c: &Catalogue| c.items().map(|(_, i)| i.id()).collect::<BTreeSet<_>>();
        let (a, b) = (ids(v1), ids(v2));
        assert_eq!(b.difference(&a).copied().collect::<Vec<_>>(), vec!["health.sleep"]);
        assert_eq!(a.difference(&b).copied().collect::<Vec<_>>(), vec!["income.investment"]);
        let renamed: Vec<&str> = a
            .intersection(&b)
            .filter(|id| v1.item(id).unwrap().1.label_ja() != v2.item(id).unwrap().1.label_ja())
            .copied()
            .collect();
        assert_eq!(renamed, vec!["mobility.mobility"]);
    }
}
