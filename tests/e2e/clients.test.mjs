// 利用者: what a user does with clients in the release build.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import { startServer, launchDevice, assertAccessible, ARTIFACTS } from "./harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

async function newClient(page, { name, kana }) {
  await page.goto(`${server.url}/clients`);
  await page.getByRole("button", { name: "新しい利用者" }).click();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?new$/);
  await page.getByLabel("氏名（必須）").fill(name);
  if (kana) await page.getByLabel("ふりがな").fill(kana);
  await page.getByText("✓ 保存しました").waitFor();
  await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
  return page.url();
}

test("a client is created, edited and still there after a reload", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    const url = await newClient(page, { name: "山田 太郎", kana: "やまだ たろう" });
    await page.getByLabel("生年月日").fill("1990-05-01");
    await page.getByLabel("本人の意向").fill("一人暮らしをしたい");
    await page.getByText("✓ 保存しました").waitFor();
    await page.getByText("成年期").first().waitFor();

    await page.reload();
    await assert.doesNotReject(page.getByLabel("氏名（必須）").waitFor());
    assert.equal(await page.getByLabel("氏名（必須）").inputValue(), "山田 太郎");
    assert.equal(await page.getByLabel("本人の意向").inputValue(), "一人暮らしをしたい");
    assert.equal(await page.getByLabel("生年月日").inputValue(), "1990-05-01");
    assert.equal(page.url(), url);

    await page.goto(`${server.url}/clients`);
    await page.getByRole("link", { name: /山田 太郎/ }).waitFor();
    await assertAccessible(page, "利用者一覧");

    // Not signed in: home and the chip say the records are on this device
    // only (nothing is "unsent": there is no server to send to).
    await page.goto(server.url);
    await page.getByRole("heading", { name: "データはこの端末だけに保存されています" }).waitFor();
    await page.locator("#sync-chip", { hasText: "この端末のみ" }).waitFor();
    assert.ok(!(await page.locator("#sync-chip").innerText()).includes("未送信"));
    await assertAccessible(page, "ホーム");
  } finally {
    await device.close();
  }
});

test("text typed one second before a reload is not lost", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await newClient(page, { name: "佐藤 花子" });
    await page.getByLabel("家族の意向").pressSequentially("週末は家で過ごしてほしい", { delay: 20 });
    await page.waitForTimeout(1000);
    await page.reload();
    await page.getByLabel("家族の意向").waitFor();
    assert.equal(await page.getByLabel("家族の意向").inputValue(), "週末は家で過ごしてほしい");
  } finally {
    await device.close();
  }
});

test("invalid input shows a Japanese error, is kept as a draft and changes no record", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    const url = await newClient(page, { name: "鈴木 一郎", kana: "すずき いちろう" });
    await page.getByLabel("ふりがな").fill("鈴木");
    await page.getByText("ふりがなは、ひらがな・カタカナで入力してください。").waitFor();
    await page.getByText("下書きを保存しました").waitFor();
    await page.getByLabel("受給者証番号").fill("123");
    await page.getByText("受給者証番号は数字10桁で入力してください。").waitFor();
    await assertAccessible(page, "利用者詳細（入力エラー）");

    // The list still shows the last valid version.
    await page.goto(`${server.url}/clients`);
    await page.getByText("すずき いちろう").waitFor();

    // The draft comes back with its errors.
    await page.goto(url);
    await page.getByLabel("ふりがな").waitFor();
    assert.equal(await page.getByLabel("ふりがな").inputValue(), "鈴木");
    await page.getByText("ふりがなは、ひらがな・カタカナで入力してください。").waitFor();

    // Fixing it saves the record.
    await page.getByLabel("ふりがな").fill("スズキ イチロウ");
    await page.getByLabel("受給者証番号").fill("0123456789");
    await page.getByText("✓ 保存しました").waitFor();
    await page.goto(`${server.url}/clients`);
    await page.getByText("スズキ イチロウ").waitFor();
  } finally {
    await device.close();
  }
});

