//! Offices (事業所), staff accounts (管理者 / 職員), passwords and session
//! tokens.
//!
//! - Passwords are hashed with argon2id (default parameters; `passwords`)
//!   and never stored or logged in clear.
//! - A session token is 32 random bytes, base64url; only its SHA-256 is
//!   stored, so a leaked database holds no usable token.

mod passwords;

use argon2::password_hash::rand_core::{OsRng, RngCore as _};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use chrono::{DateTime, TimeDelta, Utc};
use renkei_domain::plan::JobRole;
use renkei_domain::sync::{Role, StaffInfo};
use sha2::{Digest as _, Sha256};
use uuid::Uuid;

use crate::db::{Database, DbError, NewOffice, NewStaff};
use passwords::hash_password_blocking;
pub use passwords::{hash_password, hashing_stats, verify_password, verify_password_bounded, warm_up, HashingStats};

impl From<DbError> for AccountError {
    fn from(error: DbError) -> Self {
        match error {
            DbError::LastAdmin => Self::LastAdmin,
            error => Self::Db(error),
        }
    }
}

/// How long a session lasts after its last use (sliding expiry).
pub const SESSION_LIFETIME: TimeDelta = TimeDelta::days(30);
/// A session's last use is written at most this often; its expiry moves
/// with it.
pub const SESSION_TOUCH_INTERVAL: TimeDelta = TimeDelta::hours(1);
/// How long an expired or revoked session is kept, so its token is answered
/// `session_expired` / `session_revoked` rather than `unauthorized`.
pub const SESSION_MEMORY: TimeDelta = TimeDelta::days(90);
/// Failed sign-ins of one (office code, login), from devices without its
/// device key, before further ones are held back (see [`sign_in_delay`]).
pub const FREE_SIGN_IN_FAILURES: u32 = 5;
/// The longest wait between two held-back sign-in attempts of one login.
pub const MAX_SIGN_IN_DELAY: TimeDelta = TimeDelta::minutes(15);
/// A login's failed sign-ins are forgotten this long after the last one.
pub const SIGN_IN_FAILURE_MEMORY: TimeDelta = TimeDelta::days(1);
/// Failed sign-ins with one device key before the key is no longer honoured
/// (its device is then held back like any other until a success).
pub const DEVICE_KEY_MAX_FAILURES: u32 = 10;
/// A device key not used for this long is forgotten.
pub const DEVICE_KEY_LIFETIME: TimeDelta = TimeDelta::days(180);
/// Sign-in attempts one client address may make per minute (a burst of
/// this many, then one every 60/N seconds), unless configured otherwise.
pub const DEFAULT_SIGN_INS_PER_MINUTE: u32 = 30;
/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 8;
/// Longest password accepted, in bytes (bounds the hashing work).
pub const MAX_PASSWORD_BYTES: usize = 1024;
/// Longest login, display name or office name, in characters.
pub const MAX_NAME_CHARS: usize = 100;
/// Longest office code, in characters.
pub const MAX_OFFICE_CODE_CHARS: usize = 32;

/// Why an account or office could not be created. The messages are shown
/// to people, in Japanese and English.
#[derive(Debug, thiserror::Error)]
pub enum AccountError {
    #[error(
        "パスワードは{MIN_PASSWORD_CHARS}文字以上にしてください / \
         the password must be at least {MIN_PASSWORD_CHARS} characters long"
    )]
    PasswordTooShort,
    #[error("パスワードが長すぎます / the password is too long (at most {MAX_PASSWORD_BYTES} bytes)")]
    PasswordTooLong,
    #[error(
        "事業所コードは英数字・ハイフン・下線の1〜{MAX_OFFICE_CODE_CHARS}文字にしてください / \
         the office code must be 1 to {MAX_OFFICE_CODE_CHARS} letters, digits, '-' or '_'"
    )]
    BadOfficeCode,
    #[error(
        "{what_ja}は1〜{MAX_NAME_CHARS}文字で、前後の空白や改行を含めないでください / \
         the {what_en} must be 1 to {MAX_NAME_CHARS} characters, without surrounding spaces or line breaks"
    )]
    BadName { what_ja: &'static str, what_en: &'static str },
    #[error(
        "ログインIDに空白や改行は使えません (1〜{MAX_NAME_CHARS}文字) / \
         the login must be 1 to {MAX_NAME_CHARS} characters without spaces"
    )]
    BadLogin,
    #[error("事業所コード {0} はすでに使われています / office code {0} is already taken")]
    OfficeCodeTaken(String),
    #[error("このログインIDはすでに使われています / this login is already taken in the office")]
    LoginTaken,
    #[error("事業所コード {0} の事業所はありません / no office with the code {0}")]
    NoSuchOffice(String),
    #[error("その職員はこの事業所にいません / no such staff member in the office")]
    NoSuchStaff,
    #[error("その端末のサインインはありません / no such session for this staff member")]
    NoSuchSession,
    #[error(
        "最後の管理者は無効にできません。先に別の管理者を追加してください / \
         the last active administrator (管理者) cannot be disabled; add another administrator first"
    )]
    LastAdmin,
    #[error("データベースエラー / database error: {0}")]
    Db(#[source] DbError),
    #[error("パスワードを処理できません / cannot hash the password")]
    Hash,
}

