//! The office's network as a whole: the directory's order and filters, the
//! last contact with each agency and which have gone quiet (「足でかせぐ」),
//! the agencies by category and stage (「地域を知る」), where the two sides'
//! views differ (認識のズレ) and the stage's history.

use super::agency::{Agency, AgencyCategory, AgencyType, CooperationStage, StageSetting, ViewAnswer};
use super::contact::Contact;
use crate::kana;
use crate::sync::merge::FieldState;
use crate::sync::protocol::Author;
use chrono::{Months, NaiveDate};
use std::cmp::Reverse;
use std::collections::HashMap;
use uuid::Uuid;

/// Months without contact after which an agency is flagged, unless the
/// office chose another number.
pub const DEFAULT_STALE_MONTHS: u32 = 3;

/// An agency as the directory holds it.
#[derive(Debug, Clone, Copy)]
pub struct AgencyEntry<'a> {
    pub id: Uuid,
    pub agency: &'a Agency,
    /// The day it was put in the directory: an agency never contacted counts
    /// as quiet from then on.
    pub registered: NaiveDate,
}

/// The latest day of contact with each agency.
pub fn last_contacts<'a>(contacts: impl IntoIterator<Item = &'a Contact>) -> HashMap<Uuid, NaiveDate> {
    let mut last: HashMap<Uuid, NaiveDate> = HashMap::new();
    for c in contacts {
        if let Some(day) = c.date() {
            last.entry(c.agency_id).and_modify(|d| *d = (*d).max(day)).or_insert(day);
        }
    }
    last
}

/// Whether an agency has gone `months` full months without contact on
/// `today` (counted from `registered` when there was none). Month ends
/// clamp: three months before 31 May is 28 February.
pub fn is_quiet(last_contact: Option<NaiveDate>, registered: NaiveDate, today: NaiveDate, months: u32) -> bool {
    let Some(cutoff) = today.checked_sub_months(Months::new(months)) else { return false };
    last_contact.unwrap_or(registered) <= cutoff
}

/// Which agencies the directory shows, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DirectoryFilter {
    /// Matched against name and reading, ignoring hiragana/katakana and width.
    pub query: String,
    pub category: Option<AgencyCategory>,
    pub agency_type: Option<AgencyType>,
}

/// One line of the directory.
#[derive(Debug, Clone, Copy)]
pub struct DirectoryRow<'a> {
    pub entry: AgencyEntry<'a>,
    pub last_contact: Option<NaiveDate>,
}

/// The agencies `filter` lets through, most recently contacted first (those
/// never contacted last), then by reading and name.
pub fn directory<'a>(
    agencies: &[AgencyEntry<'a>],
    last: &HashMap<Uuid, NaiveDate>,
    filter: &DirectoryFilter,
) -> Vec<DirectoryRow<'a>> {
    let query = kana::normalize(&filter.query);
    let mut rows: Vec<(DirectoryRow<'a>, String, String)> = agencies
        .iter()
        .filter(|e| filter.category.is_none_or(|c| e.agency.category == c))
        .filter(|e| filter.agency_type.is_none_or(|t| e.agency.agency_type == Some(t)))
        .filter_map(|e| {
            let (name, reading) = (kana::normalize(&e.agency.name), kana::normalize(&e.agency.kana));
            kana::matches(&query, &name, &reading)
                .then(|| (DirectoryRow { entry: *e, last_contact: last.get(&e.id).copied() }, reading, name))
        })
        .collect();
    rows.sort_by(|(a, a_reading, a_name), (b, b_reading, b_name)| {
        (a.last_contact.is_none(), Reverse(a.last_contact), a_reading.is_empty(), a_reading, a_name, a.entry.id).cmp(&(
            b.last_contact.is_none(),
            Reverse(b.last_contact),
            b_reading.is_empty(),
            b_reading,
            b_name,
            b.entry.id,
        ))
    });
    rows.into_iter().map(|(row, _, _)| row).collect()
}

/// 「地域を知る」: how many agencies of a category are at each stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCount {
    pub category: AgencyCategory,
    /// By [`CooperationStage::ALL`]'s order.
    pub by_stage: [usize; 3],
    /// Agencies whose stage is not set yet.
    pub unstaged: usize,
}

impl CategoryCount {
    pub fn total(&self) -> usize {
        self.by_stage.iter().sum::<usize>() + self.unstaged
    }
}

