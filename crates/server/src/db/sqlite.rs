//! SQLite storage: one file, no setup. Ids are UUID text and times are
//! milliseconds since the epoch (see `migrations/sqlite`).
//!
//! Writers are serialised by SQLite itself: a push opens its transaction
//! with `BEGIN IMMEDIATE`, which takes the database's write lock before
//! reading `next_cursor`, so cursors are handed out and committed in order
//! even with several processes on one file (WAL mode, busy timeout).

use std::collections::HashMap;
use std::str::FromStr as _;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::sync::{Change, PullResponse, PushResponse, StaffInfo};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use uuid::Uuid;

use super::{
    credentials, keys_of, migrator, page, plan_push, role_name, staff_info, Credentials, Database, DbError, DbResult,
    NewOffice, NewSession, NewStaff, SignInGate, CREDENTIALS_COLUMNS, STAFF_COLUMNS,
};

const MIGRATIONS: &[(i64, &str, &str)] = &[(1, "initial", include_str!("../../migrations/sqlite/0001_initial.sql"))];

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
            .foreign_keys(true);
        if let Some(dir) = options.get_filename().parent().filter(|dir| !dir.as_os_str().is_empty()) {
            tokio::fs::create_dir_all(dir).await.map_err(|e| DbError::Other(Box::new(e)))?;
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

async fn insert_staff(
    conn: &mut sqlx::SqliteConnection,
    office_id: Uuid,
    staff: &NewStaff,
    now: DateTime<Utc>,
) -> DbResult<StaffInfo> {
    sqlx::query(
        "INSERT INTO staff (id, office_id, login, display_name, role, password_hash, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(staff.id.to_string())
    .bind(office_id.to_string())
    .bind(&staff.login)
    .bind(&staff.display_name)
    .bind(role_name(staff.role))
    .bind(&staff.password_hash)
    .bind(ms(now))
    .execute(&mut *conn)
    .await?;
    let row = sqlx::query(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id WHERE s.id = ?"
    ))
    .bind(staff.id.to_string())
    .fetch_one(&mut *conn)
    .await?;
    staff_info(&row)
}

#[async_trait]
impl Database for SqliteDb {
    fn engine(&self) -> &'static str {
        "sqlite"
    }

    async fn create_office(&self, office: &NewOffice, admin: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("INSERT INTO offices (id, code, name, created_at) VALUES (?, ?, ?, ?)")
            .bind(office.id.to_string())
            .bind(&office.code)
            .bind(&office.name)
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
        let info = insert_staff(&mut tx, office.id, admin, now).await?;
        tx.commit().await?;
        Ok(info)
    }

    async fn credentials(&self, office_code: &str, login: &str) -> DbResult<Option<Credentials>> {
        let row = sqlx::query(&format!(
            "SELECT {CREDENTIALS_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id \
             WHERE o.code = ? AND s.login = ?"
        ))
        .bind(office_code)
        .bind(login)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(credentials).transpose()
    }

    async fn count_sign_in_attempt(
        &self,
        key: &str,
        at: DateTime<Utc>,
        since: DateTime<Utc>,
        max: usize,
    ) -> DbResult<SignInGate> {
        // The write lock is taken before the failures are read, so attempts
        // of every connection and process are counted one after the other.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < ?").bind(ms(since)).execute(&mut *tx).await?;
        let failures: Vec<i64> = sqlx::query_scalar(
            "SELECT failed_at FROM sign_in_failures WHERE attempt_key = ? AND failed_at >= ? ORDER BY failed_at",
        )
        .bind(key)
        .bind(ms(since))
        .fetch_all(&mut *tx)
        .await?;
        let gate = if failures.len() >= max {
            SignInGate::Refused(failures.into_iter().map(time).collect::<DbResult<_>>()?)
        } else {
            sqlx::query("INSERT INTO sign_in_failures (attempt_key, failed_at) VALUES (?, ?)")
                .bind(key)
                .bind(ms(at))
                .execute(&mut *tx)
                .await?;
            SignInGate::Counted
        };
        tx.commit().await?;
        Ok(gate)
    }

    async fn clear_sign_in_failures(&self, key: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM sign_in_failures WHERE attempt_key = ?").bind(key).execute(&self.pool).await?;
        Ok(())
    }

    async fn create_session(&self, session: &NewSession) -> DbResult<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at < ?").bind(ms(session.created_at)).execute(&mut *tx).await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, staff_id, office_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
        )
        .bind(&session.token_hash)
        .bind(session.staff_id.to_string())
        .bind(session.office_id.to_string())
        .bind(ms(session.created_at))
        .bind(ms(session.expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn session_staff(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<StaffInfo>> {
        let row = sqlx::query(&format!(
            "SELECT {STAFF_COLUMNS} FROM sessions x \
             JOIN staff s ON s.id = x.staff_id AND s.office_id = x.office_id \
             JOIN offices o ON o.id = s.office_id \
             WHERE x.token_hash = ? AND x.revoked_at IS NULL AND x.expires_at > ? AND s.disabled = 0"
        ))
        .bind(token_hash)
        .bind(ms(now))
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(staff_info).transpose()
    }

    async fn revoke_session(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
            .bind(ms(now))
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn create_staff(&self, office_id: Uuid, staff: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let exists: Option<i64> = sqlx::query_scalar("SELECT 1 FROM offices WHERE id = ?")
            .bind(office_id.to_string())
            .fetch_optional(&mut *tx)
            .await?;
        if exists.is_none() {
            return Err(DbError::NotFound);
        }
        let info = insert_staff(&mut tx, office_id, staff, now).await?;
        tx.commit().await?;
        Ok(info)
    }

    async fn list_staff(&self, office_id: Uuid) -> DbResult<Vec<StaffInfo>> {
        let rows = sqlx::query(&format!(
            "SELECT {STAFF_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id \
             WHERE s.office_id = ? ORDER BY s.created_at, s.login"
        ))
        .bind(office_id.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(staff_info).collect()
    }

    async fn push(&self, office_id: Uuid, changes: &[Change], now: DateTime<Utc>) -> DbResult<PushResponse> {
        let office = office_id.to_string();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let next: Option<i64> = sqlx::query_scalar("SELECT next_cursor FROM offices WHERE id = ?")
            .bind(&office)
            .fetch_optional(&mut *tx)
            .await?;
        let mut next = next.ok_or(DbError::NotFound)?;

        let mut stored = HashMap::new();
        for key in keys_of(changes)? {
            let body: Option<String> =
                sqlx::query_scalar("SELECT body FROM changes WHERE office_id = ? AND device_id = ? AND seq = ?")
                    .bind(&office)
                    .bind(&key.0)
                    .bind(key.1)
                    .fetch_optional(&mut *tx)
                    .await?;
            if let Some(body) = body {
                stored.insert(key, body);
            }
        }
        let plan = plan_push(changes, &stored)?;

        for (change, body) in &plan.inserts {
            sqlx::query(
                "INSERT INTO changes (office_id, cursor, device_id, seq, record_id, kind, body, received_at) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&office)
            .bind(next)
            .bind(&change.device_id)
            .bind(super::seq_of(change)?)
            .bind(change.record_id.to_string())
            .bind(change.kind.as_str())
            .bind(body)
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
            next += 1;
        }
        if !plan.inserts.is_empty() {
            sqlx::query("UPDATE offices SET next_cursor = ? WHERE id = ?")
                .bind(next)
                .bind(&office)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(PushResponse { accepted: plan.inserts.len() as u32, duplicates: plan.duplicates })
    }

    async fn pull(&self, office_id: Uuid, since: i64, limit: u32) -> DbResult<PullResponse> {
        let rows: Vec<(i64, String)> = sqlx::query_as(
            "SELECT cursor, body FROM changes WHERE office_id = ? AND cursor > ? ORDER BY cursor LIMIT ?",
        )
        .bind(office_id.to_string())
        .bind(since)
        .bind(i64::from(limit) + 1)
        .fetch_all(&self.pool)
        .await?;
        page(rows, since, limit)
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
