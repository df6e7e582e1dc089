//! Wire types of the sync API (`/api/...`), JSON over HTTPS. Frozen by the
//! golden tests below: a change breaks devices in the field.

use super::stamp::Stamp;
use crate::plan::JobRole;
use crate::record::RecordKind;
use serde::{Deserialize, Deserializer, Serialize};
use uuid::Uuid;

/// Version of this protocol. A request with another version gets
/// `426 app_outdated` and changes nothing.
pub const PROTOCOL_VERSION: u32 = 1;
/// Header carrying [`PROTOCOL_VERSION`] on every API request.
pub const PROTOCOL_HEADER: &str = "x-renkei-protocol";
/// Most changes in one push.
pub const MAX_PUSH_CHANGES: usize = 500;
/// Most changes in one pull page.
pub const MAX_PULL_LIMIT: u32 = 1000;
/// Largest request body the server accepts, in bytes.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// How far in the future a stamp may lie (device clocks drift a little).
pub const MAX_CLOCK_SKEW_MS: i64 = 5 * 60 * 1000;
/// The pseudo-field holding a record's tombstone flag (true = in ゴミ箱).
pub const DELETED_FIELD: &str = "_deleted";
/// A pull page stops adding changes once their JSON reaches this many
/// bytes (it always holds at least one), so a page parses in bounded memory
/// whatever the changes' sizes.
pub const MAX_PULL_BYTES: usize = 1024 * 1024;
/// Header on every API answer: the server's time, in milliseconds since the
/// epoch. Devices measure their clock's offset from it.
pub const SERVER_TIME_HEADER: &str = "x-renkei-server-time";

/// Stable error codes (`ApiError::error`) the app acts on.
pub mod codes {
    /// A (device id, seq) was stored before with another body.
    pub const SEQ_REUSED: &str = "seq_reused";
    /// The device id is bound to another session.
    pub const DEVICE_TAKEN: &str = "device_taken";
    /// A stamp lies too far in the future: the device clock is off.
    pub const BAD_STAMP: &str = "bad_stamp";
    /// A change does not check (`validate::check_change`).
    pub const BAD_CHANGE: &str = "bad_change";
    /// The request body is over [`super::MAX_BODY_BYTES`].
    pub const TOO_LARGE: &str = "too_large";
    /// The token is unknown.
    pub const UNAUTHORIZED: &str = "unauthorized";
    /// The session ran out (30 days without use).
    pub const SESSION_EXPIRED: &str = "session_expired";
    /// The session was ended: signed out, or revoked by a 管理者.
    pub const SESSION_REVOKED: &str = "session_revoked";
    /// The staff member's account was disabled by a 管理者.
    pub const ACCOUNT_DISABLED: &str = "account_disabled";
    /// A 管理者 marked this device (its session) lost. Answered to any
    /// request with the session's token: the device must erase everything it
    /// holds. (`account_disabled` on a request with a token means the same.)
    pub const DEVICE_LOST: &str = "device_lost";
    /// The last active 管理者 cannot be disabled or demoted.
    pub const LAST_ADMIN: &str = "last_admin";
    /// A purge was refused: the client's records are still within their
    /// retention period (served, end unknown, or kept until a day not yet
    /// past). The message says which, and until when.
    pub const RECORDS_RETAINED: &str = "records_retained";
}

/// One field written on a device. `replaces` names the writes the device
/// had seen for this field when it wrote (normally the one shown; all of
/// them when the user resolves a conflict), so replicas can tell an edit on
/// top of a value from a concurrent one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldWrite {
    pub field: String,
    pub value: serde_json::Value,
    pub stamp: Stamp,
    #[serde(default)]
    pub replaces: Vec<Stamp>,
}

/// Everything one save on a device changed in one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub device_id: String,
    /// Per-device sequence number, from 1, without gaps: a change pushed
    /// twice is stored once.
    pub seq: u64,
    pub record_id: Uuid,
    pub kind: RecordKind,
    pub writes: Vec<FieldWrite>,
    /// The staff member signed in on the device when the change was made
    /// (`None`: not signed in, or an app that predates authors). The server
    /// keeps it when it names a staff member of the office and otherwise
    /// records the pushing session's staff member; devices learn the result
    /// from [`ServerChange::author`]. Left out when `None`, so changes of
    /// older apps keep their stored bodies byte for byte.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Uuid>,
}