impl AccountError {
    /// Whether the error is the caller's input (4xx) rather than the
    /// server's trouble.
    pub fn is_bad_input(&self) -> bool {
        !matches!(self, Self::Db(_) | Self::Hash)
    }
}

/// How long a login with `failures` failed sign-ins (counted from devices
/// without its key) is held back after the last of them: nothing up to
/// [`FREE_SIGN_IN_FAILURES`], then 1 s, 2 s, 4 s, … doubling with each
/// further failure, at most [`MAX_SIGN_IN_DELAY`].
pub fn sign_in_delay(failures: u32) -> Option<TimeDelta> {
    let over = failures.checked_sub(FREE_SIGN_IN_FAILURES)?;
    let seconds = 1i64.checked_shl(over).filter(|s| *s > 0 && *s < MAX_SIGN_IN_DELAY.num_seconds());
    Some(seconds.map_or(MAX_SIGN_IN_DELAY, TimeDelta::seconds))
}

/// Until when a login with `failures`, the last at `last_failed_at`, is
/// held back; `None` when an attempt may go ahead at `now`.
pub fn held_back_until(failures: u32, last_failed_at: DateTime<Utc>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    if now - last_failed_at >= SIGN_IN_FAILURE_MEMORY {
        return None;
    }
    let until = last_failed_at + sign_in_delay(failures)?;
    (now < until).then_some(until)
}

/// Checks a new password's length.
pub fn check_password(password: &str) -> Result<(), AccountError> {
    if password.len() > MAX_PASSWORD_BYTES {
        Err(AccountError::PasswordTooLong)
    } else if password.chars().count() < MIN_PASSWORD_CHARS {
        Err(AccountError::PasswordTooShort)
    } else {
        Ok(())
    }
}

fn check_office_code(code: &str) -> Result<(), AccountError> {
    let ok = !code.is_empty()
        && code.chars().count() <= MAX_OFFICE_CODE_CHARS
        && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(()).ok_or(AccountError::BadOfficeCode)
}

fn check_name(name: &str, what_ja: &'static str, what_en: &'static str) -> Result<(), AccountError> {
    let ok = !name.is_empty()
        && name.chars().count() <= MAX_NAME_CHARS
        && name.trim() == name
        && !name.chars().any(char::is_control);
    ok.then_some(()).ok_or(AccountError::BadName { what_ja, what_en })
}

fn check_login(login: &str) -> Result<(), AccountError> {
    let ok = !login.is_empty()
        && login.chars().count() <= MAX_NAME_CHARS
        && !login.chars().any(|c| c.is_whitespace() || c.is_control());
    ok.then_some(()).ok_or(AccountError::BadLogin)
}

/// A new session token and the hash to store for it.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    let token = URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

/// A new device key (what [`new_token`] makes: 32 random bytes,
/// base64url) and the hash to store for it.
pub fn new_device_key() -> (String, String) {
    new_token()
}

/// Hex SHA-256 of a session token or device key.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

/// The key failed sign-ins are counted under: hex SHA-256 of the office
/// code and login, so a password typed as login is never stored readable.
pub fn attempt_key(office_code: &str, login: &str) -> String {
    let mut hasher = Sha256::new();
    hasher.update(office_code.as_bytes());
    hasher.update([0]);
    hasher.update(login.as_bytes());
    hex(&hasher.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A staff account to create, with its password in clear (it is hashed
/// here and dropped).
#[derive(Clone)]
pub struct StaffDraft {
    pub login: String,
    pub display_name: String,
    pub password: String,
    pub role: Role,
    /// 職種, if known.
    pub job_role: Option<JobRole>,
}

impl std::fmt::Debug for StaffDraft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StaffDraft")
            .field("login", &self.login)
            .field("display_name", &self.display_name)
            .field("role", &self.role)
            .field("job_role", &self.job_role)
            .finish_non_exhaustive()
    }
}

impl StaffDraft {
    fn check(&self) -> Result<(), AccountError> {
        check_login(&self.login)?;
        check_name(&self.display_name, "表示名", "display name")?;
        check_password(&self.password)
    }

    /// Checks the draft and hashes its password (on a blocking thread).
    pub async fn into_new_staff(self) -> Result<NewStaff, AccountError> {
        self.check()?;
        let password_hash = hash_password_blocking(self.password).await?;
        Ok(NewStaff {
            id: Uuid::new_v4(),
            login: self.login,
            display_name: self.display_name,
            role: self.role,
            job_role: self.job_role,
            password_hash,
        })
    }
}

/// What `renkei-server create-office` asks for.
#[derive(Clone)]
pub struct OfficeDraft {
    /// 事業所名
    pub name: String,
    /// 事業所コード, typed by staff at sign-in.
    pub code: String,
    pub admin_login: String,
    pub admin_name: String,
    pub admin_password: String,
}

impl std::fmt::Debug for OfficeDraft {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OfficeDraft")
            .field("name", &self.name)
            .field("code", &self.code)
            .field("admin_login", &self.admin_login)
            .field("admin_name", &self.admin_name)
            .finish_non_exhaustive()
    }
}

