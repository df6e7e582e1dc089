//! [`StaffStore`] on PostgreSQL: disabling a 管理者 locks the office's
//! 管理者 rows, so two of them disabling each other are decided one after
//! the other.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::plan::JobRole;
use renkei_domain::sync::{DeviceSession, StaffInfo};
use sqlx::postgres::{PgConnection, PgRow};
use uuid::Uuid;

use super::PostgresDb;
use crate::db::rows::{job_role_name, role_name, staff_info, STAFF_COLUMNS};
use crate::db::staff::takes_an_active_admin;
use crate::db::{DbError, DbResult, NewOffice, NewStaff, StaffStore};

async fn insert_staff(
    conn: &mut PgConnection,
    office_id: Uuid,
    staff: &NewStaff,
    now: DateTime<Utc>,
) -> DbResult<StaffInfo> {
    sqlx::query(
        "INSERT INTO staff (id, office_id, login, display_name, role, job_role, password_hash, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(staff.id)
    .bind(office_id)
    .bind(&staff.login)
    .bind(&staff.display_name)
    .bind(role_name(staff.role))
    .bind(job_role_name(staff.job_role))
    .bind(&staff.password_hash)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    staff_info(&staff_row(conn, staff.id).await?)
}

/// The [`STAFF_COLUMNS`] of a staff member, whatever the office.
async fn staff_row(conn: &mut PgConnection, staff_id: Uuid) -> DbResult<PgRow> {
    let row = sqlx::query(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id WHERE s.id = $1"
    ))
    .bind(staff_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(row)
}

#[async_trait]
impl StaffStore for PostgresDb {
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

    async fn office_by_code(&self, office_code: &str) -> DbResult<Option<Uuid>> {
        Ok(sqlx::query_scalar("SELECT id FROM offices WHERE code = $1")
            .bind(office_code)
            .fetch_optional(&self.pool)
            .await?)
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
        if takes_an_active_admin(role, *was_disabled, disabled) {
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
        let row = staff_row(&mut tx, staff_id).await?;
        tx.commit().await?;
        staff_info(&row)
    }

    async fn set_staff_job_role(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        job_role: Option<JobRole>,
    ) -> DbResult<StaffInfo> {
        let mut tx = self.pool.begin().await?;
        let updated = sqlx::query("UPDATE staff SET job_role = $1 WHERE id = $2 AND office_id = $3")
            .bind(job_role_name(job_role))
            .bind(staff_id)
            .bind(office_id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 0 {
            return Err(DbError::NotFound);
        }
        let row = staff_row(&mut tx, staff_id).await?;
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

    async fn mark_session_lost(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        let marked = sqlx::query(
            "UPDATE sessions SET lost_at = COALESCE(lost_at, $1), revoked_at = COALESCE(revoked_at, $1) \
             WHERE id = $2 AND staff_id = $3 AND office_id = $4",
        )
        .bind(now)
        .bind(session_id)
        .bind(staff_id)
        .bind(office_id)
        .execute(&self.pool)
        .await?
        .rows_affected();
        if marked == 0 {
            return Err(DbError::NotFound);
        }
        Ok(())
    }

    async fn live_sessions(&self, office_id: Uuid, staff_id: Uuid, now: DateTime<Utc>) -> DbResult<Vec<DeviceSession>> {
        type SessionRow = (
            Uuid,
            DateTime<Utc>,
            DateTime<Utc>,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
            Option<DateTime<Utc>>,
            Vec<String>,
        );
        // Live, or marked lost (kept until their device was told to erase
        // itself, and a while after).
        let rows: Vec<SessionRow> = sqlx::query_as(
            "SELECT x.id, x.created_at, x.last_used_at, x.expires_at, x.lost_at, x.wipe_sent_at, \
                    coalesce(array_agg(b.device_id ORDER BY b.device_id) FILTER (WHERE b.device_id IS NOT NULL), '{}') \
             FROM sessions x LEFT JOIN device_bindings b ON b.session_id = x.id \
             WHERE x.office_id = $1 AND x.staff_id = $2 \
               AND ((x.revoked_at IS NULL AND x.expires_at > $3) OR x.lost_at IS NOT NULL) \
             GROUP BY x.id, x.created_at, x.last_used_at, x.expires_at, x.lost_at, x.wipe_sent_at \
             ORDER BY x.created_at, x.id",
        )
        .bind(office_id)
        .bind(staff_id)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows
            .into_iter()
            .map(|(id, signed_in_at, last_used_at, expires_at, lost_at, wipe_sent_at, device_ids)| DeviceSession {
                id,
                signed_in_at,
                last_used_at,
                expires_at,
                device_ids,
                current: false,
                lost_at,
                wipe_sent_at,
            })
            .collect())
    }
}
