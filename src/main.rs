fn main() {
    renkei::perf::mark("renkei:main");
    console_error_panic_hook_set();
    renkei::bfcache::install();
    leptos::mount::mount_to_body(renkei::app::App);
}

/// Panics go to the console with their message instead of "unreachable".
fn console_error_panic_hook_set() {
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into());
    }));
}
