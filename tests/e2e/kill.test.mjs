// "Never lost", the hard way: the browser process is killed (SIGKILL, as a
// phone kills a backgrounded app) a moment after the last keystroke, and
// started again on the same profile. Typed text and choices must be back.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { startServer, waitForServiceWorker, answerPasscodeOnLoad, CHROMIUM_ARGS } from "./harness.mjs";

let server;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
});

/**
 * Chromium started by hand (so it can be killed outright) on `profile`,
 * phone-sized, driven over CDP. Resolves to { page, kill }.
 */
async function startChromium(profile) {
  const child = spawn(
    "/usr/bin/chromium",
    [...CHROMIUM_ARGS, "--headless=new", "--remote-debugging-port=0", `--user-data-dir=${profile}`, "--lang=ja-JP", "about:blank"],
    // Its own process group, so the kill takes the renderers, the GPU
    // process and the crash handler with it, as a phone kills the whole app.
    { stdio: ["ignore", "ignore", "pipe"], detached: true },
  );
  const endpoint = await new Promise((resolve, reject) => {
    let err = "";
    child.stderr.on("data", (d) => {
      err += d;
      const m = err.match(/DevTools listening on (ws:\/\/\S+)/);
      if (m) resolve(m[1]);
    });
    child.once("exit", (code) => reject(new Error(`chromium exited ${code}: ${err}`)));
  });
  const browser = await chromium.connectOverCDP(endpoint);
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  answerPasscodeOnLoad(page);
  await page.setViewportSize({ width: 390, height: 844 });
  return {
    page,
    context,
    async kill() {
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid, "SIGKILL");
      await exited;
      await groupGone(child.pid);
      await browser.close().catch(() => {});
    },
  };
}

/** Resolves once no process of the group `pgid` is left (they still hold the profile). */
async function groupGone(pgid) {
  for (let i = 0; i < 100; i++) {
    try {
      process.kill(-pgid, 0);
    } catch {
      return;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`chromium's processes (group ${pgid}) are still running 5 s after SIGKILL`);
}

const TEXT = "本人と職場の上司を交えて面談した。".repeat(18).slice(0, 300);

for (const delay of [1000, 300]) {
  test(`a new note typed offline is all there after the browser is killed ${delay} ms after the last keystroke`, async () => {
    const profile = mkdtempSync(join(tmpdir(), "renkei-kill-"));
    try {
      let chrome = await startChromium(profile);
      let { page } = chrome;
      await page.goto(`${server.url}/clients`);
      await waitForServiceWorker(page);
      await page.getByRole("button", { name: "新しい利用者" }).click();
      await page.getByLabel("氏名（必須）").fill("強制 終了");
      await page.getByText("✓ 保存しました").waitFor();
      const noteUrl = `${page.url()}/notes/new`;
      await chrome.context.setOffline(true);
      await page.goto(noteUrl).catch(() => {});
      await page.getByLabel("記録（必須）").waitFor();
      await page.getByRole("radio", { name: "職場" }).check();
      await page.getByLabel("記録（必須）").focus();
      await page.keyboard.type(TEXT);
      await new Promise((r) => setTimeout(r, delay));
      await chrome.kill();

      chrome = await startChromium(profile);
      page = chrome.page;
      await page.goto(noteUrl);
      await page.getByText("保存していない書きかけの記録を戻しました。").waitFor();
      assert.equal(await page.getByLabel("記録（必須）").inputValue(), TEXT, "every character is back");
      assert.ok(await page.getByRole("radio", { name: "職場" }).isChecked(), "the chosen place is back");
      await chrome.kill();
    } finally {
      rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
    }
  });
}
