// Offline start, installability and the update prompt of the release build.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchDevice, waitForServiceWorker, assertAccessible, ROOT, goOffline, passPasscodeScreen } from "./harness.mjs";
import { lazyModuleFiles } from "../../tools/first-load.mjs";

let server;
let dist;
before(async () => {
  // A private copy of the build, so the update test can change it.
  dist = mkdtempSync(join(tmpdir(), "renkei-dist-"));
  cpSync(join(ROOT, "dist"), dist, { recursive: true });
  server = await startServer({ dist });
});
after(async () => {
  await server?.stop();
  rmSync(dist, { recursive: true, force: true });
});

test("after one online visit the app and its data start offline, and a client made offline survives", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("オンライン 太郎");
    await page.getByText("✓ 保存しました").waitFor();
    await waitForServiceWorker(page);

    await goOffline(device.context);
    await page.goto(`${server.url}/clients`);
    await page.getByText("オンライン 太郎").waitFor();
    // Nothing of the list is prepared before the passcode opened the device.
    const marks = await page.evaluate(() =>
      performance.getEntriesByType("mark").map((m) => m.name).filter((n) => /^renkei:(list:prepared|unlock:opened)$/.test(n)),
    );
    assert.deepEqual(marks, ["renkei:unlock:opened", "renkei:list:prepared"], `order of marks: ${marks.join(", ")}`);

    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("オフライン 花子");
    await page.getByText("✓ 保存しました").waitFor();
    await page.reload();
    assert.equal(await page.getByLabel("氏名（必須）").inputValue(), "オフライン 花子");

    await page.goto(`${server.url}/clients`);
    await page.getByText("オフライン 花子").waitFor();
    await page.getByText("オンライン 太郎").waitFor();
    await assertAccessible(page, "利用者一覧（オフライン）");
  } finally {
    await device.close();
  }
});

test("pages whose code loads on first use open offline though never visited online", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    const split = [];
    page.on("request", (r) => /\/(split|chunk)_[^/]*\.wasm$/.test(new URL(r.url()).pathname) && split.push(r.url()));
    // Only ホーム online: the main module, the passcode screen's module
    // with the sealing code, and the dashboard's module with the chunks
    // that one shares with the plan pages.
    await page.goto(server.url);
    await page.getByRole("heading", { name: "ホーム" }).waitFor();
    await page.locator("#dash-plans").waitFor();
    await waitForServiceWorker(page);
    const names = (urls) => [...new Set(urls.map((u) => new URL(u).pathname.slice(1)))].sort();
    const expected = new Set(["vault_screen", "vault_cipher", "dashboard_on_first_use"].flatMap((m) => lazyModuleFiles(join(ROOT, "dist"), m)));
    assert.deepEqual(names(split), [...expected].sort(), "ホーム loads the passcode screen's and its dashboard's modules only");
    split.length = 0;

    await goOffline(device.context);
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("オフライン 次郎");
    await page.getByText("✓ 保存しました").waitFor();
    const client = new URL(page.url()).pathname;
    for (const [path, heading] of [
      [`${client}/notes`, "支援記録"],
      [`${client}/plan`, "個別支援計画"],
      [`${client}/assessments`, "8領域アセスメント オフライン 次郎"],
      ["/settings", "設定"],
      ["/trash", "ゴミ箱"],
      ["/attention", "対応が必要な計画"],
      [`${client}/network`, "オフライン 次郎さんの支援ネットワーク"],
      ["/agencies", "関係機関（社会資源）"],
      ["/network", "地域を知る"],
      [`${client}/handover`, "オフライン 次郎さんの引き継ぎシート"],
      [`${client}/meetings`, "オフライン 次郎さんの地域連携会議"],
      ["/billing", "地域連携会議実施加算 請求一覧"],
    ]) {
      await page.goto(`${server.url}${path}`);
      await page.getByRole("heading", { level: 1, name: heading }).waitFor();
    }
    assert.ok(split.length > 0, "the pages came from chunks");
    assert.deepEqual(errors, []);
  } finally {
    await device.close();
  }
});

