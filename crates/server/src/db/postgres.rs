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

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::sync::{Change, DeviceSession, PullResponse, PushResponse, Role, StaffInfo};
use sqlx::postgres::{PgConnection, PgPool, PgPoolOptions};
use sqlx::Row as _;
use uuid::Uuid;

use super::{
    binding_action, credentials, device_ids_of, keys_of, migrator, page, page_length, plan_push, role_name, seq_of,
    staff_info, BindingAction, Credentials, Database, DbError, DbResult, LiveSession, NewOffice, NewSession, NewStaff,
    Pusher, SessionState, SignInGate, CREDENTIALS_COLUMNS, STAFF_COLUMNS,
};
use crate::accounts::{held_back_until, SESSION_MEMORY, SIGN_IN_FAILURE_MEMORY};

const MIGRATIONS: &[(i64, &str, &str)] = &[
    (1, "initial", include_str!("../../migrations/postgres/0001_initial.sql")),
    (2, "sessions and devices", include_str!("../../migrations/postgres/0002_sessions_and_devices.sql")),
    (
        3,
        "sign-in throttle and device keys",
        include_str!("../../migrations/postgres/0003_sign_in_throttle_and_device_keys.sql"),
    ),
];

/// Advisory locks of sign-in attempts are `(SIGN_IN_LOCK_CLASS,
/// hashtext(attempt key))`: the two-key space, apart from the one-key locks
/// sqlx takes while migrating.
const SIGN_IN_LOCK_CLASS: i32 = 0x5245_4e4b; // "RENK"

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

