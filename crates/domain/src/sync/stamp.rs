//! Hybrid logical clock stamps: wall-clock milliseconds, a counter for
//! changes within the same millisecond (or while the clock lags behind a
//! stamp already seen), and the device id as the final tie-break. Stamps are
//! totally ordered and unique per device, so "the later write" is the same
//! decision on every replica.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Stamp {
    /// Milliseconds since the Unix epoch (UTC).
    pub ms: i64,
    pub counter: u32,
    pub device: String,
}

impl Ord for Stamp {
    fn cmp(&self, other: &Self) -> Ordering {
        (self.ms, self.counter, &self.device).cmp(&(other.ms, other.counter, &other.device))
    }
}

impl PartialOrd for Stamp {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

/// A device's clock: every stamp it makes is greater than every stamp it has
/// made or seen, even if the wall clock goes backwards.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    pub device: String,
    pub last_ms: i64,
    pub counter: u32,
}

impl Clock {
    pub fn new(device: impl Into<String>) -> Self {
        Clock { device: device.into(), last_ms: 0, counter: 0 }
    }

    /// A new stamp at wall time `now_ms`.
    pub fn tick(&mut self, now_ms: i64) -> Stamp {
        if now_ms > self.last_ms {
            self.last_ms = now_ms;
            self.counter = 0;
        } else {
            self.counter += 1;
        }
        Stamp { ms: self.last_ms, counter: self.counter, device: self.device.clone() }
    }

    /// Moves the clock past a stamp received from elsewhere.
    pub fn observe(&mut self, seen: &Stamp) {
        if seen.ms > self.last_ms || (seen.ms == self.last_ms && seen.counter > self.counter) {
            self.last_ms = seen.ms;
            self.counter = seen.counter;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stamps_order_by_time_then_counter_then_device() {
        let s = |ms, counter, device: &str| Stamp { ms, counter, device: device.into() };
        assert!(s(1, 9, "z") < s(2, 0, "a"));
        assert!(s(1, 0, "z") < s(1, 1, "a"));
        assert!(s(1, 0, "a") < s(1, 0, "b"));
    }

    #[test]
    fn the_clock_never_repeats_or_goes_back() {
        let mut c = Clock::new("d");
        let a = c.tick(100);
        let b = c.tick(100);
        let back = c.tick(50);
        assert!(a < b && b < back);
        c.observe(&Stamp { ms: 500, counter: 3, device: "other".into() });
        let after = c.tick(200);
        assert_eq!((after.ms, after.counter), (500, 4));
    }
}