/// Who wrote a change: a staff member of the office and the name they go
/// by (the name when the server answered, or, for a device's own change,
/// when it was made).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Author {
    pub id: Uuid,
    pub name: String,
}

/// `POST /api/sync/push`
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushRequest {
    pub changes: Vec<Change>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushResponse {
    /// Changes stored now.
    pub accepted: u32,
    /// Changes the server already had (a retried batch).
    pub duplicates: u32,
    /// Records of the batch that were purged (see [`PurgeResponse`]): their
    /// changes were dropped, not stored, and count neither as accepted nor
    /// as duplicates. The device should drop these records and their
    /// unsent changes. Left out when empty (and by servers that predate
    /// purging).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purged: Vec<Uuid>,
}

/// A stored change with its place in the office's order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ServerChange {
    pub cursor: i64,
    pub change: Change,
    /// The staff member the server records as the change's author: the
    /// change's own `author` when it named one of the office, otherwise
    /// whoever pushed it. Absent from servers that predate authors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<Author>,
}

/// `GET /api/sync/pull?since=<cursor>&limit=<n>` (since 0 = from the start).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullResponse {
    pub changes: Vec<ServerChange>,
    /// Pass as `since` for the next page; unchanged when nothing was new.
    pub next: i64,
    /// More changes are waiting after `next`.
    pub more: bool,
    /// Records purged (a 管理者 purged their client after the retention
    /// period) at cursors on this page, in cursor order: the device deletes
    /// them and everything it holds of them. They share the cursor sequence
    /// with `changes` (each purged id has a cursor of its own), so a device
    /// gets each one once as it moves its cursor past it. Left out when
    /// empty (and by servers that predate purging); an app that ignores it
    /// still syncs, it only keeps its copies of purged records.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub purged: Vec<Uuid>,
}

/// `POST /api/clients/{id}/purge` (管理者 only): the client and every record
/// about them were deleted from the office's server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PurgeResponse {
    pub client_id: Uuid,
    /// Every record id purged: the client first, then plans, visit notes and
    /// assessments whose `client_id` is the client. Devices learn the same
    /// ids from their next pull ([`PullResponse::purged`]).
    pub purged: Vec<Uuid>,
    pub purged_at: chrono::DateTime<chrono::Utc>,
}

/// 管理者 / 職員
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Staff,
}

/// `POST /api/auth/sign-in`
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInRequest {
    /// 事業所コード, given when the office was created.
    pub office_code: String,
    pub login: String,
    pub password: String,
    /// The key an earlier sign-in of this login gave this device
    /// ([`SignInResponse::device_key`]): a known device is not held back by
    /// failed sign-ins made elsewhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInfo {
    pub id: Uuid,
    pub office_id: Uuid,
    pub office_name: String,
    pub login: String,
    pub display_name: String,
    pub role: Role,
    /// 職種, the welfare job title a 管理者 set (`null`: not set). Not the
    /// access role above. Absent from servers that predate it (read as
    /// `None`); a code this version does not know reads as
    /// [`JobRole::Other`].
    #[serde(default)]
    pub job_role: Option<JobRole>,
    /// Disabled by a 管理者: cannot sign in, sessions ended.
    #[serde(default)]
    pub disabled: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignInResponse {
    /// Opaque bearer token (`Authorization: Bearer <token>`).
    pub token: String,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    pub staff: StaffInfo,
    /// Proof that this device has signed in as this login before; send it
    /// with the next sign-in ([`SignInRequest::device_key`]).
    #[serde(default)]
    pub device_key: Option<String>,
}

/// `POST /api/staff/{id}/status` (管理者 only)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetDisabledRequest {
    pub disabled: bool,
}

/// `POST /api/staff/{id}/password` (管理者 only)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPasswordRequest {
    pub password: String,
}

