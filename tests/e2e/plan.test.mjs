// 個別支援計画: a plan taken through its cycle in the release build, its
// review into version 2, the printed 個別支援計画書 (as a PDF), and edits of
// two goals on two devices merging.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { pdfText } from "./pdf.mjs";
import {
  startServer,
  createOffice,
  tempDatabase,
  launchDevice,
  assertAccessible,
  signIn,
  syncNow,
  waitForServiceWorker,
  ARTIFACTS,
  goOffline,
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

/** YYYY-MM-DD in Japan, `months` from today (the app counts in the browser's zone, Asia/Tokyo). */
function day(months = 0, days = 0) {
  const [y, m, d] = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Tokyo" }).format(new Date()).split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1 + months, d + days));
  return date.toISOString().slice(0, 10);
}

/** 「2026年4月1日」, as screens show a date (docs/dates.md). */
function shown(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

/** 「令和8年（2026年）4月1日」, as the app prints a date (令和 only: the test's dates are recent). */
function wareki(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  const era = y - 2018 === 1 ? "元" : String(y - 2018);
  return `令和${era}年（${y}年）${m}月${d}日`;
}

async function newClient(page) {
  await page.goto(`${server.url}/clients`);
  await page.getByRole("button", { name: "新しい利用者" }).click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?new$/);
  await page.getByLabel("氏名（必須）").fill("山田 太郎");
  await page.getByLabel("生年月日").fill("1990-05-01");
  await page.getByLabel("受給者証番号").fill("0123456789");
  await page.getByRole("button", { name: "サービスを追加" }).click();
  await page.getByLabel("サービスの種類").selectOption({ label: "就労移行支援" });
  await page.getByLabel("開始日").fill("2025-04-01");
  await page.getByText("✓ 保存しました").waitFor();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  return page.url();
}

const findings = (page) => page.locator("#plan-findings li");

/** Waits for the findings list to have `n` entries. */
async function findingsCount(page, n) {
  await page.waitForFunction((n) => document.querySelectorAll("#plan-findings li").length === n, n);
}

const saved = (page) => page.locator(".save-state", { hasText: "✓ 保存しました" }).waitFor();

test("a plan is created, taken through its cycle, reviewed into version 2 and printed", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    const clientUrl = await newClient(page);
    const today = day();
    const end = day(6, -1);

    await page.getByRole("link", { name: "個別支援計画" }).click();
    await page.waitForURL(/\/plan$/);
    const planUrl = page.url();
    await page.getByText("この利用者の個別支援計画はまだありません。").waitFor();
    await assertAccessible(page, "個別支援計画（未作成）");
    await page.getByRole("button", { name: "計画を作成" }).click();

    // Version 1, for the service the client uses; its period is decided with it.
    await page.getByText("山田 太郎 · 第1版 · 作成中（アセスメントの記録待ち）").waitFor();
    assert.equal(await page.getByLabel("計画期間（開始）").inputValue(), "");
    assert.equal(await page.getByLabel("サービス種別").inputValue(), "employment_transition");
    // Nothing recorded: three steps, consent and the period are missing.
    await findingsCount(page, 5);
    await page.locator("#plan-findings").getByText("アセスメントの記録がありません").waitFor();
    await page.locator("#plan-findings").getByText("計画への同意が記録されていません").waitFor();
    // No review date until the plan takes effect (its 同意日).
    await page.locator("#plan-next-review").getByText("未定").waitFor();
    // The contents bar moves through the plan's sections.
    await page.locator("nav.section-nav").getByRole("link", { name: "会議" }).click();
    await page.waitForURL(/#plan-step-meeting$/);

    await page.getByLabel("計画期間（開始）").fill(today);
    await page.getByLabel("計画期間（終了）").fill(end);
    // Under a date: how the printed plan writes it (和暦 with the Western year).
    await page.locator("#plan-period-start-printed").getByText(`印刷: ${wareki(today)}`).waitFor();
    await findingsCount(page, 4);
    await page.locator("#plan-manager-name").fill("佐藤 一郎");
    await page.locator("#plan-additions").fill("地域連携会議実施加算");
    await page.getByLabel("本人の意向").fill("一般企業で事務の仕事をしたい");
    await page.getByLabel("家族の意向").fill("無理なく通い続けてほしい");
    await page.locator("#plan-policy").fill("生活リズムを整え、職場実習につなげる");
    await page.locator("#plan-long-text").fill("一年以内に一般就労する");

    // Three goals, the second moved up, the third removed after confirming.
    const goals = page.locator("#plan-goals fieldset.goal-card");
    const goalTexts = ["週4日通所する", "職場実習に参加する", "消す予定の目標"];
    for (const [i, text] of goalTexts.entries()) {
      await page.getByRole("button", { name: "短期目標を追加" }).click();
      await goals.nth(i).getByLabel("目標", { exact: true }).fill(text);
    }
    await goals.nth(0).getByLabel("支援内容").fill("朝の声かけと通所の振り返り");
    await goals.nth(0).getByLabel("担当者・提供機関").fill("生活支援員 鈴木");
    await goals.nth(0).getByLabel("頻度").fill("週1回");
    assert.equal(await goals.nth(0).getByLabel("開始日").inputValue(), today, "a new goal runs for the plan period");
    await goals.nth(1).getByLabel("支援内容").fill("実習先の開拓と同行");
    await goals.nth(1).getByRole("button", { name: "上へ" }).click();
    assert.equal(await goals.nth(0).getByLabel("目標", { exact: true }).inputValue(), "職場実習に参加する");
    assert.equal(await goals.nth(1).getByLabel("目標", { exact: true }).inputValue(), "週4日通所する");
    assert.ok(await goals.nth(0).getByRole("button", { name: "上へ" }).isDisabled());
    await goals.nth(2).getByRole("button", { name: "削除", exact: true }).click();
    await goals.nth(2).getByRole("alertdialog").getByText("この短期目標を削除しますか？").waitFor();
    await goals.nth(2).getByRole("button", { name: "削除する" }).click();
    await page.waitForFunction(() => document.querySelectorAll("#plan-goals fieldset.goal-card").length === 2);

    // A period ending before it starts is an error and is kept as a draft.
    await goals.nth(1).getByLabel("終了日").fill(day(-1));
    await page.getByText("終了日が開始日より前になっています。").waitFor();
    await page.locator(".save-state", { hasText: "下書きを保存しました" }).waitFor();
    await page.locator("#plan-period-end").fill("0202-04-01");
    await page.getByText("日付を正しく入力してください（2000年〜2099年）。").waitFor();
    await assertAccessible(page, "個別支援計画（入力エラー）");
    await page.reload();
    await page.getByText("終了日が開始日より前になっています。").waitFor();
    assert.equal(await page.locator("#plan-period-end").inputValue(), "0202-04-01");
    await page.locator("#plan-period-end").fill(end);
    await goals.nth(1).getByLabel("終了日").fill(end);
    await saved(page);
    assert.equal(await page.getByText("終了日が開始日より前になっています。").count(), 0);

    // The cycle's documents, each one taking its finding away. The client has
    // no eight-domain assessment, so the アセスメント is recorded in the plan.
    const step = (code) => page.locator(`#plan-step-${code}`);
    await step("assessment").getByText("この利用者の8領域アセスメントはまだありません。", { exact: false }).waitFor();
    await step("assessment").getByText("8領域アセスメントを使わずに記録する").click();
    await step("assessment").getByLabel("実施日").fill(today);
    await step("assessment").getByLabel("氏名").fill("佐藤 一郎");
    await step("assessment").getByLabel("本人との面接の記録").fill("事務の仕事に興味がある");
    await findingsCount(page, 3);
    await step("assessment").getByText("記録済み").waitFor();
    await step("draft").getByLabel("作成日").fill(today);
    await step("draft").getByLabel("氏名").fill("佐藤 一郎");
    await findingsCount(page, 2);
    // The meeting needs its attendees (with 所属) and minutes; whether the
    // client took part is asked for.
    await step("meeting").getByLabel("開催日").fill(today);
    await page.locator("#plan-meeting-by-name").fill("佐藤 一郎");
    await step("meeting").getByRole("button", { name: "出席者を追加" }).click();
    await page.locator("#plan-meeting-attendee-0-name").fill("山田 太郎");
    await page.locator("#plan-meeting-attendee-0-affiliation").fill("本人");
    await step("meeting").getByRole("button", { name: "出席者を追加" }).click();
    await page.locator("#plan-meeting-attendee-1-name").fill("鈴木 花子");
    await page.locator("#plan-meeting-attendee-1-affiliation").fill("当事業所");
    await page.locator("#plan-meeting-attendee-1-role").selectOption({ label: "生活支援員" });
    await step("meeting").getByLabel("検討内容").fill("実習先の候補を検討した");
    await page.locator("#plan-findings").getByText("個別支援会議に本人が参加した記録がありません").waitFor();
    await step("meeting").getByLabel("本人の参加").selectOption({ label: "出席" });
    await findingsCount(page, 1);
    await step("consent").getByLabel("説明日").fill(today);
    await step("consent").getByLabel("氏名").fill("佐藤 一郎");
    await step("consent").getByLabel("同意日").fill(today);
    await step("consent").getByLabel("同意した人").fill("山田 太郎（本人）");
    await findingsCount(page, 1);
    await page.locator("#plan-findings").getByText("計画の交付日が記録されていません").waitFor();
    // Agreed today: 就労移行支援 is reviewed three months on.
    await page.locator("#plan-next-review").getByText(shown(day(3))).waitFor();
    await step("consent").getByLabel("交付日").fill(today);
    // Handed over: the copy for the client's 相談支援専門員 is asked for.
    await page.locator("#plan-findings").getByText("相談支援専門員への計画の写しの送付が記録されていません").waitFor();
    await step("consent").getByLabel("相談支援専門員への計画の写し").selectOption({ label: "送付した" });
    await step("consent").getByLabel("送付先の氏名").fill("田中 相談");
    await step("consent").getByLabel("送付先の事業所").fill("みどり相談支援センター");
    await step("consent").getByLabel("送付日").fill(today);
    await page.locator("#plan-findings").getByText("記録に不足はありません。").waitFor();
    await page.getByText("山田 太郎 · 第1版 · 実施中").waitFor();

    // A monitoring: flagged until signed and the interview is written.
    await page.getByRole("button", { name: "モニタリングを追加" }).click();
    await findingsCount(page, 2);
    const monitoring = page.locator("#plan-monitoring fieldset.monitoring-card").first();
    await monitoring.getByLabel("実施日").fill(today);
    await monitoring.getByLabel("氏名").fill("佐藤 一郎");
    await monitoring.getByLabel("本人との面接の記録").first().fill("実習が楽しみだと話した");
    await page.locator("#plan-findings").getByText("記録に不足はありません。").waitFor();
    const firstGoalResult = monitoring.locator("fieldset.goal-result").first();
    await firstGoalResult.locator("legend", { hasText: "短期目標 1: 職場実習に参加する" }).waitFor();
    await firstGoalResult.getByLabel("達成度").selectOption({ label: "一部達成" });
    await firstGoalResult.getByLabel("評価").fill("見学には行けた");
    await firstGoalResult.getByLabel("今後の対応").fill("実習日程を決める");
    await saved(page);

    // Everything is there after a reload.
    await page.reload();
    await page.getByText("山田 太郎 · 第1版 · 実施中").waitFor();
    assert.equal(await page.locator("#plan-policy").inputValue(), "生活リズムを整え、職場実習につなげる");
    assert.equal(await page.getByLabel("本人の意向").inputValue(), "一般企業で事務の仕事をしたい");
    assert.equal(await goals.count(), 2);
    assert.equal(await goals.nth(0).getByLabel("目標", { exact: true }).inputValue(), "職場実習に参加する");
    assert.equal(await goals.nth(1).getByLabel("頻度").inputValue(), "週1回");
    assert.equal(await step("consent").getByLabel("同意した人").inputValue(), "山田 太郎（本人）");
    assert.equal(await page.locator("#plan-meeting-attendee-1-name").inputValue(), "鈴木 花子");
    assert.equal(await page.locator("#plan-meeting-attendee-1-role").inputValue(), "life_support_worker");
    assert.equal(await step("meeting").getByLabel("本人の参加").inputValue(), "in_person");
    assert.equal(await firstGoalResult.getByLabel("達成度").inputValue(), "partly_achieved");
    assert.equal(await firstGoalResult.getByLabel("達成度").evaluate((s) => s.selectedOptions[0].textContent.trim()), "一部達成");
    assert.equal(await firstGoalResult.getByLabel("今後の対応").inputValue(), "実習日程を決める");
    assert.equal(await findings(page).count(), 0);
    await assertAccessible(page, "個別支援計画（編集）");

    // The printed form: the app around it hidden, the goals in a table, 和暦 dates.
    await page.getByRole("link", { name: "印刷用の表示" }).click();
    await page.waitForURL(/\/print$/);
    const doc = page.locator("article.plan-doc");
    await doc.getByRole("heading", { name: "個別支援計画書" }).waitFor();
    const docText = await doc.innerText();
    for (const expected of [
      "山田 太郎 様",
      "平成2年（1990年）5月1日",
      "0123456789",
      "就労移行支援",
      `${wareki(today)} 〜 ${wareki(end)}`,
      "一般企業で事務の仕事をしたい",
      "生活リズムを整え、職場実習につなげる",
      "一年以内に一般就労する",
      "地域連携会議実施加算",
      "上記の計画について説明を受け、同意しました。",
      "本人署名",
      "佐藤 一郎",
    ]) {
      assert.ok(docText.includes(expected), `print view lacks ${expected}:\n${docText}`);
    }
    const rows = doc.locator("table.doc-goals tbody tr");
    assert.equal(await rows.count(), 2);
    assert.deepEqual(
      (await rows.nth(1).locator("td").allInnerTexts()).slice(1, 5),
      ["週4日通所する", "朝の声かけと通所の振り返り", "生活支援員 鈴木", "週1回"],
    );
    assert.ok(!docText.includes("消す予定の目標"), "a removed goal is not printed");
    await assertAccessible(page, "個別支援計画書（印刷用）");

    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(join(ARTIFACTS, "plan.pdf"), pdf);
    // The fonts map some kanji back to look-alike code points (支 → ⽀, the
    // Kangxi radical); NFKC folds them (and full-width brackets) on both sides.
    const text = pdfText(pdf).normalize("NFKC").replace(/\s+/g, "");
    for (const expected of ["個別支援計画書", "週4日通所する", "職場実習に参加する", "令和", wareki(today)]) {
      assert.ok(text.includes(expected.normalize("NFKC")), `PDF lacks ${expected}: ${text.slice(0, 400)}`);
    }
    assert.ok(!text.includes("計画に戻る") && !text.includes("ホーム"), "the app's navigation and buttons are not printed");

    // 見直し: version 2 carries the plan on; version 1 stays as it was, read-only.
    await page.goto(planUrl);
    await step("review").getByLabel("実施日").fill(today);
    await step("review").getByLabel("氏名").fill("佐藤 一郎");
    await step("review").getByLabel("見直しの内容").fill("実習先を広げる");
    await saved(page);
    await page.getByRole("button", { name: "見直し（新しい版を作成）" }).click();
    await page.getByRole("alertdialog").getByText("新しい版（第2版）を作成します。").waitFor();
    await page.getByRole("button", { name: "新しい版を作成する" }).click();
    await page.getByText("山田 太郎 · 第2版 · 作成中").waitFor();
    assert.equal(await goals.count(), 2);
    assert.equal(await goals.nth(0).getByLabel("目標", { exact: true }).inputValue(), "職場実習に参加する");
    assert.equal(await page.locator("#plan-policy").inputValue(), "生活リズムを整え、職場実習につなげる");
    assert.equal(await page.getByLabel("計画期間（開始）").inputValue(), "", "the new period is decided in the review");
    assert.equal(await step("consent").getByLabel("同意日").inputValue(), "", "the new version has its own cycle");
    // A revision goes through 原案, 会議 and 同意 again (no アセスメント of its own).
    await page.locator("#plan-findings").getByText("原案の記録がありません").waitFor();
    assert.equal(await page.locator("#plan-findings").getByText("アセスメントの記録がありません").count(), 0);
    await page.locator("#plan-long-text").fill("一年以内に一般就労し、定着する");
    await saved(page);
    // Typed one second before a reload: not lost.
    await page.locator("#plan-wishes-family").pressSequentially("見守りたい", { delay: 20 });
    await page.waitForTimeout(1000);
    await page.reload();
    await page.locator("#plan-wishes-family").waitFor();
    assert.equal(await page.locator("#plan-wishes-family").inputValue(), "無理なく通い続けてほしい見守りたい");

    const versions = page.locator(".plan-versions");
    // On screen the period reads as every screen date does (docs/dates.md).
    assert.match(await versions.innerText(), new RegExp(`${shown(today)} 〜 ${shown(end)}`));
    await versions.getByRole("link", { name: "第1版" }).click();
    await page.getByText("この版は見直しで新しい版に引き継がれたため、読み取り専用です。").waitFor();
    await page.getByText("山田 太郎 · 第1版 · 見直し済み").waitFor();
    assert.equal(await page.locator("main input, main textarea, main select").count(), 0, "an earlier version has no inputs");
    const old = await page.locator("article.plan-doc").innerText();
    for (const expected of ["一年以内に一般就労する", "職場実習に参加する", "山田 太郎（本人）", "実習先を広げる", "一部達成", "見学には行けた"]) {
      assert.ok(old.includes(expected), `version 1 lacks ${expected}`);
    }
    assert.ok(!old.includes("定着する"), "editing version 2 leaves version 1 unchanged");
    await assertAccessible(page, "個別支援計画（第1版、読み取り専用）");

    // The client's page links to the plan.
    await page.goto(clientUrl);
    await page.getByRole("link", { name: "個別支援計画" }).waitFor();
  } finally {
    await device.close();
  }
});

