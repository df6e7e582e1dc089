// ホーム dashboard: a client without a plan, a plan's missing documents, an
// open follow-up and the latest note each show with a link to the record;
// with the clock moved past the review date the plan shows as overdue. An
// office of 2,000 clients still gets a home page of a screen or two.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchDevice, assertAccessible } from "./harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

test("the dashboard lists what needs doing and opens each record; a review date passed shows overdue", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/`);
    await page.locator("#dash-plan-list").waitFor();
    await page.getByText("対応が必要な計画はありません。").waitFor();
    await page.getByText("未完了のフォローアップはありません。").waitFor();

    // A client without a plan.
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("監査 花子");
    await page.getByText("✓ 保存しました").waitFor();
    const clientPath = new URL(page.url()).pathname;
    await page.goto(`${server.url}/`);
    const plans = page.locator("#dash-plan-list");
    await plans.getByText("個別支援計画がありません").waitFor();
    assert.match(await plans.innerText(), /監査 花子/);
    await assertAccessible(page, "ホーム（ダッシュボード）");

    // The item opens the plan page, where the plan is made.
    await plans.getByRole("link", { name: /監査 花子/ }).click();
    await page.waitForURL(`${server.url}${clientPath}/plan`);
    await page.getByRole("button", { name: "計画を作成" }).click();
    await page.getByLabel("本人の意向").fill("地域で一人暮らしをしたい");
    await page.getByText("✓ 保存しました").waitFor();

    await page.goto(`${server.url}/`);
    await plans.getByText("アセスメントの記録がありません").waitFor();
    assert.match(await plans.innerText(), /計画への同意が記録されていません/);
    assert.equal(await plans.getByText("個別支援計画がありません").count(), 0, "the plan exists now");

    // A note with a follow-up due tomorrow.
    await page.goto(`${server.url}${clientPath}/notes`);
    await page.getByRole("link", { name: "記録する", exact: true }).click();
    await page.getByLabel("記録（必須）").fill("自宅を訪問。通院の付き添いについて相談。");
    await page.getByText("フォローアップ（やること）").click();
    await page.getByLabel("やること").fill("病院に連絡する");
    const tomorrow = await page.evaluate(() => {
      const d = new Date(Date.now() + 24 * 60 * 60 * 1000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    });
    await page.getByLabel("期限").fill(tomorrow);
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByRole("status").filter({ hasText: "✓ 保存しました" }).waitFor();

    await page.goto(`${server.url}/`);
    const followUps = page.locator("#dash-follow-up-list");
    await followUps.getByText(/病院に連絡する/).waitFor();
    assert.equal(await followUps.locator("li.alert").count(), 0, "not overdue yet");
    await page.locator("#dash-note-list").getByText(/通院の付き添い/).waitFor();
    await followUps.getByRole("link", { name: /病院に連絡する/ }).click();
    await page.waitForURL(new RegExp(`${clientPath}/notes/[0-9a-f-]{36}$`));
    await page.getByLabel("記録（必須）").waitFor();
    assert.equal(await page.getByLabel("記録（必須）").inputValue(), "自宅を訪問。通院の付き添いについて相談。");
  } finally {
    await device.close();
  }

  // Seven months on, the 6-month review is overdue and so is the follow-up.
  const later = await launchDevice();
  try {
    const page = await later.context.newPage();
    await page.goto(`${server.url}/`);
    // The first device's data is local to it: make the plan again here.
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("期限 一郎");
    await page.getByText("✓ 保存しました").waitFor();
    const clientPath = new URL(page.url()).pathname;
    await page.goto(`${server.url}${clientPath}/plan`);
    await page.getByRole("button", { name: "計画を作成" }).click();
    await page.getByLabel("本人の意向").fill("働き続けたい");
    // The review is counted from the day the plan took effect: its 同意日.
    const today = await page.evaluate(() => new Date().toLocaleDateString("sv-SE"));
    await page.locator("#plan-step-consent").getByLabel("同意日").fill(today);
    await page.getByText("✓ 保存しました").waitFor();

    const sevenMonths = Date.now() + 212 * 24 * 60 * 60 * 1000;
    await page.clock.install({ time: new Date(sevenMonths) });
    await page.goto(`${server.url}/`);
    // ホーム counts it under its kind; the count opens the filtered list.
    const kinds = page.locator("#dash-kinds");
    await kinds.getByRole("link", { name: /見直し期限を過ぎている\s*1件/ }).click();
    await page.waitForURL(`${server.url}/attention?kind=review_overdue`);
    const list = page.locator("#attention-list");
    const overdue = list.locator("li.alert", { hasText: "計画の見直し期限を過ぎています" });
    await overdue.waitFor();
    assert.equal(await list.locator("li").count(), 1, "only the kind chosen");
    assert.match(await overdue.innerText(), /期限 \d{4}年\d{1,2}月\d{1,2}日・\d+日超過/);
    assert.match(await overdue.innerText(), /期限 一郎/);
    await assertAccessible(page, "対応が必要な計画（見直し期限切れ）");
    await page.getByLabel("種類で絞り込む").selectOption({ index: 0 });
    await page.waitForURL(`${server.url}/attention`);
    assert.ok((await list.locator("li").count()) > 1, "every kind again");
    await page.goto(`${server.url}/`);
    await assertAccessible(page, "ホーム（期限切れ）");
  } finally {
    await later.close();
  }
});

/** A backup file with `count` clients in service and no plans (an office moving in). */
function officeFile(count) {
  const at = "2026-11-01T09:00:00Z";
  const records = [];
  for (let i = 0; i < count; i++) {
    const id = randomUUID();
    records.push({
      kind: "client",
      id,
      office_id: null,
      created_at: at,
      created_by: "device-import",
      updated_at: at,
      updated_by: "device-import",
      rev: 1,
      deleted: false,
      data: { name: `利用者 ${String(i).padStart(4, "0")}` },
    });
  }
  const path = join(mkdtempSync(join(tmpdir(), "renkei-office-")), "office.json");
  writeFileSync(path, JSON.stringify({ format: "renkei-backup", version: 1, exported_at: at, records }));
  return path;
}

test("with 2,000 clients, ホーム summarises in a screen or two and the full list comes 50 at a time", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(officeFile(2000));
    await page.getByText(/追加 2000件/).waitFor({ timeout: 120000 });

    await page.goto(`${server.url}/`);
    await page.locator("#dash-kinds").getByText(/個別支援計画がない利用者\s*2000件/).waitFor({ timeout: 60000 });
    assert.equal(await page.locator("#dash-plan-list li").count(), 5, "the five most urgent");
    const { height, screen } = await page.evaluate(() => ({
      height: document.documentElement.scrollHeight,
      screen: window.innerHeight,
    }));
    assert.ok(height < 4 * screen, `home is ${height}px tall on a ${screen}px screen`);

    await page.getByRole("link", { name: "すべて見る（2000件）" }).click();
    await page.waitForURL(`${server.url}/attention`);
    await page.getByText("2000件中 50件を表示").waitFor();
    assert.equal(await page.locator("#attention-list li").count(), 50);
    await page.getByRole("button", { name: "さらに50件表示" }).click();
    await page.getByText("2000件中 100件を表示").waitFor();
    await assertAccessible(page, "対応が必要な計画（2000人）");
  } finally {
    await device.close();
  }
});
