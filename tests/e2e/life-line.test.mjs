// 縦の連携 and the 引き継ぎシート: a coming graduation added to a client's
// life-stage line shows on the line and on ホーム; the handover sheet for it
// holds the plan's goals, the agencies with their phone numbers and the
// chosen note, prints to A4, and each printing is listed with who and when.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import { startServer, launchDevice, assertAccessible, ARTIFACTS, goOffline, waitForServiceWorker, backupFile } from "./harness.mjs";
import { pdfText } from "./pdf.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** `days` from today in the page's time zone, as a date input gives it. */
async function isoDay(page, days) {
  return page.evaluate((days) => {
    const d = new Date(Date.now() + days * 24 * 60 * 60 * 1000);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  }, days);
}

/** 「2027年3月15日」, as screens show a date. */
function shown(iso) {
  const [y, m, d] = iso.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

test("a coming 卒業 shows on the life-stage line and on ホーム; its handover sheet prints the goals, agencies and phones and is logged", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await waitForServiceWorker(page);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?new$/);
    // Seventeen and a half: in 学齢期 now and at a graduation 100 days on.
    const birth = await isoDay(page, -(17 * 365 + 180));
    await page.getByLabel("生年月日").fill(birth);
    await page.getByLabel("氏名（必須）").fill("佐藤 健");
    await page.getByText("✓ 保存しました").waitFor();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const clientId = page.url().split("/").pop();

    // The plan, the agencies, the client's links and a note come from a
    // backup (each has its own tests); what follows is this page's work.
    const school = randomUUID();
    const hello = randomUUID();
    const teacher = randomUUID();
    const planId = randomUUID();
    const noteId = randomUUID();
    const goal = randomUUID();
    const file = backupFile([
      {
        kind: "agency",
        id: school,
        data: {
          name: "みなみ特別支援学校",
          category: "education",
          phone: "03-3333-4444",
          people: [{ id: teacher, name: "進路 先生", role: "進路指導", phone: "090-1234-5678" }],
        },
      },
      { kind: "agency", id: hello, data: { name: "ハローワーク南", category: "employment", phone: "03-1111-2222" } },
      { kind: "network_link", id: randomUUID(), data: { client_id: clientId, agency_id: school, person_id: teacher, role: "進路指導" } },
      { kind: "network_link", id: randomUUID(), data: { client_id: clientId, agency_id: hello, role: "職業相談" } },
      {
        kind: "plan",
        id: planId,
        data: {
          id: planId,
          client_id: clientId,
          version: 1,
          long_term_goal: { text: "卒業後に一般就労する" },
          [`goal:${goal}`]: { order: 0, text: "職場実習に参加する", support: "実習先の開拓と同行" },
        },
      },
      {
        kind: "visit_note",
        id: noteId,
        data: { id: noteId, client_id: clientId, at: `${await isoDay(page, -3)}T10:00:00`, text: "実習先で休憩の取り方を確認した" },
      },
    ]);
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(file);
    await page.getByText(/読み込みました。追加 6件/).waitFor();

    // Offline from here: the line and the sheet are written at school visits.
    await goOffline(device.context);
    await page.goto(`${server.url}/clients/${clientId}/network`);
    await page.getByRole("heading", { name: "縦の連携（ライフステージ）" }).waitFor();
    await page.getByText(/いま（学齢期・17歳）/).waitFor();
    await assertAccessible(page, "支援ネットワーク（縦の連携・節目なし）");

    // 「その他」 needs its wording: refused, nothing stored.
    await page.getByLabel("節目の種類").selectOption({ label: "その他" });
    await page.getByLabel("日付（必須・予定日でも可）").fill(await isoDay(page, -400));
    await page.getByRole("button", { name: "節目を追加する" }).click();
    await page.locator("#transition-detail-error").filter({ hasText: /\S/ }).waitFor();
    assert.equal(await page.locator(".turning-point").count(), 0);
    await page.getByLabel("内容（学校名・勤務先など）").fill("高等部に入学");

    await page.getByRole("button", { name: "節目を追加する" }).click();
    await page.getByText("✓ 節目を追加しました").waitFor();
    await page.locator(".turning-point", { hasText: "高等部に入学" }).waitFor();

    const graduation = await isoDay(page, 100);
    await page.getByLabel("節目の種類").selectOption({ label: "卒業" });
    await page.getByLabel("日付（必須・予定日でも可）").fill(graduation);
    await page.getByLabel("内容（学校名・勤務先など）").fill("みなみ特別支援学校 高等部");
    await page.getByRole("checkbox", { name: "みなみ特別支援学校" }).check();
    await page.getByLabel("ほかの関係機関を加える").selectOption({ label: "ハローワーク南" });
    await page.getByRole("checkbox", { name: "ハローワーク南" }).waitFor();
    await page.getByLabel("準備すること・引き継ぐこと").fill("実習の記録を就労先へ渡す");
    await page.getByRole("button", { name: "節目を追加する" }).click();
    await page.getByText("✓ 節目を追加しました").waitFor();

    // On the line: both in 学齢期, the earlier first, the graduation coming.
    const schoolAge = page.locator(".life-stage", { has: page.getByRole("heading", { name: /^学齢期/ }) });
    const points = schoolAge.locator(".turning-point");
    await points.nth(1).waitFor();
    assert.match(await points.nth(0).innerText(), /高等部に入学/);
    const coming = points.nth(1);
    assert.match(await coming.innerText(), new RegExp(`卒業（${shown(graduation)}）`));
    assert.match(await coming.innerText(), /これから/);
    assert.match(await coming.innerText(), /かかわる関係機関: みなみ特別支援学校、ハローワーク南/);
    await assertAccessible(page, "支援ネットワーク（縦の連携）");
    await page.screenshot({ path: join(ARTIFACTS, "life-line.png"), fullPage: true });

    // On ホーム, as something to prepare.
    await page.goto(`${server.url}/`);
    const home = page.locator("#dash-coming-list");
    await home.getByText("佐藤 健").waitFor();
    assert.match(await home.innerText(), new RegExp(`卒業（みなみ特別支援学校 高等部） ${shown(graduation)}（あと100日）`));
    await assertAccessible(page, "ホーム（これからの節目）");

    // Its handover sheet, with the note chosen.
    await home.getByRole("link", { name: /佐藤 健/ }).click();
    await page.locator(".turning-point", { hasText: "これから" }).getByRole("link", { name: "引き継ぎシートを作る" }).click();
    await page.waitForURL(/\/handover\?for=/);
    const sheet = page.locator("#handover-sheet");
    await sheet.locator("#handover-transition", { hasText: "卒業" }).waitFor();
    assert.match(await sheet.innerText(), /アセスメントはまだありません/);
    assert.ok(!(await sheet.innerText()).includes("実習先で休憩の取り方"), "no note until one is chosen");
    await page.getByText("引き継ぐ支援記録を選ぶ").click();
    await page.getByRole("checkbox", { name: /実習先で休憩の取り方を確認した/ }).check();
    await sheet.getByText("実習先で休憩の取り方を確認した").waitFor();
    await assertAccessible(page, "引き継ぎシート");
    await page.getByText("まだ印刷されていません。").waitFor();

    // 「印刷する」 records the printing before the print dialog (stubbed here).
    await page.evaluate(() => {
      window.print = () => {
        window.__printed = (window.__printed ?? 0) + 1;
      };
    });
    await page.getByRole("button", { name: "印刷する" }).click();
    await page.locator("#handover-print-log li", { hasText: "支援記録1件" }).waitFor();
    assert.equal(await page.evaluate(() => window.__printed), 1);

    const pdf = await page.pdf({ format: "A4", printBackground: true });
    writeFileSync(join(ARTIFACTS, "handover.pdf"), pdf);
    const text = pdfText(pdf).normalize("NFKC").replace(/\s+/g, "");
    for (const expected of [
      "佐藤健さんの引き継ぎシート",
      "令和",
      "卒業後に一般就労する",
      "職場実習に参加する",
      "実習先の開拓と同行",
      "みなみ特別支援学校",
      "進路先生",
      "090-1234-5678",
      "ハローワーク南",
      "03-1111-2222",
      "実習先で休憩の取り方を確認した",
    ]) {
      assert.ok(text.includes(expected.normalize("NFKC")), `PDF lacks ${expected}: ${text.slice(0, 600)}`);
    }
    assert.ok(!text.includes("印刷の記録") && !text.includes("引き継ぐ支援記録を選ぶ"), "the page's controls are not printed");
    await page.setViewportSize({ width: 794, height: 1123 });
    await page.screenshot({ path: join(ARTIFACTS, "handover.png"), fullPage: true });
  } finally {
    await device.close();
  }
});
