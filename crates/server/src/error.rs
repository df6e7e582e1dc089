//! Errors that stop the server from starting or running.

use std::io;
use std::net::SocketAddr;
use std::path::PathBuf;

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

    /// Any other I/O failure while serving.
    #[error("サーバーエラー / server error: {0}")]
    Io(#[from] io::Error),
}
