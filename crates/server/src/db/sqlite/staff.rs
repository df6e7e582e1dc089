//! [`StaffStore`] on SQLite: account changes that check before they write
//! hold the database's write lock from the start of their transaction.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::plan::JobRole;
use renkei_domain::sync::{DeviceSession, StaffInfo};
use sqlx::sqlite::SqliteRow;
use uuid::Uuid;

use super::{ms, time, SqliteDb};
use crate::db::rows::{job_role_name, role_name, staff_info, StoredId, STAFF_COLUMNS};
use crate::db::staff::takes_an_active_admin;
use crate::db::{DbError, DbResult, NewOffice, NewStaff, StaffStore};

async fn insert_staff(
    conn: &mut sqlx::SqliteConnection,
    office_id: Uuid,
    staff: &NewStaff,
    now: DateTime<Utc>,
) -> DbResult<StaffInfo> {
    sqlx::query(
        "INSERT INTO staff (id, office_id, login, display_name, role, job_role, password_hash, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(staff.id.to_string())
    .bind(office_id.to_string())
    .bind(&staff.login)
    .bind(&staff.display_name)
    .bind(role_name(staff.role))
    .bind(job_role_name(staff.job_role))
    .bind(&staff.password_hash)
    .bind(ms(now))
    .execute(&mut *conn)
    .await?;
    staff_info(&staff_row(conn, &staff.id.to_string()).await?)
}

/// The [`STAFF_COLUMNS`] of a staff member, whatever the office.
async fn staff_row(conn: &mut sqlx::SqliteConnection, staff_id: &str) -> DbResult<SqliteRow> {
    let row = sqlx::query(&format!(
        "SELECT {STAFF_COLUMNS} FROM staff s JOIN offices o ON o.id = s.office_id WHERE s.id = ?"
    ))
    .bind(staff_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(row)
}

#[async_trait]
impl StaffStore for SqliteDb {
    async fn create_office(&self, office: &NewOffice, admin: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo> {
        let mut tx = self.begin_write().await?;
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

    async fn office_by_code(&self, office_code: &str) -> DbResult<Option<Uuid>> {
        let id: Option<String> = sqlx::query_scalar("SELECT id FROM offices WHERE code = ?")
            .bind(office_code)
            .fetch_optional(&self.pool)
            .await?;
        id.map(StoredId::into_uuid).transpose()
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

    async fn create_staff(&self, office_id: Uuid, staff: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo> {
        let mut tx = self.begin_write().await?;
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
        let mut tx = self.begin_write().await?;
        let current: Option<(String, bool)> =
            sqlx::query_as("SELECT role, disabled FROM staff WHERE id = ? AND office_id = ?")
                .bind(&staff)
                .bind(&office)
                .fetch_optional(&mut *tx)
                .await?;
        let (role, was_disabled) = current.ok_or(DbError::NotFound)?;
        if takes_an_active_admin(&role, was_disabled, disabled) {
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
        let row = staff_row(&mut tx, &staff).await?;
        tx.commit().await?;
        staff_info(&row)
    }

    async fn set_staff_job_role(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        job_role: Option<JobRole>,
    ) -> DbResult<StaffInfo> {
        let staff = staff_id.to_string();
        let mut tx = self.begin_write().await?;
        let updated = sqlx::query("UPDATE staff SET job_role = ? WHERE id = ? AND office_id = ?")
            .bind(job_role_name(job_role))
            .bind(&staff)
            .bind(office_id.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if updated == 0 {
            return Err(DbError::NotFound);
        }
        let row = staff_row(&mut tx, &staff).await?;
        tx.commit().await?;
        staff_info(&row)
    }

    async fn set_password(&self, office_id: Uuid, staff_id: Uuid, password_hash: &str) -> DbResult<String> {
        let mut tx = self.begin_write().await?;
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

    async fn revoke_staff_sessions(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        session_id: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> DbResult<u64> {
        let (office, staff) = (office_id.to_string(), staff_id.to_string());
        let mut tx = self.begin_write().await?;
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

    async fn mark_session_lost(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        let marked = sqlx::query(
            "UPDATE sessions SET lost_at = COALESCE(lost_at, ?), revoked_at = COALESCE(revoked_at, ?) \
             WHERE id = ? AND staff_id = ? AND office_id = ?",
        )
        .bind(ms(now))
        .bind(ms(now))
        .bind(session_id.to_string())
        .bind(staff_id.to_string())
        .bind(office_id.to_string())
        .execute(&self.pool)
        .await?
        .rows_affected();
        if marked == 0 {
            return Err(DbError::NotFound);
        }
        Ok(())
    }

    async fn live_sessions(&self, office_id: Uuid, staff_id: Uuid, now: DateTime<Utc>) -> DbResult<Vec<DeviceSession>> {
        let (office, staff) = (office_id.to_string(), staff_id.to_string());
        // Live, or marked lost (kept until their device was told to erase
        // itself, and a while after).
        let listed = "((x.revoked_at IS NULL AND x.expires_at > ?) OR x.lost_at IS NOT NULL)";
        type Row = (String, i64, i64, i64, Option<i64>, Option<i64>);
        let rows: Vec<Row> = sqlx::query_as(&format!(
            "SELECT x.id, x.created_at, x.last_used_at, x.expires_at, x.lost_at, x.wipe_sent_at FROM sessions x \
             WHERE x.office_id = ? AND x.staff_id = ? AND {listed} \
             ORDER BY x.created_at, x.id"
        ))
        .bind(&office)
        .bind(&staff)
        .bind(ms(now))
        .fetch_all(&self.pool)
        .await?;
        let devices: Vec<(String, String)> = sqlx::query_as(&format!(
            "SELECT b.session_id, b.device_id FROM device_bindings b JOIN sessions x ON x.id = b.session_id \
             WHERE x.office_id = ? AND x.staff_id = ? AND {listed} \
             ORDER BY b.device_id"
        ))
        .bind(&office)
        .bind(&staff)
        .bind(ms(now))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(id, created_at, last_used_at, expires_at, lost_at, wipe_sent_at)| {
                let device_ids =
                    devices.iter().filter(|(session, _)| *session == id).map(|(_, device)| device.clone()).collect();
                Ok(DeviceSession {
                    id: id.into_uuid()?,
                    signed_in_at: time(created_at)?,
                    last_used_at: time(last_used_at)?,
                    expires_at: time(expires_at)?,
                    device_ids,
                    current: false,
                    lost_at: lost_at.map(time).transpose()?,
                    wipe_sent_at: wipe_sent_at.map(time).transpose()?,
                })
            })
            .collect()
    }
}
