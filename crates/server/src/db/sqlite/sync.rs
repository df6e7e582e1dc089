//! [`SyncStore`] on SQLite: a push holds the database's write lock from
//! before it reads `next_cursor` until it commits, so pushes (of every
//! office) commit one after the other and their cursors become visible in
//! order. A purge takes the same lock.

use std::collections::{HashMap, HashSet};

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use renkei_domain::record::RecordKind;
use renkei_domain::sync::{AccessAction, Change, PullResponse, PushResponse};
use sqlx::{Sqlite, Transaction};
use uuid::Uuid;

use super::access_log::{log_range, update_record_clients};
use super::{ms, SqliteDb};
use crate::db::access_log::client_writes;
use crate::db::purge::{
    body_patterns, filter_purged, is_about, late_candidates, merged, purge_order, record_ids_of, retained,
    written_client_ids, PurgeOutcome, Purged, PURGED_ID_BYTES,
};
use crate::db::rows::StoredId as _;
use crate::db::sync::{
    binding_action, device_ids_of, keys_of, page, page_end, plan_push, seq_of, BindingAction, PulledRow, PushPlan,
    SOURCE_CHANGE, SOURCE_PURGED,
};
use crate::db::{DbError, DbResult, Pusher, SyncStore};

/// The record ids of a batch that are purged already, and those of records
/// the batch would newly put under a purged client (never stored before):
/// see [`crate::db::purge`].
async fn purged_in_batch(
    tx: &mut Transaction<'static, Sqlite>,
    office: &str,
    changes: &[Change],
) -> DbResult<(HashSet<Uuid>, Vec<Uuid>)> {
    let mut purged = HashSet::new();
    for record in record_ids_of(changes) {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM purged_records WHERE office_id = ? AND record_id = ?")
                .bind(office)
                .bind(record.to_string())
                .fetch_optional(&mut **tx)
                .await?;
        if found.is_some() {
            purged.insert(record);
        }
    }
    let mut purged_clients = HashSet::new();
    for client in written_client_ids(changes) {
        let found: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM purges WHERE office_id = ? AND client_id = ? LIMIT 1")
                .bind(office)
                .bind(client.to_string())
                .fetch_optional(&mut **tx)
                .await?;
        if found.is_some() {
            purged_clients.insert(client);
        }
    }
    let mut late = Vec::new();
    for record in late_candidates(changes, &purged, &purged_clients) {
        let stored: Option<i64> =
            sqlx::query_scalar("SELECT 1 FROM changes WHERE office_id = ? AND record_id = ? LIMIT 1")
                .bind(office)
                .bind(record.to_string())
                .fetch_optional(&mut **tx)
                .await?;
        if stored.is_none() {
            late.push(record);
        }
    }
    Ok((purged, late))
}

/// The staff ids of the office among those the plan's new changes name as
/// their authors (disabled accounts included), in one query: SQLite binds
/// no arrays, so the ids go in as one JSON array.
async fn authors_of_office(
    tx: &mut Transaction<'static, Sqlite>,
    office: &str,
    plan: &PushPlan<'_>,
) -> DbResult<HashSet<Uuid>> {
    let claimed = plan.claimed_authors();
    if claimed.is_empty() {
        return Ok(HashSet::new());
    }
    let claimed: Vec<String> = claimed.iter().map(Uuid::to_string).collect();
    let claimed = serde_json::to_string(&claimed).map_err(|e| DbError::Other(Box::new(e)))?;
    let found: Vec<String> =
        sqlx::query_scalar("SELECT id FROM staff WHERE office_id = ? AND id IN (SELECT value FROM json_each(?))")
            .bind(office)
            .bind(claimed)
            .fetch_all(&mut **tx)
            .await?;
    found.into_iter().map(|id| id.into_uuid()).collect()
}

