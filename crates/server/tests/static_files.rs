//! The static-file rules of the office server, driven through `app()` without
//! a socket.

use std::io::{Read as _, Write as _};

use axum::body::{to_bytes, Body};
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_RANGE, CONTENT_SECURITY_POLICY,
    CONTENT_TYPE, IF_MODIFIED_SINCE, LAST_MODIFIED, RANGE, REFERRER_POLICY, VARY, X_CONTENT_TYPE_OPTIONS,
};
use axum::http::{Method, Request, StatusCode};
use axum::response::Response;
use axum::Router;
use base64::Engine as _;
use renkei_server::{app, Config};
use sha2::{Digest, Sha256};
use tempfile::TempDir;
use tower::ServiceExt as _;

const JS: &str = "renkei-1a2b3c4d5e6f7a8b.js";
const WASM: &str = "renkei-1a2b3c4d5e6f7a8b_bg.wasm";
const CSS: &str = "main-0123456789abcdef.css";
const SECRET: &str = "TOP SECRET outside dist";
/// The files the test build has .br and .gz copies of, as `tools/compress.mjs`
/// writes them (the icon, being an image, has none).
const PRECOMPRESSED: [&str; 5] = [JS, WASM, CSS, "sw.js", "manifest.webmanifest"];
/// What Chromium, Firefox and Safari send.
const BROWSER: &str = "gzip, deflate, br, zstd";

/// The inline bootstrap script as the build (tools/split-build.mjs) writes it.
const BOOTSTRAP: &str = r#"
import init, * as bindings from '/renkei-1a2b3c4d5e6f7a8b.js';
const wasm = await init({ module_or_path: '/renkei-1a2b3c4d5e6f7a8b_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

"#;

const IMMUTABLE: &str = "public, max-age=31536000, immutable";

fn index_html() -> String {
    format!(
        r#"<!DOCTYPE html><html lang="ja"><head><meta charset="utf-8"><title>連携ノート</title>
<link rel="modulepreload" href="/{JS}" crossorigin="anonymous">
<link rel="stylesheet" href="/{CSS}">
</head><body><script type="module">{BOOTSTRAP}</script></body></html>"#
    )
}

/// A temp dir holding `dist/` (a small build), the database and,
/// beside them, a secret file that must never be served.
struct Site {
    dir: TempDir,
    app: Router,
}

async fn site() -> Site {
    let dir = tempfile::tempdir().unwrap();
    let dist = dir.path().join("dist");
    let write = |name: &str, contents: &[u8]| {
        let path = dist.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    };
    write("index.html", index_html().as_bytes());
    write("sw.js", b"self.addEventListener('fetch', () => {});\n");
    write("manifest.webmanifest", r#"{"name":"連携ノート","start_url":"/","display":"standalone"}"#.as_bytes());
    write("icons/icon-192.png", b"\x89PNG\r\n\x1a\nnot really a png");
    write(JS, "export default function init() {}\n".repeat(50).as_bytes());
    let mut wasm = b"\0asm\x01\0\0\0".to_vec();
    wasm.extend(std::iter::repeat_n(0u8, 4096));
    write(WASM, &wasm);
    write(CSS, "body { margin: 0; }\n".repeat(50).as_bytes());
    for name in PRECOMPRESSED {
        let original = std::fs::read(dist.join(name)).unwrap();
        write(&format!("{name}.br"), &brotli_encode(&original));
        write(&format!("{name}.gz"), &gzip_encode(&original));
    }
    std::fs::write(dir.path().join("secret.txt"), SECRET).unwrap();
    std::fs::write(dir.path().join("secret"), SECRET).unwrap();

    let db = renkei_server::connect(&format!("sqlite:{}", dir.path().join("renkei.db").display())).await.unwrap();
    let app = app(&Config::new(&dist), db);
    Site { dir, app }
}

impl Site {
    async fn request(&self, request: Request<Body>) -> Response {
        self.app.clone().oneshot(request).await.unwrap()
    }

    async fn get(&self, uri: &str) -> Response {
        self.request(Request::get(uri).body(Body::empty()).unwrap()).await
    }

    /// GET `uri` with this `Accept-Encoding`.
    async fn get_encoded(&self, uri: &str, accept_encoding: &str) -> Response {
        self.request(Request::get(uri).header(ACCEPT_ENCODING, accept_encoding).body(Body::empty()).unwrap()).await
    }

    fn dist(&self) -> std::path::PathBuf {
        self.dir.path().join("dist")
    }
}

fn brotli_encode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality: 11, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).unwrap();
    out
}

fn brotli_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out).unwrap();
    out
}

