//! Links from a client's page to the records kept about that client
//! (支援記録, 個別支援計画, アセスメント), shown under the client's name.

use crate::i18n::Texts;
use leptos::prelude::*;
#[allow(unused_imports)]
use leptos_router::components::A;
use uuid::Uuid;

#[component]
pub fn ClientNav(id: Uuid, t: &'static Texts) -> impl IntoView {
    let _ = (id, t);
    view! {
        <nav class="client-nav" aria-label=t.client_nav_label>
            // -- client links --
        </nav>
    }
}
