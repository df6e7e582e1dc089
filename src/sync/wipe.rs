//! Remote wipe: when the office server answers a request made with this
//! device's token `device_lost` (a 管理者 marked the device lost) or
//! `account_disabled` (the account was disabled), the device erases
//! everything it holds, unsent changes included: the records, outbox,
//! drafts, session and the keys offices gave it in IndexedDB
//! (`Store::erase_all`) and the typed-text stash. It then reloads on the start page, so nothing
//! read before stays in memory, and says why there.
//!
//! Only answers to requests that carried a token count: a sign-in refused
//! `account_disabled` (someone typed a disabled account's password) erases
//! nothing, since the device may hold another person's work.

use crate::i18n::Texts;
use leptos::prelude::*;
use renkei_domain::sync::codes;
use std::cell::Cell;

/// localStorage key of why the device was erased, read after the reload.
/// Not a `renkei.stash.` key: the stash's clearing leaves it.
const REASON_KEY: &str = "renkei.wiped";

/// Why the server told the device to erase itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WipeReason {
    DeviceLost,
    AccountDisabled,
    /// Not the server's: the passcode was wrong too many times on this
    /// device (`crate::vault::device`).
    TooManyPasscodes,
}

impl WipeReason {
    /// The reason an error code of a request with a token gives, if any.
    pub fn of_code(code: &str) -> Option<Self> {
        match code {
            codes::DEVICE_LOST => Some(Self::DeviceLost),
            codes::ACCOUNT_DISABLED => Some(Self::AccountDisabled),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Self::DeviceLost => codes::DEVICE_LOST,
            Self::AccountDisabled => codes::ACCOUNT_DISABLED,
            Self::TooManyPasscodes => "too_many_passcodes",
        }
    }
}

thread_local! {
    /// A wipe is under way: answers arriving meanwhile start no other.
    static WIPING: Cell<bool> = const { Cell::new(false) };
}

/// Starts erasing the device (once), from whichever request got the answer.
pub fn start(reason: WipeReason) {
    if WIPING.with(|w| w.replace(true)) {
        return;
    }
    leptos::task::spawn_local(async move {
        if let Err(message) = wipe(reason).await {
            // Tried again on the next answer that says so.
            web_sys::console::error_1(&format!("the device could not be erased: {message}").into());
            WIPING.with(|w| w.set(false));
            super::resume();
        }
    });
}

async fn wipe(reason: WipeReason) -> Result<(), String> {
    // No page may land once the device is cleared.
    super::hold().await;
    // Said after the reload; written first, so a wipe cut short (the tab
    // closed) is still explained when it completes next time.
    if let Some(storage) = window().local_storage().ok().flatten() {
        let _ = storage.set_item(REASON_KEY, reason.as_str());
    }
    let store = crate::store::store().await.map_err(|e| e.to_string())?;
    store.erase_all().await.map_err(|e| e.to_string())?;
    crate::stash::clear_all();
    // A full reload: nothing read before the wipe stays in the page's memory.
    let _ = window().location().set_href("/");
    Ok(())
}

/// The reason of a wipe done before this start, if it was not dismissed.
fn reason_after_reload() -> Option<WipeReason> {
    let storage = window().local_storage().ok().flatten()?;
    let stored = storage.get_item(REASON_KEY).ok().flatten()?;
    let passcodes = WipeReason::TooManyPasscodes;
    WipeReason::of_code(&stored).or((stored == passcodes.as_str()).then_some(passcodes))
}

/// Tells why the device was erased, at the top of the page, until closed.
/// Called once at start, where the app's texts are known.
pub fn announce(t: &'static Texts) {
    if let Some(reason) = reason_after_reload() {
        leptos::task::spawn_local(show_on_first_use(t, reason));
    }
}

/// The notice, split out of the main wasm module with its texts: almost
/// every start has nothing to say.
#[leptos::lazy]
async fn show_on_first_use(t: &'static Texts, reason: WipeReason) {
    show(t, reason);
}

fn show(t: &'static Texts, reason: WipeReason) {
    let Some(body) = document().body() else { return };
    // Its own element first in the page, above the app, so it is the first
    // thing seen and read.
    let Ok(host) = document().create_element("div") else { return };
    let _ = body.prepend_with_node_1(&host);
    let host: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(host);
    let text = match reason {
        WipeReason::DeviceLost => t.staff().wiped_lost,
        WipeReason::AccountDisabled => t.staff().wiped_disabled,
        WipeReason::TooManyPasscodes => t.staff().wiped_passcodes,
    };
    let handle = leptos::mount::mount_to(host, move || {
        let shown = RwSignal::new(true);
        let close = move |_| {
            if let Some(storage) = window().local_storage().ok().flatten() {
                let _ = storage.remove_item(REASON_KEY);
            }
            shown.set(false);
        };
        view! {
            <Show when=move || shown.get()>
                <div class="notice error wipe-notice" role="alert" id="device-wiped">
                    <p>{text}</p>
                    <button type="button" class="button" on:click=close>
                        {t.staff().close}
                    </button>
                </div>
            </Show>
        }
    });
    // The notice lives as long as the page.
    handle.forget();
}

#[cfg(test)]
mod tests {
    use super::WipeReason;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn only_a_lost_device_or_a_disabled_account_erases_the_device() {
        assert_eq!(WipeReason::of_code("device_lost"), Some(WipeReason::DeviceLost));
        assert_eq!(WipeReason::of_code("account_disabled"), Some(WipeReason::AccountDisabled));
        for code in ["session_revoked", "session_expired", "unauthorized", ""] {
            assert_eq!(WipeReason::of_code(code), None, "{code}");
        }
        for reason in [WipeReason::DeviceLost, WipeReason::AccountDisabled] {
            assert_eq!(WipeReason::of_code(reason.as_str()), Some(reason), "what is stored reads back");
        }
    }
}
