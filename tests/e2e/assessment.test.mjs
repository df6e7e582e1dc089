// 8領域アセスメント on a tablet, offline: an assessment is filled in with one
// tap per rating and a note, survives a reload, a second one with changes is
// compared with it (radar chart and table), and an item needing support
// becomes a draft goal in the client's plan.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, launchDevice, assertAccessible, waitForServiceWorker, ARTIFACTS, goOffline } from "./harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const TABLET = { width: 820, height: 1180 };

function todayInTokyo() {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Tokyo" }).format(new Date());
}

function item(page, id) {
  return page.locator(`[data-item="${id}"]`);
}

async function rate(page, id, rating) {
  const radio = item(page, id).getByRole("radio", { name: rating, exact: true });
  await radio.click();
  assert.equal(await radio.isChecked(), true, `${id} ${rating}`);
}

async function assertRated(page, ratings) {
  for (const [id, rating] of Object.entries(ratings)) {
    const radio = item(page, id).getByRole("radio", { name: rating, exact: true });
    assert.equal(await radio.isChecked(), true, `${id} is ${rating}`);
  }
}

async function tabText(page, domain) {
  return (await page.locator(`.domain-tabs a[href="#d-${domain}"]`).innerText()).replace(/\s+/g, " ");
}

/** How many plan records this device holds (the kind index stays readable; the records are sealed). */
async function planCount(page) {
  return page.evaluate(async () => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open("renkei");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const n = await new Promise((resolve, reject) => {
      const req = db.transaction("records").objectStore("records").index("kind").count("plan");
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    db.close();
    return n;
  });
}

const LONG_NOTE = "朝食を食べずに出勤することが多く、午前中に体調を崩しやすい。本人は簡単な朝食なら用意できると話している。次回は買い物に同行する予定。";

/** Visit notes linked to life domains, brought onto the device through 設定 → バックアップ. */
async function importVisitNotes(page, clientId) {
  const note = (n, data, deleted = false) => ({
    kind: "visit_note",
    id: `00000000-0000-4000-8000-00000000000${n}`,
    office_id: null,
    created_at: "2026-04-01T01:00:00Z",
    created_by: "device-e2e",
    updated_at: "2026-04-01T01:00:00Z",
    updated_by: "device-e2e",
    rev: 1,
    deleted,
    data: { id: `00000000-0000-4000-8000-00000000000${n}`, client_id: clientId, place: "home", ...data },
  });
  const file = {
    format: "renkei-backup",
    version: 1,
    exported_at: "2026-04-01T02:00:00Z",
    records: [
      note(1, { at: "2026-04-01T10:00:00", text: LONG_NOTE, life_domains: ["health"] }),
      note(2, { at: "2026-03-15T14:30:00", text: "実習先の上司と面談", life_domains: ["work", "community"] }),
      note(3, { at: "2026-03-20T09:00:00", text: "領域なしの記録", life_domains: [] }),
      note(4, { at: "2026-03-21T09:00:00", text: "ゴミ箱の記録", life_domains: ["living"] }, true),
    ],
  };
  await page.goto(`${server.url}/settings`);
  await page.locator("#backup-import").setInputFiles({
    name: "notes.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify(file)),
  });
  await page.getByText("読み込みました。追加 4件").waitFor();
}

async function newAssessment(page, clientPath) {
  await page.goto(`${server.url}${clientPath}/assessments`);
  await page.getByRole("button", { name: "新しいアセスメント" }).click();
  await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
  await page.getByRole("heading", { name: /新しいアセスメント/ }).waitFor();
  return page.url();
}

test("an assessment filled in offline survives a reload, compares with the next one and seeds plan goals", async () => {
  const device = await launchDevice({ viewport: TABLET, hasTouch: true });
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await waitForServiceWorker(page);
    await goOffline(device.context);

    // A client, then its (empty) assessment list through the client's links.
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?new$/);
    await page.getByLabel("氏名（必須）").fill("訪問 花子");
    await page.getByText("✓ 保存しました").waitFor();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const clientPath = new URL(page.url()).pathname;
    const clientId = clientPath.split("/").pop();
    await page.getByRole("link", { name: "アセスメント" }).click();
    await page.waitForURL(`${server.url}${clientPath}/assessments`);
    await page.locator("#assess-empty").waitFor();
    await assertAccessible(page, "アセスメント一覧（空）");
    await importVisitNotes(page, clientId);

    // First assessment: dated today, one tap per rating in several domains.
    const firstUrl = await newAssessment(page, clientPath);
    assert.equal(await page.getByLabel("実施日").inputValue(), todayInTokyo());
    await assert.rejects(
      item(page, "health.diet").getByRole("button", { name: /計画の目標にする/ }).waitFor({ timeout: 300 }),
      "no goal button before a rating that needs support",
    );
    const first = {
      "health.diet": "支援が必要",
      "health.health_care": "見守り",
      "living.environment": "課題なし",
      "work.role": "一部支援が必要",
      "community.friendships": "見守り",
    };
    await item(page, "health.diet").getByRole("radio", { name: "支援が必要", exact: true }).tap();
    for (const [id, rating] of Object.entries(first)) await rate(page, id, rating);
    const diet = item(page, "health.diet");
    await diet.locator("summary").click();
    await diet.getByLabel("所見・メモ").fill("朝食を抜きがち");
    await diet.getByLabel("本人の言葉").fill("パンなら食べられる");
    await page.getByText("✓ 保存しました").waitFor();
    assert.match(await tabText(page, "health"), /2\/4/);
    assert.match(await tabText(page, "living"), /1\/7/);
    assert.match(await tabText(page, "income"), /0\/5/);
    assert.match(await page.locator("#score-health").innerText(), /支援必要度 67 ・ 評価済み 2\/4/);
    await page.getByRole("heading", { name: "評価済み 5/40" }).waitFor();

    // Visit notes linked to a domain are listed, collapsed, under it.
    const healthNotes = page.locator("#d-health .domain-notes");
    assert.equal(await healthNotes.locator("summary").innerText(), "この領域の支援記録（1件）");
    await healthNotes.locator("summary").click();
    assert.equal(
      (await healthNotes.locator("li").innerText()).replace(/\s+/g, " "),
      `2026年4月1日 ${[...LONG_NOTE].slice(0, 60).join("")}…`,
    );
    assert.match(await page.locator("#d-work .domain-notes").innerText(), /この領域の支援記録（1件）/);
    await page.locator("#d-community .domain-notes summary").click();
    assert.match(await page.locator("#d-community .domain-notes li").innerText(), /2026年3月15日\s+実習先の上司と面談/);
    assert.equal(await page.locator("#d-living .domain-notes").count(), 0, "a note in the trash is not listed");
    assert.equal(await page.locator(".domain-notes").count(), 3);

    // A date that is not a real past date is refused in Japanese; nothing changes.
    await page.getByLabel("実施日").fill("2999-01-01");
    await page.getByText("実施日を今日までの日付で入力してください。").waitFor();

    await page.reload();
    await page.getByLabel("実施日").waitFor();
    assert.equal(await page.getByLabel("実施日").inputValue(), todayInTokyo(), "the bad date was not stored");
    await assertRated(page, first);
    assert.match(await tabText(page, "health"), /2\/4/);
    assert.match(await tabText(page, "work"), /1\/5/);
    assert.match(await tabText(page, "community"), /1\/5/);
    await page.getByRole("heading", { name: "評価済み 5/40" }).waitFor();
    await diet.locator("summary").click();
    assert.equal(await diet.getByLabel("所見・メモ").inputValue(), "朝食を抜きがち");
    assert.equal(await diet.getByLabel("本人の言葉").inputValue(), "パンなら食べられる");
    assert.equal(page.url(), firstUrl);
    await page.screenshot({ path: join(ARTIFACTS, "assessment-form.png") });
    await assertAccessible(page, "アセスメント（入力）");

    // The jump bar moves to a domain without leaving the form.
    await page.locator('.domain-tabs a[href="#d-mobility"]').click();
    await page.waitForFunction(() => Math.abs(document.getElementById("d-mobility").getBoundingClientRect().top) < 200);
    await assertRated(page, first);

    // Phone size: no sideways scrolling, every rating at least 44px.
    await page.setViewportSize({ width: 390, height: 844 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), "fits a phone");
    const heights = await item(page, "living.environment")
      .locator(".segment")
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().height));
    assert.equal(heights.length, 5);
    assert.ok(heights.every((h) => h >= 44), `segment heights ${heights}`);
    await page.screenshot({ path: join(ARTIFACTS, "assessment-phone.png") });
    await page.setViewportSize(TABLET);

    // The list with one assessment: its chart, nothing to compare yet.
    await page.getByRole("link", { name: /アセスメント一覧へ/ }).click();
    await page.locator("#assessment-list li").first().waitFor();
    assert.equal(await page.locator("#assessment-list li").count(), 1);
    assert.match(await page.locator("#assessment-list").innerText(), /評価済み 5\/40/);
    await page.getByText("2回目のアセスメントをすると、前回との比較が表示されます。").waitFor();
    assert.equal(await page.locator("#radar .radar-before").count(), 0);
    assert.equal(await page.locator("#radar .radar-after").getAttribute("data-scores"), "67,0,-,67,-,-,-,33");

    // Second assessment with changes, and two goals for the plan.
    await newAssessment(page, clientPath);
    const second = {
      "health.diet": "一部支援が必要",
      "health.health_care": "見守り",
      "living.environment": "見守り",
      "work.role": "支援が必要",
      "mobility.safety": "課題なし",
    };
    for (const [id, rating] of Object.entries(second)) await rate(page, id, rating);
    // Reloaded at once, before autosave's pause is over: nothing is lost.
    await page.reload();
    await page.getByLabel("実施日").waitFor();
    await assertRated(page, second);
    await diet.locator("summary").click();
    await diet.getByLabel("所見・メモ").fill("朝食は週3日");
    await page.getByText("✓ 保存しました").waitFor();

    assert.equal(await planCount(page), 0, "no plan yet");
    await item(page, "work.role").getByRole("button", { name: /計画の目標にする/ }).click();
    await item(page, "work.role").getByText("✓ 計画に追加しました").waitFor();
    await diet.getByRole("button", { name: /計画の目標にする/ }).click();
    await diet.getByText("✓ 計画に追加しました").waitFor();
    await assertAccessible(page, "アセスメント（計画に追加）");

    assert.equal(await planCount(page), 1, "one plan, created for the goals");

    // Opened again, the items say they are in the plan and cannot be added twice.
    await page.reload();
    await item(page, "work.role").getByText("✓ 計画に追加済み").waitFor();
    assert.equal(await item(page, "work.role").getByRole("button", { name: /計画の目標にする/ }).count(), 0);
    assert.equal(await diet.getByRole("button", { name: /計画の目標にする/ }).count(), 0);
    await assertRated(page, second);
    assert.equal(await planCount(page), 1, "still one plan");

    // The plan page shows the drafted goals, ready for the support to be filled in.
    await item(page, "work.role").getByRole("link", { name: "計画を開く" }).click();
    await page.waitForURL(`${server.url}${clientPath}/plan`);
    await page.waitForFunction(
      (texts) => texts.every((text) => [...document.querySelectorAll("textarea, input")].some((e) => e.value === text)),
      ["役割の実現", "食生活・栄養管理・食材選択: 朝食は週3日"],
    );
    // The plan's first version, with exactly these two goals in this order
    // (the support and the provider left for the サビ管 to fill in).
    await page.getByText("第1版").first().waitFor();
    const goals = page.locator("#plan-goals fieldset.goal-card");
    assert.equal(await goals.count(), 2);
    assert.equal(await goals.nth(0).getByLabel("目標", { exact: true }).inputValue(), "役割の実現");
    assert.equal(await goals.nth(1).getByLabel("目標", { exact: true }).inputValue(), "食生活・栄養管理・食材選択: 朝食は週3日");

    // The list: newest first, the chart with both, the table with both numbers.
    await page.goto(`${server.url}${clientPath}/assessments`);
    await page.locator("#compare-table").waitFor();
    assert.equal(await page.locator("#assessment-list li").count(), 2);
    assert.equal(await page.getByLabel("比べるアセスメント").locator("option").count(), 1);
    const before = page.locator("#radar .radar-before");
    const afterPolygon = page.locator("#radar .radar-after");
    assert.equal(await before.getAttribute("data-scores"), "67,0,-,67,-,-,-,33");
    assert.equal(await afterPolygon.getAttribute("data-scores"), "50,33,-,100,-,-,0,-");
    // ① 50 of a radius of 120 points straight up; ④ 100 points down-right.
    const points = (await afterPolygon.getAttribute("points")).split(" ");
    assert.equal(points.length, 8);
    assert.equal(points[0], "0,-60");
    assert.equal(points[3], "85,85");
    assert.equal(await page.locator("#radar .radar-label").count(), 8);
    assert.match(await page.locator("#radar").innerHTML(), /① 健康・食生活/);

    const row = async (name) => (await page.locator("#compare-table tr", { hasText: name }).innerText()).replace(/\s+/g, " ");
    assert.match(await row("① 健康・食生活"), /67 \(2\/4\) 50 \(2\/4\) −17（改善）/);
    assert.match(await row("② 住まう・暮らす"), /0 \(1\/7\) 33 \(1\/7\) \+33（悪化）/);
    assert.match(await row("④ 就業・労働"), /67 \(1\/5\) 100 \(1\/5\) \+33（悪化）/);
    assert.match(await row("⑦ 交通・移動"), /— \(0\/5\) 0 \(1\/5\) —/);
    assert.match(await row("⑧ 地域"), /33 \(1\/5\) — \(0\/5\) —/);

    const changed = async (name) => (await page.locator("#changed-items tr", { hasText: name }).innerText()).replace(/\s+/g, " ");
    assert.match(await changed("食生活・栄養管理・食材選択"), /支援が必要 一部支援が必要 改善/);
    assert.match(await changed("住環境"), /課題なし 見守り 悪化/);
    assert.match(await changed("役割の実現"), /一部支援が必要 支援が必要 悪化/);
    assert.match(await changed("安全性"), /未確認 課題なし 新たに評価/);
    assert.match(await changed("交遊関係"), /見守り 未確認 今回未評価/);
    assert.equal(await page.locator("#changed-items tr", { hasText: "健康管理・疾病管理" }).count(), 0, "unchanged items are not listed");
    await page.screenshot({ path: join(ARTIFACTS, "assessment-compare.png"), fullPage: true });
    await assertAccessible(page, "アセスメント一覧（比較）");
  } finally {
    await device.close();
  }
});