/// One live session of a staff member (a signed-in device), as
/// `GET /api/staff/{id}/devices` lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSession {
    /// The session's public id (never its token).
    pub id: Uuid,
    pub signed_in_at: chrono::DateTime<chrono::Utc>,
    pub last_used_at: chrono::DateTime<chrono::Utc>,
    pub expires_at: chrono::DateTime<chrono::Utc>,
    /// Device ids whose changes this session pushed.
    pub device_ids: Vec<String>,
    /// The session making the request.
    pub current: bool,
    /// When a 管理者 marked the device lost (its session is ended then and
    /// the device told to erase itself when it next reaches the server).
    /// Lost devices stay in the list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lost_at: Option<chrono::DateTime<chrono::Utc>>,
    /// When the server first told the lost device to erase itself (it
    /// reached the server after being marked lost); `None`: not yet.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wipe_sent_at: Option<chrono::DateTime<chrono::Utc>>,
}

/// What an access-log entry says was done with a client's records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccessAction {
    /// Records were handed out to a device (a pull page).
    Read,
    /// Changes of records were stored (a push).
    Write,
}

/// One row of the office's access log (`GET /api/access-log`, 管理者 only):
/// one staff member's device read or wrote so many records of one client
/// (or, with `client_id` `None`, records of no client) in one pull or push.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessLogEntry {
    pub at: chrono::DateTime<chrono::Utc>,
    pub staff_id: Uuid,
    /// The staff member's current display name.
    pub staff_name: String,
    /// The session (signed-in device) that did it.
    pub session_id: Uuid,
    /// The client whose records these were; `None`: records of no client
    /// (関係機関, office-wide records).
    pub client_id: Option<Uuid>,
    pub action: AccessAction,
    /// How many distinct records.
    pub records: u32,
}

/// `POST /api/staff` (管理者 only)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateStaffRequest {
    pub login: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
    /// 職種 of the new account; optional. A code the server does not know
    /// is refused (`400 bad_json`), never stored as [`JobRole::Other`].
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "known_job_role")]
    pub job_role: Option<JobRole>,
}

/// `POST /api/staff/{id}/job-role` (管理者 only): sets a staff member's
/// 職種; `null` clears it. The field must be present. A code the server
/// does not know is refused (`400 bad_json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetJobRoleRequest {
    #[serde(deserialize_with = "known_job_role")]
    pub job_role: Option<JobRole>,
}

/// The [`JobRole`] of a wire code, only if this version knows the code
/// (`"other"` included). [`JobRole`]'s own `Deserialize` reads an unknown
/// code as [`JobRole::Other`], which is right for reading stored plans but
/// would silently lose a newer app's choice in a request.
pub fn known_job_role_code(code: &str) -> Option<JobRole> {
    let role: JobRole = serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()?;
    (role != JobRole::Other || code == job_role_code(JobRole::Other)).then_some(role)
}

/// The wire code of a [`JobRole`] (`"service_manager"`, …).
pub fn job_role_code(role: JobRole) -> String {
    match serde_json::to_value(role) {
        Ok(serde_json::Value::String(code)) => code,
        _ => unreachable!("JobRole serializes as a string"),
    }
}

/// Reads an optional job role, refusing codes this version does not know.
fn known_job_role<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<JobRole>, D::Error> {
    let Some(code) = Option::<String>::deserialize(deserializer)? else {
        return Ok(None);
    };
    known_job_role_code(&code).map(Some).ok_or_else(|| {
        let known: Vec<String> = JobRole::ALL.into_iter().map(job_role_code).collect();
        serde::de::Error::custom(format!(
            "職種 (job_role) のコード {code:?} はありません / unknown job_role {code:?} (known: {})",
            known.join(", ")
        ))
    })
}

