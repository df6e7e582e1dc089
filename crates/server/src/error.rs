//! Errors that stop the server from starting or running.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

use crate::accounts::AccountError;
use crate::config::DatabaseUrl;
use crate::db::DbError;

/// Why the server could not start or had to stop.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dist directory has no `index.html`: the app was not built, or
    /// `--dist` points elsewhere.
    #[error(
        "{} がありません。先に ./dev build を実行してください。\n\
         {} not found: build the app first with ./dev build (or point --dist / RENKEI_DIST at the build output).",
        path.display(),
        path.display()
    )]
    MissingIndex { path: PathBuf },

    /// The listening socket could not be opened.
    #[error("{addr} で待ち受けできません / cannot listen on {addr}: {source}")]
    Bind {
        addr: SocketAddr,
        #[source]
        source: io::Error,
    },

    /// Installing the Ctrl-C / SIGTERM handler failed.
    #[error("シグナルを受け取れません / cannot install signal handler: {0}")]
    Signal(#[source] io::Error),

    /// The database could not be opened or migrated.
    #[error("データベース {url} を開けません / cannot open database {url}: {source}")]
    Database {
        url: DatabaseUrl,
        #[source]
        source: DbError,
    },

    /// An office or account could not be created.
    #[error("{0}")]
    Account(#[from] AccountError),

    /// The administrator password could not be read.
    #[error(
        "管理者パスワードを読めません。RENKEI_ADMIN_PASSWORD か標準入力で渡してください / \
         cannot read the administrator password (set RENKEI_ADMIN_PASSWORD or pipe it to stdin): {0}"
    )]
    Password(String),

    /// The new password of `staff reset-password` could not be read.
    #[error(
        "新しいパスワードを読めません。RENKEI_NEW_PASSWORD か標準入力で渡してください / \
         cannot read the new password (set RENKEI_NEW_PASSWORD or pipe it to stdin): {0}"
    )]
    NewPassword(String),

    /// Any other I/O failure while serving.
    #[error("サーバーエラー / server error: {0}")]
    Io(#[from] io::Error),
}
