//! [`SyncStore`] on PostgreSQL: a push locks its office's row before it
//! reads `next_cursor` and keeps the lock until it commits (see
//! [`super`]); batches are read and written with `unnest`, one statement
//! each. A purge takes the same lock.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use renkei_domain::record::RecordKind;
use renkei_domain::sync::{AccessAction, Change, PullResponse, PushResponse};
use sqlx::PgConnection;
use uuid::Uuid;

use super::access_log::{log_range, update_record_clients};
use super::PostgresDb;
use crate::db::access_log::client_writes;
use crate::db::purge::{
    body_patterns, filter_purged, is_about, late_candidates, merged, purge_order, record_ids_of, retained,
    written_client_ids, PurgeOutcome, Purged, PURGED_ID_BYTES,
};
use crate::db::sync::{
    binding_action, device_ids_of, keys_of, page, page_end, plan_push, seq_of, BindingAction, PulledRow, PushPlan,
    SOURCE_CHANGE, SOURCE_PURGED,
};
use crate::db::{DbError, DbResult, Pusher, SyncStore};

/// The record ids of a batch that are purged already, and those of records
/// the batch would newly put under a purged client (never stored before):
/// see [`crate::db::purge`].
async fn purged_in_batch(
    conn: &mut PgConnection,
    office_id: Uuid,
    changes: &[Change],
) -> DbResult<(HashSet<Uuid>, Vec<Uuid>)> {
    let records = record_ids_of(changes);
    let purged: Vec<Uuid> =
        sqlx::query_scalar("SELECT record_id FROM purged_records WHERE office_id = $1 AND record_id = ANY($2)")
            .bind(office_id)
            .bind(&records)
            .fetch_all(&mut *conn)
            .await?;
    let purged: HashSet<Uuid> = purged.into_iter().collect();
    let written = written_client_ids(changes);
    if written.is_empty() {
        return Ok((purged, Vec::new()));
    }
    let purged_clients: Vec<Uuid> =
        sqlx::query_scalar("SELECT DISTINCT client_id FROM purges WHERE office_id = $1 AND client_id = ANY($2)")
            .bind(office_id)
            .bind(&written)
            .fetch_all(&mut *conn)
            .await?;
    let candidates = late_candidates(changes, &purged, &purged_clients.into_iter().collect());
    if candidates.is_empty() {
        return Ok((purged, Vec::new()));
    }
    let stored: Vec<Uuid> =
        sqlx::query_scalar("SELECT DISTINCT record_id FROM changes WHERE office_id = $1 AND record_id = ANY($2)")
            .bind(office_id)
            .bind(&candidates)
            .fetch_all(&mut *conn)
            .await?;
    let late = candidates.into_iter().filter(|record| !stored.contains(record)).collect();
    Ok((purged, late))
}

/// The staff ids of the office among those the plan's new changes name as
/// their authors (disabled accounts included), in one query.
async fn authors_of_office(conn: &mut PgConnection, office_id: Uuid, plan: &PushPlan<'_>) -> DbResult<HashSet<Uuid>> {
    let claimed = plan.claimed_authors();
    if claimed.is_empty() {
        return Ok(HashSet::new());
    }
    let found: Vec<Uuid> = sqlx::query_scalar("SELECT id FROM staff WHERE office_id = $1 AND id = ANY($2)")
        .bind(office_id)
        .bind(&claimed)
        .fetch_all(&mut *conn)
        .await?;
    Ok(found.into_iter().collect())
}

#[async_trait]
impl SyncStore for PostgresDb {
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

        let (mut purged, late) = purged_in_batch(&mut tx, office_id, changes).await?;
        purged.extend(late.iter().copied());
        let (changes, dropped) = filter_purged(changes, &purged);
        let changes = changes.as_ref();

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
        let authors = plan.authors(&authors_of_office(&mut tx, office_id, &plan).await?, pusher);

