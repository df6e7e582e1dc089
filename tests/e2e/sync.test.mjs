// 同期: two devices of one office, offline edits, conflicts, a server crash.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startServer,
  createOffice,
  tempDatabase,
  launchDevice,
  assertAccessible,
  signIn as harnessSignIn,
  syncNow as harnessSyncNow,
  goOffline,
  waitForServiceWorker,
} from "./harness.mjs";

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

const signIn = (page, url = server.url, who = office) => harnessSignIn(page, url, who);
const syncNow = (page) => harnessSyncNow(page, server.url);

test("two devices edit one client offline, converge, and a conflict resolved on one reaches the other", async () => {
  const a = await launchDevice();
  const b = await launchDevice();
  try {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await signIn(pa);
    await assertAccessible(pa, "設定（サインイン済み）");
    await pa.goto(`${server.url}/clients`);
    await pa.getByRole("button", { name: "新しい利用者" }).click();
    await pa.getByLabel("氏名（必須）").fill("山田");
    await pa.getByText("✓ 保存しました").waitFor();
    const clientUrl = pa.url().replace(server.url, "");
    await syncNow(pa);

    await signIn(pb);
    await syncNow(pb);
    await pb.goto(`${server.url}/clients`);
    await pb.getByText("山田").waitFor();

    // Offline: A changes the name, B the reading, both the staff member.
    await goOffline(a.context);
    await goOffline(b.context);
    await pa.goto(server.url + clientUrl);
    await pa.getByLabel("氏名（必須）").fill("山田 太郎");
    await pa.getByLabel("担当職員").fill("佐藤");
    await pa.getByText("✓ 保存しました").waitFor();
    await pb.goto(server.url + clientUrl);
    await pb.getByLabel("ふりがな").fill("やまだ たろう");
    await pb.getByLabel("担当職員").fill("鈴木");
    await pb.getByText("✓ 保存しました").waitFor();
    await pa.locator("#sync-chip", { hasText: "オフライン" }).waitFor();

    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(pa);
    await syncNow(pb);
    await syncNow(pa);

    for (const page of [pa, pb]) {
      await page.goto(server.url + clientUrl);
      await page.getByLabel("氏名（必須）").waitFor();
      assert.equal(await page.getByLabel("氏名（必須）").inputValue(), "山田 太郎");
      assert.equal(await page.getByLabel("ふりがな").inputValue(), "やまだ たろう");
      const conflict = page.locator(".conflicts");
      await conflict.waitFor();
      await conflict.getByText("佐藤").waitFor();
      await conflict.getByText("鈴木").waitFor();
    }
    await assertAccessible(pa, "利用者詳細（競合）");

    // A keeps 鈴木; B sees the choice after syncing.
    await pa.getByRole("button", { name: "この値にする: 鈴木" }).click();
    await pa.locator(".conflicts").waitFor({ state: "detached" });
    assert.equal(await pa.getByLabel("担当職員").inputValue(), "鈴木");
    await syncNow(pa);
    await syncNow(pb);
    await pb.goto(server.url + clientUrl);
    await pb.getByLabel("担当職員").waitFor();
    assert.equal(await pb.getByLabel("担当職員").inputValue(), "鈴木");
    assert.equal(await pb.locator(".conflicts").count(), 0);
  } finally {
    await a.close();
    await b.close();
  }
});

