// 地域連携会議 and 地域連携会議実施加算, offline: a second meeting in April is
// refused with its reason, a fifth in the fiscal year is refused, ホーム warns
// of a planned meeting that cannot be claimed, and the month's CSV starts
// with a BOM, ends its lines with CRLF and holds exactly the claimable rows.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { startServer, launchDevice, assertAccessible, ARTIFACTS, goOffline, waitForServiceWorker, backupFile } from "./harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const meetingData = (clientId, date, { agency, plan }) => ({
  client_id: clientId,
  date,
  participants: [{ id: randomUUID(), agency_id: agency, name: "田中", role: "職業指導官" }],
  explained_by: "佐藤 一郎",
  explainer_role: "service_manager",
  division: "i",
  plan_id: plan,
});

test("meetings: the second in April and the fifth in the fiscal year are refused with their reasons; the CSV holds the claimable rows", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await waitForServiceWorker(page);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?new$/);
    await page.getByLabel("受給者証番号").fill("0123456789");
    await page.getByRole("button", { name: "サービスを追加" }).click();
    await page.getByLabel("サービスの種類").selectOption({ label: "就労移行支援" });
    await page.getByLabel("開始日").fill("2025-04-01");
    await page.getByLabel("氏名（必須）").fill("会議 太郎");
    await page.getByText("✓ 保存しました").waitFor();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const clientId = page.url().split("/").pop();

    // The agency, the plan and three claimable meetings (June, August,
    // October) come from a backup; April and the fifth are written here.
    const agency = randomUUID();
    const plan = randomUUID();
    const ids = { agency, plan };
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(
      backupFile([
        { kind: "agency", id: agency, data: { name: "ハローワーク北", category: "employment" } },
        { kind: "plan", id: plan, data: { id: plan, client_id: clientId, version: 1 } },
        ...["2025-06-10", "2025-08-10", "2025-10-10"].map((date) => ({
          kind: "meeting",
          id: randomUUID(),
          data: meetingData(clientId, date, ids),
        })),
      ]),
    );
    await page.getByText(/読み込みました。追加 5件/).waitFor();

    await goOffline(device.context);
    await page.goto(`${server.url}/clients/${clientId}/meetings`);
    await page.getByRole("heading", { name: "会議 太郎さんの地域連携会議" }).waitFor();
    await page.getByText("年4回の上限は「年度（4月〜翌年3月）」で数えています").waitFor();
    await assertAccessible(page, "地域連携会議");

    const outcome = page.locator("#meeting-outcome");
    async function write(date, { expect }) {
      await page.getByRole("button", { name: "会議を記録する" }).click();
      await page.getByLabel("開催日（必須・予定日でも可）").fill(date);
      await page.getByRole("button", { name: "参加者を追加" }).click();
      await page.locator(".participant").last().getByLabel("関係機関").selectOption({ label: "ハローワーク北" });
      await page.getByLabel("計画を説明した職員").fill("佐藤 一郎");
      await page.getByLabel("説明した個別支援計画").selectOption({ label: "第1版" });
      await page.getByLabel("いただいた意見").fill("実習先の候補を紹介したい");
      await outcome.getByText(expect).waitFor();
      await page.getByRole("button", { name: "会議を保存する" }).click();
      await page.locator(".meeting-editor").waitFor({ state: "detached" });
    }

    // Without a plan to explain it says so before saving.
    await page.getByRole("button", { name: "会議を記録する" }).click();
    await page.getByLabel("開催日（必須・予定日でも可）").fill("2025-04-10");
    await outcome.getByText("個別支援計画を説明していません").waitFor();
    await outcome.getByText("外部の参加者がいません").waitFor();
    await assertAccessible(page, "地域連携会議（記録中）");
    await page.getByRole("button", { name: "閉じる" }).click();

    await write("2025-04-10", { expect: "算定できます: (Ⅰ) サビ管が説明 583単位" });
    await write("2025-04-24", { expect: "同じ月にほかの会議を算定しています（月1回まで）" });
    await write("2026-02-10", { expect: "2025年4月1日〜2026年3月31日に4回算定しています（年4回まで）" });
    // April 1 starts a new fiscal year.
    await write("2026-04-01", { expect: "算定できます" });

    const list = page.locator("#meeting-list > li");
    // The list follows the save a moment later.
    await list.filter({ hasText: "2026年4月1日" }).waitFor();
    assert.equal(await list.count(), 7);
    const second = list.filter({ hasText: "2025年4月24日" });
    await second.getByText("同じ月にほかの会議を算定しています（月1回まで）").waitFor();
    await list.filter({ hasText: "2026年2月10日" }).getByText(/4回算定しています/).waitFor();
    await page.screenshot({ path: join(ARTIFACTS, "meetings.png"), fullPage: true });

    // Marking the later April meeting moves the claim to it, never both.
    await second.getByRole("button", { name: "2025年4月24日の会議を開く" }).click();
    await page.getByLabel("同じ月に会議が2回あるとき、この会議を算定する").check();
    await outcome.getByText("算定できます").waitFor();
    await page.getByRole("button", { name: "会議を保存する" }).click();
    await page.locator(".meeting-editor").waitFor({ state: "detached" });
    await list.filter({ hasText: "2025年4月10日" }).getByText("同じ月にほかの会議を算定しています（月1回まで）").waitFor();

    // The billing list of April 2025: exactly the claimed meeting.
    await page.goto(`${server.url}/billing`);
    await page.getByLabel("請求する月").fill("2025-04");
    const rows = page.locator("#billing-table tbody tr");
    await rows.first().waitFor();
    assert.equal(await rows.count(), 1);
    assert.match(await rows.first().innerText(), /会議 太郎\s+2025年4月24日\s+就労移行支援\s+Ⅰ\s+583\s+第1版/);
    await page.getByText("1件・合計 583単位").waitFor();
    await assertAccessible(page, "請求一覧");
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "CSVをダウンロード" }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], "a BOM first");
    const text = bytes.subarray(3).toString("utf8");
    assert.ok(!/[^\r]\n/.test(text), "every line ends with CRLF");
    const lines = text.split("\r\n");
    assert.deepEqual(lines, [
      '"利用者名","受給者証番号","サービス","開催日（和暦）","開催日（西暦）","区分","単位数","説明した計画"',
      '"会議 太郎","0123456789","就労移行支援","令和7年4月24日","2025/04/24","Ⅰ","583","第1版"',
      "",
    ]);

    // A month without a claimable meeting says so.
    await page.getByLabel("請求する月").fill("2025-05");
    await page.locator("#billing-empty").waitFor();

    // A meeting recorded by mistake goes to the ゴミ箱 from its editor: it
    // leaves the list and the count, and February's, the fifth claim of the
    // fiscal year until then, can now be claimed.
    await page.goto(`${server.url}/clients/${clientId}/meetings`);
    await list.getByRole("button", { name: "2025年6月10日の会議を開く" }).click();
    const editor = page.locator(".meeting-editor");
    await editor.getByRole("button", { name: "ゴミ箱に移す" }).click();
    await editor.getByRole("alertdialog").getByText("この会議の記録をゴミ箱に移しますか？").waitFor();
    await assertAccessible(page, "地域連携会議をゴミ箱に移す確認");
    await editor.getByRole("alertdialog").getByRole("button", { name: "ゴミ箱に移す" }).click();
    await editor.waitFor({ state: "detached" });
    await list.filter({ hasText: "2025年6月10日" }).waitFor({ state: "detached" });
    assert.equal(await list.count(), 6);
    await list.filter({ hasText: "2026年2月10日" }).getByText("算定できます").waitFor();
    await page.goto(`${server.url}/trash`);
    await page.locator(".trash-item", { hasText: "会議 太郎 · 2025-06-10" }).waitFor();
  } finally {
    await device.close();
  }
});

