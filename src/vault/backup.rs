//! The backup file sealed under a password of the user's choosing (the
//! format is `renkei_domain::vault::SealedBackup`).

use super::{derive, random_bytes, KdfError};
use renkei_domain::vault::{KdfParams, SealedBackup, SealedBackupError};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum OpenBackupError {
    #[error(transparent)]
    File(#[from] SealedBackupError),
    #[error(transparent)]
    Kdf(#[from] KdfError),
}

/// The backup's JSON sealed under `password` (already checked with
/// `check_backup_password`), as the text of the file to save.
pub async fn seal(backup_json: &str, password: &str) -> Result<String, KdfError> {
    let kdf = KdfParams::pbkdf2(random_bytes()?);
    let key = derive(password, &kdf).await?;
    Ok(SealedBackup::seal(backup_json, &key, kdf, random_bytes()?).to_json())
}

/// The backup's JSON from a sealed file and its password.
pub async fn open(file: &SealedBackup, password: &str) -> Result<String, OpenBackupError> {
    let key = derive(password, &file.kdf).await?;
    Ok(file.open(&key)?)
}
