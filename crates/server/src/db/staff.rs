//! What looking after offices and their accounts needs from storage
//! ([`StaffStore`], for `api::staff`, the account functions of
//! [`crate::accounts`] and the console commands): offices, staff accounts,
//! and a staff member's sessions as a 管理者 sees them.

use std::fmt;

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use renkei_domain::plan::JobRole;
use renkei_domain::sync::{DeviceSession, Role, StaffInfo};
use uuid::Uuid;

use super::rows::role_name;
use super::DbResult;

/// A new office (事業所); its cursor starts at 1.
#[derive(Debug, Clone)]
pub struct NewOffice {
    pub id: Uuid,
    pub code: String,
    pub name: String,
}

/// A new staff account with its already hashed password.
#[derive(Clone)]
pub struct NewStaff {
    pub id: Uuid,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// 職種, if set.
    pub job_role: Option<JobRole>,
    /// argon2id PHC string.
    pub password_hash: String,
}

impl fmt::Debug for NewStaff {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("NewStaff")
            .field("id", &self.id)
            .field("login", &self.login)
            .field("role", &self.role)
            .field("job_role", &self.job_role)
            .finish_non_exhaustive()
    }
}

/// Storage for offices and their staff accounts.
#[async_trait]
pub trait StaffStore: Send + Sync {
    /// Creates an office and its first administrator in one transaction.
    /// [`DbError::Conflict`](super::DbError::Conflict) when the office code
    /// is taken.
    async fn create_office(&self, office: &NewOffice, admin: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo>;

    /// The id of the office with this code.
    async fn office_by_code(&self, office_code: &str) -> DbResult<Option<Uuid>>;

    /// A staff member of the office.
    async fn staff_member(&self, office_id: Uuid, staff_id: Uuid) -> DbResult<Option<StaffInfo>>;

    /// Adds an account to an office.
    /// [`DbError::Conflict`](super::DbError::Conflict) when the login is
    /// taken in that office, [`DbError::NotFound`](super::DbError::NotFound)
    /// when the office is gone.
    async fn create_staff(&self, office_id: Uuid, staff: &NewStaff, now: DateTime<Utc>) -> DbResult<StaffInfo>;

    /// The office's accounts, oldest first.
    async fn list_staff(&self, office_id: Uuid) -> DbResult<Vec<StaffInfo>>;

    /// Disables or enables a staff member of the office. Disabling revokes
    /// all their sessions in the same transaction.
    /// [`DbError::LastAdmin`](super::DbError::LastAdmin) when it would leave
    /// the office without an active 管理者 (checked under a lock, so two
    /// 管理者 disabling each other cannot both succeed);
    /// [`DbError::NotFound`](super::DbError::NotFound) when not in the
    /// office.
    async fn set_staff_disabled(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        disabled: bool,
        now: DateTime<Utc>,
    ) -> DbResult<StaffInfo>;

    /// Sets (or with `None` clears) the 職種 of a staff member of the office.
    /// [`DbError::NotFound`](super::DbError::NotFound) when not in the
    /// office.
    async fn set_staff_job_role(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        job_role: Option<JobRole>,
    ) -> DbResult<StaffInfo>;

    /// Replaces a staff member's password hash and clears the failures of
    /// their device keys; answers the office code (the caller clears the
    /// login's failed sign-ins).
    /// [`DbError::NotFound`](super::DbError::NotFound) when not in the
    /// office.
    async fn set_password(&self, office_id: Uuid, staff_id: Uuid, password_hash: &str) -> DbResult<String>;

    /// Revokes one session (`Some(id)`) or all sessions (`None`) of a staff
    /// member of the office; answers how many were live.
    /// [`DbError::NotFound`](super::DbError::NotFound) when the staff member
    /// is not in the office or the session is not theirs.
    async fn revoke_staff_sessions(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        session_id: Option<Uuid>,
        now: DateTime<Utc>,
    ) -> DbResult<u64>;

    /// Marks a session of a staff member of the office lost and revokes it
    /// (if it was not ended already), in one statement: its device is told
    /// to erase itself when it next reaches the server. Marking it again
    /// keeps the first time. A session that has ended may be marked too
    /// (its device may still hold records).
    /// [`DbError::NotFound`](super::DbError::NotFound) when the session is
    /// not the staff member's or they are not in the office.
    async fn mark_session_lost(
        &self,
        office_id: Uuid,
        staff_id: Uuid,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> DbResult<()>;

    /// The live sessions of a staff member of the office and those marked
    /// lost (while kept: see [`super::AuthStore::create_session`]), oldest
    /// first, each with the device ids bound to it (`current` is false: the
    /// caller knows which one asks).
    async fn live_sessions(&self, office_id: Uuid, staff_id: Uuid, now: DateTime<Utc>) -> DbResult<Vec<DeviceSession>>;
}

/// Whether setting `disabled` on a staff member stored with `role` and
/// `was_disabled` takes an active 管理者 away: then another active one must
/// remain.
pub(super) fn takes_an_active_admin(role: &str, was_disabled: bool, disabled: bool) -> bool {
    disabled && !was_disabled && role == role_name(Role::Admin)
}
