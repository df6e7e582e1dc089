//! ライフステージ (docs/clients.md): derived from the birth date and the
//! Japanese school year, which starts on April 1. A child born on April 1
//! belongs to the earlier school year (a person legally ages at the end of the
//! day before the birthday).

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LifeStage {
    /// 乳幼児期: before school entry.
    Infancy,
    /// 学齢期: from school entry to high-school graduation.
    SchoolAge,
    /// 成年期
    Adulthood,
}

impl LifeStage {
    pub const ALL: [LifeStage; 3] = [LifeStage::Infancy, LifeStage::SchoolAge, LifeStage::Adulthood];

    pub fn code(self) -> &'static str {
        match self {
            LifeStage::Infancy => "infancy",
            LifeStage::SchoolAge => "school_age",
            LifeStage::Adulthood => "adulthood",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A stage set by staff instead of the derived one, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifeStageOverride {
    pub stage: LifeStage,
    pub reason: String,
}

/// The April 1 on which a child born on `birth` enters elementary school.
pub fn school_entry(birth: NaiveDate) -> NaiveDate {
    let born_by_april_first = birth.month() < 4 || (birth.month() == 4 && birth.day() == 1);
    let year = birth.year() + if born_by_april_first { 6 } else { 7 };
    april_first(year)
}

/// The April 1 after high-school graduation (twelve school years later).
pub fn adulthood_start(birth: NaiveDate) -> NaiveDate {
    april_first(school_entry(birth).year() + 12)
}

fn april_first(year: i32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, 4, 1).expect("April 1 exists in every year")
}

/// The life stage of a person born on `birth`, on `day`.
pub fn life_stage(birth: NaiveDate, day: NaiveDate) -> LifeStage {
    if day < school_entry(birth) {
        LifeStage::Infancy
    } else if day < adulthood_start(birth) {
        LifeStage::SchoolAge
    } else {
        LifeStage::Adulthood
    }
}

/// Age in full years on `day` (for display).
pub fn age_on(birth: NaiveDate, day: NaiveDate) -> i32 {
    let mut age = day.year() - birth.year();
    if (day.month(), day.day()) < (birth.month(), birth.day()) {
        age -= 1;
    }
    age.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn school_entry_follows_the_april_first_boundary() {
        let cases = [
            ("2019-01-15", "2025-04-01"),
            ("2019-04-01", "2025-04-01"), // April 1 births join the earlier year
            ("2019-04-02", "2026-04-01"),
            ("2019-12-31", "2026-04-01"),
            ("2020-02-29", "2026-04-01"),
            ("2019-03-31", "2025-04-01"),
        ];
        for (birth, entry) in cases {
            assert_eq!(school_entry(d(birth)), d(entry), "born {birth}");
        }
    }

    #[test]
    fn stages_change_on_the_april_first_of_entry_and_after_graduation() {
        let cases = [
            // born, day, stage
            ("2019-04-02", "2026-03-31", LifeStage::Infancy),
            ("2019-04-02", "2026-04-01", LifeStage::SchoolAge),
            ("2019-04-01", "2025-03-31", LifeStage::Infancy),
            ("2019-04-01", "2025-04-01", LifeStage::SchoolAge),
            ("2019-04-02", "2038-03-31", LifeStage::SchoolAge),
            ("2019-04-02", "2038-04-01", LifeStage::Adulthood),
            ("2019-04-01", "2037-03-31", LifeStage::SchoolAge),
            ("2019-04-01", "2037-04-01", LifeStage::Adulthood),
            ("1960-07-10", "2026-11-25", LifeStage::Adulthood),
            ("2025-01-01", "2026-11-25", LifeStage::Infancy),
            ("2026-11-30", "2026-11-25", LifeStage::Infancy), // not yet born
        ];
        for (birth, day, stage) in cases {
            assert_eq!(life_stage(d(birth), d(day)), stage, "born {birth} on {day}");
        }
    }

    #[test]
    fn a_student_stays_school_age_after_the_eighteenth_birthday_until_march() {
        // Turns 18 on 2037-06-10, graduates March 2038.
        assert_eq!(life_stage(d("2019-06-10"), d("2037-06-10")), LifeStage::SchoolAge);
        assert_eq!(life_stage(d("2019-06-10"), d("2038-03-31")), LifeStage::SchoolAge);
        assert_eq!(life_stage(d("2019-06-10"), d("2038-04-01")), LifeStage::Adulthood);
    }

    #[test]
    fn age_counts_full_years() {
        assert_eq!(age_on(d("2000-02-29"), d("2001-02-28")), 0);
        assert_eq!(age_on(d("2000-02-29"), d("2001-03-01")), 1);
        assert_eq!(age_on(d("1990-11-25"), d("2026-11-25")), 36);
        assert_eq!(age_on(d("1990-11-26"), d("2026-11-25")), 35);
    }
}
