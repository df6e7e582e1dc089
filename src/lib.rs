//! 連携ノート: the offline-first app for disability-welfare staff. The app is
//! a Leptos CSR crate; domain rules live in `renkei-domain`.
#![forbid(unsafe_code)]

pub mod app;
pub mod bfcache;
pub mod components;
pub mod editor;
pub mod files;
pub mod first_screen;
pub mod i18n;
pub mod live;
pub mod pages;
pub mod perf;
pub mod plan_settings;
pub mod pwa;
pub mod stash;
pub mod store;
pub mod sync;
pub mod vault;
