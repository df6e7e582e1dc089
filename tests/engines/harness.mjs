// The cross-engine suite's devices: WebKit (WebKitGTK's MiniBrowser, the
// engine of Safari on iPhone and iPad), Firefox ESR and Chromium, each driven
// over W3C WebDriver by selenium-webdriver through its own driver process:
// WebKitWebDriver and chromedriver from Debian, geckodriver from crates.io.
// Nothing is downloaded: every driver is started here by its path, so
// selenium's own driver manager never runs.
import { spawn, execFileSync } from "node:child_process";
import { createServer } from "node:net";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir, homedir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { Builder, By, until } from "selenium-webdriver";
import { ARTIFACTS } from "../e2e/harness.mjs";

export { By, until };

const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";
const GECKODRIVER = [join(homedir(), ".cargo", "bin", "geckodriver"), "/usr/local/bin/geckodriver"].find(existsSync);
/** Phone size (an iPhone 14's CSS viewport). */
export const PHONE = { width: 390, height: 844 };

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

let xvfb;
/** MiniBrowser has no headless mode: it draws into a virtual X display. */
async function display() {
  if (!xvfb) {
    const number = 90 + Math.floor(Math.random() * 9);
    const child = spawn("Xvfb", [`:${number}`, "-screen", "0", "1280x1024x24", "-nolisten", "tcp"], { stdio: "ignore" });
    xvfb = { child, name: `:${number}` };
    process.once("exit", () => child.kill());
    await new Promise((r) => setTimeout(r, 500));
  }
  return xvfb.name;
}

/** Stops the virtual display (after the last WebKit device). */
export function stopDisplay() {
  xvfb?.child.kill();
  xvfb = undefined;
}

const ENGINES = {
  chromium: {
    driver: (port) => ["/usr/bin/chromedriver", [`--port=${port}`]],
    capabilities: (profile) => ({
      browserName: "chrome",
      "goog:chromeOptions": {
        binary: "/usr/bin/chromium",
        args: [
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--lang=ja-JP",
          `--user-data-dir=${profile}`,
        ],
        // Headless Chromium keeps windows at least 500 px wide: emulate the phone.
        mobileEmulation: { deviceMetrics: { width: PHONE.width, height: PHONE.height, pixelRatio: 1 } },
      },
    }),
  },
  firefox: {
    driver: (port) => [GECKODRIVER, [`--port=${port}`, "--binary", "/usr/bin/firefox-esr"]],
    capabilities: (profile) => ({
      browserName: "firefox",
      "moz:firefoxOptions": {
        binary: "/usr/bin/firefox-esr",
        args: ["-headless", "-profile", profile, `--width=${PHONE.width}`, `--height=${PHONE.height}`],
        prefs: { "intl.accept_languages": "ja-JP", "browser.shell.checkDefaultBrowser": false },
      },
    }),
  },
  webkit: {
    driver: (port) => ["WebKitWebDriver", [`--port=${port}`]],
    capabilities: () => ({
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] },
    }),
    needsDisplay: true,
  },
};

export const ENGINE_NAMES = Object.keys(ENGINES);

