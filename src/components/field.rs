//! Labelled form controls with a hint and an error message tied to the
//! control for screen readers (`aria-describedby`, `aria-invalid`).

use leptos::prelude::*;

/// The id of the empty `<form autocomplete="off">` that owns every free-text
/// area ([`TabStateGuard`]). Chromium and WebKit write the values of a tab's
/// form controls into the tab's saved state on disk (for back/forward and
/// session restore), unless the control's form says `autocomplete="off"`: a
/// text area's own attribute (which Firefox reads) is not enough there, and
/// most of ours sit in no form. Typed notes name clients, and everything the
/// app stores is encrypted, so that plain copy must never be made. Text
/// inputs say `autocomplete="off"` themselves, which those engines honour.
pub const NO_TAB_STATE: &str = "no-tab-state";

/// The form [`NO_TAB_STATE`] names; the app shell renders it once, beside the
/// pages, so it exists whenever a text area does.
#[component]
pub fn TabStateGuard() -> impl IntoView {
    view! { <form id=NO_TAB_STATE autocomplete="off" hidden></form> }
}

fn described_by(id: &str, hint: bool) -> String {
    if hint {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-error")
    }
}

/// The `aria-invalid` value that follows the field's error.
fn aria_invalid(error: Signal<Option<&'static str>>) -> impl Fn() -> &'static str + Send + Sync + 'static {
    move || if error.get().is_some() { "true" } else { "false" }
}

/// Label above, hint below the label, error below the control.
#[component]
fn FieldFrame(
    id: String,
    label: &'static str,
    hint: Option<&'static str>,
    error: Signal<Option<&'static str>>,
    notice: Signal<Option<&'static str>>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field" class:invalid=move || error.get().is_some()>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <span class="hint" id=format!("{id}-hint")>{h}</span> })}
            {children()}
            <span class="error-text" id=format!("{id}-error")>
                {move || error.get()}
            </span>
            <span class="field-notice" role="status">
                {move || notice.get()}
            </span>
        </div>
    }
}

/// A one-line text input (or `date`, `search`, `tel`… via `input_type`).
#[component]
pub fn TextField(
    #[prop(into)] id: String,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into, optional)] error: Signal<Option<&'static str>>,
    /// A note beside the field that is not an error (「他の端末で更新されました」).
    #[prop(into, optional)]
    notice: Signal<Option<&'static str>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] input_mode: Option<&'static str>,
    #[prop(optional)] placeholder: Option<&'static str>,
) -> impl IntoView {
    let describedby = described_by(&id, hint.is_some());
    view! {
        <FieldFrame id=id.clone() label hint error notice>
            <input
                id=id.clone()
                type=input_type
                autocomplete=autocomplete.unwrap_or("off")
                inputmode=input_mode
                placeholder=placeholder
                aria-describedby=describedby
                aria-invalid=aria_invalid(error)
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            />
        </FieldFrame>
    }
}

/// A multi-line text area for free text (意向, notes).
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_input: Callback<String>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into, optional)] error: Signal<Option<&'static str>>,
    /// A note beside the field that is not an error (「他の端末で更新されました」).
    #[prop(into, optional)]
    notice: Signal<Option<&'static str>>,
) -> impl IntoView {
    let describedby = described_by(&id, hint.is_some());
    view! {
        <FieldFrame id=id.clone() label hint error notice>
            <textarea
                id=id.clone()
                rows="4"
                form=NO_TAB_STATE
                autocomplete="off"
                aria-describedby=describedby
                aria-invalid=aria_invalid(error)
                prop:value=move || value.get()
                on:input=move |ev| on_input.run(event_target_value(&ev))
            ></textarea>
        </FieldFrame>
    }
}

/// One choice of a [`SelectField`]; consecutive options with the same
/// `group` are shown under one heading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SelectOption {
    /// A stable code, never a label: labels change with the UI's language.
    pub value: Oco<'static, str>,
    pub label: Oco<'static, str>,
    pub group: Option<&'static str>,
}

impl SelectOption {
    pub fn new(value: impl Into<Oco<'static, str>>, label: impl Into<Oco<'static, str>>) -> Self {
        SelectOption { value: value.into(), label: label.into(), group: None }
    }
}

/// The service types, adult and child services under their headings, after
/// a first empty choice labelled `choose`.
pub fn service_options(t: &'static crate::i18n::Texts, choose: &'static str) -> Vec<SelectOption> {
    use renkei_domain::{ServiceCategory, ServiceType};
    let mut options = vec![SelectOption::new("", choose)];
    options.extend(ServiceType::ALL.iter().map(|s| SelectOption {
        value: s.code().into(),
        label: (t.common.service_name)(*s).into(),
        group: Some(match s.category() {
            ServiceCategory::Adult => t.common.services_adult,
            ServiceCategory::Child => t.common.services_child,
        }),
    }));
    options
}

/// A select. Each option carries its own `selected` state: setting the
/// select's value before its options exist would be lost.
#[component]
pub fn SelectField(
    #[prop(into)] id: String,
    label: &'static str,
    #[prop(into)] value: Signal<String>,
    #[prop(into)] on_change: Callback<String>,
    options: Vec<SelectOption>,
    #[prop(optional)] hint: Option<&'static str>,
    #[prop(into, optional)] error: Signal<Option<&'static str>>,
    /// A note beside the field that is not an error (「他の端末で更新されました」).
    #[prop(into, optional)]
    notice: Signal<Option<&'static str>>,
) -> impl IntoView {
    let describedby = described_by(&id, hint.is_some());
    let option_view = move |o: SelectOption| {
        let code = o.value.clone();
        view! {
            <option value=o.value prop:selected=move || value.with(|v| v.as_str() == code.as_str())>
                {o.label}
            </option>
        }
    };
    let mut groups: Vec<(Option<&'static str>, Vec<SelectOption>)> = Vec::new();
    for o in options {
        match groups.last_mut() {
            Some((g, list)) if *g == o.group => list.push(o),
            _ => groups.push((o.group, vec![o])),
        }
    }
    let body = groups
        .into_iter()
        .map(|(group, list)| match group {
            None => list.into_iter().map(option_view).collect_view().into_any(),
            Some(g) => view! {
                <optgroup label=g>{list.into_iter().map(option_view).collect_view()}</optgroup>
            }
            .into_any(),
        })
        .collect_view();
    view! {
        <FieldFrame id=id.clone() label hint error notice>
            <select
                id=id.clone()
                aria-describedby=describedby
                aria-invalid=aria_invalid(error)
                on:change=move |ev| on_change.run(event_target_value(&ev))
            >
                {body}
            </select>
        </FieldFrame>
    }
}
