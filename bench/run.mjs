// Benchmark: prints figures, asserts nothing. Run by `./dev bench`, which
// builds the release app and server first.
//   - what ホーム needs to start (gzip and brotli) against its budget, the
//     modules pages load on first use, and all the service worker precaches
//   - navigation → visible list of 2,000 clients (online and offline from the
//     service-worker cache) beside a minimal Leptos page built the same way
//   - search latency over those 2,000 clients
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { ROOT, startServer, launchDevice, gotoLocked, PASSCODE } from "../tests/e2e/harness.mjs";
import { FIRST_LOAD_BUDGET_GZIP, firstLoad, kb, lazyModuleFiles } from "../tools/first-load.mjs";
import { optimizeFiles } from "../tools/wasm-opt.mjs";

const OUT = join(ROOT, "bench", "out");
const MINIMAL_DIST = join(OUT, "minimal");
const CLIENTS = 2000;
const RUNS = 11;
// The list renders its first page of rows; the rest come with 「さらに表示」.
const PAGE = 200;
mkdirSync(OUT, { recursive: true });

const lines = [];
const say = (s = "") => {
  lines.push(s);
  console.log(s);
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
const ms = (x) => `${x.toFixed(1)} ms`;

function sizes(dir) {
  const rows = [];
  for (const f of readdirSync(dir)) {
    const m = f.match(/\.(wasm|js|css)$/);
    if (!m || f === "sw.js") continue;
    const bytes = readFileSync(join(dir, f));
    rows.push({ kind: m[1], file: f, raw: statSync(join(dir, f)).size, gzip: gzipSync(bytes, { level: 9 }).length });
  }
  return rows;
}

// The URL paths dist/sw.js precaches (tools/precache.mjs wrote them in).
function precacheList(dir) {
  const m = readFileSync(join(dir, "sw.js"), "utf8").match(/const PRECACHE_VALUE = (\[[^\]]*\]);/);
  if (!m) throw new Error("dist/sw.js has no precache list");
  return JSON.parse(m[1]);
}

// A file's size raw and as served (its .gz/.br copy, or raw without one).
function servedSizes(dir, file) {
  const raw = statSync(join(dir, file)).size;
  const copy = (suffix) => (existsSync(join(dir, file + suffix)) ? statSync(join(dir, file + suffix)).size : raw);
  return { file, raw, gzip: copy(".gz"), brotli: copy(".br") };
}

// The yardstick is built as the app is (release profile, wasm-bindgen,
// wasm-opt -Oz, the same module script), but as one module: it has no pages
// to split.
function buildMinimal() {
  const run = (cmd, args) => execFileSync(cmd, args, { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
  const name = "renkei-bench-minimal";
  run("cargo", ["build", "--release", "--target", "wasm32-unknown-unknown", "-p", name]);
  rmSync(MINIMAL_DIST, { recursive: true, force: true });
  run("wasm-bindgen", [
    "--target", "web", "--no-typescript", "--out-dir", MINIMAL_DIST, "--out-name", name,
    join(ROOT, "target", "wasm32-unknown-unknown", "release", `${name}.wasm`),
  ]);
  const wasm = join(MINIMAL_DIST, `${name}_bg.wasm`);
  optimizeFiles([wasm], { level: "z" });
  const page = readFileSync(join(ROOT, "bench", "minimal", "index.html"), "utf8").replace(
    /<link rel="app-module"[^>]*>/,
    () => `<script type="module">
import init from '/${name}.js';
await init({ module_or_path: '/${name}_bg.wasm' });
</script>`,
  );
  writeFileSync(join(MINIMAL_DIST, "index.html"), page);
  run("node", [join(ROOT, "tools", "compress.mjs"), MINIMAL_DIST]);
}

const FAMILY = [
  ["佐藤", "さとう"], ["鈴木", "すずき"], ["高橋", "たかはし"], ["田中", "たなか"], ["伊藤", "いとう"],
  ["渡辺", "わたなべ"], ["山本", "やまもと"], ["中村", "なかむら"], ["小林", "こばやし"], ["加藤", "かとう"],
  ["吉田", "よしだ"], ["山田", "やまだ"], ["佐々木", "ささき"], ["山口", "やまぐち"], ["松本", "まつもと"],
  ["井上", "いのうえ"], ["木村", "きむら"], ["林", "はやし"], ["斎藤", "さいとう"], ["清水", "しみず"],
];
const GIVEN = [
  ["太郎", "たろう"], ["花子", "はなこ"], ["一郎", "いちろう"], ["美咲", "みさき"], ["健", "けん"],
  ["陽菜", "ひな"], ["翔", "しょう"], ["結衣", "ゆい"], ["大輔", "だいすけ"], ["さくら", "さくら"],
  ["蓮", "れん"], ["葵", "あおい"], ["悠真", "ゆうま"], ["七海", "ななみ"], ["拓海", "たくみ"],
];
const toKatakana = (s) => s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));

