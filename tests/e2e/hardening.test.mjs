// Sync that never wedges and accounts that can be closed: a large offline
// backlog goes out in pieces the server takes, an expired sign-in is renewed
// without losing unsent work, a disabled account's device erases itself, and
// sign-out leaves no typed text behind on a shared tablet.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import {
  startServer,
  createOffice,
  tempDatabase,
  launchDevice,
  assertAccessible,
  signIn,
  syncNow,
  goOffline,
  recordCount,
} from "./harness.mjs";

let server;
let office;

before(async () => {
  office = createOffice((server = { database: tempDatabase() }).database, { code: "HARD01" });
  server = await startServer({ database: server.database });
});
after(async () => {
  await server?.stop();
});

/** Counts this device's stored records of one kind, straight from IndexedDB. */
function countRecords(page, kind) {
  return page.evaluate(
    (kind) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open("renkei");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction("records").objectStore("records").index("kind").count(kind);
          request.onsuccess = () => {
            db.close();
            resolve(request.result);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    kind,
  );
}

/** A backup file with one client and `count` visit notes of 1,400 characters. */
function backlogFile(count) {
  const at = "2026-11-01T09:00:00Z";
  const meta = (id) => ({
    id,
    office_id: null,
    created_at: at,
    created_by: "device-old-tablet",
    updated_at: at,
    updated_by: "device-old-tablet",
    rev: 1,
    deleted: false,
  });
  const clientId = randomUUID();
  const records = [{ kind: "client", ...meta(clientId), data: { name: "記録 多子" } }];
  const text = "本人と職場を訪問し、作業の様子と休憩時間の過ごし方を確認した。".repeat(47).slice(0, 1400);
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    records.push({
      kind: "visit_note",
      ...meta(id),
      data: { id, client_id: clientId, at: "2026-11-01T10:00:00", place: "workplace", text: `${i}: ${text}` },
    });
  }
  const dir = mkdtempSync(join(tmpdir(), "renkei-backlog-"));
  const path = join(dir, "backlog.json");
  writeFileSync(path, JSON.stringify({ format: "renkei-backup", version: 1, exported_at: at, records }));
  return path;
}

test("a backlog of more than 3 MB written offline goes out completely, in pushes the server accepts", async () => {
  const writer = await launchDevice();
  const reader = await launchDevice();
  try {
    const page = await writer.context.newPage();
    await signIn(page, server.url, office);
    await goOffline(writer.context);
    const notes = 700;
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(backlogFile(notes));
    await page.getByText(/追加 701件/).waitFor({ timeout: 60000 });

    const pushes = [];
    page.on("response", (r) => {
      if (r.url().endsWith("/api/sync/push")) pushes.push(r.status());
    });
    let bytes = 0;
    page.on("request", (r) => {
      if (r.url().endsWith("/api/sync/push")) bytes += Buffer.byteLength(r.postData() ?? "");
    });
    await writer.context.setOffline(false);
    await page.getByRole("button", { name: "今すぐ同期" }).click();
    await page.locator("#sync-chip", { hasText: "✓ 同期済み" }).waitFor({ timeout: 120000 });
    assert.ok(bytes > 3 * 1024 * 1024, `pushed ${bytes} bytes`);
    assert.ok(pushes.length >= 2, `split into ${pushes.length} pushes`);
    assert.deepEqual([...new Set(pushes)], [200], "no push was refused");

    const other = await reader.context.newPage();
    await signIn(other, server.url, office);
    await syncNow(other, server.url);
    assert.equal(await countRecords(other, "visit_note"), notes);
  } finally {
    await writer.close();
    await reader.close();
  }
});

/** Ends every session of the office in the database, as 30 days without use would. */
function expireSessions(database) {
  const file = database.replace(/^sqlite:/, "");
  execFileSync("python3", [
    "-c",
    "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE sessions SET expires_at = 1000'); c.commit()",
    file,
  ]);
}