/// Every API error: a stable machine code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub error: String,
    pub message: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn change() -> Change {
        Change {
            device_id: "device-a".into(),
            seq: 7,
            record_id: Uuid::from_u128(1),
            kind: RecordKind::Client,
            writes: vec![FieldWrite {
                field: "name".into(),
                value: json!("山田 太郎"),
                stamp: Stamp { ms: 1_764_000_000_000, counter: 0, device: "device-a".into() },
                replaces: vec![Stamp { ms: 1_763_000_000_000, counter: 2, device: "device-b".into() }],
            }],
            author: None,
        }
    }

    /// Freezes the push body: devices already in use send exactly this.
    #[test]
    fn push_wire_format_is_frozen() {
        let body = PushRequest { changes: vec![change()] };
        assert_eq!(
            serde_json::to_value(&body).unwrap(),
            json!({"changes": [{
                "device_id": "device-a", "seq": 7,
                "record_id": "00000000-0000-0000-0000-000000000001", "kind": "client",
                "writes": [{
                    "field": "name", "value": "山田 太郎",
                    "stamp": {"ms": 1_764_000_000_000_i64, "counter": 0, "device": "device-a"},
                    "replaces": [{"ms": 1_763_000_000_000_i64, "counter": 2, "device": "device-b"}]
                }]
            }]})
        );
    }

    #[test]
    fn pull_wire_format_is_frozen() {
        let page = PullResponse {
            changes: vec![ServerChange { cursor: 42, change: change(), author: None }],
            next: 42,
            more: false,
            purged: vec![],
        };
        let v = serde_json::to_value(&page).unwrap();
        assert_eq!(v["next"], 42);
        assert_eq!(v["more"], false);
        assert_eq!(v["changes"][0]["cursor"], 42);
        assert_eq!(v["changes"][0]["change"]["seq"], 7);
        // A page without purges is what it was before purging existed.
        assert_eq!(v.as_object().unwrap().keys().collect::<Vec<_>>(), ["changes", "more", "next"]);
        assert_eq!(serde_json::from_value::<PullResponse>(v).unwrap(), page);
    }

    #[test]
    fn authors_travel_with_changes_and_older_bodies_read_without_them() {
        let staff = Uuid::from_u128(9);
        let written = Change { author: Some(staff), ..change() };
        let v = serde_json::to_value(&written).unwrap();
        assert_eq!(v["author"], json!("00000000-0000-0000-0000-000000000009"));
        assert_eq!(serde_json::from_value::<Change>(v).unwrap(), written);

        let server =
            ServerChange {
                cursor: 3, change: written, author: Some(Author { id: staff, name: "山田 花子".into() })
            };
        let v = serde_json::to_value(&server).unwrap();
        assert_eq!(v["author"], json!({"id": "00000000-0000-0000-0000-000000000009", "name": "山田 花子"}));
        assert_eq!(serde_json::from_value::<ServerChange>(v).unwrap(), server);

        let old: ServerChange = serde_json::from_value(json!({"cursor": 1, "change": {
            "device_id": "d", "seq": 1, "record_id": "00000000-0000-0000-0000-000000000001",
            "kind": "client", "writes": []
        }}))
        .unwrap();
        assert_eq!((old.author, old.change.author), (None, None));
    }

    #[test]
    fn purged_ids_travel_beside_changes_and_older_answers_read_without_them() {
        let page = PullResponse { changes: vec![], next: 44, more: true, purged: vec![Uuid::from_u128(5)] };
        let v = serde_json::to_value(&page).unwrap();
        assert_eq!(
            v,
            json!({"changes": [], "next": 44, "more": true,
                             "purged": ["00000000-0000-0000-0000-000000000005"]})
        );
        assert_eq!(serde_json::from_value::<PullResponse>(v).unwrap(), page);
        let old: PullResponse = serde_json::from_value(json!({"changes": [], "next": 3, "more": false})).unwrap();
        assert!(old.purged.is_empty());

        let pushed = PushResponse { accepted: 1, duplicates: 0, purged: vec![] };
        assert_eq!(serde_json::to_value(&pushed).unwrap(), json!({"accepted": 1, "duplicates": 0}));
        let dropped: PushResponse = serde_json::from_value(
            json!({"accepted": 0, "duplicates": 0, "purged": ["00000000-0000-0000-0000-000000000005"]}),
        )
        .unwrap();
        assert_eq!(dropped.purged, vec![Uuid::from_u128(5)]);

        let purge = PurgeResponse {
            client_id: Uuid::from_u128(5),
            purged: vec![Uuid::from_u128(5), Uuid::from_u128(6)],
            purged_at: chrono::DateTime::from_timestamp(1_900_000_000, 0).unwrap(),
        };
        let v = serde_json::to_value(&purge).unwrap();
        assert_eq!(v["client_id"], "00000000-0000-0000-0000-000000000005");
        assert_eq!(v["purged"][1], "00000000-0000-0000-0000-000000000006");
        assert_eq!(v["purged_at"], "2030-03-17T17:46:40Z");
        assert_eq!(serde_json::from_value::<PurgeResponse>(v).unwrap(), purge);
    }

    #[test]
    fn staff_info_carries_a_job_role_and_reads_without_one() {
        let staff = StaffInfo {
            id: Uuid::from_u128(1),
            office_id: Uuid::from_u128(2),
            office_name: "さくら".into(),
            login: "sato".into(),
            display_name: "佐藤".into(),
            role: Role::Staff,
            job_role: Some(JobRole::ServiceManager),
            disabled: false,
        };
        let v = serde_json::to_value(&staff).unwrap();
        assert_eq!(v["job_role"], "service_manager");
        assert_eq!(serde_json::from_value::<StaffInfo>(v.clone()).unwrap(), staff);
        // From a server that predates the field, and from a newer one with a
        // role this version does not know.
        let mut old = v.clone();
        old.as_object_mut().unwrap().remove("job_role");
        assert_eq!(serde_json::from_value::<StaffInfo>(old).unwrap().job_role, None);
        let mut newer = v;
        newer["job_role"] = json!("nurse_2030");
        assert_eq!(serde_json::from_value::<StaffInfo>(newer).unwrap().job_role, Some(JobRole::Other));
        let unset = StaffInfo { job_role: None, ..staff };
        assert_eq!(serde_json::to_value(&unset).unwrap()["job_role"], json!(null));
    }

    #[test]
    fn requests_take_only_job_role_codes_this_version_knows() {
        for role in JobRole::ALL {
            let code = job_role_code(role);
            assert_eq!(known_job_role_code(&code), Some(role));
            let request: SetJobRoleRequest = serde_json::from_value(json!({ "job_role": code })).unwrap();
            assert_eq!(request.job_role, Some(role));
        }
        assert_eq!(known_job_role_code("nurse_2030"), None);
        assert_eq!(known_job_role_code("ServiceManager"), None);
        let cleared: SetJobRoleRequest = serde_json::from_value(json!({ "job_role": null })).unwrap();
        assert_eq!(cleared.job_role, None);
        // The field must be there: an empty body changes nothing by mistake.
        assert!(serde_json::from_value::<SetJobRoleRequest>(json!({})).is_err());
        let error = serde_json::from_value::<SetJobRoleRequest>(json!({ "job_role": "nurse_2030" })).unwrap_err();
        assert!(error.to_string().contains("unknown job_role \"nurse_2030\""), "{error}");
        assert!(serde_json::from_value::<SetJobRoleRequest>(json!({ "job_role": 3 })).is_err());

        let create = json!({"login": "a", "display_name": "b", "password": "c", "role": "staff"});
        let without: CreateStaffRequest = serde_json::from_value(create.clone()).unwrap();
        assert_eq!(without.job_role, None);
        // An older app's body is unchanged when no job role is given.
        assert_eq!(serde_json::to_value(&without).unwrap(), create);
        let mut with = create.clone();
        with["job_role"] = json!("child_development_manager");
        let with: CreateStaffRequest = serde_json::from_value(with).unwrap();
        assert_eq!(with.job_role, Some(JobRole::ChildDevelopmentManager));
        let mut unknown = create;
        unknown["job_role"] = json!("nurse_2030");
        assert!(serde_json::from_value::<CreateStaffRequest>(unknown).is_err());
    }

    #[test]
    fn roles_use_stable_names() {
        assert_eq!(serde_json::to_value(Role::Admin).unwrap(), json!("admin"));
        assert_eq!(serde_json::to_value(Role::Staff).unwrap(), json!("staff"));
    }
}