/// An office just created, with its first administrator.
#[derive(Debug, Clone)]
pub struct CreatedOffice {
    pub office_id: Uuid,
    pub code: String,
    pub admin: StaffInfo,
}

/// Creates an office and its first 管理者 (what the `create-office`
/// subcommand runs).
pub async fn create_office(
    db: &dyn Database,
    draft: OfficeDraft,
    now: DateTime<Utc>,
) -> Result<CreatedOffice, AccountError> {
    check_name(&draft.name, "事業所名", "office name")?;
    check_office_code(&draft.code)?;
    let admin = StaffDraft {
        login: draft.admin_login,
        display_name: draft.admin_name,
        password: draft.admin_password,
        role: Role::Admin,
        job_role: None,
    }
    .into_new_staff()
    .await?;
    let office = NewOffice { id: Uuid::new_v4(), code: draft.code, name: draft.name };
    match db.create_office(&office, &admin, now).await {
        Ok(admin) => Ok(CreatedOffice { office_id: office.id, code: office.code, admin }),
        Err(DbError::Conflict) => Err(AccountError::OfficeCodeTaken(office.code)),
        Err(error) => Err(error.into()),
    }
}

/// A staff member by office code and login (what the CLI is given).
pub async fn find_staff(db: &dyn Database, office_code: &str, login: &str) -> Result<StaffInfo, AccountError> {
    if db.office_by_code(office_code).await?.is_none() {
        return Err(AccountError::NoSuchOffice(office_code.to_owned()));
    }
    let credentials = db.credentials(office_code, login).await?;
    credentials.map(|c| c.staff).ok_or(AccountError::NoSuchStaff)
}

/// Disables (ending all their sessions at once) or enables a staff member
/// of the office. The last active 管理者 cannot be disabled.
pub async fn set_disabled(
    db: &dyn Database,
    office_id: Uuid,
    staff_id: Uuid,
    disabled: bool,
    now: DateTime<Utc>,
) -> Result<StaffInfo, AccountError> {
    match db.set_staff_disabled(office_id, staff_id, disabled, now).await {
        Ok(info) => Ok(info),
        Err(DbError::NotFound) => Err(AccountError::NoSuchStaff),
        Err(error) => Err(error.into()),
    }
}

/// Sets (or with `None` clears) the 職種 of a staff member of the office.
pub async fn set_job_role(
    db: &dyn Database,
    office_id: Uuid,
    staff_id: Uuid,
    job_role: Option<JobRole>,
) -> Result<StaffInfo, AccountError> {
    match db.set_staff_job_role(office_id, staff_id, job_role).await {
        Ok(info) => Ok(info),
        Err(DbError::NotFound) => Err(AccountError::NoSuchStaff),
        Err(error) => Err(error.into()),
    }
}

/// Sets a new password for a staff member of the office (same rules as a
/// new account's) and clears the login's failed sign-ins, so they can sign
/// in at once. Sessions are left alone (revoke them separately).
pub async fn reset_password(
    db: &dyn Database,
    office_id: Uuid,
    staff_id: Uuid,
    password: String,
) -> Result<StaffInfo, AccountError> {
    check_password(&password)?;
    let staff = db.staff_member(office_id, staff_id).await?.ok_or(AccountError::NoSuchStaff)?;
    let password_hash = hash_password_blocking(password).await?;
    let code = match db.set_password(office_id, staff_id, &password_hash).await {
        Ok(code) => code,
        Err(DbError::NotFound) => return Err(AccountError::NoSuchStaff),
        Err(error) => return Err(error.into()),
    };
    db.clear_sign_in_failures(&attempt_key(&code, &staff.login)).await?;
    Ok(staff)
}

