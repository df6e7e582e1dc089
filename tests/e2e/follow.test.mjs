// An open editor follows other devices: a change pulled while a client is
// open updates the fields the user is not editing, and a field the user is
// editing keeps what they typed, marked 「他の端末で更新されました」.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { startServer, createOffice, tempDatabase, launchDevice, signIn, syncNow, assertAccessible } from "./harness.mjs";

let server;
let office;
before(async () => {
  const database = tempDatabase();
  office = createOffice(database, { code: "FOLLOW1" });
  server = await startServer({ database });
});
after(async () => {
  await server?.stop();
});

const who = () => ({ ...office, name: office.name ?? "テスト事業所" });

test("an open client editor takes in another device's change and keeps the user's typing", async () => {
  const a = await launchDevice();
  const b = await launchDevice();
  try {
    const pa = await a.context.newPage();
    const pb = await b.context.newPage();
    await signIn(pa, server.url, who());
    await signIn(pb, server.url, who());

    await pa.goto(`${server.url}/clients`);
    await pa.getByRole("button", { name: "新しい利用者" }).click();
    await pa.getByLabel("氏名（必須）").fill("追従 太郎");
    await pa.getByText("✓ 保存しました").waitFor();
    const clientUrl = pa.url();
    await syncNow(pa, server.url);
    await syncNow(pb, server.url);

    // A is in the middle of an edit that does not validate yet (the name
    // cleared while retyping it): nothing of it is a record, all of it is
    // on screen and in the draft.
    await pa.goto(clientUrl);
    await pa.getByLabel("氏名（必須）").fill("");
    await pa.getByLabel("ふりがな").fill("ついじゅう たろう");
    await pa.getByText("下書きを保存しました").waitFor();

    // B changes the staff member and the kana.
    await pb.goto(clientUrl);
    await pb.getByLabel("担当職員").fill("鈴木");
    await pb.getByLabel("ふりがな").fill("ツイジュウ");
    await pb.getByText("✓ 保存しました").waitFor();
    await syncNow(pb, server.url);

    // A pulls (the connection comes back) without leaving the editor.
    await pa.evaluate(() => window.dispatchEvent(new Event("online")));
    await pa.waitForFunction(() => document.querySelector("#client-staff")?.value === "鈴木", null, { timeout: 30000 });
    assert.equal(await pa.getByLabel("ふりがな").inputValue(), "ついじゅう たろう", "the field being edited keeps the typing");
    assert.equal(await pa.getByLabel("氏名（必須）").inputValue(), "", "so does the name being retyped");
    await pa.locator(".field-notice", { hasText: "他の端末で更新されました" }).waitFor();
    await assertAccessible(pa, "利用者（他の端末で更新）");

    // A finishes: the record now has A's kana and B's staff member.
    await pa.getByLabel("氏名（必須）").fill("追従 太郎");
    await pa.getByText("✓ 保存しました").waitFor();
    assert.equal(await pa.locator(".field-notice", { hasText: "他の端末で更新されました" }).count(), 0);
    await syncNow(pa, server.url);
    await syncNow(pb, server.url);
    await pb.goto(clientUrl);
    await pb.waitForFunction(() => document.querySelector("#client-kana")?.value === "ついじゅう たろう", null, { timeout: 30000 });
    assert.equal(await pb.getByLabel("担当職員").inputValue(), "鈴木");
  } finally {
    await a.close();
    await b.close();
  }
});
