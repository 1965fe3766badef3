import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { apiList, createWorkspace, fixture, openAt, serveAt, setBlockedSites } from "./support/capture-helpers.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";

const skip = e2eSkipReason();
const TEAM_URL = "https://www.example-robotics.com/team";
const PROFILE_URL = "https://www.linkedin.com/in/priya-raman-4b1a2c3/";

describe.skipIf(skip)("capture from web pages served at their real addresses", () => {
  let api: ApiProcess;
  let rep: Profile;
  let token: string;

  beforeAll(async () => {
    [api, rep] = await Promise.all([startApi(), launchProfile()]);
    await serveAt(rep.context, "https://www.example-robotics.com/**", () => fixture("example-robotics-team.html"));
    await serveAt(rep.context, "https://www.linkedin.com/**", () => fixture("linkedin-profile.html"));
    token = await createWorkspace(rep, api.url, {
      workspace: "Seller Systems",
      name: "Sam Seller",
      email: "sam@sales.test",
    });
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  it("team page: lists every person with title, multi-select, one save reaches the API", async () => {
    const { tabId } = await openAt(rep, TEAM_URL);
    const popup = await rep.openExtensionPage(`popup.html?tabId=${tabId}`);
    const people = popup.getByTestId("capture-person");
    await people.first().waitFor();
    await expect.poll(() => people.count()).toBe(4);
    const names = await people.evaluateAll((cards) =>
      cards.map((c) => (c.querySelector("input:not([type=checkbox])") as HTMLInputElement).value),
    );
    expect(names).toEqual(["Maria Alvarez", "Kenji Watanabe", "Aisha Okafor", "Lars Nilsson"]);
    expect(await people.nth(2).getByLabel("Title").inputValue()).toBe("VP of Sales");
    expect(await people.nth(2).getByLabel("Company").inputValue()).toBe("Example Robotics");
    expect(await popup.getByText("Example Robotics", { exact: true }).count()).toBeGreaterThan(0);

    // Keep three of the four: one save.
    await popup.getByRole("checkbox", { name: "Save Lars Nilsson" }).uncheck();
    await screenshot(popup, "capture-team-page");
    await popup.getByRole("button", { name: /^Save 3 as leads$/ }).click();
    await popup.getByTestId("capture-saved").waitFor();

    await expect.poll(async () => (await apiList(api.url, token, "leads")).length, { timeout: 20_000 }).toBe(3);
    const leads = await apiList(api.url, token, "leads");
    const kenji = leads.find((l) => l.name === "Kenji Watanabe");
    expect(kenji).toMatchObject({
      title: "Chief Technology Officer",
      companyName: "Example Robotics",
      emails: ["kenji.watanabe@example-robotics.com"],
      source: { kind: "web", url: TEAM_URL },
    });
    expect(kenji?.urls).toContain("https://www.linkedin.com/in/kenjiwatanabe");
    expect(leads.map((l) => l.name)).not.toContain("Lars Nilsson");
    await popup.close();
  });

  it("profile page: name, headline title and current company", async () => {
    const { tabId } = await openAt(rep, PROFILE_URL);
    const popup = await rep.openExtensionPage(`popup.html?tabId=${tabId}`);
    const person = popup.getByTestId("capture-person");
    await person.first().waitFor();
    await expect.poll(() => person.count()).toBe(1);
    expect(await person.getByLabel("Name").inputValue()).toBe("Priya Raman");
    expect(await person.getByLabel("Title").inputValue()).toBe("Head of Growth");
    expect(await person.getByLabel("Company").inputValue()).toBe("Globex Logistics");
    await screenshot(popup, "capture-profile-page");
    await popup.getByRole("button", { name: /^Save 1 as lead$/ }).click();
    await popup.getByTestId("capture-saved").waitFor();
    await expect
      .poll(async () => (await apiList(api.url, token, "leads")).some((l) => l.name === "Priya Raman"), {
        timeout: 20_000,
      })
      .toBe(true);
    const priya = (await apiList(api.url, token, "leads")).find((l) => l.name === "Priya Raman")!;
    expect(priya.urls).toContain("https://www.linkedin.com/in/priya-raman-4b1a2c3");
    // A social network is never the lead's company website.
    expect(priya.website ?? null).toBeNull();
    await popup.close();
  });

  it("never-capture list: a listed site is not read at all", async () => {
    await setBlockedSites(rep, ["linkedin.com"]);
    try {
      const { tabId } = await openAt(rep, PROFILE_URL);
      const popup = await rep.openExtensionPage(`popup.html?tabId=${tabId}`);
      await popup.getByText(/Capture is turned off/).waitFor();
      expect(await popup.getByTestId("capture-person").count()).toBe(0);
      await popup.close();
    } finally {
      await setBlockedSites(rep, []);
    }
  });
});
