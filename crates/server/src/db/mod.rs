//! Storage: one [`Database`] trait, implemented for SQLite (the embedded
//! default, [`sqlite`]) and PostgreSQL (several server processes over one
//! database, [`postgres`]). [`connect`] picks the engine from the URL.
//!
//! Terms:
//! - *office* (事業所): the unit of isolation. Every query that reads or
//!   writes staff, sessions or changes names the office it works for.
//! - *change*: one [`Change`] pushed by a device, stored once per
//!   (office, device id, seq) as JSON.
//! - *cursor*: an office's position in its change log, from 1 without gaps.
//!   Cursors are taken from `offices.next_cursor` inside the push
//!   transaction while the office's row (PostgreSQL) or the whole database
//!   (SQLite) is locked for writing, so they become visible in order: a
//!   puller that has seen cursor N never later finds a new N−1.

pub mod postgres;
pub mod sqlite;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::sync::{Change, DeviceSession, PullResponse, PushResponse, Role, StaffInfo, MAX_PULL_BYTES};
use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};
use sqlx::{ColumnIndex, Decode, Row, Type};
use uuid::Uuid;

/// The storage every server process shares.
pub type Db = Arc<dyn Database>;

pub type DbResult<T> = Result<T, DbError>;

/// Why a storage call failed.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// The office (or other row) the call refers to does not exist.
    #[error("not found")]
    NotFound,
    /// A uniqueness rule was broken: office code taken, login taken in the
    /// office, or a (device id, seq) pushed again with a different body.
    #[error("conflict")]
    Conflict,
    /// A push names a device id bound to another live session.
    #[error("device id bound to another session")]
    DeviceTaken,
    /// The change would leave the office without an active 管理者.
    #[error("last active administrator")]
    LastAdmin,
    /// Anything else: connection lost, disk full, corrupt row, bad URL.
    #[error(transparent)]
    Other(BoxDynError),
}

impl DbError {
    pub fn other(message: impl Into<String>) -> Self {
        Self::Other(message.into().into())
    }
}

impl From<sqlx::Error> for DbError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => Self::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => Self::Conflict,
            other => Self::Other(Box::new(other)),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for DbError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        Self::Other(Box::new(error))
    }
}

/// A new office (事業所); its cursor starts at 1.
#[derive(Debug, Clone)]
pub struct NewOffice {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// A new staff account with its already hashed password.
#[derive(Clone)]
pub struct NewStaff {
    pub id: Uuid,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// argon2id PHC string.
    pub password_hash: String,
}

impl fmt::Debug for NewStaff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewStaff")
            .field("id", &self.id)
            .field("login", &self.login)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

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

/// Who pushes: the session (device ids get bound to it) and its staff
/// member (stored with each change).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pusher {
    pub session_id: Uuid,
    pub staff_id: Uuid,
}

/// What [`Database::count_sign_in_attempt`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInGate {
    /// The attempt may check its password; it is counted as a failure
    /// already.
    Counted,
    /// The login is held back until then; nothing was recorded.
    Refused { until: DateTime<Utc> },
}

