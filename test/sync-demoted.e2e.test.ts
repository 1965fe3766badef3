import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { apiCall, joinTeammate, signInProfile, signUpOwner, syncNow, type Joined } from "./support/sync-session.ts";

const skip = e2eSkipReason();

/**
 * A member writes offline; meanwhile an admin makes them a viewer. On reconnect the server refuses
 * the push (403, the contract) yet records the changes as processed, so the rep's queue drains,
 * the refused note disappears from their view, and the badge says what was not saved.
 */
describe.skipIf(skip)("a member demoted to viewer while offline", () => {
  let api: ApiProcess;
  let rep: Profile;
  let owner: Joined;
  let mate: Joined;

  beforeAll(async () => {
    api = await startApi();
    rep = await launchProfile();
    owner = await signUpOwner(api.url);
    mate = await joinTeammate(api.url, owner);
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  it("drains the refused changes instead of jamming the queue", async () => {
    const lead = await apiCall<{ id: string }>(api.url, "POST", "/v1/leads", owner.token, { name: "Nora Quinn", emails: ["nora@quinn.test"] });
    await signInProfile(rep, api.url, mate);
    const page = await rep.openExtensionPage(`dashboard.html#/record/lead/${lead.id}`);
    await page.getByTestId("record-panel").getByText("Nora Quinn").first().waitFor({ timeout: 20_000 });

    await rep.context.setOffline(true);
    await page.getByRole("textbox", { name: "Note" }).fill("Called from the train");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByText("Called from the train").first().waitFor();
    await expect.poll(async () => (await page.getByTestId("sync-state").textContent()) ?? "", { timeout: 20_000 }).toContain("1 pending");

    await apiCall(api.url, "PATCH", `/v1/members/${mate.member.id}`, owner.token, { role: "viewer" });
    await rep.context.setOffline(false);
    await syncNow(rep);

    const badge = page.getByTestId("sync-state");
    await expect.poll(async () => (await badge.textContent()) ?? "", { timeout: 20_000 }).toContain("1 not saved");
    expect(await badge.textContent()).not.toContain("pending");
    await expect.poll(() => page.getByText("Called from the train").count(), { timeout: 20_000 }).toBe(0);
    await page.getByTestId("read-only").waitFor({ timeout: 20_000 });
    const activities = await apiCall<{ items: Array<{ body: string }> }>(api.url, "GET", "/v1/activities?limit=200", owner.token);
    expect(activities.items.some((a) => a.body === "Called from the train")).toBe(false);
    await screenshot(page, "sync-demoted-refused");
  });
});
