// 関係機関: the directory, an agency's page (stage, views, people), the
// contact log written on a phone offline, the quiet flag on ホーム, and two
// devices editing one agency.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import {
  ROOT,
  startServer,
  createOffice,
  tempDatabase,
  launchDevice,
  assertAccessible,
  signIn as harnessSignIn,
  syncNow as harnessSyncNow,
  goOffline,
  waitForServiceWorker,
} from "./harness.mjs";

const ARTIFACTS = join(ROOT, "test-results");
mkdirSync(ARTIFACTS, { recursive: true });

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

async function newAgency(page, { name, kana, category, type, phone }) {
  await page.goto(`${server.url}/agencies`);
  await page.getByRole("button", { name: "新しい関係機関" }).click();
  await page.getByLabel("名称（必須）").fill(name);
  if (kana) await page.getByLabel("ふりがな").fill(kana);
  if (category) await page.getByLabel("分類").selectOption({ label: category });
  if (type) await page.getByLabel("種別").selectOption({ label: type });
  if (phone) await page.getByLabel("電話番号", { exact: true }).fill(phone);
  await page.getByText("✓ 保存しました").waitFor();
  return page.url().replace(server.url, "");
}

test("agencies are added, filtered, searched and called; the stage keeps its history and views show a gap", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    const hello = await newAgency(page, {
      name: "ハローワーク中央",
      kana: "はろーわーく ちゅうおう",
      category: "就労支援機関",
      type: "ハローワーク",
      phone: "03-1234-5678",
    });
    assert.equal(await page.getByRole("link", { name: "電話する 03-1234-5678" }).getAttribute("href"), "tel:0312345678");
    await newAgency(page, { name: "相談室あおば", kana: "ソウダンシツ アオバ", category: "生活支援機関", type: "相談支援事業者" });
    // Changing the category drops a type that no longer fits.
    await page.getByLabel("分類").selectOption({ label: "就労支援機関" });
    assert.equal(await page.getByLabel("種別").inputValue(), "");
    await page.getByLabel("分類").selectOption({ label: "生活支援機関" });
    await page.getByText("✓ 保存しました").waitFor();

    await page.goto(`${server.url}/agencies`);
    await page.locator("#agency-count", { hasText: "2件" }).waitFor();
    await page.locator("#agency-search").fill("そうだん");
    await page.locator("#agency-count", { hasText: "2件中 1件を表示" }).waitFor();
    await page.getByRole("link", { name: /相談室あおば/ }).waitFor();
    await page.locator("#agency-search").fill("");
    await page.getByLabel("分類").selectOption({ label: "就労支援機関" });
    await page.locator("#agency-count", { hasText: "2件中 1件を表示" }).waitFor();
    await page.getByRole("link", { name: /ハローワーク中央/ }).waitFor();
    await assertAccessible(page, "関係機関の一覧");

    // The stage: needs the day and a reason; a second setting keeps the
    // first in the history.
    await page.goto(server.url + hello);
    await page.getByLabel("いまの段階").selectOption({ label: "つながり（Linkage）" });
    await page.getByLabel("理由").fill("初回の訪問");
    await page.getByText("✓ 保存しました").waitFor();
    await page.reload();
    await page.getByLabel("いまの段階").selectOption({ label: "調整・協力（Coordination）" });
    await page.getByLabel("理由").fill("月1回のケース会議を始めた");
    await page.getByText("✓ 保存しました").waitFor();
    await page.reload();
    const history = page.locator(".history-list");
    await history.getByText(/調整・協力（Coordination）（月1回のケース会議を始めた）/).waitFor();
    await history.getByText(/つながり（Linkage）（初回の訪問）/).waitFor();

    // Views: opposite answers are a 認識のズレ.
    await page.getByLabel("事業所の見方", { exact: true }).selectOption({ label: "連携できている" });
    await page.getByLabel("相手の見方", { exact: true }).selectOption({ label: "あまり知らない" });
    await page.getByText("認識のズレ: 事業所と相手の見方が正反対です。").waitFor();
    await page.getByText("✓ 保存しました").waitFor();

    // A contact person with a phone that is not one: a clear error, nothing saved.
    await page.getByRole("button", { name: "担当者を追加" }).click();
    const person = page.locator("fieldset.service-row").last();
    await person.getByLabel("氏名").fill("山本");
    await person.getByLabel("電話番号").fill("内線のみ");
    await person.getByText("電話番号は数字とハイフンで入力してください").waitFor();
    await page.getByText("入力に誤りがあります").waitFor();
    await person.getByLabel("電話番号").fill("090-1111-2222");
    await page.getByText("✓ 保存しました").waitFor();
    await person.getByRole("link", { name: "電話する 090-1111-2222" }).waitFor();
    await assertAccessible(page, "関係機関の詳細");
  } finally {
    await device.close();
  }
});