/// Storage shared by all server processes: every piece of state lives here,
/// so processes are interchangeable.
#[async_trait]
pub trait Database: Send + Sync + 'static {
    /// `"sqlite"` or `"postgres"`, for logs.
    fn engine(&self) -> &'static str;

    /// Creates an office and its first administrator in one transaction.
    /// [`DbError::Conflict`] when the office code is taken.
    async fn create_office(&self, office: &NewOffice, admin: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo>;

    /// The account `login` of the office with `office_code`, if both exist.
    async fn credentials(&self, office_code: &str, login: &str) -> DbResult<Option<Credentials>>;

    /// Counts a sign-in attempt for the login `key` *before* its password
    /// is checked, in one step with checking the hold-back: when
    /// [`crate::accounts::held_back_until`] lets it go ahead at `now`,
    /// counts one more failure at `now` and answers [`SignInGate::Counted`]
    /// (the attempt counts as failed until
    /// [`Database::clear_sign_in_failures`] after a successful sign-in);
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
    /// `session_revoked` rather than `unauthorized`).
    async fn create_session(&self, session: &NewSession) -> DbResult<()>;

    /// The session of a token hash, `None` when no session has it. An
    /// account that is disabled comes first, then a revoked session, then
    /// an expired one.
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

    /// Revokes one session (`Some(id)`) or all sessions (`None`) of a staff
    /// member of the office; answers how many were live.
    /// [`DbError::NotFound`] when the staff member is not in the office or
    /// the session is not theirs.
    async fn revoke_staff_sessions(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        session_id: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> DbResult<u64>;

    /// The live sessions of a staff member of the office, oldest first, each
    /// with the device ids bound to it (`current` is false: the caller
    /// knows which one asks).
    async fn live_sessions(&self, office_id: Uuid, staff_id: Uuid, now: DateTime<Utc>) -> DbResult<Vec<DeviceSession>>;

    /// A staff member of the office.
    async fn staff_member(&self, office_id: Uuid, staff_id: Uuid) -> DbResult<Option<StaffInfo>>;

    /// The id of the office with this code.
    async fn office_by_code(&self, office_code: &str) -> DbResult<Option<Uuid>>;

    /// Disables or enables a staff member of the office. Disabling revokes
    /// all their sessions in the same transaction. [`DbError::LastAdmin`]
    /// when it would leave the office without an active 管理者 (checked
    /// under a lock, so two 管理者 disabling each other cannot both
    /// succeed); [`DbError::NotFound`] when not in the office.
    async fn set_staff_disabled(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        disabled: bool,
        now: DateTime<Utc>,
    ) -> DbResult<StaffInfo>;

    /// Replaces a staff member's password hash and clears the failures of
    /// their device keys; answers the office code (the caller clears the
    /// login's failed sign-ins).
    /// [`DbError::NotFound`] when not in the office.
    async fn set_password(&self, office_id: Uuid, staff_id: Uuid, password_hash: &str) -> DbResult<String>;

    /// Adds an account to an office. [`DbError::Conflict`] when the login is
    /// taken in that office, [`DbError::NotFound`] when the office is gone.
    async fn create_staff(&self, office_id: Uuid, staff: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo>;

    /// The office's accounts, oldest first.
    async fn list_staff(&self, office_id: Uuid) -> DbResult<Vec<StaffInfo>>;

    /// Stores the changes not stored yet, in one transaction, giving each
    /// new one the office's next cursor and the pusher's staff id. A change
    /// whose (device id, seq) is stored already counts as a duplicate; if
    /// its body differs, [`DbError::Conflict`] and nothing of the batch is
    /// stored.
    ///
    /// Each device id of the batch is bound to the pushing session in the
    /// same transaction (see [`binding_action`]); one bound to another live
    /// session is [`DbError::DeviceTaken`] and nothing is stored. Pushes of
    /// one office run one after the other (office row lock / SQLite write
    /// lock), so of two sessions pushing a new device id at once exactly
    /// one gets it.
    async fn push(
        &self,
        office_id: Uuid,
        pusher: Pusher,
        changes: &[Change],
        now: DateTime<Utc>,
    ) -> DbResult<PushResponse>;

    /// Up to `limit` changes of the office with a cursor above `since`,
    /// ascending, and no more than fit in [`MAX_PULL_BYTES`] of stored JSON
    /// (at least one): see [`page_length`]. Only the sizes of the changes
    /// left out are read, never their bodies.
    async fn pull(&self, office_id: Uuid, since: i64, limit: u32) -> DbResult<PullResponse>;

    /// Closes the connections (graceful shutdown, tests).
    async fn close(&self);
}

/// Opens the database named by `url`, creating it (SQLite: the file and its
/// directory) and running its migrations.
///
/// `sqlite:<path>` (`sqlite:./data/renkei.db`) or `postgres://…` /
/// `postgresql://…`.
pub async fn connect(url: &str) -> DbResult<Db> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(sqlite::SqliteDb::open(url).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(postgres::PostgresDb::open(url).await?))
    } else {
        Err(DbError::other(
            "データベース URL は sqlite: か postgres:// で始めてください / \
             the database URL must start with sqlite: or postgres://",
        ))
    }
}

