// ゴミ箱: a client moved to the trash leaves the list, is listed in the trash
// with the days left, comes back with 「元に戻す」, and the deletion and the
// restore both reach the office's other devices.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, createOffice, tempDatabase, launchDevice, assertAccessible, signIn, syncNow, waitForServiceWorker, goOffline } from "./harness.mjs";

let server;
let office;
before(async () => {
  const database = tempDatabase();
  office = createOffice(database);
  server = await startServer({ database });
});
after(async () => {
  await server?.stop();
});

async function newClient(page, name) {
  await page.goto(`${server.url}/clients`);
  await page.getByRole("button", { name: "新しい利用者" }).click();
  await page.getByLabel("氏名（必須）").fill(name);
  await page.getByText("✓ 保存しました").waitFor();
  return page.url().replace(server.url, "");
}

test("a client goes to the trash and back, on this device and on another", async () => {
  const a = await launchDevice();
  const b = await launchDevice();
  try {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await signIn(pa, server.url, office);
    const url = await newClient(pa, "削除 テスト");
    await newClient(pa, "残る 利用者");
    await syncNow(pa, server.url);
    await signIn(pb, server.url, office);
    await syncNow(pb, server.url);

    // Cancel first: nothing happens.
    await pa.goto(server.url + url);
    await pa.getByRole("button", { name: "ゴミ箱に移す" }).click();
    await pa.getByText("この利用者をゴミ箱に移しますか？").waitFor();
    await assertAccessible(pa, "利用者（削除の確認）");
    await pa.getByRole("button", { name: "キャンセル" }).click();
    assert.equal(await pa.getByRole("alertdialog").count(), 0);

    await pa.getByRole("button", { name: "ゴミ箱に移す" }).click();
    await pa.getByRole("alertdialog").getByRole("button", { name: "ゴミ箱に移す" }).click();
    await pa.waitForURL(`${server.url}/clients`);
    await pa.getByText("残る 利用者").waitFor();
    assert.equal(await pa.getByText("削除 テスト").count(), 0, "gone from the list");

    await pa.getByRole("link", { name: "ゴミ箱" }).click();
    await pa.waitForURL(`${server.url}/trash`);
    const item = pa.locator(".trash-item", { hasText: "削除 テスト" });
    await item.waitFor();
    assert.match(await item.innerText(), /利用者/);
    assert.match(await item.innerText(), /あと30日で完全に削除/);
    await assertAccessible(pa, "ゴミ箱");

    // The deletion reaches device B.
    await syncNow(pa, server.url);
    await syncNow(pb, server.url);
    await pb.goto(`${server.url}/clients`);
    await pb.getByText("残る 利用者").waitFor();
    assert.equal(await pb.getByText("削除 テスト").count(), 0, "deleted on B too");
    // Opened by its address, it says where it is and offers to restore.
    await pb.goto(server.url + url);
    await pb.locator("#in-trash").waitFor();

    // Restored on A: back in the list here, then on B.
    await pa.goto(`${server.url}/trash`);
    await pa.getByRole("button", { name: "元に戻す: 削除 テスト" }).click();
    await pa.getByText("「削除 テスト」を元に戻しました。").waitFor();
    await pa.locator("#trash-empty").waitFor();
    await pa.goto(`${server.url}/clients`);
    await pa.getByText("削除 テスト").waitFor();
    await syncNow(pa, server.url);
    await syncNow(pb, server.url);
    await pb.goto(`${server.url}/clients`);
    await pb.getByText("削除 テスト").waitFor();
  } finally {
    await a.close();
    await b.close();
  }
});

test("a client in the trash can be restored from its own page, offline", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await waitForServiceWorker(page);
    await goOffline(device.context);
    const url = await newClient(page, "戻す 太郎");
    await page.getByRole("button", { name: "ゴミ箱に移す" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "ゴミ箱に移す" }).click();
    await page.waitForURL(`${server.url}/clients`);
    await page.goto(server.url + url);
    await page.locator("#in-trash").waitFor();
    await assertAccessible(page, "ゴミ箱の利用者");
    await page.locator("#in-trash").getByRole("button", { name: "元に戻す" }).click();
    await page.locator("#in-trash").waitFor({ state: "detached" });
    // Still editable after the restore, and the edit keeps it live.
    await page.getByLabel("担当職員").fill("佐藤");
    await page.getByText("✓ 保存しました").waitFor();
    await page.goto(`${server.url}/clients`);
    await page.getByText("戻す 太郎").waitFor();
  } finally {
    await device.close();
  }
});
