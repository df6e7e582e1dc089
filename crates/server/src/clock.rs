//! The server's idea of "now", injectable so tests can move time forward
//! (session expiry, sign-in throttling, far-future stamps) without sleeping.

use std::fmt;
use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};

/// Japan Standard Time (UTC+9, no daylight saving): the offices' time zone.
/// Dates on records (services' end dates, visit notes) are Japanese dates.
const JST_OFFSET_SECS: i32 = 9 * 3600;

/// Where the current time comes from. [`Clock::system`] in production.
#[derive(Clone)]
pub struct Clock(Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>);

impl Clock {
    /// The system's wall clock.
    pub fn system() -> Self {
        Self(Arc::new(Utc::now))
    }

    /// A clock that asks `now` for the time.
    pub fn from_fn(now: impl Fn() -> DateTime<Utc> + Send + Sync + 'static) -> Self {
        Self(Arc::new(now))
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.0)()
    }

    /// Today's date in Japan, where the offices are: what "today" means for
    /// dates written on records (the retention period's last day).
    pub fn today(&self) -> NaiveDate {
        japan_date(self.now())
    }
}

/// The date in Japan at `time`.
pub fn japan_date(time: DateTime<Utc>) -> NaiveDate {
    let jst = FixedOffset::east_opt(JST_OFFSET_SECS).expect("UTC+9 is a valid offset");
    time.with_timezone(&jst).date_naive()
}

impl Default for Clock {
    fn default() -> Self {
        Self::system()
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Clock").field(&self.now()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_day_turns_at_midnight_in_japan() {
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let date = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(japan_date(at("2030-03-31T14:59:59Z")), date("2030-03-31"));
        assert_eq!(japan_date(at("2030-03-31T15:00:00Z")), date("2030-04-01"));
        let clock = Clock::from_fn(move || at("2030-03-31T23:00:00+09:00"));
        assert_eq!(clock.today(), date("2030-03-31"));
    }
}
