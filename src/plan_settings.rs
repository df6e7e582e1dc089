//! The office's plan settings (docs/plan-cycle.md): how the unconfirmed
//! review interval of 就労定着支援 and 自立生活援助 is read, the office's own
//! shorter review interval and its monitoring interval. Kept on this device
//! (設定 says so); every page reading deadlines takes them from here.

use gloo_storage::Storage;
use leptos::prelude::*;
use renkei_domain::plan::PlanSettings;

const KEY: &str = "renkei.planSettings";

/// The settings in force on this device: the defaults until changed.
pub fn load() -> PlanSettings {
    gloo_storage::LocalStorage::get::<PlanSettings>(KEY).unwrap_or_default()
}

/// Provided at the root so pages follow a change made in 設定.
pub fn provide() {
    provide_context(RwSignal::new(load()));
}

pub fn use_plan_settings() -> RwSignal<PlanSettings> {
    use_context::<RwSignal<PlanSettings>>().unwrap_or_else(|| RwSignal::new(load()))
}

/// Stores `settings` and applies them at once. A failed write (storage
/// full or blocked) leaves them in force for this visit only.
pub fn save(settings: PlanSettings) {
    let _ = gloo_storage::LocalStorage::set(KEY, settings);
    use_plan_settings().set(settings);
}
