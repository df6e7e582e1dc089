//! A minimal Leptos CSR page built exactly like the app (same profile, same
//! wasm-opt), so the benchmark can report the app's start as a ratio to it.
use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        view! {
            <main>
                <h1>"連携ノート"</h1>
                <p id="ready">"ready"</p>
            </main>
        }
    });
}
