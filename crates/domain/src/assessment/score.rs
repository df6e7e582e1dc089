//! The summary of one domain: the support-need score (支援必要度) and how far
//! the domain has been assessed.
//!
//! The score is the mean need level of the rated items (課題なし 0, 見守り 1,
//! 一部支援が必要 2, 支援が必要 3) scaled to 0–100 and rounded half up:
//! `round(100 × Σ level / (3 × rated))`. Why this shape:
//! - a mean, not a sum, so domains with 4 and 7 items sit on the same scale
//!   of the radar chart;
//! - 未確認 items are left out rather than counted as 0, so an unfinished
//!   assessment does not look like a client with no needs; the progress
//!   (rated / total) is shown next to the score instead;
//! - a domain with nothing rated has no score (shown as —), never 0;
//! - higher means more support needed, so in a comparison a positive delta
//!   is a worsening and a negative one an improvement.

use super::entry::Rating;
use serde::{Deserialize, Serialize};

/// The highest need level (支援が必要).
const MAX_LEVEL: u32 = 3;

/// Support-need score 0–100 of these ratings, or `None` if none is rated.
pub fn support_need_score(ratings: impl IntoIterator<Item = Rating>) -> Option<u8> {
    let (sum, rated) = ratings
        .into_iter()
        .filter_map(Rating::need_level)
        .fold((0u32, 0u32), |(sum, n), level| (sum + u32::from(level), n + 1));
    if rated == 0 {
        return None;
    }
    // round(100·sum / (3·rated)) half up, in integers: (200·sum + 3·rated) / (6·rated).
    let score = (200 * sum + MAX_LEVEL * rated) / (2 * MAX_LEVEL * rated);
    Some(u8::try_from(score).expect("a mean of levels 0..=3 scales to 0..=100"))
}

/// The text the UI shows to explain the score (e.g. behind an ⓘ).
pub fn score_explanation_ja() -> &'static str {
    "支援必要度（0〜100）は、領域内で評価済みの項目を 課題なし＝0、見守り＝1、一部支援が必要＝2、\
     支援が必要＝3 として平均し、最大の3を100として換算した値です（小数点以下は四捨五入）。\
     数値が大きいほど支援の必要が大きいことを表します。未確認の項目は計算に含めず、評価済み／全項目の数を\
     並べて表示します。評価済みの項目がない領域はスコアなし（—）です。"
}

/// One domain of one assessment, summed up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainSummary {
    /// Support-need score 0–100; `None` when no item is rated.
    pub score: Option<u8>,
    /// Items rated anything but 未確認.
    pub rated: usize,
    /// Items of the domain in the assessment's catalogue.
    pub total: usize,
    /// Items rated 一部支援が必要 or 支援が必要.
    pub needing_support: usize,
}

impl DomainSummary {
    /// Summary of the ratings of every item of a domain (one per item; an
    /// item with no entry counts as 未確認).
    pub fn of(ratings: &[Rating]) -> Self {
        DomainSummary {
            score: support_need_score(ratings.iter().copied()),
            rated: ratings.iter().filter(|r| r.is_rated()).count(),
            total: ratings.len(),
            needing_support: ratings.iter().filter(|r| r.needs_support()).count(),
        }
    }

    /// Items still 未確認.
    pub fn unrated(&self) -> usize {
        self.total - self.rated
    }

    /// Every item has a rating.
    pub fn is_complete(&self) -> bool {
        self.rated == self.total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Rating::*;

    #[test]
    fn score_cases() {
        let cases: [(&[Rating], Option<u8>); 12] = [
            (&[], None),
            (&[Unconfirmed, Unconfirmed, Unconfirmed], None),
            (&[NoIssue], Some(0)),
            (&[NoIssue, NoIssue, Unconfirmed], Some(0)),
            (&[Watch], Some(33)),
            (&[PartialSupport], Some(67)),
            (&[NeedsSupport], Some(100)),
            (&[NeedsSupport, NeedsSupport, Unconfirmed, Unconfirmed], Some(100)),
            (&[Watch, PartialSupport], Some(50)),
            (&[NoIssue, Watch], Some(17)),               // 16.67 rounds up
            (&[Watch, Watch, PartialSupport], Some(44)), // 44.4 rounds down
            (&[NoIssue, Watch, PartialSupport, NeedsSupport, Unconfirmed], Some(50)),
        ];
        for (ratings, expected) in cases {
            assert_eq!(support_need_score(ratings.iter().copied()), expected, "{ratings:?}");
        }
    }

    #[test]
    fn exact_halves_round_up() {
        // 3 / (3·8) · 100 = 12.5 → 13; 1 / (3·6) · 100 = 5.56 → 6
        let mut ratings = vec![NoIssue; 7];
        ratings.push(NeedsSupport);
        assert_eq!(support_need_score(ratings), Some(13));
        let mut ratings = vec![NoIssue; 5];
        ratings.push(Watch);
        assert_eq!(support_need_score(ratings), Some(6));
    }

    #[test]
    fn summary_counts_progress_and_needs() {
        let s = DomainSummary::of(&[NoIssue, Unconfirmed, PartialSupport, NeedsSupport, Unconfirmed]);
        assert_eq!(s, DomainSummary { score: Some(56), rated: 3, total: 5, needing_support: 2 });
        assert_eq!(s.unrated(), 2);
        assert!(!s.is_complete());

        let empty = DomainSummary::of(&[Unconfirmed; 4]);
        assert_eq!((empty.score, empty.rated, empty.unrated()), (None, 0, 4));
        assert!(DomainSummary::of(&[Watch, NoIssue]).is_complete());
    }

    #[test]
    fn the_explanation_states_the_weights_and_the_unrated_rule() {
        let text = score_explanation_ja();
        for part in ["課題なし＝0", "見守り＝1", "一部支援が必要＝2", "支援が必要＝3", "未確認", "0〜100", "—"]
        {
            assert!(text.contains(part), "{part}");
        }
    }
}
