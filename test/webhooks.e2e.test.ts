import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Webhook } from "standardwebhooks";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type TestReceiver } from "../apps/api/src/testing/webhook-receiver.ts";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { seriousAxeLines } from "./support/axe.ts";
import { createWorkspace } from "./support/capture-helpers.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { apiCall } from "./support/sync-session.ts";

const skip = e2eSkipReason();
/** Where screenshot() saves: the Webhooks card alone is saved beside the full pages, to read its details. */
const ARTIFACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "artifacts");

/**
 * Settings → Webhooks as an admin drives it: a bad address is said beside the field in plain words;
 * an endpoint pointing at a receiver started here (allow-listed) shows its secret once; a lead
 * created in the dashboard reaches the receiver, signed, and shows in the delivery log with 200;
 * Replay sends the same webhook-id again; a delete can be undone; an endpoint Leadpane turned off
 * (410 Gone) says why.
 */
describe.skipIf(skip)("webhooks in Settings", () => {
  let api: ApiProcess;
  let owner: Profile;
  let inbox: TestReceiver;
  let gone: TestReceiver;

  beforeAll(async () => {
    [inbox, gone] = await Promise.all([startReceiver(), startReceiver()]);
    api = await startApi({ LEADPANE_WEBHOOK_ALLOW_HOSTS: "127.0.0.1", LEADPANE_WEBHOOK_POLL_MS: "100" });
    owner = await launchProfile();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const page of owner?.context.pages() ?? [])
      await screenshot(page, `failure-webhooks-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await owner?.close();
    await api?.dispose();
    await Promise.all([inbox?.close(), gone?.close()]);
  });

  it("adds an endpoint, delivers a change made in the UI, logs it with 200 and replays it under the same webhook-id", async () => {
    const token = await createWorkspace(owner, api.url, {
      workspace: "Hook Sales",
      name: "Hana Owner",
      email: "hana@hooks.test",
    });
    const options = await owner.openExtensionPage("options.html");
    const card = options.getByTestId("webhooks");
    await card.getByText("No endpoints yet.").waitFor({ timeout: 30_000 });
    const form = card.getByRole("form", { name: "Add a webhook" });
    const urlField = form.getByLabel("Receiver address (URL)");

    // A bad address: plain words beside the field, the typing kept.
    await urlField.fill("hooks.example.com/in");
    await form.getByRole("checkbox", { name: "created" }).first().check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect.poll(() => form.getByTestId("webhook-url-error").textContent()).toContain("This is not a web address");
    expect(await urlField.inputValue()).toBe("hooks.example.com/in");
    // A private address: the server refuses it, said beside the field too.
    await urlField.fill("http://10.0.0.5/hook");
    await form.getByRole("button", { name: "Add endpoint" }).click();
    await expect
      .poll(() => form.getByTestId("webhook-url-error").textContent())
      .toBe("Leadpane will not send to this address: 10.0.0.5 is a private network address.");
    expect(await urlField.inputValue()).toBe("http://10.0.0.5/hook");
    await screenshot(options, "webhooks-bad-url");

    // The receiver's address, leads created and updated.
    await urlField.fill(inbox.url);
    await form.getByRole("group", { name: "Leads" }).getByRole("checkbox", { name: "updated" }).check();
    await form.getByRole("button", { name: "Add endpoint" }).click();
    const secretBox = card.getByTestId("webhook-secret");
    await secretBox.waitFor();
    const secret = (await secretBox.locator(".webhook-secret-value").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    await expect.poll(() => card.getByTestId("webhook-row").count()).toBe(1);
    await screenshot(options, "webhooks-secret");
    expect(await seriousAxeLines(options, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);
    await secretBox.getByRole("button", { name: "I have stored it" }).click();

    // A change made in the dashboard.
    const dashboard = await owner.openExtensionPage("dashboard.html#/leads");
    await dashboard.getByRole("button", { name: "New lead" }).click({ timeout: 30_000 });
    const dialog = dashboard.getByRole("dialog", { name: "New lead" });
    await dialog.getByLabel("Name", { exact: false }).first().fill("Wanda Webhook");
    await dialog.getByRole("button", { name: "Create lead" }).click();
    await expect.poll(() => inbox.received.length, { timeout: 60_000 }).toBe(1);
    const first = inbox.received[0]!;
    const payload = new Webhook(secret).verify(first.body, first.headers as Record<string, string>) as {
      type: string;
      data: { record: { name: string }; actor: { name: string } };
    };
    expect(payload).toMatchObject({
      type: "lead.created",
      data: { record: { name: "Wanda Webhook" }, actor: { name: "Hana Owner" } },
    });

    // The delivery log shows it with 200; Replay sends the same message again.
    await options.bringToFront();
    const row = card.getByTestId("webhook-row");
    await row.getByRole("button", { name: "Delivery log" }).click();
    const delivery = row.getByTestId("delivery-row").first();
    await expect
      .poll(() => delivery.getByTestId("delivery-status").textContent(), { timeout: 30_000 })
      .toBe("Delivered · 200");
    expect(await delivery.textContent()).toContain(String(first.headers["webhook-id"]));
    await screenshot(options, "webhooks-delivery-log");
    await card.screenshot({ path: `${ARTIFACTS_DIR}/webhooks-delivery-log-card.png` });
    await delivery.getByRole("button", { name: /^Replay lead\.created/ }).click();
    await expect.poll(() => inbox.received.length, { timeout: 60_000 }).toBe(2);
    expect(inbox.received[1]!.headers["webhook-id"]).toBe(first.headers["webhook-id"]);
    new Webhook(secret).verify(inbox.received[1]!.body, inbox.received[1]!.headers as Record<string, string>);
    await expect.poll(() => row.getByTestId("delivery-row").count(), { timeout: 30_000 }).toBe(2);
    await expect
      .poll(() => row.getByTestId("delivery-status").allTextContents(), { timeout: 30_000 })
      .toEqual(["Delivered · 200", "Delivered · 200"]);
    await screenshot(options, "webhooks-replayed");

    // Delete, then Undo: the endpoint is back.
    await row.getByRole("button", { name: `Delete endpoint ${inbox.url}` }).click();
    await card.getByText("No endpoints yet.").waitFor();
    await screenshot(options, "webhooks-deleted-undo");
    await card.getByTestId("webhook-undo").click();
    await expect.poll(() => card.getByTestId("webhook-row").count()).toBe(1);

    // An endpoint answering 410 Gone is turned off by Leadpane, and Settings says why.
    gone.answers = [{ status: 410 }];
    await apiCall(api.url, "POST", "/v1/webhooks", token, { url: gone.url, events: ["lead.created"] });
    await apiCall(api.url, "POST", "/v1/leads", token, { name: "Gina Gone" });
    await expect
      .poll(
        async () =>
          (await apiCall<{ items: Array<{ enabled: boolean }> }>(api.url, "GET", "/v1/webhooks", token)).items.filter(
            (w) => !w.enabled,
          ).length,
        { timeout: 60_000 },
      )
      .toBe(1);
    await options.reload();
    await card.getByTestId("webhooks-disabled-notice").waitFor({ timeout: 30_000 });
    expect(await card.getByTestId("webhook-disabled-reason").textContent()).toContain("410 Gone");
    await card.scrollIntoViewIfNeeded();
    await screenshot(options, "webhooks-disabled");
    await options.emulateMedia({ colorScheme: "dark" });
    await screenshot(options, "webhooks-disabled-dark");
    await card.screenshot({ path: `${ARTIFACTS_DIR}/webhooks-disabled-card-dark.png` });
    await options.emulateMedia({ colorScheme: "light" });
  }, 240_000);
});
