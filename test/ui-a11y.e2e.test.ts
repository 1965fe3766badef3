import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { type AxeFinding, seriousAxeFindings } from "./support/axe.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { serveAt } from "./support/capture-helpers.ts";
import { startSiteServer } from "./support/site-server.ts";

const skip = e2eSkipReason();

/**
 * Every view through axe-core, in the light and the dark theme: no serious or critical finding
 * (contrast included), an <h1> on each. The workspace holds a lead, a contact, a deal and a task so
 * that lists, board and record pages are drawn with content, not only their empty states.
 */
describe.skipIf(skip)("accessibility of every view", () => {
  let api: ApiProcess;
  let sites: Awaited<ReturnType<typeof startSiteServer>>;
  let alice: Profile;

  beforeAll(async () => {
    [api, sites] = await Promise.all([startApi(), startSiteServer()]);
    alice = await launchProfile();
  });
  afterAll(async () => {
    await alice?.close();
    await Promise.all([api?.dispose(), sites?.close()]);
  });

  const findings: Array<AxeFinding & { view: string }> = [];
  const missingHeadings: string[] = [];

  /** axe in both themes, plus the one-<h1> check; a screenshot of each for review. */
  async function scan(page: Page, view: string): Promise<void> {
    for (const theme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: theme });
      for (const f of await seriousAxeFindings(page)) findings.push({ view: `${view} (${theme})`, ...f });
    }
    await page.emulateMedia({ colorScheme: "light" });
    if ((await page.locator("h1").count()) !== 1) missingHeadings.push(view);
    await screenshot(page, `a11y-${view}`);
  }

  let signedIn: Promise<void> | null = null;
  /** Alice's workspace, created once by whichever test runs first. */
  function ensureSignedIn(): Promise<void> {
    signedIn ??= (async () => {
      const options = await alice.openExtensionPage("options.html");
      await options.getByLabel("Server URL").fill(api.url);
      const create = options.getByRole("form", { name: "Create a workspace" });
      await create.getByLabel("Workspace name").fill("Acme Sales");
      await create.getByLabel("Your name").fill("Alice Rep");
      await create.getByLabel("Work email").fill("alice@sales.test");
      await create.getByRole("button", { name: "Create workspace" }).click();
      await options.getByTestId("signed-in").waitFor();
      await options.getByTestId("workspace-settings").waitFor({ timeout: 20_000 });
      await options.close();
    })();
    return signedIn;
  }

  it("has no serious or critical axe finding and one <h1> on any view, light or dark", async () => {
    const options = await alice.openExtensionPage("options.html");
    await scan(options, "options-signed-out");
    await ensureSignedIn();
    await options.reload();
    await options.getByTestId("workspace-settings").waitFor({ timeout: 20_000 });
    await scan(options, "options");

    const site = await alice.context.newPage();
    await site.goto(`${sites.origin("acme")}/`);
    const tabId = await alice.tabIdOf(site);
    const popup = await alice.openExtensionPage(`popup.html?tabId=${tabId}`);
    await popup.getByTestId("capture-person").first().waitFor();
    await scan(popup, "popup");
    await popup.getByRole("button", { name: /^Save 1 as lead$/ }).click();
    await popup.getByTestId("capture-saved").waitFor();

    const panel = await alice.openExtensionPage(`sidepanel.html?tabId=${tabId}`);
    await panel.getByTestId("record-lead").waitFor({ timeout: 20_000 });
    await panel.setViewportSize({ width: 360, height: 800 });
    await scan(panel, "sidepanel-lead");
    await panel.getByRole("button", { name: "Convert" }).click();
    const convert = panel.getByRole("form", { name: "Convert lead" });
    await convert.getByLabel("Also create a deal").check();
    await convert.getByLabel("Deal title").fill("Acme rollout");
    await convert.getByLabel("Amount").fill("12000");
    await convert.getByRole("button", { name: "Convert to contact" }).click();
    await panel.getByTestId("record-contact").waitFor();
    await scan(panel, "sidepanel-contact");

    const dash = await alice.openExtensionPage("dashboard.html#/leads");
    const views = ["leads", "contacts", "companies", "deals", "tasks", "reports", "trash", "audit", "privacy"];
    for (const view of views) {
      await dash.goto(dash.url().replace(/#.*$/, `#/${view}`));
      await dash.locator("#main").waitFor();
      // Lists fill from the local store a moment after the route changes.
      await dash.waitForTimeout(300);
      await scan(dash, `dashboard-${view}`);
    }
    await dash.goto(dash.url().replace(/#.*$/, "#/contacts"));
    await dash.getByTestId("list-row-name").first().waitFor();
    await dash.getByTestId("list-row-name").first().click();
    await dash.getByTestId("record-contact").waitFor();
    await scan(dash, "dashboard-record");

    expect(findings, "serious or critical axe findings").toEqual([]);
    expect(missingHeadings, "views without exactly one <h1>").toEqual([]);
  });

  /** What has focus, in words a failure message can show ("BUTTON Status", "BODY"). */
  async function focused(page: Page): Promise<string> {
    return page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return "BODY";
      const name = el.getAttribute("aria-label") ?? el.textContent?.trim().slice(0, 40) ?? "";
      return `${el.tagName} ${name}`.trim();
    });
  }

  it("runs capture → note → status → convert → move a deal from the keyboard without losing focus", async () => {
    await ensureSignedIn();
    // A team page of our own, at its real address: two people, so the side panel offers a choice.
    await serveAt(
      alice.context,
      "https://www.northwind-labs.example/**",
      () => `<!doctype html><html lang="en"><head><title>Team · Northwind Labs</title></head><body>
      <nav><a href="/">Home</a> <a href="/team">Team</a></nav>
      <h1>Our team</h1>
      <section class="team">
        <div class="member"><h3>Priya Raman</h3><p>VP of Engineering</p>
          <a href="mailto:priya.raman@northwind-labs.example">priya.raman@northwind-labs.example</a></div>
        <div class="member"><h3>Tomás Ortega</h3><p>Head of Procurement</p>
          <a href="mailto:tomas.ortega@northwind-labs.example">tomas.ortega@northwind-labs.example</a></div>
      </section>
      <footer>© Northwind Labs</footer></body></html>`,
    );
    const site = await alice.context.newPage();
    await site.goto("https://www.northwind-labs.example/team");
    const tabId = await alice.tabIdOf(site);

    // Capture: the Save button, pressed with Enter.
    const popup = await alice.openExtensionPage(`popup.html?tabId=${tabId}`);
    await expect.poll(() => popup.getByTestId("capture-person").count(), { timeout: 20_000 }).toBe(2);
    await popup.getByRole("button", { name: /^Save 2 as leads$/ }).focus();
    await popup.keyboard.press("Enter");
    await popup.getByTestId("capture-saved").waitFor();
    expect(await focused(popup), "focus after saving a capture").not.toBe("BODY");

    // The side panel: the tabs are one Tab stop; arrows choose the record.
    const panel = await alice.openExtensionPage(`sidepanel.html?tabId=${tabId}`);
    await panel.setViewportSize({ width: 360, height: 800 });
    const tabs = panel.getByRole("tab");
    await expect.poll(() => tabs.count(), { timeout: 20_000 }).toBe(2);
    await panel.getByRole("tab", { selected: true }).focus();
    const selectedName = async () => (await panel.getByRole("tab", { selected: true }).textContent()) ?? "";
    // Arrows move the choice (wrapping), and focus moves with it; two people, so at most two presses.
    for (let press = 0; press < 2 && !(await selectedName()).includes("Tomás Ortega"); press++) {
      const before = await selectedName();
      await panel.keyboard.press("ArrowRight");
      await expect.poll(selectedName).not.toBe(before);
      expect(await focused(panel)).toBe(`BUTTON ${await selectedName()}`);
    }
    expect(await selectedName()).toContain("Tomás Ortega");
    expect(await panel.getByRole("tabpanel").getByTestId("record-lead").getAttribute("aria-label")).toContain(
      "Tomás Ortega",
    );

    // "Import .eml" is a file input styled as a button: still a Tab stop.
    await panel.getByLabel("Search the workspace").focus();
    let reached = false;
    for (let i = 0; i < 8 && !reached; i++) {
      await panel.keyboard.press("Tab");
      reached = await panel.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type === "file");
    }
    expect(reached, "Import .eml reachable with Tab from the search box").toBe(true);

    // A note, with Enter on its button.
    await panel.getByLabel("Note", { exact: true }).focus();
    await panel.keyboard.type("Asked for the security questionnaire.");
    await panel.getByRole("button", { name: "Add note" }).focus();
    await panel.keyboard.press("Enter");
    await expect.poll(() => panel.getByTestId("activity-note").textContent()).toContain("security questionnaire");
    expect(await focused(panel), "focus after adding a note").not.toBe("BODY");

    // Status: the form opens from the keyboard and closes back onto its button.
    await panel.getByRole("button", { name: "Status" }).focus();
    await panel.keyboard.press("Enter");
    const statusForm = panel.getByRole("form", { name: "Change status" });
    await statusForm.getByLabel("New status").focus();
    await statusForm.getByLabel("New status").selectOption("qualified");
    await statusForm.getByRole("button", { name: "Set status" }).focus();
    await panel.keyboard.press("Enter");
    await expect.poll(() => panel.getByTestId("record-status").first().textContent()).toContain("Qualified");
    await expect.poll(() => focused(panel), { message: "focus after a status change" }).toBe("BUTTON Status");
    // The status change may re-order the tabs; the chosen record stays Tomás.
    expect(await panel.getByRole("tabpanel").getByTestId("record-lead").getAttribute("aria-label")).toContain(
      "Tomás Ortega",
    );
    await screenshot(panel, "a11y-keyboard-status");

    // Convert with a deal: it lands on Tomás, and focus goes to what the conversion made.
    await panel.getByRole("button", { name: "Convert" }).focus();
    await panel.keyboard.press("Enter");
    const convert = panel.getByRole("form", { name: "Convert lead" });
    await convert.getByLabel("Also create a deal").focus();
    await panel.keyboard.press("Space");
    await convert.getByLabel("Deal title").fill("Northwind pilot");
    await convert.getByLabel("Amount").fill("19200");
    await convert.getByRole("button", { name: "Convert to contact" }).focus();
    await panel.keyboard.press("Enter");
    await expect
      .poll(() => focused(panel), { message: "focus after converting", timeout: 10_000 })
      .toMatch(/^(ARTICLE contact Tomás Ortega|P Converted)/);
    await screenshot(panel, "a11y-keyboard-converted");
    // The conversion landed on the chosen person, not on whoever took that tab's place.
    const token = await alice.worker.evaluate(async () => {
      const stored = await chrome.storage.local.get("leadpane.session");
      return (stored["leadpane.session"] as { token: string }).token;
    });
    const names = async (path: string) => {
      const res = await fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items: Array<{ name?: string; status?: string }> };
      return body.items.map((r) => `${r.name}:${r.status ?? ""}`).sort();
    };
    await expect.poll(() => names("/v1/contacts"), { timeout: 20_000 }).toContain("Tomás Ortega:");
    expect(await names("/v1/leads")).toEqual(expect.arrayContaining(["Priya Raman:new", "Tomás Ortega:converted"]));

    // The board: Alt+→ twice keeps the card focused and moving; the stage chooser moves only on Move.
    const board = await alice.openExtensionPage("dashboard.html#/deals");
    const card = () => board.locator('[data-testid="deal-card"]', { hasText: "Northwind pilot" });
    await board.getByTestId("stage-qualification").getByTestId("deal-card").filter({ hasText: "Northwind" }).waitFor();
    await card().focus();
    await board.keyboard.press("Alt+ArrowRight");
    await board.getByTestId("stage-discovery").getByTestId("deal-card").waitFor();
    await expect.poll(() => focused(board), { message: "focus after Alt+→" }).toContain("Northwind pilot");
    await board.keyboard.press("Alt+ArrowRight");
    await board.getByTestId("stage-proposal").getByTestId("deal-card").waitFor();
    await expect.poll(() => focused(board), { message: "focus after a second Alt+→" }).toContain("in Proposal");
    const chooser = card().getByLabel("Stage for Northwind pilot");
    await chooser.focus();
    await board.keyboard.press("ArrowDown");
    await board.keyboard.press("ArrowDown");
    await board.waitForTimeout(500);
    expect(await board.getByTestId("stage-proposal").textContent(), "arrowing through stages moves nothing").toContain(
      "Northwind pilot",
    );
    const target = await chooser.inputValue();
    expect(target).not.toBe("proposal");
    await card().getByRole("button", { name: "Move" }).focus();
    await board.keyboard.press("Enter");
    await board.getByTestId(`stage-${target}`).getByTestId("deal-card").waitFor();
    await expect.poll(() => focused(board), { message: "focus after Move" }).toContain("Northwind pilot");
    await screenshot(board, "a11y-keyboard-board");
  });
});