/// Every category (in the seed's order, empty ones included) with its
/// agencies counted by stage.
pub fn by_category_and_stage<'a>(agencies: impl IntoIterator<Item = &'a Agency>) -> Vec<CategoryCount> {
    let mut counts: Vec<CategoryCount> = AgencyCategory::ALL
        .into_iter()
        .map(|category| CategoryCount { category, by_stage: [0; 3], unstaged: 0 })
        .collect();
    for a in agencies {
        let Some(row) = counts.iter_mut().find(|c| c.category == a.category) else { continue };
        match &a.stage {
            Some(s) => row.by_stage[CooperationStage::ALL.iter().position(|x| *x == s.stage).unwrap_or(0)] += 1,
            None => row.unstaged += 1,
        }
    }
    counts
}

/// Categories without a single agency: where the office does not know its
/// region yet.
pub fn empty_categories(counts: &[CategoryCount]) -> Vec<AgencyCategory> {
    counts.iter().filter(|c| c.total() == 0).map(|c| c.category).collect()
}

/// How the two sides' views of one agency compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Perception {
    /// Opposite views: one side sees the relationship working
    /// (連携できている, 信頼されている), the other does not (あまり知らない,
    /// 必要ない). The seed's 認識のズレ.
    Opposite,
    /// Both answered, differently, on the same side.
    Different,
    /// Both gave the same answer.
    Same,
    /// One side or both not asked yet.
    NotBothAsked,
}

pub fn perception(agency: &Agency) -> Perception {
    let (ours, theirs) = (agency.our_view.answer, agency.their_view.answer);
    match (ours.is_positive(), theirs.is_positive()) {
        (None, _) | (_, None) => Perception::NotBothAsked,
        (Some(a), Some(b)) if a != b => Perception::Opposite,
        _ if ours == theirs => Perception::Same,
        _ => Perception::Different,
    }
}

/// The agencies whose two views differ, opposite views first, then by
/// reading and name.
pub fn mismatches<'a>(agencies: &[AgencyEntry<'a>]) -> Vec<(AgencyEntry<'a>, Perception)> {
    let mut out: Vec<_> = agencies
        .iter()
        .map(|e| (*e, perception(e.agency)))
        .filter(|(_, p)| matches!(p, Perception::Opposite | Perception::Different))
        .collect();
    out.sort_by_cached_key(|(e, p)| (*p, kana::normalize(&e.agency.kana), kana::normalize(&e.agency.name), e.id));
    out
}

/// One answer of the survey chart: how many agencies we see this way, and
/// how many see us this way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SurveyRow {
    pub answer: ViewAnswer,
    pub ours: usize,
    pub theirs: usize,
}

/// Both sides' answers across all agencies, one row per answer in
/// [`ViewAnswer::ALL`]'s order.
pub fn survey<'a>(agencies: impl IntoIterator<Item = &'a Agency>) -> Vec<SurveyRow> {
    let mut rows: Vec<SurveyRow> =
        ViewAnswer::ALL.into_iter().map(|answer| SurveyRow { answer, ours: 0, theirs: 0 }).collect();
    for a in agencies {
        for row in rows.iter_mut() {
            row.ours += usize::from(a.our_view.answer == row.answer);
            row.theirs += usize::from(a.their_view.answer == row.answer);
        }
    }
    rows
}

/// One setting of an agency's stage as this device knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageChange {
    /// `None`: the stage was cleared.
    pub setting: Option<StageSetting>,
    /// When it was written (ms since the epoch).
    pub written_ms: i64,
    pub by: Option<Author>,
}

