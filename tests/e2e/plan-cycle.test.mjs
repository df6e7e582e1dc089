// The plan cycle as an auditor reads it: the eight-domain assessment (with
// the interview) is the plan's アセスメント, a plan starts from the client's
// wishes, dates out of order are flagged, the review date counts from the
// consent, and 「計画の目標にする」 never changes an agreed plan: the goal goes
// into the next version's draft and the printed 第1版 stays as it was. The
// catalogue's wording follows the version each assessment was made with.
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

/** YYYY-MM-DD in Japan, `months` and `days` from today. */
function day(months = 0, days = 0) {
  const [y, m, d] = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date()).split("-").map(Number);
  return new Date(Date.UTC(y, m - 1 + months, d + days)).toISOString().slice(0, 10);
}

/** 「2026年4月1日」, as screens show a date (docs/dates.md). */
function shown(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

const item = (page, id) => page.locator(`[data-item="${id}"]`);
const findings = (page) => page.locator("#plan-findings");
const step = (page, code) => page.locator(`#plan-step-${code}`);
const saved = (page) => page.locator(".save-state", { hasText: "✓ 保存しました" }).waitFor();

test("an eight-domain assessment is the plan's アセスメント, and a goal from it never changes the agreed plan", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    const today = day();

    // A client with wishes on record.
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("循環 花子");
    await page.getByRole("button", { name: "サービスを追加" }).click();
    await page.getByLabel("サービスの種類").selectOption({ label: "就労移行支援" });
    await page.getByLabel("開始日").fill("2025-04-01");
    await page.getByLabel("本人の意向").fill("一人暮らしをしたい");
    await page.getByLabel("家族の意向").fill("無理なく続けてほしい");
    await page.getByText("✓ 保存しました").waitFor();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const clientPath = new URL(page.url()).pathname;

    // The eight-domain assessment, with the assessor's 職種 and the interview.
    await page.goto(`${server.url}${clientPath}/assessments`);
    await page.getByRole("button", { name: "新しいアセスメント" }).click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    const assessmentUrl = page.url();
    await page.getByLabel("評価者", { exact: true }).fill("佐藤 一郎");
    await page.getByLabel("評価者の職種").selectOption({ label: "サービス管理責任者" });
    await page.getByLabel("本人との面接の記録").fill("一人で暮らす練習をしたいと話した");
    await item(page, "living.housework").getByRole("radio", { name: "支援が必要", exact: true }).click();
    await saved(page);
    // Catalogue version 2: the seed's full wording and the 「暮らし」 sub-heading.
    await page.locator("#d-living").getByText("立地条件・地域のまちづくり・生活関連施設等の利便性・バリアフリー").waitFor();
    await page.locator("#d-living h3.item-heading", { hasText: "暮らし" }).waitFor();
    await page.locator("#d-income").getByText("生活・文化的価値").waitFor();
    await assertAccessible(page, "アセスメント（面接の記録）");

    // The plan starts from the client's wishes and takes the assessment as
    // its アセスメント: it waits for the 原案.
    await page.goto(`${server.url}${clientPath}/plan`);
    await page.getByRole("button", { name: "計画を作成" }).click();
    await page.getByText("循環 花子 · 第1版 · 作成中（原案の記録待ち）").waitFor();
    assert.equal(await page.getByLabel("本人の意向").inputValue(), "一人暮らしをしたい");
    assert.equal(await page.getByLabel("家族の意向").inputValue(), "無理なく続けてほしい");
    await step(page, "assessment").getByText("記録済み").waitFor();
    await page.locator("#plan-assessment-status").getByText("本人との面接: 記録あり。").waitFor();
    assert.equal(await findings(page).getByText("アセスメントの記録がありません").count(), 0);

    // The period, the 原案, then a 会議 dated before the 原案: flagged, not blocked.
    await page.getByLabel("計画期間（開始）").fill(today);
    await page.getByLabel("計画期間（終了）").fill(day(6, -1));
    await step(page, "draft").getByLabel("作成日").fill(today);
    await step(page, "draft").getByLabel("氏名").fill("佐藤 一郎");
    await step(page, "meeting").getByLabel("開催日").fill(day(0, -1));
    await page.locator("#plan-meeting-by-name").fill("佐藤 一郎");
    await step(page, "meeting").getByRole("button", { name: "出席者を追加" }).click();
    await page.locator("#plan-meeting-attendee-0-name").fill("循環 花子");
    await page.locator("#plan-meeting-attendee-0-affiliation").fill("本人");
    await step(page, "meeting").getByLabel("本人の参加").selectOption({ label: "オンラインで参加" });
    await step(page, "meeting").getByLabel("検討内容").fill("原案を説明し、家事の練習を目標にした");
    await findings(page).getByText("個別支援会議の日付が原案より前になっています").waitFor();
    await assertAccessible(page, "個別支援計画（日付の順序）");
    await step(page, "meeting").getByLabel("開催日").fill(today);
    await findings(page).getByText("個別支援会議の日付が原案より前になっています").waitFor({ state: "detached" });

    // 説明・同意・交付 and the copy for the 相談支援専門員 (セルフプラン here).
    await step(page, "consent").getByLabel("説明日").fill(today);
    await step(page, "consent").getByLabel("氏名").fill("佐藤 一郎");
    await step(page, "consent").getByLabel("同意日").fill(today);
    await step(page, "consent").getByLabel("同意した人").fill("循環 花子（本人）");
    await step(page, "consent").getByLabel("交付日").fill(today);
    await step(page, "consent").getByLabel("相談支援専門員への計画の写し").selectOption({ label: "相談支援専門員なし（セルフプラン）" });

    // The cycle is complete with the eight-domain assessment: nothing missing,
    // and the review is due three months after the consent.
    await findings(page).getByText("記録に不足はありません。").waitFor();
    await page.getByText("循環 花子 · 第1版 · 実施中").waitFor();
    await page.locator("#plan-next-review").getByText(shown(day(3))).waitFor();
    await page.locator("#plan-interval").getByText("（見直しは3か月ごと）").waitFor();
    await saved(page);

    // The printed 第1版, before anything else happens.
    await page.getByRole("link", { name: "印刷用の表示" }).click();
    await page.waitForURL(/\/print$/);
    const printUrl = page.url();
    const printedBefore = await page.locator("article.plan-doc").innerText();
    assert.ok(!printedBefore.includes("家事・家政"), "no goal yet");

    // 「計画の目標にする」 on the agreed plan: the goal goes into 第2版 (見直し).
    await page.goto(assessmentUrl);
    await item(page, "living.housework").getByRole("button", { name: /計画の目標にする/ }).click();
    await item(page, "living.housework")
      .getByText("✓ 同意済みの第1版は変えずに、見直し中の第2版（作成中）に追加しました")
      .waitFor();
    await assertAccessible(page, "アセスメント（次の版に追加）");

    await page.goto(`${server.url}${clientPath}/plan`);
    await page.getByText("循環 花子 · 第2版 · 作成中（原案の記録待ち）").waitFor();
    const goals = page.locator("#plan-goals fieldset.goal-card");
    assert.equal(await goals.count(), 1);
    assert.match(await goals.nth(0).getByLabel("目標", { exact: true }).inputValue(), /家事・家政/);

    // 第1版 is unchanged, on screen and in print.
    await page.goto(printUrl);
    await page.locator("article.plan-doc").waitFor();
    assert.equal(await page.locator("article.plan-doc").innerText(), printedBefore);
  } finally {
    await device.close();
  }
});