function backupOf(n) {
  const records = [];
  for (let i = 0; i < n; i++) {
    const [fam, famKana] = FAMILY[i % FAMILY.length];
    const [giv, givKana] = GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length];
    const kana = `${famKana} ${givKana}`;
    const at = new Date(Date.UTC(2026, 0, 1) + i * 60000).toISOString().replace(".000Z", "Z");
    const hex = i.toString(16).padStart(12, "0");
    records.push({
      kind: "client",
      id: `00000000-0000-4000-8000-${hex}`,
      office_id: null,
      created_at: at,
      created_by: "bench",
      updated_at: at,
      updated_by: "bench",
      rev: 1,
      deleted: false,
      data: {
        name: `${fam} ${giv}${i}`,
        kana: i % 2 ? toKatakana(kana) : kana,
        birth_date: `${1950 + (i % 60)}-0${1 + (i % 9)}-1${i % 10}`,
        services: [{ service: i % 3 ? "employment_transition" : "group_home", start: "2025-04-01", end: null }],
        recipient_number: null,
        wishes_self: "",
        wishes_family: "",
        staff: "",
        status: "active",
        archived: false,
        life_stage_override: null,
      },
    });
  }
  return { format: "renkei-backup", version: 1, exported_at: "2026-11-25T00:00:00Z", records };
}

// Runs in the page before its scripts: records, in page time since the
// navigation started, when `sel` first matches `n` elements (or, with n = 0,
// exists at all).
function observe([sel, n]) {
  const check = () => {
    const found = n ? document.querySelectorAll(sel).length >= n : document.querySelector(sel) !== null;
    if (found && window.__readyAt === undefined) window.__readyAt = performance.now();
    return found;
  };
  new MutationObserver((_, obs) => check() && obs.disconnect()).observe(document, { childList: true, subtree: true });
}

