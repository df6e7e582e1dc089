//! PostgreSQL storage, for offices that run several server processes over
//! one database (see `migrations/postgres`).
//!
//! A push locks its office's row (`SELECT … FOR NO KEY UPDATE`) before
//! reading `next_cursor` and keeps the lock until it commits, so one
//! office's pushes commit one after the other and their cursors become
//! visible in order; pushes of different offices do not wait for each
//! other. (`NO KEY UPDATE` rather than `UPDATE`: it still excludes other
//! pushes, but not the key-share locks that inserting a session or staff
//! row of the office takes for its foreign key, so sign-ins never wait
//! for a push.) A
//! `bigserial` would not do: two transactions can commit their numbers out
//! of order, and a puller that already passed the later one would skip the
//! earlier one forever.
//!
//! Sign-in attempts of one (office code, login) are counted under a
//! transaction-scoped advisory lock on that key, so attempts arriving
//! together in several processes are checked against the hold-back one
//! after the other. Device bindings are read and written under the office
//! row lock of the push.
//!
//! Connecting is here; each part of [`Database`] is implemented in the
//! submodule of its name (`auth`, `staff`, `sync`).

mod access_log;
mod auth;
mod staff;
mod sync;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::postgres::{PgPool, PgPoolOptions};
use uuid::Uuid;

use super::migrations::{embedded_migrations, migrator, Migrations};
use super::rows::{Engine, StoredId, StoredTime};
use super::{Database, DbResult};

const MIGRATIONS: Migrations = embedded_migrations!("postgres");

pub struct PostgresDb {
    pool: PgPool,
}

impl PostgresDb {
    /// Connects to the database of a `postgres://` URL and runs the
    /// migrations (under sqlx's advisory lock, so processes starting
    /// together do not race).
    pub async fn open(url: &str) -> DbResult<Self> {
        let pool = PgPoolOptions::new().max_connections(10).connect(url).await?;
        // `run_direct` on one connection is what `run` does; its future is
        // `Send` for any lifetime, so opening can be spawned.
        let mut conn = pool.acquire().await?;
        migrator(MIGRATIONS).await?.run_direct(&mut *conn).await?;
        drop(conn);
        Ok(Self { pool })
    }
}

impl Engine for sqlx::Postgres {
    type Id = Uuid;
    type Time = DateTime<Utc>;
}

impl StoredId for Uuid {
    fn into_uuid(self) -> DbResult<Uuid> {
        Ok(self)
    }
}

impl StoredTime for DateTime<Utc> {
    fn from_time(time: DateTime<Utc>) -> Self {
        time
    }

    fn into_time(self) -> DbResult<DateTime<Utc>> {
        Ok(self)
    }
}

#[async_trait]
impl Database for PostgresDb {
    fn engine(&self) -> &'static str {
        "postgres"
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}