test("Chromium reports no installability errors", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(server.url);
    await waitForServiceWorker(page);
    const cdp = await device.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    assert.deepEqual(installabilityErrors, []);
    const manifest = await cdp.send("Page.getAppManifest");
    assert.deepEqual(manifest.errors, []);
  } finally {
    await device.close();
  }
});

test("a new deployment is offered with a button and never reloads by itself", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await waitForServiceWorker(page);
    await page.getByLabel("氏名（必須）").fill("入力中");

    // Deploy "a new version": the worker file changes.
    const sw = join(dist, "sw.js");
    writeFileSync(sw, readFileSync(sw, "utf8").replace(/const BUILD = "([0-9a-f]+)"/, 'const BUILD = "$1-next"'));
    // A deployment replaces the build's compressed copies too; here the
    // server falls back to compressing the new file itself.
    for (const copy of [`${sw}.br`, `${sw}.gz`]) rmSync(copy, { force: true });
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());

    const banner = page.getByText("新しいバージョンがあります");
    await banner.waitFor();
    // Still the same page with the text being typed: no reload happened.
    assert.equal(await page.getByLabel("氏名（必須）").inputValue(), "入力中");

    await page.getByText("✓ 保存しました").waitFor();
    const reloaded = page.waitForEvent("load");
    await page.getByRole("button", { name: "更新する" }).click();
    await reloaded;
    // A reload drops the key from memory: the passcode is asked again.
    await passPasscodeScreen(page);
    await page.getByLabel("氏名（必須）").waitFor();
    assert.equal(await page.getByLabel("氏名（必須）").inputValue(), "入力中");
    const build = await page.evaluate(async () => {
      const channel = new MessageChannel();
      const reply = new Promise((r) => (channel.port1.onmessage = (e) => r(e.data.build)));
      navigator.serviceWorker.controller.postMessage({ type: "GET_VERSION" }, [channel.port2]);
      return reply;
    });
    assert.match(build, /-next$/);
    assert.equal(await page.getByText("新しいバージョンがあります").count(), 0);
  } finally {
    await device.close();
  }
});

test("a newer app in another tab takes the database over: this tab gives way and says so", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("山田 太郎");
    await page.getByText("✓ 保存しました").waitFor();

    // Another tab opens the database at a later schema version.
    const other = await device.context.newPage();
    await other.goto(`${server.url}/manifest.webmanifest`);
    const upgraded = await other.evaluate(
      () =>
        new Promise((resolve, reject) => {
          const req = indexedDB.open("renkei", 99);
          req.onsuccess = () => resolve(req.result.version);
          req.onerror = () => reject(req.error);
          req.onblocked = () => reject(new Error("blocked by the app tab"));
        }),
    );
    assert.equal(upgraded, 99);
    await page.getByText("別のタブで新しいバージョンのアプリが開かれました。このタブを再読み込みしてください。").waitFor();
    await assertAccessible(page, "更新のお知らせ");
    await other.close();

    // This older app cannot open the newer database: it says so and keeps the data.
    await page.reload();
    await page.getByText("このデータは新しいバージョンのアプリで使われています。").first().waitFor();
  } finally {
    await device.close();
  }
});

test("in an iPhone Safari tab the app urges installing to the home screen, with the steps", async () => {
  const iphone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1";
  const device = await launchDevice({ userAgent: iphone, viewport: { width: 390, height: 844 } });
  try {
    const page = await device.context.newPage();
    await page.goto(server.url);
    await page.getByRole("heading", { name: "ホーム画面に追加してください" }).waitFor();
    await page.getByText("「ホーム画面に追加」").waitFor();
    await assertAccessible(page, "ホーム（iPhone）");
  } finally {
    await device.close();
  }
  // Not shown elsewhere.
  const desktop = await launchDevice();
  try {
    const page = await desktop.context.newPage();
    await page.goto(server.url);
    await page.getByRole("heading", { name: "ホーム", level: 1 }).waitFor();
    assert.equal(await page.getByText("ホーム画面に追加してください").count(), 0);
  } finally {
    await desktop.close();
  }
});
