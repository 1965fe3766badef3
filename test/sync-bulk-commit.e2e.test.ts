import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, type Profile } from "./support/extension.ts";
import { inWorker, serverRecords, signInProfile, signUpOwner, syncNow, type Joined } from "./support/sync-session.ts";

const skip = e2eSkipReason();

type Hooks = {
  leadpaneSync: {
    db: {
      records: { get(key: [string, string]): Promise<{ data: Record<string, unknown> } | undefined> };
      outbox: { count(): Promise<number>; toArray(): Promise<Array<{ id: number; entries?: unknown[] }>> };
      sent: { count(): Promise<number> };
      base: { toArray(): Promise<Array<{ type: string; id: string; created?: unknown[] }>> };
      meta: { get(key: string): Promise<{ value: unknown } | undefined> };
    };
    mutateInBulk(changes: unknown[], options: unknown): Promise<void>;
    mutateChunksInBulk(chunks: unknown[][], options: unknown, onCommitted: (chunks: number) => void): Promise<void>;
    mutateAll(changes: unknown[], options: unknown): Promise<unknown>;
  };
};

/**
 * An import commits in chunks, each chunk's changes one outbox row (a bundle). While a page holds
 * the bulk-commit lock, the worker pushes what is committed but does not pull; a bundle larger than
 * a push goes in several pushes, cut where each push ends; once the lock is released, the next
 * round pulls and the acknowledged changes leave.
 */
