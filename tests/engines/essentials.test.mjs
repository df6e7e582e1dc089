// The essentials in every engine staff carry: WebKit (iPhone, iPad), Firefox
// and Chromium (Android, Windows laptops), against the release build and the
// real server. Each engine runs the same scenarios; the sync scenario pairs
// two engines on two devices.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, createOffice, tempDatabase } from "../e2e/harness.mjs";
import {
  ENGINE_NAMES,
  openDevice,
  stopDisplay,
  type,
  press,
  field,
  waitForText,
  valueOf,
  waitForServiceWorker,
  enginesInstalled,
  By,
  until,
  link,
} from "./harness.mjs";

const missing = enginesInstalled();
if (missing.length > 0) throw new Error(`missing: ${missing.join(", ")} (run ./dev install)`);

let database;
let office;
let server;
before(async () => {
  database = tempDatabase();
  office = createOffice(database, { code: "ENGINE1" });
  server = await startServer({ database });
});
after(async () => {
  await server?.stop();
  stopDisplay();
});

/** The server is stopped and started again on the same port and database: "offline" for every engine. */
async function serverDown() {
  await server.stop();
}
async function serverUp() {
  server = await startServer({ database, port: server.port });
}

async function newClient(driver, name) {
  await driver.get(`${server.url}/clients`);
  await press(driver, "新しい利用者");
  await type(driver, "氏名（必須）", name);
  await waitForText(driver, "保存しました");
  return driver.getCurrentUrl();
}

async function signIn(driver) {
  await driver.get(`${server.url}/settings`);
  await type(driver, "事業所コード", office.code);
  await type(driver, "ログインID", office.login);
  await type(driver, "パスワード", office.password);
  await press(driver, "サインイン");
  await waitForText(driver, `${office.name} の ${office.displayName} さんとしてサインインしています。`);
}

async function syncNow(driver) {
  await driver.get(`${server.url}/settings`);
  await press(driver, "今すぐ同期");
  await driver.wait(
    async () => (await driver.findElement(By.id("sync-chip")).getText()).includes("同期済み"),
    30000,
    "never 同期済み",
  );
}

for (const engine of ENGINE_NAMES) {
  test(`${engine}: a client is created and edited, text typed a second before a reload is kept, and the app starts offline`, async () => {
    const device = await openDevice(engine);
    const { driver } = device;
    try {
      await driver.get(`${server.url}/`);
      await waitForText(driver, "ホーム");
      await device.screenshot("home");
      const url = await newClient(driver, `${engine} 太郎`);
      await type(driver, "ふりがな", "えんじん たろう");
      await driver.sleep(1000);
      await driver.navigate().refresh();
      await waitForText(driver, `${engine} 太郎`);
      assert.equal(await valueOf(driver, "ふりがな"), "えんじん たろう");
      await device.screenshot("client");

      // One online visit, then no server: the app and its data still open,
      // and a client made meanwhile is kept. (Firefox's WebDriver reload
      // bypasses the service worker like a forced reload; a plain
      // navigation is what a user does next.)
      await driver.get(`${server.url}/clients`);
      await waitForServiceWorker(driver);
      await serverDown();
      try {
        await driver.get(`${server.url}/clients`);
        await waitForText(driver, `${engine} 太郎`);
        const hanako = await newClient(driver, `${engine} 花子`);
        await driver.get(hanako);
        await driver.get(`${server.url}/clients`);
        await waitForText(driver, `${engine} 花子`);
        await driver.get(url);
        await driver.wait(async () => (await valueOf(driver, "ふりがな")) === "えんじん たろう", 20000);
      } finally {
        await serverUp();
      }
    } finally {
      await device.close();
    }
  });
}

