// The passcode: set on first use, asked after every load and after the
// idle lock, ten wrong tries erase the device; what is stored on the device
// (IndexedDB, localStorage, the profile on disk) holds no client's name.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import {
  startServer,
  createOffice,
  tempDatabase,
  launchDevice,
  assertAccessible,
  signIn,
  syncNow,
  gotoLocked,
  reloadLocked,
  PASSCODE,
} from "./harness.mjs";

let server;
let office;
before(async () => {
  const database = tempDatabase();
  office = createOffice(database, { code: "VAULT01" });
  server = await startServer({ database });
});
after(async () => {
  await server?.stop();
});

async function unlock(page, passcode = PASSCODE) {
  await page.locator("#unlock-passcode").fill(passcode);
  await page.locator("#passcode-unlock button[type=submit]").click();
}

/** Every value in every object store of the app's database, as text. */
async function rawDatabase(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const open = indexedDB.open("renkei");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const parts = [];
    for (const name of db.objectStoreNames) {
      const values = await new Promise((resolve, reject) => {
        const all = db.transaction(name).objectStore(name).getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
      parts.push(`${name}:${JSON.stringify(values)}`);
    }
    db.close();
    return parts.join("\n");
  });
}

/** The files under `dir` that hold `text` in UTF-8 or UTF-16. */
function filesHolding(dir, text) {
  const needles = [Buffer.from(text, "utf8"), Buffer.from(text, "utf16le")];
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(d)) {
      const path = join(d, entry);
      let info;
      try {
        info = statSync(path);
      } catch {
        continue;
      }
      if (info.isDirectory()) walk(path);
      else if (info.isFile()) {
        const bytes = readFileSync(path);
        if (needles.some((n) => bytes.includes(n))) found.push(path);
      }
    }
  };
  walk(dir);
  return found;
}

test("a passcode is set on first use; locked, nothing on the device reads a client's name", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await gotoLocked(page, server.url);
    await page.locator("#passcode-setup").waitFor();
    assert.equal(await page.locator(".app-header").count(), 0, "nothing of the app shows before the passcode");
    await assertAccessible(page, "パスコードの設定");
    // Too simple, then typed differently twice: said, nothing set.
    await page.locator("#setup-passcode").fill("123456");
    await page.locator("#setup-passcode-again").fill("123456");
    await page.locator("#passcode-setup button[type=submit]").click();
    await page.locator("#setup-passcode-error", { hasText: "123456 のような並びは使えません" }).waitFor();
    await page.locator("#setup-passcode").fill(PASSCODE);
    await page.locator("#setup-passcode-again").fill("583910");
    await page.locator("#passcode-setup button[type=submit]").click();
    await page.locator("#setup-passcode-again-error", { hasText: "2回の入力が一致しません。" }).waitFor();
    await page.locator("#setup-passcode-again").fill(PASSCODE);
    await page.locator("#passcode-setup button[type=submit]").click();
    await page.locator(".app-header").waitFor();

    // A client with a name found nowhere else.
    const name = "錠前 秘密子";
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill(name);
    await page.getByLabel("ふりがな").fill("じょうまえ ひみつこ");
    await page.getByText("✓ 保存しました").waitFor();
    // A note typed and left unsent sits in the outbox and drafts too.
    await page.getByLabel("本人の意向").fill("秘密子さんの願い");
    await page.getByText("✓ 保存しました").waitFor();
    // Long enough for the browser to write the tab's state (its session
    // file keeps form values typed on a page) before the lock.
    await page.waitForTimeout(4000);

    await page.getByRole("button", { name: "ロック", exact: true }).click();
    await page.locator("#passcode-unlock").waitFor();
    assert.equal(await page.getByText(name).count(), 0, "the locked page shows nothing of the client");
    await assertAccessible(page, "ロック中");

    const raw = await rawDatabase(page);
    assert.ok(raw.includes("records:"), "the database was read");
    for (const secret of [name, "秘密子", "じょうまえ", "願い"]) {
      assert.ok(!raw.includes(secret), `${secret} is readable in IndexedDB`);
    }
    const local = await page.evaluate(() => JSON.stringify(Object.entries(localStorage)));
    assert.ok(!local.includes("秘密子"), "nor in localStorage");
    assert.ok(!page.url().includes("秘密"), "nor in the URL");
    // The profile on disk: IndexedDB's files, the service worker's cache.
    await page.waitForTimeout(4000);
    assert.deepEqual(filesHolding(device.profile, "秘密子"), [], "no file of the browser profile holds the name");

    // A wrong passcode says how many tries are left; the right one opens.
    await unlock(page, "111222");
    await page.getByText("パスコードが違います。あと9回まちがえると").waitFor();
    await assertAccessible(page, "パスコードの誤り");
    await unlock(page);
    await page.locator(".app-header").waitFor();
    await page.goto(`${server.url}/clients`);
    await page.getByRole("link", { name: new RegExp(name) }).waitFor();
    // A reload asks again.
    await reloadLocked(page);
    await page.locator("#passcode-unlock").waitFor();
    await unlock(page);
    await page.getByRole("link", { name: new RegExp(name) }).waitFor();
  } finally {
    await device.close();
  }
});

test("idle past the limit the app locks, and what was typed before is kept", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.clock.install();
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("居眠り 太郎");
    await page.getByText("✓ 保存しました").waitFor();
    const url = page.url();
    // Typed, and the device put down at once.
    await page.getByLabel("家族の意向").pressSequentially("送り迎えを続けてほしい", { delay: 10 });
    await page.clock.fastForward("05:30");
    await page.locator("#passcode-unlock").waitFor();
    assert.equal(await page.getByText("居眠り 太郎").count(), 0);
    await unlock(page);
    await page.locator(".app-header").waitFor();
    await page.goto(url);
    await page.getByLabel("家族の意向").waitFor();
    assert.equal(await page.getByLabel("家族の意向").inputValue(), "送り迎えを続けてほしい");
  } finally {
    await device.close();
  }
});

test("ten wrong passcodes erase the device; after signing in its records come back", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await signIn(page, server.url, office);
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("復元 花子");
    await page.getByText("✓ 保存しました").waitFor();
    await syncNow(page, server.url);

    await gotoLocked(page, server.url);
    await page.locator("#passcode-unlock").waitFor();
    // What sync brought is on disk only sealed (the server's answers are
    // not cached either).
    assert.ok(!(await rawDatabase(page)).includes("復元 花子"));
    assert.deepEqual(filesHolding(device.profile, "復元 花子"), []);
    for (let n = 1; n <= 9; n++) {
      await unlock(page, "908172");
      const left = 10 - n;
      await page.locator("#passcode-failed", { hasText: `あと${left}回` }).waitFor();
      if (left <= 3) await page.locator("#passcode-failed", { hasText: "ご注意ください" }).waitFor();
    }
    await assertAccessible(page, "最後の試行の前の警告");
    await unlock(page, "908172");
    await page.locator("#device-wiped", { hasText: "パスコードを10回まちがえたため" }).waitFor();
    await page.locator("#passcode-setup").waitFor();
    const raw = await rawDatabase(page);
    assert.ok(!raw.includes("vault_key"), "the wrapped key is gone");
    assert.ok(!/"kind":"client"/.test(raw), "and every record");

    // A new passcode, sign in: the office's server sends the client back.
    await page.goto(server.url);
    await signIn(page, server.url, office);
    await syncNow(page, server.url);
    await page.goto(`${server.url}/clients`);
    await page.getByRole("link", { name: /復元 花子/ }).waitFor();
  } finally {
    await device.close();
  }
});
