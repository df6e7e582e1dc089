fn main() {
    renkei::perf::mark("renkei:main");
    console_error_panic_hook_set();
    renkei::bfcache::install();
    let lang = renkei::i18n::Lang::saved();
    if lang == renkei::i18n::Lang::Ja {
        leptos::mount::mount_to_body(renkei::app::App);
    } else {
        // Its texts first, so the first paint is in the chosen language.
        wasm_bindgen_futures::spawn_local(async move {
            lang.load().await;
            leptos::mount::mount_to_body(renkei::app::App);
        });
    }
}

/// Panics go to the console with their message instead of "unreachable".
fn console_error_panic_hook_set() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
