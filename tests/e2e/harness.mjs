// Shared pieces of the end-to-end tests: the real server on a free loopback
// port serving the release build, Chromium from Debian, and axe-core.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { AxeBuilder } from "@axe-core/playwright";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const ARTIFACTS = join(ROOT, "test-results");
mkdirSync(ARTIFACTS, { recursive: true });

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

// `./dev test` runs the server its native tests built (target/debug): the
// same code, without a second, optimised build. Benchmarks use the release one.
const SERVER_BIN = process.env.RENKEI_SERVER_BIN ?? join(ROOT, "target", "release", "renkei-server");

/** A fresh SQLite database URL in a temp dir (one per test file or server). */
export function tempDatabase() {
  const dir = mkdtempSync(join(tmpdir(), "renkei-db-"));
  return `sqlite:${join(dir, "renkei.db")}`;
}

/**
 * Starts the server (`RENKEI_SERVER_BIN`, else target/release/renkei-server); resolves to { url, port, stop, kill }.
 * A free port unless `port` is given; a fresh SQLite database unless
 * `database` is given.
 */
export function startServer({ dist = join(ROOT, "dist"), database = tempDatabase(), port = 0 } = {}) {
  const child = spawn(SERVER_BIN, ["serve", "--addr", `127.0.0.1:${port}`, "--dist", dist, "--database-url", database], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/\S+)/);
      if (m) {
        const exited = new Promise((done) => (child.exitCode !== null ? done() : child.once("exit", done)));
        resolve({
          url: m[1],
          port: Number(new URL(m[1]).port),
          database,
          stop: async () => {
            if (child.exitCode === null) child.kill("SIGTERM");
            await exited;
          },
          /** Ends the process at once, as a crash would. */
          kill: async () => {
            if (child.exitCode === null) child.kill("SIGKILL");
            await exited;
          },
        });
      }
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}): ${stderr}`)));
  });
}

/** Creates an office and its administrator through the server's CLI. */
export function createOffice(database, { name = "テスト事業所", code = "TEST01", login = "admin", displayName = "管理者", password = "correct-horse-battery" } = {}) {
  execFileSync(
    SERVER_BIN,
    ["create-office", "--database-url", database, "--name", name, "--code", code, "--admin-login", login, "--admin-name", displayName],
    { env: { ...process.env, RENKEI_ADMIN_PASSWORD: password }, stdio: ["ignore", "pipe", "pipe"] },
  );
  return { code, login, password, name, displayName };
}

/** A persistent Chromium profile (a fresh "device"); installability checks need one. */
/**
 * The passcode every test device is set up with. The app asks for a
 * passcode before anything else (set it on first use, enter it after each
 * load); `page.goto` and `page.reload` below answer that screen, so tests
 * go on as a user who typed it. Tests of the passcode screens themselves
 * use `gotoLocked`.
 */
export const PASSCODE = "583917";

const APP_OR_PASSCODE = ".app-header, #passcode-setup, #passcode-unlock";

/** Answers the passcode screen the app shows after a load, if it does. */
export async function passPasscodeScreen(page) {
  const url = page.url();
  if (!/^https?:/.test(url) || new URL(url).pathname.startsWith("/api")) return;
  const shown = await page.waitForSelector(APP_OR_PASSCODE, { timeout: 20_000 }).catch(() => null);
  if (!shown) return;
  const id = await shown.evaluate((e) => e.id).catch(() => "");
  if (id === "passcode-setup") {
    await page.fill("#setup-passcode", PASSCODE);
    await page.fill("#setup-passcode-again", PASSCODE);
    await page.click("#passcode-setup button[type=submit]");
  } else if (id === "passcode-unlock") {
    await page.fill("#unlock-passcode", PASSCODE);
    await page.click("#passcode-unlock button[type=submit]");
  } else {
    return;
  }
  await page.waitForSelector(".app-header", { timeout: 30_000 });
}

const ORIGINAL = Symbol("renkei.original");

/**
 * Makes every page's goto and reload answer the passcode screen (all pages
 * share the prototype patched here). Done by launchDevice and launchBrowser;
 * a test that starts a browser otherwise calls it with its first page.
 */
export function answerPasscodeOnLoad(page) {
  const proto = Object.getPrototypeOf(page);
  if (proto[ORIGINAL]) return;
  const original = { goto: proto.goto, reload: proto.reload };
  proto[ORIGINAL] = original;
  proto.goto = async function (...args) {
    const response = await original.goto.apply(this, args);
    await passPasscodeScreen(this);
    return response;
  };
  proto.reload = async function (...args) {
    const response = await original.reload.apply(this, args);
    await passPasscodeScreen(this);
    return response;
  };
}

/** `page.goto` that leaves the passcode screen to the test. */
export async function gotoLocked(page, url) {
  return Object.getPrototypeOf(page)[ORIGINAL].goto.call(page, url);
}

/** `page.reload` that leaves the passcode screen to the test. */
export async function reloadLocked(page) {
  return Object.getPrototypeOf(page)[ORIGINAL].reload.call(page);
}

async function patchPages(context) {
  const page = context.pages()[0] ?? (await context.newPage());
  answerPasscodeOnLoad(page);
}

export async function launchDevice(options = {}) {
  const profile = mkdtempSync(join(tmpdir(), "renkei-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    locale: "ja-JP",
    timezoneId: "Asia/Tokyo",
    acceptDownloads: true,
    ...options,
  });
  await patchPages(context);
  return {
    context,
    /** The browser's profile directory (its IndexedDB and caches on disk). */
    profile,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    },
  };
}

export async function launchBrowser() {
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", headless: true, args: CHROMIUM_ARGS });
  const probe = await browser.newContext();
  await patchPages(probe);
  await probe.close();
  return browser;
}

/**
 * Fails on any serious or critical axe-core finding on the current page, and
 * on any free-text control whose value the browser would write into the
 * tab's saved state on disk: a text area without autocomplete="off" on
 * itself (Firefox looks there) and on the form that owns it (Chromium and
 * WebKit look there), a text input with no autocomplete attribute.
 */
export async function assertAccessible(page, label) {
  const kept = await page.evaluate(() =>
    [...document.querySelectorAll("textarea, input")]
      .filter((el) =>
        el.localName === "textarea"
          ? el.getAttribute("autocomplete") !== "off" || el.form?.getAttribute("autocomplete") !== "off"
          : ["text", "search", "tel", "email", "url"].includes(el.type) && !el.hasAttribute("autocomplete"),
      )
      .map((el) => el.id || el.outerHTML.slice(0, 80)),
  );
  assert.deepEqual(kept, [], `free text the browser would keep in the tab's state on ${label}`);
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length > 0) {
    const detail = bad
      .map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.nodes.map((n) => n.target.join(" ")).join("\n  ")}`)
      .join("\n");
    throw new Error(`axe found ${bad.length} serious/critical issue(s) on ${label}:\n${detail}`);
  }
}

/** Waits until the service worker controls the page (offline start works). */
export async function waitForServiceWorker(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((r) => navigator.serviceWorker.addEventListener("controllerchange", r, { once: true }));
    }
  });
}

/**
 * Takes a device offline, but only once the service worker controls each
 * of its open pages: before that, a navigation offline fails
 * (net::ERR_INTERNET_DISCONNECTED) however the app behaves, and a test
 * would fail by chance. Every test goes offline through this.
 */
export async function goOffline(context) {
  for (const page of context.pages()) {
    if (page.url().startsWith("http")) await waitForServiceWorker(page);
  }
  await context.setOffline(true);
}

/** Signs a device in through 設定 and waits until it says so. */
export async function signIn(page, url, who) {
  await page.goto(`${url}/settings`);
  await page.getByLabel("事業所コード").fill(who.code);
  await page.getByLabel("ログインID").fill(who.login);
  await page.getByLabel("パスワード", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "サインイン", exact: true }).click();
  await page.getByText(`${who.name} の ${who.displayName} さんとしてサインインしています。`).waitFor();
}

/** Syncs from 設定 and waits for the status chip to say 同期済み. */
export async function syncNow(page, url) {
  await page.goto(`${url}/settings`);
  await page.getByRole("button", { name: "今すぐ同期" }).click();
  await page.locator("#sync-chip", { hasText: "✓ 同期済み" }).waitFor();
}

/**
 * A backup file (the app's JSON export format) holding `records`, each
 * `{ kind, id, data }`, to set up a test's records through 設定's import.
 */
export function backupFile(records) {
  const now = new Date().toISOString();
  const file = join(mkdtempSync(join(tmpdir(), "renkei-backup-")), "backup.json");
  const envelope = ({ kind, id, data }) => ({
    kind,
    id,
    office_id: null,
    created_at: now,
    created_by: "test",
    updated_at: now,
    updated_by: "test",
    rev: 1,
    deleted: false,
    data,
  });
  writeFileSync(
    file,
    JSON.stringify({ format: "renkei-backup", version: 1, exported_at: now, records: records.map(envelope) }),
  );
  return file;
}

/** How many records the device holds in IndexedDB. */
export async function recordCount(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("renkei");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const count = await new Promise((resolve, reject) => {
      const request = db.transaction("records").objectStore("records").count();
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    db.close();
    return count;
  });
}
