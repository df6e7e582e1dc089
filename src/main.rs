fn main() {
    renkei::perf::mark("renkei:main");
    console_error_panic_hook_set();
    renkei::bfcache::install();
    // Every page reads the database: open it as soon as index.html's read of
    // the client list is done, and mount the shell meanwhile (tasks run in
    // the order spawned).
    wasm_bindgen_futures::spawn_local(async {
        renkei::store::after_prefetch().await;
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
