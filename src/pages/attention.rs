//! 対応が必要な計画 (`/attention`, `?kind=<code>`): every plan concern across
//! the office, most urgent first, filtered by kind and shown a page at a
//! time, so an office of thousands of clients gets a list it can work
//! through rather than one endless page.

use crate::components::field::{SelectField, SelectOption};
use crate::components::loading::when_ready;
use crate::i18n::use_texts;
use crate::pages::concerns;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_query_map};
use renkei_domain::plan::{counts, ConcernKind};

/// Rows shown at first and added by 「さらに表示」.
const PAGE: usize = 50;

#[component]
pub fn AttentionPage() -> impl IntoView {
    let t = use_texts();
    let query = use_query_map();
    let kind = Memo::new(move |_| query.read().get("kind").and_then(|k| ConcernKind::from_code(&k)));
    let today = chrono::Local::now().date_naive();
    let data = LocalResource::new(move || {
        crate::live::track_changes();
        concerns::load(t, today)
    });
    let limit = RwSignal::new(PAGE);
    Effect::new(move |_| {
        kind.track();
        limit.set(PAGE);
    });
    let navigate = use_navigate();
    let choose = Callback::new(move |code: String| {
        let href = if code.is_empty() { "/attention".to_owned() } else { format!("/attention?kind={code}") };
        navigate(&href, Default::default());
    });
    view! {
        <p class="back-link">
            <A href="/">{t.dashboard.back_home}</A>
        </p>
        <h1>{t.dashboard.title}</h1>
        {move || when_ready(t, data.get(), |all| {
            let list: Vec<_> = all.iter().map(|s| s.concern).collect();
            let mut options = vec![SelectOption::new("", (t.dashboard.all)(all.len()))];
            options.extend(
                counts(&list)
                    .into_iter()
                    .map(|(k, n)| SelectOption::new(k.code(), format!("{}（{}）", (t.dashboard.kind)(k), n))),
            );
            let chosen = kind.get();
            let rows: Vec<_> = all.into_iter().filter(|s| chosen.is_none_or(|k| s.concern.kind() == k)).collect();
            let total = rows.len();
            let shown = limit.get().min(total);
            view! {
                <SelectField
                    id="attention-kind"
                    label=t.dashboard.filter
                    value=Signal::derive(move || kind.get().map(|k| k.code()).unwrap_or_default())
                    on_change=choose
                    options
                />
                <p class="stat" id="attention-count">{(t.dashboard.showing)(shown, total)}</p>
                {if total == 0 {
                    view! { <p class="muted">{t.dashboard.plans_ok}</p> }.into_any()
                } else {
                    view! {
                        <ul class="dash-list" id="attention-list">
                            {rows
                                .into_iter()
                                .take(shown)
                                .map(|s| {
                                    view! {
                                        <li class:alert=s.alert>
                                            <A href=s.href>
                                                <span class="dash-client">{s.client}</span>
                                                <span class="dash-text">{s.text}</span>
                                            </A>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                        .into_any()
                }}
                {(shown < total)
                    .then(|| {
                        view! {
                            <button
                                type="button"
                                class="button"
                                on:click=move |_| limit.update(|n| *n += PAGE)
                            >
                                {(t.dashboard.more)(PAGE.min(total - shown))}
                            </button>
                        }
                    })}
            }
                .into_any()
        })}
    }
}