test("two devices: edits of different goals merge, the same goal edited on both is a conflict to settle", async () => {
  const a = await launchDevice();
  const b = await launchDevice();
  try {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await signIn(pa, server.url, office);
    await signIn(pb, server.url, office);

    await newClient(pa);
    await pa.getByRole("link", { name: "個別支援計画" }).click();
    await pa.getByRole("button", { name: "計画を作成" }).click();
    const goals = (page) => page.locator("#plan-goals fieldset.goal-card");
    for (const text of ["目標A", "目標B"]) {
      await pa.getByRole("button", { name: "短期目標を追加" }).click();
      await goals(pa).last().getByLabel("目標", { exact: true }).fill(text);
    }
    await saved(pa);
    const planUrl = pa.url();
    await syncNow(pa, server.url);
    await syncNow(pb, server.url);
    await waitForServiceWorker(pa);
    await waitForServiceWorker(pb);

    // Both offline; A edits the first goal, B the second.
    await goOffline(a.context);
    await goOffline(b.context);
    await pa.goto(planUrl);
    await goals(pa).nth(0).getByLabel("支援内容").fill("端末Aの支援内容");
    await saved(pa);
    await pb.goto(planUrl);
    await goals(pb).nth(1).getByLabel("支援内容").waitFor();
    await goals(pb).nth(1).getByLabel("支援内容").fill("端末Bの支援内容");
    await saved(pb);

    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(pa, server.url);
    await syncNow(pb, server.url);
    await syncNow(pa, server.url);
    for (const page of [pa, pb]) {
      await page.goto(planUrl);
      await goals(page).nth(1).getByLabel("支援内容").waitFor();
      assert.equal(await goals(page).nth(0).getByLabel("支援内容").inputValue(), "端末Aの支援内容");
      assert.equal(await goals(page).nth(1).getByLabel("支援内容").inputValue(), "端末Bの支援内容");
    }
    assert.equal(await pa.locator(".conflicts").count(), 0, "different goals do not conflict");

    // The same goal changed on both: the plan shows the conflict until one is chosen.
    await goOffline(a.context);
    await goOffline(b.context);
    await pa.goto(planUrl);
    await goals(pa).nth(0).getByLabel("目標", { exact: true }).fill("目標A（端末A）");
    await saved(pa);
    await pb.goto(planUrl);
    await goals(pb).nth(0).getByLabel("目標", { exact: true }).fill("目標A（端末B）");
    await saved(pb);
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(pa, server.url);
    await syncNow(pb, server.url);
    await syncNow(pa, server.url);
    await pa.goto(planUrl);
    const conflict = pa.locator(".conflicts");
    await conflict.locator("legend", { hasText: "短期目標 1" }).waitFor();
    await conflict.getByText(/目標A（端末A）/).waitFor();
    await conflict.getByText(/目標A（端末B）/).waitFor();
    await assertAccessible(pa, "個別支援計画（競合）");
    await conflict.getByRole("button", { name: /この値にする: 目標A（端末B）/ }).click();
    await conflict.waitFor({ state: "detached" });
    assert.equal(await goals(pa).nth(0).getByLabel("目標", { exact: true }).inputValue(), "目標A（端末B）");
    assert.equal(await goals(pa).nth(0).getByLabel("支援内容").inputValue(), "端末Aの支援内容");
    await syncNow(pa, server.url);
    await syncNow(pb, server.url);
    await pb.goto(planUrl);
    await goals(pb).nth(0).getByLabel("目標", { exact: true }).waitFor();
    assert.equal(await goals(pb).nth(0).getByLabel("目標", { exact: true }).inputValue(), "目標A（端末B）");
    assert.equal(await pb.locator(".conflicts").count(), 0);
  } finally {
    await a.close();
    await b.close();
  }
});
