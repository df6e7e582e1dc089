//! [`AuthStore`] on PostgreSQL: sign-in attempts of one key are counted
//! under a transaction-scoped advisory lock on it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::PostgresDb;
use crate::accounts::{SESSION_MEMORY, SIGN_IN_FAILURE_MEMORY};
use crate::db::auth::{refusal, session_state, SESSION_COLUMNS};
use crate::db::rows::{credentials, CREDENTIALS_COLUMNS, STAFF_COLUMNS};
use crate::db::{AuthStore, Credentials, DbResult, NewSession, SessionState, SignInGate};

/// Advisory locks of sign-in attempts are `(SIGN_IN_LOCK_CLASS,
/// hashtext(attempt key))`: the two-key space, apart from the one-key locks
/// sqlx takes while migrating.
const SIGN_IN_LOCK_CLASS: i32 = 0x5245_4e4b; // "RENK"

#[async_trait]
impl AuthStore for PostgresDb {
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
        if let Some(refused) = refusal(counter, now)? {
            return Ok(refused);
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
        sqlx::query(
            "DELETE FROM sessions WHERE (expires_at < $1 OR revoked_at < $1) \
             AND (lost_at IS NULL OR (wipe_sent_at IS NOT NULL AND last_used_at < $1)) \
             AND staff_id NOT IN (SELECT id FROM staff WHERE disabled)",
        )
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
            "SELECT {STAFF_COLUMNS}, {SESSION_COLUMNS} FROM sessions x \
             JOIN staff s ON s.id = x.staff_id AND s.office_id = x.office_id \
             JOIN offices o ON o.id = s.office_id \
             WHERE x.token_hash = $1"
        ))
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(|row| session_state(row, now)).transpose()
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

    async fn lost_device_seen(&self, session_id: Uuid, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query("UPDATE sessions SET last_used_at = $1, wipe_sent_at = COALESCE(wipe_sent_at, $1) WHERE id = $2")
            .bind(now)
            .bind(session_id)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
