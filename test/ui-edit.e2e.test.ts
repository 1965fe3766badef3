import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Locator, Page } from "playwright-core";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { seriousAxeLines } from "./support/axe.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { startSiteServer } from "./support/site-server.ts";
import {
  apiCall,
  joinTeammate,
  serverRecords,
  signInProfile,
  signUpOwner,
  syncNow,
  type Joined,
} from "./support/sync-session.ts";

const skip = e2eSkipReason();

/**
 * Editing in place and creating by hand, as a rep does it with the keyboard: a lead's name, title
 * and phone edited in the side panel (Enter, type, Enter; Escape cancels), a bad email refused
 * beside the field with the typing kept, the teammate's browser showing the edits; a deal's amount
 * and close date on its record page; a contact created with `n` whose email is a known lead's, with
 * the duplicate warning's "Open existing" and "Create anyway".
 */
describe.skipIf(skip)("edit in place and create by hand", () => {
  let api: ApiProcess;
  let sites: Awaited<ReturnType<typeof startSiteServer>>;
  let alice: Profile;
  let bob: Profile;
  let owner: Joined;
  let lead: { id: string };
  let deal: { id: string };
  let bobId: string;

  beforeAll(async () => {
    [api, sites] = await Promise.all([
      startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" }),
      startSiteServer(),
    ]);
    [alice, bob] = await Promise.all([launchProfile(), launchProfile()]);
    owner = await signUpOwner(api.url);
    const mate = await joinTeammate(api.url, owner);
    bobId = mate.member.id;
    lead = await apiCall<{ id: string }>(api.url, "POST", "/v1/leads", owner.token, {
      name: "Jane Doe",
      title: "CTO",
      emails: ["jane.doe@acme.localhost"],
      phones: ["+14155550100"],
    });
    deal = await apiCall<{ id: string }>(api.url, "POST", "/v1/deals", owner.token, {
      title: "Acme pilot",
      amount: 500_000,
      currency: "USD",
    });
    await Promise.all([signInProfile(alice, api.url, owner), signInProfile(bob, api.url, mate)]);
  });
  afterEach(async (ctx) => {
    let i = 0;
    for (const profile of [alice, bob])
      for (const page of profile?.context.pages() ?? []) {
        if (ctx.task.result?.state === "fail") await screenshot(page, `failure-ui-edit-${i++}`).catch(() => undefined);
        // Every open extension page holds a poke stream to the API: six of them would take all of
        // Chrome's connections to that host and leave the worker's push waiting.
        await page.close();
      }
  });
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await Promise.all([api?.dispose(), sites?.close()]);
  });

  /** A record as the server has it, once Alice's browser has pushed (nudged: Chrome may have stopped an idle worker). */
  const server = async (type: string, id?: string) => {
    await syncNow(alice);
    return (await serverRecords(api.url, owner.token)).find((r) => r.type === type && (!id || r.id === id))?.data;
  };
  const focusedText = (page: Page) => page.evaluate(() => document.activeElement?.textContent ?? "");
  /** The value of one inline field (its button). */
  const inlineValue = (scope: Locator, field: string) =>
    scope.getByTestId(`field-${field}`).locator("button.inline-value");

  it("edits a lead in the side panel with the keyboard, refuses a bad email in plain words, and the teammate sees it", async () => {
    const site = await alice.context.newPage();
    await site.goto(`${sites.origin("acme")}/careers`);
    const panel = await alice.openExtensionPage(`sidepanel.html?tabId=${await alice.tabIdOf(site)}`);
    // The side panel's real width: nothing may scroll sideways in it.
    await panel.setViewportSize({ width: 360, height: 900 });
    await panel.getByTestId("record-lead").waitFor({ timeout: 30_000 });
    const fields = panel.getByTestId("record-fields");

    // Name: Enter on the value, type, Enter. Focus comes back to the value.
    await inlineValue(fields, "name").focus();
    await panel.keyboard.press("Enter");
    await panel.keyboard.type("Jane Q. Doe");
    await panel.keyboard.press("Enter");
    await expect.poll(() => inlineValue(fields, "name").textContent()).toBe("Jane Q. Doe");
    await expect.poll(() => focusedText(panel)).toBe("Jane Q. Doe");
    await expect.poll(() => panel.getByTestId("record-lead").locator("h2").textContent()).toBe("Jane Q. Doe");

    // Title: Escape cancels (nothing saved, focus back on the value), then Enter saves.
    await inlineValue(fields, "title").focus();
    await panel.keyboard.press("Enter");
    await panel.keyboard.type("Chief Everything");
    await panel.keyboard.press("Escape");
    await expect.poll(() => inlineValue(fields, "title").textContent()).toBe("CTO");
    expect(await focusedText(panel)).toBe("CTO");
    await panel.keyboard.press("Enter");
    await panel.keyboard.type("VP Sales");
    await panel.keyboard.press("Enter");
    await expect.poll(() => inlineValue(fields, "title").textContent()).toBe("VP Sales");

    // A phone: the one value replaced (a remove of what was seen and an add).
    await inlineValue(fields, "phones").first().focus();
    await panel.keyboard.press("Enter");
    await panel.keyboard.type("+1 415 555 0199");
    await panel.keyboard.press("Enter");
    await expect.poll(() => inlineValue(fields, "phones").allTextContents()).toEqual(["(415) 555-0199"]);

    // An invalid email: refused beside the field in plain words, the typing kept, nothing saved.
    await fields.getByTestId("field-emails").getByRole("button", { name: "Add email" }).focus();
    await panel.keyboard.press("Enter");
    await panel.keyboard.type("x");
    await panel.keyboard.press("Enter");
    const error = fields.getByTestId("field-emails").getByTestId("field-error");
    await expect.poll(() => error.textContent()).toBe("'x' is not an email address");
    const input = fields.getByTestId("field-emails").getByRole("textbox", { name: "New email" });
    expect(await input.inputValue()).toBe("x");
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    await screenshot(panel, "ui-edit-error");
    expect(await seriousAxeLines(panel, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);
    await panel.keyboard.press("Escape");
    await expect.poll(() => error.count()).toBe(0);
    expect(await focusedText(panel)).toBe("Add email");
    await screenshot(panel, "ui-edit-inline");
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);

    // Each edit reached the server as a field-level change, the old values in history.
    await expect
      .poll(async () => server("lead", lead.id), { timeout: 30_000 })
      .toMatchObject({
        name: "Jane Q. Doe",
        title: "VP Sales",
        phones: ["+14155550199"],
        emails: ["jane.doe@acme.localhost"],
      });

    // The teammate's browser shows the edit.
    const bobPage = await bob.openExtensionPage(`dashboard.html#/record/lead/${lead.id}`);
    const bobFields = bobPage.getByTestId("record-fields");
    await expect
      .poll(
        async () => {
          await syncNow(bob);
          return inlineValue(bobFields, "name")
            .textContent({ timeout: 2_000 })
            .catch(() => null);
        },
        { timeout: 30_000 },
      )
      .toBe("Jane Q. Doe");
    expect(await inlineValue(bobFields, "title").textContent()).toBe("VP Sales");
    expect(await inlineValue(bobFields, "phones").allTextContents()).toEqual(["(415) 555-0199"]);
  });

  it("edits a deal's amount and close date on its record page", async () => {
    const page = await alice.openExtensionPage(`dashboard.html#/record/deal/${deal.id}`);
    const fields = page.getByTestId("record-fields");
    await inlineValue(fields, "amount").waitFor({ timeout: 30_000 });
    expect(await inlineValue(fields, "amount").textContent()).toBe("$5,000");

    await inlineValue(fields, "amount").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.type("19,200.50");
    await page.keyboard.press("Enter");
    await expect.poll(() => inlineValue(fields, "amount").textContent()).toBe("$19,200.50");

    await inlineValue(fields, "closeDate").click();
    await fields.getByTestId("field-closeDate").locator("input").fill("2027-03-31");
    await page.keyboard.press("Enter");
    await expect.poll(() => inlineValue(fields, "closeDate").textContent()).toBe("Mar 31, 2027");
    await screenshot(page, "ui-edit-deal");
    expect(await seriousAxeLines(page, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);

    await expect
      .poll(async () => server("deal", deal.id), { timeout: 30_000 })
      .toMatchObject({ amount: 1_920_050, expectedCloseAt: "2027-03-31T00:00:00.000Z" });
  });

  it("creates a contact with n, warns that its email is a known lead's, opens the lead or creates anyway", async () => {
    const page = await alice.openExtensionPage("dashboard.html#/contacts");
    await page.getByRole("button", { name: "New contact" }).waitFor({ timeout: 30_000 });
    const openNew = async () => {
      await page.locator("body").click({ position: { x: 5, y: 400 } });
      await page.keyboard.press("n");
      const dialog = page.getByRole("dialog", { name: "New contact" });
      await dialog.waitFor();
      await dialog.getByLabel("Name").fill("Jane Doe (Acme)");
      await dialog.getByLabel("Email").fill("Jane.Doe@acme.localhost");
      await dialog.getByRole("button", { name: "Create contact" }).click();
      const warning = dialog.getByTestId("duplicate-warning");
      await warning.waitFor();
      expect(await warning.textContent()).toContain("Same email as Jane Q. Doe, lead");
      return { dialog, warning };
    };

    // A bare `n` typed into the search box is text, not the shortcut.
    await page.getByRole("searchbox", { name: "Search the workspace" }).focus();
    await page.keyboard.press("n");
    expect(await page.getByRole("dialog").count()).toBe(0);
    await page.getByRole("searchbox", { name: "Search the workspace" }).fill("");

    const first = await openNew();
    await screenshot(page, "ui-create-duplicate");
    expect(await seriousAxeLines(page, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);
    await page.emulateMedia({ colorScheme: "dark" });
    await screenshot(page, "ui-create-duplicate-dark");
    expect(await seriousAxeLines(page, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);
    await page.emulateMedia({ colorScheme: "light" });
    await first.warning.getByRole("button", { name: "Open existing" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toBe(`#/record/lead/${lead.id}`);
    expect((await serverRecords(api.url, owner.token)).filter((r) => r.type === "contact")).toEqual([]);

    await page.goto(`chrome-extension://${alice.extensionId}/dashboard.html#/contacts`);
    await page.getByRole("button", { name: "New contact" }).waitFor();
    const second = await openNew();
    await second.warning.getByRole("button", { name: "Create anyway" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/record\/contact\//);
    await expect
      .poll(() => inlineValue(page.getByTestId("record-fields"), "name").textContent())
      .toBe("Jane Doe (Acme)");
    await expect
      .poll(
        async () => {
          await syncNow(alice);
          return (await serverRecords(api.url, owner.token)).filter((r) => r.type === "contact").map((r) => r.data);
        },
        {
          timeout: 30_000,
        },
      )
      .toEqual([
        expect.objectContaining({
          name: "Jane Doe (Acme)",
          emails: ["jane.doe@acme.localhost"],
          ownerId: owner.member.id,
        }),
      ]);
  });

  it("shows errors beside the New form's fields in plain words and keeps the typing", async () => {
    const page = await alice.openExtensionPage("dashboard.html#/leads");
    await page.getByRole("button", { name: "New lead" }).click();
    const dialog = page.getByRole("dialog", { name: "New lead" });
    await dialog.getByLabel("Email").fill("aoife at pipedream dot io");
    await dialog.getByRole("button", { name: "Create lead" }).click();
    await expect
      .poll(() => dialog.getByTestId("field-error").allTextContents())
      .toEqual(["Name is required", "'aoife at pipedream dot io' is not an email address"]);
    expect(await dialog.getByLabel("Email").inputValue()).toBe("aoife at pipedream dot io");
    await screenshot(page, "ui-create-error");
    await dialog.getByLabel("Name", { exact: false }).first().fill("Aoife Byrne");
    await dialog.getByLabel("Email").fill("aoife@pipedream.io");
    await dialog.getByRole("button", { name: "Create lead" }).click();
    await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/^#\/record\/lead\//);
  });

  it("creates a lead with n from the side panel and opens it there", async () => {
    const site = await alice.context.newPage();
    await site.goto(`${sites.origin("acme")}/careers`);
    const panel = await alice.openExtensionPage(`sidepanel.html?tabId=${await alice.tabIdOf(site)}`);
    await panel.setViewportSize({ width: 360, height: 800 });
    // The page now shows the contact created above and the lead, as tabs.
    await panel.getByTestId("record-fields").waitFor({ timeout: 30_000 });
    await panel.locator("body").press("n");
    const dialog = panel.getByRole("dialog", { name: "New lead" });
    await dialog.waitFor();
    await dialog.getByLabel("Name").fill("Sam Lee");
    await dialog.getByLabel("Phone").fill("+44 20 7946 0958");
    await screenshot(panel, "ui-create-sidepanel");
    expect(await seriousAxeLines(panel, { tags: ["wcag2a", "wcag2aa"] })).toEqual([]);
    await dialog.getByLabel("Phone").press("Enter");
    await expect.poll(() => panel.getByTestId("record-lead").locator("h2").textContent()).toBe("Sam Lee");
    expect(await panel.getByRole("dialog").count()).toBe(0);
    expect(await inlineValue(panel.getByTestId("record-fields"), "ownerId").textContent()).toBe("Alice Rep");
  });

  it("edits a task's text and assignee in place on its row", async () => {
    const page = await alice.openExtensionPage(`dashboard.html#/record/lead/${lead.id}`);
    const taskForm = page.getByRole("form", { name: "Add a task" });
    await taskForm.getByLabel("Task").fill("Send the pricing sheet");
    await taskForm.getByRole("button", { name: "Add task" }).click();
    const task = page.getByTestId("task").first();
    await task.getByRole("button", { name: "Edit task Send the pricing sheet" }).click();
    await inlineValue(task, "title").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.type("Send the 2027 pricing sheet");
    await page.keyboard.press("Enter");
    await expect.poll(() => task.locator(".task-title").textContent()).toBe("Send the 2027 pricing sheet");
    await inlineValue(task, "assigneeId").click();
    await task.getByTestId("field-assigneeId").locator("select").selectOption({ label: "Bob Rep" });
    await page.keyboard.press("Enter");
    await expect.poll(() => inlineValue(task, "assigneeId").textContent()).toBe("Bob Rep");
    await screenshot(page, "ui-edit-task");
    await expect
      .poll(() => server("task"), { timeout: 30_000 })
      .toMatchObject({ title: "Send the 2027 pricing sheet", assigneeId: bobId });
  });

  it("shows a viewer the values read-only, with no New button", async () => {
    await apiCall(api.url, "PATCH", `/v1/members/${bobId}`, owner.token, { role: "viewer" });
    const page = await bob.openExtensionPage(`dashboard.html#/record/lead/${lead.id}`);
    const fields = page.getByTestId("record-fields");
    await expect
      .poll(
        async () => {
          await syncNow(bob);
          await page.reload();
          await fields.waitFor({ timeout: 10_000 });
          return page.locator(".inline-value.readonly").count();
        },
        { timeout: 45_000 },
      )
      .toBeGreaterThan(0);
    expect(await fields.locator("button").count()).toBe(0);
    expect(await page.getByRole("button", { name: /^New / }).count()).toBe(0);
    await page.keyboard.press("n");
    expect(await page.getByRole("dialog").count()).toBe(0);
  });
});
