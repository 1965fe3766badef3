import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { createWorkspace } from "./support/capture-helpers.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";

const skip = e2eSkipReason();

describe.skipIf(skip)("workspace settings in the options page", () => {
  let api: ApiProcess;
  let owner: Profile;

  beforeAll(async () => {
    api = await startApi();
    owner = await launchProfile();
  });
  afterAll(async () => {
    await owner?.close();
    await api?.dispose();
  });

  it("lets the owner change region, currency and pipeline for the whole team", async () => {
    const token = await createWorkspace(owner, api.url, {
      workspace: "Berlin Sales",
      name: "Olga Owner",
      email: "olga@sales.test",
    });
    const settingsOnServer = async () =>
      (await (
        await fetch(`${api.url}/v1/workspace/settings`, { headers: { authorization: `Bearer ${token}` } })
      ).json()) as {
        defaultRegion: string;
        currency: string;
        pipeline: Array<{ key: string; label: string; probability: number }>;
      };
    // A deal in "discovery" keeps that stage from being removed.
    await fetch(`${api.url}/v1/deals`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ title: "Pilot", stage: "discovery", amount: 500_000, currency: "USD" }),
    });

    const page = await owner.openExtensionPage("options.html");
    const card = page.getByTestId("workspace-settings");
    await card.waitFor();
    await card.getByLabel("Default phone region (ISO country)").fill("DE");
    await card.getByLabel("Currency (ISO 4217)").fill("EUR");
    await card.getByRole("button", { name: "Add stage" }).click();
    const stages = card.getByTestId("pipeline-stage");
    await expect.poll(() => stages.count()).toBe(7);
    await card.getByLabel("Stage 5 name").fill("Legal review");
    await card.getByLabel("Stage 5 win probability (%)").fill("85");
    await card.getByRole("button", { name: "Save settings" }).click();
    await card.getByText("Saved for the whole team.").waitFor();
    const saved = await settingsOnServer();
    expect(saved).toMatchObject({ defaultRegion: "DE", currency: "EUR" });
    expect(saved.pipeline.map((s) => s.label)).toEqual([
      "Qualification",
      "Discovery",
      "Proposal",
      "Negotiation",
      "Legal review",
      "Won",
      "Lost",
    ]);
    expect(saved.pipeline[4]!.probability).toBeCloseTo(0.85);
    await screenshot(page, "ui-settings-workspace");

    // Removing a stage that holds a deal is refused with the server's reason, and nothing changes.
    await card.getByRole("button", { name: "Remove Discovery" }).click();
    await card.getByRole("button", { name: "Save settings" }).click();
    const alert = card.getByRole("alert");
    await alert.waitFor();
    expect(await alert.textContent()).toContain("discovery");
    expect((await settingsOnServer()).pipeline.some((s) => s.key === "discovery")).toBe(true);
  });
});