/// Migrations compiled into the binary, so a deployed server needs no
/// migrations directory.
#[derive(Debug)]
struct Embedded(&'static [(i64, &'static str, &'static str)]);

impl MigrationSource<'static> for Embedded {
    fn resolve(self) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 'static>> {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|&(version, description, sql)| {
                    Migration::new(
                        version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

async fn migrator(migrations: &'static [(i64, &'static str, &'static str)]) -> DbResult<Migrator> {
    Ok(Migrator::new(Embedded(migrations)).await?)
}

/// A stored change's identity within its office.
type ChangeKey = (String, i64);

/// What a push will do, decided from the batch and the bodies already stored
/// under the batch's keys.
struct PushPlan<'a> {
    /// New changes with their JSON, in batch order.
    inserts: Vec<(&'a Change, String)>,
    duplicates: u32,
}

fn seq_of(change: &Change) -> DbResult<i64> {
    i64::try_from(change.seq).map_err(|_| DbError::other("seq out of range"))
}

fn keys_of(changes: &[Change]) -> DbResult<Vec<ChangeKey>> {
    changes.iter().map(|change| Ok((change.device_id.clone(), seq_of(change)?))).collect()
}

/// The distinct device ids of a batch, in order of appearance.
fn device_ids_of(changes: &[Change]) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    for change in changes {
        if !ids.contains(&change.device_id.as_str()) {
            ids.push(&change.device_id);
        }
    }
    ids
}

/// What a push does with the binding of one of its device ids.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BindingAction {
    /// Not bound yet: bind it to the pushing session.
    Bind,
    /// Bound to the pushing session already.
    Keep,
    /// Bound to a session that has ended (signed out, revoked, expired,
    /// account disabled): the pushing session takes it over (the same
    /// tablet, signed in again or by a colleague).
    TakeOver,
}

/// Decides from the current binding `(session id, whether that session is
/// live)` of a device id. Bound to another live session:
/// [`DbError::DeviceTaken`].
fn binding_action(bound: Option<(Uuid, bool)>, pusher: Pusher) -> DbResult<BindingAction> {
    match bound {
        None => Ok(BindingAction::Bind),
        Some((session, _)) if session == pusher.session_id => Ok(BindingAction::Keep),
        Some((_, true)) => Err(DbError::DeviceTaken),
        Some((_, false)) => Ok(BindingAction::TakeOver),
    }
}

/// Splits a batch into new changes and duplicates. A key seen before (stored
/// or earlier in the batch) with a different change is a [`DbError::Conflict`].
fn plan_push<'a>(changes: &'a [Change], stored: &HashMap<ChangeKey, String>) -> DbResult<PushPlan<'a>> {
    let mut in_batch: HashMap<ChangeKey, &Change> = HashMap::new();
    let mut plan = PushPlan { inserts: Vec::new(), duplicates: 0 };
    for change in changes {
        let key = (change.device_id.clone(), seq_of(change)?);
        if let Some(body) = stored.get(&key) {
            let earlier: Change = serde_json::from_str(body).map_err(|e| DbError::Other(Box::new(e)))?;
            if earlier != *change {
                return Err(DbError::Conflict);
            }
            plan.duplicates += 1;
        } else if let Some(earlier) = in_batch.get(&key) {
            if *earlier != change {
                return Err(DbError::Conflict);
            }
            plan.duplicates += 1;
        } else {
            let body = serde_json::to_string(change).map_err(|e| DbError::Other(Box::new(e)))?;
            in_batch.insert(key, change);
            plan.inserts.push((change, body));
        }
    }
    Ok(plan)
}

