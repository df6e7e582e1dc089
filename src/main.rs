fn main() {
    renkei::perf::mark("renkei:main");
    console_error_panic_hook_set();
    renkei::bfcache::install();
    // Every page reads the database: ask the browser to open it first, then
    // mount the shell while it does (tasks run in the order spawned).
    wasm_bindgen_futures::spawn_local(async {
        let _ = renkei::store::store().await;
    });
    wasm_bindgen_futures::spawn_local(async {
        leptos::mount::mount_to_body(renkei::app::App);
    });
}

/// Panics go to the console with their message instead of "unreachable".
fn console_error_panic_hook_set() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