test("a contact written on a phone offline updates the last contact and clears the quiet flag on ホーム", async () => {
  const device = await launchDevice({ viewport: { width: 412, height: 915 }, isMobile: true, hasTouch: true });
  try {
    const page = await device.context.newPage();
    const url = await newAgency(page, {
      name: "なかぽつセンター",
      kana: "なかぽつ",
      category: "就労支援機関",
      type: "障害者就業・生活支援センター",
    });
    await waitForServiceWorker(page);
    await page.close();

    // Four months later, with no contact: flagged in the list and on ホーム.
    const later = await device.context.newPage();
    await later.clock.install({ time: Date.now() + 125 * 24 * 3600 * 1000 });
    await goOffline(device.context);
    await later.goto(`${server.url}/`);
    const quiet = later.locator("#dash-quiet-list");
    await quiet.getByText("なかぽつセンター").waitFor();
    await quiet.getByText("連絡の記録なし").waitFor();
    await later.goto(`${server.url}/agencies`);
    const flag = later.locator(".agency-list .badge.warn", { hasText: "しばらく連絡なし" });
    await flag.waitFor();

    // Two taps and a sentence: 電話 is chosen already.
    await later.goto(server.url + url);
    await later.getByLabel("内容").fill("定着支援の件で電話。来週の面談を調整。");
    await later.getByRole("button", { name: "記録する" }).click();
    await later.getByText("✓ 記録しました").waitFor();
    await later.locator(".contact-list").getByText("定着支援の件で電話。来週の面談を調整。").waitFor();

    // A correction: an empty text is refused and changes nothing; a new
    // wording replaces the shown one, and the first stays in the history.
    const entry = later.locator(".contact-list > li").first();
    await entry.getByRole("button", { name: "訂正する" }).click();
    // Tapped as a finger would: clear of the phone's bottom navigation.
    const record = entry.getByRole("button", { name: "訂正を記録する" });
    const tap = async () => {
      await record.evaluate((e) => e.scrollIntoView({ block: "center" }));
      await record.tap();
    };
    await entry.getByLabel("内容").fill("");
    await tap();
    await entry.locator(".error-text").filter({ hasText: /\S/ }).waitFor();
    await entry.getByLabel("内容").fill("定着支援の件で電話。再来週の面談を調整。");
    await tap();
    const fixed = later.locator(".contact-list > li").first();
    await fixed.locator(".contact-text", { hasText: "再来週の面談" }).waitFor();
    await fixed.getByText("訂正あり").waitFor();
    assert.equal(await later.locator(".contact-list > li").count(), 1, "corrected, not added");
    await fixed.getByRole("button", { name: "訂正する" }).click();
    await fixed.getByText("この記録の履歴（2回の保存）").click();
    await fixed.locator(".history-list").getByText("定着支援の件で電話。来週の面談を調整。").waitFor();
    await fixed.locator(".history-list").getByText("定着支援の件で電話。再来週の面談を調整。").waitFor();
    await assertAccessible(later, "連絡記録の訂正と履歴");
    await later.screenshot({ path: join(ARTIFACTS, "agency-phone.png"), fullPage: true });
    await assertAccessible(later, "関係機関の詳細（連絡記録・スマートフォン）");

    // An entry written by mistake goes to the ゴミ箱 from its correction
    // form, after a confirmation; the other stays.
    await fixed.getByRole("button", { name: "訂正する" }).click();
    await fixed.locator(".history-list").waitFor({ state: "detached" });
    await later.getByLabel("内容").fill("別の機関あての連絡を誤って記録");
    await later.getByRole("button", { name: "記録する", exact: true }).click();
    const wrong = later.locator(".contact-list > li", { hasText: "誤って記録" });
    await wrong.waitFor();
    await wrong.getByRole("button", { name: "訂正する" }).click();
    const centered = async (button) => {
      await button.evaluate((e) => e.scrollIntoView({ block: "center" }));
      await button.tap();
    };
    await centered(wrong.getByRole("button", { name: "ゴミ箱に移す" }));
    await wrong.getByRole("alertdialog").getByText("この連絡記録をゴミ箱に移しますか？").waitFor();
    await assertAccessible(later, "連絡記録をゴミ箱に移す確認");
    await centered(wrong.getByRole("alertdialog").getByRole("button", { name: "ゴミ箱に移す" }));
    await wrong.waitFor({ state: "detached" });
    assert.equal(await later.locator(".contact-list > li").count(), 1, "the mistaken entry gone, the other kept");
    await later.goto(`${server.url}/trash`);
    await later.locator(".trash-item", { hasText: "連絡記録" }).waitFor();

    await later.goto(`${server.url}/agencies`);
    await later.getByText(/最終連絡/).waitFor();
    await later.locator(".agency-list li").first().waitFor();
    assert.equal(await flag.count(), 0);
    await later.goto(`${server.url}/`);
    await later.locator("#dash-plans").waitFor();
    assert.equal(await later.locator("#dash-quiet").count(), 0, "the flag on ホーム is gone");
  } finally {
    await device.close();
  }
});

