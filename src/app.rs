//! The app shell: language, routes, navigation and the update banner.

use crate::components::layout::{Nav, StoreBanner, SyncChip, UpdateBanner};
use crate::i18n::{use_texts, Lang};
use crate::pages::assessment::{AssessmentPage, AssessmentsPage};
use crate::pages::notes::{NoteEntryPage, NotesPage};
use crate::pages::plan::{PlanPage, PlanPrintPage};
use crate::pages::{
    attention::AttentionPage, client::ClientPage, clients::ClientsPage, home::HomePage, settings::SettingsPage,
    trash::TrashPage,
};
use crate::pwa;
use crate::store::{self, StoreEvent};
use crate::sync;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let lang = RwSignal::new(Lang::saved());
    provide_context(lang);
    let update_ready = RwSignal::new(false);
    provide_context(pwa::UpdateReady(update_ready));
    pwa::register_service_worker(update_ready);
    pwa::request_persistence();
    let store_event = RwSignal::new(None::<StoreEvent>);
    provide_context(store_event);
    let _ = store::subscribe(move |e| {
        if matches!(e, StoreEvent::Blocked | StoreEvent::ClosedForUpgrade) {
            store_event.set(Some(e.clone()));
        }
    });
    crate::live::provide();
    crate::plan_settings::provide();
    sync::start();

    Effect::new(move |_| {
        if let Some(root) = document().document_element() {
            let _ = root.set_attribute("lang", lang.get().code());
        }
    });

    view! {
        <Router>
            // Re-rendered as a whole when the language changes (rare), so
            // components read their texts once.
            {move || {
                lang.track();
                view! { <Shell /> }
            }}
        </Router>
    }
}

#[component]
fn Shell() -> impl IntoView {
    let t = use_texts();
    let store_event = expect_context::<RwSignal<Option<StoreEvent>>>();
    view! {
        <a class="skip-link" href="#main">{t.common.skip_to_main}</a>
        <header class="app-header">
            <span class="app-title">{t.common.app_name}</span>
            <SyncChip />
        </header>
        <UpdateBanner />
        <StoreBanner event=store_event />
        <div class="app-body">
            <Nav />
            <main id="main" tabindex="-1">
                <Routes fallback=move || view! { <p class="notice">{t.common.not_found}</p> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/clients") view=ClientsPage />
                    <Route path=path!("/clients/:id") view=ClientPage />
                    <Route path=path!("/settings") view=SettingsPage />
                    <Route path=path!("/trash") view=TrashPage />
                    <Route path=path!("/attention") view=AttentionPage />
                    // -- notes routes --
                    <Route path=path!("/clients/:id/notes") view=NotesPage />
                    <Route path=path!("/clients/:id/notes/:note_id") view=NoteEntryPage />
                    // -- plan routes --
                    <Route path=path!("/clients/:id/plan") view=PlanPage />
                    <Route path=path!("/clients/:id/plan/:plan_id") view=PlanPage />
                    <Route path=path!("/clients/:id/plan/:plan_id/print") view=PlanPrintPage />
                    // -- assessment routes --
                    <Route path=path!("/clients/:id/assessments") view=AssessmentsPage />
                    <Route path=path!("/clients/:id/assessments/:aid") view=AssessmentPage />
                </Routes>
            </main>
        </div>
    }
}
