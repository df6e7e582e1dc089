//! What signing in and out and checking a token need from storage
//! ([`AuthStore`], for `api::auth` and `api::extract`): the account of a
//! login, sign-in attempts and their hold-back, device keys, sessions.

use std::fmt;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::sync::StaffInfo;
use sqlx::{ColumnIndex, Decode, Row, Type};
use uuid::Uuid;

use super::rows::{staff_info, Engine, StoredId as _, StoredTime, STAFF_COLUMN_COUNT};
use super::DbResult;
use crate::accounts::held_back_until;

/// What sign-in needs to know about an account.
#[derive(Clone)]
pub struct Credentials {
    pub staff: StaffInfo,
    pub password_hash: String,
    pub disabled: bool,
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials").field("staff", &self.staff.id).field("disabled", &self.disabled).finish()
    }
}

/// A session to store. The token itself is never stored, only its hash.
#[derive(Debug, Clone)]
pub struct NewSession {
    /// Public id, shown to 管理者 (never the token).
    pub id: Uuid,
    pub token_hash: String,
    pub staff_id: Uuid,
    pub office_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// What a token's session is, when the token is known at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionState {
    Live(LiveSession),
    /// A 管理者 marked the session's device lost: it must erase itself.
    /// Reported before everything else (the session id, to note that the
    /// device was told).
    Lost(Uuid),
    /// Not used for [`crate::accounts::SESSION_LIFETIME`].
    Expired,
    /// Signed out or revoked by a 管理者.
    Revoked,
    /// The staff member's account is disabled (whatever the session).
    Disabled,
}

/// A live session and its staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LiveSession {
    pub id: Uuid,
    pub staff: StaffInfo,
    pub last_used_at: DateTime<Utc>,
}

/// What [`AuthStore::count_sign_in_attempt`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInGate {
    /// The attempt may check its password; it is counted as a failure
    /// already.
    Counted,
    /// The login is held back until then; nothing was recorded.
    Refused { until: DateTime<Utc> },
}

/// Storage for signing in and out and for checking a token.
#[async_trait]
pub trait AuthStore: Send + Sync {
    /// The account `login` of the office with `office_code`, if both exist.
    async fn credentials(&self, office_code: &str, login: &str) -> DbResult<Option<Credentials>>;

    /// Counts a sign-in attempt for the login `key` *before* its password
    /// is checked, in one step with checking the hold-back: when
    /// [`crate::accounts::held_back_until`] lets it go ahead at `now`,
    /// counts one more failure at `now` and answers [`SignInGate::Counted`]
    /// (the attempt counts as failed until
    /// [`AuthStore::clear_sign_in_failures`] after a successful sign-in);
    /// otherwise records nothing and answers [`SignInGate::Refused`].
    /// Counters whose last failure is older than
    /// [`crate::accounts::SIGN_IN_FAILURE_MEMORY`] are forgotten.
    ///
    /// Attempts for one key are counted one after the other, even when
    /// they arrive at the same moment in several processes. An attempt that
    /// fails for another reason after being counted (database lost, crash)
    /// stays counted: the limit errs on the safe side.
    async fn count_sign_in_attempt(&self, key: &str, now: DateTime<Utc>) -> DbResult<SignInGate>;

    /// Forgets the failed sign-ins for `key` (after a successful one).
    async fn clear_sign_in_failures(&self, key: &str) -> DbResult<()>;

    /// Counts a sign-in attempt made with a device key, before its password
    /// is checked: when the key (its hash) belongs to the account `login`
    /// of the office `office_code` and has fewer than `max_failures`
    /// failures, counts one more and answers true (the attempt then skips
    /// the login's hold-back); otherwise changes nothing and answers false.
    /// One statement, so parallel attempts with one key cannot overrun it.
    async fn count_device_key_attempt(
        &self,
        key_hash: &str,
        office_code: &str,
        login: &str,
        max_failures: u32,
    ) -> DbResult<bool>;

    /// A sign-in with the key succeeded: its failures are cleared and its
    /// last use set.
    async fn device_key_used(&self, key_hash: &str, now: DateTime<Utc>) -> DbResult<()>;

