//! The app shell: language, routes, navigation and the update banner.

use crate::components::field::TabStateGuard;
use crate::components::layout::{Nav, StoreBanner, SyncChip, UpdateBanner};
use crate::i18n::{use_texts, Lang};
use crate::pages::vault::vault_screen;
use crate::pages::{clients::ClientsPage, home::HomePage};
use crate::pwa;
use crate::store::{self, StoreEvent};
use crate::sync;
use crate::vault::state::{lock_app, use_vault, VaultView};
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, Lazy, LazyRoute};

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
    crate::vault::state::provide();
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

/// The app, or instead of it the passcode screen (set-up on first use, or
/// unlock): while locked nothing of the app is on the page.
#[component]
fn Shell() -> impl IntoView {
    let t = use_texts();
    let vault = use_vault();
    move || match vault.get() {
        VaultView::Open => view! { <AppBody /> }.into_any(),
        VaultView::Checking => ().into_any(),
        shown => Suspend::new(async move { vault_screen(t, shown, vault).await }).into_any(),
    }
}

#[component]
fn AppBody() -> impl IntoView {
    let t = use_texts();
    let store_event = expect_context::<RwSignal<Option<StoreEvent>>>();
    let vault = use_vault();
    view! {
        <a class="skip-link" href="#main">{t.common.skip_to_main}</a>
        <header class="app-header">
            <span class="app-title">{t.common.app_name}</span>
            <SyncChip />
            <button type="button" class="lock-now" id="lock-now" on:click=move |_| lock_app(vault)>
                {t.common.lock_now}
            </button>
        </header>
        <UpdateBanner />
        <StoreBanner event=store_event />
        <TabStateGuard />
        <div class="app-body">
            <Nav />
            <main id="main" tabindex="-1">
                <Routes fallback=move || view! { <p class="notice">{t.common.not_found}</p> }>
                    <Route path=path!("/") view=HomePage />
                    <Route path=path!("/clients") view=ClientsPage />
                    // The other pages load on first use (see `lazy_pages!`).
                    <Route path=path!("/clients/:id") view={Lazy::<ClientRoute>::new()} />
                    <Route path=path!("/settings") view={Lazy::<SettingsRoute>::new()} />
                    <Route path=path!("/trash") view={Lazy::<TrashRoute>::new()} />
                    <Route path=path!("/attention") view={Lazy::<AttentionRoute>::new()} />
                    <Route path=path!("/agencies") view={Lazy::<AgenciesRoute>::new()} />
                    <Route path=path!("/agencies/:id") view={Lazy::<AgencyRoute>::new()} />
                    <Route path=path!("/clients/:id/network") view={Lazy::<ClientNetworkRoute>::new()} />
                    <Route path=path!("/clients/:id/handover") view={Lazy::<HandoverRoute>::new()} />
                    <Route path=path!("/network") view={Lazy::<RegionRoute>::new()} />
                    <Route path=path!("/clients/:id/meetings") view={Lazy::<MeetingsRoute>::new()} />
                    <Route path=path!("/billing") view={Lazy::<BillingRoute>::new()} />
                    // -- notes routes --
                    <Route path=path!("/clients/:id/notes") view={Lazy::<NotesRoute>::new()} />
                    <Route path=path!("/clients/:id/notes/:note_id") view={Lazy::<NoteEntryRoute>::new()} />
                    // -- plan routes --
                    <Route path=path!("/clients/:id/plan") view={Lazy::<PlanRoute>::new()} />
                    <Route path=path!("/clients/:id/plan/:plan_id") view={Lazy::<PlanRoute>::new()} />
                    <Route path=path!("/clients/:id/plan/:plan_id/print") view={Lazy::<PlanPrintRoute>::new()} />
                    // -- assessment routes --
                    <Route path=path!("/clients/:id/assessments") view={Lazy::<AssessmentsRoute>::new()} />
                    <Route path=path!("/clients/:id/assessments/:aid") view={Lazy::<AssessmentRoute>::new()} />
                </Routes>
            </main>
        </div>
    }
}

/// Routes whose pages are split out of the main wasm module: the shell, ホーム
/// and the client list load at start, every other page's code on the first
/// visit of its group (tools/split-build.mjs makes one module per group, plus
/// modules for code that several groups share; the service worker precaches
/// them all, so they open offline too).
///
/// Leptos's `#[lazy_route]` gives every route a module of its own, and the
/// code that different sets of routes share then comes in many small
/// modules (over a hundred for these pages). Pages used together share one
/// module here instead: `wasm_split` puts every function of a group in it.
macro_rules! lazy_pages {
    ($($group:ident: $($route:ident($view:ident, $preload:ident) => $page:path),+;)*) => {$($(
        struct $route;

        #[leptos::wasm_split::wasm_split(
            $group,
            wasm_split_path = ::leptos::wasm_split,
            preload(#[doc(hidden)] $preload)
        )]
        fn $view() -> AnyView {
            view! { <$page /> }.into_any()
        }

        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            async fn view(_this: Self) -> AnyView {
                $view().await
            }

            // Awaited before the route changes, so the page it leaves stays
            // until the new page's code is there.
            async fn preload() {
                $preload().await
            }
        }
    )+)*};
}

lazy_pages! {
    client_pages:
        ClientRoute(client_view, client_preload) => crate::pages::client::ClientPage;
    notes_pages:
        NotesRoute(notes_view, notes_preload) => crate::pages::notes::NotesPage,
        NoteEntryRoute(note_entry_view, note_entry_preload) => crate::pages::notes::NoteEntryPage;
    plan_pages:
        PlanRoute(plan_view, plan_preload) => crate::pages::plan::PlanPage,
        PlanPrintRoute(plan_print_view, plan_print_preload) => crate::pages::plan::PlanPrintPage;
    assessment_pages:
        AssessmentsRoute(assessments_view, assessments_preload) => crate::pages::assessment::AssessmentsPage,
        AssessmentRoute(assessment_view, assessment_preload) => crate::pages::assessment::AssessmentPage;
    agency_pages:
        AgenciesRoute(agencies_view, agencies_preload) => crate::pages::agencies::AgenciesPage,
        AgencyRoute(agency_view, agency_preload) => crate::pages::agencies::agency::AgencyPage;
    client_network_pages:
        ClientNetworkRoute(client_network_view, client_network_preload) => crate::pages::client_network::ClientNetworkPage,
        HandoverRoute(handover_view, handover_preload) => crate::pages::client_network::handover::HandoverPage;
    office_pages:
        SettingsRoute(settings_view, settings_preload) => crate::pages::settings::SettingsPage,
        TrashRoute(trash_view, trash_preload) => crate::pages::trash::TrashPage,
        AttentionRoute(attention_view, attention_preload) => crate::pages::attention::AttentionPage;
    region_pages:
        RegionRoute(region_view, region_preload) => crate::pages::region::RegionPage;
    meeting_pages:
        MeetingsRoute(meetings_view, meetings_preload) => crate::pages::meetings::MeetingsPage,
        BillingRoute(billing_view, billing_preload) => crate::pages::meetings::billing::BillingPage;
}