async fn insert_staff(
    conn: &mut PgConnection,
    office_id: Uuid,
    staff: &NewStaff,
    now: DateTime<Utc>,
) -> DbResult<StaffInfo> {
    sqlx::query(
        "INSERT INTO staff (id, office_id, login, display_name, role, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(staff.id)
    .bind(office_id)
    .bind(&staff.login)
    .bind(&staff.display_name)
    .bind(role_name(staff.role))
    .bind(&staff.password_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    let row = sqlx::query(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id WHERE s.id = $1"
    ))
    .bind(staff.id)
    .fetch_one(&mut *conn)
    .await?;
    staff_info(&row)
}

#[async_trait]
impl Database for PostgresDb {
    fn engine(&self) -> &'static str {
        "postgres"
    }

    async fn create_office(&self, office: &NewOffice, admin: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo> {
        let mut tx = self.pool.begin().await?;
        sqlx::query("INSERT INTO offices (id, code, name, created_at) VALUES ($1, $2, $3, $4)")
            .bind(office.id)
            .bind(&office.code)
            .bind(&office.name)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        let info = insert_staff(&mut tx, office.id, admin, now).await?;
        tx.commit().await?;
        Ok(info)
    }

    async fn credentials(&self, office_code: &str, login: &str) -> DbResult<Option<Credentials>> {
        let row = sqlx::query(&format!(
            "SELECT {CREDENTIALS_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id \
             WHERE o.code = $1 AND s.login = $2"
        ))
        .bind(office_code)
        .bind(login)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(credentials).transpose()
    }

    async fn count_sign_in_attempt(&self, key: &str, now: DateTime<Utc>) -> DbResult<SignInGate> {
        let mut tx = self.pool.begin().await?;
        // Attempts of one key wait for each other here until commit, in
        // every process; the read below (its own snapshot, taken after the
        // lock) sees every attempt counted before.
        sqlx::query("SELECT pg_advisory_xact_lock($1, hashtext($2))")
            .bind(SIGN_IN_LOCK_CLASS)
            .bind(key)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sign_in_throttle WHERE last_failed_at <= $1")
            .bind(now - SIGN_IN_FAILURE_MEMORY)
            .execute(&mut *tx)
            .await?;
        let counter: Option<(i32, DateTime<Utc>)> =
            sqlx::query_as("SELECT failures, last_failed_at FROM sign_in_throttle WHERE attempt_key = $1")
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some((failures, last_failed_at)) = counter {
            let failures = u32::try_from(failures).unwrap_or(u32::MAX);
            if let Some(until) = held_back_until(failures, last_failed_at, now) {
                return Ok(SignInGate::Refused { until });
            }
        }
        sqlx::query(
            "INSERT INTO sign_in_throttle (attempt_key, failures, last_failed_at) VALUES ($1, 1, $2) \
             ON CONFLICT (attempt_key) DO UPDATE \
             SET failures = least(sign_in_throttle.failures, 1000000) + 1, last_failed_at = excluded.last_failed_at",
        )
        .bind(key)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(SignInGate::Counted)
    }

    async fn clear_sign_in_failures(&self, key: &str) -> DbResult<()> {
        sqlx::query("DELETE FROM sign_in_throttle WHERE attempt_key = $1").bind(key).execute(&self.pool).await?;
        Ok(())
    }

    async fn count_device_key_attempt(
        &self,
        key_hash: &str,
        office_code: &str,
        login: &str,
        max_failures: u32,
    ) -> DbResult<bool> {
        // The row lock of the UPDATE orders parallel attempts with one key;
        // each re-checks `failures` after the one before it committed.
        let counted = sqlx::query(
            "UPDATE device_keys k SET failures = k.failures + 1 \
             FROM staff s JOIN offices o ON o.id = s.office_id \
             WHERE k.key_hash = $1 AND k.failures < $2 AND s.id = k.staff_id AND o.code = $3 AND s.login = $4",
        )
        .bind(key_hash)
        .bind(i32::try_from(max_failures).unwrap_or(i32::MAX))
        .bind(office_code)
        .bind(login)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(counted == 1)
    }

    async fn device_key_used(&self, key_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query("UPDATE device_keys SET failures = 0, last_used_at = $1 WHERE key_hash = $2")
            .bind(now)
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
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM device_keys WHERE last_used_at < $1").bind(forget_before).execute(&mut *tx).await?;
        sqlx::query("INSERT INTO device_keys (key_hash, staff_id, created_at, last_used_at) VALUES ($1, $2, $3, $3)")
            .bind(key_hash)
            .bind(staff_id)
            .bind(now)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn create_session(&self, session: &NewSession) -> DbResult<()> {
        let forget_before = session.created_at - SESSION_MEMORY;
        let mut tx = self.pool.begin().await?;
        sqlx::query("DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1")
            .bind(forget_before)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (id, token_hash, staff_id, office_id, created_at, last_used_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $5, $6)",
        )
        .bind(session.id)
        .bind(&session.token_hash)
        .bind(session.staff_id)
        .bind(session.office_id)
        .bind(session.created_at)
        .bind(session.expires_at)
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
             WHERE x.token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let staff = staff_info(&row)?;
        let revoked: Option<DateTime<Utc>> = row.try_get(10)?;
        Ok(Some(if staff.disabled {
            SessionState::Disabled
        } else if revoked.is_some() {
            SessionState::Revoked
        } else if row.try_get::<DateTime<Utc>, _>(9)? <= now {
            SessionState::Expired
        } else {
            SessionState::Live(LiveSession { id: row.try_get(7)?, staff, last_used_at: row.try_get(8)? })
        }))
    }

    async fn touch_session(
        &self,
        session_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
        stale_before: DateTime<Utc>,
    ) -> DbResult<()> {
        // Two processes touching at once: the second waits for the first's
        // row lock, then finds last_used_at fresh and writes nothing.
        sqlx::query(
            "UPDATE sessions SET last_used_at = $1, expires_at = $2 \
             WHERE id = $3 AND last_used_at < $4 AND revoked_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(expires_at)
        .bind(session_id)
        .bind(stale_before)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn revoke_session(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL")
            .bind(now)
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
        let mut tx = self.pool.begin().await?;
        let exists: Option<i32> = match session_id {
            None => {
                sqlx::query_scalar("SELECT 1 FROM staff WHERE id = $1 AND office_id = $2")
                    .bind(staff_id)
                    .bind(office_id)
                    .fetch_optional(&mut *tx)
                    .await?
            }
            Some(session) => {
                sqlx::query_scalar("SELECT 1 FROM sessions WHERE id = $1 AND staff_id = $2 AND office_id = $3")
                    .bind(session)
                    .bind(staff_id)
                    .bind(office_id)
                    .fetch_optional(&mut *tx)
                    .await?
            }
        };
        if exists.is_none() {
            return Err(DbError::NotFound);
        }
        let revoked = sqlx::query(
            "UPDATE sessions SET revoked_at = $1 \
             WHERE staff_id = $2 AND office_id = $3 AND ($4::uuid IS NULL OR id = $4) \
               AND revoked_at IS NULL AND expires_at > $1",
        )
        .bind(now)
        .bind(staff_id)
        .bind(office_id)
        .bind(session_id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
        tx.commit().await?;
        Ok(revoked)
    }

    async fn live_sessions(&self, office_id: Uuid, staff_id: Uuid, now: DateTime<Utc>) -> DbResult<Vec<DeviceSession>> {
        type SessionRow = (Uuid, DateTime<Utc>, DateTime<Utc>, DateTime<Utc>, Vec<String>);
        let rows: Vec<SessionRow> = sqlx::query_as(
            "SELECT x.id, x.created_at, x.last_used_at, x.expires_at, \
                    coalesce(array_agg(b.device_id ORDER BY b.device_id) FILTER (WHERE b.device_id IS NOT NULL), '{}') \
             FROM sessions x LEFT JOIN device_bindings b ON b.session_id = x.id \
             WHERE x.office_id = $1 AND x.staff_id = $2 AND x.revoked_at IS NULL AND x.expires_at > $3 \
             GROUP BY x.id, x.created_at, x.last_used_at, x.expires_at ORDER BY x.created_at, x.id",
        )
        .bind(office_id)
        .bind(staff_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, signed_in_at, last_used_at, expires_at, device_ids)| DeviceSession {
                id,
                signed_in_at,
                last_used_at,
                expires_at,
                device_ids,
                current: false,
            })
            .collect())
    }

    async fn staff_member(&self, office_id: Uuid, staff_id: Uuid) -> DbResult<Option<StaffInfo>> {
        let row = sqlx::query(&format!(
            "SELECT {STAFF_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id \
             WHERE s.id = $1 AND s.office_id = $2"
        ))
        .bind(staff_id)
        .bind(office_id)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(staff_info).transpose()
    }

    async fn office_by_code(&self, office_code: &str) -> DbResult<Option<Uuid>> {
        Ok(sqlx::query_scalar("SELECT id FROM offices WHERE code = $1")
            .bind(office_code)
            .fetch_optional(&self.pool)
            .await?)
    }

    async fn set_staff_disabled(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        disabled: bool,
        now: DateTime<Utc>,
    ) -> DbResult<StaffInfo> {
        let mut tx = self.pool.begin().await?;
        // The office's 管理者 rows and the target's, locked in id order (no
        // deadlock): two 管理者 disabling each other at once are decided one
        // after the other. NO KEY UPDATE: sign-ins and pushes, which take
        // key-share locks on staff rows, do not wait.
        let locked: Vec<(Uuid, String, bool)> = sqlx::query_as(
            "SELECT id, role, disabled FROM staff WHERE office_id = $1 AND (role = 'admin' OR id = $2) \
             ORDER BY id FOR NO KEY UPDATE",
        )
        .bind(office_id)
        .bind(staff_id)
        .fetch_all(&mut *tx)
        .await?;
        let (_, role, was_disabled) = locked.iter().find(|(id, _, _)| *id == staff_id).ok_or(DbError::NotFound)?;
        if disabled && !was_disabled && role == role_name(Role::Admin) {
            let others = locked.iter().filter(|(id, role, off)| *id != staff_id && role == "admin" && !off).count();
            if others == 0 {
                return Err(DbError::LastAdmin);
            }
        }
        sqlx::query("UPDATE staff SET disabled = $1 WHERE id = $2")
            .bind(disabled)
            .bind(staff_id)
            .execute(&mut *tx)
            .await?;
        if disabled {
            sqlx::query("UPDATE sessions SET revoked_at = $1 WHERE staff_id = $2 AND revoked_at IS NULL")
                .bind(now)
                .bind(staff_id)
                .execute(&mut *tx)
                .await?;
        }
        let row = sqlx::query(&format!(
            "SELECT {STAFF_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id WHERE s.id = $1"
        ))
        .bind(staff_id)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        staff_info(&row)
    }

    async fn set_password(&self, office_id: Uuid, staff_id: Uuid, password_hash: &str) -> DbResult<String> {
        let mut tx = self.pool.begin().await?;
        let code: Option<String> = sqlx::query_scalar(
            "UPDATE staff s SET password_hash = $1 FROM offices o \
             WHERE s.id = $2 AND s.office_id = $3 AND o.id = s.office_id RETURNING o.code",
        )
        .bind(password_hash)
        .bind(staff_id)
        .bind(office_id)
        .fetch_optional(&mut *tx)
        .await?;
        let code = code.ok_or(DbError::NotFound)?;
        sqlx::query("UPDATE device_keys SET failures = 0 WHERE staff_id = $1").bind(staff_id).execute(&mut *tx).await?;
        tx.commit().await?;
        Ok(code)
    }

    async fn create_staff(&self, office_id: Uuid, staff: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo> {
        let mut tx = self.pool.begin().await?;
        let exists: Option<i32> =
            sqlx::query_scalar("SELECT 1 FROM offices WHERE id = $1").bind(office_id).fetch_optional(&mut *tx).await?;
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
             WHERE s.office_id = $1 ORDER BY s.created_at, s.login"
        ))
        .bind(office_id)
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
        let mut tx = self.pool.begin().await?;
        let next: Option<i64> = sqlx::query_scalar("SELECT next_cursor FROM offices WHERE id = $1 FOR NO KEY UPDATE")
            .bind(office_id)
            .fetch_optional(&mut *tx)
            .await?;
        let first = next.ok_or(DbError::NotFound)?;

        // Bindings are read and written under the office row lock taken
        // above: pushes of this office, which alone write them, wait here.
        for device in device_ids_of(changes) {
            let bound: Option<(Uuid, bool)> = sqlx::query_as(
                "SELECT b.session_id, x.revoked_at IS NULL AND x.expires_at > $1 AND NOT s.disabled \
                 FROM device_bindings b JOIN sessions x ON x.id = b.session_id JOIN staff s ON s.id = x.staff_id \
                 WHERE b.office_id = $2 AND b.device_id = $3",
            )
            .bind(now)
            .bind(office_id)
            .bind(device)
            .fetch_optional(&mut *tx)
            .await?;
            match binding_action(bound, pusher)? {
                BindingAction::Keep => {}
                BindingAction::Bind | BindingAction::TakeOver => {
                    sqlx::query(
                        "INSERT INTO device_bindings (office_id, device_id, session_id, staff_id, bound_at) \
                         VALUES ($1, $2, $3, $4, $5) \
                         ON CONFLICT (office_id, device_id) \
                         DO UPDATE SET session_id = excluded.session_id, staff_id = excluded.staff_id, \
                                       bound_at = excluded.bound_at",
                    )
                    .bind(office_id)
                    .bind(device)
                    .bind(pusher.session_id)
                    .bind(pusher.staff_id)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }

        let (device_ids, seqs): (Vec<String>, Vec<i64>) = keys_of(changes)?.into_iter().unzip();
        let rows: Vec<(String, i64, String)> = sqlx::query_as(
            "SELECT c.device_id, c.seq, c.body FROM changes c \
             JOIN unnest($2::text[], $3::bigint[]) AS k (device_id, seq) \
               ON c.device_id = k.device_id AND c.seq = k.seq \
             WHERE c.office_id = $1",
        )
        .bind(office_id)
        .bind(&device_ids)
        .bind(&seqs)
        .fetch_all(&mut *tx)
        .await?;
        let stored: HashMap<_, _> = rows.into_iter().map(|(device, seq, body)| ((device, seq), body)).collect();
        let plan = plan_push(changes, &stored)?;

        if !plan.inserts.is_empty() {
            let count = plan.inserts.len() as i64;
            let mut cursors = Vec::with_capacity(plan.inserts.len());
            let mut device_ids = Vec::with_capacity(plan.inserts.len());
            let mut seqs = Vec::with_capacity(plan.inserts.len());
            let mut record_ids = Vec::with_capacity(plan.inserts.len());
            let mut kinds = Vec::with_capacity(plan.inserts.len());
            let mut bodies = Vec::with_capacity(plan.inserts.len());
            for (offset, (change, body)) in plan.inserts.iter().enumerate() {
                cursors.push(first + offset as i64);
                device_ids.push(change.device_id.as_str());
                seqs.push(seq_of(change)?);
                record_ids.push(change.record_id);
                kinds.push(change.kind.as_str());
                bodies.push(body.as_str());
            }
            sqlx::query(
                "INSERT INTO changes (office_id, cursor, device_id, seq, record_id, kind, body, received_at, staff_id) \
                 SELECT $1, k.cursor, k.device_id, k.seq, k.record_id, k.kind, k.body, $8, $9 \
                 FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::uuid[], $6::text[], $7::text[]) \
                   AS k (cursor, device_id, seq, record_id, kind, body)",
            )
            .bind(office_id)
            .bind(&cursors)
            .bind(&device_ids)
            .bind(&seqs)
            .bind(&record_ids)
            .bind(&kinds)
            .bind(&bodies)
            .bind(now)
            .bind(pusher.staff_id)
            .execute(&mut *tx)
            .await?;
            sqlx::query("UPDATE offices SET next_cursor = $1 WHERE id = $2")
                .bind(first + count)
                .bind(office_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(PushResponse { accepted: plan.inserts.len() as u32, duplicates: plan.duplicates })
    }

    async fn pull(&self, office_id: Uuid, since: i64, limit: u32) -> DbResult<PullResponse> {
        // Sizes first (octet_length of a stored text reads its header, not
        // the text), then the bodies of the page only: a page of large
        // changes stays bounded in memory.
        let sizes: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT cursor, octet_length(body)::bigint FROM changes WHERE office_id = $1 AND cursor > $2 \
             ORDER BY cursor LIMIT $3",
        )
        .bind(office_id)
        .bind(since)
        .bind(i64::from(limit) + 1)
        .fetch_all(&self.pool)
        .await?;
        let (length, more) = page_length(&sizes.iter().map(|&(_, size)| size).collect::<Vec<_>>(), limit);
        let rows: Vec<(i64, String)> = match length.checked_sub(1).map(|last| sizes[last].0) {
            None => Vec::new(),
            Some(last) => {
                sqlx::query_as(
                    "SELECT cursor, body FROM changes WHERE office_id = $1 AND cursor > $2 AND cursor <= $3 \
                     ORDER BY cursor",
                )
                .bind(office_id)
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
