//! [`SyncStore`] on SQLite: a push holds the database's write lock from
//! before it reads `next_cursor` until it commits, so pushes (of every
//! office) commit one after the other and their cursors become visible in
//! order.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::sync::{Change, PullResponse, PushResponse};
use uuid::Uuid;

use super::{ms, SqliteDb};
use crate::db::rows::StoredId as _;
use crate::db::sync::{binding_action, device_ids_of, keys_of, page, page_end, plan_push, seq_of, BindingAction};
use crate::db::{DbError, DbResult, Pusher, SyncStore};

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

        for (change, body) in &plan.inserts {
            sqlx::query(
                "INSERT INTO changes (office_id, cursor, device_id, seq, record_id, kind, body, received_at, staff_id) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            .execute(&mut *tx)
            .await?;
            next += 1;
        }
        if !plan.inserts.is_empty() {
            sqlx::query("UPDATE offices SET next_cursor = ? WHERE id = ?")
                .bind(next)
                .bind(&office)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(plan.response())
    }

    async fn pull(&self, office_id: Uuid, since: i64, limit: u32) -> DbResult<PullResponse> {
        let office = office_id.to_string();
        // Sizes first (octet_length reads no body), then the bodies of the
        // page only: a page of large changes stays bounded in memory.
        let sizes: Vec<(i64, i64)> = sqlx::query_as(
            "SELECT cursor, octet_length(body) FROM changes WHERE office_id = ? AND cursor > ? \
             ORDER BY cursor LIMIT ?",
        )
        .bind(&office)
        .bind(since)
        .bind(i64::from(limit) + 1)
        .fetch_all(&self.pool)
        .await?;
        let (last, more) = page_end(&sizes, limit);
        let rows: Vec<(i64, String)> = match last {
            None => Vec::new(),
            Some(last) => {
                sqlx::query_as(
                    "SELECT cursor, body FROM changes WHERE office_id = ? AND cursor > ? AND cursor <= ? \
                     ORDER BY cursor",
                )
                .bind(&office)
                .bind(since)
                .bind(last)
                .fetch_all(&self.pool)
                .await?
            }
        };
        page(rows, since, more)
    }
}
