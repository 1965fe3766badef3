import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import {
  launchProfile,
  screenshot,
  SHIPPED_EXTENSION_DIR,
  type Profile,
  shippedSkipReason,
} from "./support/extension.ts";
import { signUpOwner, storeSession } from "./support/sync-session.ts";

const skip = shippedSkipReason();

/**
 * The shipped build (minified, split into chunks) loads the code a page needs later on demand: the
 * write path with the first change, the domain's rules (phones, public suffixes) with the first
 * list, search or lookup. The e2e build is split the same way, but only the shipped one is what
 * people install: here its pages do a rep's first steps with no error anywhere, and its service
 * worker answers and pushes the change.
 */
describe.skipIf(skip)("the shipped build's pages", () => {
  let api: ApiProcess;
  let rep: Profile;
  const errors: string[] = [];

  beforeAll(async () => {
    api = await startApi();
    rep = await launchProfile({ extensionDir: SHIPPED_EXTENSION_DIR });
    // Any uncaught error or console error on any page of the profile.
    rep.context.on("weberror", (error) => errors.push(`uncaught: ${error.error().message}`));
    rep.context.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    // The shipped build has no test hooks: sign in as the options page does, through storage.
    await storeSession(rep.worker, api.url, await signUpOwner(api.url));
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const page of rep?.context.pages() ?? [])
      await screenshot(page, `failure-shipped-pages-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  it("creates a lead, lists and scores it, finds it by its phone, and the worker pushes it, with no error", async () => {
    const dashboard = await rep.openExtensionPage("dashboard.html#/leads");
    await expect
      .poll(() => dashboard.getByTestId("list-count").textContent(), { timeout: 30_000 })
      .toBe("0 of 0 leads");

    // The first change loads the write path.
    await dashboard.locator("body").press("n");
    const dialog = dashboard.getByRole("dialog", { name: "New lead" });
    await dialog.waitFor();
    await dialog.getByLabel("Name").fill("Jane Doe");
    await dialog.getByLabel("Phone").fill("+1 415 555 0100");
    await dialog.getByLabel("Phone").press("Enter");
    await expect.poll(() => dashboard.getByRole("dialog").count(), { timeout: 30_000 }).toBe(0);

    // The list (scored with the rules loaded on demand) and a search by phone, read as people write it.
    await dashboard.goto(`chrome-extension://${rep.extensionId}/dashboard.html#/leads`);
    await expect
      .poll(() => dashboard.getByTestId("list-count").textContent(), { timeout: 30_000 })
      .toBe("1 of 1 leads");
    expect(await dashboard.getByTestId("list-row-name").textContent()).toBe("Jane Doe");
    await dashboard.getByLabel("Search the workspace").fill("415 555 0100");
    const results = dashboard.getByTestId("search-results");
    await results.getByText("Jane Doe").waitFor({ timeout: 30_000 });
    expect(await results.textContent()).toContain("(415) 555-0100");
    await screenshot(dashboard, "shipped-pages-dashboard");

    // The worker answers a page and pushes the change (its own copy of the rules replays it).
    await expect
      .poll(
        () =>
          dashboard.evaluate(async () => {
            const state = (await chrome.runtime.sendMessage({ type: "leadpane/get-sync-state" })) as {
              pending?: number;
            } | null;
            return state?.pending ?? "no answer";
          }),
        { timeout: 60_000 },
      )
      .toBe(0);
    expect(errors).toEqual([]);
  });
});