for (const engine of ENGINE_NAMES) {
  test(`${engine}: a visit note in two taps, and an assessment that survives a reload with its radar chart`, async () => {
    const device = await openDevice(engine);
    const { driver } = device;
    try {
      const clientUrl = await newClient(driver, `${engine} 記録`);
      await (await link(driver, "支援記録")).click();
      await waitForText(driver, "まだ記録がありません。");
      // Tap 1: 記録する (the text has the focus), the text, tap 2: 保存.
      await (await driver.wait(until.elementLocated(By.id("note-new")), 20000)).click();
      await driver.wait(() => driver.executeScript("return document.activeElement && document.activeElement.id === 'note-text'"), 20000);
      await driver.switchTo().activeElement().sendKeys(`${engine}で服薬を一緒に確認した。`);
      await press(driver, "保存");
      await waitForText(driver, `${engine}で服薬を一緒に確認した。`);
      await driver.get(await driver.getCurrentUrl());
      await waitForText(driver, `${engine}で服薬を一緒に確認した。`);

      await driver.get(`${clientUrl}/assessments`);
      await press(driver, "新しいアセスメント");
      await waitForText(driver, "評価済み 0/40");
      const need = By.xpath('//*[@data-item="health.diet"]//label[.//text()[normalize-space(.)="支援が必要"]]');
      const label = await driver.wait(until.elementLocated(need), 20000);
      await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", label);
      await label.click();
      await waitForText(driver, "評価済み 1/40");
      await waitForText(driver, "保存しました");
      const assessmentUrl = await driver.getCurrentUrl();
      await driver.get(assessmentUrl);
      await waitForText(driver, "評価済み 1/40");
      await device.screenshot("assessment");
      await driver.get(`${clientUrl}/assessments`);
      const radar = await driver.wait(until.elementLocated(By.css("#radar .radar-after")), 20000);
      assert.match(await radar.getAttribute("data-scores"), /^[1-9]\d*,-,-,-,-,-,-,-$/);
      const size = await driver.executeScript("const r = document.getElementById('radar').getBoundingClientRect(); return [r.width, r.height]");
      assert.ok(size[0] > 150 && size[1] > 150, `radar drawn at ${size}`);
      await device.screenshot("assessment-chart");
    } finally {
      await device.close();
    }
  });
}

for (const [first, second] of [
  ["webkit", "chromium"],
  ["firefox", "webkit"],
]) {
  test(`${first} and ${second}: offline edits of one client converge, and a conflict settled on one is seen on the other`, async () => {
    const a = await openDevice(first);
    const b = await openDevice(second);
    try {
      await signIn(a.driver);
      const url = await newClient(a.driver, `連携 ${first}`);
      await syncNow(a.driver);
      await signIn(b.driver);
      await syncNow(b.driver);
      for (const d of [a, b]) {
        await d.driver.get(url);
        await waitForText(d.driver, `連携 ${first}`);
        await waitForServiceWorker(d.driver);
      }

      await serverDown();
      try {
        await type(a.driver, "担当職員", "佐藤");
        await waitForText(a.driver, "保存しました");
        await type(b.driver, "ふりがな", "れんけい");
        await type(b.driver, "担当職員", "鈴木");
        await waitForText(b.driver, "保存しました");
        await a.driver.sleep(500);
      } finally {
        await serverUp();
      }
      await syncNow(a.driver);
      await syncNow(b.driver);
      await syncNow(a.driver);
      for (const d of [a, b]) {
        await d.driver.get(url);
        await waitForText(d.driver, "佐藤");
        await waitForText(d.driver, "鈴木");
        assert.equal(await valueOf(d.driver, "ふりがな"), "れんけい", d.engine);
      }
      await press(a.driver, "この値にする: 鈴木");
      await a.driver.wait(async () => (await a.driver.findElements(By.css(".conflicts"))).length === 0, 20000);
      await syncNow(a.driver);
      await syncNow(b.driver);
      await b.driver.get(url);
      await field(b.driver, "担当職員");
      await b.driver.wait(async () => (await valueOf(b.driver, "担当職員")) === "鈴木", 20000);
      assert.equal((await b.driver.findElements(By.css(".conflicts"))).length, 0);
    } finally {
      await a.close();
      await b.close();
    }
  });
}
