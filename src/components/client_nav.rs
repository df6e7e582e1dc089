//! Links from a client's page to the records kept about that client
//! (支援記録, 個別支援計画, アセスメント, 支援ネットワーク, 地域連携会議), shown under the client's name.

use crate::i18n::Texts;
use leptos::prelude::*;
use leptos_router::components::A;
use uuid::Uuid;

#[component]
pub fn ClientNav(id: Uuid, t: &'static Texts) -> impl IntoView {
    view! {
        <nav class="client-nav" aria-label=t.client_nav.label>
            // -- client links --
            <A href=format!("/clients/{id}/plan") attr:class="button">
                {t.common.plan_title}
            </A>
            <A href=format!("/clients/{id}/assessments") attr:class="button">
                {t.client_nav.assessment}
            </A>
            <A href=format!("/clients/{id}/notes") attr:class="button">
                {t.client_nav.notes}
            </A>
            <A href=format!("/clients/{id}/network") attr:class="button">
                {t.client_nav.network}
            </A>
            <A href=format!("/clients/{id}/meetings") attr:class="button">
                {t.client_nav.meetings}
            </A>
        </nav>
    }
}
