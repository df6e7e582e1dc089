//! Password hashing: argon2id, bounded to one hash per core however many
//! sign-ins arrive, and as slow for an unknown login as for a wrong password.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use argon2::password_hash::{PasswordHash, PasswordHasher as _, PasswordVerifier as _, SaltString};
use argon2::Argon2;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use tokio::sync::Semaphore;

use super::AccountError;

/// Password hashing runs on at most this many threads at once (one per
/// core), however many sign-ins arrive: a flood of them queues here
/// instead of starving the machine.
static HASHING: LazyLock<Arc<Semaphore>> = LazyLock::new(|| Arc::new(Semaphore::new(hashing_permits())));
static HASHING_NOW: AtomicUsize = AtomicUsize::new(0);
static HASHING_MOST: AtomicUsize = AtomicUsize::new(0);
static HASHING_DONE: AtomicU64 = AtomicU64::new(0);

fn hashing_permits() -> usize {
    std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
}

/// How the bounded password hashing of this process has gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HashingStats {
    /// Hashes allowed at once (the number of cores).
    pub permits: usize,
    /// Hashes running now.
    pub running: usize,
    /// Most hashes ever running at once.
    pub most_running: usize,
    /// Hashes done so far.
    pub done: u64,
}

/// See [`HashingStats`].
pub fn hashing_stats() -> HashingStats {
    HashingStats {
        permits: hashing_permits(),
        running: HASHING_NOW.load(Ordering::SeqCst),
        most_running: HASHING_MOST.load(Ordering::SeqCst),
        done: HASHING_DONE.load(Ordering::SeqCst),
    }
}

/// Runs argon2 work on a blocking thread once one of the [`HASHING`]
/// permits is free. The permit goes with the work, so it is held until the
/// hash is done even if the request that asked for it has gone.
async fn hashing<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> Result<T, AccountError> {
    let permit = HASHING.clone().acquire_owned().await.map_err(|_| AccountError::Hash)?;
    tokio::task::spawn_blocking(move || {
        let running = HASHING_NOW.fetch_add(1, Ordering::SeqCst) + 1;
        HASHING_MOST.fetch_max(running, Ordering::SeqCst);
        let result = work();
        HASHING_NOW.fetch_sub(1, Ordering::SeqCst);
        HASHING_DONE.fetch_add(1, Ordering::SeqCst);
        drop(permit);
        result
    })
    .await
    .map_err(|_| AccountError::Hash)
}

/// [`verify_password`] within the hashing bound.
pub async fn verify_password_bounded(hash: Option<String>, password: String) -> Result<bool, AccountError> {
    hashing(move || verify_password(hash.as_deref(), &password)).await
}

/// An argon2id PHC string for `password` (slow on purpose: run it off the
/// async threads).
pub fn hash_password(password: &str) -> Result<String, AccountError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| AccountError::Hash)
}

/// A hash of a random password, verified against when the login does not
/// exist, so an unknown login costs as much time as a wrong password.
static DUMMY_HASH: LazyLock<String> = LazyLock::new(|| {
    let mut random = [0u8; 16];
    OsRng.fill_bytes(&mut random);
    hash_password(&URL_SAFE_NO_PAD.encode(random)).expect("hashing a random password")
});

/// Whether `password` matches `hash`; with `None`, spends the same time on a
/// dummy hash and says no.
pub fn verify_password(hash: Option<&str>, password: &str) -> bool {
    let (hash, real) = match hash {
        Some(hash) => (hash, true),
        None => (DUMMY_HASH.as_str(), false),
    };
    let Ok(parsed) = PasswordHash::new(hash) else {
        return false;
    };
    let matches = Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok();
    real && matches
}

/// Computes the dummy hash now rather than on the first failed sign-in.
pub fn warm_up() {
    LazyLock::force(&DUMMY_HASH);
}

/// [`hash_password`] on a blocking thread, within the hashing bound.
pub(super) async fn hash_password_blocking(password: String) -> Result<String, AccountError> {
    hashing(move || hash_password(&password)).await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(Some(&hash), "correct horse"));
        assert!(!verify_password(Some(&hash), "wrong horse"));
        assert!(!verify_password(None, "correct horse"));
    }

    /// An unknown login is verified against the dummy hash, so it must cost
    /// the same argon2 work as a real account's hash: same algorithm,
    /// version and parameters (memory, iterations, lanes, output length).
    #[test]
    fn the_dummy_hash_costs_what_a_real_hash_costs() {
        let real = hash_password("correct horse").unwrap();
        let real = PasswordHash::new(&real).unwrap();
        let dummy = PasswordHash::new(&DUMMY_HASH).unwrap();
        assert_eq!(dummy.algorithm, real.algorithm);
        assert_eq!(dummy.version, real.version);
        assert_eq!(dummy.params, real.params);
        assert_eq!(dummy.hash.map(|h| h.len()), real.hash.map(|h| h.len()));
    }
}
