import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Route } from "playwright-core";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, type Profile } from "./support/extension.ts";
import {
  inWorker,
  joinTeammate,
  serverRecords,
  signInProfile,
  signUpOwner,
  stopWorkers,
  syncNow,
  wakeWorker,
  type Joined,
} from "./support/sync-session.ts";

const skip = e2eSkipReason();

type Hooks = {
  leadpaneSync: {
    db: {
      outbox: { count(): Promise<number> };
      meta: { get(key: string): Promise<{ value: unknown } | undefined> };
    };
    mutateAll(changes: unknown[], options: unknown): Promise<unknown>;
    countRecords(): Promise<number>;
  };
};

/**
 * Chrome stops an MV3 worker whenever it likes; here it is stopped (CDP) while a push is on the
 * wire — after the server committed it, before the worker read the answer — and while a pull page
 * is on the wire. Nothing pending is lost, nothing is applied twice, and the fresh worker finishes.
 */
describe.skipIf(skip)("a service worker stopped mid-sync", () => {
  let api: ApiProcess;
  let alice: Profile;
  let bob: Profile;
  let owner: Joined;

  beforeAll(async () => {
    api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
    [alice, bob] = await Promise.all([launchProfile(), launchProfile()]);
    owner = await signUpOwner(api.url);
  });
  afterAll(async () => {
    await Promise.all([alice?.close(), bob?.close()]);
    await api?.dispose();
  });

  const outboxCount = (profile: Profile) =>
    inWorker(profile, () => (globalThis as unknown as Hooks).leadpaneSync.db.outbox.count(), null);

  it("loses no pending mutation when stopped mid-push, and none when stopped mid-pull", async () => {
    const clientId = await signInProfile(alice, api.url, owner);
    await expect
      .poll(
        () =>
          inWorker(
            alice,
            async () => (await (globalThis as unknown as Hooks).leadpaneSync.db.meta.get("lastSyncAt"))?.value ?? null,
            null,
          ),
        { timeout: 20_000 },
      )
      .not.toBeNull();

    // Offline, the rep saves 600 leads: all of them wait in the outbox.
    await alice.context.setOffline(true);
    const TOTAL = 600;
    await inWorker(
      alice,
      async ({ total, member, clientId }: { total: number; member: string; clientId: string }) => {
        const { mutateAll } = (globalThis as unknown as Hooks).leadpaneSync;
        for (let start = 0; start < total; start += 100) {
          const changes = Array.from({ length: 100 }, (_, i) => ({
            name: "create",
            args: { type: "lead", id: crypto.randomUUID(), fields: { name: `Offline lead ${start + i}` } },
          }));
          await mutateAll(changes, { actorId: member, nodeId: clientId });
        }
      },
      { total: TOTAL, member: owner.member.id, clientId },
    );
    expect(await outboxCount(alice)).toBe(TOTAL);

    // Each push reaches the server and commits; its answer is held back while the worker is stopped.
    let committed = 0;
    let release: (() => void) | null = null;
    await alice.context.route(`${api.url}/v1/sync/push`, async (route: Route) => {
      const response = await route.fetch();
      committed += 1;
      await new Promise<void>((resolve) => {
        release = resolve;
        setTimeout(resolve, 1500);
      });
      await route.fulfill({ response }).catch(() => undefined);
    });
    await alice.context.setOffline(false);
    await syncNow(alice);
    for (let stops = 1; stops <= 3; stops++) {
      await expect.poll(() => committed, { timeout: 20_000 }).toBeGreaterThanOrEqual(stops);
      await stopWorkers(alice.context);
      (release as (() => void) | null)?.();
      // A fresh worker starts on the next event and resumes from what IndexedDB holds.
      await wakeWorker(alice);
    }
    await alice.context.unroute(`${api.url}/v1/sync/push`);
    await syncNow(alice);
    await expect.poll(() => outboxCount(alice), { timeout: 60_000 }).toBe(0);

    const leads = (await serverRecords(api.url, owner.token)).filter((r) => r.type === "lead");
    const names = leads.map((r) => String(r.data.name));
    expect(names).toHaveLength(TOTAL);
    expect(new Set(names).size).toBe(TOTAL);

    // Bob's first load: each page's answer is held back and the worker stopped before it lands.
    const mate = await joinTeammate(api.url, owner);
    let pages = 0;
    await bob.context.route(`${api.url}/v1/sync/pull**`, async (route: Route) => {
      const response = await route.fetch();
      pages += 1;
      await new Promise((r) => setTimeout(r, pages <= 2 ? 1500 : 0));
      await route.fulfill({ response }).catch(() => undefined);
    });
    await signInProfile(bob, api.url, mate);
    for (let stops = 1; stops <= 2; stops++) {
      await expect.poll(() => pages, { timeout: 20_000 }).toBeGreaterThanOrEqual(stops);
      await stopWorkers(bob.context);
      await wakeWorker(bob);
    }
    await syncNow(bob);
    await expect
      .poll(() => inWorker(bob, () => (globalThis as unknown as Hooks).leadpaneSync.countRecords(), null), {
        timeout: 60_000,
      })
      .toBe((await serverRecords(api.url, owner.token)).length);
  });
});
