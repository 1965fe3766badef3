import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { seriousAxeLines } from "./support/axe.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { apiCall, joinTeammate, type Joined, signInProfile, signUpOwner, syncNow } from "./support/sync-session.ts";

const skip = e2eSkipReason();

/**
 * The Trash: a teammate deletes a lead through the API; the rep finds it in the dashboard's Trash
 * (who, when, until when), restores it from the keyboard, sees it back in the leads list, and the
 * teammate's browser gets it back too.
 */
describe.skipIf(skip)("the trash: a teammate's delete, restored from the Trash view, comes back everywhere", () => {
  let api: ApiProcess;
  let alice: Profile;
  let bob: Profile;
  let owner: Joined;
  let teammate: Joined;

  beforeAll(async () => {
    api = await startApi();
    [alice, bob] = await Promise.all([launchProfile(), launchProfile()]);
    owner = await signUpOwner(api.url);
    teammate = await joinTeammate(api.url, owner);
    await signInProfile(alice, api.url, owner);
    await signInProfile(bob, api.url, teammate);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const profile of [alice, bob])
      for (const page of profile?.context.pages() ?? [])
        await screenshot(page, `failure-ui-trash-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await api?.dispose();
  });

  it("lists the deleted lead with who and when, restores it, and both browsers show it again", async () => {
    // Bob (through the API) adds two leads and a deal, then deletes one lead and the deal.
    const lead = await apiCall<{ id: string }>(api.url, "POST", "/v1/leads", teammate.token, {
      name: "Priya Natarajan",
      emails: ["priya@globex.test"],
      companyName: "Globex",
    });
    await apiCall(api.url, "POST", "/v1/leads", teammate.token, { name: "Kept Lead" });
    const deal = await apiCall<{ id: string }>(api.url, "POST", "/v1/deals", teammate.token, {
      title: "Globex renewal with a long title that has to wrap inside the trash row on a narrow screen",
    });
    for (const path of [`/v1/leads/${lead.id}`, `/v1/deals/${deal.id}`]) {
      const res = await fetch(`${api.url}${path}`, {
        method: "DELETE",
        headers: { authorization: `Bearer ${teammate.token}` },
      });
      expect(res.status).toBe(204);
    }
    await syncNow(alice);

    const trash = await alice.openExtensionPage("dashboard.html#/trash");
    await trash.getByRole("heading", { level: 1, name: "Trash" }).waitFor();
    const rows = trash.getByTestId("trash-row");
    await expect.poll(() => rows.count(), { timeout: 30_000 }).toBe(2);
    // Newest deletion first: the deal was deleted after the lead.
    expect(await rows.nth(0).textContent()).toContain("Globex renewal");
    const row = rows.nth(1);
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("Priya Natarajan");
    expect(text).toContain("Lead");
    expect(text).toContain("Deleted by Bob Rep");
    const until = new Date(Date.now() + 30 * 24 * 60 * 60 * 1000).toLocaleDateString("en-US", {
      year: "numeric",
      month: "short",
      day: "numeric",
    });
    expect(text).toContain(`Restorable until ${until}`);
    // The navigation links to it and marks it current.
    expect(
      await trash
        .getByRole("navigation", { name: "Dashboard" })
        .getByRole("link", { name: "Trash" })
        .getAttribute("aria-current"),
    ).toBe("page");
    expect(await seriousAxeLines(trash)).toEqual([]);
    await screenshot(trash, "ui-trash");
    await trash.emulateMedia({ colorScheme: "dark" });
    expect(await seriousAxeLines(trash)).toEqual([]);
    await screenshot(trash, "ui-trash-dark");
    await trash.emulateMedia({ colorScheme: "light" });
    // Narrow: the long deal title wraps; nothing in the Trash scrolls sideways.
    await trash.setViewportSize({ width: 420, height: 800 });
    const section = trash.locator("section.trash-view");
    expect(await section.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    expect(
      await rows
        .nth(0)
        .getByRole("button", { name: /^Restore deal/ })
        .isVisible(),
    ).toBe(true);
    await screenshot(trash, "ui-trash-narrow");
    await trash.setViewportSize({ width: 1200, height: 800 });

    // Keyboard only: Tab from the heading reaches Priya's Restore button; Enter restores.
    const restore = row.getByRole("button", { name: "Restore lead Priya Natarajan" });
    await trash.getByRole("heading", { level: 1, name: "Trash" }).focus();
    for (let i = 0; i < 20 && !(await restore.evaluate((el) => el === document.activeElement)); i++)
      await trash.keyboard.press("Tab");
    expect(await restore.evaluate((el) => el === document.activeElement)).toBe(true);
    await trash.keyboard.press("Enter");
    await expect.poll(() => rows.count()).toBe(1);
    await trash.getByTestId("trash-restored").waitFor();
    expect(await trash.getByTestId("trash-restored").textContent()).toContain("Restored Priya Natarajan");
    // Focus stays in the list: on the remaining row's Restore button, not lost to <body>.
    await expect.poll(() => trash.evaluate(() => document.activeElement?.textContent)).toBe("Restore");

    // The server has it back (the restore synced), and the leads list shows it.
    await expect
      .poll(
        async () =>
          (await fetch(`${api.url}/v1/leads/${lead.id}`, { headers: { authorization: `Bearer ${owner.token}` } }))
            .status,
        { timeout: 30_000 },
      )
      .toBe(200);
    await trash.getByRole("link", { name: "Leads" }).click();
    await expect
      .poll(() => trash.getByTestId("list-row-name").allTextContents(), { timeout: 20_000 })
      .toContain("Priya Natarajan");

    // Bob's browser pulls the restore: Priya is in his leads list and out of his trash.
    await syncNow(bob);
    const bobLeads = await bob.openExtensionPage("dashboard.html#/leads");
    await expect
      .poll(
        async () => {
          await syncNow(bob);
          return bobLeads.getByTestId("list-row-name").allTextContents();
        },
        { timeout: 30_000 },
      )
      .toContain("Priya Natarajan");
    const bobTrash = await bob.openExtensionPage("dashboard.html#/trash");
    await expect
      .poll(() => bobTrash.getByTestId("trash-row").allTextContents(), { timeout: 20_000 })
      .toEqual([expect.stringContaining("Globex renewal")]);

    // Restoring the last one leaves the empty state.
    await trash.goto(trash.url().replace(/#.*$/, "#/trash"));
    await trash.getByRole("button", { name: /^Restore deal Globex renewal/ }).click();
    await trash.getByTestId("trash-empty").waitFor();
    // Focus moves in an effect, after the empty state is painted: poll for it.
    await expect.poll(() => trash.evaluate(() => document.activeElement?.id)).toBe("trash-title");
    await screenshot(trash, "ui-trash-empty");
  });
});
