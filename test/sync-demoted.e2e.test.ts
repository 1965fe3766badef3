import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { apiCall, joinTeammate, signInProfile, signUpOwner, syncNow, type Joined } from "./support/sync-session.ts";

const skip = e2eSkipReason();

/**
 * A member writes offline; meanwhile an admin makes them a viewer. On reconnect the server refuses
 * the push whole (403, the contract) and stores nothing; the browser keeps the change queued and
 * says it is not saved, turns read-only, and keeps pulling the team's work. Made a member again,
 * the queued change is saved: nothing the rep wrote is lost.
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

  it("keeps pulling while the refused change waits, and saves it once the member may write again", async () => {
    const lead = await apiCall<{ id: string }>(api.url, "POST", "/v1/leads", owner.token, {
      name: "Nora Quinn",
      emails: ["nora@quinn.test"],
    });
    await signInProfile(rep, api.url, mate);
    const page = await rep.openExtensionPage(`dashboard.html#/record/lead/${lead.id}`);
    await page.getByTestId("record-panel").getByText("Nora Quinn").first().waitFor({ timeout: 20_000 });

    await rep.context.setOffline(true);
    await page.getByRole("textbox", { name: "Note" }).fill("Called from the train");
    await page.getByRole("button", { name: "Add note" }).click();
    await page.getByText("Called from the train").first().waitFor();
    const badge = page.getByTestId("sync-state");
    await expect.poll(async () => (await badge.textContent()) ?? "", { timeout: 20_000 }).toContain("1 pending");

    await apiCall(api.url, "PATCH", `/v1/members/${mate.member.id}`, owner.token, { role: "viewer" });
    await apiCall(api.url, "POST", "/v1/leads", owner.token, { name: "Omar Reyes", emails: ["omar@reyes.test"] });
    await rep.context.setOffline(false);
    await syncNow(rep);

    await expect.poll(async () => (await badge.textContent()) ?? "", { timeout: 20_000 }).toContain("1 not saved");
    expect(await badge.textContent()).toContain("1 pending");
    await page.getByTestId("read-only").waitFor({ timeout: 20_000 });
    // The queue did not jam the pull: the teammate's new lead arrived.
    await page.goto(`chrome-extension://${rep.extensionId}/dashboard.html#/leads`);
    await page.getByText("Omar Reyes").first().waitFor({ timeout: 20_000 });
    const notes = async () =>
      (
        await apiCall<{ items: Array<{ body: string }> }>(api.url, "GET", "/v1/activities?limit=200", owner.token)
      ).items.filter((a) => a.body === "Called from the train");
    expect(await notes()).toHaveLength(0);
    await screenshot(page, "sync-demoted-waiting");

    // Made a member again: the waiting change is saved, exactly once.
    await apiCall(api.url, "PATCH", `/v1/members/${mate.member.id}`, owner.token, { role: "member" });
    await syncNow(rep);
    await expect.poll(async () => (await notes()).length, { timeout: 20_000 }).toBe(1);
    await expect.poll(async () => (await badge.textContent()) ?? "", { timeout: 20_000 }).not.toContain("pending");
  });
});
