//! [`SyncStore`] on PostgreSQL: a push locks its office's row before it
//! reads `next_cursor` and keeps the lock until it commits (see
//! [`super`]); batches are read and written with `unnest`, one statement
//! each.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::sync::{Change, PullResponse, PushResponse};
use uuid::Uuid;

use super::PostgresDb;
use crate::db::sync::{binding_action, device_ids_of, keys_of, page, page_end, plan_push, seq_of, BindingAction};
use crate::db::{DbError, DbResult, Pusher, SyncStore};

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
        Ok(plan.response())
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
        let (last, more) = page_end(&sizes, limit);
        let rows: Vec<(i64, String)> = match last {
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
}
