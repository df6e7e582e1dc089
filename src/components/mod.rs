//! Pieces shared by several pages.

pub mod client_nav;
pub mod conflicts;
pub mod field;
pub mod form_ctx;
pub mod layout;
pub mod loading;
pub mod new_secret;
pub mod notice;
pub mod record_history;
pub mod save_state;
pub mod survey_chart;
pub mod trash_control;
pub mod written;
