import type { Route } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, screenshot, type Profile } from "./support/extension.ts";
import { seedWorkspace } from "./support/seed-workspace.ts";
import {
  apiCall,
  inWorker,
  serverRecords,
  signInProfile,
  signUpOwner,
  syncNow,
  type Joined,
} from "./support/sync-session.ts";

const skip = e2eSkipReason();

/** Two pull pages: 5,000 records, then 1,000 (the seed writes 1,000 per version). */
const RECORDS = 6000;

type Found = { records: Array<{ type: string; id: string; data: { name?: string; title?: string | null } }> };
type Hooks = {
  leadpaneSync: {
    db: { meta: { get(key: string): Promise<{ value: unknown } | undefined> }; outbox: { count(): Promise<number> } };
    mutateAll(changes: unknown[], options: unknown): Promise<unknown>;
    findForPage(query: { emails: string[] }): Promise<Found>;
    countRecords(): Promise<number>;
  };
};

const findInWorker = (profile: Profile, email: string) =>
  inWorker(profile, (e: string) => (globalThis as unknown as Hooks).leadpaneSync.findForPage({ emails: [e] }), email);

/**
 * A fresh profile's first load stores each pull page whole (a snapshot) under the per-record
 * store of later changes: the side panel shows how far the load is and answers lookups while it
 * runs; a change made during the load, a teammate's later edit and an erasure all win over the
 * snapshot's copy.
 */
describe.skipIf(skip)("the first load of a workspace", () => {
  let api: ApiProcess;
  let rep: Profile;
  let owner: Joined;
  let emails: string[];

  beforeAll(async () => {
    api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
    rep = await launchProfile();
    owner = await signUpOwner(api.url);
    ({ emails } = await seedWorkspace(api.dbUrl, owner.workspace.id, owner.member.id, RECORDS));
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  it("shows its progress, answers lookups while it runs, and lets later changes win", async () => {
    // The second page is held back until released: the load stays half done while we look.
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    await rep.context.route(`${api.url}/v1/sync/pull**`, async (route: Route) => {
      if (new URL(route.request().url()).searchParams.get("cookie") !== "0") await held;
      await route.continue().catch(() => undefined);
    });
    const clientId = await signInProfile(rep, api.url, owner);
    const panel = await rep.openExtensionPage("sidepanel.html");
    const progress = panel.getByTestId("first-load-progress");
    await expect.poll(() => progress.textContent(), { timeout: 60_000 }).toBe("Loading workspace: 5,000 of 6,000");
    await screenshot(panel, "first-load-progress");

    // Usable meanwhile: the panel's search finds a contact of the first page.
    const first = emails[7]!;
    await panel.getByLabel("Search the workspace").fill(first);
    await expect
      .poll(
        () =>
          panel
            .getByTestId("search-results")
            .getByRole("button", { name: /Contact 7\b/ })
            .count(),
        {
          timeout: 30_000,
        },
      )
      .toBeGreaterThan(0);
    // A change made during the load: committed with its outbox entry, over the snapshot's copy.
    const contact = (await findInWorker(rep, first)).records.find((r) => r.type === "contact")!;
    await inWorker(
      rep,
      async ({ id, member, node }: { id: string; member: string; node: string }) =>
        (globalThis as unknown as Hooks).leadpaneSync.mutateAll(
          [{ name: "update", args: { type: "contact", id, set: { title: "Buyer, changed during the load" } } }],
          { actorId: member, nodeId: node },
        ),
      { id: contact.id, member: owner.member.id, node: clientId },
    );

    release();
    await expect.poll(() => progress.count(), { timeout: 60_000 }).toBe(0);
    await expect
      .poll(() => inWorker(rep, () => (globalThis as unknown as Hooks).leadpaneSync.countRecords(), null), {
        timeout: 60_000,
      })
      .toBe(RECORDS);
    await expect
      .poll(() => inWorker(rep, () => (globalThis as unknown as Hooks).leadpaneSync.db.outbox.count(), null), {
        timeout: 30_000,
      })
      .toBe(0);
    const title = async (email: string) =>
      (await findInWorker(rep, email)).records.find((r) => r.type === "contact")?.data.title ?? null;
    expect(await title(first)).toBe("Buyer, changed during the load");
    const onServer = await apiCall<{ title: string }>(api.url, "GET", `/v1/contacts/${contact.id}`, owner.token);
    expect(onServer.title).toBe("Buyer, changed during the load");

    // A teammate renames another contact and moves a fourth to a new address; an admin erases a third.
    const second = emails[emails.length - 1]!;
    const other = (await findInWorker(rep, second)).records.find((r) => r.type === "contact")!;
    await apiCall(api.url, "PATCH", `/v1/contacts/${other.id}`, owner.token, { name: "Renamed By Teammate" });
    const moving = emails[11]!;
    const moved = (await findInWorker(rep, moving)).records.find((r) => r.type === "contact")!;
    await apiCall(api.url, "PATCH", `/v1/contacts/${moved.id}`, owner.token, { emails: ["moved@elsewhere.test"] });
    const erased = (await findInWorker(rep, emails[3]!)).records.find((r) => r.type === "contact")!;
    await apiCall(api.url, "POST", "/v1/privacy/erase", owner.token, { type: "contact", id: erased.id });
    await syncNow(rep);
    await expect
      .poll(async () => (await findInWorker(rep, second)).records.find((r) => r.type === "contact")?.data.name, {
        timeout: 30_000,
      })
      .toBe("Renamed By Teammate");
    // The old address no longer finds the moved contact: its snapshot copy still has it, and the
    // row that hides that copy is found under the old address as a former key, not read by id.
    await expect
      .poll(async () => (await findInWorker(rep, "moved@elsewhere.test")).records.some((r) => r.id === moved.id), {
        timeout: 30_000,
      })
      .toBe(true);
    expect((await findInWorker(rep, moving)).records.some((r) => r.id === moved.id)).toBe(false);
    // Once: the teammate's newer copy replaces the snapshot's, it does not sit beside it.
    expect((await findInWorker(rep, second)).records.filter((r) => r.id === other.id)).toHaveLength(1);
    await expect
      .poll(async () => (await findInWorker(rep, emails[3]!)).records.some((r) => r.id === erased.id), {
        timeout: 30_000,
      })
      .toBe(false);
    // The erasure took the contact and the note about it: the store holds what the server holds.
    expect(await inWorker(rep, () => (globalThis as unknown as Hooks).leadpaneSync.countRecords(), null)).toBe(
      (await serverRecords(api.url, owner.token)).length,
    );
    await screenshot(panel, "first-load-done");
  });
});
