//! The passcode screens the app shows instead of everything else: setting
//! the passcode on first use, and unlocking. Their code (with the key
//! derivation and the sealing) is a wasm module of its own, loaded while
//! nothing else can be shown anyway.

use crate::components::field::TextField;
use crate::components::new_secret::{NewSecret, NewSecretFields, SecretRule};
use crate::i18n::Texts;
use crate::vault::device::{self, Unlocked, VaultError};
use crate::vault::state::VaultView;
use crate::vault::KdfError;
use leptos::prelude::*;
use renkei_domain::vault::{check_passcode, normalize_passcode, PasscodeProblem};

pub fn problem_text(t: &'static Texts, p: PasscodeProblem) -> &'static str {
    match p {
        PasscodeProblem::Empty => t.vault().err_empty,
        PasscodeProblem::TooFewDigits => t.vault().err_too_few_digits,
        PasscodeProblem::TooShortPhrase | PasscodeProblem::TooShortForFile => t.vault().err_too_short_phrase,
        PasscodeProblem::TooSimple => t.vault().err_too_simple,
    }
}

pub fn vault_error_text(t: &'static Texts, e: &VaultError) -> String {
    match e {
        VaultError::Store(e) => t.common.store_error(e).to_owned(),
        VaultError::Browser(KdfError::Browser(_)) => t.vault().err_browser.to_owned(),
        VaultError::Browser(KdfError::Parameters(_)) | VaultError::Seal(_) => t.vault().err_failed.to_owned(),
    }
}

pub fn wrong_text(t: &'static Texts, left: u32, warn: bool) -> String {
    if warn {
        (t.vault().wrong_warn)(left)
    } else {
        (t.vault().wrong)(left)
    }
}

/// The screen for `view` (set-up or unlock); `vault` opens the app.
#[leptos::lazy]
pub fn vault_screen(t: &'static Texts, view: VaultView, vault: RwSignal<VaultView>) -> AnyView {
    match view {
        VaultView::SetUp => view! { <SetUp t vault /> }.into_any(),
        _ => view! { <Unlock t vault /> }.into_any(),
    }
}

/// The rule of the device's passcode, as set-up and a change check it.
pub fn passcode_rule(t: &'static Texts) -> SecretRule {
    SecretRule { check: check_passcode, problem: problem_text, mismatch: t.vault().err_mismatch }
}

#[component]
fn SetUp(t: &'static Texts, vault: RwSignal<VaultView>) -> impl IntoView {
    let passcode = NewSecret::new();
    let failed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        failed.set(None);
        let Some(checked) = passcode.checked(t, passcode_rule(t)) else { return };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match device::set_up(&checked).await {
                Ok(()) => {
                    vault.set(VaultView::Open);
                    // A device that held data before may have changes to send.
                    crate::sync::sync_now();
                }
                Err(e) => {
                    failed.set(Some(vault_error_text(t, &e)));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <main id="main" class="vault-screen" tabindex="-1">
            <h1>{t.vault().setup_title}</h1>
            <p>{t.vault().setup_intro}</p>
            <form
                id="passcode-setup"
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
            >
                <NewSecretFields
                    secret=passcode
                    id="setup-passcode"
                    label=t.vault().passcode
                    again_label=t.vault().passcode_again
                    hint=t.vault().setup_rules
                />
                <Failed failed />
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || busy.get()>
                        {move || if busy.get() { t.vault().setting_up } else { t.vault().setup_submit }}
                    </button>
                </div>
            </form>
        </main>
    }
}

#[component]
fn Unlock(t: &'static Texts, vault: RwSignal<VaultView>) -> impl IntoView {
    let passcode = RwSignal::new(String::new());
    let error = RwSignal::new(None::<&'static str>);
    let failed = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move || {
        error.set(None);
        failed.set(None);
        let typed = passcode.get_untracked();
        if normalize_passcode(&typed).is_empty() {
            return error.set(Some(t.vault().err_empty));
        }
        busy.set(true);
        crate::perf::mark("renkei:unlock:submit");
        leptos::task::spawn_local(async move {
            match device::unlock(&typed).await {
                Ok(Unlocked::Opened) => {
                    crate::perf::mark("renkei:unlock:opened");
                    vault.set(VaultView::Open);
                    crate::sync::sync_now();
                }
                Ok(Unlocked::Wrong { left, warn }) => {
                    passcode.set(String::new());
                    failed.set(Some(wrong_text(t, left, warn)));
                    busy.set(false);
                }
                // The device erases itself and reloads.
                Ok(Unlocked::Destroyed) => {}
                Err(e) => {
                    failed.set(Some(vault_error_text(t, &e)));
                    busy.set(false);
                }
            }
        });
    };
    view! {
        <main id="main" class="vault-screen" tabindex="-1">
            <h1>{t.vault().unlock_title}</h1>
            <p>{t.vault().unlock_intro}</p>
            <form
                id="passcode-unlock"
                on:submit=move |ev| {
                    ev.prevent_default();
                    submit();
                }
            >
                <TextField
                    id="unlock-passcode"
                    label=t.vault().passcode
                    input_type="password"
                    autocomplete="current-password"
                    value=passcode
                    on_input=move |v| passcode.set(v)
                    error=error
                />
                <Failed failed />
                <div class="actions">
                    <button type="submit" class="button primary" disabled=move || busy.get()>
                        {move || if busy.get() { t.vault().unlocking } else { t.vault().unlock_submit }}
                    </button>
                </div>
            </form>
        </main>
    }
}

#[component]
fn Failed(failed: RwSignal<Option<String>>) -> impl IntoView {
    view! {
        <p class="notice error" role="alert" id="passcode-failed" hidden=move || failed.with(Option::is_none)>
            {move || failed.get()}
        </p>
    }
}
