//! 同期: the sync protocol shared by the app and the server, and the
//! per-field merge every replica applies. See `docs/sync.md`.
//!
//! The server is a relay: it stores each device's changes once (by device id
//! and sequence number) in an office-wide order and hands them out by cursor.
//! Replicas merge changes with [`merge`], which gives the same result in any
//! order, with duplicates, so every device converges.

pub mod merge;
pub mod protocol;
pub mod restamp;
pub mod stamp;
pub mod validate;

pub use merge::{FieldState, RecordState};
pub use protocol::*;
pub use stamp::{Clock, Stamp};