test("a client's network: three agencies linked, drawn on the ecomap with a line per stage, one ended", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/clients`);
    await page.getByRole("button", { name: "新しい利用者" }).click();
    await page.getByLabel("氏名（必須）").fill("山田 花子");
    await page.getByText("✓ 保存しました").waitFor();
    const client = page.url().replace(server.url, "").replace(/\?.*$/, "");
    const agencies = [
      ["ハローワーク東", "就労支援機関", "つながり（Linkage）"],
      ["相談室みどり", "生活支援機関", "調整・協力（Coordination）"],
      ["なかぽつ西", "就労支援機関", "統合・協働（Integration）"],
    ];
    for (const [name, category, stage] of agencies) {
      // The name last: the first save (the record's first version) then
      // holds the stage too.
      await page.goto(`${server.url}/agencies`);
      await page.getByRole("button", { name: "新しい関係機関" }).click();
      await page.getByLabel("分類").selectOption({ label: category });
      await page.getByLabel("いまの段階").selectOption({ label: stage });
      await page.getByLabel("理由").fill("ケース会議");
      await page.getByLabel("名称（必須）").fill(name);
      await page.getByText("✓ 保存しました").waitFor();
    }
    await page.goto(`${server.url}${client}/network`);
    await page.locator("#network-empty").waitFor();
    for (const [name, category] of agencies) {
      await page.getByLabel("関係機関（必須）").selectOption({ label: `${name}（${category}）` });
      await page.getByLabel("この利用者への役割").fill(`${name}の役割`);
      await page.getByRole("button", { name: "つなぐ", exact: true }).click();
      await page.getByRole("cell", { name: `${name}の役割` }).waitFor();
    }
    const map = page.locator("#ecomap");
    assert.equal(await map.locator(".eco-node").count(), 3);
    assert.equal(await map.locator(".eco-dashed").count(), 1);
    assert.equal(await map.locator(".eco-solid").count(), 1);
    assert.equal(await map.locator(".eco-thick").count(), 1);
    await page.getByText("エコマップ: 山田 花子さんと3か所の関係機関").waitFor();
    await assertAccessible(page, "支援ネットワーク");

    // Ended: off the map, listed as earlier.
    const row = page.getByRole("row").filter({ hasText: "相談室みどりの役割" });
    await row.getByRole("button", { name: "かかわりを終える" }).click();
    await page.getByRole("table", { name: "以前かかわっていた関係機関" }).getByRole("link", { name: "相談室みどり" }).waitFor();
    assert.equal(await map.locator(".eco-node").count(), 2);
    await page.screenshot({ path: join(ARTIFACTS, "client-network.png"), fullPage: true });
  } finally {
    await device.close();
  }
});

test("two devices edit one agency offline: different fields merge, the same field is a 競合 to settle", async () => {
  const a = await launchDevice();
  const b = await launchDevice();
  const signIn = (page) => harnessSignIn(page, server.url, office);
  const syncNow = (page) => harnessSyncNow(page, server.url);
  try {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await signIn(pa);
    const url = await newAgency(pa, { name: "市役所 障害福祉課", category: "行政", type: "福祉事務所・市町村" });
    await syncNow(pa);
    await signIn(pb);
    await syncNow(pb);

    await goOffline(a.context);
    await goOffline(b.context);
    await pa.goto(server.url + url);
    await pa.getByLabel("受付時間").fill("平日 8:30〜17:15");
    await pa.getByLabel("住所").fill("中央区1-1");
    await pa.getByText("✓ 保存しました").waitFor();
    await pb.goto(server.url + url);
    await pb.getByLabel("電話番号", { exact: true }).fill("03-9999-0000");
    await pb.getByLabel("住所").fill("中央区1-2");
    await pb.getByText("✓ 保存しました").waitFor();

    await a.context.setOffline(false);
    await b.context.setOffline(false);
    await syncNow(pa);
    await syncNow(pb);
    await syncNow(pa);
    for (const page of [pa, pb]) {
      await page.goto(server.url + url);
      await page.getByLabel("受付時間").waitFor();
      assert.equal(await page.getByLabel("受付時間").inputValue(), "平日 8:30〜17:15");
      assert.equal(await page.getByLabel("電話番号", { exact: true }).inputValue(), "03-9999-0000");
      const conflict = page.locator(".conflicts");
      await conflict.getByText("中央区1-1").waitFor();
      await conflict.getByText("中央区1-2").waitFor();
    }
    await pa.getByRole("button", { name: "この値にする: 中央区1-2" }).click();
    await pa.locator(".conflicts").waitFor({ state: "detached" });
    assert.equal(await pa.getByLabel("住所").inputValue(), "中央区1-2");
  } finally {
    await a.close();
    await b.close();
  }
});
