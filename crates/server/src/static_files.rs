//! Serving the build output (`dist/`, from tools/build.mjs).
//!
//! Terms used here:
//! - *app shell*: `index.html`, served for `/`, `/index.html` and, as the SPA
//!   fallback, for any missing path without a file extension (client-side
//!   routes such as `/clients/1234`).
//! - *hashed asset*: a file whose stem ends in `-` and 16 hex digits,
//!   optionally followed by `_bg` (`renkei-1a2b3c4d5e6f7a8b_bg.wasm`); the
//!   build gives it a new name whenever its content changes, so it never goes stale.
//! - *precompressed copy*: `<file>.br` (brotli) or `<file>.gz` (gzip) beside a
//!   file of a [`COMPRESSIBLE`] type, written at build time by
//!   `tools/compress.mjs`, holding the file's bytes in that encoding.
//!
//! Files are read by tower-http's `ServeDir`, which rejects `..` and other
//! non-normal path components after percent-decoding and never lists a
//! directory. It also picks the precompressed copy from `Accept-Encoding`:
//! the coding with the highest q-value, brotli before gzip when they tie,
//! never one with `q=0`, and the file itself when no accepted copy exists.
//! The answer then carries `Content-Encoding` and the copy's length, with the
//! file's own `Content-Type` and cache class. Whatever has no copy is still
//! gzipped on the fly by the app's `CompressionLayer` when accepted. The app
//! shell never comes from a copy: its CSP is made from the bytes of
//! `index.html` on every request, and a copy out of step with them would
//! stop the app from starting.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{ACCEPT_ENCODING, ALLOW, CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, RANGE, VARY};
use axum::http::{HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower::ServiceExt as _;
use tower_http::services::ServeDir;

use crate::csp;

/// How long a browser may keep a response without asking again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CacheClass {
    /// App shell, service worker and manifest: always revalidate, so a new
    /// build reaches users on their next visit.
    Revalidate,
    /// Hashed assets: their name changes with their content.
    Immutable,
    /// Everything else (icons): may change between builds under one name.
    Hour,
}

impl CacheClass {
    /// The class of the file named by the last segment of `path`.
    pub(crate) fn of(path: &str) -> Self {
        let name = path.rsplit('/').next().unwrap_or_default();
        match name {
            "" | "index.html" | "sw.js" | "manifest.webmanifest" => Self::Revalidate,
            _ if is_hashed_asset(name) => Self::Immutable,
            _ => Self::Hour,
        }
    }

    fn header_value(self) -> HeaderValue {
        HeaderValue::from_static(match self {
            Self::Revalidate => "no-cache",
            Self::Immutable => "public, max-age=31536000, immutable",
            Self::Hour => "public, max-age=3600",
        })
    }
}

/// Extensions of the files that have precompressed copies: text and wasm.
/// Keep in step with `EXTENSIONS` in `tools/compress.mjs`.
const COMPRESSIBLE: [&str; 7] = ["wasm", "js", "css", "html", "json", "webmanifest", "svg"];

/// Whether the file named by the last segment of `path` may have
/// precompressed copies, so its answer depends on `Accept-Encoding`.
fn is_compressible(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    Path::new(name)
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| COMPRESSIBLE.iter().any(|c| c.eq_ignore_ascii_case(ext)))
}

/// Whether `name` is a hashed asset (see the module documentation).
fn is_hashed_asset(name: &str) -> bool {
    let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(prefix, hash)| {
        !prefix.is_empty() && hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit())
    })
}

/// Whether the last segment of `path` has a file extension, which tells a
/// missing file (`/missing.js`, 404) from a client-side route (`/settings`).
fn has_extension(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    Path::new(name).extension().is_some()
}

#[derive(Clone)]
struct StaticFiles {
    index_html: Arc<PathBuf>,
    dir: ServeDir,
}

/// A router that serves `dist` for every path it is asked about; meant as the
/// app's fallback after the API routes.
pub(crate) fn router(dist: &Path) -> Router {
    let files = StaticFiles {
        index_html: Arc::new(dist.join("index.html")),
        dir: ServeDir::new(dist).append_index_html_on_directories(false).precompressed_br().precompressed_gzip(),
    };
    Router::new().fallback(serve).with_state(files)
}

