//! 連携ノート shared domain: types, rules and wire formats used by the app and
//! the server. Plain Rust with no browser dependency so every rule is tested
//! natively.
#![forbid(unsafe_code)]

pub mod assessment;
pub mod backup;
pub mod client;
pub mod client_list;
pub mod form;
pub mod kana;
pub mod life_stage;
pub mod meeting;
pub mod network;
pub mod plan;
pub mod record;
pub mod retention;
pub mod service;
pub mod sync;
pub mod vault;
pub mod visit_note;
pub mod wareki;

pub use backup::{BackupError, BackupFile, MergeReport};
pub use client::{Client, ClientField, ClientForm, ClientStatus, FieldError, FieldProblem};
pub use client_list::{ClientList, ClientSummary};
pub use form::{rebase_fields, EditForm, FieldIssue, Rebased};
pub use life_stage::{LifeStage, LifeStageOverride};
pub use record::{AnyRecord, Record, RecordKind, RecordMeta};
pub use retention::{Retention, RETENTION_YEARS};
pub use service::{ServiceCategory, ServiceType, ServiceUse};
