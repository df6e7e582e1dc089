//! User-timing marks (`performance.mark`) at the steps of a path worth
//! measuring, so the benchmark can say where the time goes (`bench/run.mjs`
//! prints them) without timing code in the app. A mark costs about a
//! microsecond and nothing reads it unless a benchmark or DevTools asks.

/// Marks `name` (`renkei:<path>:<step>`) now.
pub fn mark(name: &str) {
    if let Some(performance) = web_sys::window().and_then(|w| w.performance()) {
        // A mark that cannot be made only leaves a gap in a benchmark.
        let _ = performance.mark(name);
    }
}
