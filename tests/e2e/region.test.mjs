// 地域を知る (/network): the office's agencies by category and stage, the
// categories without any, the agencies whose two views differ and the
// survey of both views, from agencies brought in by a backup file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startServer, launchDevice, assertAccessible, goOffline, waitForServiceWorker, ARTIFACTS } from "./harness.mjs";

let server;
let work;
before(async () => {
  server = await startServer();
  work = mkdtempSync(join(tmpdir(), "renkei-region-"));
});
after(async () => {
  await server?.stop();
  rmSync(work, { recursive: true, force: true });
});

const id = (n) => `00000000-0000-4000-8000-${n.toString(16).padStart(12, "0")}`;

/** An agency record as a backup file holds it. */
function agency(n, { name, kana, category, stage = null, ours = "not_asked", oursOn = null, theirs = "not_asked", theirsOn = null, deleted = false }) {
  const at = "2026-11-01T09:00:00Z";
  return {
    kind: "agency",
    id: id(n),
    office_id: null,
    created_at: at,
    created_by: "e2e",
    updated_at: at,
    updated_by: "e2e",
    rev: 1,
    deleted,
    data: {
      name,
      kana,
      category,
      agency_type: null,
      stage: stage && { stage, since: "2026-04-01", reason: "定例会議" },
      our_view: { answer: ours, asked_on: oursOn },
      their_view: { answer: theirs, asked_on: theirsOn },
    },
  };
}

// Eight live agencies in five categories, and one in the trash (教育機関),
// which must count nowhere.
const AGENCIES = [
  agency(1, { name: "ハローワーク中央", kana: "はろーわーく ちゅうおう", category: "employment", stage: "linkage", ours: "cooperating", oursOn: "2026-10-01", theirs: "little_known", theirsOn: "2026-10-15" }),
  agency(2, { name: "地域障害者職業センター", kana: "ちいき しょくぎょうせんたー", category: "employment", stage: "coordination", ours: "trusted", theirs: "cooperating" }),
  agency(3, { name: "相談室あおば", kana: "そうだんしつ あおば", category: "living", stage: "integration", ours: "cooperating", theirs: "cooperating" }),
  agency(4, { name: "グループホームひだまり", kana: "ぐるーぷほーむ ひだまり", category: "living", stage: "coordination", theirs: "trusted" }),
  agency(5, { name: "中央病院", kana: "ちゅうおう びょういん", category: "medical", ours: "not_needed", oursOn: "2026-09-01", theirs: "trusted", theirsOn: "2026-09-20" }),
  agency(6, { name: "市役所 障害福祉課", kana: "しやくしょ", category: "government", stage: "linkage", ours: "little_known", theirs: "not_needed" }),
  agency(7, { name: "家族会みどり", kana: "かぞくかい みどり", category: "informal" }),
  agency(8, { name: "就労継続支援B型 みらい", kana: "みらい", category: "employment", stage: "coordination", ours: "cooperating" }),
  agency(9, { name: "特別支援学校（削除済み）", kana: "とくべつしえんがっこう", category: "education", stage: "linkage", ours: "cooperating", theirs: "not_needed", deleted: true }),
];

function backupFile(name, records) {
  const path = join(work, name);
  writeFileSync(path, JSON.stringify({ format: "renkei-backup", version: 1, exported_at: "2026-11-25T00:00:00Z", records }));
  return path;
}

async function importBackup(page, path, added) {
  await page.goto(`${server.url}/settings`);
  await page.locator("#backup-import").setInputFiles(path);
  await page.getByText(`追加 ${added}件`).waitFor();
}

async function openRegion(page) {
  await page.goto(`${server.url}/network`);
  await page.getByRole("heading", { level: 1, name: "地域を知る" }).waitFor();
  await page.waitForFunction(() => !document.querySelector("main").innerText.includes("読み込み中"));
}

/** A table's body (and footer) as rows of cell texts, the row header first. */
async function tableRows(page, selector, part = "tbody") {
  return page.locator(`${selector} ${part} tr`).evaluateAll((rows) =>
    rows.map((r) => [...r.querySelectorAll("th, td")].map((c) => c.textContent.trim())),
  );
}

