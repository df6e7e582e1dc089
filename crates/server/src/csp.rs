//! Content-Security-Policy for the app.
//!
//! The build writes an inline `<script type="module">` into `index.html` that
//! imports the wasm-bindgen loader and starts the wasm. An inline script is
//! blocked by `script-src 'self'`, so the policy sent with `index.html` also
//! allows each inline script of that file by its SHA-256 hash. All other
//! responses get [`BASE_POLICY`], which allows no inline script at all.

use base64::{engine::general_purpose::STANDARD, Engine as _};
use sha2::{Digest, Sha256};

/// The policy for every response that is not `index.html`.
pub(crate) const BASE_POLICY: &str = "default-src 'self'; \
     script-src 'self' 'wasm-unsafe-eval'; \
     style-src 'self' 'unsafe-inline'; \
     img-src 'self' data: blob:; \
     connect-src 'self'; \
     manifest-src 'self'; \
     worker-src 'self'; \
     object-src 'none'; \
     base-uri 'self'; \
     frame-ancestors 'none'";

/// The policy for an HTML page: [`BASE_POLICY`] with `'sha256-…'` sources in
/// `script-src` for every inline script of `html`.
pub(crate) fn policy_for_html(html: &str) -> String {
    let hashes = inline_scripts(html).into_iter().map(script_hash_source).collect::<Vec<_>>();
    if hashes.is_empty() {
        return BASE_POLICY.to_owned();
    }
    BASE_POLICY.replacen(
        "script-src 'self' 'wasm-unsafe-eval'",
        &format!("script-src 'self' 'wasm-unsafe-eval' {}", hashes.join(" ")),
        1,
    )
}

/// The CSP source `'sha256-<base64>'` that allows an inline script with this
/// body.
///
/// Browsers hash the script text after the HTML parser has turned CR LF and
/// lone CR into LF, so the same is done here.
pub(crate) fn script_hash_source(body: &str) -> String {
    let normalized = body.replace("\r\n", "\n").replace('\r', "\n");
    let digest = Sha256::digest(normalized.as_bytes());
    format!("'sha256-{}'", STANDARD.encode(digest))
}

/// Bodies of the `<script>` elements without a `src` attribute, in document
/// order, skipping HTML comments.
///
/// This is a scanner for the HTML that the build writes, not a full HTML parser:
/// script bodies are raw text up to the next `</script`, which is also how
/// browsers read them.
fn inline_scripts(html: &str) -> Vec<&str> {
    // ASCII lowercasing keeps byte offsets, so indices into `lower` are valid
    // in `html`.
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut pos = 0;
    loop {
        let script = find_script_open(&lower, pos);
        let comment = lower[pos..].find("<!--").map(|i| pos + i);
        match (script, comment) {
            (_, Some(comment)) if script.is_none_or(|script| comment < script) => {
                match lower[comment + 4..].find("-->") {
                    Some(end) => pos = comment + 4 + end + 3,
                    None => break,
                }
            }
            (Some(open), _) => {
                let attrs_start = open + "<script".len();
                let Some(tag_end) = tag_end(&lower, attrs_start) else {
                    break;
                };
                let body_start = tag_end + 1;
                let Some(body_len) = lower[body_start..].find("</script") else {
                    break;
                };
                if !has_src_attribute(&lower[attrs_start..tag_end]) {
                    scripts.push(&html[body_start..body_start + body_len]);
                }
                pos = body_start + body_len + "</script".len();
            }
            (None, _) => break,
        }
    }
    scripts
}

/// Index of the next `<script` that opens a script tag (not `<scripts` or
/// similar), at or after `from`.
fn find_script_open(lower: &str, from: usize) -> Option<usize> {
    let mut pos = from;
    while let Some(i) = lower[pos..].find("<script") {
        let open = pos + i;
        let after = open + "<script".len();
        match lower.as_bytes().get(after) {
            Some(b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/' | b'>') => return Some(open),
            _ => pos = after,
        }
    }
    None
}

/// Index of the `>` that closes a start tag whose attributes begin at `from`,
/// ignoring `>` inside quoted attribute values.
fn tag_end(lower: &str, from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, byte) in lower.bytes().enumerate().skip(from) {
        match (quote, byte) {
            (None, b'"' | b'\'') => quote = Some(byte),
            (Some(q), _) if q == byte => quote = None,
            (None, b'>') => return Some(i),
            _ => {}
        }
    }
    None
}

