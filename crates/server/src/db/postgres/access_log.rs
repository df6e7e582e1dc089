//! [`AccessLogStore`] on PostgreSQL, and what a push does for the log in its
//! own transaction: keeping `record_clients` and writing its `write` rows.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::record::RecordKind;
use renkei_domain::sync::{AccessAction, AccessLogEntry};
use sqlx::PgConnection;
use uuid::Uuid;

use super::PostgresDb;
use crate::db::access_log::{action_name, entry, replaces_stored, AccessRow, ClientWrite};
use crate::db::{AccessFilter, AccessLogStore, DbResult, Pusher};

/// Stores each record's new winning `client_id` write (see
/// [`crate::db::access_log::client_writes`]) where it beats the stored one:
/// the stored winners read in one statement, the new ones written in one.
pub(super) async fn update_record_clients(
    conn: &mut PgConnection,
    office_id: Uuid,
    writes: &[ClientWrite],
) -> DbResult<()> {
    if writes.is_empty() {
        return Ok(());
    }
    let records: Vec<Uuid> = writes.iter().map(|write| write.record_id).collect();
    let stored: Vec<(Uuid, i64, i64, String)> = sqlx::query_as(
        "SELECT record_id, stamp_ms, stamp_counter, stamp_device FROM record_clients \
         WHERE office_id = $1 AND record_id = ANY($2)",
    )
    .bind(office_id)
    .bind(&records)
    .fetch_all(&mut *conn)
    .await?;
    let stored: std::collections::HashMap<Uuid, (i64, i64, String)> =
        stored.into_iter().map(|(record, ms, counter, device)| (record, (ms, counter, device))).collect();
    let winners: Vec<&ClientWrite> =
        writes.iter().filter(|write| replaces_stored(&write.stamp, stored.get(&write.record_id))).collect();
    if winners.is_empty() {
        return Ok(());
    }
    let records: Vec<Uuid> = winners.iter().map(|write| write.record_id).collect();
    let clients: Vec<Option<Uuid>> = winners.iter().map(|write| write.client_id).collect();
    let ms: Vec<i64> = winners.iter().map(|write| write.stamp.ms).collect();
    let counters: Vec<i64> = winners.iter().map(|write| i64::from(write.stamp.counter)).collect();
    let devices: Vec<&str> = winners.iter().map(|write| write.stamp.device.as_str()).collect();
    sqlx::query(
        "INSERT INTO record_clients (office_id, record_id, client_id, stamp_ms, stamp_counter, stamp_device) \
         SELECT $1, k.record_id, k.client_id, k.ms, k.counter, k.device \
         FROM unnest($2::uuid[], $3::uuid[], $4::bigint[], $5::bigint[], $6::text[]) \
           AS k (record_id, client_id, ms, counter, device) \
         ON CONFLICT (office_id, record_id) DO UPDATE SET client_id = excluded.client_id, \
           stamp_ms = excluded.stamp_ms, stamp_counter = excluded.stamp_counter, \
           stamp_device = excluded.stamp_device",
    )
    .bind(office_id)
    .bind(&records)
    .bind(&clients)
    .bind(&ms)
    .bind(&counters)
    .bind(&devices)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One row per client of the office's changes with cursors in
/// `since + 1 ..= last`: `who` did `action` with that many distinct records.
pub(super) async fn log_range(
    conn: &mut PgConnection,
    office_id: Uuid,
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
         SELECT $1, $2, $3, $4, client, $5, count(DISTINCT record_id) FROM ( \
           SELECT c.record_id, CASE WHEN c.kind = $6 THEN c.record_id ELSE r.client_id END AS client \
           FROM changes c \
           LEFT JOIN record_clients r ON r.office_id = c.office_id AND r.record_id = c.record_id \
           WHERE c.office_id = $1 AND c.cursor > $7 AND c.cursor <= $8) AS page \
         GROUP BY client ORDER BY client",
    )
    .bind(office_id)
    .bind(now)
    .bind(who.staff_id)
    .bind(who.session_id)
    .bind(action_name(action))
    .bind(RecordKind::Client.as_str())
    .bind(since)
    .bind(last)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[async_trait]
impl AccessLogStore for PostgresDb {
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
        log_range(&mut conn, office_id, reader, AccessAction::Read, (since, last), now).await
    }

    async fn access_log(&self, office_id: Uuid, filter: &AccessFilter) -> DbResult<Vec<AccessLogEntry>> {
        // The office check on the join keeps other offices' names out even
        // if a row ever named their staff.
        let rows: Vec<AccessRow<Uuid, DateTime<Utc>>> = sqlx::query_as(
            "SELECT a.at, a.staff_id, s.display_name, a.session_id, a.client_id, a.action, a.records \
             FROM access_log a JOIN staff s ON s.id = a.staff_id AND s.office_id = a.office_id \
             WHERE a.office_id = $1 AND ($2::uuid IS NULL OR a.client_id = $2) \
               AND ($3::uuid IS NULL OR a.staff_id = $3) \
               AND ($4::timestamptz IS NULL OR a.at >= $4) AND ($5::timestamptz IS NULL OR a.at < $5) \
             ORDER BY a.id DESC LIMIT $6",
        )
        .bind(office_id)
        .bind(filter.client)
        .bind(filter.staff)
        .bind(filter.from)
        .bind(filter.until)
        .bind(i64::from(filter.limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(entry).collect()
    }
}
