//! 日本語 (the default): one file per group of `super::groups`.

mod assessment;
mod catalogue;
mod client;
mod client_nav;
mod clients;
mod common;
mod conflicts;
mod dashboard;
mod home;
mod notes;
mod plan;
mod settings;
mod staff;
mod sync;
mod trash;

use super::Texts;

pub static TEXTS: Texts = Texts {
    common: common::TEXTS,
    sync: sync::TEXTS,
    conflicts: conflicts::TEXTS,
    client_nav: client_nav::TEXTS,
    home: home::TEXTS,
    clients: clients::TEXTS,
    client: client::TEXTS,
    notes: notes::TEXTS,
    assessment: assessment::TEXTS,
    catalogue: catalogue::TEXTS,
    plan: plan::TEXTS,
    dashboard: dashboard::TEXTS,
    trash: trash::TEXTS,
    settings: settings::TEXTS,
    staff: staff::TEXTS,
};