async function main() {
  say(`# 連携ノート benchmark (${new Date().toISOString()})`);
  say(`Chromium: ${execFileSync("/usr/bin/chromium", ["--version"]).toString().trim()}, ${CLIENTS} clients, median of ${RUNS} runs`);
  buildMinimal();

  const dist = join(ROOT, "dist");
  say("\n## Sizes: what ホーム needs (the first load)\n");
  say("| file | raw | gzip | brotli |");
  say("| --- | ---: | ---: | ---: |");
  const first = firstLoad(dist);
  const sum = (rows, k) => rows.reduce((n, r) => n + r[k], 0);
  for (const r of first) say(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  say(
    `| **ホーム's first load** | ${kb(sum(first, "raw"))} | **${kb(sum(first, "gzip"))}** (budget ${kb(FIRST_LOAD_BUDGET_GZIP)}) | **${kb(sum(first, "brotli"))}** |`,
  );

  // ホーム's dashboard (what needs action across every plan and note) is a
  // module of its own, fetched as ホーム starts, beside the data it reads.
  const dash = lazyModuleFiles(dist, "dashboard_on_first_use").map((f) => servedSizes(dist, f));
  say(
    `| ホーム's dashboard: its module and ${dash.length - 1} shared chunks, loaded as ホーム starts | ${kb(sum(dash, "raw"))} | ${kb(sum(dash, "gzip"))} | ${kb(sum(dash, "brotli"))} |`,
  );
  say(
    `| **ホーム with its dashboard** | ${kb(sum(first, "raw") + sum(dash, "raw"))} | ${kb(sum(first, "gzip") + sum(dash, "gzip"))} | ${kb(sum(first, "brotli") + sum(dash, "brotli"))} |`,
  );

  // Every other module loads when a page first needs it; the service worker
  // precaches them all (and everything else in its list) after the first visit.
  const firstFiles = new Set(first.map((r) => r.file));
  const precached = precacheList(dist).filter((f) => f !== "/").map((f) => f.slice(1));
  const served = precached.map((file) => servedSizes(dist, file));
  const modules = served.filter((r) => r.file.endsWith(".wasm") && !firstFiles.has(r.file)).sort((a, b) => b.gzip - a.gzip);
  say("\n### Modules loaded on first use of a page (largest 10)\n");
  say("| file | raw | gzip | brotli |");
  say("| --- | ---: | ---: | ---: |");
  for (const r of modules.slice(0, 10)) say(`| ${r.file} | ${kb(r.raw)} | ${kb(r.gzip)} | ${kb(r.brotli)} |`);
  say(`| **all ${modules.length} modules** | ${kb(sum(modules, "raw"))} | **${kb(sum(modules, "gzip"))}** | **${kb(sum(modules, "brotli"))}** |`);
  say(`\nPrecached by the service worker: ${served.length} files, ${kb(sum(served, "raw"))} raw, ${kb(sum(served, "gzip"))} gzip, ${kb(sum(served, "brotli"))} brotli.\n`);
  say("| build | file | raw | gzip |");
  say("| --- | --- | ---: | ---: |");
  for (const r of sizes(MINIMAL_DIST)) {
    say(`| minimal Leptos | ${r.kind} | ${(r.raw / 1024).toFixed(1)} KB | ${(r.gzip / 1024).toFixed(1)} KB |`);
  }

  const app = await startServer();
  const minimal = await startServer({ dist: MINIMAL_DIST });
  const backupFile = join(OUT, `clients-${CLIENTS}.json`);
  writeFileSync(backupFile, JSON.stringify(backupOf(CLIENTS)));
  const device = await launchDevice({ viewport: { width: 1024, height: 768 } });
  try {
    const page = await device.context.newPage();
    await page.goto(`${app.url}/settings`);
    await page.locator("#backup-import").setInputFiles(backupFile);
    await page.getByText(`追加 ${CLIENTS}件`).waitFor({ timeout: 120000 });
    await page.evaluate(async () => navigator.serviceWorker.ready);

    // Each measurement gets its own init script so the observer looks for
    // the right thing.
    // The app asks for the passcode at every start: `t` counts from the
    // passcode's submission (what a user waits for after typing it); the
    // time to the passcode screen is kept apart.
    const measure = async (url, selector, count) => {
      const p = await device.context.newPage();
      await p.addInitScript(observe, [selector, count]);
      await gotoLocked(p, url);
      let from = 0;
      if (url.startsWith(app.url)) {
        await p.locator("#passcode-unlock").waitFor();
        lockScreen.push(await p.evaluate(() => performance.now()));
        await p.locator("#unlock-passcode").fill(PASSCODE);
        await p.locator("#passcode-unlock button[type=submit]").click();
      }
      await p.waitForFunction(() => window.__readyAt !== undefined, null, { timeout: 60000 });
      if (url.startsWith(app.url)) {
        from = await p.evaluate(() => performance.getEntriesByName("renkei:unlock:submit")[0]?.startTime ?? 0);
        unlocks.push((await p.evaluate(() => performance.getEntriesByName("renkei:unlock:opened")[0]?.startTime)) - from);
      }
      const readyAt = await p.evaluate(() => window.__readyAt);
      const t = readyAt - from;
      if (count) {
        const n = await p.locator(selector).count();
        if (n < count) throw new Error(`only ${n} rows`);
      }
      // The app's user-timing marks (src/perf.rs) on the way to the list.
      const marks = await p.evaluate(() =>
        Object.fromEntries(
          performance
            .getEntriesByType("mark")
            .filter((m) => m.name.startsWith("renkei:"))
            .map((m) => [m.name, m.startTime]),
        ),
      );
      // `readyAt` is on the marks' clock (from navigation), `t` from the passcode.
      phases.push({ url, count, t, readyAt, marks });
      await p.close();
      return t;
    };
    const phases = [];
    const lockScreen = [];
    const unlocks = [];
    const appShell = [];
    const appOnline = [];
    const appOffline = [];
    const minimalTimes = [];
    for (let i = 0; i < RUNS; i++) {
      minimalTimes.push(await measure(`${minimal.url}/`, "#ready", 0));
      appShell.push(await measure(`${app.url}/clients`, "#client-search", 0));
      appOnline.push(await measure(`${app.url}/clients`, ".client-list li", PAGE));
      await device.context.setOffline(true);
      appOffline.push(await measure(`${app.url}/clients`, ".client-list li", PAGE));
      await device.context.setOffline(false);
    }
    const base = median(minimalTimes);
    say("\n## Navigation → visible content (same headless Chromium run)\n");
    say("| page | median | min | max | ratio to minimal |");
    say("| --- | ---: | ---: | ---: | ---: |");
    const row = (name, xs) =>
      say(`| ${name} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} | ${(median(xs) / base).toFixed(2)}× |`);
    row("minimal Leptos page (hello)", minimalTimes);
    row("app: the passcode screen (navigation →)", lockScreen);
    row("app: unlocking (passcode submitted → key unwrapped)", unlocks);
    row("app: shell and search box (passcode submitted →)", appShell);
    row(`app: list of ${CLIENTS} clients (first ${PAGE} rows), online (passcode submitted →)`, appOnline);
    row(`app: list of ${CLIENTS} clients (first ${PAGE} rows), offline from SW cache (passcode submitted →)`, appOffline);

    // Where the list's time goes: medians of the steps between the app's
    // marks, over the list runs (online and offline).
    const listRuns = phases.filter((p) => p.count === PAGE && p.marks["renkei:list:prepared"] !== undefined);
    const steps = [
      ["navigation → main() runs (HTML, JS, wasm fetched, compiled, started)", (m) => m["renkei:main"]],
      ["main() → the passcode screen's submission (typed by the benchmark)", (m) => m["renkei:unlock:submit"] - m["renkei:main"]],
      ["passcode submitted → key unwrapped", (m) => m["renkei:unlock:opened"] - m["renkei:unlock:submit"]],
      ["unlocked → the list asks for its data (shell mounted, route chosen)", (m) => m["renkei:list:start"] - m["renkei:unlock:opened"]],
      [
        "the list asks → the stored list in hand (read by index.html while the app loaded)",
        (m) => m["renkei:read:client_list"] - m["renkei:list:start"],
      ],
      ["opening (AES-GCM) and decoding the client list (JSON)", (m) => m["renkei:decoded:client_list"] - m["renkei:read:client_list"]],
      ["preparing rows (search keys, services)", (m) => m["renkei:list:prepared"] - m["renkei:decoded:client_list"]],
      ["rendering the first rows until laid out", (m, t) => t - m["renkei:list:prepared"]],
    ];
    say(`\n## The list's path (${listRuns.length} runs, median per step)\n`);
    say("| step | median |");
    say("| --- | ---: |");
    for (const [name, f] of steps) say(`| ${name} | ${ms(median(listRuns.map((r) => f(r.marks, r.readyAt))))} |`);
    // The database opens from main() on, beside the shell mounting (the
    // list does not wait for it when index.html's read is there).
    const opening = [
      ["main() → the database opening starts", (m) => m["renkei:store:open"] - m["renkei:main"]],
      ["IndexedDB open request → connected", (m) => m["renkei:store:connected"] - m["renkei:store:open"]],
      ["connected → start-up checks done", (m) => m["renkei:store:opened"] - m["renkei:store:connected"]],
    ];
    say("\n| of which, the database opening (from main) | median |");
    say("| --- | ---: |");
    for (const [name, f] of opening) say(`| ${name} | ${ms(median(listRuns.map((r) => f(r.marks, r.t))))} |`);

    // Search: from the input event to the list re-rendered and laid out.
    await page.goto(`${app.url}/clients`);
    await page.waitForFunction((n) => document.querySelectorAll(".client-list li").length >= n, PAGE);
    const queries = ["やまだ", "ﾀﾅｶ", "サトウ タロウ", "山", "林 健1", "zzz", ""];
    say(`\n## Search over ${CLIENTS} clients (input event → list updated and laid out)\n`);
    say("| query | results | median | max |");
    say("| --- | ---: | ---: | ---: |");
    const all = [];
    for (const q of queries) {
      const times = [];
      let results = 0;
      for (let i = 0; i < RUNS; i++) {
        const r = await page.evaluate(async (query) => {
          const input = document.querySelector("#client-search");
          // Start from the full list (or, for the empty query, from no
          // match) so every run changes the whole list.
          input.value = query === "" ? "zzz" : "";
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await new Promise((res) => setTimeout(res, 50));
          const macrotask = () => new Promise((res) => { const c = new MessageChannel(); c.port1.onmessage = res; c.port2.postMessage(0); });
          const t0 = performance.now();
          input.value = query;
          input.dispatchEvent(new Event("input", { bubbles: true }));
          await macrotask();
          void document.querySelector(".client-list").offsetHeight;
          const t1 = performance.now();
          return { t: t1 - t0, n: document.querySelectorAll(".client-list li").length };
        }, q);
        times.push(r.t);
        results = r.n;
      }
      all.push(...times);
      say(`| ${q === "" ? "(empty: all)" : q} | ${results} | ${ms(median(times))} | ${ms(Math.max(...times))} |`);
    }
    say(`\nSearch median over all queries: ${ms(median(all))} (budget < 50 ms)`);
  } finally {
    await device.close();
    await app.stop();
    await minimal.stop();
  }
  writeFileSync(join(OUT, "results.md"), lines.join("\n") + "\n");
  console.log(`\n(written to bench/out/results.md)`);
}

await main();