test("signing out with unsent changes asks first and deletes nothing without the explicit choice", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await signIn(page);
    await goOffline(device.context);
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("未送信 花子");
    await page.getByText("✓ 保存しました").waitFor();
    await page.goto(`${server.url}/settings`);
    await page.getByRole("button", { name: "サインアウト" }).click();
    const dialog = page.getByRole("alertdialog");
    await dialog.getByText(/まだサーバーに送信していない変更が\d+件あります/).waitFor();
    await assertAccessible(page, "サインアウトの確認");
    await dialog.getByRole("button", { name: "キャンセル" }).click();
    await page.goto(`${server.url}/clients`);
    await page.getByText("未送信 花子").waitFor();

    // Signed in but offline: home says where records are kept and what waits.
    await page.goto(server.url);
    await page.getByRole("heading", { name: "データはこの端末と事業所のサーバーに保存されます" }).waitFor();
    await page.getByText(/サーバーに未送信の変更: \d+件/).waitFor();
    // Back online the change goes, and home says so.
    await device.context.setOffline(false);
    await page.locator("#sync-chip", { hasText: "✓ 同期済み" }).waitFor({ timeout: 60000 });
    await page.getByText("すべての変更をサーバーに送信済みです。").waitFor();
  } finally {
    await device.close();
  }
});

test("the server killed during a push: after the retry nothing is duplicated or lost", async () => {
  const database = tempDatabase();
  const own = createOffice(database, { code: "CRASH1" });
  let srv = await startServer({ database });
  const writer = await launchDevice();
  const reader = await launchDevice();
  try {
    const page = await writer.context.newPage();
    await signIn(page, srv.url, own);
    await goOffline(writer.context);
    for (let i = 1; i <= 12; i++) {
      await page.goto(`${srv.url}/clients`);
      await page.getByRole("button", { name: "新しい利用者" }).click();
      await page.getByLabel("氏名（必須）").fill(`利用者${i}`);
      await page.getByText("✓ 保存しました").waitFor();
    }
    // Back online, and the server dies as the push goes out.
    const pushing = page.waitForRequest((r) => r.url().endsWith("/api/sync/push"));
    await writer.context.setOffline(false);
    await pushing;
    await srv.kill();
    srv = await startServer({ database, port: srv.port });
    await page.goto(`${srv.url}/settings`);
    await page.getByRole("button", { name: "今すぐ同期" }).click();
    await page.locator("#sync-chip", { hasText: "✓ 同期済み" }).waitFor({ timeout: 60000 });

    const other = await reader.context.newPage();
    await signIn(other, srv.url, own);
    await other.getByRole("button", { name: "今すぐ同期" }).click();
    await other.locator("#sync-chip", { hasText: "✓ 同期済み" }).waitFor();
    await other.goto(`${srv.url}/clients`);
    await other.getByText("12人", { exact: true }).waitFor();
    const names = await other.locator(".client-list .client-name").allTextContents();
    assert.equal(new Set(names).size, 12);
  } finally {
    await writer.close();
    await reader.close();
    await srv.stop();
  }
});

test("a list open on one device shows another device's new client after a sync, without a reload", async () => {
  const a = await launchDevice();
  const b = await launchDevice();
  try {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await signIn(pa);
    await signIn(pb);
    await pb.goto(`${server.url}/clients`);
    await pb.locator("#client-count").waitFor();

    await pa.goto(`${server.url}/clients`);
    await pa.getByRole("button", { name: "新しい利用者" }).click();
    await pa.getByLabel("氏名（必須）").fill("同期 表示");
    await pa.getByText("✓ 保存しました").waitFor();
    await syncNow(pa);

    // B stays on its list; coming back online (any wake-up) pulls, and the
    // list follows.
    const before = pb.url();
    await pb.evaluate(() => window.dispatchEvent(new Event("online")));
    await pb.getByText("同期 表示").waitFor();
    assert.equal(pb.url(), before, "no navigation happened");
  } finally {
    await a.close();
    await b.close();
  }
});

