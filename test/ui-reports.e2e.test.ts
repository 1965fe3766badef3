import { readFileSync } from "node:fs";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { quarterOf, weekOf } from "@leadpane/domain/reports";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { seriousAxeFindings } from "./support/axe.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { apiCall, joinTeammate, type Joined, signInProfile, signUpOwner, syncNow } from "./support/sync-session.ts";

const skip = e2eSkipReason();

/**
 * The Reports view: a team's leads, deals, notes and tasks made over HTTP; the rep opens Reports,
 * reads the funnel (the same numbers the API answers), clicks a funnel step through to its leads,
 * downloads CSVs, and the view reads well in both themes and offline.
 */
describe.skipIf(skip)("the Reports view: funnel, click-through, CSV, both themes", () => {
  let api: ApiProcess;
  let alice: Profile;
  let owner: Joined;
  let bob: Joined;

  beforeAll(async () => {
    api = await startApi();
    alice = await launchProfile();
    owner = await signUpOwner(api.url);
    bob = await joinTeammate(api.url, owner);
    await signInProfile(alice, api.url, owner);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const page of alice?.context.pages() ?? [])
      await screenshot(page, `failure-ui-reports-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await alice?.close();
    await api?.dispose();
  });

  async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([page.waitForEvent("download"), click()]);
    return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, "utf8") };
  }

  it("shows the funnel, lists a step's leads, downloads CSVs, in both themes and offline", async () => {
    const call = <T>(method: string, path: string, body?: unknown, token = owner.token) =>
      apiCall<T>(api.url, method, path, token, body);
    const lead = async (name: string, kind: string, ownerId: string | null, token = owner.token) =>
      (await call<{ id: string }>("POST", "/v1/leads", { name, source: { kind }, ownerId }, token)).id;
    const move = (id: string, status: string, extra: Record<string, unknown> = {}) =>
      call("PATCH", `/v1/leads/${id}`, { status, ...extra });
    const ada = await lead("Ada Lovelace", "web", owner.member.id);
    await move(ada, "working");
    await move(ada, "qualified");
    await call("POST", `/v1/leads/${ada}/convert`, { deal: { title: "Ada's analytical engine", amount: 1_250_000 } });
    const bea = await lead("Bea Qualified", "web", owner.member.id);
    await move(bea, "qualified");
    const cy = await lead("Cy Unqualified", "email", bob.member.id);
    await move(cy, "working");
    // A reason a spreadsheet would run as a formula: the CSV must not.
    await move(cy, "unqualified", { unqualifiedReason: "=No budget" });
    await lead("Di Imported", "import", null);
    const eve = await lead("Eve Working", "manual", bob.member.id, bob.token);
    await move(eve, "working");
    const quarterEnd = new Date(
      Date.UTC(new Date().getUTCFullYear(), Math.floor(new Date().getUTCMonth() / 3) * 3 + 3, 0),
    );
    await call("POST", "/v1/deals", {
      title: "Globex renewal",
      stage: "proposal",
      amount: 400_000,
      expectedCloseAt: quarterEnd.toISOString(),
    });
    await call("POST", "/v1/deals", {
      title: "Initech pilot",
      stage: "negotiation",
      amount: 300_000,
      expectedCloseAt: quarterEnd.toISOString(),
    });
    await call("POST", "/v1/deals", { title: "Hooli upsell", stage: "won", amount: 200_000 });
    await call("POST", "/v1/deals", { title: "Umbrella bid", stage: "lost", amount: 900_000 });
    const now = new Date().toISOString();
    for (const type of ["note", "call", "email"])
      await call("POST", "/v1/activities", {
        type,
        subject: { type: "lead", id: bea },
        body: `${type} about Bea`,
        occurredAt: now,
        authorId: owner.member.id,
      });
    await call("POST", "/v1/tasks", {
      title: "Call Cy back",
      dueAt: "2026-01-02T09:00:00.000Z",
      assigneeId: bob.member.id,
      subject: { type: "lead", id: cy },
    });
    await syncNow(alice);

    const page = await alice.openExtensionPage("dashboard.html#/reports");
    await page.getByRole("heading", { level: 1, name: "Reports" }).waitFor();
    expect(
      await page
        .getByRole("navigation", { name: "Dashboard" })
        .getByRole("link", { name: "Reports" })
        .getAttribute("aria-current"),
    ).toBe("page");
    const funnel = page.getByTestId("report-lead-funnel");
    await funnel.getByRole("button", { name: "Show table" }).click();
    const rows = funnel.locator("tbody tr");
    const texts = () => rows.allInnerTexts().then((all) => all.map((t) => t.replace(/\s+/g, " ").trim()));
    // In order: all five were new; Ada, Cy and Eve worked; only Ada was qualified, then converted.
    await expect
      .poll(texts, { timeout: 30_000 })
      .toEqual(["New 5 – 100 % 0", "Working 3 60 % 60 % 2", "Qualified 1 33.3 % 20 % 2", "Converted 1 100 % 20 % 0"]);
    // The same numbers as the API's.
    const today = now.slice(0, 10);
    const from = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
    const served = await call<{ inOrder: Array<{ count: number }>; anyTime: Array<{ count: number }> }>(
      "GET",
      `/v1/reports/lead-funnel?from=${from}&to=${today}`,
    );
    expect(served.inOrder.map((s) => s.count)).toEqual([5, 3, 1, 1]);
    await funnel.getByRole("button", { name: "Reached at any time" }).click();
    await expect
      .poll(texts)
      .toEqual(["New 5 – 100 % 0", "Working 3 60 % 60 % 2", "Qualified 2 66.7 % 40 % 1", "Converted 1 50 % 20 % 1"]);
    expect(served.anyTime.map((s) => s.count)).toEqual([5, 3, 2, 1]);
    await funnel.getByRole("button", { name: "In order" }).click();

    // A click on the chart's "Working" bar lists the leads behind it.
    const canvas = page.getByTestId("chart-lead-funnel");
    await expect.poll(() => canvas.getAttribute("data-bars")).not.toBeNull();
    const bars = JSON.parse((await canvas.getAttribute("data-bars"))!) as number[][][];
    const [x, y] = bars[0]![1]!;
    await canvas.click({ position: { x: x!, y: y! } });
    const behind = page.getByTestId("records-behind");
    await expect.poll(() => behind.getByRole("heading").textContent()).toBe("Lead funnel: Working (3)");
    await expect
      .poll(() =>
        behind
          .getByRole("link")
          .allInnerTexts()
          .then((names) => names.sort()),
      )
      .toEqual(["Ada Lovelace", "Cy Unqualified", "Eve Working"]);
    // The table's figure does the same from the keyboard.
    await funnel.getByRole("button", { name: /^1: list the 1 records behind Qualified/ }).press("Enter");
    await expect.poll(() => behind.getByRole("link").allInnerTexts()).toEqual(["Ada Lovelace"]);

    // CSV downloads: the funnel as its table shows it, and a formula-like reason made harmless.
    const csv = await download(page, () => funnel.getByRole("button", { name: "Download CSV" }).click());
    expect(csv.name).toBe("leadpane-lead-funnel.csv");
    expect(csv.text).toBe(
      "Status,Leads,From previous step,Cumulative,Drop-off\r\nNew,5,–,100 %,0\r\nWorking,3,60 %,60 %,2\r\nQualified,1,33.3 %,20 %,2\r\nConverted,1,100 %,20 %,0",
    );
    const reasons = await download(page, () =>
      page.getByTestId("report-unqualified-reasons").getByRole("button", { name: "Download CSV" }).click(),
    );
    expect(reasons.text).toBe(`Reason,Leads\r\n"'=No budget",1`);

    // Other reports from the same records: the pipeline, the forecast and the team's activity.
    const tableOf = async (key: string) => {
      const card = page.getByTestId(`report-${key}`);
      await card.getByRole("button", { name: "Show table" }).click();
      return card
        .locator("tbody tr")
        .allInnerTexts()
        .then((all) => all.map((t) => t.replace(/\s+/g, " ").trim()));
    };
    expect(await tableOf("pipeline")).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Proposal \$4,000 \$2,000 1$/),
        expect.stringMatching(/^Negotiation \$3,000 \$2,250 1$/),
      ]),
    );
    expect(await tableOf("forecast")).toEqual([
      "Closed won $2,000",
      "Commit $5,000",
      "Best case $9,000",
      "Weighted $6,250",
    ]);
    expect(await tableOf("overdue")).toEqual(["Bob Rep 1"]);
    // This week's forecast, kept by the server, beside what closed won.
    expect(await tableOf("forecast-vs-actual")).toEqual([
      `${weekOf(now)} $6,250 $5,000 $2,000 ${quarterOf(now).label}`,
    ]);
    expect(await tableOf("conversion-by-rep")).toEqual([
      "Alice Rep 2 1 50 % 0",
      "Bob Rep 2 0 0 % –",
      "Nobody 1 0 0 % –",
    ]);
    expect(await tableOf("win-loss")).toEqual([expect.stringMatching(/^\d{4}-\d{2} 1 1 50 %$/)]);

    expect(await seriousAxeFindings(page)).toEqual([]);
    // Tall enough that the whole view shows at once (the dashboard's main area scrolls on its own).
    await page.setViewportSize({ width: 1280, height: 3400 });
    await page.locator("#main").evaluate((main) => main.scrollTo(0, 0));
    await screenshot(page, "ui-reports");
    await page.emulateMedia({ colorScheme: "dark" });
    expect(await seriousAxeFindings(page)).toEqual([]);
    await screenshot(page, "ui-reports-dark");
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 1200, height: 800 });

    // Offline: the reports come from the local copy.
    await alice.context.setOffline(true);
    await page.reload();
    const again = page.getByTestId("report-lead-funnel");
    await again.getByRole("button", { name: "Show table" }).click();
    await expect.poll(() => again.locator("tbody tr").first().textContent()).toMatch(/^New\s*5\b/);
    // The weekly snapshots live on the server: the view says so instead of failing.
    await page.getByTestId("snapshots-offline").waitFor();
    await alice.context.setOffline(false);

    // The click-through leads to the record's page.
    await page.getByTestId("report-conversion-by-source").getByRole("button", { name: "Show table" }).click();
    await page
      .getByTestId("report-conversion-by-source")
      .getByRole("button", { name: /^1: list the 1 records behind Web, Converted/ })
      .click();
    await page.getByTestId("records-behind").getByRole("link", { name: "Ada Lovelace" }).click();
    await expect.poll(() => page.url()).toContain(`#/record/lead/${ada}`);
  });
});
