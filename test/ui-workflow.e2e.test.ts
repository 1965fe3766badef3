import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { startSiteServer } from "./support/site-server.ts";

const skip = e2eSkipReason();

/**
 * A rep's day, as a user drives it: capture from a company page, see the lead in the side panel,
 * add a note and a task, qualify and convert it with a deal, move the deal on the board (mouse and
 * keyboard), and find it all again with search. Every main view is screenshotted.
 */
describe.skipIf(skip)("the rep's workspace: capture → side panel → note → task → convert → board → search", () => {
  let api: ApiProcess;
  let sites: Awaited<ReturnType<typeof startSiteServer>>;
  let alice: Profile;

  beforeAll(async () => {
    [api, sites] = await Promise.all([startApi(), startSiteServer()]);
    alice = await launchProfile();
  });
  afterEach(async (ctx) => {
    // On failure, what each page showed is the quickest way to see why.
    if (ctx.task.result?.state !== "fail" || !alice) return;
    let i = 0;
    for (const page of alice.context.pages())
      await screenshot(page, `failure-ui-workflow-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await alice?.close();
    await Promise.all([api?.dispose(), sites?.close()]);
  });

  async function apiGet(path: string): Promise<Array<Record<string, unknown>>> {
    const token = await alice.worker.evaluate(async () => {
      const stored = await chrome.storage.local.get("leadpane.session");
      return (stored["leadpane.session"] as { token: string }).token;
    });
    const body = (await (
      await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as { items: Array<Record<string, unknown>> };
    return body.items;
  }

  async function localDateTime(offsetMinutes: number): Promise<string> {
    const d = new Date(Date.now() + offsetMinutes * 60_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    return (
      `${d.getFullYear()}-${pad(d.getMonth() + 1)}-` + `${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`
    );
  }

  it("drives every view as a rep would", async () => {
    // Sign in: Alice creates the workspace.
    const options = await alice.openExtensionPage("options.html");
    await options.getByLabel("Server URL").fill(api.url);
    const create = options.getByRole("form", { name: "Create a workspace" });
    await create.getByLabel("Workspace name").fill("Acme Sales");
    await create.getByLabel("Your name").fill("Alice Rep");
    await create.getByLabel("Work email").fill("alice@sales.test");
    await create.getByRole("button", { name: "Create workspace" }).click();
    await options.getByTestId("signed-in").waitFor();
    await options.getByTestId("workspace-settings").waitFor({ timeout: 20_000 });
    expect(await options.getByTestId("workspace-settings").getByLabel("Stage 1 name").inputValue()).toBe(
      "Qualification",
    );
    await screenshot(options, "ui-settings");

    // 1. Capture from the company page in the popup.
    const companyPage = await alice.context.newPage();
    await companyPage.goto(`${sites.origin("acme")}/`);
    const tabId = await alice.tabIdOf(companyPage);
    const popup = await alice.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByTestId("capture-person").first().waitFor();
    expect(await popup.getByTestId("capture-person").getByLabel("Name").inputValue()).toBe("Jane Doe");
    await screenshot(popup, "ui-popup-capture");
    await popup.getByRole("button", { name: /^Save 1 as lead$/ }).click();
    await popup.getByTestId("capture-saved").waitFor();

    // 2. The side panel following that tab shows the lead, its score and the capture.
    const panel = await alice.openExtensionPage(`sidepanel.html?tabId=${tabId}`);
    const card = panel.getByTestId("record-lead");
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain("Jane Doe");
    expect(await panel.getByTestId("record-status").textContent()).toContain("New");
    expect(await panel.getByTestId("lead-score").textContent()).toMatch(/lead score/);
    await panel.getByTestId("activity-capture").waitFor();

    // 3. A note, inline.
    await panel.getByLabel("Note", { exact: true }).fill("Met at the Berlin expo; wants a demo in Q3.");
    await panel.getByRole("button", { name: "Add note" }).click();
    await expect.poll(() => panel.getByTestId("activity-note").textContent()).toContain("Berlin expo");

    // 4. Tasks: one already overdue (highlighted), one due tomorrow.
    const taskForm = panel.getByRole("form", { name: "Add a task" });
    await taskForm.getByLabel("Task").fill("Send the pricing sheet");
    await taskForm.getByLabel("Due").fill(await localDateTime(-60));
    await taskForm.getByRole("button", { name: "Add task" }).click();
    await panel.getByTestId("task").first().waitFor();
    await taskForm.getByLabel("Task").fill("Book the demo");
    await taskForm.getByLabel("Due").fill(await localDateTime(24 * 60));
    await taskForm.getByRole("button", { name: "Add task" }).click();
    await expect.poll(() => panel.getByTestId("task").count()).toBe(2);
    expect(await panel.locator(".task.overdue").textContent()).toContain("Send the pricing sheet");
    // Its reminder fires: the task's alarm wakes the worker, which shows a browser notification.
    const notifications = async () => {
      const sw = alice.context.serviceWorkers()[0] ?? alice.worker;
      return sw.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
    };
    await expect.poll(notifications, { timeout: 30_000 }).toEqual([expect.stringMatching(/^leadpane-task:/)]);

    // 5. Status through the lifecycle: new → qualified.
    await panel.getByRole("button", { name: "Status" }).click();
    const statusForm = panel.getByRole("form", { name: "Change status" });
    await statusForm.getByLabel("New status").selectOption("qualified");
    await statusForm.getByRole("button", { name: "Set status" }).click();
    await expect.poll(() => panel.getByTestId("record-status").first().textContent()).toContain("Qualified");
    await panel.getByTestId("activity-status_change").waitFor();
    await screenshot(panel, "ui-sidepanel-lead");

    // 6. Convert to a contact with a deal.
    await panel.getByRole("button", { name: "Convert" }).click();
    const convert = panel.getByRole("form", { name: "Convert lead" });
    await convert.getByLabel("Also create a deal").check();
    await convert.getByLabel("Deal title").fill("Acme rollout");
    await convert.getByLabel("Amount").fill("12000");
    await convert.getByRole("button", { name: "Convert to contact" }).click();
    // The page now knows a contact too (same email): the panel shows it and keeps the lead a tab away.
    await panel.getByTestId("record-contact").waitFor();
    await panel.getByRole("tab", { name: "Jane Doe · converted lead" }).click();
    await panel.getByTestId("converted-note").waitFor();
    await panel.getByRole("tab", { name: "Jane Doe · contact" }).click();
    await expect.poll(async () => (await apiGet("/v1/contacts")).length, { timeout: 20_000 }).toBe(1);
    await expect
      .poll(async () => (await apiGet("/v1/deals")).map((d) => d.stage), { timeout: 20_000 })
      .toEqual(["qualification"]);

    // 7. The board: drag the deal to Proposal, then Alt+→ to Negotiation from the keyboard.
    const board = await alice.openExtensionPage("dashboard.html#/deals");
    const boardErrors = watchErrors(board);
    const dealCard = board.getByTestId("deal-card");
    await board.getByTestId("stage-qualification").getByTestId("deal-card").waitFor();
    expect(await board.getByTestId("stage-qualification").textContent()).toContain("$12,000");
    await dealCard.dragTo(board.getByTestId("stage-proposal"));
    await board.getByTestId("stage-proposal").getByTestId("deal-card").waitFor();
    expect(await board.getByTestId("stage-proposal").textContent()).toContain("weighted $6,000");
    expect(await board.getByTestId("pipeline-total").textContent()).toContain("weighted $6,000");
    await board.getByTestId("stage-proposal").getByTestId("deal-card").focus();
    await board.keyboard.press("Alt+ArrowRight");
    await board.getByTestId("stage-negotiation").getByTestId("deal-card").waitFor();
    await screenshot(board, "ui-dashboard-pipeline");
    await expect
      .poll(async () => (await apiGet("/v1/deals")).map((d) => d.stage), { timeout: 20_000 })
      .toEqual(["negotiation"]);

    // 8. Search finds the contact and the deal; the record page has the whole story.
    const search = board.getByLabel("Search the workspace");
    await search.fill("acme roll");
    await board.getByTestId("search-results").getByText("Acme rollout").waitFor();
    await search.fill("Jane");
    const results = board.getByTestId("search-results");
    await results.getByRole("button", { name: /Jane Doe contact/ }).click();
    await board.getByTestId("record-contact").waitFor();
    const kinds = async () => board.locator(".timeline li").evaluateAll((items) => items.map((li) => li.className));
    await expect
      .poll(kinds)
      .toEqual(expect.arrayContaining(["stage_change", "conversion", "status_change", "note", "capture"]));
    expect(await board.getByTestId("deal").textContent()).toContain("Negotiation");
    await screenshot(board, "ui-dashboard-record");

    // 9. The lists: leads (converted) and contacts; filter to nothing and back.
    await board.goto(board.url().replace(/#.*$/, "#/leads"));
    await board.getByTestId("list-row-name").first().waitFor();
    await expect.poll(() => board.getByTestId("list-count").textContent()).toContain("1 of 1 leads");
    await board.getByLabel("Status").selectOption("working");
    await board.getByTestId("list-empty").waitFor();
    await board.getByLabel("Status").selectOption("converted");
    await board.getByTestId("list-row-name").first().waitFor();
    // Saved views: name this filter, clear it, bring it back.
    await board.getByRole("button", { name: "Save this view" }).click();
    await board.getByLabel("View name").fill("Converted leads");
    await board.getByRole("button", { name: "Save view" }).click();
    await board.getByRole("button", { name: "Clear filters" }).first().click();
    await expect.poll(() => board.getByLabel("Status").inputValue()).toBe("");
    await board.getByRole("button", { name: "Converted leads", exact: true }).click();
    await expect.poll(() => board.getByLabel("Status").inputValue()).toBe("converted");
    await screenshot(board, "ui-dashboard-leads");
    await board.goto(board.url().replace(/#.*$/, "#/contacts"));
    await board.getByTestId("list-row-name").getByText("Jane Doe").waitFor();

    // Bulk: tag the selected contacts.
    await board.getByLabel("Select Jane Doe").check();
    await board.getByLabel("Tag to add to selected").fill("expo-2026");
    await board.getByTestId("bulk-bar").getByRole("button", { name: /Tag/ }).click();
    await board.locator(".cell.tags").getByText("expo-2026").waitFor();
    await screenshot(board, "ui-dashboard-contacts");

    // 10. Tasks: the overdue one is flagged; tick the other off.
    await board.goto(board.url().replace(/#.*$/, "#/tasks"));
    await board.getByTestId("tasks-overdue").getByText("Send the pricing sheet").waitFor();
    await board.getByTestId("tasks-upcoming").getByText("Book the demo").waitFor();
    await screenshot(board, "ui-dashboard-tasks");
    // Ticked, it leaves the list at once (click, not check: the box is gone before it could be read back).
    await board.getByLabel("Done: Book the demo").click();
    await board.getByTestId("tasks-upcoming").waitFor({ state: "detached" });

    // 11. The side panel on the careers page (same company) now shows the contact first-class.
    const careers = await alice.context.newPage();
    await careers.goto(`${sites.origin("acme")}/careers`);
    const panel2 = await alice.openExtensionPage(`sidepanel.html?tabId=${await alice.tabIdOf(careers)}`);
    await panel2.getByRole("tab", { name: "Jane Doe · contact" }).click();
    await panel2.getByTestId("record-contact").waitFor();
    await screenshot(panel2, "ui-sidepanel-contact");
    // The same views follow a dark system theme.
    await panel2.emulateMedia({ colorScheme: "dark" });
    await screenshot(panel2, "ui-sidepanel-contact-dark");
    await board.emulateMedia({ colorScheme: "dark" });
    await board.goto(board.url().replace(/#.*$/, "#/deals"));
    await board.getByTestId("deal-card").waitFor();
    await screenshot(board, "ui-dashboard-pipeline-dark");
    expect(boardErrors, "uncaught errors and console errors on the dashboard").toEqual([]);
  });
});

/** Collects a page's uncaught errors and console errors from now on. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(`uncaught: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(`console: ${message.text()}`);
  });
  return errors;
}
