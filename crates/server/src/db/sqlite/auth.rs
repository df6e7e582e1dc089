//! [`AuthStore`] on SQLite: sign-in attempts are counted under the
//! database's write lock, taken before the counter is read.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::{ms, SqliteDb};
use crate::accounts::{SESSION_MEMORY, SIGN_IN_FAILURE_MEMORY};
use crate::db::auth::{refusal, session_state, SESSION_COLUMNS};
use crate::db::rows::{credentials, CREDENTIALS_COLUMNS, STAFF_COLUMNS};
use crate::db::{AuthStore, Credentials, DbResult, NewSession, SessionState, SignInGate};

#[async_trait]
impl AuthStore for SqliteDb {
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
        let mut tx = self.begin_write().await?;
        sqlx::query("DELETE FROM sign_in_throttle WHERE last_failed_at <= ?")
            .bind(ms(now - SIGN_IN_FAILURE_MEMORY))
            .execute(&mut *tx)
            .await?;
        let counter: Option<(i64, i64)> =
            sqlx::query_as("SELECT failures, last_failed_at FROM sign_in_throttle WHERE attempt_key = ?")
                .bind(key)
                .fetch_optional(&mut *tx)
                .await?;
        if let Some(refused) = refusal(counter, now)? {
            return Ok(refused);
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
        let mut tx = self.begin_write().await?;
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
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "DELETE FROM sessions WHERE (expires_at < ? OR revoked_at < ?) \
             AND (lost_at IS NULL OR (wipe_sent_at IS NOT NULL AND last_used_at < ?)) \
             AND staff_id NOT IN (SELECT id FROM staff WHERE disabled)",
        )
        .bind(forget_before)
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
            "SELECT {STAFF_COLUMNS}, {SESSION_COLUMNS} FROM sessions x \
             JOIN staff s ON s.id = x.staff_id AND s.office_id = x.office_id \
             JOIN offices o ON o.id = s.office_id \
             WHERE x.token_hash = ?"
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

    async fn lost_device_seen(&self, session_id: Uuid, now: DateTime<Utc>) -> DbResult<()> {
        sqlx::query("UPDATE sessions SET last_used_at = ?, wipe_sent_at = COALESCE(wipe_sent_at, ?) WHERE id = ?")
            .bind(ms(now))
            .bind(ms(now))
            .bind(session_id.to_string())
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
