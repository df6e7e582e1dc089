//! [`AccessLogStore`] on SQLite, and what a push does for the log in its own
//! transaction: keeping `record_clients` and writing its `write` rows.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::record::RecordKind;
use renkei_domain::sync::{AccessAction, AccessLogEntry};
use sqlx::SqliteConnection;
use uuid::Uuid;

use super::{ms, SqliteDb};
use crate::db::access_log::{action_name, entry, replaces_stored, AccessRow, ClientWrite};
use crate::db::{AccessFilter, AccessLogStore, DbResult, Pusher};

/// Stores each record's new winning `client_id` write (see
/// [`crate::db::access_log::client_writes`]) where it beats the stored one.
pub(super) async fn update_record_clients(
    conn: &mut SqliteConnection,
    office: &str,
    writes: &[ClientWrite],
) -> DbResult<()> {
    for write in writes {
        let record = write.record_id.to_string();
        let stored: Option<(i64, i64, String)> = sqlx::query_as(
            "SELECT stamp_ms, stamp_counter, stamp_device FROM record_clients WHERE office_id = ? AND record_id = ?",
        )
        .bind(office)
        .bind(&record)
        .fetch_optional(&mut *conn)
        .await?;
        if !replaces_stored(&write.stamp, stored.as_ref()) {
            continue;
        }
        sqlx::query(
            "INSERT INTO record_clients (office_id, record_id, client_id, stamp_ms, stamp_counter, stamp_device) \
             VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT (office_id, record_id) DO UPDATE SET client_id = excluded.client_id, \
               stamp_ms = excluded.stamp_ms, stamp_counter = excluded.stamp_counter, \
               stamp_device = excluded.stamp_device",
        )
        .bind(office)
        .bind(&record)
        .bind(write.client_id.map(|id| id.to_string()))
        .bind(write.stamp.ms)
        .bind(i64::from(write.stamp.counter))
        .bind(&write.stamp.device)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// One row per client of the office's changes with cursors in
/// `since + 1 ..= last`: `who` did `action` with that many distinct records.
pub(super) async fn log_range(
    conn: &mut SqliteConnection,
    office: &str,
    who: Pusher,
    action: AccessAction,
    (since, last): (i64, i64),
    now: DateTime<Utc>,
) -> DbResult<()> {
    if last <= since {
        return Ok(());
    }
    sqlx::query(
        "INSERT INTO access_log (office_id, at, staff_id, session_id, client_id, action, records) \
         SELECT ?, ?, ?, ?, client, ?, count(DISTINCT record_id) FROM ( \
           SELECT c.record_id, CASE WHEN c.kind = ? THEN c.record_id ELSE r.client_id END AS client \
           FROM changes c \
           LEFT JOIN record_clients r ON r.office_id = c.office_id AND r.record_id = c.record_id \
           WHERE c.office_id = ? AND c.cursor > ? AND c.cursor <= ?) \
         GROUP BY client ORDER BY client",
    )
    .bind(office)
    .bind(ms(now))
    .bind(who.staff_id.to_string())
    .bind(who.session_id.to_string())
    .bind(action_name(action))
    .bind(RecordKind::Client.as_str())
    .bind(office)
    .bind(since)
    .bind(last)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[async_trait]
impl AccessLogStore for SqliteDb {
    async fn log_pull(
        &self,
        office_id: Uuid,
        reader: Pusher,
        since: i64,
        last: i64,
        now: DateTime<Utc>,
    ) -> DbResult<()> {
        if last <= since {
            return Ok(());
        }
        let mut conn = self.pool.acquire().await?;
        log_range(&mut conn, &office_id.to_string(), reader, AccessAction::Read, (since, last), now).await
    }

    async fn access_log(&self, office_id: Uuid, filter: &AccessFilter) -> DbResult<Vec<AccessLogEntry>> {
        let client = filter.client.map(|id| id.to_string());
        let staff = filter.staff.map(|id| id.to_string());
        let (from, until) = (filter.from.map(ms), filter.until.map(ms));
        // The office check on the join keeps other offices' names out even
        // if a row ever named their staff.
        let rows: Vec<AccessRow<String, i64>> = sqlx::query_as(
            "SELECT a.at, a.staff_id, s.display_name, a.session_id, a.client_id, a.action, a.records \
             FROM access_log a JOIN staff s ON s.id = a.staff_id AND s.office_id = a.office_id \
             WHERE a.office_id = ? AND (? IS NULL OR a.client_id = ?) AND (? IS NULL OR a.staff_id = ?) \
               AND (? IS NULL OR a.at >= ?) AND (? IS NULL OR a.at < ?) \
             ORDER BY a.id DESC LIMIT ?",
        )
        .bind(office_id.to_string())
        .bind(&client)
        .bind(&client)
        .bind(&staff)
        .bind(&staff)
        .bind(from)
        .bind(from)
        .bind(until)
        .bind(until)
        .bind(i64::from(filter.limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(entry).collect()
    }
}
