//! [`ApiError`]: every way an API request can fail, as the client sees it.

use axum::http::header::{RETRY_AFTER, WWW_AUTHENTICATE};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use renkei_domain::sync::{codes, MAX_BODY_BYTES, MAX_PULL_LIMIT, MAX_PUSH_CHANGES, PROTOCOL_VERSION};
use renkei_domain::Retention;
use sqlx::error::BoxDynError;

use crate::accounts::AccountError;
use crate::db::{DbError, Retained};

/// An API failure, answered as `{"error": code, "message": text}` (the
/// domain's [`renkei_domain::sync::ApiError`]). Messages are for people,
/// in Japanese and English; codes are for the app. Internal causes go to
/// the log, never into the response.
#[derive(Debug, thiserror::Error)]
pub(crate) enum ApiError {
    #[error("この API はありません / no such API endpoint")]
    NotFound,
    #[error("この API はその HTTP メソッドを受け付けません / method not allowed for this API endpoint")]
    MethodNotAllowed,
    #[error("アプリを更新してください (update the app)")]
    AppOutdated,
    #[error("JSON の形式が正しくありません / malformed request: {0}")]
    BadJson(String),
    #[error("Content-Type: application/json で送ってください / send the body as application/json")]
    BadContentType,
    #[error("データが大きすぎます (上限 {} MB) / request body too large (limit {} bytes)", MAX_BODY_BYTES / (1024 * 1024), MAX_BODY_BYTES)]
    TooLarge,
    #[error("URL のパラメータが正しくありません / bad query parameters: {0}")]
    BadQuery(String),
    #[error("サインインしてください / sign-in required (missing or unknown token)")]
    Unauthorized,
    #[error(
        "しばらく使われなかったためサインインが切れました。もう一度サインインしてください / \
         the session expired after 30 days without use; sign in again"
    )]
    SessionExpired,
    #[error(
        "この端末のサインインは終了しています (サインアウト、または管理者による取り消し)。もう一度サインインしてください / \
         this session was ended (signed out, or revoked by an administrator); sign in again"
    )]
    SessionRevoked,
    #[error(
        "このアカウントは管理者によって無効にされています。管理者に連絡してください / \
         this account was disabled by an administrator (管理者); ask them to enable it"
    )]
    AccountDisabled,
    #[error(
        "この端末は管理者により紛失として登録されました。端末内のデータを消去します / \
         an administrator marked this device lost; it must erase the data it holds"
    )]
    DeviceLost,
    #[error("事業所コード、ログインID、またはパスワードが違います / wrong office code, login or password")]
    InvalidCredentials,
    #[error(
        "サインインの失敗が続いたため、しばらく待ってから再度お試しください / \
         too many failed sign-ins; try again in {retry_after_secs} seconds"
    )]
    TooManyAttempts { retry_after_secs: i64 },
    #[error(
        "このネットワークからのサインインが多すぎます。しばらく待ってから再度お試しください / \
         too many sign-in attempts from this address; try again in {retry_after_secs} seconds"
    )]
    TooManyFromAddress { retry_after_secs: i64 },
    #[error("管理者だけが行えます / only an administrator (管理者) can do this")]
    Forbidden,
    #[error(
        "端末の時計が進みすぎています。時刻設定を確認してください / \
         a change is stamped too far in the future: check the device clock"
    )]
    BadStamp,
    #[error("一度に送れる変更は {MAX_PUSH_CHANGES} 件までです / at most {MAX_PUSH_CHANGES} changes per push")]
    TooManyChanges,
    #[error("変更データが正しくありません / invalid change: {0}")]
    BadChange(String),
    #[error(
        "同じ端末の同じ番号で別の内容が送られました (アプリの不具合) / \
         a device sequence number was reused with a different change (app bug); nothing was stored"
    )]
    SeqReused,
    #[error(
        "この端末 ID は別のサインイン中の端末が使っています。アプリを再読み込みしてください / \
         this device id belongs to another signed-in session; nothing was stored"
    )]
    DeviceTaken,
    #[error("その利用者はこの事業所にいません / no such client in the office")]
    NoSuchClient,
    #[error("{}", retained_message(*.0))]
    RecordsRetained(Retained),
    #[error("{0}")]
    Account(AccountError),
    #[error(
        "サーバー内部のエラーです。しばらくしてから再度お試しください / internal server error, please retry later"
    )]
    Internal(BoxDynError),
}

