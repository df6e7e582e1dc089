// The English UI: switched on in 設定, every page names what the domain
// hands over (service types, life stages, the eight life domains and their
// items, ratings, job roles, achievements, plan findings) in English, and the
// plan's selects keep what was chosen across a reload.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { startServer, launchDevice, assertAccessible, ARTIFACTS } from "./harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/** Hiragana, katakana or kanji anywhere in the text. */
const JAPANESE = /[\u3040-\u30ff\u4e00-\u9fff]/;

const DOMAINS = [
  "① Health and diet (living environment and safety)",
  "② Home and daily living",
  "③ Income and spending",
  "④ Work and employment",
  "⑤ Growing, raising and learning",
  "⑥ Communication",
  "⑦ Transport and mobility",
  "⑧ Community",
];

const saved = (page) => page.locator(".save-state", { hasText: "✓ Saved" }).waitFor();

/** The visible text of a select's chosen option. */
const chosenLabel = (select) => select.evaluate((s) => s.selectedOptions[0]?.textContent.trim());

test("in English, a client, its assessment and plan, home and settings speak English and the plan's selects keep their choice", async () => {
  const device = await launchDevice({ viewport: { width: 820, height: 1180 } });
  try {
    const page = await device.context.newPage();
    await page.goto(`${server.url}/settings`);
    await page.getByRole("combobox", { name: "表示言語" }).selectOption("en");
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();

    // A client using 就労移行支援, named in English.
    await page.goto(`${server.url}/clients`);
    await page.getByRole("heading", { name: "Clients", level: 1 }).waitFor();
    await page.getByRole("button", { name: "New client" }).click();
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}\?new$/);
    await page.getByLabel("Name (required)").fill("Yamada Taro");
    await page.waitForURL(/\/clients\/[0-9a-f-]{36}$/);
    const clientUrl = page.url();
    await page.getByLabel("Date of birth").fill("1990-05-01");
    await page.getByRole("button", { name: "Add service" }).click();
    await page.getByLabel("Service type").selectOption({ label: "Transition to employment support" });
    await saved(page);
    await page.getByText("Adulthood").first().waitFor();
    await assertAccessible(page, "a client (English)");

    // A new assessment: the eight domains, their items and the ratings in English.
    await page.getByRole("link", { name: "Assessment", exact: true }).click();
    await page.waitForURL(/\/assessments$/);
    await page.getByRole("button", { name: "New assessment" }).click();
    await page.waitForURL(/\/assessments\/[0-9a-f-]{36}$/);
    await page.getByRole("heading", { name: /New assessment/ }).first().waitFor();
    const headings = await page.locator(".domain-section h2").allInnerTexts();
    assert.deepEqual(headings, DOMAINS);
    const diet = page.locator('[data-item="health.diet"]');
    assert.equal((await diet.locator("legend").innerText()).trim(), "Diet, nutrition and choosing food");
    const legends = await page.locator(".item-row legend").allInnerTexts();
    assert.equal(legends.length, 40);
    assert.deepEqual(legends.filter((l) => JAPANESE.test(l)), [], "no item is named in Japanese");
    assert.match(await page.locator('[data-item="living.environment"] legend').innerText(), /Living environment \(location, town planning/);
    await diet.getByRole("radio", { name: "Support needed", exact: true }).click();
    await page.getByRole("button", { name: "Make it a plan goal: Diet, nutrition and choosing food" }).waitFor();
    await saved(page);
    await assertAccessible(page, "an assessment (English)");

    // The list compares it: the table and the radar chart name the domains in English.
    await page.getByRole("link", { name: /All assessments/ }).click();
    await page.locator("#compare-table").waitFor();
    const rows = await page.locator("#compare-table tbody th").allInnerTexts();
    assert.deepEqual(rows, DOMAINS.map((d) => d.replace(/ \(.*\)$/, "")));
    // Beside the chart a long name takes two lines.
    const axes = await page
      .locator("#radar .radar-label")
      .evaluateAll((labels) => labels.map((l) => [...l.querySelectorAll("tspan")].map((t) => t.textContent).join(" ")));
    assert.deepEqual(axes, rows);
    const clipped = await page.evaluate(() => {
      const box = document.getElementById("radar").viewBox.baseVal;
      return [...document.querySelectorAll("#radar .radar-label")]
        .map((l) => [l.textContent, l.getBBox()])
        .filter(([, b]) => b.x < box.x || b.x + b.width > box.x + box.width || b.y < box.y || b.y + b.height > box.y + box.height)
        .map(([text]) => text);
    });
    assert.deepEqual(clipped, [], "every axis label fits in the chart");
    await page.locator("#radar").screenshot({ path: join(ARTIFACTS, "english-radar.png") });

    // A plan: job roles and achievements offered in English, stored by code.
    await page.goto(clientUrl);
    await page.getByRole("link", { name: "Support plan", exact: true }).click();
    await page.waitForURL(/\/plan$/);
    await page.getByRole("button", { name: "Create plan" }).click();
    const role = page.locator("#plan-manager-role");
    await role.waitFor();
    assert.equal(await chosenLabel(role), "Service manager (サビ管)");
    const roles = await role.locator("option").allTextContents();
    assert.ok(roles.includes("Life support worker"), roles.join(", "));
    await page.locator("#plan-findings").getByText("No assessment on record").waitFor();
    await page.getByRole("button", { name: "Add a short-term goal" }).click();
    await page.locator("#plan-goals fieldset.goal-card").first().getByLabel("Goal", { exact: true }).fill("Attend four days a week");
    await page.getByRole("button", { name: "Add monitoring" }).click();
    const results = page.locator("#plan-monitoring fieldset.goal-result").first();
    await results.getByLabel("Achievement").waitFor();
    const achievement = results.locator('select[id$="-achievement"]');
    assert.deepEqual(await achievement.locator("option").allTextContents(), [
      "Not evaluated",
      "Achieved",
      "Partly achieved",
      "Not achieved",
    ]);
    await achievement.selectOption({ label: "Partly achieved" });
    await role.selectOption({ label: "Life support worker" });
    // Stored as codes: what the reload below shows back in words.
    await saved(page);
    assert.equal(await achievement.inputValue(), "partly_achieved", "the option's value is the stable code");
    assert.equal(await role.inputValue(), "life_support_worker");
    await assertAccessible(page, "a plan (English)");

    await page.reload();
    await achievement.waitFor();
    assert.equal(await chosenLabel(achievement), "Partly achieved");
    assert.equal(await chosenLabel(role), "Life support worker");
    // Chosen in English, the plan reads the same in Japanese.
    await page.goto(`${server.url}/settings`);
    await page.getByRole("combobox", { name: "Language" }).selectOption("ja");
    await page.getByRole("heading", { name: "設定", level: 1 }).waitFor();
    await page.goto(`${clientUrl}/plan`);
    await achievement.waitFor();
    assert.equal(await chosenLabel(achievement), "一部達成");
    assert.equal(await chosenLabel(role), "生活支援員");
    await page.goto(`${server.url}/settings`);
    await page.getByRole("combobox", { name: "表示言語" }).selectOption("en");
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();

    // Home: the dashboard's findings and the recent clients in English.
    await page.goto(server.url);
    await page.getByRole("heading", { name: "Home", level: 1 }).waitFor();
    await page.getByRole("link", { name: /Yamada Taro/ }).first().waitFor();
    await page.getByText("No assessment on record").first().waitFor();
    await assertAccessible(page, "Home (English)");

    // Settings, in English after a reload.
    await page.goto(`${server.url}/settings`);
    await page.reload();
    await page.getByRole("heading", { name: "Settings", level: 1 }).waitFor();
    await page.getByRole("heading", { name: "Backup" }).waitFor();
    assert.equal(await page.getByRole("combobox", { name: "Language" }).inputValue(), "en");
  } finally {
    await device.close();
  }
});