fn gzip_encode(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn gzip_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes).read_to_end(&mut out).unwrap();
    out
}

fn header(response: &Response, name: impl axum::http::header::AsHeaderName) -> &str {
    response.headers().get(name).map(|value| value.to_str().unwrap()).unwrap_or("")
}

async fn body(response: Response) -> Vec<u8> {
    to_bytes(response.into_body(), usize::MAX).await.unwrap().to_vec()
}

async fn text(response: Response) -> String {
    String::from_utf8(body(response).await).unwrap()
}

fn dist_file(site: &Site, name: &str) -> Vec<u8> {
    std::fs::read(site.dir.path().join("dist").join(name)).unwrap()
}

#[tokio::test]
async fn wasm_is_served_as_application_wasm() {
    let site = site().await;
    let response = site.get(&format!("/{WASM}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_TYPE), "application/wasm");
    assert_eq!(body(response).await, dist_file(&site, WASM));
}

#[tokio::test]
async fn web_manifest_is_served_as_manifest_json() {
    let site = site().await;
    let response = site.get("/manifest.webmanifest").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_TYPE), "application/manifest+json");
}

#[tokio::test]
async fn html_javascript_css_and_icons_have_their_content_types() {
    let site = site().await;
    let cases = [
        ("/", "text/html; charset=utf-8"),
        ("/index.html", "text/html; charset=utf-8"),
        ("/sw.js", "text/javascript"),
        (&format!("/{JS}"), "text/javascript"),
        (&format!("/{CSS}"), "text/css"),
        ("/icons/icon-192.png", "image/png"),
    ];
    for (uri, content_type) in cases {
        let response = site.get(uri).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert_eq!(header(&response, CONTENT_TYPE), content_type, "{uri}");
    }
}

#[tokio::test]
async fn hashed_assets_are_cached_for_a_year() {
    let site = site().await;
    for name in [JS, WASM, CSS] {
        let response = site.get(&format!("/{name}")).await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        assert_eq!(header(&response, CACHE_CONTROL), IMMUTABLE, "{name}");
    }
}

#[tokio::test]
async fn app_shell_service_worker_and_manifest_are_always_revalidated() {
    let site = site().await;
    for uri in ["/", "/index.html", "/sw.js", "/manifest.webmanifest"] {
        let response = site.get(uri).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert_eq!(header(&response, CACHE_CONTROL), "no-cache", "{uri}");
    }
}

#[tokio::test]
async fn other_files_such_as_icons_are_cached_for_an_hour() {
    let site = site().await;
    let response = site.get("/icons/icon-192.png").await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CACHE_CONTROL), "public, max-age=3600");
}

#[tokio::test]
async fn client_side_routes_get_the_app_shell_uncached() {
    let site = site().await;
    for uri in ["/clients/1234", "/settings", "/clients/1234?tab=plan", "/icons"] {
        let response = site.get(uri).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert_eq!(header(&response, CACHE_CONTROL), "no-cache", "{uri}");
        assert_eq!(header(&response, CONTENT_TYPE), "text/html; charset=utf-8", "{uri}");
        assert_eq!(text(response).await, index_html(), "{uri}");
    }
}

#[tokio::test]
async fn missing_files_with_an_extension_are_not_found() {
    let site = site().await;
    // Beside the missing ones, a file and a directory named as them without
    // the extension: never sent in their place (`wget` sends `identity`).
    std::fs::write(site.dist().join("missing"), SECRET).unwrap();
    for uri in ["/missing.js", "/icons/missing.png", "/renkei-0000000000000000_bg.wasm", "/icons.png"] {
        for accept in [BROWSER, "identity", "br, identity", "identity;q=0.5, gzip"] {
            let response = site.get_encoded(uri, accept).await;
            assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri} {accept}");
            assert_eq!(header(&response, CACHE_CONTROL), "no-cache", "{uri} {accept}");
            let bytes = body(response).await;
            assert!(!String::from_utf8_lossy(&bytes).contains(SECRET), "{uri} {accept}");
        }
    }
}