async function waitForDriver(port, child, log) {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`driver exited: ${log()}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`driver did not start: ${log()}`);
}

/**
 * A fresh device of one engine: its own driver process, browser and
 * profile. Resolves to { engine, driver, screenshot(name), close() }.
 */
/**
 * The passcode every test device is set up with: the app asks for it before
 * anything else (set on first use, entered after every load). `driver.get`
 * and `driver.navigate().refresh()` below answer that screen.
 */
export const PASSCODE = "583917";

async function passPasscodeScreen(driver) {
  const shown = await driver
    .wait(async () => (await driver.findElements(By.css(".app-header, #passcode-setup, #passcode-unlock")))[0], 30000)
    .catch(() => null);
  if (!shown) return;
  const id = await shown.getAttribute("id");
  if (id === "passcode-setup") {
    await driver.findElement(By.id("setup-passcode")).sendKeys(PASSCODE);
    await driver.findElement(By.id("setup-passcode-again")).sendKeys(PASSCODE);
    await driver.findElement(By.css("#passcode-setup button[type=submit]")).click();
  } else if (id === "passcode-unlock") {
    await driver.findElement(By.id("unlock-passcode")).sendKeys(PASSCODE);
    await driver.findElement(By.css("#passcode-unlock button[type=submit]")).click();
  } else {
    return;
  }
  await driver.wait(until.elementLocated(By.css(".app-header")), 60000);
}

function answerPasscodeOnLoad(driver) {
  const get = driver.get.bind(driver);
  driver.get = async (url) => {
    await get(url);
    await passPasscodeScreen(driver);
  };
  const navigate = driver.navigate.bind(driver);
  driver.navigate = () => {
    const navigation = navigate();
    const refresh = navigation.refresh.bind(navigation);
    navigation.refresh = async () => {
      await refresh();
      await passPasscodeScreen(driver);
    };
    return navigation;
  };
}

export async function openDevice(engine) {
  const spec = ENGINES[engine];
  const port = await freePort();
  const profile = mkdtempSync(join(tmpdir(), `renkei-${engine}-`));
  const env = { ...process.env };
  if (spec.needsDisplay) env.DISPLAY = await display();
  const [bin, args] = spec.driver(port);
  const child = spawn(bin, args, { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  await waitForDriver(port, child, () => output);
  const driver = await new Builder()
    .usingServer(`http://127.0.0.1:${port}`)
    .withCapabilities(spec.capabilities(profile))
    .build();
  answerPasscodeOnLoad(driver);
  if (engine === "webkit") {
    // MiniBrowser opens at its own size; the app is tested at phone size.
    await driver.manage().window().setRect({ width: PHONE.width, height: PHONE.height }).catch(() => {});
  }
  return {
    engine,
    driver,
    /** What the driver process printed, for a failure's report. */
    log: () => output,
    async screenshot(name) {
      const png = await driver.takeScreenshot();
      writeFileSync(join(ARTIFACTS, `engine-${engine}-${name}.png`), png, "base64");
    },
    async close() {
      await driver.quit().catch(() => {});
      child.kill();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The control a visible label names (labels use `for`). */
export async function field(driver, label, timeout = 20000) {
  const labelElement = await driver.wait(
    until.elementLocated(By.xpath(`//label[normalize-space(.)=${xpathString(label)}]`)),
    timeout,
    `no field labelled ${label}`,
  );
  const id = await labelElement.getAttribute("for");
  return driver.findElement(By.id(id));
}

/** Replaces a text control's value the way typing does. */
export async function type(driver, label, text) {
  const element = await field(driver, label);
  await element.clear();
  await element.sendKeys(text);
  return element;
}

/** A button by its text or, where the text is shared, its aria-label. */
export async function button(driver, name, timeout = 20000) {
  const quoted = xpathString(name);
  const element = await driver.wait(
    until.elementLocated(By.xpath(`//button[normalize-space(.)=${quoted} or @aria-label=${quoted}]`)),
    timeout,
    `no button ${name}`,
  );
  await driver.wait(until.elementIsEnabled(element), timeout);
  return element;
}

/**
 * Clicks a button as a finger would: scrolled to the middle of the screen
 * first, so the fixed bottom navigation of the phone layout is not on it.
 */
export async function press(driver, name, timeout = 20000) {
  const element = await button(driver, name, timeout);
  await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  await element.click();
}

export async function link(driver, name, timeout = 20000) {
  return driver.wait(
    until.elementLocated(By.xpath(`//a[normalize-space(.)=${xpathString(name)}]`)),
    timeout,
    `no link ${name}`,
  );
}

/** Follows a link as a finger would (scrolled clear of sticky bars first). */
export async function follow(driver, name, timeout = 20000) {
  const element = await link(driver, name, timeout);
  await driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", element);
  await element.click();
}

/** Waits until the page's text contains `text`. */
export async function waitForText(driver, text, timeout = 30000) {
  await driver.wait(
    async () => ((await driver.executeScript("return document.body ? document.body.innerText : ''")) ?? "").includes(text),
    timeout,
    `text not shown: ${text}`,
  );
}

export async function valueOf(driver, label) {
  return (await field(driver, label)).getAttribute("value");
}

/** Waits until the service worker controls the page, so it starts offline. */
export async function waitForServiceWorker(driver) {
  await driver.wait(
    () => driver.executeScript("return !!(navigator.serviceWorker && navigator.serviceWorker.controller)"),
    90000,
    "the service worker never took control",
  );
}

function xpathString(text) {
  if (!text.includes('"')) return `"${text}"`;
  return `concat(${text.split('"').map((part) => `"${part}"`).join(`, '"', `)})`;
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/**
 * Fails on any serious or critical axe-core finding on the current page, as
 * this engine computes it (contrast, roles and names can differ by engine).
 */
export async function assertAccessible(driver, label) {
  await driver.executeScript(`if (!window.axe) { ${AXE_SOURCE}\n }`);
  const violations = await driver.executeAsyncScript(`
    const done = arguments[arguments.length - 1];
    window.axe.run(document).then((r) => done(r.violations.map((v) => ({
      id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(" ")),
    }))), (e) => done([{ id: "axe-error", impact: "critical", help: String(e), targets: [] }]));`);
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length > 0) {
    const detail = bad.map((v) => `${v.impact} ${v.id}: ${v.help}\n  ${v.targets.join("\n  ")}`).join("\n");
    throw new Error(`axe found ${bad.length} serious/critical issue(s) on ${label}:\n${detail}`);
  }
}

/** Whether every engine's browser and driver is installed (./dev install). */
export function enginesInstalled() {
  const missing = [];
  if (!existsSync(MINIBROWSER)) missing.push("MiniBrowser");
  for (const bin of ["WebKitWebDriver", "Xvfb", "firefox-esr"]) {
    try {
      execFileSync("sh", ["-c", `command -v ${bin}`]);
    } catch {
      missing.push(bin);
    }
  }
  if (!GECKODRIVER) missing.push("geckodriver");
  return missing;
}

/**
 * WebKitGTK's page process sometimes dies or is declared hung on a loaded
 * two-core machine (WebKitWebDriver then ends the session: "session deleted
 * because of page crash or hang"); Chromium says "tab crashed". That is the
 * browser failing, not the app: such a test runs once more, from a fresh
 * device, and says so. Any other failure — and a second crash — fails it.
 */
export function engineTest(name, body) {
  test(name, async () => {
    try {
      await body();
    } catch (error) {
      if (!/page crash or hang|tab crashed/i.test(String(error?.message))) throw error;
      console.log(`# ${name}: the browser's page process crashed (${error.message.split("\n")[0]}); running it once more`);
      await body();
    }
  });
}
