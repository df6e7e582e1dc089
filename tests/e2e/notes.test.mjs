// 支援記録: on a phone with no network, a note takes two taps plus its text,
// survives a reload, and the timeline filters, searches and ticks follow-ups.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { randomUUID } from "node:crypto";
import {
  startServer,
  launchDevice,
  assertAccessible,
  waitForServiceWorker,
  ARTIFACTS,
  goOffline,
  backupFile,
} from "./harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/** Dates in the page's time zone (Asia/Tokyo), as date inputs give them. */
async function localDates(page) {
  return page.evaluate(() => {
    const iso = (d) =>
      `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
    const now = new Date();
    const day = 24 * 60 * 60 * 1000;
    return { today: iso(now), yesterday: iso(new Date(now - day)), tomorrow: iso(new Date(now.getTime() + day)) };
  });
}

/** A backup file holding a plan with two goals (and one removed) for the client. */
function planBackup(clientId, goals) {
  const planId = randomUUID();
  const data = { id: planId, client_id: clientId, version: 1, policy: "就労に向けて生活リズムを整える" };
  goals.forEach((g, order) => (data[`goal:${g.id}`] = { order, text: g.text, removed: !!g.removed }));
  return backupFile([{ kind: "plan", id: planId, data }]);
}

const cards = (page) => page.locator(".note-card");

test("offline on a phone: two taps and the text make a note that survives a reload; filters, search and follow-ups work", async () => {
  const device = await launchDevice(PHONE);
  try {
    const page = await device.context.newPage();
    // One visit online installs the app; everything after is offline.
    await page.goto(`${server.url}/clients`);
    await waitForServiceWorker(page);
    await goOffline(device.context);

    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).tap();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?new$/);
    await page.getByLabel("氏名（必須）").fill("記録 太郎");
    await page.getByText("✓ 保存しました").waitFor();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const clientId = page.url().split("/").pop();
    const timeline = `${server.url}/clients/${clientId}/notes`;

    // The client's page links to the notes.
    await page.getByRole("link", { name: "支援記録", exact: true }).tap();
    await page.waitForURL(timeline);
    await page.getByText("まだ記録がありません。").waitFor();
    await assertAccessible(page, "支援記録（まだない）");

    // Tap 1: 「＋ 記録する」. The form opens at now, at 自宅, typing into the text.
    const { today, yesterday, tomorrow } = await localDates(page);
    await page.getByRole("link", { name: "記録する", exact: true }).tap();
    await page.waitForURL(`${timeline}/new`);
    await page.waitForFunction(() => document.activeElement?.id === "note-text");
    const at = await page.getByLabel("日時").inputValue();
    assert.match(at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    assert.equal(at.slice(0, 10), today);
    assert.ok(await page.getByRole("radio", { name: "自宅" }).isChecked(), "自宅 before any note");
    await page.keyboard.type("自宅を訪問。朝の服薬を一緒に確認した。");
    await assertAccessible(page, "支援記録を書く");
    await page.screenshot({ path: join(ARTIFACTS, "notes-entry-phone.png") });
    // Tap 2: 「保存」, back to the timeline with the note.
    await page.getByRole("button", { name: "保存", exact: true }).tap();
    await page.waitForURL(/\/notes\?saved=/);
    await page.getByRole("status").filter({ hasText: "✓ 保存しました" }).waitFor();
    await cards(page).filter({ hasText: "朝の服薬を一緒に確認した" }).waitFor();
    assert.match(await cards(page).first().innerText(), /自宅/);

    // Still there after a reload, offline.
    await page.reload();
    await cards(page).filter({ hasText: "朝の服薬を一緒に確認した" }).waitFor();
    assert.equal(await cards(page).count(), 1);

    // A plan with goals (imported from a backup) makes its goals linkable.
    const goals = [
      { id: randomUUID(), text: "週5日通所する" },
      { id: randomUUID(), text: "ハローワークで求人を探す" },
      { id: randomUUID(), text: "取り下げた目標", removed: true },
    ];
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(planBackup(clientId, goals));
    await page.getByText(/読み込みました。追加 1件/).waitFor();

    // Text typed and left unsaved comes back when the form opens again.
    await page.goto(timeline);
    await page.getByRole("link", { name: "記録する", exact: true }).tap();
    await page.getByLabel("記録（必須）").fill("書きかけのメモ");
    await page.getByRole("link", { name: "支援記録の一覧へ戻る" }).tap();
    await page.waitForURL(timeline);
    await page.locator("#note-count", { hasText: /^1件$/ }).waitFor();
    assert.equal(await cards(page).count(), 1, "nothing saved by leaving");
    await page.getByRole("link", { name: "記録する", exact: true }).tap();
    await page.getByText("保存していない書きかけの記録を戻しました。").waitFor();
    assert.equal(await page.getByLabel("記録（必須）").inputValue(), "書きかけのメモ");
    await page.getByRole("button", { name: "書きかけを破棄" }).tap();
    assert.equal(await page.getByLabel("記録（必須）").inputValue(), "");

    // Nothing is saved without text, and the problem is said in Japanese.
    await page.getByRole("button", { name: "保存", exact: true }).tap();
    await page.getByText("入力内容を確認してください。まだ保存していません。").waitFor();
    await page.locator("#note-text-error", { hasText: "入力してください。" }).waitFor();
    assert.match(page.url(), /\/notes\/new$/);
    await assertAccessible(page, "支援記録を書く（エラー）");

    // Second note: 職場, linked to a goal and a domain, with a follow-up due yesterday.
    await page.getByRole("radio", { name: "職場" }).check();
    await page.getByLabel("記録（必須）").fill("職場で上司と面談。ハローワークの求人票を一緒に見た。");
    await page.getByText("目標・領域を選ぶ").tap();
    assert.equal(await page.getByRole("checkbox", { name: "取り下げた目標" }).count(), 0, "removed goals are not offered");
    await page.getByRole("checkbox", { name: "ハローワークで求人を探す" }).check();
    await page.getByRole("checkbox", { name: "④ 就業・労働" }).check();
    await page.getByText("フォローアップ（やること）").tap();
    await page.getByLabel("やること").fill("求人票のコピーを渡す");
    await page.getByLabel("期限").fill(yesterday);
    await assertAccessible(page, "支援記録を書く（すべて開いた状態）");
    await page.screenshot({ path: join(ARTIFACTS, "notes-entry-open-phone.png"), fullPage: true });
    await page.getByRole("button", { name: "保存", exact: true }).tap();
    await page.waitForURL(/\/notes\?saved=/);
    await cards(page).nth(1).waitFor();
    assert.equal(await cards(page).count(), 2);
    const newest = await cards(page).first().innerText();
    assert.match(newest, /求人票を一緒に見た/, "newest first");
    assert.match(newest, /職場/);
    assert.match(newest, /ハローワークで求人を探す/);
    assert.match(newest, /④ 就業・労働/);
    assert.match(newest, /求人票のコピーを渡す/);
    assert.match(newest, /期限切れ/);
    await page.locator("#note-count", { hasText: "2件" }).waitFor();
    await assertAccessible(page, "支援記録（2件）");
    await page.screenshot({ path: join(ARTIFACTS, "notes-timeline-phone.png"), fullPage: true });

    // The next note starts at the place used last.
    await page.getByRole("link", { name: "記録する", exact: true }).tap();
    await page.getByRole("radio", { name: "職場" }).waitFor();
    assert.ok(await page.getByRole("radio", { name: "職場" }).isChecked(), "last place remembered");
    await page.goto(timeline);

    // Filters: place, goal, domain, dates.
    await page.getByText("絞り込み", { exact: true }).tap();
    const place = page.getByLabel("場所", { exact: true });
    await place.selectOption({ label: "職場" });
    await page.locator("#note-count", { hasText: "2件中 1件を表示" }).waitFor();
    assert.match(await cards(page).first().innerText(), /求人票を一緒に見た/);
    await place.selectOption({ label: "自宅" });
    await page.locator("#note-count", { hasText: "2件中 1件を表示" }).waitFor();
    assert.match(await cards(page).first().innerText(), /朝の服薬/);
    await place.selectOption({ label: "関係機関" });
    await page.getByText("条件に合う記録はありません。").waitFor();
    await place.selectOption({ label: "すべて" });
    await page.locator("#note-count", { hasText: /^2件$/ }).waitFor();

    await page.getByLabel("計画の目標").selectOption({ label: "ハローワークで求人を探す" });
    await page.locator("#note-count", { hasText: "2件中 1件を表示" }).waitFor();
    await page.getByLabel("計画の目標").selectOption({ label: "週5日通所する" });
    await page.getByText("条件に合う記録はありません。").waitFor();
    await page.getByLabel("計画の目標").selectOption({ label: "すべて" });

    await page.getByLabel("生活の領域").selectOption({ label: "④ 就業・労働" });
    await page.locator("#note-count", { hasText: "2件中 1件を表示" }).waitFor();
    await page.getByLabel("生活の領域").selectOption({ label: "すべて" });

    await page.getByLabel("この日から").fill(tomorrow);
    await page.getByText("条件に合う記録はありません。").waitFor();
    await page.getByLabel("この日から").fill(today);
    await page.getByLabel("この日まで").fill(today);
    await page.locator("#note-count", { hasText: /^2件$/ }).waitFor();
    await assertAccessible(page, "支援記録（絞り込み）");
    await page.getByRole("button", { name: "条件をクリア" }).tap();
    assert.equal(await page.getByLabel("この日から").inputValue(), "");

    // Search ignores kana script and width: half-width katakana finds it.
    const search = page.getByRole("searchbox", { name: "記録を検索" });
    await search.fill("ﾊﾛｰﾜｰｸ");
    await page.locator("#note-count", { hasText: "2件中 1件を表示" }).waitFor();
    assert.match(await cards(page).first().innerText(), /ハローワーク/);
    await search.fill("服薬");
    await page.locator("#note-count", { hasText: "2件中 1件を表示" }).waitFor();
    assert.match(await cards(page).first().innerText(), /朝の服薬/);
    await search.fill("該当なしの言葉");
    await page.getByText("条件に合う記録はありません。").waitFor();
    await search.fill("");
    await page.locator("#note-count", { hasText: /^2件$/ }).waitFor();

    // The follow-up is ticked done here, and stays done after a reload.
    const task = cards(page).filter({ hasText: "求人票のコピーを渡す" });
    const done = task.getByRole("checkbox", { name: "完了" });
    assert.equal(await done.isChecked(), false);
    await done.check();
    await task.getByText("期限切れ").waitFor({ state: "detached" });
    await task.getByRole("status").filter({ hasText: "✓ 保存しました" }).waitFor();
    await page.reload();
    await task.waitFor();
    assert.equal(await task.getByRole("checkbox", { name: "完了" }).isChecked(), true);
    assert.equal(await task.getByText("期限切れ").count(), 0);
  } finally {
    await device.close();
  }
});

test("a note is edited with the same form and moved to the ゴミ箱", async () => {
  const device = await launchDevice(PHONE);
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("編集 花子");
    await page.getByText("✓ 保存しました").waitFor();
    const timeline = `${page.url()}/notes`;

    await page.goto(timeline);
    for (const text of ["一件目の記録", "二件目の記録"]) {
      await page.getByRole("link", { name: "記録する", exact: true }).tap();
      await page.getByLabel("記録（必須）").fill(text);
      await page.getByRole("button", { name: "保存", exact: true }).tap();
      await page.waitForURL(/\/notes\?saved=/);
      await cards(page).filter({ hasText: text }).waitFor();
    }

    // Edit: the saved note opens in the form; a future date is refused.
    await cards(page).filter({ hasText: "一件目の記録" }).getByRole("link", { name: /^編集/ }).tap();
    await page.getByRole("heading", { name: "支援記録を編集" }).waitFor();
    assert.equal(await page.getByLabel("記録（必須）").inputValue(), "一件目の記録");
    const { tomorrow } = await localDates(page);
    const at = await page.getByLabel("日時").inputValue();
    await page.getByLabel("日時").fill(`${tomorrow}T09:00`);
    await page.getByRole("button", { name: "保存", exact: true }).tap();
    await page.getByText("未来の日付は入力できません。").waitFor();
    await page.getByLabel("日時").fill(at);
    await page.getByLabel("記録（必須）").fill("一件目の記録（追記あり）");
    await page.getByRole("radio", { name: "電話・オンライン" }).check();
    await assertAccessible(page, "支援記録を編集");
    await page.getByRole("button", { name: "保存", exact: true }).tap();
    await page.waitForURL(/\/notes\?saved=/);
    const edited = cards(page).filter({ hasText: "一件目の記録（追記あり）" });
    await edited.waitFor();
    assert.match(await edited.innerText(), /電話・オンライン/);
    assert.equal(await cards(page).count(), 2);

    // To the trash, after a confirmation; the other note stays.
    await edited.getByRole("link", { name: /^編集/ }).tap();
    await page.getByRole("button", { name: "ゴミ箱に移す" }).tap();
    await page.getByText("この記録をゴミ箱に移しますか？").waitFor();
    await page.getByRole("alertdialog").getByRole("button", { name: "ゴミ箱に移す" }).tap();
    await page.waitForURL(timeline);
    await cards(page).filter({ hasText: "二件目の記録" }).waitFor();
    assert.equal(await cards(page).count(), 1);
    await page.goto(`${server.url}/trash`);
    await page.locator(".trash-item", { hasText: "編集 花子" }).waitFor();
  } finally {
    await device.close();
  }
});
