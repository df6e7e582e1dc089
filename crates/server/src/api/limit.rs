//! The per-address limit on sign-in attempts: a token bucket per client
//! address, in this process's memory (each process keeps its own; the
//! per-login hold-back in the database is what holds across processes).
//!
//! The address is the peer of the TCP connection. Behind a reverse proxy
//! every client seems to come from the proxy, so with
//! `--trust-forwarded-for` the last entry of `X-Forwarded-For` (the one
//! the proxy added) is used instead. Without a peer address (tests driving
//! the service directly) and without a trusted header, all attempts share
//! one bucket.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use chrono::{DateTime, TimeDelta, Utc};

use super::{ApiError, ApiState};

/// Buckets kept before full ones (addresses not seen for a minute) are
/// dropped.
const MAX_TRACKED_ADDRESSES: usize = 10_000;

/// Sign-in attempts per client address: `per_minute` at once, then one
/// every `60 / per_minute` seconds.
pub(crate) struct AddressLimiter {
    per_minute: u32,
    buckets: Mutex<HashMap<String, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    /// Attempts left, fractional while refilling.
    tokens: f64,
    at: DateTime<Utc>,
}

impl AddressLimiter {
    pub(crate) fn new(per_minute: u32) -> Self {
        Self { per_minute: per_minute.max(1), buckets: Mutex::new(HashMap::new()) }
    }

    fn refilled(&self, bucket: Bucket, now: DateTime<Utc>) -> f64 {
        let elapsed_ms = (now - bucket.at).num_milliseconds().max(0) as f64;
        let capacity = f64::from(self.per_minute);
        (bucket.tokens + elapsed_ms * capacity / 60_000.0).min(capacity)
    }

    /// Takes one attempt for `address`, or says how long until one is
    /// free.
    pub(crate) fn check(&self, address: &str, now: DateTime<Utc>) -> Result<(), TimeDelta> {
        let capacity = f64::from(self.per_minute);
        let mut buckets = self.buckets.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_TRACKED_ADDRESSES && !buckets.contains_key(address) {
            buckets.retain(|_, bucket| self.refilled(*bucket, now) < capacity);
        }
        let bucket = buckets.entry(address.to_owned()).or_insert(Bucket { tokens: capacity, at: now });
        let tokens = self.refilled(*bucket, now);
        if tokens >= 1.0 {
            *bucket = Bucket { tokens: tokens - 1.0, at: now };
            Ok(())
        } else {
            *bucket = Bucket { tokens, at: now };
            let wait_ms = ((1.0 - tokens) * 60_000.0 / capacity).ceil() as i64;
            Err(TimeDelta::milliseconds(wait_ms.max(1)))
        }
    }
}

/// The client address a request is counted under (see the module docs).
pub(crate) struct ClientAddress(pub String);

impl FromRequestParts<ApiState> for ClientAddress {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &ApiState) -> Result<Self, ApiError> {
        let forwarded = state
            .trust_forwarded_for
            .then(|| parts.headers.get_all("x-forwarded-for").iter().next_back())
            .flatten()
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.rsplit(',').next())
            .and_then(|last| last.trim().parse::<IpAddr>().ok());
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip());
        Ok(Self(forwarded.or(peer).map_or_else(|| "unknown".to_owned(), bucket_of)))
    }
}

/// IPv4 addresses count alone; IPv6 ones by their /64 network (one
/// household or phone gets a whole /64).
fn bucket_of(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(1_764_000_000 + seconds, 0).unwrap()
    }

    #[test]
    fn an_address_gets_a_burst_then_one_attempt_every_two_seconds() {
        let limiter = AddressLimiter::new(30);
        for _ in 0..30 {
            assert_eq!(limiter.check("192.0.2.1", at(0)), Ok(()));
        }
        assert_eq!(limiter.check("192.0.2.1", at(0)), Err(TimeDelta::seconds(2)));
        assert_eq!(limiter.check("192.0.2.1", at(1)), Err(TimeDelta::seconds(1)));
        assert_eq!(limiter.check("192.0.2.2", at(1)), Ok(()));
        assert_eq!(limiter.check("192.0.2.1", at(2)), Ok(()));
        assert!(limiter.check("192.0.2.1", at(2)).is_err());
        // A quiet minute refills it.
        for _ in 0..30 {
            assert_eq!(limiter.check("192.0.2.1", at(62)), Ok(()));
        }
    }

    #[test]
    fn ipv6_addresses_count_per_64_network() {
        assert_eq!(bucket_of("2001:db8:1:2:3:4:5:6".parse().unwrap()), "2001:db8:1:2::/64");
        assert_eq!(bucket_of("2001:db8:1:2:ffff::1".parse().unwrap()), "2001:db8:1:2::/64");
        assert_eq!(bucket_of("::ffff:192.0.2.7".parse().unwrap()), "192.0.2.7");
        assert_eq!(bucket_of("192.0.2.7".parse().unwrap()), "192.0.2.7");
    }
}