#[async_trait]
impl SyncStore for SqliteDb {
    async fn push(
        &self,
        office_id: Uuid,
        pusher: Pusher,
        changes: &[Change],
        now: DateTime<Utc>,
    ) -> DbResult<PushResponse> {
        let office = office_id.to_string();
        let (session, staff) = (pusher.session_id.to_string(), pusher.staff_id.to_string());
        let mut tx = self.begin_write().await?;
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

        let (mut purged, late) = purged_in_batch(&mut tx, &office, changes).await?;
        purged.extend(late.iter().copied());
        let (changes, dropped) = filter_purged(changes, &purged);
        let changes = changes.as_ref();

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
        let authors = plan.authors(&authors_of_office(&mut tx, &office, &plan).await?, pusher);

        let first = next;
        for ((change, body), author) in plan.inserts.iter().zip(&authors) {
            sqlx::query(
                "INSERT INTO changes \
                   (office_id, cursor, device_id, seq, record_id, kind, body, received_at, staff_id, author_id) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            )
            .bind(&office)
            .bind(next)
            .bind(&change.device_id)
            .bind(seq_of(change)?)
            .bind(change.record_id.to_string())
            .bind(change.kind.as_str())
            .bind(body)
            .bind(ms(now))
            .bind(&staff)
            .bind(author.to_string())
            .execute(&mut *tx)
            .await?;
            next += 1;
        }
        // Who wrote which client's records, with the push: the new changes
        // hold cursors first..next.
        update_record_clients(&mut tx, &office, &client_writes(plan.inserts.iter().map(|(change, _)| *change))).await?;
        log_range(&mut tx, &office, pusher, AccessAction::Write, (first - 1, next - 1), now).await?;
        for record in &late {
            sqlx::query("INSERT INTO purged_records (office_id, record_id, cursor) VALUES (?, ?, ?)")
                .bind(&office)
                .bind(record.to_string())
                .bind(next)
                .execute(&mut *tx)
                .await?;
            next += 1;
        }
        if !plan.inserts.is_empty() || !late.is_empty() {
            sqlx::query("UPDATE offices SET next_cursor = ? WHERE id = ?")
                .bind(next)
                .bind(&office)
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
        let office = office_id.to_string();
        let take = i64::from(limit) + 1;
        // Sizes first (octet_length reads no body), then the bodies of the
        // page only: a page of large changes stays bounded in memory. One
        // statement over both logs, so one snapshot decides the page.
        let items: Vec<(i64, i64, i64)> = sqlx::query_as(&format!(
            "SELECT cursor, size, source FROM ( \
               SELECT cursor, octet_length(body) AS size, {SOURCE_CHANGE} AS source FROM changes \
               WHERE office_id = ? AND cursor > ? ORDER BY cursor LIMIT ?) \
             UNION ALL \
             SELECT cursor, size, source FROM ( \
               SELECT cursor, {PURGED_ID_BYTES} AS size, {SOURCE_PURGED} AS source FROM purged_records \
               WHERE office_id = ? AND cursor > ? ORDER BY cursor LIMIT ?) \
             ORDER BY cursor LIMIT ?"
        ))
        .bind(&office)
        .bind(since)
        .bind(take)
        .bind(&office)
        .bind(since)
        .bind(take)
        .bind(take)
        .fetch_all(&self.pool)
        .await?;
        let end = page_end(&items, limit);
        let last = end.last.unwrap_or(since);
        // The author's current name: a renamed staff member shows under the
        // new name on every change. The office check keeps names of other
        // offices out even if a row ever named one.
        let rows: Vec<PulledRow<String>> = if end.changes {
            sqlx::query_as(
                "SELECT c.cursor, c.body, s.id, s.display_name FROM changes c \
                 LEFT JOIN staff s ON s.id = COALESCE(c.author_id, c.staff_id) AND s.office_id = c.office_id \
                 WHERE c.office_id = ? AND c.cursor > ? AND c.cursor <= ? ORDER BY c.cursor",
            )
            .bind(&office)
            .bind(since)
            .bind(last)
            .fetch_all(&self.pool)
            .await?
        } else {
            Vec::new()
        };
        let purged: Vec<String> = if end.purged {
            sqlx::query_scalar(
                "SELECT record_id FROM purged_records WHERE office_id = ? AND cursor > ? AND cursor <= ? \
                 ORDER BY cursor",
            )
            .bind(&office)
            .bind(since)
            .bind(last)
            .fetch_all(&self.pool)
            .await?
        } else {
            Vec::new()
        };
        let purged = purged.into_iter().map(|id| id.into_uuid()).collect::<DbResult<Vec<_>>>()?;
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
        let (office, client) = (office_id.to_string(), client_id.to_string());
        // The write lock first: no push can change the client between the
        // retention check and the deletion.
        let mut tx = self.begin_write().await?;
        let next: Option<i64> = sqlx::query_scalar("SELECT next_cursor FROM offices WHERE id = ?")
            .bind(&office)
            .fetch_optional(&mut *tx)
            .await?;
        let first = next.ok_or(DbError::NotFound)?;
        let bodies: Vec<String> = sqlx::query_scalar(
            "SELECT body FROM changes WHERE office_id = ? AND record_id = ? AND kind = ? ORDER BY cursor",
        )
        .bind(&office)
        .bind(&client)
        .bind(RecordKind::Client.as_str())
        .fetch_all(&mut *tx)
        .await?;
        if bodies.is_empty() {
            return Err(DbError::NotFound);
        }
        if let Some(why) = retained(client_id, &bodies, today)? {
            return Ok(PurgeOutcome::Retained(why));
        }

        // Records whose changes mention the client's id at all (LIKE is
        // case-insensitive for ASCII), then those whose client_id is theirs.
        let [hyphenated, simple] = body_patterns(client_id);
        let candidates: Vec<String> = sqlx::query_scalar(
            "SELECT DISTINCT record_id FROM changes \
             WHERE office_id = ? AND record_id <> ? AND (body LIKE ? OR body LIKE ?)",
        )
        .bind(&office)
        .bind(&client)
        .bind(&hyphenated)
        .bind(&simple)
        .fetch_all(&mut *tx)
        .await?;
        let mut about = Vec::new();
        for candidate in candidates {
            let rows: Vec<(String, String)> =
                sqlx::query_as("SELECT kind, body FROM changes WHERE office_id = ? AND record_id = ? ORDER BY cursor")
                    .bind(&office)
                    .bind(&candidate)
                    .fetch_all(&mut *tx)
                    .await?;
            let id = candidate.into_uuid()?;
            let kind = rows.first().and_then(|(kind, _)| RecordKind::parse(kind)).unwrap_or(RecordKind::Plan);
            let bodies: Vec<&str> = rows.iter().map(|(_, body)| body.as_str()).collect();
            if is_about(&merged(id, kind, &bodies)?, client_id) {
                about.push(id);
            }
        }

        let records = purge_order(client_id, about);
        for (offset, record) in records.iter().enumerate() {
            sqlx::query("DELETE FROM changes WHERE office_id = ? AND record_id = ?")
                .bind(&office)
                .bind(record.to_string())
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM record_clients WHERE office_id = ? AND record_id = ?")
                .bind(&office)
                .bind(record.to_string())
                .execute(&mut *tx)
                .await?;
            sqlx::query("INSERT INTO purged_records (office_id, record_id, cursor) VALUES (?, ?, ?)")
                .bind(&office)
                .bind(record.to_string())
                .bind(first + offset as i64)
                .execute(&mut *tx)
                .await?;
        }
        let count = records.len() as i64;
        sqlx::query(
            "INSERT INTO purges (office_id, first_cursor, last_cursor, client_id, records, purged_at, purged_by) \
             VALUES (?, ?, ?, ?, ?, ?, ?)",
        )
        .bind(&office)
        .bind(first)
        .bind(first + count - 1)
        .bind(&client)
        .bind(count)
        .bind(ms(now))
        .bind(by.to_string())
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE offices SET next_cursor = ? WHERE id = ?")
            .bind(first + count)
            .bind(&office)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        // The deleted rows' pages were overwritten with zeros (secure_delete,
        // see `super::SqliteDb::open`); older copies of them in the
        // write-ahead log go with a checkpoint. Best effort: a reader still
        // on an old snapshot keeps the log until it is done.
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)").execute(&self.pool).await {
            tracing::warn!(%error, "checkpoint after a purge failed; the log is checkpointed later as usual");
        }
        Ok(PurgeOutcome::Purged(Purged { client_id, records, first_cursor: first, purged_at: now }))
    }
}