impl ApiError {
    fn status(&self) -> StatusCode {
        match self {
            Self::NotFound => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::AppOutdated => StatusCode::UPGRADE_REQUIRED,
            Self::BadJson(_) | Self::BadQuery(_) | Self::BadStamp | Self::TooManyChanges | Self::BadChange(_) => {
                StatusCode::BAD_REQUEST
            }
            Self::BadContentType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Unauthorized
            | Self::SessionExpired
            | Self::SessionRevoked
            | Self::AccountDisabled
            | Self::DeviceLost
            | Self::InvalidCredentials => StatusCode::UNAUTHORIZED,
            Self::TooManyAttempts { .. } | Self::TooManyFromAddress { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Forbidden => StatusCode::FORBIDDEN,
            Self::SeqReused | Self::DeviceTaken | Self::RecordsRetained(_) => StatusCode::CONFLICT,
            Self::NoSuchClient => StatusCode::NOT_FOUND,
            Self::Account(error) => match error {
                AccountError::LoginTaken | AccountError::OfficeCodeTaken(_) | AccountError::LastAdmin => {
                    StatusCode::CONFLICT
                }
                AccountError::NoSuchOffice(_) | AccountError::NoSuchStaff | AccountError::NoSuchSession => {
                    StatusCode::NOT_FOUND
                }
                error if error.is_bad_input() => StatusCode::BAD_REQUEST,
                _ => StatusCode::INTERNAL_SERVER_ERROR,
            },
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable machine code.
    fn code(&self) -> &'static str {
        match self {
            Self::NotFound => "not_found",
            Self::MethodNotAllowed => "method_not_allowed",
            Self::AppOutdated => "app_outdated",
            Self::BadJson(_) => "bad_json",
            Self::BadContentType => "bad_content_type",
            Self::TooLarge => codes::TOO_LARGE,
            Self::BadQuery(_) => "bad_query",
            Self::Unauthorized => codes::UNAUTHORIZED,
            Self::SessionExpired => codes::SESSION_EXPIRED,
            Self::SessionRevoked => codes::SESSION_REVOKED,
            Self::AccountDisabled => codes::ACCOUNT_DISABLED,
            Self::DeviceLost => codes::DEVICE_LOST,
            Self::InvalidCredentials => "invalid_credentials",
            Self::TooManyAttempts { .. } | Self::TooManyFromAddress { .. } => "too_many_attempts",
            Self::Forbidden => "forbidden",
            Self::BadStamp => codes::BAD_STAMP,
            Self::TooManyChanges => "too_many_changes",
            Self::BadChange(_) => codes::BAD_CHANGE,
            Self::SeqReused => codes::SEQ_REUSED,
            Self::DeviceTaken => codes::DEVICE_TAKEN,
            Self::NoSuchClient => "not_found",
            Self::RecordsRetained(_) => codes::RECORDS_RETAINED,
            Self::Account(error) => match error {
                AccountError::PasswordTooShort | AccountError::PasswordTooLong => "bad_password",
                AccountError::LoginTaken => "login_taken",
                AccountError::OfficeCodeTaken(_) => "office_code_taken",
                AccountError::BadOfficeCode | AccountError::BadName { .. } | AccountError::BadLogin => "bad_input",
                AccountError::NoSuchOffice(_) | AccountError::NoSuchStaff | AccountError::NoSuchSession => "not_found",
                AccountError::LastAdmin => codes::LAST_ADMIN,
                AccountError::Db(_) | AccountError::Hash => "internal",
            },
            Self::Internal(_) => "internal",
        }
    }
}

impl From<DbError> for ApiError {
    /// Storage failures the handler did not expect. (Handlers turn
    /// `NotFound`, `Conflict`, `DeviceTaken` and `LastAdmin` into their own
    /// answers where they mean something.)
    fn from(error: DbError) -> Self {
        match error {
            DbError::DeviceTaken => Self::DeviceTaken,
            DbError::LastAdmin => Self::Account(AccountError::LastAdmin),
            error => Self::Internal(Box::new(error)),
        }
    }
}

impl From<AccountError> for ApiError {
    fn from(error: AccountError) -> Self {
        match error {
            AccountError::Db(error) => Self::from(error),
            // Another office's staff are answered as unknown ones.
            AccountError::NoSuchOffice(_) => Self::Account(AccountError::NoSuchStaff),
            AccountError::Hash => Self::Internal(Box::new(AccountError::Hash)),
            error => Self::Account(error),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() {
            // The cause is for operators; the client gets the generic text.
            match &self {
                Self::Internal(cause) => tracing::error!(error = %cause, "internal error"),
                other => tracing::error!(error = %other, "internal error"),
            }
        }
        let body = renkei_domain::sync::ApiError { error: self.code().to_owned(), message: self.to_string() };
        let mut response = (status, Json(body)).into_response();
        let headers = response.headers_mut();
        match self {
            Self::Unauthorized
            | Self::SessionExpired
            | Self::SessionRevoked
            | Self::AccountDisabled
            | Self::DeviceLost => {
                headers.insert(WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
            }
            Self::TooManyAttempts { retry_after_secs } | Self::TooManyFromAddress { retry_after_secs } => {
                headers.insert(RETRY_AFTER, HeaderValue::from(retry_after_secs.max(1)));
            }
            Self::AppOutdated => {
                headers.insert(renkei_domain::sync::PROTOCOL_HEADER, HeaderValue::from(PROTOCOL_VERSION));
            }
            _ => {}
        }
        response
    }
}

/// Why a purge was refused, in Japanese and English: until when the records
/// are kept, or why that cannot be known yet.
fn retained_message(why: Retained) -> String {
    match why {
        Retained::Period(Retention::Until(last)) => {
            let from = last.succ_opt().map_or_else(|| "-".to_owned(), |d| d.to_string());
            let from_ja = last.succ_opt().map_or_else(|| "-".to_owned(), |d| d.format("%Y年%-m月%-d日").to_string());
            format!(
                "この利用者の記録はサービス終了から5年間、{}まで保存する必要があります。{from_ja}から削除できます / \
                 the client's records must be kept five years after the service ended, until {last}; \
                 they can be purged from {from}",
                last.format("%Y年%-m月%-d日"),
            )
        }
        Retained::Period(Retention::Serving) => {
            "この利用者はサービスを利用中です (利用中、または終了日のないサービスがあります)。\
             記録はサービス終了から5年間保存するため、削除できません / \
             the client is still being served (active, or a service without an end date); records are kept \
             five years after the service ends, so nothing can be purged"
                .to_owned()
        }
        Retained::Period(Retention::EndUnknown) => {
            "サービスの終了日が記録されていないため、保存期間がいつ終わるか分かりません。\
             終了日を記録してください / \
             no service end date is recorded, so the end of the retention period (five years after the service \
             ended) is unknown; record the end dates first"
                .to_owned()
        }
        Retained::Unreadable => "この利用者の記録が読めないため、保存期間を確かめられません。削除できません / \
             the client record cannot be read, so its retention period cannot be checked; nothing was purged"
            .to_owned(),
    }
}

/// The limit text used in `bad_query` messages.
pub(crate) fn pull_limit_message() -> String {
    format!("limit は 1〜{MAX_PULL_LIMIT} の整数です / limit must be an integer from 1 to {MAX_PULL_LIMIT}")
}
