import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, type Profile } from "./support/extension.ts";
import { inWorker, serverRecords, signInProfile, signUpOwner, syncNow, type Joined } from "./support/sync-session.ts";

const skip = e2eSkipReason();

type Hooks = {
  leadpaneSync: {
    db: {
      outbox: { count(): Promise<number>; toArray(): Promise<unknown[]> };
      sent: { toArray(): Promise<unknown[]> };
      meta: { get(key: string): Promise<{ value: unknown } | undefined> };
    };
    mutateAll(changes: unknown[], options: unknown): Promise<unknown>;
  };
};

/**
 * A client's mutation ids keep counting across rounds: once more than a push's worth (500) went to
 * the server, a later round's first push starts at the oldest change still queued, not at id 1.
 */
describe.skipIf(skip)("pushes in later rounds", () => {
  let api: ApiProcess;
  let rep: Profile;
  let owner: Joined;

  beforeAll(async () => {
    api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
    rep = await launchProfile();
    owner = await signUpOwner(api.url);
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  const outboxCount = () => inWorker(rep, () => (globalThis as unknown as Hooks).leadpaneSync.db.outbox.count(), null);
  const create = (clientId: string, from: number, count: number) =>
    inWorker(
      rep,
      async ({ from, count, member, clientId }: { from: number; count: number; member: string; clientId: string }) => {
        const changes = Array.from({ length: count }, (_, i) => ({
          name: "create",
          args: { type: "lead", id: crypto.randomUUID(), fields: { name: `Lead ${from + i}` } },
        }));
        await (globalThis as unknown as Hooks).leadpaneSync.mutateAll(changes, { actorId: member, nodeId: clientId });
      },
      { from, count, member: owner.member.id, clientId },
    );
  const leadsOnServer = async () =>
    (await serverRecords(api.url, owner.token)).filter((record) => record.type === "lead").length;

  it("pushes a change made after more than one push's worth of changes was pushed", async () => {
    const clientId = await signInProfile(rep, api.url, owner);
    await expect
      .poll(
        () =>
          inWorker(
            rep,
            async () => (await (globalThis as unknown as Hooks).leadpaneSync.db.meta.get("lastSyncAt"))?.value ?? null,
            null,
          ),
        { timeout: 20_000 },
      )
      .not.toBeNull();

    // 600 changes (ids 1–600) queued offline, then pushed: two pushes, every row leaves the outbox.
    await rep.context.setOffline(true);
    await create(clientId, 1, 600);
    const queued = await inWorker(rep, () => (globalThis as unknown as Hooks).leadpaneSync.db.outbox.toArray(), null);
    // The pull after the pushes waits, so the acknowledged changes are seen among the sent ones.
    let releasePull: () => void = () => undefined;
    const pullHeld = new Promise<void>((resolve) => (releasePull = resolve));
    await rep.context.route(`${api.url}/v1/sync/pull**`, async (route) => {
      await pullHeld;
      await route.continue().catch(() => undefined);
    });
    await rep.context.setOffline(false);
    await syncNow(rep);
    await expect.poll(outboxCount, { timeout: 60_000 }).toBe(0);
    expect(await leadsOnServer()).toBe(600);
    // Every change moved to the sent ones whole and in order, one row per push answer (a bundle).
    const sent = await inWorker(rep, () => (globalThis as unknown as Hooks).leadpaneSync.db.sent.toArray(), null);
    expect(sent).toHaveLength(2);
    expect(sent.flatMap((row) => (row as { entries: unknown[] }).entries)).toEqual(queued);
    releasePull();
    await rep.context.unroute(`${api.url}/v1/sync/pull**`);

    // The next change is id 601: the next round pushes it too.
    await create(clientId, 601, 1);
    await syncNow(rep);
    await expect.poll(outboxCount, { timeout: 30_000 }).toBe(0);
    expect(await leadsOnServer()).toBe(601);
  });
});
