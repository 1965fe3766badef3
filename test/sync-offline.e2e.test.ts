import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { startSiteServer } from "./support/site-server.ts";
import {
  apiCall,
  inWorker,
  joinTeammate,
  signInProfile,
  signUpOwner,
  syncNow,
  type Joined,
} from "./support/sync-session.ts";

const skip = e2eSkipReason();

/**
 * Two reps edit the same contact while offline (different lifecycles), then reconnect one after the
 * other. Both side panels converge on the later edit without a reload (the first rep's panel is
 * poked by the server when the second pushes), and both show the overwritten value in history;
 * restoring it from the earlier values is an edit that reaches the teammate too.
 */
describe.skipIf(skip)("two reps edit the same contact offline", () => {
  let api: ApiProcess;
  let sites: Awaited<ReturnType<typeof startSiteServer>>;
  let alice: Profile;
  let bob: Profile;

  beforeAll(async () => {
    [api, sites] = await Promise.all([
      startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" }),
      startSiteServer(),
    ]);
    [alice, bob] = await Promise.all([launchProfile(), launchProfile()]);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const profile of [alice, bob])
      for (const page of profile?.context.pages() ?? [])
        await screenshot(page, `failure-sync-offline-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await Promise.all([api?.dispose(), sites?.close()]);
  });

  const pending = (profile: Profile) =>
    inWorker(
      profile,
      () =>
        (
          globalThis as unknown as { leadpaneSync: { db: { outbox: { count(): Promise<number> } } } }
        ).leadpaneSync.db.outbox.count(),
      null,
    );

  async function panelFor(profile: Profile): Promise<Page> {
    const site = await profile.context.newPage();
    await site.goto(`${sites.origin("acme")}/careers`);
    const panel = await profile.openExtensionPage(`sidepanel.html?tabId=${await profile.tabIdOf(site)}`);
    await panel.getByTestId("record-contact").waitFor({ timeout: 30_000 });
    return panel;
  }

  async function setLifecycle(panel: Page, value: string): Promise<void> {
    await panel.getByRole("toolbar", { name: "Quick actions" }).getByRole("button", { name: "Lifecycle" }).click();
    const form = panel.getByRole("form", { name: "Change lifecycle" });
    await form.getByLabel("Lifecycle").selectOption(value);
    await form.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(() => panel.getByTestId("record-contact").textContent())
      .toContain(`Contact · ${value[0]!.toUpperCase()}${value.slice(1)}`);
  }

  it("converges both side panels and keeps the overwritten value in history", async () => {
    const owner: Joined = await signUpOwner(api.url);
    const mate = await joinTeammate(api.url, owner);
    const contact = await apiCall<{ id: string }>(api.url, "POST", "/v1/contacts", owner.token, {
      name: "Jane Doe",
      emails: ["jane.doe@acme.localhost"],
    });
    await Promise.all([signInProfile(alice, api.url, owner), signInProfile(bob, api.url, mate)]);
    const [alicePanel, bobPanel] = await Promise.all([panelFor(alice), panelFor(bob)]);

    // Both offline, both edit the same field; each sees its own edit, saved locally.
    await Promise.all([alice.context.setOffline(true), bob.context.setOffline(true)]);
    await setLifecycle(alicePanel, "customer");
    await setLifecycle(bobPanel, "partner");
    expect(await pending(alice)).toBe(1);
    expect(await pending(bob)).toBe(1);
    await expect
      .poll(() => alicePanel.getByTestId("sync-state").textContent(), { timeout: 20_000 })
      .toContain("1 pending");
    await screenshot(alicePanel, "sync-offline-alice-pending");

    // Alice reconnects first, then Bob: Bob's edit is the later one and wins.
    await alice.context.setOffline(false);
    await syncNow(alice);
    await expect.poll(() => pending(alice), { timeout: 30_000 }).toBe(0);
    await bob.context.setOffline(false);
    await syncNow(bob);
    await expect.poll(() => pending(bob), { timeout: 30_000 }).toBe(0);

    // Alice's panel learns of Bob's push by the server's poke (no reload, no alarm needed).
    for (const panel of [alicePanel, bobPanel]) {
      await expect
        .poll(() => panel.getByTestId("record-contact").textContent(), { timeout: 20_000 })
        .toContain("Contact · Partner");
      await expect
        .poll(() => panel.getByRole("list", { name: "Timeline" }).textContent(), { timeout: 20_000 })
        .toContain("Lifecycle was “Customer”");
    }
    await screenshot(alicePanel, "sync-offline-alice-converged");
    await screenshot(bobPanel, "sync-offline-bob-converged");

    // The server agrees.
    const stored = await apiCall<{ lifecycle: string }>(api.url, "GET", `/v1/contacts/${contact.id}`, owner.token);
    expect(stored.lifecycle).toBe("partner");

    // Alice takes her value back from the record's earlier values: a new edit that syncs to Bob.
    await alicePanel.getByTestId("field-history").locator("summary").click();
    await alicePanel.getByRole("button", { name: "Restore Lifecycle to Customer" }).click();
    for (const panel of [alicePanel, bobPanel]) {
      await expect
        .poll(() => panel.getByTestId("record-contact").textContent(), { timeout: 20_000 })
        .toContain("Contact · Customer");
    }
    await bobPanel.getByTestId("field-history").locator("summary").click();
    await expect.poll(() => bobPanel.getByTestId("field-history").textContent()).toContain("Lifecycle was “Partner”");
    await screenshot(bobPanel, "sync-offline-bob-restored");
    expect(
      (await apiCall<{ lifecycle: string }>(api.url, "GET", `/v1/contacts/${contact.id}`, owner.token)).lifecycle,
    ).toBe("customer");
  });
});
