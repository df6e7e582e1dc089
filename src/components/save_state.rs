//! Whether an editor's last edit is stored, shown the same way in every
//! editor (利用者, 個別支援計画, アセスメント).

use crate::i18n::Texts;
use crate::store::StoreError;
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq)]
pub enum SaveState {
    Idle,
    Saving,
    Saved,
    /// Kept as a draft: the input does not validate yet.
    Draft,
    Failed(StoreError),
}

#[component]
pub fn SaveIndicator(state: RwSignal<SaveState>, t: &'static Texts) -> impl IntoView {
    view! {
        <p class="save-state" role="status" aria-live="polite">
            {move || match state.get() {
                SaveState::Idle => String::new(),
                SaveState::Saving => t.common.saving.to_owned(),
                SaveState::Saved => format!("✓ {}", t.common.saved),
                SaveState::Draft => t.common.draft_saved.to_owned(),
                SaveState::Failed(e) => t.common.store_error(&e).to_owned(),
            }}
        </p>
    }
}