test("a link to a client not on this device says so, and the client opens once a sync brings it", async () => {
  const a = await launchDevice();
  const b = await launchDevice();
  const c = await launchDevice();
  try {
    // Device b is signed in and offline before the client exists.
    const pb = await b.context.newPage();
    await pb.goto(server.url);
    await waitForServiceWorker(pb);
    await signIn(pb);
    await goOffline(b.context);

    const pa = await a.context.newPage();
    await signIn(pa);
    await pa.goto(`${server.url}/clients`);
    await pa.getByRole("button", { name: "新しい利用者" }).click();
    await pa.getByLabel("氏名（必須）").fill("リンク 太郎");
    await pa.getByText("✓ 保存しました").waitFor();
    await pa.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const link = pa.url();
    await syncNow(pa);

    // Not signed in: no blank 「新しい利用者」 form, but what to do.
    const pc = await c.context.newPage();
    await pc.goto(link);
    await pc.getByRole("heading", { name: "この利用者の記録はこの端末にありません" }).waitFor();
    await pc.getByText(/サインインしていないため、他の端末の記録を受け取れません/).waitFor();
    assert.equal(await pc.getByLabel("氏名（必須）").count(), 0);
    await assertAccessible(pc, "利用者（この端末にない）");

    // Signed in but offline: it offers a sync, and opens the client as soon
    // as a sync brings it.
    await pb.goto(link);
    await pb.getByRole("heading", { name: "この利用者の記録はこの端末にありません" }).waitFor();
    await pb.getByText("他の端末で登録された記録は、同期するとこの端末にも届きます。届くと自動で表示されます。").waitFor();
    await b.context.setOffline(false);
    const button = pb.getByRole("button", { name: "今すぐ同期" });
    // Coming back online may sync (and open the client) before the click.
    await button.click({ timeout: 2000 }).catch(() => {});
    await pb.getByRole("heading", { name: "リンク 太郎" }).waitFor();
    assert.equal(await pb.getByLabel("氏名（必須）").inputValue(), "リンク 太郎");
  } finally {
    await a.close();
    await b.close();
    await c.close();
  }
});

test("five years after the service ended, a 管理者 deletes a client's records for good, on the server and every device", async () => {
  const a = await launchDevice();
  const b = await launchDevice();
  try {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await signIn(pa);
    await signIn(pb);

    // A client whose service ended on 2019-03-31: kept through 2024-03-31.
    await pa.goto(`${server.url}/clients`);
    await pa.getByRole("button", { name: "新しい利用者" }).click();
    await pa.getByLabel("氏名（必須）").fill("保存 満了");
    await pa.getByRole("button", { name: "サービスを追加" }).click();
    await pa.getByLabel("サービスの種類").selectOption({ label: "就労移行支援" });
    await pa.getByLabel("開始日").fill("2017-04-01");
    await pa.getByLabel("終了日").fill("2019-03-31");
    await pa.getByText("✓ 保存しました").waitFor();
    await pa.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const clientUrl = pa.url();
    // While still 利用中, nothing is said about deleting.
    assert.equal(await pa.locator("#client-retention").count(), 0);
    await pa.getByLabel("利用状況").selectOption({ label: "利用終了" });
    await pa.getByText("✓ 保存しました").waitFor();
    await pa.locator("#client-retention-text").getByText(/2024年3月31日まで保存します/).waitFor();
    await syncNow(pa);
    await syncNow(pb);
    await pb.goto(clientUrl);
    await pb.getByLabel("氏名（必須）").waitFor();

    await pa.goto(clientUrl);
    await pa.getByRole("button", { name: "記録を完全に削除" }).click();
    await pa.getByRole("alertdialog").getByText(/元に戻すことはできません/).waitFor();
    await assertAccessible(pa, "利用者（完全に削除の確認）");
    await pa.getByRole("button", { name: "完全に削除する" }).click();
    await pa.waitForURL(`${server.url}/clients`);
    assert.equal(await pa.getByText("保存 満了").count(), 0);

    // The other device forgets the client at its next sync.
    await syncNow(pb);
    await pb.goto(clientUrl);
    await pb.getByRole("heading", { name: "この利用者の記録はこの端末にありません" }).waitFor();
    await pb.goto(`${server.url}/clients`);
    assert.equal(await pb.getByText("保存 満了").count(), 0);
  } finally {
    await a.close();
    await b.close();
  }
});
