//! パスコードとロック: how long without input before the app locks, and
//! changing the passcode (the data key is wrapped anew; the data stays).

use crate::components::field::{SelectField, SelectOption, TextField};
use crate::components::new_secret::{NewSecret, NewSecretFields};
use crate::components::notice::{Notice, NoticeArea};
use crate::i18n::Texts;
use crate::pages::vault::{passcode_rule, vault_error_text, wrong_text};
use crate::vault::device::{self, Unlocked};
use crate::vault::state::{lock_minutes, set_lock_minutes, LOCK_MINUTE_CHOICES};
use leptos::prelude::*;
use renkei_domain::vault::normalize_passcode;

#[component]
pub fn PasscodeSection(t: &'static Texts) -> impl IntoView {
    let minutes = RwSignal::new(lock_minutes());
    let options =
        LOCK_MINUTE_CHOICES.iter().map(|m| SelectOption::new(m.to_string(), (t.vault().minutes)(*m))).collect();
    view! {
        <section class="card" aria-labelledby="sec-passcode">
            <h2 id="sec-passcode">{t.vault().settings_title}</h2>
            <SelectField
                id="lock-minutes"
                label=t.vault().lock_after
                hint=t.vault().lock_after_help
                value=Signal::derive(move || minutes.get().to_string())
                on_change=Callback::new(move |v: String| {
                    if let Some(m) = v.parse().ok().filter(|m| LOCK_MINUTE_CHOICES.contains(m)) {
                        set_lock_minutes(m);
                        minutes.set(m);
                    }
                })
                options
            />
            <ChangePasscode t />
        </section>
    }
}

#[component]
fn ChangePasscode(t: &'static Texts) -> impl IntoView {
    let current = RwSignal::new(String::new());
    let current_error = RwSignal::new(None::<&'static str>);
    let new = NewSecret::new();
    let notice = RwSignal::new(None::<Notice>);
    let busy = RwSignal::new(false);
    let submit = move || {
        current_error.set(None);
        notice.set(None);
        let typed_current = current.get_untracked();
        if normalize_passcode(&typed_current).is_empty() {
            return current_error.set(Some(t.vault().err_empty));
        }
        let Some(checked) = new.checked(t, passcode_rule(t)) else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let result = device::change(&typed_current, &checked).await;
            notice.set(match result {
                Ok(Unlocked::Opened) => {
                    current.set(String::new());
                    new.clear();
                    Some(Notice::Info(t.vault().changed.to_owned()))
                }
                Ok(Unlocked::Wrong { left, warn }) => {
                    current.set(String::new());
                    Some(Notice::Error(wrong_text(t, left, warn)))
                }
                // The device erases itself and reloads.
                Ok(Unlocked::Destroyed) => None,
                Err(e) => Some(Notice::Error(vault_error_text(t, &e))),
            });
            busy.set(false);
        });
    };
    view! {
        <form
            id="passcode-change"
            on:submit=move |ev| {
                ev.prevent_default();
                submit();
            }
        >
            <h3>{t.vault().change_title}</h3>
            <TextField
                id="current-passcode"
                label=t.vault().current_passcode
                input_type="password"
                autocomplete="current-password"
                value=current
                on_input=move |v| current.set(v)
                error=current_error
            />
            <NewSecretFields
                secret=new
                id="new-passcode"
                label=t.vault().new_passcode
                again_label=t.vault().new_passcode_again
                hint=t.vault().setup_rules
            />
            <div class="actions">
                <button type="submit" class="button" disabled=move || busy.get()>
                    {t.vault().change_submit}
                </button>
            </div>
            <NoticeArea notice />
        </form>
    }
}