describe.skipIf(skip)("a bulk commit and the sync worker", () => {
  let api: ApiProcess;
  let alice: Profile;
  let fresh: Profile | undefined;
  let owner: Joined;

  beforeAll(async () => {
    api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
    alice = await launchProfile();
    owner = await signUpOwner(api.url);
  });
  afterAll(async () => {
    await alice?.close();
    await fresh?.close();
    await api?.dispose();
  });

  const meta = (key: string) =>
    inWorker(
      alice,
      async (key: string) => (await (globalThis as unknown as Hooks).leadpaneSync.db.meta.get(key))?.value ?? null,
      key,
    );
  const count = (table: "outbox" | "sent") =>
    inWorker(
      alice,
      (table: "outbox" | "sent") => (globalThis as unknown as Hooks).leadpaneSync.db[table].count(),
      table,
    );

  it("pushes a bundle larger than a push while the commit holds the lock, and pulls only after", async () => {
    const clientId = await signInProfile(alice, api.url, owner);
    await expect.poll(() => meta("lastSyncAt"), { timeout: 30_000 }).not.toBeNull();
    const cookie = await meta("cookie");

    // A page in the middle of an import: it holds the lock until the test lets go.
    const page = await alice.openExtensionPage("dashboard.html");
    await page.evaluate(() => {
      void navigator.locks.request(
        "leadpane-bulk-commit",
        { mode: "shared" },
        () => new Promise<void>((resolve) => Object.assign(globalThis, { releaseBulkCommit: resolve })),
      );
    });

    // 1,100 creates in one bundle: more than the 500 changes one push takes.
    const TOTAL = 1100;
    await inWorker(
      alice,
      async ({ total, member, clientId }: { total: number; member: string; clientId: string }) => {
        const changes = Array.from({ length: total }, (_, i) => ({
          name: "create",
          args: { type: "lead", id: crypto.randomUUID(), fields: { name: `Bulk lead ${i}` } },
        }));
        await (globalThis as unknown as Hooks).leadpaneSync.mutateInBulk(changes, {
          actorId: member,
          nodeId: clientId,
        });
      },
      { total: TOTAL, member: owner.member.id, clientId },
    );
    expect(await count("outbox")).toBe(1);
    await syncNow(alice);

    // Every change reaches the server and is acknowledged; nothing is pulled while the lock is held.
    await expect.poll(() => count("outbox"), { timeout: 60_000 }).toBe(0);
    const bulk = (await serverRecords(api.url, owner.token)).filter((r) => String(r.data.name).startsWith("Bulk lead"));
    expect(bulk).toHaveLength(TOTAL);
    expect(new Set(bulk.map((r) => r.data.name)).size).toBe(TOTAL);
    expect((await meta("rejected")) ?? []).toEqual([]);
    expect(await count("sent")).toBeGreaterThan(0);
    expect(await meta("cookie")).toBe(cookie);

    // The commit ends: the next round pulls, and the acknowledged changes are no longer pending.
    await page.evaluate(() => (globalThis as unknown as { releaseBulkCommit: () => void }).releaseBulkCommit());
    await syncNow(alice);
    await expect.poll(() => count("sent"), { timeout: 60_000 }).toBe(0);
    expect(await meta("cookie")).not.toBe(cookie);
    await page.close();
  });

  it("keeps a change another tab makes between two chunks, working the next chunk out again over it", async () => {
    const clientId = await signInProfile(alice, api.url, owner);
    // Offline: every change stays in the outbox, in id order, for the check below.
    await alice.context.setOffline(true);
    const outcome = await inWorker(
      alice,
      async ({ member, clientId }: { member: string; clientId: string }) => {
        const { mutateAll, mutateChunksInBulk, db } = (globalThis as unknown as Hooks).leadpaneSync;
        const options = { actorId: member, nodeId: clientId };
        const id = crypto.randomUUID();
        await mutateAll([{ name: "create", args: { type: "lead", id, fields: { name: "Chunked" } } }], options);
        let other: Promise<unknown> = Promise.resolve();
        // The second chunk is worked out while the first is written; the other tab's change lands
        // between the two writes.
        await mutateChunksInBulk(
          [
            [{ name: "update", args: { type: "lead", id, set: { title: "First" } } }],
            [{ name: "update", args: { type: "lead", id, set: { title: "Second" } } }],
          ],
          options,
          (chunks) => {
            if (chunks === 1)
              other = mutateAll(
                [{ name: "update", args: { type: "lead", id, set: { companyName: "Acme" } } }],
                options,
              );
          },
        );
        await other;
        const rows = await db.outbox.toArray();
        return { data: (await db.records.get(["lead", id]))?.data, ids: rows.map((row) => row.id) };
      },
      { member: owner.member.id, clientId },
    );
    await alice.context.setOffline(false);
    expect(outcome.data).toMatchObject({ name: "Chunked", title: "Second", companyName: "Acme" });
    // The other change took the id after the first chunk's: it did come between the two writes.
    const [created, first, other, second] = outcome.ids.slice(-4);
    expect([first! - created!, other! - first!, second! - other!]).toEqual([1, 1, 1]);
  });

  it("keeps the bases of the records an import creates as one row per chunk, which later edits see", async () => {
    // A profile of its own: this one signs in once, like a real browser.
    const profile = await launchProfile();
    fresh = profile;
    const meta = (key: string) =>
      inWorker(
        profile,
        async (key: string) => (await (globalThis as unknown as Hooks).leadpaneSync.db.meta.get(key))?.value ?? null,
        key,
      );
    const count = (table: "outbox" | "sent") =>
      inWorker(
        profile,
        (table: "outbox" | "sent") => (globalThis as unknown as Hooks).leadpaneSync.db[table].count(),
        table,
      );
    const clientId = await signInProfile(profile, api.url, owner);
    // The first load over: going offline in the middle of it would stall it.
    await expect.poll(() => meta("lastSyncAt"), { timeout: 60_000 }).not.toBeNull();
    await expect.poll(() => meta("firstLoad"), { timeout: 60_000 }).toBeNull();
    await profile.context.setOffline(true);
    const outcome = await inWorker(
      profile,
      async ({ member, clientId }: { member: string; clientId: string }) => {
        const { mutateAll, mutateChunksInBulk, db } = (globalThis as unknown as Hooks).leadpaneSync;
        const ids = Array.from({ length: 6 }, (): string => crypto.randomUUID());
        const made = new Set(ids);
        const create = (id: string, i: number) => ({
          name: "create",
          args: { type: "lead", id, fields: { name: `Bundled ${i}` } },
        });
        await mutateChunksInBulk(
          [ids.slice(0, 3).map(create), ids.slice(3).map((id, i) => create(id, i + 3))],
          { actorId: member, nodeId: clientId, made },
          () => undefined,
        );
        const afterImport = await db.base.toArray();
        // An edit of a record the import created: its base (nothing on the server) is in a bundle.
        await mutateAll([{ name: "update", args: { type: "lead", id: ids[4], set: { title: "Edited" } } }], {
          actorId: member,
          nodeId: clientId,
        });
        return { ids, afterImport, afterEdit: await db.base.toArray() };
      },
      { member: owner.member.id, clientId },
    );
    await profile.context.setOffline(false);
    const bundles = outcome.afterImport.filter((row) => row.type === "~created");
    expect(bundles.map((row) => row.created?.length)).toEqual([3, 3]);
    expect(outcome.afterImport.filter((row) => outcome.ids.includes(row.id))).toEqual([]);
    // The edit found the record's base in its bundle and kept no copy of the local record as one.
    expect(outcome.afterEdit).toEqual(outcome.afterImport);
    await syncNow(profile);
    await expect.poll(() => count("sent"), { timeout: 60_000 }).toBe(0);
    await expect.poll(() => count("outbox"), { timeout: 60_000 }).toBe(0);
    const leads = (await serverRecords(api.url, owner.token)).filter((r) => outcome.ids.includes(r.id));
    expect(leads).toHaveLength(6);
    expect(leads.find((r) => r.id === outcome.ids[4])?.data.title).toBe("Edited");
    expect((await meta("rejected")) ?? []).toEqual([]);
  });
});
