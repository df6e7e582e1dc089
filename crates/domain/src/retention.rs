//! How long a client's records are kept (docs/records.md): five years from
//! the end of the service. Until then nothing about the client may be
//! purged, not even from the trash; after it, a 管理者 may purge the client
//! and every record about them from the office's server.

use crate::client::{Client, ClientStatus};
use chrono::{Months, NaiveDate};

/// Years records are kept after the service ends.
pub const RETENTION_YEARS: u32 = 5;

/// Where a client's records stand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retention {
    /// Still served (active, or a service with no end date): kept.
    Serving,
    /// Ended without any service end date on record: kept, since the end of
    /// the retention period cannot be known.
    EndUnknown,
    /// Kept through this day; may be purged from the day after.
    Until(NaiveDate),
}

impl Retention {
    pub fn of(client: &Client) -> Retention {
        if client.status == ClientStatus::Active || client.services.iter().any(|s| s.end.is_none()) {
            return Retention::Serving;
        }
        match client.services.iter().filter_map(|s| s.end).max() {
            Some(end) => {
                Retention::Until(end.checked_add_months(Months::new(12 * RETENTION_YEARS)).unwrap_or(NaiveDate::MAX))
            }
            None => Retention::EndUnknown,
        }
    }

    /// Whether the records may be purged on `today`.
    pub fn has_expired(self, today: NaiveDate) -> bool {
        matches!(self, Retention::Until(until) if today > until)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::{ServiceType, ServiceUse};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn client(status: ClientStatus, ends: &[Option<&str>]) -> Client {
        let services = ends
            .iter()
            .map(|end| ServiceUse { service: ServiceType::EmploymentTransition, start: None, end: end.map(d) })
            .collect();
        Client { status, services, ..Default::default() }
    }

    #[test]
    fn records_are_kept_five_years_from_the_last_service_end() {
        use ClientStatus::*;
        let cases = [
            (client(Active, &[Some("2020-03-31")]), Retention::Serving),
            (client(Ended, &[Some("2020-03-31"), None]), Retention::Serving),
            (client(Ended, &[]), Retention::EndUnknown),
            (client(Ended, &[Some("2020-03-31"), Some("2021-09-30")]), Retention::Until(d("2026-09-30"))),
            (client(Ended, &[Some("2024-02-29")]), Retention::Until(d("2029-02-28"))),
        ];
        for (c, expected) in cases {
            assert_eq!(Retention::of(&c), expected, "{:?}", c.services);
        }
    }

    #[test]
    fn purging_is_allowed_only_after_the_last_day_kept() {
        let until = Retention::Until(d("2026-09-30"));
        assert!(!until.has_expired(d("2026-09-30")));
        assert!(until.has_expired(d("2026-10-01")));
        assert!(!Retention::Serving.has_expired(d("2099-01-01")));
        assert!(!Retention::EndUnknown.has_expired(d("2099-01-01")));
    }
}