test("ホーム warns of a planned meeting that could not be claimed as it stands", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?new$/);
    await page.getByRole("button", { name: "サービスを追加" }).click();
    await page.getByLabel("サービスの種類").selectOption({ label: "就労移行支援" });
    await page.getByLabel("氏名（必須）").fill("予定 花子");
    await page.getByText("✓ 保存しました").waitFor();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const clientId = page.url().split("/").pop();
    const soon = await page.evaluate(() => {
      const d = new Date(Date.now() + 20 * 24 * 3600 * 1000);
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    });
    await page.goto(`${server.url}/clients/${clientId}/meetings`);
    await page.getByRole("button", { name: "会議を記録する" }).click();
    await page.getByLabel("開催日（必須・予定日でも可）").fill(soon);
    await page.getByRole("button", { name: "会議を保存する" }).click();
    await page.locator("#meeting-list > li").first().waitFor();

    await page.goto(`${server.url}/`);
    const warning = page.locator("#dash-unclaimable-list");
    await warning.getByText("予定 花子").waitFor();
    assert.match(await warning.innerText(), /外部の参加者がいません/);
    assert.match(await warning.innerText(), /個別支援計画を説明していません/);
    await assertAccessible(page, "ホーム（予定の会議の警告）");
  } finally {
    await device.close();
  }
});
