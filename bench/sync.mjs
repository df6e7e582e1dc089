// Benchmark: prints figures, asserts nothing. `node bench/sync.mjs`
// (needs dist/ and target/release/renkei-server, as bench/run.mjs).
//
// The product's budget: "Sync of 10,000 records from empty: within 2× of simply
// downloading the same bytes and writing them to IndexedDB in one batch."
//
//   A (the app): a fresh browser profile opens the app, signs in through 設定
//     and the sync engine pulls and applies every change. Timed in page time
//     from the sign-in click until the chip shows 同期済み and the "records"
//     store of the "renkei" database holds every record.
//   B (the limit): a fresh profile on the same origin fetches the same pull
//     pages (same URL, limit and headers as the app), parses them, and puts
//     one object per record into a fresh database in ONE readwrite
//     transaction.
//
// Environment: RECORDS (default 10000), RUNS (default 3).
import { randomUUID } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { execFileSync } from "node:child_process";
import { pathToFileURL } from "node:url";
import { ROOT, startServer, createOffice, tempDatabase, launchDevice } from "../tests/e2e/harness.mjs";

const N = Number(process.env.RECORDS ?? 10000);
const RUNS = Number(process.env.RUNS ?? 3);
// src/sync/mod.rs PULL_PAGE: the app asks for pages of this many changes.
const PULL_PAGE = 500;
// crates/domain/src/sync/protocol.rs
const PROTOCOL = { "x-renkei-protocol": "1" };
const MAX_PUSH_CHANGES = 500;
const MAX_BODY_BYTES = 2 * 1024 * 1024;
// Most time one measurement may take before the run is abandoned.
const RUN_TIMEOUT_MS = 150_000;

const OUT = join(ROOT, "bench", "out");
mkdirSync(OUT, { recursive: true });

