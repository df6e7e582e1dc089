// バックアップ: export on one device, import on another.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchDevice, assertAccessible } from "./harness.mjs";

let server;
let work;
before(async () => {
  server = await startServer();
  work = mkdtempSync(join(tmpdir(), "renkei-backup-"));
});
after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

async function addClient(page, name, kana) {
  await page.goto(`${server.url}/clients`);
  await page.getByRole("button", { name: "新しい利用者" }).click();
  await page.getByLabel("氏名（必須）").fill(name);
  await page.getByLabel("ふりがな").fill(kana);
  await page.getByText("✓ 保存しました").waitFor();
}

async function listedNames(page) {
  await page.goto(`${server.url}/clients`);
  await page.locator("#client-count").waitFor();
  await page.waitForFunction(() => !document.body.innerText.includes("読み込み中"));
  return page.locator(".client-list .client-name").allTextContents();
}

const PASSWORD = "夏の朝の道を歩く、犬と";

test("an export is encrypted with the user's password and imports into a fresh browser profile only with it", async () => {
  const file = join(work, "backup.json");
  const first = await launchDevice();
  let names;
  try {
    const page = await first.context.newPage();
    await addClient(page, "山田 太郎", "やまだ たろう");
    await addClient(page, "青木 花子", "あおき はなこ");
    await addClient(page, "佐藤 一郎", "さとう いちろう");
    names = await listedNames(page);
    assert.deepEqual(names, ["青木 花子", "佐藤 一郎", "山田 太郎"]);

    await page.goto(`${server.url}/settings`);
    const exportButton = page.getByRole("button", { name: "暗号化して書き出す" });
    // A short or unconfirmed password is refused before anything is written.
    await page.getByLabel("ファイルのパスワード", { exact: true }).fill("12345");
    await exportButton.click();
    await page.locator("#backup-password-error", { hasText: "10文字以上にしてください。" }).waitFor();
    await page.getByLabel("ファイルのパスワード", { exact: true }).fill(PASSWORD);
    await page.getByLabel("パスワード（確認）").fill("夏の朝の道を歩く、猫と");
    await exportButton.click();
    await page.locator("#backup-password-again-error", { hasText: "確認のパスワードが一致しません。" }).waitFor();
    await assertAccessible(page, "設定（バックアップのパスワード）");

    await page.getByLabel("パスワード（確認）").fill(PASSWORD);
    const download = page.waitForEvent("download");
    await exportButton.click();
    await (await download).saveAs(file);
    await page.getByText("3件のデータを暗号化してファイルに書き出しました。").waitFor();
    await assertAccessible(page, "設定");
  } finally {
    await first.close();
  }
  const text = readFileSync(file, "utf8");
  const backup = JSON.parse(text);
  assert.equal(backup.format, "renkei-backup-encrypted");
  assert.equal(backup.version, 1);
  assert.equal(backup.kdf.algorithm, "PBKDF2-SHA256");
  assert.equal(backup.cipher, "AES-256-GCM");
  for (const name of names) {
    assert.ok(!text.includes(name), `${name} does not appear in the encrypted file`);
  }

  const second = await launchDevice();
  try {
    const page = await second.context.newPage();
    assert.deepEqual(await listedNames(page), []);
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(file);
    await page.getByText("暗号化されたバックアップです。").waitFor();
    await assertAccessible(page, "設定（暗号化されたファイルのパスワード）");
    await page.locator("#backup-file-password").fill("夏の朝の道を歩く、猫と");
    await page.getByRole("button", { name: "開いて読み込む" }).click();
    await page.locator("#backup-file-password-error", { hasText: "パスワードが違うか、ファイルが変更されています。" }).waitFor();
    assert.deepEqual(await listedNames(page), [], "a wrong password changes nothing");

    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(file);
    await page.locator("#backup-file-password").fill(PASSWORD);
    await page.getByRole("button", { name: "開いて読み込む" }).click();
    await page.getByText("読み込みました。追加 3件、更新 0件、変更なし 0件。削除されたデータはありません。").waitFor();
    assert.equal(await page.locator("#backup-file-password").count(), 0, "the password form is gone once the file is read");
    assert.deepEqual(await listedNames(page), names);

    // The same file again: nothing to add, nothing lost.
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(file);
    await page.locator("#backup-file-password").fill(PASSWORD);
    await page.getByRole("button", { name: "開いて読み込む" }).click();
    await page.getByText("追加 0件、更新 0件、変更なし 3件").waitFor();
  } finally {
    await second.close();
  }
});

test("a plain export needs its own explicit choice, and reads back without a password", async () => {
  const file = join(work, "plain.json");
  const first = await launchDevice();
  try {
    const page = await first.context.newPage();
    await addClient(page, "平文 出子", "ひらぶん いずこ");
    await page.goto(`${server.url}/settings`);
    await page.getByText("暗号化せずに書き出す", { exact: true }).first().click();
    const plain = page.getByRole("button", { name: "暗号化せずに書き出す" });
    assert.ok(await plain.isDisabled(), "not before the warning is acknowledged");
    await page.getByText("利用者の氏名や障害・健康の情報がそのまま書かれます").waitFor();
    await page.getByLabel("暗号化しないファイルは誰でも読めることを理解しました").check();
    await assertAccessible(page, "設定（暗号化しない書き出し）");
    const download = page.waitForEvent("download");
    await plain.click();
    await (await download).saveAs(file);
    await page.getByText("1件のデータをファイルに書き出しました。").waitFor();
  } finally {
    await first.close();
  }
  const backup = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(backup.format, "renkei-backup");
  assert.equal(backup.records[0].data.name, "平文 出子");

  const second = await launchDevice();
  try {
    const page = await second.context.newPage();
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(file);
    await page.getByText("読み込みました。追加 1件").waitFor();
    assert.equal(await page.locator("#backup-file-password").count(), 0);
    assert.deepEqual(await listedNames(page), ["平文 出子"]);
  } finally {
    await second.close();
  }
});

test("a file that is not a backup is refused with a Japanese message and changes nothing", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await addClient(page, "山田 太郎", "やまだ たろう");
    const cases = [
      ["not-json.json", "{ this is not json", "このファイルは読み込めません（JSON形式ではありません）。何も変更していません。"],
      ["other.json", JSON.stringify({ hello: "world" }), "連携ノートのバックアップファイルではありません。何も変更していません。"],
      [
        "broken.json",
        JSON.stringify({
          format: "renkei-backup",
          version: 1,
          exported_at: "2026-11-25T00:00:00Z",
          records: [{ kind: "client", id: "not-a-uuid", data: {} }],
        }),
        "ファイルの1件目のデータが正しくありません。何も変更していません。",
      ],
      [
        "future.json",
        JSON.stringify({ format: "renkei-backup", version: 99, exported_at: "2026-11-25T00:00:00Z", records: [] }),
        "新しいバージョンのアプリで作られたファイルです。アプリを更新してから読み込んでください。",
      ],
    ];
    for (const [name, content, message] of cases) {
      const path = join(work, name);
      writeFileSync(path, content);
      await page.goto(`${server.url}/settings`);
      await page.locator("#backup-import").setInputFiles(path);
      await page.getByRole("alert").filter({ hasText: message }).waitFor();
    }
    assert.deepEqual(await listedNames(page), ["山田 太郎"]);
  } finally {
    await device.close();
  }
});
