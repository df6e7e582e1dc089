// 職員の管理: a 管理者 adds a staff member in 設定, who can then sign in on
// another device; a 職員 sees the list but no form; bad input is refused in
// Japanese and adds nobody; the access log shows who read and wrote a
// client's records (管理者 only), and a device marked lost erases itself.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { startServer, createOffice, tempDatabase, launchDevice, assertAccessible, signIn, syncNow, recordCount } from "./harness.mjs";

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


/** A request to the office API from the test itself. */
async function api(method, path, token, body) {
  const headers = { "x-renkei-protocol": "1" };
  if (token) headers.authorization = `Bearer ${token}`;
  if (body) headers["content-type"] = "application/json";
  const response = await fetch(`${server.url}${path}`, { method, headers, body: body && JSON.stringify(body) });
  return { status: response.status, body: await response.text() };
}

test("the access log shows who read and wrote a client's records; a device marked lost erases itself", async () => {
  const admin = await launchDevice();
  const other = await launchDevice();
  try {
    const page = await admin.context.newPage();
    await signIn(page, server.url, office);
    const form = page.locator("form.staff-form");
    await form.getByLabel("表示名").fill("田中 花子");
    await form.getByLabel("ログインID").fill("tanaka");
    await form.getByLabel("初期パスワード").fill("tanaka-password");
    await form.getByRole("button", { name: "職員を追加" }).click();
    await page.getByText("田中 花子 さんを追加しました。").waitFor();

    // A 職員 writes a client on their tablet and syncs.
    const tablet = await other.context.newPage();
    const tanaka = { ...office, login: "tanaka", password: "tanaka-password", displayName: "田中 花子" };
    await signIn(tablet, server.url, tanaka);
    await tablet.goto(`${server.url}/clients`);
    await tablet.getByRole("button", { name: "新しい利用者" }).click();
    await tablet.getByLabel("氏名（必須）").fill("記録 太郎");
    await tablet.getByText("✓ 保存しました").waitFor();
    await syncNow(tablet, server.url);
    assert.ok((await recordCount(tablet)) > 0);
    // 職員 are not offered the access log, and the server refuses them.
    await tablet.locator("#staff-table").getByText("田中 花子").waitFor();
    assert.equal(await tablet.locator("#access-log").count(), 0);
    const signedIn = await api("POST", "/api/auth/sign-in", null, {
      office_code: office.code,
      login: "tanaka",
      password: "tanaka-password",
    });
    const staffToken = JSON.parse(signedIn.body).token;
    assert.equal((await api("GET", "/api/access-log", staffToken)).status, 403);
    assert.equal((await api("GET", "/api/access-log.csv", staffToken)).status, 403);
    assert.equal((await api("POST", "/api/auth/sign-out", staffToken)).status, 204);

    // The 管理者 receives the client, then looks up who read and wrote it.
    await syncNow(page, server.url);
    await page.reload();
    const log = page.locator("#access-log");
    // The filter lists the clients this device holds, once read.
    await log.locator("#access-client option", { hasText: "記録 太郎" }).waitFor({ state: "attached" });
    await log.getByLabel("利用者").selectOption({ label: "記録 太郎" });
    await log.getByRole("button", { name: "表示" }).click();
    const table = log.locator("#access-log-table");
    // The 職員 wrote it and got it back on the same sync; the 管理者 read it.
    await table.locator("tbody tr", { hasText: "田中 花子" }).filter({ hasText: "書き込み" }).waitFor();
    await table.locator("tbody tr", { hasText: "田中 花子" }).filter({ hasText: "閲覧" }).waitFor();
    await table.locator("tbody tr", { hasText: "管理者" }).filter({ hasText: "閲覧" }).waitFor();
    assert.equal(await table.locator("tbody tr").count(), 3);
    assert.match(await table.locator("tbody tr").first().innerText(), /記録 太郎/);
    await assertAccessible(page, "設定（アクセス記録）");
    // By staff member: the 職員's rows only.
    await log.getByLabel("利用者").selectOption({ label: "すべて" });
    await log.getByLabel("職員").selectOption({ label: "田中 花子" });
    await log.getByRole("button", { name: "表示" }).click();
    await table.locator("tbody tr").first().waitFor();
    await page.waitForFunction(
      () => [...document.querySelectorAll("#access-log-table tbody tr")].every((tr) => tr.innerText.includes("田中 花子")),
    );
    // The CSV, for Excel: BOM, CRLF, every field quoted.
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      log.getByRole("button", { name: "CSVをダウンロード" }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "a BOM first");
    const text = bytes.subarray(3).toString("utf8");
    assert.ok(text.startsWith('"日時","職員ID","職員名","端末（セッションID）","利用者ID","操作","件数"\r\n'), text);
    assert.match(text, /"田中 花子"/);

    // The tablet is lost: the 管理者 marks it so.
    const row = page.locator("#staff-table tbody tr", { hasText: "tanaka" });
    await row.getByRole("button", { name: "端末" }).click();
    const panel = page.locator("#staff-panel");
    await panel.getByRole("button", { name: "紛失として登録" }).click();
    const question = panel.getByRole("alertdialog");
    await question.getByText("次にサーバーに接続したときに端末内のデータ").waitFor();
    await assertAccessible(page, "設定（紛失として登録の確認）");
    await question.getByRole("button", { name: "紛失として登録" }).click();
    await page.getByText("紛失として登録しました。").waitFor();
    await panel.getByText("まだ接続していません（次の接続時に消去します）").waitFor();
    await panel.getByText("最終接続:").waitFor();
    await assertAccessible(page, "設定（紛失として登録した端末）");

    // Its next sync erases everything on it and says why.
    await tablet.getByRole("button", { name: "今すぐ同期" }).click();
    await tablet.waitForURL(`${server.url}/`);
    await tablet
      .locator("#device-wiped", { hasText: "この端末は紛失として登録されたため、端末内のデータを消去しました" })
      .waitFor();
    assert.equal(await recordCount(tablet), 0, "no record is left on the tablet");
    await assertAccessible(tablet, "ホーム（紛失として消去した端末）");
    await tablet.goto(`${server.url}/clients`);
    assert.equal(await tablet.getByText("記録 太郎").count(), 0);

    // The 管理者 sees that it came back and was told.
    await row.getByRole("button", { name: "端末" }).click();
    await row.getByRole("button", { name: "端末" }).click();
    await panel.getByText("消去を指示:").waitFor();
  } finally {
    await admin.close();
    await other.close();
  }
});