const lines = [];
const say = (s = "") => {
  lines.push(s);
  console.log(s);
};
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${Math.round(x).toLocaleString("en")} ms`;
const mb = (x) => `${(x / 1e6).toFixed(2)} MB`;

// ---------------------------------------------------------------- data

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
const SERVICES = ["employment_transition", "group_home", "daily_life_care", "employment_continuation_b", "after_school_day"];
const WISHES_SELF = ["", "一人暮らしをしたい", "働いてお金をためたい", "友だちと出かけたい"];
const WISHES_FAMILY = ["", "安心して暮らしてほしい", "生活リズムを整えてほしい"];
const STAFF = ["", "佐藤", "鈴木", "高橋"];
const toKatakana = (s) => s.replace(/[\u3041-\u3096]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0x60));
const pad = (n, w = 2) => String(n).padStart(w, "0");

/** The data of the i-th client, as `Client` serializes (crates/domain/src/client.rs). */
function clientData(i) {
  const [fam, famKana] = FAMILY[i % FAMILY.length];
  const [giv, givKana] = GIVEN[Math.floor(i / FAMILY.length) % GIVEN.length];
  const kana = `${famKana} ${givKana}`;
  return {
    name: `${fam} ${giv}${i}`,
    kana: i % 2 ? toKatakana(kana) : kana,
    birth_date: i % 17 === 0 ? null : `${1950 + (i % 60)}-${pad(1 + (i % 12))}-${pad(1 + (i % 28))}`,
    services: [{ service: SERVICES[i % SERVICES.length], start: "2025-04-01", end: null }],
    recipient_number: i % 3 ? pad(1000000000 + i, 10) : null,
    wishes_self: WISHES_SELF[i % WISHES_SELF.length],
    wishes_family: WISHES_FAMILY[i % WISHES_FAMILY.length],
    staff: STAFF[i % STAFF.length],
    status: i % 11 === 0 ? "ended" : "active",
    archived: false,
    life_stage_override: null,
  };
}

/**
 * The change a device makes when a new client is saved (Store::save_edit
 * with no base): one write per field plus the `_deleted` tombstone, stamps
 * from one clock tick each, nothing replaced.
 */
function newClientChange(device, seq, ms, data) {
  const fields = Object.entries({ ...data, _deleted: false }).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    device_id: device,
    seq,
    record_id: randomUUID(),
    kind: "client",
    writes: fields.map(([field, value], counter) => ({ field, value, stamp: { ms, counter, device }, replaces: [] })),
  };
}

async function api(base, method, path, { token, body } = {}) {
  const headers = { ...PROTOCOL };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(base + path, { method, headers, body });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/** Pushes `n` new clients from one device, in batches the server accepts. */
async function seed(base, token, n) {
  const device = `device-${randomUUID()}`;
  // Spread over the last few days, one client a minute at most.
  const start = Date.now() - n * 20_000 - 3_600_000;
  const changes = Array.from({ length: n }, (_, i) => newClientChange(device, i + 1, start + i * 20_000, clientData(i)));
  let pushed = 0;
  let requests = 0;
  let bytes = 0;
  for (let i = 0; i < changes.length; ) {
    let size = Math.min(MAX_PUSH_CHANGES, changes.length - i);
    let body = JSON.stringify({ changes: changes.slice(i, i + size) });
    while (Buffer.byteLength(body) > MAX_BODY_BYTES * 0.95) {
      size = Math.floor(size / 2);
      body = JSON.stringify({ changes: changes.slice(i, i + size) });
    }
    const r = await api(base, "POST", "/api/sync/push", { token, body });
    pushed += r.accepted;
    requests++;
    bytes += Buffer.byteLength(body);
    i += size;
  }
  return { pushed, requests, bytes };
}

// ---------------------------------------------------------------- in-page

/** Page: whether the app has made its database (the IndexedDB "renkei"). */
async function appDatabaseExists() {
  return (await indexedDB.databases()).some((d) => d.name === "renkei");
}

/**
 * Page: waits until the chip shows 同期済み and the "records" store counts
 * `n`; returns the page time then, with the click time recorded by the
 * capture listener.
 */
async function waitSynced({ n, deadline }) {
  const sleep = (t) => new Promise((r) => setTimeout(r, t));
  const count = () =>
    new Promise((resolve) => {
      const req = indexedDB.open("renkei");
      req.onsuccess = () => {
        const db = req.result;
        try {
          const c = db.transaction("records").objectStore("records").count();
          c.onsuccess = () => {
            db.close();
            resolve(c.result);
          };
          c.onerror = () => {
            db.close();
            resolve(-1);
          };
        } catch {
          db.close();
          resolve(-1);
        }
      };
      req.onerror = () => resolve(-1);
    });
  const end = performance.now() + deadline;
  let last = -1;
  while (performance.now() < end) {
    const chip = document.querySelector("#sync-chip")?.textContent ?? "";
    if (chip.includes("同期済み")) {
      last = await count();
      if (last >= n) return { at: performance.now(), clickAt: window.__clickAt, count: last, chip };
    }
    await sleep(50);
  }
  return { at: null, clickAt: window.__clickAt, count: last, chip: document.querySelector("#sync-chip")?.textContent };
}

/** Page: resource timings of the API calls, in page time. */
function apiTimings() {
  return performance
    .getEntriesByType("resource")
    .filter((e) => e.name.includes("/api/"))
    .map((e) => ({
      path: new URL(e.name).pathname + new URL(e.name).search,
      start: e.startTime,
      responseStart: e.responseStart,
      end: e.responseEnd,
      transfer: e.encodedBodySize,
      decoded: e.decodedBodySize,
    }));
}

/** Page: B, the limit: fetch every page, then one transaction for all. */
async function downloadAndStore({ token, limit, dbName }) {
  const headers = { "x-renkei-protocol": "1", Authorization: `Bearer ${token}` };
  const t0 = performance.now();
  const pages = [];
  let since = 0;
  let requests = 0;
  for (;;) {
    const res = await fetch(`/api/sync/pull?since=${since}&limit=${limit}`, { headers });
    if (!res.ok) throw new Error(`pull ${res.status}`);
    const page = await res.json();
    requests++;
    pages.push(page);
    since = page.next;
    if (!page.more) break;
  }
  const t1 = performance.now();
  const db = await new Promise((resolve, reject) => {
    const req = indexedDB.open(dbName, 1);
    req.onupgradeneeded = () => req.result.createObjectStore("records", { keyPath: "id" });
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  const tx = db.transaction("records", "readwrite");
  const store = tx.objectStore("records");
  let written = 0;
  for (const page of pages) {
    for (const { cursor, change } of page.changes) {
      store.put({ id: change.record_id, kind: change.kind, cursor, change });
      written++;
    }
  }
  await new Promise((resolve, reject) => {
    tx.oncomplete = resolve;
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error);
  });
  const t2 = performance.now();
  const n = await new Promise((resolve) => {
    const c = db.transaction("records").objectStore("records").count();
    c.onsuccess = () => resolve(c.result);
  });
  db.close();
  return { total: t2 - t0, fetch: t1 - t0, write: t2 - t1, requests, written, count: n };
}

// ---------------------------------------------------------------- runs

function pullStats(timings) {
  const pulls = timings.filter((t) => t.path.startsWith("/api/sync/pull"));
  return {
    pulls,
    transfer: pulls.reduce((s, p) => s + p.transfer, 0),
    decoded: pulls.reduce((s, p) => s + p.decoded, 0),
  };
}

/** A: the app signs in through 設定 and syncs everything. */
async function measureApp(server, office) {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    const responses = [];
    page.on("response", (r) => {
      if (r.url().includes("/api/sync/pull")) {
        responses.push(
          r
            .request()
            .sizes()
            .then((s) => ({ status: r.status(), transfer: s.responseBodySize }))
            .catch(() => ({ status: r.status(), transfer: 0 })),
        );
      }
    });
    await page.addInitScript(() => {
      document.addEventListener(
        "click",
        (e) => {
          if (e.target?.closest?.("form.sign-in button[type=submit], form.sign-in button")) window.__clickAt ??= performance.now();
        },
        true,
      );
    });
    await page.goto(`${server.url}/settings`);
    await page.getByLabel("事業所コード").fill(office.code);
    await page.getByLabel("ログインID").fill(office.login);
    await page.locator("#sign-in-password").fill(office.password);
    // Let the first load settle (service worker caching, database made) so
    // it does not run beside the sync.
    await page.evaluate(() => Promise.race([navigator.serviceWorker?.ready, new Promise((r) => setTimeout(r, 10000))]));
    await page.waitForFunction(appDatabaseExists, null, { timeout: 30000, polling: 100 });
    await page.waitForTimeout(500);
    const done = page.evaluate(waitSynced, { n: N, deadline: RUN_TIMEOUT_MS });
    await page.getByRole("button", { name: "サインイン", exact: true }).click();
    const r = await done;
    if (r.at === null) throw new Error(`app sync did not finish: count ${r.count}, chip ${r.chip}`);
    const timings = await page.evaluate(apiTimings);
    const s = pullStats(timings);
    const signIn = timings.find((t) => t.path.startsWith("/api/auth/sign-in"));
    // Per page: the network part, then the gap until the next request (the
    // app reading the body, decoding it and apply_remote).
    const pages = s.pulls.map((p, i) => ({
      net: p.end - p.start,
      apply: (i + 1 < s.pulls.length ? s.pulls[i + 1].start : r.at) - p.end,
    }));
    const resp = await Promise.all(responses);
    return {
      total: r.at - r.clickAt,
      signIn: signIn ? signIn.end - r.clickAt : NaN,
      firstPull: s.pulls.length ? s.pulls[0].start - r.clickAt : NaN,
      net: pages.reduce((a, p) => a + p.net, 0),
      apply: pages.reduce((a, p) => a + p.apply, 0),
      pages,
      requests: resp.length,
      transfer: resp.reduce((a, x) => a + x.transfer, 0) || s.transfer,
      decoded: s.decoded,
      count: r.count,
    };
  } finally {
    await device.close();
  }
}

/** B: download the same pages and write them in one transaction. */
async function measureLimit(server, token) {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    let transfer = 0;
    const responses = [];
    page.on("response", (r) => {
      if (r.url().includes("/api/sync/pull")) {
        responses.push(r.request().sizes().then((s) => (transfer += s.responseBodySize)).catch(() => {}));
      }
    });
    // Same origin as the app, without the app running beside it.
    await page.goto(`${server.url}/manifest.webmanifest`);
    const r = await page.evaluate(downloadAndStore, { token, limit: PULL_PAGE, dbName: `bench-limit-${Date.now()}` });
    if (r.count !== N) throw new Error(`limit wrote ${r.count} of ${N}`);
    await Promise.all(responses);
    const s = pullStats(await page.evaluate(apiTimings));
    return { ...r, transfer: transfer || s.transfer, decoded: s.decoded };
  } finally {
    await device.close();
  }
}

async function main() {
  const started = Date.now();
  const database = tempDatabase();
  const office = createOffice(database, { name: "ベンチ事業所", code: "BENCH1", displayName: "管理者" });
  const server = await startServer({ database });
  try {
    const session = await api(server.url, "POST", "/api/auth/sign-in", {
      body: JSON.stringify({ office_code: office.code, login: office.login, password: office.password }),
    });
    const seeded = await seed(server.url, session.token, N);
    if (seeded.pushed !== N) throw new Error(`pushed ${seeded.pushed} of ${N}`);

    const chromium = execFileSync("/usr/bin/chromium", ["--version"]).toString().trim();
    console.log(`seeded ${N} clients in ${seeded.requests} pushes (${mb(seeded.bytes)}), ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const a = [];
    const b = [];
    for (let i = 0; i < RUNS; i++) {
      // Alternate so a slow moment of the machine hits both alike.
      const ra = await measureApp(server, office);
      console.log(
        `  A run ${i + 1}: ${ms(ra.total)} (sign-in ${ms(ra.signIn)}, network ${ms(ra.net)}, between pages ${ms(ra.apply)}; ${ra.requests} pulls)`,
      );
      a.push(ra);
      const rb = await measureLimit(server, session.token);
      console.log(`  B run ${i + 1}: ${ms(rb.total)} (fetch+parse ${ms(rb.fetch)}, one transaction ${ms(rb.write)})`);
      b.push(rb);
    }

    const mA = median(a.map((x) => x.total));
    const mB = median(b.map((x) => x.total));
    say(`# Sync benchmark (${new Date().toISOString()})`);
    say();
    say(`${chromium}, headless; ${N.toLocaleString("en")} clients (one change of 12 field writes each) pushed by one device; pull pages of ${PULL_PAGE}; median of ${RUNS} runs, a fresh profile each.`);
    say();
    say("| measurement | median | min | max | pull requests | transferred (gzip) | JSON decoded |");
    say("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    const row = (name, xs, r) =>
      say(`| ${name} | ${ms(median(xs))} | ${ms(Math.min(...xs))} | ${ms(Math.max(...xs))} | ${r.requests} | ${mb(r.transfer)} | ${mb(r.decoded)} |`);
    row("A: app, sign-in click → 同期済み and all records in IndexedDB", a.map((x) => x.total), a[0]);
    row("B: limit, fetch the same pages + one readwrite transaction", b.map((x) => x.total), b[0]);
    say(`| **A / B** | **${(mA / mB).toFixed(1)}×** (budget 2×) | | | | | |`);
    say();
    say("Where the time goes (medians):");
    say();
    say("| part | A: app | B: limit |");
    say("| --- | ---: | ---: |");
    say(`| sign-in (click → answer) | ${ms(median(a.map((x) => x.signIn)))} | – |`);
    say(`| click → first pull request | ${ms(median(a.map((x) => x.firstPull)))} | – |`);
    say(`| pull requests on the network (sum) | ${ms(median(a.map((x) => x.net)))} | ${ms(median(b.map((x) => x.fetch)))} (fetch + JSON parse, all pages) |`);
    say(`| after each page until the next request / the end (decode + apply_remote) | ${ms(median(a.map((x) => x.apply)))} | ${ms(median(b.map((x) => x.write)))} (one transaction) |`);
    const perPage = a.flatMap((x) => x.pages.map((p) => p.apply));
    say(`| per page of ${PULL_PAGE}: apply, median (min–max) | ${ms(median(perPage))} (${ms(Math.min(...perPage))}–${ms(Math.max(...perPage))}) | – |`);
    say();
    say(`Whole benchmark: ${((Date.now() - started) / 1000).toFixed(0)} s.`);
  } finally {
    await server.stop();
    rmSync(dirname(database.replace(/^sqlite:/, "")), { recursive: true, force: true });
  }
  writeFileSync(join(OUT, "sync.md"), lines.join("\n") + "\n");
  console.log(`\n(written to bench/out/sync.md)`);
}

// Run when started as a script; importing it (for a one-off diagnosis) only
// gives the pieces.
if (import.meta.url === pathToFileURL(process.argv[1]).href) await main();
export { api, seed, measureApp, measureLimit, waitSynced, N, PULL_PAGE };
