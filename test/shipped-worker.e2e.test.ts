import { randomUUID } from "node:crypto";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import {
  launchProfile,
  screenshot,
  SHIPPED_EXTENSION_DIR,
  TOOLBAR_BUTTON_ARGS,
  type Profile,
  shippedSkipReason,
} from "./support/extension.ts";
import {
  apiCall,
  joinTeammate,
  serverRecords,
  signUpOwner,
  stopWorkers,
  storeSession,
  type Joined,
} from "./support/sync-session.ts";

const skip = shippedSkipReason();

/** Where worker-handlers.js leaves its exports (worker/shared-modules.ts). */
const HANDLERS_GLOBAL = "__leadpaneHandlers";

/**
 * The shipped service worker (background.js) holds no mutation handler: a sync round, the mail
 * buttons and "save selection" run in worker-handlers.js, which the worker imports while Chrome
 * installs it and then with `importScripts` the first time a later run needs it (Chrome refuses
 * any script it did not import while installing). Here a worker Chrome stopped, and one of an
 * updated extension, wake up and sync a teammate's change through that lazy load, with no error.
 */
describe.skipIf(skip)("the shipped build's service worker", () => {
  let api: ApiProcess;
  let rep: Profile;
  let owner: Joined;
  const errors: string[] = [];
  // The teammate's browser: another client pushing through the sync protocol.
  const teammate = randomUUID();
  let nextMutation = 1;
  const pushLead = (name: string) =>
    apiCall(api.url, "POST", "/v1/sync/push", owner.token, {
      protocolVersion: PROTOCOL_VERSION,
      clientId: teammate,
      mutations: [
        {
          id: nextMutation++,
          name: "create",
          args: { type: "lead", id: randomUUID(), fields: { name } },
          hlc: formatHlc({ wall: Date.now() + nextMutation, counter: 0, node: teammate }),
        },
      ],
    });
  /**
   * Asks the worker for the sync state from an extension page, which starts a stopped worker (whose
   * start runs a round when signed in). A message sent while Chrome is still stopping the old
   * worker can go unanswered: given up after a while (the callers ask again).
   */
  const wake = async () => {
    const page =
      rep.context.pages().find((p) => p.url().startsWith(`chrome-extension://${rep.extensionId}/`)) ??
      (await rep.openExtensionPage("options.html"));
    await page
      .evaluate(() =>
        Promise.race([
          chrome.runtime.sendMessage({ type: "leadpane/get-sync-state" }),
          new Promise((r) => setTimeout(r, 2000)),
        ]),
      )
      .catch(() => undefined);
  };
  /**
   * The worker's handle (Playwright keeps one across Chrome's stops and starts) once a run of it
   * other than `stopped` (a run's `performance.timeOrigin`) answers.
   */
  const runningWorker = async (stopped?: number) => {
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
      for (const worker of rep.context.serviceWorkers()) {
        const run = await Promise.race([
          worker.evaluate(() => performance.timeOrigin).catch(() => null),
          new Promise<null>((r) => setTimeout(() => r(null), 2000)),
        ]);
        if (run !== null && run !== stopped) return { worker, run };
      }
      await wake();
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error("no new run of the service worker");
  };
  /** Stops the worker as Chrome does an idle one; answers the run stopped. */
  const stopWorker = async () => {
    const { run } = await runningWorker();
    await stopWorkers(rep.context);
    return run;
  };
  /** Whether the worker's run after `stopped` has loaded the heavy part. */
  const handlersLoaded = async (stopped: number) =>
    (await runningWorker(stopped)).worker.evaluate(
      (name) => typeof (globalThis as Record<string, unknown>)[name] === "object",
      HANDLERS_GLOBAL,
    );
  const leadsCount = (page: Page) =>
    expect.poll(() => page.getByTestId("list-count").textContent(), { timeout: 60_000 });

  beforeAll(async () => {
    api = await startApi();
    // CDP's Extensions domain (the update below) needs the switch the toolbar button uses.
    rep = await launchProfile({ extensionDir: SHIPPED_EXTENSION_DIR, args: TOOLBAR_BUTTON_ARGS });
    rep.context.on("weberror", (error) => errors.push(`uncaught: ${error.error().message}`));
    // The service worker's console too.
    rep.context.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    owner = await signUpOwner(api.url);
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state !== "fail") return;
    let i = 0;
    for (const page of rep?.context.pages() ?? [])
      await screenshot(page, `failure-shipped-worker-${i++}`).catch(() => undefined);
  });
  afterAll(async () => {
    await rep?.close();
    await api?.dispose();
  });

  it("wakes without the handlers, and a restarted or updated worker loads them to sync, with no error", async () => {
    // Signed out, a restarted worker answers the pages from background.js alone.
    let stopped = await stopWorker();
    await wake();
    expect(await handlersLoaded(stopped)).toBe(false);

    // Signed in, the first round loads the heavy part and pulls the teammate's lead.
    await pushLead("Amy Archer");
    await storeSession((await runningWorker()).worker, api.url, owner);
    await wake();
    const dashboard = await rep.openExtensionPage("dashboard.html#/leads");
    await leadsCount(dashboard).toBe("1 of 1 leads");

    // Chrome stops the idle worker; a new lead waits on the server. The next run of the worker
    // (woken by a page) imports the handlers again, lazily, and its round brings the lead.
    stopped = await stopWorker();
    await pushLead("Ben Brook");
    await wake();
    await leadsCount(dashboard).toBe("2 of 2 leads");
    expect(await handlersLoaded(stopped)).toBe(true);

    // An update (the unpacked folder loaded again) installs the worker anew: it imports the
    // handlers while installing again, so its later runs may too.
    const beforeUpdate = (await runningWorker()).run;
    const cdp = await rep.context.browser()!.newBrowserCDPSession();
    // Not in playwright-core's protocol types yet; the method exists in Chromium's CDP.
    await cdp.send("Extensions.loadUnpacked" as "Target.getTargets", { path: SHIPPED_EXTENSION_DIR } as never);
    await cdp.detach();
    stopped = (await runningWorker(beforeUpdate)).run;
    await stopWorkers(rep.context);
    await pushLead("Cleo Cruz");
    // The update closed the extension's pages.
    const after = await rep.openExtensionPage("dashboard.html#/leads");
    await wake();
    await leadsCount(after).toBe("3 of 3 leads");
    expect(await handlersLoaded(stopped)).toBe(true);
    await screenshot(after, "shipped-worker-synced");

    const state = (await after.evaluate(() => chrome.runtime.sendMessage({ type: "leadpane/get-sync-state" }))) as {
      error: string | null;
      pending: number;
      lastSyncAt: string | null;
    };
    expect(state).toMatchObject({ error: null, pending: 0 });
    expect(state.lastSyncAt).not.toBeNull();
    expect(errors).toEqual([]);
  });

  /** The worker's sync state, asked from `page`. */
  const syncState = (page: Page) =>
    page.evaluate(() => chrome.runtime.sendMessage({ type: "leadpane/get-sync-state" })) as Promise<{
      error: string | null;
      pending: number;
      lastSyncAt: string | null;
    } | null>;
  /** A value of the local store's `meta` table, read from `page` (the shipped build has no test hooks). */
  const storedMeta = (page: Page, key: string) =>
    page.evaluate(
      (key) =>
        new Promise<unknown>((resolve, reject) => {
          const open = indexedDB.open("leadpane");
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const read = open.result.transaction("meta").objectStore("meta").get(key);
            read.onsuccess = () => {
              resolve((read.result as { value: unknown } | undefined)?.value);
              open.result.close();
            };
            read.onerror = () => reject(read.error);
          };
        }),
      key,
    );
  /**
   * Stops the worker, runs `meanwhile`, and wakes a new run, whose start runs a round: answers
   * whether that run loaded the heavy part once its round is done (by default: the time of the last
   * sync moved).
   */
  const restart = async (
    page: Page,
    meanwhile: () => Promise<unknown> = async () => undefined,
    done?: () => Promise<unknown>,
  ) => {
    const before = (await syncState(page))?.lastSyncAt ?? null;
    const stopped = await stopWorker();
    await meanwhile();
    await wake();
    if (done) await done();
    else
      await expect
        .poll(async () => (await syncState(page).catch(() => null))?.lastSyncAt ?? before, { timeout: 60_000 })
        .not.toBe(before);
    return handlersLoaded(stopped);
  };

  it("skips the handlers on a start with nothing to sync, and loads them for a teammate's change or a local one", async () => {
    const dashboard = await rep.openExtensionPage("dashboard.html#/leads");
    await leadsCount(dashboard).toBe("3 of 3 leads");
    // A teammate joins (the member list changes, the cookie does not): the round after it loads the handlers.
    let mate: Joined | undefined;
    expect(
      await restart(dashboard, async () => {
        mate = await joinTeammate(api.url, owner);
      }),
    ).toBe(true);
    const mateId = mate!.member.id;
    expect(((await storedMeta(dashboard, "members")) as Array<{ id: string }>).map((m) => m.id)).toContain(mateId);

    // Nothing new on the server, nothing pending here: the round asks the server and skips the
    // handlers, and the pages still say synced, with the new time.
    expect(await restart(dashboard)).toBe(false);
    const state = await syncState(dashboard);
    expect(state).toMatchObject({ error: null, pending: 0 });
    const badge = dashboard.getByTestId("sync-state");
    await expect.poll(() => badge.textContent(), { timeout: 30_000 }).toContain("Synced");
    const shown = await dashboard.evaluate(
      (at) => `Last sync ${new Date(at).toLocaleTimeString()}`,
      state!.lastSyncAt!,
    );
    await expect.poll(() => badge.getAttribute("title"), { timeout: 30_000 }).toBe(shown);
    await screenshot(dashboard, "shipped-worker-idle-start");

    // A teammate's lead: the handlers load and it arrives.
    expect(await restart(dashboard, () => pushLead("Dora Dale"))).toBe(true);
    await leadsCount(dashboard).toBe("4 of 4 leads");

    // A role change or the workspace's settings move no cookie: the next round still takes them.
    expect(
      await restart(dashboard, () =>
        apiCall(api.url, "PATCH", `/v1/members/${mateId}`, owner.token, { role: "viewer" }),
      ),
    ).toBe(true);
    const mateNow = ((await storedMeta(dashboard, "members")) as Array<{ id: string; role: string }>).find(
      (m) => m.id === mateId,
    );
    expect(mateNow?.role).toBe("viewer");
    expect(
      await restart(dashboard, () =>
        apiCall(api.url, "PATCH", "/v1/workspace/settings", owner.token, { currency: "EUR" }),
      ),
    ).toBe(true);
    expect(await storedMeta(dashboard, "settings")).toMatchObject({ currency: "EUR" });
    // A removal too.
    expect(
      await restart(dashboard, () =>
        fetch(`${api.url}/v1/members/${mateId}`, {
          method: "DELETE",
          headers: { authorization: `Bearer ${owner.token}` },
        }).then((r) => expect(r.ok).toBe(true)),
      ),
    ).toBe(true);
    expect(((await storedMeta(dashboard, "members")) as Array<{ id: string }>).map((m) => m.id)).not.toContain(mateId);
    // And what those rounds stored compares equal to the server's next answer: idle again.
    expect(await restart(dashboard)).toBe(false);

    // A change made here while the worker is stopped: the handlers load and push it.
    expect(
      await restart(dashboard, async () => {
        await dashboard.locator("body").press("n");
        const dialog = dashboard.getByRole("dialog", { name: "New lead" });
        await dialog.waitFor();
        await dialog.getByLabel("Name").fill("Eli Earl");
        await dialog.getByLabel("Name").press("Enter");
        await expect.poll(() => dashboard.getByRole("dialog").count(), { timeout: 30_000 }).toBe(0);
      }),
    ).toBe(true);
    await expect
      .poll(async () => (await serverRecords(api.url, owner.token)).some((r) => r.data.name === "Eli Earl"), {
        timeout: 60_000,
      })
      .toBe(true);
    await expect.poll(async () => (await syncState(dashboard))?.pending, { timeout: 60_000 }).toBe(0);
    expect(errors).toEqual([]);

    // This browser's device token revoked while idle: the check's 401 is the full round's to
    // report, which signs it out as before (and the round that finds it loads the handlers).
    const other = await apiCall<{ token: string }>(api.url, "POST", "/v1/tokens", owner.token, { label: "Laptop" });
    const { items } = await apiCall<{ items: Array<{ id: string; current: boolean }> }>(
      api.url,
      "GET",
      "/v1/tokens",
      owner.token,
    );
    const mine = items.find((t) => t.current)!;
    expect(
      await restart(
        dashboard,
        async () => {
          const revoked = await fetch(`${api.url}/v1/tokens/${mine.id}`, {
            method: "DELETE",
            headers: { authorization: `Bearer ${other.token}` },
          });
          expect(revoked.status).toBe(204);
        },
        () =>
          expect
            .poll(async () => (await syncState(dashboard).catch(() => null))?.error, { timeout: 60_000 })
            .toBe("Signed out: sign in again in Settings"),
      ),
    ).toBe(true);
    await expect
      .poll(() => dashboard.getByTestId("sync-state").getAttribute("title"), { timeout: 30_000 })
      .toBe("Signed out: sign in again in Settings");
  });
});