#[tokio::test]
async fn api_paths_answer_with_a_json_not_found() {
    let site = site().await;
    let requests = [
        (Method::GET, "/api"),
        (Method::GET, "/api/"),
        (Method::GET, "/api/v1/sync"),
        (Method::GET, "/api/clients.json"),
        (Method::POST, "/api/v1/sync"),
    ];
    for (method, uri) in requests {
        let request = Request::builder().method(method.clone()).uri(uri).body(Body::empty()).unwrap();
        let response = site.request(request).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{method} {uri}");
        assert_eq!(header(&response, CONTENT_TYPE), "application/json");
        let json: serde_json::Value = serde_json::from_slice(&body(response).await).unwrap();
        assert_eq!(json["error"], "not_found", "{method} {uri}");
        assert!(json["message"].as_str().is_some_and(|m| !m.is_empty()));
    }
}

#[tokio::test]
async fn directories_are_never_listed() {
    let site = site().await;
    for uri in ["/icons/", "/icons"] {
        let response = site.get(uri).await;
        let html = text(response).await;
        assert!(!html.contains("icon-192.png"), "{uri}: {html}");
    }
}

#[tokio::test]
async fn paths_never_reach_outside_dist() {
    let site = site().await;
    let attempts = [
        "/../secret.txt",
        "/../secret",
        "/icons/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt",
        "/..%2Fsecret",
        "/%2e%2e%5csecret.txt",
        "/..%5csecret.txt",
        "/icons/%2e%2e/%2e%2e/secret.txt",
        "/%252e%252e/secret.txt",
        "//secret.txt",
        "/..%00/secret.txt",
    ];
    for uri in attempts {
        let response = site.get(uri).await;
        let status = response.status();
        let bytes = body(response).await;
        assert!(!String::from_utf8_lossy(&bytes).contains(SECRET), "{uri} leaked the secret");
        if uri.ends_with(".txt") {
            assert_eq!(status, StatusCode::NOT_FOUND, "{uri}");
        }
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let site = site().await;
    for uri in ["/", "/settings", "/sw.js", &format!("/{WASM}"), "/icons/icon-192.png", "/missing.js", "/api/v1/sync"] {
        let response = site.get(uri).await;
        assert_eq!(header(&response, X_CONTENT_TYPE_OPTIONS), "nosniff", "{uri}");
        assert_eq!(header(&response, REFERRER_POLICY), "no-referrer", "{uri}");
        let csp = header(&response, CONTENT_SECURITY_POLICY);
        for directive in [
            "default-src 'self'",
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "connect-src 'self'",
            "manifest-src 'self'",
            "worker-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            "frame-ancestors 'none'",
        ] {
            assert!(csp.contains(directive), "{uri}: {csp}");
        }
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{uri}");
    }
}

#[tokio::test]
async fn app_shell_csp_allows_its_inline_bootstrap_script_by_hash() {
    let site = site().await;
    let expected =
        format!("'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(Sha256::digest(BOOTSTRAP.as_bytes())));
    for uri in ["/", "/index.html", "/clients/1234"] {
        let response = site.get(uri).await;
        let csp = header(&response, CONTENT_SECURITY_POLICY);
        assert!(csp.contains(&format!("script-src 'self' 'wasm-unsafe-eval' {expected};")), "{uri}: {csp}");
    }
    let asset = site.get("/sw.js").await;
    assert!(!header(&asset, CONTENT_SECURITY_POLICY).contains("sha256-"));
}

#[tokio::test]
async fn brotli_copies_are_sent_to_browsers_with_their_file_s_type_and_cache_class() {
    let site = site().await;
    for name in PRECOMPRESSED {
        let plain = site.get(&format!("/{name}")).await;
        let response = site.get_encoded(&format!("/{name}"), BROWSER).await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        assert_eq!(header(&response, CONTENT_ENCODING), "br", "{name}");
        assert_eq!(header(&response, VARY), "accept-encoding", "{name}");
        assert_eq!(header(&response, CONTENT_TYPE), header(&plain, CONTENT_TYPE), "{name}");
        assert_eq!(header(&response, CACHE_CONTROL), header(&plain, CACHE_CONTROL), "{name}");
        let copy = dist_file(&site, &format!("{name}.br"));
        assert_eq!(header(&response, CONTENT_LENGTH), copy.len().to_string(), "{name}");
        let bytes = body(response).await;
        assert_eq!(bytes, copy, "{name}");
        assert_eq!(brotli_decode(&bytes), dist_file(&site, name), "{name}");
    }
    let hashed = site.get_encoded(&format!("/{WASM}"), BROWSER).await;
    assert_eq!(header(&hashed, CACHE_CONTROL), IMMUTABLE);
}

#[tokio::test]
async fn gzip_copies_are_sent_when_only_gzip_is_accepted() {
    let site = site().await;
    for accept in ["gzip", "gzip, deflate", "x-gzip", "GZIP;q=0.5"] {
        for name in PRECOMPRESSED {
            let response = site.get_encoded(&format!("/{name}"), accept).await;
            assert_eq!(response.status(), StatusCode::OK, "{accept}: {name}");
            assert_eq!(header(&response, CONTENT_ENCODING), "gzip", "{accept}: {name}");
            assert_eq!(header(&response, VARY), "accept-encoding", "{accept}: {name}");
            let bytes = body(response).await;
            assert_eq!(bytes, dist_file(&site, &format!("{name}.gz")), "{accept}: {name}");
            assert_eq!(gzip_decode(&bytes), dist_file(&site, name), "{accept}: {name}");
        }
    }
}

#[tokio::test]
async fn the_file_itself_is_sent_when_neither_coding_is_accepted() {
    let site = site().await;
    for accept in [None, Some(""), Some("identity"), Some("deflate"), Some("zstd"), Some("*")] {
        for name in PRECOMPRESSED {
            let uri = format!("/{name}");
            let response = match accept {
                Some(accept) => site.get_encoded(&uri, accept).await,
                None => site.get(&uri).await,
            };
            assert_eq!(response.status(), StatusCode::OK, "{accept:?}: {name}");
            assert_eq!(header(&response, CONTENT_ENCODING), "", "{accept:?}: {name}");
            assert_eq!(header(&response, VARY), "accept-encoding", "{accept:?}: {name}");
            assert_eq!(body(response).await, dist_file(&site, name), "{accept:?}: {name}");
        }
    }
}

#[tokio::test]
async fn q_values_choose_the_coding_and_q_0_refuses_it() {
    let site = site().await;
    let cases = [
        ("br, gzip", "br"),
        ("gzip, br", "br"),
        ("br;q=0, gzip", "gzip"),
        ("gzip, br;q=0.0", "gzip"),
        ("br;q=0.5, gzip", "gzip"),
        ("br;q=0.8, gzip;q=0.5", "br"),
        ("BR;Q=1", "br"),
        ("br;q=0", ""),
        ("br;q=0, gzip;q=0", ""),
        ("gzip;q=0, identity", ""),
    ];
    for (accept, coding) in cases {
        let response = site.get_encoded(&format!("/{JS}"), accept).await;
        assert_eq!(response.status(), StatusCode::OK, "{accept}");
        assert_eq!(header(&response, CONTENT_ENCODING), coding, "{accept}");
        let bytes = body(response).await;
        let decoded = match coding {
            "br" => brotli_decode(&bytes),
            "gzip" => gzip_decode(&bytes),
            _ => bytes,
        };
        assert_eq!(decoded, dist_file(&site, JS), "{accept}");
    }
}

#[tokio::test]
async fn a_missing_copy_falls_back_to_the_next_coding() {
    let site = site().await;
    std::fs::remove_file(site.dist().join(format!("{JS}.br"))).unwrap();
    let response = site.get_encoded(&format!("/{JS}"), BROWSER).await;
    assert_eq!(header(&response, CONTENT_ENCODING), "gzip");
    assert_eq!(body(response).await, dist_file(&site, &format!("{JS}.gz")));

    // Without any copy the file is gzipped on the fly, as before copies.
    std::fs::remove_file(site.dist().join(format!("{JS}.gz"))).unwrap();
    let response = site.get_encoded(&format!("/{JS}"), BROWSER).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_ENCODING), "gzip");
    assert_eq!(header(&response, VARY), "accept-encoding");
    assert_eq!(header(&response, CACHE_CONTROL), IMMUTABLE);
    assert_eq!(gzip_decode(&body(response).await), dist_file(&site, JS));

    let response = site.get_encoded(&format!("/{JS}"), "br").await;
    assert_eq!(header(&response, CONTENT_ENCODING), "");
    assert_eq!(body(response).await, dist_file(&site, JS));
}

