// ホーム dashboard: a client without a plan, a plan's missing documents, an
// open follow-up and the latest note each show with a link to the record;
// with the clock moved past the review date the plan shows as overdue.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
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
    await page.getByText("✓ 保存しました").waitFor();

    const sevenMonths = Date.now() + 212 * 24 * 60 * 60 * 1000;
    await page.clock.install({ time: new Date(sevenMonths) });
    await page.goto(`${server.url}/`);
    const plans = page.locator("#dash-plan-list");
    await plans.getByText(/計画の見直し期限を過ぎています/).waitFor();
    const overdue = plans.locator("li.alert", { hasText: "計画の見直し期限を過ぎています" });
    assert.match(await overdue.innerText(), /期限 令和\d+年（\d{4}年）\d+月\d+日・\d+日超過/);
    assert.match(await overdue.innerText(), /期限 一郎/);
    await assertAccessible(page, "ホーム（期限切れ）");
  } finally {
    await later.close();
  }
});
