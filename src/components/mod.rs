//! Pieces shared by several pages.

pub mod client_nav;
pub mod field;
pub mod layout;
pub mod notice;
