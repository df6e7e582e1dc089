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
use renkei_domain::sync::{Change, PullResponse, PushResponse, Role, StaffInfo};
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
    pub token_hash: String,
    pub staff_id: Uuid,
    pub office_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// What [`Database::count_sign_in_attempt`] decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInGate {
    /// The attempt may check its password; it is counted as a failure
    /// already.
    Counted,
    /// Too many failures: their times within the window, oldest first.
    /// Nothing was recorded.
    Refused(Vec<DateTime<Utc>>),
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

    /// Counts a sign-in attempt for `key` *before* its password is checked,
    /// in one step with checking the limit: when fewer than `max` failures
    /// of `key` happened at or after `since`, records a failure at `at` and
    /// answers [`SignInGate::Counted`] (the attempt counts as failed until
    /// [`Database::clear_sign_in_failures`] after a successful sign-in);
    /// otherwise records nothing and answers [`SignInGate::Refused`].
    /// Failures (of any key) older than `since` are forgotten.
    ///
    /// Attempts for one key are counted one after the other, even when
    /// they arrive at the same moment in several processes, so at most
    /// `max` passwords of a key are checked per window. An attempt that
    /// fails for another reason after being counted (database lost, crash)
    /// stays counted: the limit errs on the safe side.
    async fn count_sign_in_attempt(
        &self,
        key: &str,
        at: DateTime<Utc>,
        since: DateTime<Utc>,
        max: usize,
    ) -> DbResult<SignInGate>;

    /// Forgets the failed sign-ins for `key` (after a successful one).
    async fn clear_sign_in_failures(&self, key: &str) -> DbResult<()>;

    /// Stores a session and drops sessions that expired before its creation.
    async fn create_session(&self, session: &NewSession) -> DbResult<()>;

    /// The staff member of a live session: not revoked, not expired at `now`,
    /// account not disabled.
    async fn session_staff(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<StaffInfo>>;

    /// Revokes a session; revoking twice is not an error.
    async fn revoke_session(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<()>;

    /// Adds an account to an office. [`DbError::Conflict`] when the login is
    /// taken in that office, [`DbError::NotFound`] when the office is gone.
    async fn create_staff(&self, office_id: Uuid, staff: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo>;

    /// The office's accounts, oldest first.
    async fn list_staff(&self, office_id: Uuid) -> DbResult<Vec<StaffInfo>>;

    /// Stores the changes not stored yet, in one transaction, giving each
    /// new one the office's next cursor. A change whose (device id, seq) is
    /// stored already counts as a duplicate; if its body differs,
    /// [`DbError::Conflict`] and nothing of the batch is stored.
    async fn push(&self, office_id: Uuid, changes: &[Change], now: DateTime<Utc>) -> DbResult<PushResponse>;

    /// Up to `limit` changes of the office with a cursor above `since`,
    /// ascending.
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

/// Turns stored rows (cursor, body) — `limit + 1` asked for — into a page.
fn page(rows: Vec<(i64, String)>, since: i64, limit: u32) -> DbResult<PullResponse> {
    let more = rows.len() > limit as usize;
    let changes = rows
        .into_iter()
        .take(limit as usize)
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
        "s.id, s.office_id, o.name, s.login, s.display_name, s.role"
    };
}
/// The columns [`staff_info`] reads, in its order, from
/// `staff s JOIN offices o`.
const STAFF_COLUMNS: &str = staff_columns!();
/// The columns [`credentials`] reads, in its order, from
/// `staff s JOIN offices o`: [`STAFF_COLUMNS`], then the password hash and
/// the disabled flag.
const CREDENTIALS_COLUMNS: &str = concat!(staff_columns!(), ", s.password_hash, s.disabled");

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
{
    let id = |index: usize| row.try_get::<<R::Database as Engine>::Id, _>(index).map_err(DbError::from)?.into_uuid();
    Ok(StaffInfo {
        id: id(0)?,
        office_id: id(1)?,
        office_name: row.try_get(2)?,
        login: row.try_get(3)?,
        display_name: row.try_get(4)?,
        role: parse_role(&row.try_get::<String, _>(5)?)?,
        disabled: false,
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
    Ok(Credentials { staff: staff_info(row)?, password_hash: row.try_get(6)?, disabled: row.try_get(7)? })
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
    fn an_empty_page_keeps_the_cursor_and_a_full_one_says_more() {
        let empty = page(vec![], 7, 10).unwrap();
        assert_eq!((empty.next, empty.more, empty.changes.len()), (7, false, 0));
        let body = serde_json::to_string(&change("a", 1, "x")).unwrap();
        let rows = (8..=10).map(|cursor| (cursor, body.clone())).collect();
        let full = page(rows, 7, 2).unwrap();
        assert_eq!((full.next, full.more, full.changes.len()), (9, true, 2));
    }
}