    /// Stores a new device key of a staff member, and forgets keys (of
    /// anyone) last used before `forget_before`.
    async fn create_device_key(
        &self,
        key_hash: &str,
        staff_id: Uuid,
        now: DateTime<Utc>,
        forget_before: DateTime<Utc>,
    ) -> DbResult<()>;

    /// Stores a session and forgets sessions that expired or were revoked
    /// more than [`crate::accounts::SESSION_MEMORY`] before its creation
    /// (until then a token is answered `session_expired` /
    /// `session_revoked` rather than `unauthorized`). Kept longer, because
    /// their devices must still be told to erase themselves: sessions of
    /// disabled accounts (while disabled), and lost sessions until their
    /// device was told and then stayed away for `SESSION_MEMORY`.
    async fn create_session(&self, session: &NewSession) -> DbResult<()>;

    /// The session of a token hash, `None` when no session has it. A
    /// device marked lost comes first, then an account that is disabled,
    /// then a revoked session, then an expired one.
    async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<SessionState>>;

    /// Sliding expiry: sets the session's `last_used_at` to `now` and its
    /// `expires_at` to `expires_at`, only if it is live and was last used
    /// before `stale_before` (so several processes write it once).
    async fn touch_session(
        &self,
        session_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> DbResult<()>;

    /// Revokes a session; revoking twice is not an error.
    async fn revoke_session(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<()>;

    /// A lost session's device reached the server and is being told to
    /// erase itself: its last contact becomes `now`, and `wipe_sent_at` is
    /// set unless it was already.
    async fn lost_device_seen(&self, session_id: Uuid, now: DateTime<Utc>) -> DbResult<()>;
}

/// The columns [`session_state`] reads, after [`super::rows::STAFF_COLUMNS`],
/// from `sessions x`.
pub(super) const SESSION_COLUMNS: &str = "x.id, x.last_used_at, x.expires_at, x.revoked_at, x.lost_at";

/// [`AuthStore::count_sign_in_attempt`]'s refusal, from the login's stored
/// counter `(failures, last failure)` if it has one: `None` when the
/// attempt may go ahead at `now`.
pub(super) fn refusal<F, T>(counter: Option<(F, T)>, now: DateTime<Utc>) -> DbResult<Option<SignInGate>>
where
    F: TryInto<u32>,
    T: StoredTime,
{
    if let Some((failures, last_failed_at)) = counter {
        let failures = failures.try_into().unwrap_or(u32::MAX);
        if let Some(until) = held_back_until(failures, last_failed_at.into_time()?, now) {
            return Ok(Some(SignInGate::Refused { until }));
        }
    }
    Ok(None)
}

/// The [`SessionState`] at `now` of a row of [`super::rows::STAFF_COLUMNS`]
/// then [`SESSION_COLUMNS`], on either engine.
pub(super) fn session_state<R>(row: &R, now: DateTime<Utc>) -> DbResult<SessionState>
where
    R: Row,
    R::Database: Engine,
    usize: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
{
    type Time<R> = <<R as Row>::Database as Engine>::Time;
    type Id<R> = <<R as Row>::Database as Engine>::Id;
    // SESSION_COLUMNS, after the staff columns.
    let [id, last_used_at, expires_at, revoked_at, lost_at] = [0, 1, 2, 3, 4].map(|i| STAFF_COLUMN_COUNT + i);
    let staff = staff_info(row)?;
    let revoked: Option<Time<R>> = row.try_get(revoked_at)?;
    let lost: Option<Time<R>> = row.try_get(lost_at)?;
    Ok(if lost.is_some() {
        SessionState::Lost(row.try_get::<Id<R>, _>(id)?.into_uuid()?)
    } else if staff.disabled {
        SessionState::Disabled
    } else if revoked.is_some() {
        SessionState::Revoked
    } else if row.try_get::<Time<R>, _>(expires_at)? <= Time::<R>::from_time(now) {
        SessionState::Expired
    } else {
        SessionState::Live(LiveSession {
            id: row.try_get::<Id<R>, _>(id)?.into_uuid()?,
            staff,
            last_used_at: row.try_get::<Time<R>, _>(last_used_at)?.into_time()?,
        })
    })
}
