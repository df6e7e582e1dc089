//! What can go wrong with the local database, in terms the UI can explain.

use indexed_db_futures::error::{DomException, Error as IdbError, OpenDbError};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The device is out of space or the browser's quota is used up.
    #[error("storage quota exceeded")]
    QuotaExceeded,
    /// The database was made by a newer version of the app.
    #[error("database belongs to a newer app version")]
    NewerSchema,
    /// Another tab keeps an older version of the database open.
    #[error("database upgrade blocked by another tab")]
    Blocked,
    /// IndexedDB is missing or refused (private mode, disabled storage).
    #[error("IndexedDB unavailable: {0}")]
    Unavailable(String),
    /// A record with this id already exists where a new one was expected.
    #[error("record already exists")]
    AlreadyExists,
    /// Stored data that does not read back as the expected type.
    #[error("stored data is corrupt: {0}")]
    Corrupt(String),
    /// The device was signed out, or signed in to another office, while a
    /// sync was under way: what it brought is dropped.
    #[error("the session changed during sync")]
    SessionChanged,
    /// The device is locked: nothing sealed opens and nothing is written
    /// until the passcode is entered.
    #[error("the device is locked")]
    Locked,
    /// Any other failure of the database.
    #[error("database error: {0}")]
    Other(String),
}

fn from_dom(e: &DomException) -> StoreError {
    let name = match e {
        DomException::Other(raw) => raw.name(),
        _ => String::new(),
    };
    match (e, name.as_str()) {
        (_, "QuotaExceededError") => StoreError::QuotaExceeded,
        (_, "VersionError") => StoreError::NewerSchema,
        (DomException::ConstraintError(_), _) => StoreError::AlreadyExists,
        (DomException::InvalidStateError(_), _) => StoreError::Unavailable(e.message()),
        _ => StoreError::Other(e.message()),
    }
}

impl From<IdbError> for StoreError {
    fn from(e: IdbError) -> Self {
        match &e {
            IdbError::DomException(dom) => from_dom(dom),
            IdbError::Serialisation(s) => StoreError::Corrupt(s.to_string()),
            IdbError::MissingData(m) => StoreError::Corrupt(m.to_string()),
            IdbError::Unknown(js) => StoreError::Other(js.to_string()),
        }
    }
}

impl From<OpenDbError> for StoreError {
    fn from(e: OpenDbError) -> Self {
        match e {
            OpenDbError::Base(inner) => inner.into(),
            other => StoreError::Unavailable(other.to_string()),
        }
    }
}

impl From<serde_json::Error> for StoreError {
    fn from(e: serde_json::Error) -> Self {
        StoreError::Corrupt(e.to_string())
    }
}
