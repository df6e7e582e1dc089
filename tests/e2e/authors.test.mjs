// Who wrote it: a note names its author and who changed it; a correction
// keeps the first wording in the note's history (who, when, which device);
// two devices changing a note at once get the same chooser as other
// records, each value with who wrote it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, createOffice, tempDatabase, launchDevice, signIn, syncNow, goOffline, assertAccessible } from "./harness.mjs";

let server;
let office;
const suzuki = { login: "suzuki", password: "suzuki-password", displayName: "鈴木 一郎" };
before(async () => {
  const database = tempDatabase();
  office = createOffice(database, { code: "AUTHOR1", displayName: "山田 花子" });
  server = await startServer({ database });
});
after(async () => {
  await server?.stop();
});

async function addStaff(page, member) {
  await page.goto(`${server.url}/settings`);
  const form = page.locator("form.staff-form");
  await form.getByLabel("表示名").fill(member.displayName);
  await form.getByLabel("ログインID").fill(member.login);
  await form.getByLabel("初期パスワード").fill(member.password);
  await form.getByRole("button", { name: "職員を追加" }).click();
  await page.getByText(`${member.displayName} さんを追加しました。`).waitFor();
}

async function writeNote(page, timeline, text) {
  await page.goto(timeline);
  await page.getByRole("link", { name: "記録する", exact: true }).click();
  await page.getByLabel("記録（必須）").fill(text);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/notes\?saved=/);
}

async function correctNote(page, timeline, from, to) {
  await page.goto(timeline);
  await page.locator(".note-card", { hasText: from }).getByRole("link", { name: /^編集/ }).click();
  await page.getByLabel("記録（必須）").fill(to);
  await page.getByRole("button", { name: "保存", exact: true }).click();
  await page.waitForURL(/\/notes\?saved=/);
}

test("a note names its author, a correction keeps the first wording with who and when, and a conflict shows who wrote each value", async () => {
  const a = await launchDevice();
  const b = await launchDevice();
  try {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await signIn(pa, server.url, { ...office, name: "テスト事業所" });
    await addStaff(pa, suzuki);
    await signIn(pb, server.url, { ...office, ...suzuki, name: "テスト事業所" });

    await pa.goto(`${server.url}/clients`);
    await pa.getByRole("button", { name: "新しい利用者" }).click();
    await pa.getByLabel("氏名（必須）").fill("記録 太郎");
    await pa.getByText("✓ 保存しました").waitFor();
    const timeline = `${pa.url()}/notes`;
    await writeNote(pa, timeline, "職場訪問。作業は安定している。");
    const card = (page) => page.locator(".note-card", { hasText: "職場訪問" });
    assert.match(await card(pa).innerText(), /記録: 山田 花子/, "the author is shown while signed in");
    await syncNow(pa, server.url);

    // 鈴木 corrects the note on his device.
    await syncNow(pb, server.url);
    await correctNote(pb, timeline, "職場訪問", "職場訪問。作業は概ね安定している。");
    await syncNow(pb, server.url);

    // Back on 山田's device: both names on the card, both wordings in the history.
    await syncNow(pa, server.url);
    await pa.goto(timeline);
    const text = await card(pa).innerText();
    assert.match(text, /作業は概ね安定している。/);
    assert.match(text, /記録: 山田 花子/);
    assert.match(text, /更新: 鈴木 一郎/);
    await card(pa).getByRole("link", { name: /^編集/ }).click();
    await pa.getByText("記録の履歴（2件）").click();
    const saves = pa.locator(".history-save");
    await saves.nth(1).waitFor();
    const first = await saves.nth(0).innerText();
    assert.match(first, /作成/);
    assert.match(first, /山田 花子・\d{4}年\d{1,2}月\d{1,2}日（.）\s*\d{1,2}:\d{2}・この端末/);
    assert.match(first, /作業は安定している。/, "the first wording stays readable");
    const second = await saves.nth(1).innerText();
    assert.match(second, /訂正/);
    assert.match(second, /鈴木 一郎・.*・別の端末（[0-9a-f]{4}）/);
    assert.match(second, /作業は概ね安定している。/);
    await assertAccessible(pa, "支援記録を編集（記録の履歴）");

    // Both change the note with no signal: a conflict, each value named.
    await goOffline(a.context);
    await goOffline(b.context);
    await correctNote(pa, timeline, "職場訪問", "職場訪問。山田の追記。");
    await correctNote(pb, timeline, "職場訪問", "職場訪問。鈴木の追記。");
    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(pa, server.url);
    await syncNow(pb, server.url);
    await syncNow(pa, server.url);
    await pa.goto(timeline);
    await card(pa).getByRole("link", { name: /^編集/ }).click();
    const panel = pa.locator(".conflicts");
    await panel.waitFor();
    const values = panel.locator(".conflict-value");
    assert.equal(await values.count(), 2);
    const mine = values.filter({ hasText: "山田の追記" });
    const theirs = values.filter({ hasText: "鈴木の追記" });
    assert.match(await mine.innerText(), /山田 花子・.*・この端末/);
    assert.match(await theirs.innerText(), /鈴木 一郎・.*・別の端末/);
    await assertAccessible(pa, "支援記録を編集（競合）");
    await theirs.getByRole("button", { name: /この値にする/ }).click();
    await pa.locator(".conflicts").waitFor({ state: "detached" });
    assert.equal(await pa.getByLabel("記録（必須）").inputValue(), "職場訪問。鈴木の追記。");
    // Nothing typed is lost: 山田's wording stays in the history.
    await pa.getByText(/記録の履歴/).click();
    await pa.locator(".history-list", { hasText: "山田の追記" }).waitFor();
  } finally {
    await a.close();
    await b.close();
  }
});
