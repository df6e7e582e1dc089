//! A new passcode or password, typed twice: the device's passcode at set-up
//! and when changed, and a backup file's password. One checks it with the
//! rule for its use; the problem, or a second entry that differs, shows
//! beside its field.

use crate::components::field::TextField;
use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::vault::{normalize_passcode, PasscodeProblem};

#[derive(Clone, Copy)]
pub struct NewSecret {
    pub value: RwSignal<String>,
    pub again: RwSignal<String>,
    pub error: RwSignal<Option<&'static str>>,
    pub again_error: RwSignal<Option<&'static str>>,
}

/// What one use of [`NewSecret`] says and accepts.
#[derive(Clone, Copy)]
pub struct SecretRule {
    pub check: fn(&str) -> Result<String, PasscodeProblem>,
    pub problem: fn(&'static Texts, PasscodeProblem) -> &'static str,
    pub mismatch: &'static str,
}

impl NewSecret {
    pub fn new() -> Self {
        NewSecret {
            value: RwSignal::new(String::new()),
            again: RwSignal::new(String::new()),
            error: RwSignal::new(None),
            again_error: RwSignal::new(None),
        }
    }

    /// The secret, normalized, once it passes `rule` and both entries agree;
    /// otherwise `None`, with the problem shown.
    pub fn checked(self, t: &'static Texts, rule: SecretRule) -> Option<String> {
        self.error.set(None);
        self.again_error.set(None);
        match (rule.check)(&self.value.get_untracked()) {
            Err(problem) => {
                self.error.set(Some((rule.problem)(t, problem)));
                None
            }
            Ok(secret) if normalize_passcode(&self.again.get_untracked()) != secret => {
                self.again_error.set(Some(rule.mismatch));
                None
            }
            Ok(secret) => Some(secret),
        }
    }

    pub fn clear(self) {
        self.value.set(String::new());
        self.again.set(String::new());
    }
}

impl Default for NewSecret {
    fn default() -> Self {
        Self::new()
    }
}

/// The two fields: `id` and `{id}-again`.
#[component]
pub fn NewSecretFields(
    secret: NewSecret,
    id: &'static str,
    label: &'static str,
    again_label: &'static str,
    hint: &'static str,
) -> impl IntoView {
    view! {
        <TextField
            id=id
            label
            hint
            input_type="password"
            autocomplete="new-password"
            value=secret.value
            on_input=move |v| secret.value.set(v)
            error=secret.error
        />
        <TextField
            id=format!("{id}-again")
            label=again_label
            input_type="password"
            autocomplete="new-password"
            value=secret.again
            on_input=move |v| secret.again.set(v)
            error=secret.again_error
        />
    }
}