/// How many of the next changes of a pull go on one page, from their byte
/// sizes in cursor order (`limit + 1` of them asked for), and whether any
/// remain after those: at most `limit`, and only as many as fit in
/// [`MAX_PULL_BYTES`] together, but always at least one, so a change larger
/// than the cap still travels (alone).
fn page_length(sizes: &[i64], limit: u32) -> (usize, bool) {
    let mut total = 0i64;
    let mut length = 0;
    for &size in sizes.iter().take(limit as usize) {
        total = total.saturating_add(size);
        if length > 0 && total > MAX_PULL_BYTES as i64 {
            break;
        }
        length += 1;
    }
    (length, sizes.len() > length)
}

/// Turns stored rows (cursor, body) of one page into the answer.
fn page(rows: Vec<(i64, String)>, since: i64, more: bool) -> DbResult<PullResponse> {
    let changes = rows
        .into_iter()
        .map(|(cursor, body)| {
            let change = serde_json::from_str(&body).map_err(|e| DbError::Other(Box::new(e)))?;
            Ok(renkei_domain::sync::ServerChange { cursor, change })
        })
        .collect::<DbResult<Vec<_>>>()?;
    let next = changes.last().map_or(since, |last| last.cursor);
    Ok(PullResponse { changes, next, more })
}

macro_rules! staff_columns {
    () => {
        "s.id, s.office_id, o.name, s.login, s.display_name, s.role, s.disabled"
    };
}
/// The columns [`staff_info`] reads, in its order, from
/// `staff s JOIN offices o`.
const STAFF_COLUMNS: &str = staff_columns!();
/// The columns [`credentials`] reads, in its order, from
/// `staff s JOIN offices o`: [`STAFF_COLUMNS`], then the password hash.
const CREDENTIALS_COLUMNS: &str = concat!(staff_columns!(), ", s.password_hash");

/// An id as an engine stores it: a PostgreSQL `uuid`, SQLite UUID text.
trait StoredId: Sized {
    fn into_uuid(self) -> DbResult<Uuid>;
}

impl StoredId for Uuid {
    fn into_uuid(self) -> DbResult<Uuid> {
        Ok(self)
    }
}

impl StoredId for String {
    fn into_uuid(self) -> DbResult<Uuid> {
        Uuid::parse_str(&self).map_err(|e| DbError::Other(Box::new(e)))
    }
}

/// An engine's storage types for what both engines read the same way.
trait Engine: sqlx::Database {
    type Id: StoredId + for<'r> Decode<'r, Self> + Type<Self>;
}

impl Engine for sqlx::Sqlite {
    type Id = String;
}

impl Engine for sqlx::Postgres {
    type Id = Uuid;
}

/// A [`StaffInfo`] from a row of [`STAFF_COLUMNS`] (or a row that starts
/// with them), on either engine.
fn staff_info<R>(row: &R) -> DbResult<StaffInfo>
where
    R: Row,
    R::Database: Engine,
    usize: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
{
    let id = |index: usize| row.try_get::<<R::Database as Engine>::Id, _>(index).map_err(DbError::from)?.into_uuid();
    Ok(StaffInfo {
        id: id(0)?,
        office_id: id(1)?,
        office_name: row.try_get(2)?,
        login: row.try_get(3)?,
        display_name: row.try_get(4)?,
        role: parse_role(&row.try_get::<String, _>(5)?)?,
        disabled: row.try_get(6)?,
    })
}

/// [`Credentials`] from a row of [`CREDENTIALS_COLUMNS`], on either engine.
fn credentials<R>(row: &R) -> DbResult<Credentials>
where
    R: Row,
    R::Database: Engine,
    usize: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
{
    let staff = staff_info(row)?;
    Ok(Credentials { disabled: staff.disabled, staff, password_hash: row.try_get(7)? })
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Staff => "staff",
    }
}

fn parse_role(name: &str) -> DbResult<Role> {
    match name {
        "admin" => Ok(Role::Admin),
        "staff" => Ok(Role::Staff),
        other => Err(DbError::other(format!("unknown role in database: {other}"))),
    }
}

#[cfg(test)]
mod tests {
    use renkei_domain::record::RecordKind;
    use serde_json::json;

    use super::*;