#[tokio::test]
async fn files_without_copies_such_as_icons_are_sent_as_they_are() {
    let site = site().await;
    let response = site.get_encoded("/icons/icon-192.png", BROWSER).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_ENCODING), "");
    assert_eq!(header(&response, CONTENT_TYPE), "image/png");
    assert_eq!(body(response).await, dist_file(&site, "icons/icon-192.png"));
}

#[tokio::test]
async fn the_app_shell_is_never_sent_from_a_copy_and_keeps_its_csp() {
    let site = site().await;
    // Copies that do not match index.html (as after editing it by hand): its
    // CSP is made from the bytes sent, so only index.html itself may be.
    let other = index_html().replace("連携ノート", "古いビルド");
    std::fs::write(site.dist().join("index.html.br"), brotli_encode(other.as_bytes())).unwrap();
    std::fs::write(site.dist().join("index.html.gz"), gzip_encode(other.as_bytes())).unwrap();
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(BOOTSTRAP.as_bytes()));
    for uri in ["/", "/index.html", "/clients/1234", "/settings"] {
        let response = site.get_encoded(uri, BROWSER).await;
        assert_eq!(response.status(), StatusCode::OK, "{uri}");
        assert_eq!(header(&response, CONTENT_TYPE), "text/html; charset=utf-8", "{uri}");
        assert_eq!(header(&response, CACHE_CONTROL), "no-cache", "{uri}");
        assert!(header(&response, CONTENT_SECURITY_POLICY).contains(&format!("'sha256-{hash}'")), "{uri}");
        assert_eq!(header(&response, CONTENT_ENCODING), "gzip", "{uri}");
        assert_eq!(header(&response, VARY), "accept-encoding", "{uri}");
        assert_eq!(String::from_utf8(gzip_decode(&body(response).await)).unwrap(), index_html(), "{uri}");
    }
}

