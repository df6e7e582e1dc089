//! The static-file rules of the office server, driven through `app()` without
//! a socket.

use std::io::Read as _;

use axum::body::{to_bytes, Body};
use axum::http::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, VARY,
    X_CONTENT_TYPE_OPTIONS,
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

/// The inline bootstrap script as Trunk 0.21 writes it.
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

/// A temp dir holding `dist/` (a small Trunk build), the database and,
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
    for uri in ["/missing.js", "/icons/missing.png", "/renkei-0000000000000000_bg.wasm"] {
        let response = site.get(uri).await;
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{uri}");
        assert_eq!(header(&response, CACHE_CONTROL), "no-cache", "{uri}");
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
async fn wasm_javascript_and_css_are_gzipped_when_the_client_accepts_it() {
    let site = site().await;
    for name in [WASM, JS, CSS] {
        let request =
            Request::get(format!("/{name}")).header(ACCEPT_ENCODING, "gzip, deflate, br").body(Body::empty()).unwrap();
        let response = site.request(request).await;
        assert_eq!(response.status(), StatusCode::OK, "{name}");
        assert_eq!(header(&response, CONTENT_ENCODING), "gzip", "{name}");
        assert!(header(&response, VARY).contains("accept-encoding"), "{name}");
        assert_eq!(header(&response, CACHE_CONTROL), IMMUTABLE, "{name}");
        let mut decoded = Vec::new();
        flate2::read::GzDecoder::new(&body(response).await[..]).read_to_end(&mut decoded).unwrap();
        assert_eq!(decoded, dist_file(&site, name), "{name}");
    }
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
