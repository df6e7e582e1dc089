//! SQLite storage: one file, no setup. Ids are UUID text and times are
//! milliseconds since the epoch (see `migrations/sqlite`).
//!
//! Writers are serialised by SQLite itself: a push opens its transaction
//! with `BEGIN IMMEDIATE`, which takes the database's write lock before
//! reading `next_cursor`, so cursors are handed out and committed in order
//! even with several processes on one file (WAL mode, busy timeout).
//!
//! Opening the file is here; each part of [`Database`] is implemented in
//! the submodule of its name (`auth`, `staff`, `sync`).

mod access_log;
mod auth;
mod staff;
mod sync;

use std::str::FromStr as _;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{Sqlite, Transaction};
use uuid::Uuid;

use super::migrations::{embedded_migrations, migrator, Migrations};
use super::rows::{Engine, StoredId, StoredTime};
use super::{Database, DbError, DbResult};

const MIGRATIONS: Migrations = embedded_migrations!("sqlite");

/// How long a writer waits for another writer's lock before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

pub struct SqliteDb {
    pool: SqlitePool,
}

impl SqliteDb {
    /// Opens (creating if needed) the database file of a `sqlite:` URL and
    /// its directory, and runs the migrations.
    pub async fn open(url: &str) -> DbResult<Self> {
        let options = SqliteConnectOptions::from_str(url)?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            // An acknowledged push must survive a power cut: the device
            // deletes its outbox entry when it gets the answer.
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(BUSY_TIMEOUT)
            .foreign_keys(true)
            // Deleted content is overwritten with zeros, so what a purge
            // deletes does not linger in free pages of the file.
            .pragma("secure_delete", "ON");
        let path = options.get_filename().to_owned();
        if path.as_os_str() != ":memory:" && !url.contains("mode=memory") {
            tokio::task::spawn_blocking(move || create_private(&path))
                .await
                .map_err(|e| DbError::Other(Box::new(e)))?
                .map_err(|e| DbError::Other(Box::new(e)))?;
        }
        let pool = SqlitePoolOptions::new().max_connections(8).connect_lazy_with(options);
        // Several processes may start at the same moment on a file that
        // does not exist yet. Turning a new file to WAL takes an exclusive
        // lock that SQLite may refuse at once ("database is locked") rather
        // than wait for, when two connections try it together; so opening
        // is retried until BUSY_TIMEOUT. Nothing is half done: the
        // migrations run in one transaction (see `migrate`).
        let started = Instant::now();
        let mut pause = Duration::from_millis(10);
        loop {
            match migrate(&pool).await {
                Ok(()) => return Ok(Self { pool }),
                Err(error) if is_busy(&error) && started.elapsed() < BUSY_TIMEOUT => {
                    tracing::debug!(%error, "database busy while opening it; retrying");
                    tokio::time::sleep(pause).await;
                    pause = (pause * 2).min(Duration::from_millis(500));
                }
                Err(error) => return Err(error),
            }
        }
    }

    /// A transaction that holds the database's write lock from its start
    /// (`BEGIN IMMEDIATE`), waiting for other writers up to [`BUSY_TIMEOUT`].
    async fn begin_write(&self) -> DbResult<Transaction<'static, Sqlite>> {
        Ok(self.pool.begin_with("BEGIN IMMEDIATE").await?)
    }
}