async fn serve(State(files): State<StaticFiles>, mut request: Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return (StatusCode::METHOD_NOT_ALLOWED, [(ALLOW, "GET, HEAD"), (CACHE_CONTROL, "no-cache")]).into_response();
    }
    let path = request.uri().path().to_owned();
    if path == "/" || path == "/index.html" {
        return app_shell(&files.index_html).await;
    }

    let headers = request.headers_mut();
    if headers.contains_key(RANGE) {
        // A range is always of the file itself, never of a compressed copy,
        // so parts fetched with different Accept-Encoding headers fit
        // together (as before there were copies).
        headers.remove(ACCEPT_ENCODING);
    } else if let Some(accepted) = headers.get(ACCEPT_ENCODING) {
        match without_identity(accepted) {
            Some(value) => headers.insert(ACCEPT_ENCODING, value),
            None => headers.remove(ACCEPT_ENCODING),
        };
    }

    let response = match files.dir.oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        return if has_extension(&path) { not_found() } else { app_shell(&files.index_html).await };
    }
    let mut response = response.map(Body::new);
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, CacheClass::of(&path).header_value());
    if is_compressible(&path) {
        // Whichever encoding was sent: a cache between here and the browser
        // must not hand one client's encoding to another.
        headers.append(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

/// `Accept-Encoding` for `ServeDir` without `identity`, choosing the same.
///
/// tower-http 0.6.11's `ServeDir`, when `identity` is among the accepted
/// codings and the file is missing, looks for it again without its
/// extension: `/notes.js` would be answered with a file `notes`, `/icons.png`
/// with the directory `icons` (tower-http issue 664). The file itself is
/// what it sends when no coding is chosen anyway, so `identity` is left out,
/// with every coding it would have beaten (a lower q-value: a tie goes to
/// the coding). `None` when no coding is left.
fn without_identity(accepted: &HeaderValue) -> Option<HeaderValue> {
    let Ok(accepted) = accepted.to_str() else { return None };
    let items: Vec<(&str, &str, Option<u16>)> = accepted
        .split(',')
        .filter_map(|item| {
            let mut parts = item.splitn(2, ';');
            let coding = parts.next().unwrap_or_default().trim();
            let q = parts.next().map_or(Some(1000), q_value);
            (!coding.is_empty()).then_some((item.trim(), coding, q))
        })
        .collect();
    let identity = items
        .iter()
        .filter(|(_, coding, _)| coding.eq_ignore_ascii_case("identity"))
        .filter_map(|(_, _, q)| *q)
        .max()
        .unwrap_or(0);
    let kept: Vec<&str> = items
        .iter()
        .filter(|(_, coding, q)| !coding.eq_ignore_ascii_case("identity") && q.is_some_and(|q| q > 0 && q >= identity))
        .map(|(item, _, _)| *item)
        .collect();
    if kept.is_empty() {
        return None;
    }
    HeaderValue::from_str(&kept.join(", ")).ok()
}

/// The q-value of `params` (what follows a coding's `;`) in thousandths, as
/// tower-http reads it: `None` when it is not `q=` and a valid number.
fn q_value(params: &str) -> Option<u16> {
    let value = params.trim().strip_prefix("q=").or_else(|| params.trim().strip_prefix("Q="))?;
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if !matches!(whole, "0" | "1") || fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths = format!("{fraction:0<3}").parse::<u16>().ok()?;
    let q = if whole == "1" { 1000 + thousandths } else { thousandths };
    (q <= 1000).then_some(q)
}

/// `index.html` with a CSP that allows exactly its inline scripts.
///
/// Read on every request so a rebuild is picked up without a restart; the
/// file is small.
async fn app_shell(index_html: &Path) -> Response {
    let html = match tokio::fs::read_to_string(index_html).await {
        Ok(html) => html,
        Err(error) => {
            tracing::error!(%error, path = %index_html.display(), "cannot read index.html");
            return (
                StatusCode::INTERNAL_SERVER_ERROR,
                [(CACHE_CONTROL, "no-cache")],
                "index.html を読めません / cannot read index.html",
            )
                .into_response();
        }
    };
    let policy = HeaderValue::try_from(csp::policy_for_html(&html))
        .unwrap_or_else(|_| HeaderValue::from_static(csp::BASE_POLICY));
    (
        [
            (CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8")),
            (CACHE_CONTROL, CacheClass::Revalidate.header_value()),
            (CONTENT_SECURITY_POLICY, policy),
        ],
        html,
    )
        .into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(CACHE_CONTROL, "no-cache")], "見つかりません / not found").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_class_follows_the_file_name() {
        let cases = [
            ("/", CacheClass::Revalidate),
            ("/index.html", CacheClass::Revalidate),
            ("/sw.js", CacheClass::Revalidate),
            ("/manifest.webmanifest", CacheClass::Revalidate),
            ("/renkei-1a2b3c4d5e6f7a8b.js", CacheClass::Immutable),
            ("/renkei-1a2b3c4d5e6f7a8b_bg.wasm", CacheClass::Immutable),
            ("/main-0123456789abcdef.css", CacheClass::Immutable),
            ("/main-0123456789ABCDEF.css", CacheClass::Immutable),
            ("/icons/icon-192.png", CacheClass::Hour),
            ("/main-0123456789abcde.css", CacheClass::Hour),
            ("/main-0123456789abcdeg.css", CacheClass::Hour),
            ("/main_0123456789abcdef.css", CacheClass::Hour),
            ("/-0123456789abcdef.css", CacheClass::Hour),
            ("/renkei-1a2b3c4d5e6f7a8b.js.map", CacheClass::Hour),
            ("/renkei-1a2b3c4d5e6f7a8b_bg_bg.wasm", CacheClass::Hour),
            ("/0123456789abcdef-0123456789abcdef/icon.png", CacheClass::Hour),
        ];
        for (path, class) in cases {
            assert_eq!(CacheClass::of(path), class, "{path}");
        }
    }

    #[test]
    fn text_and_wasm_files_are_compressible() {
        for path in [
            "/renkei-1a2b3c4d5e6f7a8b_bg.wasm",
            "/renkei-1a2b3c4d5e6f7a8b.js",
            "/sw.js",
            "/main-0123456789abcdef.css",
            "/index.html",
            "/manifest.webmanifest",
            "/data/list.json",
            "/icons/logo.svg",
            "/icons/LOGO.SVG",
        ] {
            assert!(is_compressible(path), "{path}");
        }
        for path in
            ["/icons/icon-192.png", "/renkei-1a2b3c4d5e6f7a8b.js.map", "/sw.js.br", "/index.html.gz", "/js", "/"]
        {
            assert!(!is_compressible(path), "{path}");
        }
    }

    #[test]
    fn identity_is_left_out_of_accept_encoding_with_the_codings_it_beats() {
        let cases = [
            ("gzip, deflate, br, zstd", Some("gzip, deflate, br, zstd")),
            ("identity", None),
            ("identity, br", Some("br")),
            ("br;q=0.5, identity, gzip", Some("gzip")),
            ("IDENTITY;q=0.5, br;q=0.5, gzip;q=0.4", Some("br;q=0.5")),
            ("identity;q=0, br;q=0.1", Some("br;q=0.1")),
            ("br;q=0, gzip", Some("gzip")),
            ("br;q=2, gzip;q=x, deflate;q=0.1234", None),
            ("gzip;q=1.000, br;q=0.25", Some("gzip;q=1.000, br;q=0.25")),
            (", ,", None),
            ("", None),
        ];
        for (accepted, expected) in cases {
            let kept = without_identity(&HeaderValue::from_static(accepted));
            assert_eq!(kept.as_ref().map(|v| v.to_str().unwrap()), expected, "{accepted}");
        }
    }

    #[test]
    fn q_values_are_read_as_tower_http_reads_them() {
        let cases = [
            ("q=1", Some(1000)),
            ("q=0", Some(0)),
            (" Q=0.5", Some(500)),
            ("q=0.125", Some(125)),
            ("q=1.0", Some(1000)),
            ("q=1.001", None),
            ("q=0.1234", None),
            ("q=2", None),
            ("q=.5", None),
            ("q=0.5x", None),
            ("level=1", None),
        ];
        for (params, q) in cases {
            assert_eq!(q_value(params), q, "{params}");
        }
    }

    #[test]
    fn extension_is_read_from_the_last_segment_only() {
        assert!(has_extension("/missing.js"));
        assert!(has_extension("/%2e%2e%2fCargo.toml"));
        assert!(!has_extension("/clients/1234"));
        assert!(!has_extension("/v1.2/settings"));
        assert!(!has_extension("/icons/"));
        assert!(!has_extension("/.well-known"));
    }
}
