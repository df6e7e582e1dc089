// Benchmark: prints figures, asserts nothing. `node bench/kdf.mjs`
//
// Which key derivation turns a passcode into a key (docs/encryption.md):
// the time of one derivation in headless Chromium, as the machine runs it and
// with the CPU slowed 4× (Chromium's own throttling, the usual stand-in for a
// mid-range phone), for
//   - PBKDF2-HMAC-SHA256 in the browser's WebCrypto, at the rounds the app
//     uses and at a third of them;
//   - Argon2id compiled to wasm (hash-wasm), at the two parameter sets
//     current guidance gives (19 MiB × 2 passes, 46 MiB × 1 pass) — what the
//     app would run in its own wasm were it chosen.
// Environment: RUNS (default 5).
import { readFileSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, launchBrowser, gotoLocked } from "../tests/e2e/harness.mjs";

const RUNS = Number(process.env.RUNS ?? 5);
// crates/domain/src/vault/wrap.rs PBKDF2_ITERATIONS
const PBKDF2_ITERATIONS = 600_000;
const ARGON2 = readFileSync(join(ROOT, "node_modules", "hash-wasm", "dist", "argon2.umd.min.js"), "utf8");
const ORIGIN = "http://localhost:9"; // a secure context for WebCrypto; never contacted

const cases = [
  { name: `PBKDF2-SHA256, WebCrypto, ${PBKDF2_ITERATIONS.toLocaleString("en")} rounds (the app's)`, kind: "pbkdf2", iterations: PBKDF2_ITERATIONS },
  { name: "PBKDF2-SHA256, WebCrypto, 200,000 rounds", kind: "pbkdf2", iterations: 200_000 },
  { name: "Argon2id, wasm, 19 MiB × 2 passes", kind: "argon2", memorySize: 19 * 1024, iterations: 2 },
  { name: "Argon2id, wasm, 46 MiB × 1 pass", kind: "argon2", memorySize: 46 * 1024, iterations: 1 },
];

async function derive(page, c) {
  return page.evaluate(async (c) => {
    const salt = crypto.getRandomValues(new Uint8Array(16));
    const t0 = performance.now();
    if (c.kind === "pbkdf2") {
      const key = await crypto.subtle.importKey("raw", new TextEncoder().encode("246810"), "PBKDF2", false, ["deriveBits"]);
      await crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: c.iterations }, key, 256);
    } else {
      await hashwasm.argon2id({
        password: "246810", salt, parallelism: 1, iterations: c.iterations,
        memorySize: c.memorySize, hashLength: 32, outputType: "binary",
      });
    }
    return performance.now() - t0;
  }, c);
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const lines = [];
const say = (s = "") => {
  lines.push(s);
  console.log(s);
};

const browser = await launchBrowser();
try {
  say("# Key derivation: one passcode to a key, headless Chromium");
  say();
  say(`Median of ${RUNS} runs (after one warm-up), in ms.`);
  say();
  say("| derivation | this machine | CPU 4× slower (phone-class) |");
  say("| --- | ---: | ---: |");
  for (const c of cases) {
    const row = [];
    for (const throttle of [1, 4]) {
      const page = await browser.newPage();
      await page.route(`${ORIGIN}/**`, (route) =>
        route.fulfill({ contentType: "text/html", body: `<!doctype html><script>${ARGON2}</script>` }),
      );
      await gotoLocked(page, `${ORIGIN}/kdf`);
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setCPUThrottlingRate", { rate: throttle });
      await derive(page, c);
      const times = [];
      for (let i = 0; i < RUNS; i++) times.push(await derive(page, c));
      row.push(median(times));
      await page.close();
    }
    say(`| ${c.name} | ${Math.round(row[0])} | ${Math.round(row[1])} |`);
  }
} finally {
  await browser.close();
}
mkdirSync(join(ROOT, "bench", "out"), { recursive: true });
writeFileSync(join(ROOT, "bench", "out", "kdf.md"), lines.join("\n") + "\n");
