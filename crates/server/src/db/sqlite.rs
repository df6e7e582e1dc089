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
use renkei_domain::sync::{Change, DeviceSession, PullResponse, PushResponse, Role, StaffInfo};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};
use sqlx::Row as _;
use uuid::Uuid;

use super::{
    binding_action, credentials, device_ids_of, keys_of, migrator, page, page_length, plan_push, role_name, staff_info,
    BindingAction, Credentials, Database, DbError, DbResult, LiveSession, NewOffice, NewSession, NewStaff, Pusher,
    SessionState, SignInGate, StoredId, CREDENTIALS_COLUMNS, STAFF_COLUMNS,
};
use crate::accounts::{held_back_until, SESSION_MEMORY, SIGN_IN_FAILURE_MEMORY};

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../../migrations/sqlite/0001_initial.sql")),
    (2, "sessions and devices", include_str!("../../migrations/sqlite/0002_sessions_and_devices.sql")),
    (
        3,
        "sign-in throttle and device keys",
        include_str!("../../migrations/sqlite/0003_sign_in_throttle_and_device_keys.sql"),
    ),
];

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

    async fn count_sign_in_attempt(&self, key: &str, now: DateTime<Utc>) -> DbResult<SignInGate> {
        // The write lock is taken before the counter is read, so attempts
        // of every connection and process are counted one after the other.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("DELETE FROM sign_in_throttle WHERE last_failed_at <= ?")
            .bind(ms(now - SIGN_IN_FAILURE_MEMORY))
            .execute(&mut *tx)
            .await?;
        let counter: Option<(i64, i64)> =
            sqlx::query_as("SELECT failures, last_failed_at FROM sign_in_throttle WHERE attempt_key = ?")
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((failures, last_failed_at)) = counter {
            let failures = u32::try_from(failures).unwrap_or(u32::MAX);
            if let Some(until) = held_back_until(failures, time(last_failed_at)?, now) {
                return Ok(SignInGate::Refused { until });
            }
        }
        sqlx::query(
            "INSERT INTO sign_in_throttle (attempt_key, failures, last_failed_at) VALUES (?, 1, ?) \
             ON CONFLICT (attempt_key) DO UPDATE SET failures = failures + 1, last_failed_at = excluded.last_failed_at",
        )
        .bind(key)
        .bind(ms(now))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(SignInGate::Counted)
    }

    async fn clear_sign_in_failures(&self, key: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM sign_in_throttle WHERE attempt_key = ?").bind(key).execute(&self.pool).await?;
        Ok(())
    }

    async fn count_device_key_attempt(
        &self,
        key_hash: &str,
        office_code: &str,
        login: &str,
        max_failures: u32,
    ) -> DbResult<bool> {
        let counted = sqlx::query(
            "UPDATE device_keys SET failures = failures + 1 \
             WHERE key_hash = ? AND failures < ? AND staff_id = \
               (SELECT s.id FROM staff s JOIN offices o ON o.id = s.office_id WHERE o.code = ? AND s.login = ?)",
        )
        .bind(key_hash)
        .bind(i64::from(max_failures))
        .bind(office_code)
        .bind(login)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(counted == 1)
    }

    async fn device_key_used(&self, key_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query("UPDATE device_keys SET failures = 0, last_used_at = ? WHERE key_hash = ?")
            .bind(ms(now))
            .bind(key_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn create_device_key(
        &self,
        key_hash: &str,
        staff_id: Uuid,
        now: DateTime<Utc>,
        forget_before: DateTime<Utc>,
    ) -> DbResult<()> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("DELETE FROM device_keys WHERE last_used_at < ?").bind(ms(forget_before)).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO device_keys (key_hash, staff_id, created_at, last_used_at) VALUES (?, ?, ?, ?)")
            .bind(key_hash)
            .bind(staff_id.to_string())
            .bind(ms(now))
            .bind(ms(now))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_session(&self, session: &NewSession) -> DbResult<()> {
        let forget_before = ms(session.created_at - SESSION_MEMORY);
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at < ? OR revoked_at < ?")
            .bind(forget_before)
            .bind(forget_before)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (id, token_hash, staff_id, office_id, created_at, last_used_at, expires_at) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(session.id.to_string())
        .bind(&session.token_hash)
        .bind(session.staff_id.to_string())
        .bind(session.office_id.to_string())
        .bind(ms(session.created_at))
        .bind(ms(session.created_at))
        .bind(ms(session.expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn session(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<SessionState>> {
        let row = sqlx::query(&format!(
            "SELECT {STAFF_COLUMNS}, x.id, x.last_used_at, x.expires_at, x.revoked_at FROM sessions x \
             JOIN staff s ON s.id = x.staff_id AND s.office_id = x.office_id \
             JOIN offices o ON o.id = s.office_id \
             WHERE x.token_hash = ?"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let staff = staff_info(&row)?;
        let revoked: Option<i64> = row.try_get(10)?;
        Ok(Some(if staff.disabled {
            SessionState::Disabled
        } else if revoked.is_some() {
            SessionState::Revoked
        } else if row.try_get::<i64, _>(9)? <= ms(now) {
            SessionState::Expired
        } else {
            SessionState::Live(LiveSession {
                id: row.try_get::<String, _>(7)?.into_uuid()?,
                staff,
                last_used_at: time(row.try_get(8)?)?,
            })
        }))
    }

    async fn touch_session(
        &self,
        session_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> DbResult<()> {
        sqlx::query(
            "UPDATE sessions SET last_used_at = ?, expires_at = ? \
             WHERE id = ? AND last_used_at < ? AND revoked_at IS NULL AND expires_at > ?",
        )
        .bind(ms(now))
        .bind(ms(expires_at))
        .bind(session_id.to_string())
        .bind(ms(stale_before))
        .bind(ms(now))
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn revoke_session(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query("UPDATE sessions SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL")
            .bind(ms(now))
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn revoke_staff_sessions(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        session_id: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> DbResult<u64> {
        let (office, staff) = (office_id.to_string(), staff_id.to_string());
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let exists: Option<i64> = match session_id {
            None => {
                sqlx::query_scalar("SELECT 1 FROM staff WHERE id = ? AND office_id = ?")
                    .bind(&staff)
                    .bind(&office)
                    .fetch_optional(&mut *tx)
                    .await?
            }
            Some(session) => {
                sqlx::query_scalar("SELECT 1 FROM sessions WHERE id = ? AND staff_id = ? AND office_id = ?")
                    .bind(session.to_string())
                    .bind(&staff)
                    .bind(&office)
                    .fetch_optional(&mut *tx)
                    .await?
            }
        };
        if exists.is_none() {
            return Err(DbError::NotFound);
        }
        let revoked = sqlx::query(
            "UPDATE sessions SET revoked_at = ? \
             WHERE staff_id = ? AND office_id = ? AND (? IS NULL OR id = ?) AND revoked_at IS NULL AND expires_at > ?",
        )
        .bind(ms(now))
        .bind(&staff)
        .bind(&office)
        .bind(session_id.map(|id| id.to_string()))
        .bind(session_id.map(|id| id.to_string()))
        .bind(ms(now))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(revoked)
    }

    async fn live_sessions(&self, office_id: Uuid, staff_id: Uuid, now: DateTime<Utc>) -> DbResult<Vec<DeviceSession>> {
        let (office, staff) = (office_id.to_string(), staff_id.to_string());
        let rows: Vec<(String, i64, i64, i64)> = sqlx::query_as(
            "SELECT id, created_at, last_used_at, expires_at FROM sessions \
             WHERE office_id = ? AND staff_id = ? AND revoked_at IS NULL AND expires_at > ? \
             ORDER BY created_at, id",
        )
        .bind(&office)
        .bind(&staff)
        .bind(ms(now))
        .fetch_all(&self.pool)
        .await?;
        let devices: Vec<(String, String)> = sqlx::query_as(
            "SELECT b.session_id, b.device_id FROM device_bindings b JOIN sessions x ON x.id = b.session_id \
             WHERE x.office_id = ? AND x.staff_id = ? AND x.revoked_at IS NULL AND x.expires_at > ? \
             ORDER BY b.device_id",
        )
        .bind(&office)
        .bind(&staff)
        .bind(ms(now))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, created_at, last_used_at, expires_at)| {
                let device_ids =
                    devices.iter().filter(|(session, _)| *session == id).map(|(_, device)| device.clone()).collect();
                Ok(DeviceSession {
                    id: id.into_uuid()?,
                    signed_in_at: time(created_at)?,
                    last_used_at: time(last_used_at)?,
                    expires_at: time(expires_at)?,
                    device_ids,
                    current: false,
                })
            })
            .collect()
    }

    async fn staff_member(&self, office_id: Uuid, staff_id: Uuid) -> DbResult<Option<StaffInfo>> {
        let row = sqlx::query(&format!(
            "SELECT {STAFF_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id WHERE s.id = ? AND s.office_id = ?"
        ))
        .bind(staff_id.to_string())
        .bind(office_id.to_string())
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(staff_info).transpose()
    }

    async fn office_by_code(&self, office_code: &str) -> DbResult<Option<Uuid>> {
        let id: Option<String> = sqlx::query_scalar("SELECT id FROM offices WHERE code = ?")
            .bind(office_code)
            .fetch_optional(&self.pool)
            .await?;
        id.map(StoredId::into_uuid).transpose()
    }

    async fn set_staff_disabled(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        disabled: bool,
        now: DateTime<Utc>,
    ) -> DbResult<StaffInfo> {
        let (office, staff) = (office_id.to_string(), staff_id.to_string());
        // The write lock first: no other 管理者 can be disabled between the
        // count and the update.
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current: Option<(String, bool)> =
            sqlx::query_as("SELECT role, disabled FROM staff WHERE id = ? AND office_id = ?")
                .bind(&staff)
                .bind(&office)
                .fetch_optional(&mut *tx)
                .await?;
        let (role, was_disabled) = current.ok_or(DbError::NotFound)?;
        if disabled && !was_disabled && role == role_name(Role::Admin) {
            let others: i64 = sqlx::query_scalar(
                "SELECT count(*) FROM staff WHERE office_id = ? AND role = 'admin' AND NOT disabled AND id <> ?",
            )
            .bind(&office)
            .bind(&staff)
            .fetch_one(&mut *tx)
            .await?;
            if others == 0 {
                return Err(DbError::LastAdmin);
            }
        }
        sqlx::query("UPDATE staff SET disabled = ? WHERE id = ?").bind(disabled).bind(&staff).execute(&mut *tx).await?;
        if disabled {
            sqlx::query("UPDATE sessions SET revoked_at = ? WHERE staff_id = ? AND revoked_at IS NULL")
                .bind(ms(now))
                .bind(&staff)
                .execute(&mut *tx)
                .await?;
        }
        let row = sqlx::query(&format!(
            "SELECT {STAFF_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id WHERE s.id = ?"
        ))
        .bind(&staff)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        staff_info(&row)
    }

    async fn set_password(&self, office_id: Uuid, staff_id: Uuid, password_hash: &str) -> DbResult<String> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let updated = sqlx::query("UPDATE staff SET password_hash = ? WHERE id = ? AND office_id = ?")
            .bind(password_hash)
            .bind(staff_id.to_string())
            .bind(office_id.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 0 {
            return Err(DbError::NotFound);
        }
        sqlx::query("UPDATE device_keys SET failures = 0 WHERE staff_id = ?")
            .bind(staff_id.to_string())
            .execute(&mut *tx)
            .await?;
        let code: String = sqlx::query_scalar("SELECT code FROM offices WHERE id = ?")
            .bind(office_id.to_string())
            .fetch_one(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(code)
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

    async fn push(
        &self,
        office_id: Uuid,
        pusher: Pusher,
        changes: &[Change],
        now: DateTime<Utc>,
    ) -> DbResult<PushResponse> {
        let office = office_id.to_string();
        let (session, staff) = (pusher.session_id.to_string(), pusher.staff_id.to_string());
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let next: Option<i64> = sqlx::query_scalar("SELECT next_cursor FROM offices WHERE id = ?")
            .bind(&office)
            .fetch_optional(&mut *tx)
            .await?;
        let mut next = next.ok_or(DbError::NotFound)?;

        for device in device_ids_of(changes) {
            let bound: Option<(String, bool)> = sqlx::query_as(
                "SELECT b.session_id, x.revoked_at IS NULL AND x.expires_at > ? AND NOT s.disabled \
                 FROM device_bindings b JOIN sessions x ON x.id = b.session_id JOIN staff s ON s.id = x.staff_id \
                 WHERE b.office_id = ? AND b.device_id = ?",
            )
            .bind(ms(now))
            .bind(&office)
            .bind(device)
            .fetch_optional(&mut *tx)
            .await?;
            let bound = bound.map(|(id, live)| Ok::<_, DbError>((id.into_uuid()?, live))).transpose()?;
            match binding_action(bound, pusher)? {
                BindingAction::Keep => {}
                BindingAction::Bind => {
                    sqlx::query(
                        "INSERT INTO device_bindings (office_id, device_id, session_id, staff_id, bound_at) \
                         VALUES (?, ?, ?, ?, ?)",
                    )
                    .bind(&office)
                    .bind(device)
                    .bind(&session)
                    .bind(&staff)
                    .bind(ms(now))
                    .execute(&mut *tx)
                    .await?;
                }
                BindingAction::TakeOver => {
                    sqlx::query(
                        "UPDATE device_bindings SET session_id = ?, staff_id = ?, bound_at = ? \
                         WHERE office_id = ? AND device_id = ?",
                    )
                    .bind(&session)
                    .bind(&staff)
                    .bind(ms(now))
                    .bind(&office)
                    .bind(device)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }

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
                "INSERT INTO changes (office_id, cursor, device_id, seq, record_id, kind, body, received_at, staff_id) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&office)
            .bind(next)
            .bind(&change.device_id)
            .bind(super::seq_of(change)?)
            .bind(change.record_id.to_string())
            .bind(change.kind.as_str())
            .bind(body)
            .bind(ms(now))
            .bind(&staff)
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
        let office = office_id.to_string();
        // Sizes first (octet_length reads no body), then the bodies of the
        // page only: a page of large changes stays bounded in memory.
        let sizes: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT cursor, octet_length(body) FROM changes WHERE office_id = ? AND cursor > ? \
             ORDER BY cursor LIMIT ?",
        )
        .bind(&office)
        .bind(since)
        .bind(i64::from(limit) + 1)
        .fetch_all(&self.pool)
        .await?;
        let (length, more) = page_length(&sizes.iter().map(|&(_, size)| size).collect::<Vec<_>>(), limit);
        let rows: Vec<(i64, String)> = match length.checked_sub(1).map(|last| sizes[last].0) {
            None => Vec::new(),
            Some(last) => {
                sqlx::query_as(
                    "SELECT cursor, body FROM changes WHERE office_id = ? AND cursor > ? AND cursor <= ? \
                     ORDER BY cursor",
                )
                .bind(&office)
                .bind(since)
                .bind(last)
                .fetch_all(&self.pool)
                .await?
            }
        };
        page(rows, since, more)
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