/** A backup with one client and one assessment made with catalogue version 1. */
function versionOneFile() {
  const at = "2025-10-01T09:00:00Z";
  const meta = (id) => ({
    id,
    office_id: null,
    created_at: at,
    created_by: "device-old",
    updated_at: at,
    updated_by: "device-old",
    rev: 1,
    deleted: false,
  });
  const clientId = randomUUID();
  const assessmentId = randomUUID();
  const records = [
    { kind: "client", ...meta(clientId), data: { name: "旧版 一郎" } },
    {
      kind: "assessment",
      ...meta(assessmentId),
      data: {
        client_id: clientId,
        date: "2025-10-01",
        assessed_by: { staff_id: null, name: "佐藤 一郎" },
        catalogue_version: 1,
        "item:living.environment": { rating: "watch" },
      },
    },
  ];
  const path = join(mkdtempSync(join(tmpdir(), "renkei-v1-")), "v1.json");
  writeFileSync(path, JSON.stringify({ format: "renkei-backup", version: 1, exported_at: at, records }));
  return { path, clientId, assessmentId };
}

test("an assessment made with catalogue version 1 keeps version 1's wording", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    const { path, clientId, assessmentId } = versionOneFile();
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(path);
    await page.getByText(/追加 2件/).waitFor();
    await page.goto(`${server.url}/clients/${clientId}/assessments/${assessmentId}`);
    const living = page.locator("#d-living");
    await living.getByText("立地条件・まちづくり・生活関連施設の利便性・バリアフリー").waitFor();
    assert.equal(await living.getByText("地域のまちづくり").count(), 0);
    assert.equal(await living.locator("h3.item-heading").count(), 0, "no 「暮らし」 sub-heading in version 1");
    assert.equal(await page.locator("#d-income").getByText("生活・文化的価値").count(), 0);
    await assertAccessible(page, "アセスメント（カタログ第1版）");
  } finally {
    await device.close();
  }
});
