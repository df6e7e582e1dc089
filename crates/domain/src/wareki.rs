//! 和暦 (docs/wareki.md): official forms give dates in the Japanese era
//! calendar, next to the Western date on printed plans and handover sheets.
//!
//! Supported eras are 昭和, 平成 and 令和, which covers clients' birth dates.
//! A date before 昭和 began (1926-12-25) has no 和暦 here: [`to_wareki`] and
//! [`format_wareki`] return `None`, and [`format_with_western`] falls back to
//! the Western date alone, rather than guessing 大正 or 明治 dates.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Era {
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// Newest first, so the first era that has begun by a date is its era.
    const NEWEST_FIRST: [Era; 3] = [Era::Reiwa, Era::Heisei, Era::Showa];

    pub fn label_ja(self) -> &'static str {
        match self {
            Era::Showa => "昭和",
            Era::Heisei => "平成",
            Era::Reiwa => "令和",
        }
    }

    /// The first day of the era.
    pub fn start(self) -> NaiveDate {
        let (y, m, d) = match self {
            Era::Showa => (1926, 12, 25),
            Era::Heisei => (1989, 1, 8),
            Era::Reiwa => (2019, 5, 1),
        };
        NaiveDate::from_ymd_opt(y, m, d).expect("valid era start")
    }
}

/// A date in 和暦.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct WarekiDate {
    pub era: Era,
    /// Year of the era; 1 is written 元年.
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl fmt::Display for WarekiDate {
    /// 令和7年4月1日, 令和元年5月1日
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.era.label_ja())?;
        if self.year == 1 {
            f.write_str("元")?;
        } else {
            write!(f, "{}", self.year)?;
        }
        write!(f, "年{}月{}日", self.month, self.day)
    }
}

/// The date in 和暦, or `None` before 昭和.
pub fn to_wareki(date: NaiveDate) -> Option<WarekiDate> {
    let era = Era::NEWEST_FIRST.into_iter().find(|e| date >= e.start())?;
    Some(WarekiDate { era, year: date.year() - era.start().year() + 1, month: date.month(), day: date.day() })
}

/// 「令和7年4月1日」, or `None` before 昭和.
pub fn format_wareki(date: NaiveDate) -> Option<String> {
    to_wareki(date).map(|w| w.to_string())
}

/// The Western date as on Japanese forms: 「2025年4月1日」.
pub fn format_western(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// Both calendars, as on printed plans: 「令和7年（2025年）4月1日」; before
/// 昭和 the Western date alone: 「1920年4月1日」.
pub fn format_with_western(date: NaiveDate) -> String {
    match to_wareki(date) {
        Some(w) => {
            let year = if w.year == 1 { "元".to_owned() } else { w.year.to_string() };
            format!("{}{}年（{}年）{}月{}日", w.era.label_ja(), year, date.year(), w.month, w.day)
        }
        None => format_western(date),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dates_in_wareki_across_era_boundaries() {
        let cases = [
            ("2025-04-01", Some("令和7年4月1日")),
            ("2019-05-01", Some("令和元年5月1日")),
            ("2019-04-30", Some("平成31年4月30日")),
            ("2019-12-31", Some("令和元年12月31日")),
            ("2020-01-01", Some("令和2年1月1日")),
            ("1989-01-08", Some("平成元年1月8日")),
            ("1989-01-07", Some("昭和64年1月7日")),
            ("1990-01-01", Some("平成2年1月1日")),
            ("1926-12-25", Some("昭和元年12月25日")),
            ("1927-01-01", Some("昭和2年1月1日")),
            ("1926-12-24", None), // 大正: not supported
            ("1900-01-01", None),
        ];
        for (date, expected) in cases {
            assert_eq!(format_wareki(d(date)).as_deref(), expected, "{date}");
        }
    }

    #[test]
    fn the_parts_of_a_wareki_date() {
        assert_eq!(to_wareki(d("1989-01-07")), Some(WarekiDate { era: Era::Showa, year: 64, month: 1, day: 7 }));
        assert_eq!(to_wareki(d("2019-05-01")).map(|w| (w.era, w.year)), Some((Era::Reiwa, 1)));
    }

    #[test]
    fn printed_dates_show_both_calendars_or_only_the_western_one_before_showa() {
        let cases = [
            ("2025-04-01", "令和7年（2025年）4月1日"),
            ("2019-05-01", "令和元年（2019年）5月1日"),
            ("1989-01-07", "昭和64年（1989年）1月7日"),
            ("1920-04-01", "1920年4月1日"),
        ];
        for (date, expected) in cases {
            assert_eq!(format_with_western(d(date)), expected, "{date}");
        }
        assert_eq!(format_western(d("2025-04-01")), "2025年4月1日");
    }
}
