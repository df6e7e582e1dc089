//! Reading rows the same way on both engines: the storage types of ids and
//! times ([`Engine`], declared by each engine's module) and the staff
//! columns every part reads.

use chrono::{DateTime, Utc};
use renkei_domain::plan::JobRole;
use renkei_domain::sync::{job_role_code, Role, StaffInfo};
use sqlx::{ColumnIndex, Decode, Row, Type};
use uuid::Uuid;

use super::{Credentials, DbError, DbResult};

macro_rules! staff_columns {
    () => {
        "s.id, s.office_id, o.name, s.login, s.display_name, s.role, s.disabled, s.job_role"
    };
}
/// How many columns [`STAFF_COLUMNS`] has: what a row reads after them
/// starts at this index.
pub(super) const STAFF_COLUMN_COUNT: usize = 8;
/// The columns [`staff_info`] reads, in its order, from
/// `staff s JOIN offices o`.
pub(super) const STAFF_COLUMNS: &str = staff_columns!();
/// The columns [`credentials`] reads, in its order, from
/// `staff s JOIN offices o`: [`STAFF_COLUMNS`], then the password hash.
pub(super) const CREDENTIALS_COLUMNS: &str = concat!(staff_columns!(), ", s.password_hash");

/// An id as an engine stores it: a PostgreSQL `uuid`, SQLite UUID text.
pub(super) trait StoredId: Sized {
    fn into_uuid(self) -> DbResult<Uuid>;
}

/// A time as an engine stores it: a PostgreSQL `timestamptz`, SQLite
/// milliseconds since the epoch. Stored times compare as the times do.
pub(super) trait StoredTime: Sized + PartialOrd {
    fn from_time(time: DateTime<Utc>) -> Self;
    fn into_time(self) -> DbResult<DateTime<Utc>>;
}

/// An engine's storage types for what both engines read the same way.
pub(super) trait Engine: sqlx::Database {
    type Id: StoredId + for<'r> Decode<'r, Self> + Type<Self>;
    type Time: StoredTime + for<'r> Decode<'r, Self> + Type<Self>;
}

/// A [`StaffInfo`] from a row of [`STAFF_COLUMNS`] (or a row that starts
/// with them), on either engine.
pub(super) fn staff_info<R>(row: &R) -> DbResult<StaffInfo>
where
    R: Row,
    R::Database: Engine,
    usize: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
{
    let id = |index: usize| row.try_get::<<R::Database as Engine>::Id, _>(index).map_err(DbError::from)?.into_uuid();
    Ok(StaffInfo {
        id: id(0)?,
        office_id: id(1)?,
        office_name: row.try_get(2)?,
        login: row.try_get(3)?,
        display_name: row.try_get(4)?,
        role: parse_role(&row.try_get::<String, _>(5)?)?,
        disabled: row.try_get(6)?,
        job_role: row.try_get::<Option<String>, _>(7)?.map(|code| parse_job_role(&code)),
    })
}

/// [`Credentials`] from a row of [`CREDENTIALS_COLUMNS`], on either engine.
pub(super) fn credentials<R>(row: &R) -> DbResult<Credentials>
where
    R: Row,
    R::Database: Engine,
    usize: ColumnIndex<R>,
    for<'r> String: Decode<'r, R::Database> + Type<R::Database>,
    for<'r> bool: Decode<'r, R::Database> + Type<R::Database>,
{
    let staff = staff_info(row)?;
    Ok(Credentials { disabled: staff.disabled, staff, password_hash: row.try_get(STAFF_COLUMN_COUNT)? })
}

pub(super) fn role_name(role: Role) -> &'static str {
    match role {
        Role::Admin => "admin",
        Role::Staff => "staff",
    }
}

/// How a job role is stored: its wire code.
pub(super) fn job_role_name(role: Option<JobRole>) -> Option<String> {
    role.map(job_role_code)
}

/// A stored job role. Codes are checked before they are stored; one this
/// version does not know (written by a newer server on the same database)
/// reads as [`JobRole::Other`], as the domain reads unknown codes.
fn parse_job_role(code: &str) -> JobRole {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).unwrap_or_default()
}

fn parse_role(name: &str) -> DbResult<Role> {
    match name {
        "admin" => Ok(Role::Admin),
        "staff" => Ok(Role::Staff),
        other => Err(DbError::other(format!("unknown role in database: {other}"))),
    }
}