/// Whether the (lowercased) attribute text of a start tag has a `src`
/// attribute.
fn has_src_attribute(attrs: &str) -> bool {
    let bytes = attrs.as_bytes();
    let is_space = |b: u8| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'/');
    let mut i = 0;
    while i < bytes.len() {
        while i < bytes.len() && is_space(bytes[i]) {
            i += 1;
        }
        let name_start = i;
        while i < bytes.len() && !is_space(bytes[i]) && bytes[i] != b'=' {
            i += 1;
        }
        if &attrs[name_start..i] == "src" {
            return true;
        }
        while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r' | b'\x0c') {
            i += 1;
        }
        if i < bytes.len() && bytes[i] == b'=' {
            i += 1;
            while i < bytes.len() && is_space(bytes[i]) {
                i += 1;
            }
            match bytes.get(i) {
                Some(&q @ (b'"' | b'\'')) => {
                    i += 1;
                    while i < bytes.len() && bytes[i] != q {
                        i += 1;
                    }
                    i += 1;
                }
                _ => {
                    while i < bytes.len() && !is_space(bytes[i]) {
                        i += 1;
                    }
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the build (`tools/split-build.mjs`) writes into `index.html`.
    const BUILT_INDEX: &str = r#"<!DOCTYPE html><html lang="ja"><head>
<meta charset="utf-8">
<link rel="modulepreload" href="/renkei-1a2b3c4d5e6f7a8b.js" crossorigin="anonymous" integrity="sha384-abc">
<link rel="preload" href="/renkei-1a2b3c4d5e6f7a8b_bg.wasm" crossorigin="anonymous" integrity="sha384-def" as="fetch" type="application/wasm">
</head><body>
<script type="module">
import init, * as bindings from '/renkei-1a2b3c4d5e6f7a8b.js';
const wasm = await init({ module_or_path: '/renkei-1a2b3c4d5e6f7a8b_bg.wasm' });


window.wasmBindings = bindings;


dispatchEvent(new CustomEvent("TrunkApplicationStarted", {detail: {wasm}}));

</script></body></html>"#;

    #[test]
    fn known_body_hashes_to_the_value_browsers_compute() {
        // echo -n 'alert(1)' | openssl dgst -sha256 -binary | base64
        assert_eq!(script_hash_source("alert(1)"), "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='");
    }

    #[test]
    fn bootstrap_script_is_found_with_its_exact_body() {
        let scripts = inline_scripts(BUILT_INDEX);
        assert_eq!(scripts.len(), 1);
        assert!(scripts[0].starts_with("\nimport init, * as bindings"));
        assert!(scripts[0].ends_with("{detail: {wasm}}));\n\n"));
    }

    #[test]
    fn policy_for_built_index_allows_the_bootstrap_script_by_hash() {
        let body = inline_scripts(BUILT_INDEX)[0];
        let policy = policy_for_html(BUILT_INDEX);
        let expected = format!("script-src 'self' 'wasm-unsafe-eval' {};", script_hash_source(body));
        assert!(policy.contains(&expected), "{policy}");
        assert!(!policy.contains("script-src 'self' 'wasm-unsafe-eval' 'unsafe-inline'"));
    }

    #[test]
    fn scripts_with_src_are_not_hashed() {
        let html = r#"<script src="/a.js"></script><SCRIPT type="module" SRC='/b.js'></SCRIPT>"#;
        assert!(inline_scripts(html).is_empty());
        assert_eq!(policy_for_html(html), BASE_POLICY);
    }

    #[test]
    fn every_inline_script_is_hashed_in_document_order() {
        let html = "<script>one()</script><p>x</p><script data-x=\"a>b\">two()</script>";
        assert_eq!(inline_scripts(html), vec!["one()", "two()"]);
        let policy = policy_for_html(html);
        let one = policy.find(&script_hash_source("one()")).unwrap();
        let two = policy.find(&script_hash_source("two()")).unwrap();
        assert!(one < two);
    }

    #[test]
    fn scripts_inside_comments_are_ignored() {
        let html = "<!-- <script>evil()</script> --><script>good()</script>";
        assert_eq!(inline_scripts(html), vec!["good()"]);
    }

    #[test]
    fn attribute_named_like_src_is_not_src() {
        let html = r#"<script data-src="/a.js">run()</script><scripts>no</scripts>"#;
        assert_eq!(inline_scripts(html), vec!["run()"]);
    }

    #[test]
    fn crlf_line_endings_hash_like_lf() {
        assert_eq!(script_hash_source("a()\r\nb()\r"), script_hash_source("a()\nb()\n"));
    }

    #[test]
    fn base_policy_is_one_header_line_with_the_agreed_directives() {
        assert!(!BASE_POLICY.contains('\n'));
        assert!(BASE_POLICY.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(BASE_POLICY.contains("frame-ancestors 'none'"));
        assert!(BASE_POLICY.contains("object-src 'none';"));
    }
}
