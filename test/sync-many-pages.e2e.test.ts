import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { e2eSkipReason } from "./support/chromium.ts";
import { launchProfile, type Profile } from "./support/extension.ts";
import { inWorker, serverRecords, signInProfile, signUpOwner } from "./support/sync-session.ts";

const skip = e2eSkipReason();

/** How many Leadpane pages a busy rep may have open: more than Chrome's six connections per server. */
const PAGES = 8;

/**
 * Every open Leadpane page wants the server's poke stream, and Chrome opens at most six
 * connections to one server: with a stream per page, the worker's pushes waited behind them and
 * sync stalled ("Syncing…" for good). One stream per browser keeps a connection free.
 */
describe.skipIf(skip)("sync with many Leadpane pages open", () => {
  let api: ApiProcess;
  let alice: Profile;

  beforeAll(async () => {
    api = await startApi();
    alice = await launchProfile();
  });
  afterAll(async () => {
    await alice?.close();
    await api?.dispose();
  });

  it(`pushes a change while ${PAGES} dashboard pages are open`, async () => {
    const owner = await signUpOwner(api.url);
    const clientId = await signInProfile(alice, api.url, owner);
    const pages = [];
    for (let i = 0; i < PAGES; i++) pages.push(await alice.openExtensionPage("dashboard.html#/leads"));
    // Each page is showing the signed-in dashboard (and so would hold its poke stream).
    for (const page of pages) await page.getByRole("heading", { name: "Leads" }).waitFor();

    const id = crypto.randomUUID();
    await inWorker(
      alice,
      async ({ id, member, clientId }) => {
        const hooks = (globalThis as unknown as { leadpaneSync: Record<string, (...a: unknown[]) => unknown> })
          .leadpaneSync;
        await hooks.mutateAll?.([{ name: "create", args: { type: "lead", id, fields: { name: "Many Pages" } } }], {
          actorId: member,
          nodeId: clientId,
        });
        void hooks.requestSync?.();
      },
      { id, member: owner.member.id, clientId },
    );
    const onServer = async () => (await serverRecords(api.url, owner.token)).some((r) => r.id === id);
    await expect.poll(onServer, { timeout: 15_000 }).toBe(true);
  });
});
