// The essentials in every engine staff carry: WebKit (iPhone, iPad), Firefox
// and Chromium (Android, Windows laptops), against the release build and the
// real server. Each engine runs the same scenarios; the sync scenario pairs
// two engines on two devices.
import { before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import { join } from "node:path";
import { startServer, createOffice, tempDatabase, ARTIFACTS } from "../e2e/harness.mjs";
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
  assertAccessible,
  follow,
  engineTest,
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
  // Once stored, the address drops `?new` and is the client's own.
  await driver.wait(async () => !(await driver.getCurrentUrl()).includes("?new"), 10000);
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
  let chip = "";
  await driver.wait(
    async () => (chip = await driver.findElement(By.id("sync-chip")).getText()).includes("同期済み"),
    30000,
  ).catch((e) => {
    throw new Error(`never 同期済み (the chip said 「${chip}」): ${e.message}`);
  });
}

for (const engine of ENGINE_NAMES) {
  engineTest(`${engine}: a client is created and edited, text typed a second before a reload is kept, and the app starts offline`, async () => {
    const device = await openDevice(engine);
    const { driver } = device;
    try {
      await driver.get(`${server.url}/`);
      await waitForText(driver, "ホーム");
      await device.screenshot("home");
      await assertAccessible(driver, "ホーム");
      const url = await newClient(driver, `${engine} 太郎`);
      await type(driver, "ふりがな", "えんじん たろう");
      await driver.sleep(1000);
      await driver.navigate().refresh();
      await waitForText(driver, `${engine} 太郎`);
      assert.equal(await valueOf(driver, "ふりがな"), "えんじん たろう");
      await device.screenshot("client");
      await assertAccessible(driver, "利用者");

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
  engineTest(`${engine}: a visit note in two taps, and an assessment that survives a reload with its radar chart`, async () => {
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
      await assertAccessible(driver, "アセスメント");
      await driver.get(`${clientUrl}/assessments`);
      const radar = await driver.wait(until.elementLocated(By.css("#radar .radar-after")), 20000);
      assert.match(await radar.getAttribute("data-scores"), /^[1-9]\d*,-,-,-,-,-,-,-$/);
      // One chart is shown: the labelled one on wide screens, the compact
      // one (①–⑧ with the names listed under it) on narrow ones.
      const size = await driver.executeScript(
        "const r = [...document.querySelectorAll('#radar, #radar-compact')].map((e) => e.getBoundingClientRect()).find((b) => b.width > 0); return r ? [r.width, r.height] : [0, 0]",
      );
      assert.ok(size[0] > 150 && size[1] > 150, `radar drawn at ${size}`);
      await device.screenshot("assessment-chart");
    } finally {
      await device.close();
    }
  });
}

/**
 * Pages in a PDF: page objects are plain in Chromium's output and inside
 * compressed object streams in Firefox's.
 */
function pdfPageCount(pdf) {
  const text = pdf.toString("latin1");
  const pages = (s) => (s.match(/\/Type\s*\/Page\b/g) ?? []).length;
  let count = pages(text);
  for (const m of text.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = text.indexOf("endstream", start);
    try {
      count += pages(inflateSync(pdf.subarray(start, end)).toString("latin1"));
    } catch {
      // not a deflated stream
    }
  }
  return count;
}

/** What 設定 says of storage persistence in each engine, as tested here. */
const PERSISTENCE = {
  // Headless Chromium grants it to installed or much-used sites only.
  chromium: { shown: "無効", canAsk: true },
  // Firefox asks the user in a prompt; until then it is not granted.
  firefox: { shown: "無効", canAsk: true },
  // WebKitGTK has no navigator.storage (nor had Safari before 17).
  webkit: { shown: "このブラウザでは申請できません", canAsk: false },
};

for (const engine of ENGINE_NAMES) {
  engineTest(`${engine}: the plan print view lays out, 設定 says what storage persistence this engine gives, and axe finds nothing serious`, async () => {
    const device = await openDevice(engine);
    const { driver } = device;
    try {
      await newClient(driver, `${engine} 計画`);
      await follow(driver, "個別支援計画");
      await press(driver, "計画を作成");
      await waitForText(driver, "第1版 · 作成中");
      await type(driver, "本人の意向", "一般企業で働きたい");
      await press(driver, "短期目標を追加");
      const goal = await driver.wait(
        until.elementLocated(By.xpath('//fieldset[contains(@class, "goal-card")]//label[normalize-space(.)="目標"]')),
        20000,
      );
      const goalInput = await driver.findElement(By.id(await goal.getAttribute("for")));
      await goalInput.sendKeys(`${engine}で週4日通所する`);
      await waitForText(driver, "保存しました");
      await assertAccessible(driver, "個別支援計画");

      await follow(driver, "印刷用の表示");
      const doc = await driver.wait(until.elementLocated(By.css("article.plan-doc")), 20000);
      await waitForText(driver, "個別支援計画書");
      const docText = await doc.getText();
      for (const expected of [`${engine} 計画 様`, "一般企業で働きたい", `${engine}で週4日通所する`, "本人署名"]) {
        assert.ok(docText.includes(expected), `print view lacks ${expected}:\n${docText}`);
      }
      await assertAccessible(driver, "個別支援計画書（印刷用）");
      // The print rules, applied on screen (every engine lets a page switch a
      // media rule on): the app around the document is hidden and the goals
      // table fits the document's width.
      const layout = await driver.executeScript(`
        for (const sheet of document.styleSheets) {
          for (const rule of sheet.cssRules) {
            if (rule.media && rule.media.mediaText.includes("print")) rule.media.mediaText = "all";
          }
        }
        const shown = (selector) => [...document.querySelectorAll(selector)].some((e) => e.getClientRects().length > 0);
        const doc = document.querySelector("article.plan-doc").getBoundingClientRect();
        const table = document.querySelector("table.doc-goals").getBoundingClientRect();
        return {
          nav: shown(".app-nav") || shown(".app-header") || shown(".no-print"),
          rows: document.querySelectorAll("table.doc-goals tbody tr").length,
          docWidth: doc.width,
          tableWidth: table.width,
          overflow: document.querySelector("article.plan-doc").scrollWidth - document.querySelector("article.plan-doc").clientWidth,
        };`);
      assert.equal(layout.nav, false, "the app's header, navigation and buttons are not printed");
      assert.equal(layout.rows, 1);
      const row = await driver.findElement(By.css("table.doc-goals tbody tr")).getText();
      assert.ok(row.includes(`${engine}で週4日通所する`), `the goal is in the goals table: ${row}`);
      assert.ok(layout.tableWidth <= layout.docWidth + 1 && layout.overflow <= 1, `goals table fits: ${JSON.stringify(layout)}`);
      await device.screenshot("print");
      if (engine !== "webkit") {
        // WebKitWebDriver has no Print command; the other two print to PDF.
        const pdf = Buffer.from(await driver.printPage({ orientation: "portrait", width: 21, height: 29.7 }), "base64");
        writeFileSync(join(ARTIFACTS, `engine-${engine}-plan.pdf`), pdf);
        assert.equal(pdf.subarray(0, 5).toString(), "%PDF-");
        const pages = pdfPageCount(pdf);
        assert.ok(pages >= 1 && pages <= 2, `a short plan prints on one or two A4 pages, not ${pages}`);
      }

      await driver.get(`${server.url}/settings`);
      const persistent = await driver.wait(until.elementLocated(By.id("storage-persistent")), 20000);
      const expected = PERSISTENCE[engine];
      await driver.wait(async () => (await persistent.getText()) === expected.shown, 10000, `${engine} shows ${expected.shown}`);
      assert.equal((await driver.findElements(By.id("persist-request"))).length > 0, expected.canAsk);
      assert.ok((await driver.findElement(By.id("persist-warning")).getText()).includes("バックアップ"));
      await assertAccessible(driver, "設定");
    } finally {
      await device.close();
    }
  });
}

for (const [first, second] of [
  ["webkit", "chromium"],
  ["firefox", "webkit"],
]) {
  engineTest(`${first} and ${second}: offline edits of one client converge, and a conflict settled on one is seen on the other`, async () => {
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