/// Ends one session (`Some(id)`) or all sessions of a staff member of the
/// office at once; answers how many were live.
pub async fn revoke_sessions(
    db: &dyn Database,
    office_id: Uuid,
    staff_id: Uuid,
    session_id: Option<Uuid>,
    now: DateTime<Utc>,
) -> Result<u64, AccountError> {
    match db.revoke_staff_sessions(office_id, staff_id, session_id, now).await {
        Ok(count) => Ok(count),
        Err(DbError::NotFound) if session_id.is_some() => Err(AccountError::NoSuchSession),
        Err(DbError::NotFound) => Err(AccountError::NoSuchStaff),
        Err(error) => Err(error.into()),
    }
}

/// Marks the device of one session of a staff member lost and ends the
/// session; at its next request the device is told to erase what it holds.
/// Marking again changes nothing. A session that has ended already may be
/// marked too: its device may still hold records.
pub async fn mark_device_lost(
    db: &dyn Database,
    office_id: Uuid,
    staff_id: Uuid,
    session_id: Uuid,
    now: DateTime<Utc>,
) -> Result<(), AccountError> {
    match db.mark_session_lost(office_id, staff_id, session_id, now).await {
        Ok(()) => Ok(()),
        Err(DbError::NotFound) => Err(AccountError::NoSuchSession),
        Err(error) => Err(error.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_need_eight_characters_counted_as_characters() {
        assert!(matches!(check_password("1234567"), Err(AccountError::PasswordTooShort)));
        assert!(check_password("12345678").is_ok());
        assert!(check_password("あいうえおかきく").is_ok());
        assert!(matches!(check_password(&"x".repeat(MAX_PASSWORD_BYTES + 1)), Err(AccountError::PasswordTooLong)));
        let message = AccountError::PasswordTooShort.to_string();
        assert!(message.contains("8文字以上") && message.contains("at least 8 characters"), "{message}");
    }

    #[test]
    fn tokens_are_random_base64url_and_stored_as_their_hash() {
        let (token, hash) = new_token();
        let (other, _) = new_token();
        assert_ne!(token, other);
        assert_eq!(URL_SAFE_NO_PAD.decode(&token).unwrap().len(), 32);
        assert_eq!(hash, token_hash(&token));
        assert_eq!(hash.len(), 64);
        assert!(!hash.contains(&token));
    }

    #[test]
    fn office_codes_logins_and_names_are_checked() {
        assert!(check_office_code("1310000001").is_ok());
        assert!(check_office_code("renkei-test_1").is_ok());
        for bad in ["", "has space", "事業所", &"1".repeat(MAX_OFFICE_CODE_CHARS + 1)] {
            assert!(check_office_code(bad).is_err(), "{bad:?}");
        }
        assert!(check_login("yamada").is_ok());
        assert!(check_login("山田").is_ok());
        assert!(check_login("ya mada").is_err());
        assert!(check_login("").is_err());
        assert!(check_name("さくら作業所", "", "").is_ok());
        assert!(check_name(" さくら", "", "").is_err());
        assert!(check_name("a\nb", "", "").is_err());
    }

    #[test]
    fn drafts_never_print_their_password() {
        let staff = StaffDraft {
            login: "a".into(),
            display_name: "b".into(),
            password: "s3cret-pass".into(),
            role: Role::Staff,
            job_role: None,
        };
        let office = OfficeDraft {
            name: "n".into(),
            code: "c".into(),
            admin_login: "a".into(),
            admin_name: "b".into(),
            admin_password: "s3cret-pass".into(),
        };
        assert!(!format!("{staff:?}{office:?}").contains("s3cret"));
    }

    #[test]
    fn a_login_is_held_back_longer_with_each_failure_after_five_up_to_fifteen_minutes() {
        let delays: Vec<Option<i64>> = (0..=17).map(|n| sign_in_delay(n).map(|d| d.num_seconds())).collect();
        let mut expected = vec![None; 5];
        expected.extend([1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900].map(Some));
        assert_eq!(delays, expected);
        assert_eq!(sign_in_delay(u32::MAX), Some(MAX_SIGN_IN_DELAY));
        assert_eq!(sign_in_delay(64), Some(MAX_SIGN_IN_DELAY));

        let last = DateTime::from_timestamp(1_764_000_000, 0).unwrap();
        assert_eq!(held_back_until(4, last, last), None);
        assert_eq!(held_back_until(5, last, last), Some(last + TimeDelta::seconds(1)));
        assert_eq!(held_back_until(5, last, last + TimeDelta::seconds(1)), None);
        assert_eq!(held_back_until(7, last, last + TimeDelta::seconds(3)), Some(last + TimeDelta::seconds(4)));
        // A day after the last failure they are forgotten.
        assert_eq!(held_back_until(50, last, last + SIGN_IN_FAILURE_MEMORY), None);
    }

    #[test]
    fn attempt_keys_separate_code_and_login() {
        assert_ne!(attempt_key("ab", "c"), attempt_key("a", "bc"));
        assert!(!attempt_key("office", "secret-password").contains("secret"));
    }
}