test("a device whose sign-in expired signs in again and its unsent changes go out", async () => {
  const database = tempDatabase();
  const own = createOffice(database, { code: "EXPIRE1" });
  const srv = await startServer({ database });
  const device = await launchDevice();
  const witness = await launchDevice();
  try {
    const page = await device.context.newPage();
    await signIn(page, srv.url, own);
    await syncNow(page, srv.url);
    await goOffline(device.context);
    await page.goto(`${srv.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("期限 切子");
    await page.getByText("✓ 保存しました").waitFor();

    expireSessions(database);
    await device.context.setOffline(false);
    await page.goto(`${srv.url}/settings`);
    await page.getByRole("button", { name: "今すぐ同期" }).click();
    await page.locator("#sync-chip", { hasText: "サインインし直してください" }).waitFor();
    const renew = page.locator("#sign-in-again");
    await renew.getByText("この端末の記録と未送信の変更はそのまま残ります").waitFor();
    assert.equal(await renew.getByLabel("事業所コード").inputValue(), own.code);
    assert.equal(await renew.getByLabel("ログインID").inputValue(), own.login);
    await assertAccessible(page, "設定（もう一度サインイン）");
    await renew.getByLabel("パスワード", { exact: true }).fill(own.password);
    await renew.getByRole("button", { name: "もう一度サインイン" }).click();
    await page.locator("#sync-chip", { hasText: "✓ 同期済み" }).waitFor();
    await page.goto(`${srv.url}/clients`);
    await page.getByText("期限 切子").waitFor();

    const other = await witness.context.newPage();
    await signIn(other, srv.url, own);
    await syncNow(other, srv.url);
    await other.goto(`${srv.url}/clients`);
    await other.getByText("期限 切子").waitFor();
  } finally {
    await device.close();
    await witness.close();
    await srv.stop();
  }
});

test("an administrator disables a staff member, whose device erases itself; a revoked device must sign in again", async () => {
  const admin = await launchDevice();
  const staffDevice = await launchDevice();
  try {
    const page = await admin.context.newPage();
    await signIn(page, server.url, office);
    const form = page.locator("form.staff-form");
    await form.getByLabel("表示名").fill("退職 予定");
    await form.getByLabel("ログインID").fill("leaver");
    await form.getByLabel("初期パスワード").fill("leaver-password");
    await form.getByRole("button", { name: "職員を追加" }).click();
    await page.getByText("退職 予定 さんを追加しました。").waitFor();

    const sp = await staffDevice.context.newPage();
    const leaver = { ...office, login: "leaver", password: "leaver-password", displayName: "退職 予定" };
    await signIn(sp, server.url, leaver);
    await syncNow(sp, server.url);

    // The administrator sees the device and signs it out.
    const row = page.locator("#staff-table tbody tr", { hasText: "leaver" });
    await row.getByRole("button", { name: "端末" }).click();
    const panel = page.locator("#staff-panel");
    await panel.getByRole("button", { name: "この端末をサインアウトさせる" }).waitFor();
    await assertAccessible(page, "設定（職員の端末）");
    await panel.getByRole("button", { name: "この端末をサインアウトさせる" }).click();
    await page.getByText("端末をサインアウトさせました").waitFor();
    await sp.getByRole("button", { name: "今すぐ同期" }).click();
    await sp.locator("#sync-chip", { hasText: "サインインし直してください" }).waitFor();
    const renew = sp.locator("#sign-in-again");
    await renew.getByLabel("パスワード", { exact: true }).fill(leaver.password);
    await renew.getByRole("button", { name: "もう一度サインイン" }).click();
    await sp.locator("#sync-chip", { hasText: "✓ 同期済み" }).waitFor();

    // A client of theirs is on the device (and on the server).
    await sp.goto(`${server.url}/clients`);
    await sp.getByRole("button", { name: "新しい利用者" }).click();
    await sp.getByLabel("氏名（必須）").fill("退職前 の利用者");
    await sp.getByText("✓ 保存しました").waitFor();
    await syncNow(sp, server.url);
    assert.ok((await recordCount(sp)) > 0, "the device holds records");

    // Disabled: at its next sync the device erases everything and says why.
    await row.getByRole("button", { name: "無効にする" }).click();
    const question = page.getByRole("alertdialog");
    await question.getByText("端末内のデータ（未送信の変更を含む）を消去します").waitFor();
    await question.getByRole("button", { name: "無効にする" }).click();
    await page.getByText("退職 予定さんのアカウントを無効にしました").waitFor();
    await row.getByText("無効", { exact: true }).waitFor();
    await sp.getByRole("button", { name: "今すぐ同期" }).click();
    await sp.waitForURL(`${server.url}/`);
    await sp
      .locator("#device-wiped", { hasText: "このアカウントは管理者により無効にされたため、端末内のデータを消去しました" })
      .waitFor();
    assert.equal(await recordCount(sp), 0, "no record is left on the device");
    await assertAccessible(sp, "ホーム（消去した端末）");

    // A new password, and enabled again: the member signs in with it.
    await row.getByRole("button", { name: "有効にする" }).click();
    await page.getByText("退職 予定さんのアカウントを有効にしました").waitFor();
    await row.getByRole("button", { name: "パスワードを再設定" }).click();
    await page.locator("#staff-panel").getByLabel("新しいパスワード").fill("a-brand-new-password");
    await page.locator("#staff-panel").getByRole("button", { name: "パスワードを再設定" }).click();
    await page.getByText("退職 予定さんのパスワードを再設定しました").waitFor();
    await signIn(sp, server.url, { ...leaver, password: "a-brand-new-password" });
    await syncNow(sp, server.url);
    // What the office holds comes back from the server.
    await sp.goto(`${server.url}/clients`);
    await sp.getByText("退職前 の利用者").waitFor();
  } finally {
    await admin.close();
    await staffDevice.close();
  }
});

test("after sign-out no typed text is left in the browser's storage (drafts or stash)", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await signIn(page, server.url, office);
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("下書き 残子");
    await page.getByText("✓ 保存しました").waitFor();
    const clientUrl = page.url();
    await page.goto(`${clientUrl}/notes`);
    await page.getByRole("link", { name: "記録する", exact: true }).click();
    await page.getByLabel("記録（必須）").fill("まだ保存していない記録の本文");
    const stashed = () =>
      page.evaluate(async () => {
        const stash = Object.keys(localStorage).filter((k) => k.startsWith("renkei.stash.")).length;
        const db = await new Promise((resolve, reject) => {
          const open = indexedDB.open("renkei");
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const drafts = await new Promise((resolve, reject) => {
          const count = db.transaction("drafts").objectStore("drafts").count();
          count.onsuccess = () => resolve(count.result);
          count.onerror = () => reject(count.error);
        });
        db.close();
        return stash + drafts;
      });
    // Leaving the form keeps what was typed, unsaved, as a draft (and, had
    // the page been hidden, in the localStorage stash too). The draft is
    // written as the form closes: wait for it before leaving the page.
    await page.getByRole("link", { name: "支援記録の一覧へ戻る" }).click();
    const deadline = Date.now() + 10000;
    while ((await stashed()) === 0 && Date.now() < deadline) await page.waitForTimeout(100);
    assert.ok((await stashed()) > 0, "the unsaved note was kept as a draft");
    await page.goto(`${server.url}/settings`);

    await page.getByRole("button", { name: "サインアウト" }).click();
    // The question about unsent changes comes only if the new client has not
    // gone out yet, and only after the outbox was counted: wait for whichever
    // comes, the question or the start page.
    const dialog = page.getByRole("alertdialog");
    const home = page.waitForURL(`${server.url}/`).then(() => "home");
    const asked = dialog.waitFor().then(
      () => "asked",
      () => "home",
    );
    if ((await Promise.race([home, asked])) === "asked") {
      await dialog.getByRole("button", { name: "未送信の変更も削除してサインアウト" }).click();
    }
    await home;
    assert.equal(await stashed(), 0);
  } finally {
    await device.close();
  }
});

test("a device whose clock runs an hour fast still syncs, and is told to fix its clock", async () => {
  const writer = await launchDevice();
  const reader = await launchDevice();
  try {
    const page = await writer.context.newPage();
    await page.clock.install({ time: new Date(Date.now() + 60 * 60 * 1000) });
    await signIn(page, server.url, office);
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("時計 進子");
    await page.getByText("✓ 保存しました").waitFor();
    await page.goto(`${server.url}/settings`);
    await page.getByRole("button", { name: "今すぐ同期" }).click();
    const chip = page.locator("#sync-chip");
    await chip.filter({ hasText: "端末の時刻がずれています（約60分）" }).waitFor();
    await page.locator("#clock-off", { hasText: "日付と時刻を「自動」にしてください" }).waitFor();
    await assertAccessible(page, "設定（時刻のずれ）");
    await page.waitForFunction(async () => {
      const open = indexedDB.open("renkei");
      const db = await new Promise((r) => (open.onsuccess = () => r(open.result)));
      const n = await new Promise((r) => {
        const q = db.transaction("outbox").objectStore("outbox").count();
        q.onsuccess = () => r(q.result);
      });
      db.close();
      return n === 0;
    });

    const other = await reader.context.newPage();
    await signIn(other, server.url, office);
    await syncNow(other, server.url);
    await other.goto(`${server.url}/clients`);
    await other.getByText("時計 進子").waitFor();
  } finally {
    await writer.close();
    await reader.close();
  }
});

/** Calls the office API as another app would. */
async function api(url, method, path, body, token) {
  const response = await fetch(url + path, {
    method,
    headers: {
      "x-renkei-protocol": "1",
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => null) };
}

test("a record another device sent that cannot be read is set aside and listed in 設定; everything else syncs", async () => {
  const signedIn = await api(server.url, "POST", "/api/auth/sign-in", {
    office_code: office.code,
    login: office.login,
    password: office.password,
  });
  assert.equal(signedIn.status, 200);
  const token = signedIn.body.token;
  const now = Date.now();
  const write = (field, value, counter = 0) => ({ field, value, stamp: { ms: now, counter, device: "device-e2e-other" } });
  const change = (seq, kind, writes) => ({ device_id: "device-e2e-other", seq, record_id: randomUUID(), kind, writes });
  // Every write is well typed, but an assessment needs its client and date.
  const pushed = await api(
    server.url,
    "POST",
    "/api/sync/push",
    { changes: [change(1, "assessment", [write("overall_note", "日付のない所見")]), change(2, "client", [write("name", "読める 一子", 1)])] },
    token,
  );
  assert.equal(pushed.status, 200, JSON.stringify(pushed.body));
  // Nested too deep: refused by the server, nothing stored.
  let deep = 1;
  for (let i = 0; i < 40; i++) deep = [deep];
  const refused = await api(server.url, "POST", "/api/sync/push", { changes: [change(3, "client", [write("extra", deep, 2)])] }, token);
  assert.equal(refused.status, 400);
  assert.equal(refused.body.error, "bad_change");

  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await signIn(page, server.url, office);
    await syncNow(page, server.url);
    const aside = page.locator("#set-aside");
    await aside.getByText("読めない記録 1件").waitFor();
    await aside.getByText("ほかの変更の同期は続いています").waitFor();
    await assertAccessible(page, "設定（別にした変更）");
    await page.goto(`${server.url}/clients`);
    await page.getByText("読める 一子").waitFor();
    await page.goto(`${server.url}/`);
    await page.locator("h1").waitFor();
  } finally {
    await device.close();
  }
});
