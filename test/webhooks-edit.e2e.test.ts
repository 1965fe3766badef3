import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startReceiver, type TestReceiver } from "../apps/api/src/testing/webhook-receiver.ts";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { seriousAxeLines } from "./support/axe.ts";
import { createWorkspace } from "./support/capture-helpers.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { apiCall } from "./support/sync-session.ts";

const skip = e2eSkipReason();
const ARTIFACTS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "artifacts");

interface Hook {
  id: string;
  url: string;
  events: string[];
  filter: { ownerId: string | null; tag: string | null };
}

/**
 * Settings → Webhooks, an existing endpoint: Edit opens the form prefilled; a private address is
 * refused beside the field with the typing kept and nothing changed; Esc closes the form and puts
 * focus back on Edit; a saved change of events and tag reaches the API. The delivery log shows the
 * latest 50 and "Show older" the rest, each once.
 */
describe.skipIf(skip)("editing a webhook in Settings", () => {
  let api: ApiProcess;
  let owner: Profile;
  let inbox: TestReceiver;

  beforeAll(async () => {
    inbox = await startReceiver();
    api = await startApi({ LEADPANE_WEBHOOK_ALLOW_HOSTS: "127.0.0.1", LEADPANE_WEBHOOK_POLL_MS: "100" });
    owner = await launchProfile();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const page of owner?.context.pages() ?? [])
      await screenshot(page, `failure-webhooks-edit-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await owner?.close();
    await api?.dispose();
    await inbox?.close();
  });

  it("edits an endpoint's events and filter, refuses a private address beside the field, and pages the log", async () => {
    const token = await createWorkspace(owner, api.url, {
      workspace: "Edit Hooks",
      name: "Eda Owner",
      email: "eda@hooks.test",
    });
    const hooks = async () => (await apiCall<{ items: Hook[] }>(api.url, "GET", "/v1/webhooks", token)).items;
    await apiCall(api.url, "POST", "/v1/webhooks", token, { url: inbox.url, events: ["lead.created"] });
    // 55 deliveries: one more page than the log's first 50.
    for (let i = 0; i < 55; i++) await apiCall(api.url, "POST", "/v1/leads", token, { name: `Paged Lead ${i}` });

    const options = await owner.openExtensionPage("options.html");
    const card = options.getByTestId("webhooks");
    const row = card.getByTestId("webhook-row");
    await row.waitFor({ timeout: 30_000 });
    const editButton = row.getByRole("button", { name: `Edit endpoint ${inbox.url}` });
    await editButton.click();
    const form = row.getByRole("form", { name: `Edit webhook ${inbox.url}` });
    const urlField = form.getByLabel("Receiver address (URL)");
    expect(await urlField.inputValue()).toBe(inbox.url);
    const leads = form.getByRole("group", { name: "Leads" });
    expect(await leads.getByRole("checkbox", { name: "created" }).isChecked()).toBe(true);
    expect(await leads.getByRole("checkbox", { name: "updated" }).isChecked()).toBe(false);

    // A private address: refused beside the field, the typing kept, nothing changed.
    await urlField.fill("http://10.0.0.5/hook");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect
      .poll(() => form.getByTestId("webhook-url-error").textContent(), { timeout: 30_000 })
      .toBe("Leadpane will not send to this address: 10.0.0.5 is a private network address.");
    expect(await urlField.inputValue()).toBe("http://10.0.0.5/hook");
    expect((await hooks())[0]!.url).toBe(inbox.url);
    await card.screenshot({ path: `${ARTIFACTS_DIR}/webhooks-edit-refused-card.png` });
    await options.emulateMedia({ colorScheme: "dark" });
    await card.screenshot({ path: `${ARTIFACTS_DIR}/webhooks-edit-refused-card-dark.png` });
    await options.emulateMedia({ colorScheme: "light" });
    expect(await seriousAxeLines(options, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);

    // Esc cancels: the form closes, focus is back on Edit.
    await urlField.press("Escape");
    await expect.poll(() => form.count()).toBe(0);
    await expect
      .poll(() => options.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe(`Edit endpoint ${inbox.url}`);

    // Edit again: the saved address is back; change the events and add a tag filter.
    await editButton.click();
    expect(await urlField.inputValue()).toBe(inbox.url);
    await leads.getByRole("checkbox", { name: "updated" }).check();
    await form.getByRole("group", { name: "Deals" }).getByRole("checkbox", { name: "won" }).check();
    await form.getByLabel("Only records tagged (optional)").fill("vip");
    await form.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => form.count(), { timeout: 30_000 }).toBe(0);
    await expect
      .poll(async () => {
        const [hook] = await hooks();
        return { events: [...hook!.events].sort(), tag: hook!.filter.tag, url: hook!.url };
      })
      .toEqual({ events: ["deal.won", "lead.created", "lead.updated"], tag: "vip", url: inbox.url });
    await expect.poll(() => row.textContent()).toContain("only tagged “vip”");
    await expect
      .poll(() => options.evaluate(() => document.activeElement?.getAttribute("aria-label")))
      .toBe(`Edit endpoint ${inbox.url}`);

    // The log: the latest 50, then Show older adds the other 5, each delivery once.
    await expect.poll(() => inbox.received.length, { timeout: 120_000 }).toBe(55);
    await row.getByRole("button", { name: "Delivery log" }).click();
    const deliveries = row.getByTestId("delivery-row");
    await expect.poll(() => deliveries.count(), { timeout: 30_000 }).toBe(50);
    await row.getByTestId("deliveries-older").scrollIntoViewIfNeeded();
    await options.screenshot({ path: `${ARTIFACTS_DIR}/webhooks-log-show-older.png` });
    await row.getByTestId("deliveries-older").click();
    await expect.poll(() => deliveries.count(), { timeout: 30_000 }).toBe(55);
    await expect.poll(() => row.getByTestId("deliveries-older").count()).toBe(0);
    const ids = await row.locator(".webhook-id").allTextContents();
    expect(new Set(ids).size).toBe(55);
    await deliveries.last().scrollIntoViewIfNeeded();
    await options.screenshot({ path: `${ARTIFACTS_DIR}/webhooks-log-older.png` });
  }, 300_000);
});