/// The stage's history from its field's merge state (agencies keep their
/// earlier values): every setting, newest first by the day it took effect,
/// then by when it was written. Values saved while the reason was being
/// typed (the page saves as the user pauses) are one setting: for each stage
/// and day only the last written is listed.
pub fn stage_history(field: &FieldState) -> Vec<StageChange> {
    let mut changes: Vec<StageChange> = Vec::new();
    for h in field.history().into_iter().rev() {
        let setting: Option<StageSetting> = serde_json::from_value(h.value.clone()).ok().flatten();
        let key = setting.as_ref().map(|s| (s.stage, s.since));
        if changes.iter().any(|c| c.setting.as_ref().map(|s| (s.stage, s.since)) == key) {
            continue; // an earlier wording of a setting listed already
        }
        changes.push(StageChange { setting, written_ms: h.stamp.ms, by: h.by.clone() });
    }
    changes.sort_by_key(|c| (Reverse(c.setting.as_ref().map(|s| s.since)), Reverse(c.written_ms)));
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::network::agency::PerceptionView;
    use crate::network::contact::Channel;
    use crate::sync::protocol::FieldWrite;
    use crate::sync::stamp::Stamp;
    use serde_json::json;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn agency(name: &str, kana: &str, category: AgencyCategory) -> Agency {
        Agency { name: name.into(), kana: kana.into(), category, ..Default::default() }
    }

    fn contact(agency: u128, d: NaiveDate) -> Contact {
        Contact {
            agency_id: Uuid::from_u128(agency),
            channel: Channel::Phone,
            at: Some(d.and_hms_opt(10, 0, 0).unwrap()),
            text: "x".into(),
            ..Default::default()
        }
    }

    fn entries(agencies: &[Agency]) -> Vec<AgencyEntry<'_>> {
        agencies
            .iter()
            .enumerate()
            .map(|(i, agency)| AgencyEntry { id: Uuid::from_u128(i as u128 + 1), agency, registered: day(2026, 1, 5) })
            .collect()
    }

    #[test]
    fn the_last_contact_is_the_latest_day() {
        let contacts = [
            contact(1, day(2026, 3, 1)),
            contact(1, day(2026, 9, 30)),
            contact(1, day(2026, 5, 1)),
            contact(2, day(2026, 2, 1)),
        ];
        let last = last_contacts(&contacts);
        assert_eq!(last[&Uuid::from_u128(1)], day(2026, 9, 30));
        assert_eq!(last[&Uuid::from_u128(2)], day(2026, 2, 1));
        assert_eq!(last.get(&Uuid::from_u128(3)), None);
    }

    #[test]
    fn an_agency_is_quiet_after_full_months_without_contact() {
        let today = day(2026, 12, 1);
        let registered = day(2025, 1, 1);
        assert!(is_quiet(Some(day(2026, 9, 1)), registered, today, 3), "three months to the day");
        assert!(!is_quiet(Some(day(2026, 9, 2)), registered, today, 3));
        assert!(!is_quiet(Some(day(2026, 9, 2)), registered, today, 3));
        assert!(is_quiet(Some(day(2026, 10, 31)), registered, today, 1), "the setting changes the limit");
        assert!(!is_quiet(Some(day(2026, 10, 31)), registered, today, 2));
        // Never contacted: counted from the day it was registered.
        assert!(is_quiet(None, registered, today, 3));
        assert!(!is_quiet(None, day(2026, 11, 20), today, 3));
        // Month ends clamp: 31 May minus three months is 28 February.
        assert!(is_quiet(Some(day(2026, 2, 28)), registered, day(2026, 5, 31), 3));
        assert!(!is_quiet(Some(day(2026, 3, 1)), registered, day(2026, 5, 31), 3));
    }

    #[test]
    fn the_directory_filters_and_puts_recent_contacts_first() {
        let agencies = [
            agency("ハローワーク中央", "はろーわーく", AgencyCategory::Employment),
            agency("なかぽつセンター", "ﾅｶﾎﾟﾂ", AgencyCategory::Employment),
            agency("相談室あおば", "そうだんしつ あおば", AgencyCategory::Living),
            agency("市役所 障害福祉課", "", AgencyCategory::Government),
        ];
        let entries = entries(&agencies);
        let last = last_contacts(&[contact(2, day(2026, 11, 1)), contact(3, day(2026, 6, 1))]);
        let names = |f: &DirectoryFilter| {
            directory(&entries, &last, f).iter().map(|r| r.entry.agency.name.as_str()).collect::<Vec<_>>()
        };
        assert_eq!(
            names(&DirectoryFilter::default()),
            ["なかぽつセンター", "相談室あおば", "ハローワーク中央", "市役所 障害福祉課"]
        );
        let employment = DirectoryFilter { category: Some(AgencyCategory::Employment), ..Default::default() };
        assert_eq!(names(&employment), ["なかぽつセンター", "ハローワーク中央"]);
        // Search ignores kana and width: ひらがな finds the half-width reading.
        assert_eq!(names(&DirectoryFilter { query: "なかぽつ".into(), ..Default::default() }), ["なかぽつセンター"]);
        let mut typed = agencies.clone();
        typed[0].agency_type = Some(AgencyType::HelloWork);
        let typed_entries = self::entries(&typed);
        let hello = DirectoryFilter { agency_type: Some(AgencyType::HelloWork), ..Default::default() };
        let found = directory(&typed_entries, &last, &hello);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entry.agency.name, "ハローワーク中央");
    }

    fn staged(category: AgencyCategory, stage: Option<CooperationStage>) -> Agency {
        Agency {
            category,
            stage: stage.map(|stage| StageSetting { stage, since: day(2026, 4, 1), reason: "r".into() }),
            ..Default::default()
        }
    }

    #[test]
    fn the_region_counts_agencies_by_category_and_stage_and_names_empty_categories() {
        use AgencyCategory as C;
        use CooperationStage as S;
        let agencies = [
            staged(C::Employment, Some(S::Linkage)),
            staged(C::Employment, Some(S::Coordination)),
            staged(C::Employment, Some(S::Coordination)),
            staged(C::Living, Some(S::Integration)),
            staged(C::Medical, None),
        ];
        let counts = by_category_and_stage(&agencies);
        assert_eq!(counts.len(), 8);
        assert_eq!(counts[0], CategoryCount { category: C::Employment, by_stage: [1, 2, 0], unstaged: 0 });
        assert_eq!(counts[1].by_stage, [0, 0, 1]);
        assert_eq!((counts[2].unstaged, counts[2].total()), (1, 1));
        assert_eq!(empty_categories(&counts), [C::Education, C::Children, C::Government, C::Informal, C::Other]);
    }

    fn viewed(name: &str, ours: ViewAnswer, theirs: ViewAnswer) -> Agency {
        Agency {
            name: name.into(),
            our_view: PerceptionView { answer: ours, asked_on: None },
            their_view: PerceptionView { answer: theirs, asked_on: None },
            ..Default::default()
        }
    }

    #[test]
    fn opposite_views_are_the_gap_and_come_first() {
        use ViewAnswer as V;
        let agencies = [
            viewed("A", V::Cooperating, V::Cooperating),
            viewed("B", V::Cooperating, V::LittleKnown),
            viewed("C", V::Trusted, V::Cooperating),
            viewed("D", V::NotNeeded, V::NotAsked),
            viewed("E", V::Trusted, V::NotNeeded),
            viewed("F", V::LittleKnown, V::NotNeeded),
        ];
        assert_eq!(perception(&agencies[0]), Perception::Same);
        assert_eq!(perception(&agencies[3]), Perception::NotBothAsked);
        let entries = entries(&agencies);
        let found: Vec<_> = mismatches(&entries).iter().map(|(e, p)| (e.agency.name.as_str(), *p)).collect();
        assert_eq!(
            found,
            [
                ("B", Perception::Opposite),
                ("E", Perception::Opposite),
                ("C", Perception::Different),
                ("F", Perception::Different)
            ]
        );

        let rows = survey(&agencies);
        let row = |a| *rows.iter().find(|r| r.answer == a).unwrap();
        assert_eq!((row(V::Cooperating).ours, row(V::Cooperating).theirs), (2, 2));
        assert_eq!((row(V::Trusted).ours, row(V::Trusted).theirs), (2, 0));
        assert_eq!((row(V::NotNeeded).ours, row(V::NotNeeded).theirs), (1, 2));
        assert_eq!(row(V::NotAsked).theirs, 1);
        assert_eq!(rows.iter().map(|r| r.ours).sum::<usize>(), agencies.len());
    }

    fn stage_write(ms: i64, value: serde_json::Value, replaces: Vec<Stamp>) -> FieldWrite {
        FieldWrite { field: "stage".into(), value, stamp: Stamp { ms, counter: 0, device: "d".into() }, replaces }
    }

    #[test]
    fn the_stage_history_lists_every_setting_newest_first_with_who_set_it() {
        let mut field = FieldState::default();
        let first =
            stage_write(1_000, json!({ "stage": "linkage", "since": "2025-04-01", "reason": "初回訪問" }), vec![]);
        let second = stage_write(
            2_000,
            json!({ "stage": "coordination", "since": "2026-04-01", "reason": "定例会議" }),
            vec![first.stamp.clone()],
        );
        // The reason as saved while it was typed: 「定例」, then 「定例会議」.
        let typing = stage_write(
            1_500,
            json!({ "stage": "coordination", "since": "2026-04-01", "reason": "定例" }),
            vec![first.stamp.clone()],
        );
        let mut second = second;
        second.replaces = vec![typing.stamp.clone()];
        let yamada = Author { id: Uuid::from_u128(9), name: "山田".into() };
        field.apply(&first, None, true);
        field.apply(&typing, Some(&yamada), true);
        field.apply(&second, Some(&yamada), true);
        let history = stage_history(&field);
        let stages: Vec<_> = history.iter().map(|c| c.setting.as_ref().map(|s| s.stage)).collect();
        assert_eq!(stages, [Some(CooperationStage::Coordination), Some(CooperationStage::Linkage)]);
        assert_eq!(history[0].setting.as_ref().unwrap().reason, "定例会議", "the last wording");
        assert_eq!(history[0].by.as_ref().map(|a| a.name.as_str()), Some("山田"));
        assert_eq!(history[1].setting.as_ref().unwrap().reason, "初回訪問");
    }
}