        let mut next = first;
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
                "INSERT INTO changes \
                   (office_id, cursor, device_id, seq, record_id, kind, body, received_at, staff_id, author_id) \
                 SELECT $1, k.cursor, k.device_id, k.seq, k.record_id, k.kind, k.body, $8, $9, k.author_id \
                 FROM unnest($2::bigint[], $3::text[], $4::bigint[], $5::uuid[], $6::text[], $7::text[], \
                             $10::uuid[]) \
                   AS k (cursor, device_id, seq, record_id, kind, body, author_id)",
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
            .bind(&authors)
            .execute(&mut *tx)
            .await?;
            next += count;
        }
        // Who wrote which client's records, with the push: the new changes
        // hold cursors first..next.
        update_record_clients(&mut tx, office_id, &client_writes(plan.inserts.iter().map(|(change, _)| *change)))
            .await?;
        log_range(&mut tx, office_id, pusher, AccessAction::Write, (first - 1, next - 1), now).await?;
        if !late.is_empty() {
            let cursors: Vec<i64> = (0..late.len() as i64).map(|offset| next + offset).collect();
            sqlx::query(
                "INSERT INTO purged_records (office_id, record_id, cursor) \
                 SELECT $1, k.record_id, k.cursor FROM unnest($2::uuid[], $3::bigint[]) AS k (record_id, cursor)",
            )
            .bind(office_id)
            .bind(&late)
            .bind(&cursors)
            .execute(&mut *tx)
            .await?;
            next += late.len() as i64;
        }
        if next != first {
            sqlx::query("UPDATE offices SET next_cursor = $1 WHERE id = $2")
                .bind(next)
                .bind(office_id)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        if !late.is_empty() {
            tracing::info!(records = late.len(), "late records of a purged client dropped and purged");
        }
        Ok(plan.response(dropped))
    }

    async fn pull(&self, office_id: Uuid, since: i64, limit: u32) -> DbResult<PullResponse> {
        let take = i64::from(limit) + 1;
        // Sizes first (octet_length of a stored text reads its header, not
        // the text), then the bodies of the page only: a page of large
        // changes stays bounded in memory. One statement over both logs, so
        // one snapshot decides the page.
        let items: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
            "SELECT cursor, size, source FROM ( \
               SELECT cursor, octet_length(body)::bigint AS size, {SOURCE_CHANGE}::bigint AS source FROM changes \
               WHERE office_id = $1 AND cursor > $2 ORDER BY cursor LIMIT $3) AS c \
             UNION ALL \
             SELECT cursor, size, source FROM ( \
               SELECT cursor, {PURGED_ID_BYTES}::bigint AS size, {SOURCE_PURGED}::bigint AS source \
               FROM purged_records WHERE office_id = $1 AND cursor > $2 ORDER BY cursor LIMIT $3) AS p \
             ORDER BY cursor LIMIT $3"
        ))
        .bind(office_id)
        .bind(since)
        .bind(take)
        .fetch_all(&self.pool)
        .await?;
        let end = page_end(&items, limit);
        let last = end.last.unwrap_or(since);
        // The author's current name: a renamed staff member shows under the
        // new name on every change. The office check keeps names of other
        // offices out even if a row ever named one.
        let rows: Vec<PulledRow<Uuid>> = if end.changes {
            sqlx::query_as(
                "SELECT c.cursor, c.body, s.id, s.display_name FROM changes c \
                 LEFT JOIN staff s ON s.id = COALESCE(c.author_id, c.staff_id) AND s.office_id = c.office_id \
                 WHERE c.office_id = $1 AND c.cursor > $2 AND c.cursor <= $3 ORDER BY c.cursor",
            )
            .bind(office_id)
            .bind(since)
            .bind(last)
            .fetch_all(&self.pool)
            .await?
        } else {
            Vec::new()
        };
        let purged: Vec<Uuid> = if end.purged {
            sqlx::query_scalar(
                "SELECT record_id FROM purged_records WHERE office_id = $1 AND cursor > $2 AND cursor <= $3 \
                 ORDER BY cursor",
            )
            .bind(office_id)
            .bind(since)
            .bind(last)
            .fetch_all(&self.pool)
            .await?
        } else {
            Vec::new()
        };
        page(rows, purged, since, end)
    }

    async fn purge_client(
        &self,
        office_id: Uuid,
        client_id: Uuid,
        by: Uuid,
        now: DateTime<Utc>,
        today: NaiveDate,
    ) -> DbResult<PurgeOutcome> {
        let mut tx = self.pool.begin().await?;
        // The office row lock of pushes: no push can change the client
        // between the retention check and the deletion.
        let next: Option<i64> = sqlx::query_scalar("SELECT next_cursor FROM offices WHERE id = $1 FOR NO KEY UPDATE")
            .bind(office_id)
            .fetch_optional(&mut *tx)
            .await?;
        let first = next.ok_or(DbError::NotFound)?;
        let bodies: Vec<String> = sqlx::query_scalar(
            "SELECT body FROM changes WHERE office_id = $1 AND record_id = $2 AND kind = $3 ORDER BY cursor",
        )
        .bind(office_id)
        .bind(client_id)
        .bind(RecordKind::Client.as_str())
        .fetch_all(&mut *tx)
        .await?;
        if bodies.is_empty() {
            return Err(DbError::NotFound);
        }
        if let Some(why) = retained(client_id, &bodies, today)? {
            return Ok(PurgeOutcome::Retained(why));
        }

        // Records whose changes mention the client's id at all, then those
        // whose client_id is theirs.
        let [hyphenated, simple] = body_patterns(client_id);
        let rows: Vec<(Uuid, String, String)> = sqlx::query_as(
            "SELECT record_id, kind, body FROM changes WHERE office_id = $1 AND record_id IN ( \
               SELECT record_id FROM changes \
               WHERE office_id = $1 AND record_id <> $2 AND (body ILIKE $3 OR body ILIKE $4)) \
             ORDER BY record_id, cursor",
        )
        .bind(office_id)
        .bind(client_id)
        .bind(&hyphenated)
        .bind(&simple)
        .fetch_all(&mut *tx)
        .await?;
        let mut about = Vec::new();
        for record in rows.chunk_by(|a, b| a.0 == b.0) {
            let (id, kind, _) = &record[0];
            let kind = RecordKind::parse(kind).unwrap_or(RecordKind::Plan);
            let bodies: Vec<&str> = record.iter().map(|(_, _, body)| body.as_str()).collect();
            if is_about(&merged(*id, kind, &bodies)?, client_id) {
                about.push(*id);
            }
        }

        let records = purge_order(client_id, about);
        let count = records.len() as i64;
        let cursors: Vec<i64> = (0..count).map(|offset| first + offset).collect();
        sqlx::query("DELETE FROM changes WHERE office_id = $1 AND record_id = ANY($2)")
            .bind(office_id)
            .bind(&records)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM record_clients WHERE office_id = $1 AND record_id = ANY($2)")
            .bind(office_id)
            .bind(&records)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO purged_records (office_id, record_id, cursor) \
             SELECT $1, k.record_id, k.cursor FROM unnest($2::uuid[], $3::bigint[]) AS k (record_id, cursor)",
        )
        .bind(office_id)
        .bind(&records)
        .bind(&cursors)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO purges (office_id, first_cursor, last_cursor, client_id, records, purged_at, purged_by) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(office_id)
        .bind(first)
        .bind(first + count - 1)
        .bind(client_id)
        .bind(count)
        .bind(now)
        .bind(by)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE offices SET next_cursor = $1 WHERE id = $2")
            .bind(first + count)
            .bind(office_id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(PurgeOutcome::Purged(Purged { client_id, records, first_cursor: first, purged_at: now }))
    }
}