    fn change(device: &str, seq: u64, value: &str) -> Change {
        Change {
            device_id: device.into(),
            seq,
            record_id: Uuid::from_u128(seq as u128),
            kind: RecordKind::Client,
            writes: vec![renkei_domain::sync::FieldWrite {
                field: "name".into(),
                value: json!(value),
                stamp: renkei_domain::sync::Stamp { ms: 1, counter: 0, device: device.into() },
                replaces: vec![],
            }],
        }
    }

    #[test]
    fn a_batch_with_the_same_change_twice_stores_it_once() {
        let batch = [change("a", 1, "x"), change("a", 1, "x"), change("a", 2, "y")];
        let plan = plan_push(&batch, &HashMap::new()).unwrap();
        assert_eq!(plan.inserts.len(), 2);
        assert_eq!(plan.duplicates, 1);
    }

    #[test]
    fn a_seq_reused_with_another_body_in_one_batch_is_a_conflict() {
        let batch = [change("a", 1, "x"), change("a", 1, "other")];
        assert!(matches!(plan_push(&batch, &HashMap::new()), Err(DbError::Conflict)));
    }

    #[test]
    fn a_stored_change_is_a_duplicate_only_with_the_same_body() {
        let stored = HashMap::from([(("a".to_owned(), 1), serde_json::to_string(&change("a", 1, "x")).unwrap())]);
        let batch = [change("a", 1, "x"), change("b", 1, "x")];
        let plan = plan_push(&batch, &stored).unwrap();
        assert_eq!((plan.inserts.len(), plan.duplicates), (1, 1));
        assert!(matches!(plan_push(&[change("a", 1, "changed")], &stored), Err(DbError::Conflict)));
    }

    #[test]
    fn a_device_id_is_bound_once_and_taken_over_only_from_an_ended_session() {
        let me = Pusher { session_id: Uuid::from_u128(1), staff_id: Uuid::from_u128(9) };
        let other = Uuid::from_u128(2);
        assert_eq!(binding_action(None, me).unwrap(), BindingAction::Bind);
        assert_eq!(binding_action(Some((me.session_id, true)), me).unwrap(), BindingAction::Keep);
        assert_eq!(binding_action(Some((other, false)), me).unwrap(), BindingAction::TakeOver);
        assert!(matches!(binding_action(Some((other, true)), me), Err(DbError::DeviceTaken)));
        let batch = [change("a", 1, "x"), change("b", 1, "x"), change("a", 2, "x")];
        assert_eq!(device_ids_of(&batch), vec!["a", "b"]);
    }

    #[test]
    fn an_empty_page_keeps_the_cursor_and_a_full_one_says_more() {
        let empty = page(vec![], 7, false).unwrap();
        assert_eq!((empty.next, empty.more, empty.changes.len()), (7, false, 0));
        let body = serde_json::to_string(&change("a", 1, "x")).unwrap();
        let rows = (8..=9).map(|cursor| (cursor, body.clone())).collect();
        let full = page(rows, 7, true).unwrap();
        assert_eq!((full.next, full.more, full.changes.len()), (9, true, 2));
        assert_eq!(page_length(&[10, 10, 10], 2), (2, true));
        assert_eq!(page_length(&[10, 10], 2), (2, false));
        assert_eq!(page_length(&[], 2), (0, false));
    }

    #[test]
    fn a_page_stops_at_the_byte_cap_but_holds_at_least_one_change() {
        let cap = MAX_PULL_BYTES as i64;
        let third = 300 * 1024;
        assert_eq!(page_length(&[third, third, third, third], 1000), (3, true));
        assert_eq!(page_length(&[third, third, third], 1000), (3, false));
        assert_eq!(page_length(&[cap / 2, cap / 2, 1], 1000), (2, true));
        assert_eq!(page_length(&[cap * 2, 1], 1000), (1, true));
        assert_eq!(page_length(&[cap * 2], 1000), (1, false));
        assert_eq!(page_length(&[1, cap], 1000), (1, true));
        assert_eq!(page_length(&[i64::MAX, i64::MAX], 1000), (1, true));
    }
}
