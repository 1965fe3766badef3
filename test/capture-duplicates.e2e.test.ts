import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { startSiteServer } from "./support/site-server.ts";
import { apiCall, inWorker, signInProfile, signUpOwner, syncNow, type Joined } from "./support/sync-session.ts";

const skip = e2eSkipReason();

type Row = Record<string, unknown> & { id: string };

describe.skipIf(skip)("capturing someone already known", () => {
  let api: ApiProcess;
  let sites: Awaited<ReturnType<typeof startSiteServer>>;
  let rep: Profile;
  let owner: Joined;

  beforeAll(async () => {
    [api, sites] = await Promise.all([startApi(), startSiteServer()]);
    rep = await launchProfile();
    owner = await signUpOwner(api.url);
  });
  afterAll(async () => {
    await rep?.close();
    await Promise.all([api?.dispose(), sites?.close()]);
  });

  const list = async (type: string) =>
    (await apiCall<{ items: Row[] }>(api.url, "GET", `/v1/${type}?limit=200`, owner.token)).items;

  async function openPopup() {
    const page = await rep.context.newPage();
    await page.goto(`${sites.origin("acme")}/`);
    const popup = await rep.openExtensionPage(`popup.html?tabId=${await rep.tabIdOf(page)}`);
    await popup.getByTestId("capture-person").first().waitFor();
    return popup;
  }

  it("explains the match, updates the existing lead, keeps what the page says differently unless taken", async () => {
    const jane = await apiCall<Row>(api.url, "POST", "/v1/leads", owner.token, {
      name: "Jane Doe",
      emails: ["jane.doe@acme.localhost"],
      title: "Director of Operations",
    });
    await signInProfile(rep, api.url, owner);
    const popup = await openPopup();
    const review = popup.getByTestId("capture-duplicate");
    await review.waitFor({ timeout: 20_000 });
    expect(await review.getByTestId("capture-match-reason").first().textContent()).toBe("Same email as Jane Doe, lead");
    expect(await review.getByLabel("Update Jane Doe (lead)").isChecked()).toBe(true);
    const take = review.getByLabel("Use title “VP of Operations” instead of “Director of Operations”");
    expect(await take.isChecked()).toBe(false);
    await screenshot(popup, "capture-duplicate-review");
    await popup.getByRole("button", { name: "Update 1 existing record" }).click();
    await popup.getByTestId("capture-saved").waitFor();

    // No twin; the title stays; the capture says what the page said.
    await expect
      .poll(async () => (await list("activities")).filter((a) => a.type === "capture").length, { timeout: 20_000 })
      .toBe(2);
    expect((await list("leads")).map((l) => l.id)).toEqual([jane.id]);
    expect((await list("leads"))[0]!.title).toBe("Director of Operations");
    // One capture on the lead, one on the page's company (saved with it since issue 13).
    const [capture] = (await list("activities")).filter(
      (a) => a.type === "capture" && (a.subject as { type: string }).type === "lead",
    );
    expect(capture!.subject).toEqual({ type: "lead", id: jane.id });
    expect(String(capture!.body)).toContain("Kept: title Director of Operations (the page says VP of Operations)");

    // Capturing again and taking the page's title changes it (the old one goes to history).
    const again = await openPopup();
    await again
      .getByTestId("capture-duplicate")
      .getByLabel("Use title “VP of Operations” instead of “Director of Operations”")
      .check();
    await again.getByRole("button", { name: "Update 1 existing record" }).click();
    await again.getByTestId("capture-saved").waitFor();
    await expect.poll(async () => (await list("leads"))[0]!.title, { timeout: 20_000 }).toBe("VP of Operations");
    expect(await list("leads")).toHaveLength(1);
  });

  it("offers a new lead at a company already known by its domain, or keeping it separate", async () => {
    const leads = await list("leads");
    for (const lead of leads)
      await fetch(`${api.url}/v1/leads/${lead.id}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${owner.token}` },
      });
    // The earlier captures saved the page's company; a company is known by its domain, once.
    const acme =
      (await list("companies")).find((c) => c.domain === "acme.localhost") ??
      (await apiCall<Row>(api.url, "POST", "/v1/companies", owner.token, {
        name: "Acme Robotics",
        domain: "acme.localhost",
      }));
    // The popup matches against this browser's copy, read once as it opens: wait until that copy
    // has pulled the deletions and the company (a poke usually brings them first; not always).
    await syncNow(rep);
    type Store = { recordsOfType(type: string): Promise<Row[]> };
    const localCopyCurrent = () =>
      inWorker(
        rep,
        async () => {
          const store = (globalThis as unknown as { leadpaneSync: Store }).leadpaneSync;
          const live = async (type: string) => (await store.recordsOfType(type)).filter((r) => !r.deleted).length;
          return (await live("lead")) === 0 && (await live("company")) === 1;
        },
        null,
      );
    await expect.poll(localCopyCurrent, { timeout: 20_000 }).toBe(true);
    const popup = await openPopup();
    const review = popup.getByTestId("capture-duplicate");
    await expect
      .poll(
        async () => (await review.count()) && (await review.getByTestId("capture-match-reason").first().textContent()),
        { timeout: 20_000 },
      )
      .toBe("Same domain and same company name as Acme Robotics, company");
    expect(await review.getByLabel("New lead at Acme Robotics").isChecked()).toBe(true);
    await popup.getByRole("button", { name: "Save 1 as lead" }).click();
    await popup.getByTestId("capture-saved").waitFor();
    await expect.poll(async () => (await list("leads")).length, { timeout: 20_000 }).toBe(1);
    expect((await list("leads"))[0]).toMatchObject({
      name: "Jane Doe",
      companyId: acme.id,
      companyName: "Acme Robotics",
    });
  });
});
