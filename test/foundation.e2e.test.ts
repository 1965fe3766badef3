import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { startSiteServer } from "./support/site-server.ts";

const skip = e2eSkipReason();

describe.skipIf(skip)("a lead captured in one browser reaches a teammate's side panel", () => {
  let api: ApiProcess;
  let sites: Awaited<ReturnType<typeof startSiteServer>>;
  let alice: Profile;
  let bob: Profile;

  beforeAll(async () => {
    [api, sites] = await Promise.all([startApi(), startSiteServer()]);
    [alice, bob] = await Promise.all([launchProfile(), launchProfile()]);
  });
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await Promise.all([api?.dispose(), sites?.close()]);
  });

  async function fill(page: Page, form: string, values: Record<string, string>) {
    const scope = page.getByRole("form", { name: form });
    for (const [label, value] of Object.entries(values))
      await scope.getByLabel(label, { exact: false }).first().fill(value);
    return scope;
  }

  it("signs in, captures, syncs and shows the lead with its capture to the teammate", async () => {
    // 1. Alice creates the workspace from the options page; Bob joins with her invite code.
    const aliceOptions = await alice.openExtensionPage("options.html");
    await aliceOptions.getByLabel("Server URL").fill(api.url);
    const create = await fill(aliceOptions, "Create a workspace", {
      "Workspace name": "Acme Sales",
      "Your name": "Alice Rep",
      "Work email": "alice@sales.test",
    });
    await create.getByRole("button", { name: "Create workspace" }).click();
    await aliceOptions.getByTestId("signed-in").waitFor();
    await aliceOptions.getByRole("button", { name: "Create invite code" }).click();
    const code = (await aliceOptions.getByTestId("invite-code").locator("strong").textContent())!.trim();
    expect(code).toMatch(/^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
    await screenshot(aliceOptions, "options-signed-in");

    const bobOptions = await bob.openExtensionPage("options.html");
    await bobOptions.getByLabel("Server URL").fill(api.url);
    const join = await fill(bobOptions, "Join with an invite code", {
      "Invite code": code,
      "Your name": "Bob Rep",
      "Work email": "bob@sales.test",
    });
    await join.getByRole("button", { name: "Join workspace" }).click();
    await bobOptions.getByTestId("signed-in").waitFor();
    await expect.poll(() => bobOptions.getByText("Acme Sales").count()).toBeGreaterThan(0);

    // 2. Alice opens the company page and captures from the popup, which shows the person first.
    const companyPage = await alice.context.newPage();
    await companyPage.goto(`${sites.origin("acme")}/`);
    const popup = await alice.openExtensionPage(`popup.html?tabId=${await alice.tabIdOf(companyPage)}`);
    const person = popup.getByTestId("capture-person");
    await person.first().waitFor();
    await expect.poll(() => person.count()).toBe(1);
    expect(await person.getByLabel("Name").inputValue()).toBe("Jane Doe");
    expect(await person.getByLabel("Title").inputValue()).toBe("VP of Operations");
    expect(await person.getByLabel("Email").inputValue()).toBe("jane.doe@acme.localhost");
    await screenshot(popup, "popup-capture");
    await popup.getByRole("button", { name: /^Save 1 as lead$/ }).click();
    await popup.getByTestId("capture-saved").waitFor();

    // 3. Stored locally first, then synced: the API lists it with its source.
    const token = await alice.worker.evaluate(async () => {
      const stored = await chrome.storage.local.get("leadpane.session");
      return (stored["leadpane.session"] as { token: string }).token;
    });
    const leads = async () =>
      (await (await fetch(`${api.url}/v1/leads`, { headers: { authorization: `Bearer ${token}` } })).json())
        .items as Array<Record<string, unknown>>;
    await expect.poll(async () => (await leads()).length, { timeout: 20_000 }).toBe(1);
    const [lead] = await leads();
    expect(lead).toMatchObject({
      name: "Jane Doe",
      title: "VP of Operations",
      emails: ["jane.doe@acme.localhost"],
      status: "new",
      source: { kind: "web", url: `${sites.origin("acme")}/` },
    });

    // 4. Bob opens another page of the same company: his side panel shows the lead and its capture.
    const careers = await bob.context.newPage();
    await careers.goto(`${sites.origin("acme")}/careers`);
    const panel = await bob.openExtensionPage(`sidepanel.html?tabId=${await bob.tabIdOf(careers)}`);
    const card = panel.getByTestId("record-lead");
    await card.waitFor({ timeout: 20_000 });
    expect(await card.textContent()).toContain("Jane Doe");
    const capture = panel.getByTestId("activity-capture");
    await capture.waitFor();
    const captureText = (await capture.textContent())!;
    expect(captureText).toContain("by Alice Rep");
    expect(captureText).toContain(`${sites.origin("acme")}/`);
    await screenshot(panel, "sidepanel-teammate");
  });
});
