//! Storage: one [`Database`] trait, implemented for SQLite (the embedded
//! default, [`sqlite`]) and PostgreSQL (several server processes over one
//! database, [`postgres`]). [`connect`] picks the engine from the URL.
//!
//! [`Database`] is made of one part per caller, each in its own module with
//! its types and the logic both engines share:
//! - [`AuthStore`] ([`auth`]): sign-in attempts, device keys, sessions (the
//!   `/api/auth` handlers and the token check of every request);
//! - [`StaffStore`] ([`staff`]): offices, staff accounts and their sessions
//!   as 管理者 and the console commands see them;
//! - [`SyncStore`] ([`sync`]): the change log, push and pull, and purging a
//!   client's records after the retention period (decided in [`purge`]);
//! - [`AccessLogStore`] ([`access_log`]): who read or wrote which client's
//!   records (pushes write their rows in [`SyncStore::push`]).
//!
//! Each engine implements each part in a submodule of the same name
//! (`sqlite::auth`, `postgres::sync`, …). The trait's methods can be called
//! on a [`Db`] without importing the parts.
//!
//! Terms:
//! - *office* (事業所): the unit of isolation. Every query that reads or
//!   writes staff, sessions or changes names the office it works for.
//! - *change*: one [`Change`](renkei_domain::sync::Change) pushed by a
//!   device, stored once per (office, device id, seq) as JSON.
//! - *cursor*: an office's position in its change log, from 1 without gaps.
//!   Cursors are taken from `offices.next_cursor` inside the push
//!   transaction while the office's row (PostgreSQL) or the whole database
//!   (SQLite) is locked for writing, so they become visible in order: a
//!   puller that has seen cursor N never later finds a new N−1. A purge
//!   takes cursors the same way, one per purged record id: the log a pull
//!   reads is the changes and the purged ids together, in cursor order,
//!   handed out without gaps; the changes a purge deletes leave theirs.

pub mod access_log;
pub mod auth;
mod migrations;
pub mod postgres;
pub mod purge;
mod rows;
pub mod sqlite;
pub mod staff;
pub mod sync;

use std::sync::Arc;

use async_trait::async_trait;
use sqlx::error::BoxDynError;

pub use access_log::{AccessFilter, AccessLogStore};
pub use auth::{AuthStore, Credentials, LiveSession, NewSession, SessionState, SignInGate};
pub use purge::{PurgeOutcome, Purged, Retained};
pub use staff::{NewOffice, NewStaff, StaffStore};
pub use sync::{Pusher, SyncStore};

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

/// Storage shared by all server processes: every piece of state lives here,
/// so processes are interchangeable.
#[async_trait]
pub trait Database: AuthStore + StaffStore + SyncStore + AccessLogStore + Send + Sync + 'static {
    /// `"sqlite"` or `"postgres"`, for logs.
    fn engine(&self) -> &'static str;

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
