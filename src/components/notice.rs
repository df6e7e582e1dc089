//! Messages shown to the user: errors, warnings and results.

use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Info(String),
    Error(String),
}

/// A live region that announces the current notice to screen readers.
#[component]
pub fn NoticeArea(notice: RwSignal<Option<Notice>>) -> impl IntoView {
    view! {
        <div aria-live="polite" class="notice-area">
            {move || {
                notice
                    .get()
                    .map(|n| match n {
                        Notice::Info(text) => view! { <p class="notice info">{text}</p> }.into_any(),
                        Notice::Error(text) => {
                            view! {
                                <p class="notice error" role="alert">
                                    {text}
                                </p>
                            }
                                .into_any()
                        }
                    })
            }}
        </div>
    }
}
