// 職員の管理: a 管理者 adds a staff member in 設定, who can then sign in on
// another device; a 職員 sees the list but no form; bad input is refused in
// Japanese and adds nobody.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, createOffice, tempDatabase, launchDevice, assertAccessible, signIn } from "./harness.mjs";

let server;
let office;
before(async () => {
  const database = tempDatabase();
  office = createOffice(database, { code: "STAFF01" });
  server = await startServer({ database });
});
after(async () => {
  await server?.stop();
});

test("an administrator adds a staff member who can then sign in; staff cannot add", async () => {
  const admin = await launchDevice();
  const other = await launchDevice();
  try {
    const page = await admin.context.newPage();
    await signIn(page, server.url, office);
    const table = page.locator("#staff-table");
    await table.locator("tbody tr", { hasText: office.login }).waitFor();
    assert.match(await table.locator("tbody tr", { hasText: office.login }).innerText(), /管理者/);
    await assertAccessible(page, "設定（職員の管理）");

    const form = page.locator("form.staff-form");
    // Too short a password: refused with the server's Japanese message.
    await form.getByLabel("表示名").fill("鈴木 一郎");
    await form.getByLabel("ログインID").fill("suzuki");
    await form.getByLabel("初期パスワード").fill("short");
    await form.getByRole("button", { name: "職員を追加" }).click();
    await page.getByText("パスワードは8文字以上にしてください").waitFor();
    assert.equal(await table.getByText("鈴木 一郎").count(), 0, "nobody added");

    await form.getByLabel("初期パスワード").fill("suzuki-password");
    await form.getByRole("button", { name: "職員を追加" }).click();
    await page.getByText("鈴木 一郎 さんを追加しました。").waitFor();
    await table.getByText("鈴木 一郎").waitFor();

    // The same login again is refused.
    await form.getByLabel("表示名").fill("鈴木 二郎");
    await form.getByLabel("ログインID").fill("suzuki");
    await form.getByLabel("初期パスワード").fill("another-password");
    await form.getByRole("button", { name: "職員を追加" }).click();
    await page.getByText("このログインIDはすでに使われています").waitFor();

    // The new member signs in elsewhere and sees the list without the form.
    const p2 = await other.context.newPage();
    const suzuki = { ...office, login: "suzuki", password: "suzuki-password", displayName: "鈴木 一郎" };
    await signIn(p2, server.url, suzuki);
    await p2.locator("#staff-table").getByText("鈴木 一郎").waitFor();
    await p2.getByText("職員の追加は管理者だけができます。").waitFor();
    assert.equal(await p2.locator("form.staff-form").count(), 0);
    assert.equal(await p2.locator("#staff-table tbody tr").count(), 2);
  } finally {
    await admin.close();
    await other.close();
  }
});