#[tokio::test]
async fn head_requests_get_the_headers_of_the_copy_they_would_get() {
    let site = site().await;
    let request = Request::head(format!("/{WASM}")).header(ACCEPT_ENCODING, BROWSER).body(Body::empty()).unwrap();
    let response = site.request(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CONTENT_ENCODING), "br");
    assert_eq!(header(&response, CONTENT_TYPE), "application/wasm");
    assert_eq!(header(&response, CONTENT_LENGTH), dist_file(&site, &format!("{WASM}.br")).len().to_string());
    assert_eq!(header(&response, VARY), "accept-encoding");
    assert_eq!(header(&response, CACHE_CONTROL), IMMUTABLE);
    assert!(body(response).await.is_empty());
}

#[tokio::test]
async fn ranges_are_of_the_file_itself_whatever_the_client_accepts() {
    let site = site().await;
    let wasm = dist_file(&site, WASM);
    for accept in ["", BROWSER, "gzip"] {
        let request = Request::get(format!("/{WASM}"))
            .header(ACCEPT_ENCODING, accept)
            .header(RANGE, "bytes=2-9")
            .body(Body::empty())
            .unwrap();
        let response = site.request(request).await;
        assert_eq!(response.status(), StatusCode::PARTIAL_CONTENT, "{accept}");
        assert_eq!(header(&response, CONTENT_ENCODING), "", "{accept}");
        assert_eq!(header(&response, CONTENT_RANGE), format!("bytes 2-9/{}", wasm.len()), "{accept}");
        assert_eq!(header(&response, CACHE_CONTROL), IMMUTABLE, "{accept}");
        assert_eq!(body(response).await, wasm[2..10], "{accept}");
    }
}