/// Creates the database file readable by its owner only (0600; SQLite gives
/// its `-wal` and `-shm` files the same mode), and its directory, when the
/// server makes it, likewise (0700): the file holds personal data. An
/// existing file or directory is left as it is.
fn create_private(path: &std::path::Path) -> std::io::Result<()> {
    let mut dir_builder = std::fs::DirBuilder::new();
    dir_builder.recursive(true);
    let mut file_options = std::fs::OpenOptions::new();
    file_options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt as _, OpenOptionsExt as _};
        dir_builder.mode(0o700);
        file_options.mode(0o600);
    }
    if let Some(dir) = path.parent().filter(|dir| !dir.as_os_str().is_empty() && !dir.exists()) {
        dir_builder.create(dir)?;
    }
    match file_options.open(path) {
        Ok(_) => Ok(()),
        // Another process made it a moment ago, or it was there already.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

/// Runs the migrations that are not applied yet, all in one `BEGIN
/// IMMEDIATE` transaction. Several processes may start at the same moment
/// on a file that does not exist yet: whoever takes the write lock first
/// creates the schema; the others wait for it (busy timeout), then find the
/// migrations applied. (sqlx takes no lock of its own on SQLite, and without
/// this both would try to create the tables.)
async fn migrate(pool: &SqlitePool) -> DbResult<()> {
    let migrator = migrator(MIGRATIONS).await?;
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    // Inside a transaction, sqlx runs each migration in a savepoint.
    // (`run_direct` rather than `run`: the same on a connection, and its
    // future is `Send` for any lifetime, so opening can be spawned.)
    migrator.run_direct(&mut *tx).await?;
    tx.commit().await?;
    Ok(())
}

/// Whether `error` is SQLite's `SQLITE_BUSY` or `SQLITE_LOCKED` ("database
/// is locked"), in any extended form, also as the cause of a migration
/// error.
fn is_busy(error: &DbError) -> bool {
    const SQLITE_BUSY: i32 = 5;
    const SQLITE_LOCKED: i32 = 6;
    let DbError::Other(error) = error else {
        return false;
    };
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(error.as_ref());
    while let Some(error) = cause {
        if let Some(sqlx::Error::Database(db)) = error.downcast_ref::<sqlx::Error>() {
            let primary = db.code().and_then(|code| code.parse::<i32>().ok()).map(|code| code & 0xff);
            return matches!(primary, Some(SQLITE_BUSY | SQLITE_LOCKED));
        }
        cause = error.source();
    }
    false
}

fn ms(time: DateTime<Utc>) -> i64 {
    time.timestamp_millis()
}

fn time(ms: i64) -> DbResult<DateTime<Utc>> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| DbError::other("time out of range in database"))
}

impl Engine for Sqlite {
    type Id = String;
    type Time = i64;
}

impl StoredId for String {
    fn into_uuid(self) -> DbResult<Uuid> {
        Uuid::parse_str(&self).map_err(|e| DbError::Other(Box::new(e)))
    }
}

impl StoredTime for i64 {
    fn from_time(time: DateTime<Utc>) -> Self {
        ms(time)
    }

    fn into_time(self) -> DbResult<DateTime<Utc>> {
        time(self)
    }
}

#[async_trait]
impl Database for SqliteDb {
    fn engine(&self) -> &'static str {
        "sqlite"
    }

    async fn close(&self) {
        self.pool.close().await;
    }
}

#[cfg(test)]
mod tests {
    use sqlx::{Connection as _, SqliteConnection};

    use super::*;

    #[tokio::test]
    async fn a_locked_database_is_busy_also_inside_a_migration_error_and_other_errors_are_not() {
        let dir = tempfile::tempdir().unwrap();
        let options = SqliteConnectOptions::new().filename(dir.path().join("db")).create_if_missing(true);
        let mut holder = SqliteConnection::connect_with(&options).await.unwrap();
        let mut lock = holder.begin_with("BEGIN EXCLUSIVE").await.unwrap();
        sqlx::query("CREATE TABLE t (x)").execute(&mut *lock).await.unwrap();

        let mut other = SqliteConnection::connect_with(&options.clone().busy_timeout(Duration::ZERO)).await.unwrap();
        let query = "SELECT * FROM sqlite_master";
        let error = sqlx::query(query).execute(&mut other).await.unwrap_err();
        assert!(error.to_string().contains("database is locked"), "{error}");
        assert!(is_busy(&DbError::from(error)));
        let error = sqlx::query(query).execute(&mut other).await.unwrap_err();
        assert!(is_busy(&DbError::from(sqlx::migrate::MigrateError::Execute(error))));
        assert!(!is_busy(&DbError::NotFound));
        assert!(!is_busy(&DbError::other("database is locked, says the text only")));

        lock.rollback().await.unwrap();
        let syntax = sqlx::query("SELEC 1").execute(&mut other).await.unwrap_err();
        assert!(!is_busy(&DbError::from(syntax)));
    }
}