test("search ignores hiragana/katakana and width; archived clients are hidden until asked for", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await newClient(page, { name: "青木 太一", kana: "あおき たいち" });
    await newClient(page, { name: "井上 美咲", kana: "イノウエ ミサキ" });
    const archivedUrl = await newClient(page, { name: "上田 健", kana: "うえだ けん" });
    await page.getByLabel("サービスの種類").waitFor({ state: "detached" }).catch(() => {});
    await page.getByRole("button", { name: "サービスを追加" }).click();
    await page.getByLabel("サービスの種類").selectOption({ label: "就労移行支援" });
    await page.getByLabel("開始日").fill("2025-04-01");
    await page.getByText("✓ 保存しました").waitFor();
    await page.getByRole("button", { name: "アーカイブする" }).click();
    await page.getByText("この利用者はアーカイブされています。").waitFor();
    await page.getByText("✓ 保存しました").waitFor();

    await page.goto(`${server.url}/clients`);
    const rows = page.locator(".client-list li");
    await page.getByText("2人").waitFor();
    assert.deepEqual(await rows.locator(".client-name").allTextContents(), ["青木 太一", "井上 美咲"]);

    const search = page.getByRole("searchbox");
    await search.fill("ｲﾉｳｴ");
    await page.getByText("2人中 1人を表示").waitFor();
    assert.deepEqual(await rows.locator(".client-name").allTextContents(), ["井上 美咲"]);
    await search.fill("アオキ");
    assert.deepEqual(await rows.locator(".client-name").allTextContents(), ["青木 太一"]);
    await search.fill("うえだ");
    await page.getByText("該当する利用者はいません。").waitFor();

    await page.getByLabel("アーカイブした利用者も表示").check();
    await page.getByText("上田 健").waitFor();
    await page.getByText("アーカイブ", { exact: true }).waitFor();

    await page.goto(archivedUrl);
    await page.getByRole("button", { name: "アーカイブから戻す" }).click();
    await page.getByText("✓ 保存しました").waitFor();
    await page.goto(`${server.url}/clients`);
    await page.getByText("3人").waitFor();
  } finally {
    await device.close();
  }
});

test("every page passes axe and fits a phone and a tablet (screenshots kept)", async () => {
  const sizes = [
    { name: "phone", width: 360, height: 740 },
    { name: "tablet", width: 1024, height: 768 },
  ];
  for (const size of sizes) {
    const device = await launchDevice({ viewport: { width: size.width, height: size.height } });
    try {
      const page = await device.context.newPage();
      await newClient(page, { name: "山田 太郎", kana: "やまだ たろう" });
      await page.getByLabel("生年月日").fill("2012-06-15");
      await page.getByText("学齢期").first().waitFor();
      await page.getByText("✓ 保存しました").waitFor();
      const shots = [
        ["home", "/"],
        ["clients", "/clients"],
        ["settings", "/settings"],
      ];
      await assertAccessible(page, `利用者詳細 ${size.name}`);
      await page.screenshot({ path: join(ARTIFACTS, `client-${size.name}.png`), fullPage: true });
      for (const [name, path] of shots) {
        await page.goto(server.url + path);
        await page.locator("main h1").waitFor();
        await page.waitForLoadState("networkidle");
        await assertAccessible(page, `${name} ${size.name}`);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `${name} scrolls sideways by ${overflow}px at ${size.width}px`);
        await page.screenshot({ path: join(ARTIFACTS, `${name}-${size.name}.png`), fullPage: true });
      }
      // Touch targets: every button and nav link at least 44px high.
      const small = await page.evaluate(() =>
        [...document.querySelectorAll("button, .button, nav a, input, select")]
          .filter((e) => e.offsetParent !== null && e.type !== "file")
          .filter((e) => e.getBoundingClientRect().height < 44)
          .map((e) => e.outerHTML.slice(0, 80)),
      );
      assert.deepEqual(small, [], "controls smaller than 44px");
    } finally {
      await device.close();
    }
  }
});

test("the English UI can be switched on in 設定 and back", async () => {
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/settings`);
    await page.getByRole("combobox", { name: "表示言語" }).selectOption("en");
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    await page.reload();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    await assertAccessible(page, "Settings (English)");
    await page.getByRole("combobox", { name: "Language" }).selectOption("ja");
    await page.getByRole("heading", { name: "設定", level: 1 }).waitFor();
  } finally {
    await device.close();
  }
});

test("a long list shows its first 200 clients and the rest on request", async () => {
  const records = Array.from({ length: 205 }, (_, i) => {
    const at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString().replace(".000Z", "Z");
    return {
      kind: "client",
      id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
      office_id: null,
      created_at: at,
      created_by: "e2e",
      updated_at: at,
      updated_by: "e2e",
      rev: 1,
      deleted: false,
      data: { name: `利用者${String(i).padStart(3, "0")}`, kana: `りようしゃ${i}`, services: [], status: "active", archived: false },
    };
  });
  const file = join(ARTIFACTS, "long-list.json");
  writeFileSync(file, JSON.stringify({ format: "renkei-backup", version: 1, exported_at: "2026-11-25T00:00:00Z", records }));
  const device = await launchDevice();
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/settings`);
    await page.locator("#backup-import").setInputFiles(file);
    await page.getByText("追加 205件").waitFor();
    await page.goto(`${server.url}/clients`);
    await page.getByText("205人", { exact: true }).waitFor();
    assert.equal(await page.locator(".client-list li").count(), 200);
    await page.getByRole("button", { name: "さらに表示（あと5人）" }).click();
    await page.locator(".client-list li").nth(204).waitFor();
    assert.equal(await page.getByRole("button", { name: /さらに表示/ }).count(), 0);
    // A search starts from the first page again and finds clients beyond it.
    await page.getByRole("searchbox").fill("利用者204");
    await page.getByText("205人中 1人を表示").waitFor();
    await assertAccessible(page, "利用者一覧（205人）");
  } finally {
    await device.close();
  }
});