#[tokio::test]
async fn not_modified_answers_say_what_they_vary_on() {
    let site = site().await;
    let first = site.get_encoded(&format!("/{CSS}"), BROWSER).await;
    let last_modified = header(&first, LAST_MODIFIED).to_owned();
    assert!(!last_modified.is_empty());
    let request = Request::get(format!("/{CSS}"))
        .header(ACCEPT_ENCODING, BROWSER)
        .header(IF_MODIFIED_SINCE, last_modified)
        .body(Body::empty())
        .unwrap();
    let response = site.request(request).await;
    assert_eq!(response.status(), StatusCode::NOT_MODIFIED);
    assert_eq!(header(&response, VARY), "accept-encoding");
    assert_eq!(header(&response, CACHE_CONTROL), IMMUTABLE);
}

#[tokio::test]
async fn assets_are_sent_as_is_to_clients_without_gzip() {
    let site = site().await;
    let response = site.get(&format!("/{WASM}")).await;
    assert_eq!(header(&response, CONTENT_ENCODING), "");
    assert_eq!(body(response).await, dist_file(&site, WASM));
}

#[tokio::test]
async fn head_requests_get_headers_without_changing_the_rules() {
    let site = site().await;
    let request = Request::head(format!("/{CSS}")).body(Body::empty()).unwrap();
    let response = site.request(request).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(header(&response, CACHE_CONTROL), IMMUTABLE);
    assert!(body(response).await.is_empty());
}

#[tokio::test]
async fn writing_methods_on_static_paths_are_not_allowed() {
    let site = site().await;
    for uri in ["/", "/sw.js", "/settings"] {
        let request = Request::post(uri).body(Body::from("x")).unwrap();
        let response = site.request(request).await;
        assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED, "{uri}");
        assert_eq!(header(&response, "allow"), "GET, HEAD", "{uri}");
    }
}

/// The copies the build writes (`tools/compress.mjs`, run with node as
/// tools/build.mjs runs it) are the ones served, and decode to their files.
#[tokio::test]
async fn the_build_hook_s_copies_are_served_and_decode_to_their_files() {
    let site = site().await;
    for name in PRECOMPRESSED {
        for suffix in [".br", ".gz"] {
            std::fs::remove_file(site.dist().join(format!("{name}{suffix}"))).unwrap();
        }
    }
    let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/compress.mjs");
    let output = std::process::Command::new("node")
        .arg(script)
        .arg(site.dist())
        .output()
        .expect("node runs tools/compress.mjs in the build, so the tests need it too");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));

    for name in [JS, WASM, CSS, "index.html"] {
        assert!(site.dist().join(format!("{name}.br")).is_file(), "{name}");
        assert!(site.dist().join(format!("{name}.gz")).is_file(), "{name}");
    }
    // The test's sw.js (42 bytes) would not shrink, so it has no copies.
    assert!(!site.dist().join("sw.js.br").exists());
    assert!(!site.dist().join("sw.js.gz").exists());

    for accept in [BROWSER, "gzip"] {
        for name in PRECOMPRESSED {
            let response = site.get_encoded(&format!("/{name}"), accept).await;
            assert_eq!(response.status(), StatusCode::OK, "{accept}: {name}");
            let coding = header(&response, CONTENT_ENCODING).to_owned();
            let bytes = body(response).await;
            let decoded = match coding.as_str() {
                "br" => brotli_decode(&bytes),
                "gzip" => gzip_decode(&bytes),
                "" => bytes,
                other => panic!("{accept}: {name} sent as {other}"),
            };
            assert_eq!(decoded, dist_file(&site, name), "{accept}: {name}");
            if [JS, WASM, CSS].contains(&name) {
                let expected = if accept == "gzip" { "gzip" } else { "br" };
                assert_eq!(coding, expected, "{accept}: {name}");
            }
        }
    }
}
