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

test("export then import into a fresh browser profile gives the same list", async () => {
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
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "ファイルに書き出す" }).click();
    await (await download).saveAs(file);
    await page.getByText("3件のデータをファイルに書き出しました。").waitFor();
    await assertAccessible(page, "設定");
  } finally {
    await first.close();
  }
  const backup = JSON.parse(readFileSync(file, "utf8"));
  assert.equal(backup.format, "renkei-backup");
  assert.equal(backup.version, 1);

  const second = await launchDevice();
  try {
    const page = await second.context.newPage();
    assert.deepEqual(await listedNames(page), []);
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(file);
    await page.getByText("読み込みました。追加 3件、更新 0件、変更なし 0件。削除されたデータはありません。").waitFor();
    assert.deepEqual(await listedNames(page), names);

    // The same file again: nothing to add, nothing lost.
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(file);
    await page.getByText("追加 0件、更新 0件、変更なし 3件").waitFor();
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
