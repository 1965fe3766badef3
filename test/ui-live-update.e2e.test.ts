import { randomUUID } from "node:crypto";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, panelWithRecord, screenshot, type Profile } from "./support/extension.ts";
import { apiCall, inWorker, signInProfile, signUpOwner, syncNow, type Joined } from "./support/sync-session.ts";

const skip = e2eSkipReason();

/**
 * A teammate's change reaches the open views in place: the list patches the changed rows into its
 * sorted, filtered rows and the board moves the one card, neither reading everything again.
 */
describe.skipIf(skip)("open views take a teammate's change in place", () => {
  let api: ApiProcess;
  let rep: Profile;
  let owner: Joined;
  // The teammate's browser: another client pushing through the sync protocol.
  const clientId = randomUUID();
  let nextMutation = 1;
  const push = (mutations: Array<{ name: string; args: unknown }>) =>
    apiCall<{ results: Array<{ status: string }> }>(api.url, "POST", "/v1/sync/push", owner.token, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: mutations.map((m) => ({
        ...m,
        id: nextMutation++,
        hlc: formatHlc({ wall: Date.now() + nextMutation, counter: 0, node: clientId }),
      })),
    });
  const leads = ["Amy Archer", "Ben Brook", "Cleo Cruz", "Dan Dale", "Eve East"].map((name) => ({
    id: randomUUID(),
    name,
  }));
  const deals = [
    { id: randomUUID(), title: "Small deal", stage: "qualification", amount: 1000 },
    { id: randomUUID(), title: "Big deal", stage: "qualification", amount: 90000 },
    { id: randomUUID(), title: "Proposal deal", stage: "proposal", amount: 5000 },
  ];
  /** How many times a page read its whole list or board (e2e-build timing marks). */
  const fullReads = (page: Page, mark: string) =>
    page.evaluate((name) => performance.getEntriesByName(name).length, `leadpane:${mark}`);
  const names = (page: Page) => page.getByTestId("list-row-name").allTextContents();

  beforeAll(async () => {
    [api, rep] = await Promise.all([startApi(), launchProfile()]);
    owner = await signUpOwner(api.url);
    await push([
      ...leads.map((l, i) => ({
        name: "create",
        args: {
          type: "lead",
          id: l.id,
          fields: { name: l.name, emails: [`lead${i}@live.test`], status: i % 2 ? "working" : "new" },
        },
      })),
      ...deals.map((d) => ({
        name: "create",
        args: { type: "deal", id: d.id, fields: { title: d.title, stage: d.stage, amount: d.amount, currency: "USD" } },
      })),
    ]);
    await signInProfile(rep, api.url, owner);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail" || !rep) return;
    let i = 0;
    for (const page of rep.context.pages())
      await screenshot(page, `failure-ui-live-update-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  it("a filtered, sorted list re-sorts, filters, counts and drops rows in place", async () => {
    const list = await rep.openExtensionPage("dashboard.html#/leads");
    await expect.poll(() => list.getByTestId("list-count").textContent(), { timeout: 30_000 }).toBe("5 of 5 leads");
    await list.getByLabel("Sort by").selectOption("name");
    await list.getByRole("button", { name: /switch to ascending/ }).click();
    await list.getByLabel("Status").selectOption("working");
    await expect.poll(() => names(list)).toEqual(["Ben Brook", "Dan Dale"]);
    expect(await fullReads(list, "list-all:lead")).toBe(1);

    // Renamed past the others: moves to the end. Another starts working: joins the filtered rows.
    await push([
      { name: "update", args: { type: "lead", id: leads[1]!.id, set: { name: "Zed Brook" } } },
      { name: "setLeadStatus", args: { leadId: leads[2]!.id, status: "working", activityId: randomUUID() } },
    ]);
    await syncNow(rep);
    await expect.poll(() => names(list), { timeout: 20_000 }).toEqual(["Cleo Cruz", "Dan Dale", "Zed Brook"]);
    expect(await list.getByTestId("list-count").textContent()).toBe("3 of 5 leads");

    // Deleted by the teammate: gone from the rows and the counts.
    await push([{ name: "delete", args: { type: "lead", id: leads[3]!.id } }]);
    await syncNow(rep);
    await expect.poll(() => names(list), { timeout: 20_000 }).toEqual(["Cleo Cruz", "Zed Brook"]);
    expect(await list.getByTestId("list-count").textContent()).toBe("2 of 4 leads");
    // Every change was patched in: the whole list was read once, when the page opened.
    expect(await fullReads(list, "list-all:lead")).toBe(1);
    await screenshot(list, "ui-live-update-list");
    await list.close();
  });

  it("the board moves one card between columns and updates the totals, without reading the board again", async () => {
    // A long column: 21 one-dollar deals in negotiation.
    await push(
      Array.from({ length: 21 }, (_, i) => ({
        name: "create",
        args: {
          type: "deal",
          id: randomUUID(),
          fields: { title: `Small ${i}`, stage: "negotiation", amount: 100, currency: "USD" },
        },
      })),
    );
    await syncNow(rep);
    const board = await rep.openExtensionPage("dashboard.html#/deals");
    const column = (stage: string) => board.getByTestId(`stage-${stage}`);
    await expect
      .poll(() => column("negotiation").getAttribute("aria-label"), { timeout: 30_000 })
      .toBe("Negotiation: 21 deals");
    await expect.poll(() => column("qualification").getByTestId("deal-card").count(), { timeout: 30_000 }).toBe(2);
    // The largest 20 are drawn; the rest on request, the column's count and total always whole.
    expect(await column("negotiation").getByTestId("deal-card").count()).toBe(20);
    expect(await column("negotiation").getByTestId("stage-total").textContent()).toContain("$21 ·");
    const more = column("negotiation").getByRole("button", { name: "Show 1 more (1 not shown)" });
    await more.scrollIntoViewIfNeeded();
    await screenshot(board, "ui-live-update-board-long-column");
    await more.click();
    expect(await column("negotiation").getByTestId("deal-card").count()).toBe(21);
    await push([{ name: "moveDeal", args: { dealId: deals[1]!.id, stage: "discovery", activityId: randomUUID() } }]);
    await syncNow(rep);
    await expect.poll(() => column("discovery").getByTestId("deal-card").count(), { timeout: 20_000 }).toBe(1);
    expect(await column("qualification").getByTestId("deal-card").allTextContents()).toEqual([
      expect.stringContaining("Small deal"),
    ]);
    expect(await column("qualification").getByTestId("stage-total").textContent()).toContain("$10 · weighted $1");
    expect(await column("discovery").getByTestId("stage-total").textContent()).toContain("$900 · weighted $225");
    expect(await board.getByTestId("pipeline-total").textContent()).toContain("Open $981");
    expect(await fullReads(board, "board-all")).toBe(1);
    await screenshot(board, "ui-live-update-board");
    await board.close();
  });

  it("the side panel shows a teammate's change to its record, reading it again only for that change", async () => {
    const panel = await panelWithRecord(rep, "Amy Archer");
    const reads = () => fullReads(panel, "record-detail");
    await expect.poll(() => panel.getByTestId("record-panel").textContent()).toContain("Amy Archer");
    const before = await reads();
    // Counts the commits to records this page hears of (Dexie's cross-context change event).
    await panel.evaluate(() => {
      const w = globalThis as unknown as { heard: number; channel: BroadcastChannel };
      w.heard = 0;
      w.channel = new BroadcastChannel("x-storagemutated-1");
      w.channel.onmessage = (event: MessageEvent) => {
        if (Object.keys(event.data ?? {}).some((key) => key.includes("/records/"))) w.heard++;
      };
    });
    const heard = () => panel.evaluate(() => (globalThis as unknown as { heard: number }).heard);

    // A teammate renames another lead and another lead's deal: stored here (one push, so one pull
    // page). The panel's record came with the first load (a snapshot record): its queries read it
    // from memory, yet they wake only for changes to what they showed or could show.
    await push([
      { name: "update", args: { type: "deal", id: deals[2]!.id, set: { title: "Renamed deal" } } },
      { name: "update", args: { type: "lead", id: leads[4]!.id, set: { name: "Eve West" } } },
    ]);
    await syncNow(rep);
    await expect
      .poll(
        () =>
          inWorker(
            rep,
            async (id) =>
              (
                await (
                  globalThis as unknown as {
                    leadpaneSync: { db: { records: { get(key: unknown): Promise<{ data: { name: string } }> } } };
                  }
                ).leadpaneSync.db.records.get(["lead", id])
              )?.data.name,
            leads[4]!.id,
          ),
        { timeout: 20_000 },
      )
      .toBe("Eve West");
    // The page heard of the commit: give its queries time to (wrongly) read again.
    await expect.poll(heard, { timeout: 20_000 }).toBeGreaterThan(0);
    await panel.waitForTimeout(1000);
    expect(await reads()).toBe(before);
    // Then one to the lead shown: on screen after one read of that record (one pull page, one commit).
    await push([{ name: "update", args: { type: "lead", id: leads[0]!.id, set: { title: "Head of Live Updates" } } }]);
    await syncNow(rep);
    await expect
      .poll(() => panel.getByTestId("record-panel").textContent(), { timeout: 20_000 })
      .toContain("Head of Live Updates");
    await panel.waitForTimeout(1000);
    expect(await reads()).toBe(before + 1);
    await screenshot(panel, "ui-live-update-side-panel");
    await panel.close();
  });

  it("the side panel's page lookup wakes for no note, while the lead's panel shows a new note about it", async () => {
    // Two leads of the page's company and one elsewhere whose id sorts between theirs: a lookup that
    // read the notes under `subject:lead:<id>` of the two (or `anyOf` over them) would wake for both.
    const [first, between, last] = ["1", "2", "3"].map((d) => `${d.repeat(8)}-0000-4000-8000-00000000000${d}`);
    await push([
      ...[
        { id: first!, name: "Nia North", email: "nia@northwind.test" },
        { id: last!, name: "Noor North", email: "noor@northwind.test" },
        { id: between!, name: "Sam South", email: "sam@southwind.test" },
      ].map((l) => ({ name: "create", args: { type: "lead", id: l.id, fields: { name: l.name, emails: [l.email] } } })),
    ]);
    await syncNow(rep);
    await rep.context.route("https://northwind.test/**", (route) =>
      route.fulfill({ contentType: "text/html", body: "<title>Northwind</title><h1>Northwind</h1>" }),
    );
    const site = await rep.context.newPage();
    await site.goto("https://northwind.test/");
    const panel = await rep.openExtensionPage(`sidepanel.html?tabId=${await rep.tabIdOf(site)}`);
    const lookups = () => fullReads(panel, "page-lookup");
    await expect.poll(() => panel.getByRole("tab", { name: /North/ }).count(), { timeout: 30_000 }).toBe(2);
    await panel.waitForTimeout(1000);
    const before = await lookups();
    await panel.evaluate(() => {
      const w = globalThis as unknown as { heard: number; channel: BroadcastChannel };
      w.heard = 0;
      w.channel = new BroadcastChannel("x-storagemutated-1");
      w.channel.onmessage = (event: MessageEvent) => {
        if (Object.keys(event.data ?? {}).some((key) => key.includes("/records/"))) w.heard++;
      };
    });
    const heard = () => panel.evaluate(() => (globalThis as unknown as { heard: number }).heard);
    const note = (lead: string, body: string) => ({
      name: "create",
      args: {
        type: "activity",
        id: randomUUID(),
        fields: { type: "note", subject: { type: "lead", id: lead }, body, occurredAt: new Date().toISOString() },
      },
    });

    await push([note(between!, "Called Sam about the south office")]);
    await syncNow(rep);
    await expect.poll(heard, { timeout: 20_000 }).toBeGreaterThan(0);
    // Give the lookup time to (wrongly) run again.
    await panel.waitForTimeout(1000);
    expect(await lookups()).toBe(before);

    await push([note(first!, "Called Nia about the north office")]);
    await syncNow(rep);
    await expect
      .poll(() => panel.textContent("body"), { timeout: 20_000 })
      .toContain("Called Nia about the north office");
    // The record's own timeline showed the note: the page's records did not change, so the lookup
    // that found them did not run again.
    await panel.waitForTimeout(1000);
    expect(await lookups()).toBe(before);
    await screenshot(panel, "ui-live-update-page-lookup");
    await panel.close();
    await site.close();
  });
});