test("the region shows agencies by category and stage, the empty categories, the differing views and the survey", async () => {
  const device = await launchDevice({ viewport: { width: 412, height: 915 } });
  try {
    const page = await device.context.newPage();

    // Nothing registered yet: the page says so and leads to the directory.
    await openRegion(page);
    const empty = page.locator("#region-empty");
    await empty.getByText("まだ関係機関が登録されていません。").waitFor();
    assert.equal(await empty.getByRole("link", { name: "関係機関の一覧へ" }).getAttribute("href"), "/agencies");
    assert.equal(await page.locator("#region-table").count(), 0);
    await page.getByRole("heading", { level: 2, name: "連携の3段階" }).waitFor();

    await importBackup(page, backupFile("agencies.json", AGENCIES), AGENCIES.length);
    await openRegion(page);
    await page.locator("#region-table").waitFor();
    assert.equal(await page.locator("#region-count").textContent(), "登録されている関係機関: 8件");

    // 1. By category and stage, in the seed's order; the agency in the trash counts nowhere.
    assert.deepEqual(
      await page.locator("#region-table thead th").allTextContents(),
      ["分類", "つながり", "調整・協力", "統合・協働", "段階未設定", "計"],
    );
    assert.deepEqual(await tableRows(page, "#region-table"), [
      ["就労支援機関", "1", "2", "0", "0", "3"],
      ["生活支援機関", "0", "1", "1", "0", "2"],
      ["医療機関", "0", "0", "0", "1", "1"],
      ["教育機関", "0", "0", "0", "0", "0"],
      ["児童分野機関", "0", "0", "0", "0", "0"],
      ["行政", "1", "0", "0", "0", "1"],
      ["インフォーマル", "0", "0", "0", "1", "1"],
      ["その他", "0", "0", "0", "0", "0"],
    ]);
    assert.deepEqual(await tableRows(page, "#region-table", "tfoot"), [["合計", "2", "3", "1", "2", "8"]]);
    assert.equal(
      await page.locator("#region-coverage").textContent(),
      "まだ関係機関が登録されていない分類: 教育機関、児童分野機関、その他",
    );

    // 2. The three stages in the seed's words.
    assert.deepEqual(await page.locator("#region-stage-list dt").allTextContents(), [
      "つながり（Linkage）",
      "調整・協力（Coordination）",
      "統合・協働（Integration）",
    ]);
    await page.locator("#region-stage-list dd", { hasText: "顔の見える関係（連絡が取れる関係）" }).waitFor();

    // 3. Exactly the agencies whose views differ, opposite views first (by reading).
    const items = page.locator("#region-mismatches > li");
    const listed = await items.evaluateAll((lis) =>
      lis.map((li) => ({
        badge: li.querySelector(".badge").textContent.trim(),
        name: li.querySelector("a").textContent.trim(),
        href: li.querySelector("a").getAttribute("href"),
        ours: li.querySelector("dd.ours").textContent.trim(),
        theirs: li.querySelector("dd.theirs").textContent.trim(),
      })),
    );
    assert.deepEqual(listed, [
      { badge: "⚠ 認識のズレ", name: "中央病院", href: `/agencies/${id(5)}`, ours: "必要ない（2026年9月1日に確認）", theirs: "信頼されている（2026年9月20日に確認）" },
      { badge: "⚠ 認識のズレ", name: "ハローワーク中央", href: `/agencies/${id(1)}`, ours: "連携できている（2026年10月1日に確認）", theirs: "あまり知らない（2026年10月15日に確認）" },
      { badge: "見方が異なる", name: "市役所 障害福祉課", href: `/agencies/${id(6)}`, ours: "あまり知らない", theirs: "必要ない" },
      { badge: "見方が異なる", name: "地域障害者職業センター", href: `/agencies/${id(2)}`, ours: "信頼されている", theirs: "連携できている" },
    ]);

    // 4. The survey: the table under the chart, and bars as long as their counts.
    assert.deepEqual(await page.locator("#region-survey-table thead th").allTextContents(), ["回答", "事業所の見方", "相手の見方"]);
    assert.deepEqual(await tableRows(page, "#region-survey-table"), [
      ["連携できている", "3", "2"],
      ["信頼されている", "1", "2"],
      ["あまり知らない", "1", "1"],
      ["必要ない", "1", "1"],
      ["まだ聞いていない", "2", "2"],
    ]);
    const chart = page.locator("#region-survey svg");
    assert.equal(await chart.getAttribute("role"), "img");
    const captionId = await chart.getAttribute("aria-labelledby");
    assert.match(await page.locator(`#${captionId}`).textContent(), /事業所の見方と相手の見方/);
    const bars = await chart.locator("rect.survey-bar").evaluateAll((rects) =>
      rects.map((r) => [r.classList.contains("first") ? "ours" : "theirs", Number(r.dataset.value), Number(r.getAttribute("width"))]),
    );
    assert.deepEqual(
      bars.map(([side, value]) => [side, value]),
      [["ours", 3], ["theirs", 2], ["ours", 1], ["theirs", 2], ["ours", 1], ["theirs", 1], ["ours", 1], ["theirs", 1], ["ours", 2], ["theirs", 2]],
    );
    const longest = Math.max(...bars.map(([, , w]) => w));
    for (const [side, value, width] of bars) {
      assert.ok(Math.abs(width - (longest * value) / 3) <= 1, `${side} bar of ${value} is ${width} long (3 is ${longest})`);
    }
    // Not colour alone: the second series is hatched, and each bar is named beside it.
    assert.match(await chart.locator("rect.survey-bar.second").first().getAttribute("fill"), /^url\(#/);
    assert.deepEqual(await chart.locator(".survey-side").evaluateAll((t) => [...new Set(t.map((e) => e.textContent))]), ["事業所", "相手"]);

    await assertAccessible(page, "地域を知る");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px on a phone`);
    const chartWidth = (await chart.boundingBox()).width;
    assert.ok(chartWidth >= 300, `the chart is ${chartWidth}px wide on a phone`);
    await page.screenshot({ path: join(ARTIFACTS, "region-phone.png"), fullPage: true });

    // After this one online visit the page opens offline.
    await waitForServiceWorker(page);
    await goOffline(device.context);
    await openRegion(page);
    assert.deepEqual((await tableRows(page, "#region-table", "tfoot"))[0], ["合計", "2", "3", "1", "2", "8"]);
    await page.locator("#region-mismatches > li").nth(3).waitFor();
  } finally {
    await device.close();
  }
});

test("when every category has an agency and no views differ, the page says so", async () => {
  const categories = ["employment", "living", "medical", "education", "children", "government", "informal", "other"];
  const records = categories.map((category, i) =>
    agency(100 + i, { name: `機関${i + 1}`, kana: "", category, stage: "linkage", ours: "trusted", theirs: i % 2 ? "trusted" : "not_asked" }),
  );
  const device = await launchDevice({ viewport: { width: 1024, height: 768 } });
  try {
    const page = await device.context.newPage();
    await importBackup(page, backupFile("every-category.json", records), records.length);
    await openRegion(page);
    assert.equal(await page.locator("#region-coverage").textContent(), "すべての分類に、少なくとも1つの関係機関が登録されています。");
    assert.equal(
      await page.locator("#region-no-mismatch").textContent(),
      "事業所の見方と相手の見方が異なる関係機関はありません。見方は、関係機関ごとのページで記録します。",
    );
    assert.equal(await page.locator("#region-mismatches").count(), 0);
    assert.deepEqual((await tableRows(page, "#region-survey-table"))[1], ["信頼されている", "8", "4"]);
    await assertAccessible(page, "地域を知る（タブレット）");
    await page.screenshot({ path: join(ARTIFACTS, "region-tablet.png"), fullPage: true });
  } finally {
    await device.close();
  }
});
