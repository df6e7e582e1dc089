//! Migrations compiled into the binary, so a deployed server needs no
//! migrations directory. Both engines have the same list, each with its own
//! SQL under `migrations/<engine>/`.

use std::borrow::Cow;
use std::future::Future;
use std::pin::Pin;

use sqlx::error::BoxDynError;
use sqlx::migrate::{Migration, MigrationSource, MigrationType, Migrator};

use super::DbResult;

/// (version, description, SQL) of each migration, in order.
pub(super) type Migrations = &'static [(i64, &'static str, &'static str)];

/// The [`Migrations`] of one engine: `embedded_migrations!("sqlite")` or
/// `embedded_migrations!("postgres")`, the folder under `migrations/`.
macro_rules! embedded_migrations {
    ($engine:literal) => {
        &[
            (1, "initial", $crate::db::migrations::embedded_migrations!(@sql $engine, "0001_initial.sql")),
            (
                2,
                "sessions and devices",
                $crate::db::migrations::embedded_migrations!(@sql $engine, "0002_sessions_and_devices.sql"),
            ),
            (
                3,
                "sign-in throttle and device keys",
                $crate::db::migrations::embedded_migrations!(@sql $engine, "0003_sign_in_throttle_and_device_keys.sql"),
            ),
            (
                4,
                "staff job role",
                $crate::db::migrations::embedded_migrations!(@sql $engine, "0004_staff_job_role.sql"),
            ),
            (5, "purges", $crate::db::migrations::embedded_migrations!(@sql $engine, "0005_purges.sql")),
            (
                6,
                "change authors",
                $crate::db::migrations::embedded_migrations!(@sql $engine, "0006_change_authors.sql"),
            ),
            (
                7,
                "access log and lost devices",
                $crate::db::migrations::embedded_migrations!(@sql $engine, "0007_access_log_and_lost_devices.sql"),
            ),
        ]
    };
    (@sql $engine:literal, $file:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/", $engine, "/", $file))
    };
}
pub(super) use embedded_migrations;

#[derive(Debug)]
struct Embedded(Migrations);

impl MigrationSource<'static> for Embedded {
    fn resolve(self) -> Pin<Box<dyn Future<Output = Result<Vec<Migration>, BoxDynError>> + Send + 'static>> {
        Box::pin(async move {
            Ok(self
                .0
                .iter()
                .map(|&(version, description, sql)| {
                    Migration::new(
                        version,
                        Cow::Borrowed(description),
                        MigrationType::Simple,
                        Cow::Borrowed(sql),
                        false,
                    )
                })
                .collect())
        })
    }
}

pub(super) async fn migrator(migrations: Migrations) -> DbResult<Migrator> {
    Ok(Migrator::new(Embedded(migrations)).await?)
}
