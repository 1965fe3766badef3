import { randomUUID } from "node:crypto";
import { PROTOCOL_VERSION } from "@leadpane/domain/sync";
import type { BrowserContext, Worker } from "playwright-core";
import type { Profile } from "./extension.ts";

/** A member's sign-in as the API returns it. */
export interface Joined {
  workspace: { id: string; name: string };
  member: { id: string; name: string; email: string; role: string };
  token: string;
}

/** JSON over HTTP to the API, failing loudly on an error status. */
export async function apiCall<T>(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Creates a workspace and returns its owner's sign-in. */
export function signUpOwner(base: string, name = "Alice Rep", email = "alice@sales.test"): Promise<Joined> {
  return apiCall<Joined>(base, "POST", "/v1/workspaces", undefined, { name: "Acme Sales", owner: { name, email } });
}

/** Invites and signs in a teammate. */
export async function joinTeammate(
  base: string,
  owner: Joined,
  name = "Bob Rep",
  email = "bob@sales.test",
): Promise<Joined> {
  const { code } = await apiCall<{ code: string }>(base, "POST", "/v1/invites", owner.token, { role: "member" });
  return apiCall<Joined>(base, "POST", "/v1/invites/accept", undefined, { code, name, email });
}

/**
 * The profile's live service worker. After `ServiceWorker.stopAllWorkers` the old handle is dead;
 * this wakes a fresh worker through an extension page and returns it.
 */
export async function liveWorker(profile: Profile): Promise<Worker> {
  for (const deadline = Date.now() + 20_000; Date.now() < deadline; ) {
    for (const worker of profile.context.serviceWorkers()) {
      const alive = await worker
        .evaluate(() => typeof (globalThis as { leadpaneSync?: unknown }).leadpaneSync === "object")
        .catch(() => false);
      if (alive) return worker;
    }
    await wakeWorker(profile);
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("no live service worker");
}

/** Sends the worker a runtime message from an extension page, which starts it if Chrome stopped it. */
export async function wakeWorker(profile: Profile): Promise<void> {
  const page =
    profile.context.pages().find((p) => p.url().startsWith(`chrome-extension://${profile.extensionId}/`)) ??
    (await profile.openExtensionPage("options.html"));
  await page.evaluate(() => chrome.runtime.sendMessage({ type: "leadpane/get-sync-state" })).catch(() => undefined);
}

/**
 * Stores a session for `joined` as the options page does, under a new client id (returned). Needs no
 * test hooks, so it signs in the shipped build too.
 */
export async function storeSession(worker: Worker, base: string, joined: Joined): Promise<string> {
  const clientId = randomUUID();
  await worker.evaluate(
    async (session) => {
      await chrome.storage.local.set({ "leadpane.session": session });
    },
    { serverUrl: base, token: joined.token, workspace: joined.workspace, member: joined.member, clientId },
  );
  return clientId;
}

/** Signs a profile in as `joined` (as the options page would) and lets it sync. */
export async function signInProfile(profile: Profile, base: string, joined: Joined): Promise<string> {
  const clientId = await storeSession(await liveWorker(profile), base, joined);
  await syncNow(profile);
  return clientId;
}

/** Starts a sync round in the worker without waiting for it. */
export async function syncNow(profile: Profile): Promise<void> {
  const worker = await liveWorker(profile);
  await worker.evaluate(() => {
    void (globalThis as unknown as { leadpaneSync: { requestSync(): Promise<void> } }).leadpaneSync.requestSync();
  });
}

/** Evaluates in the live worker with the e2e sync hooks (`leadpaneSync`) in scope. */
export async function inWorker<T, A>(profile: Profile, fn: (arg: A) => T | Promise<T>, arg: A): Promise<T> {
  const worker = await liveWorker(profile);
  // Playwright's argument typing (Unboxed<A>) does not accept a generic A; the call is the same.
  return worker.evaluate(fn as (arg: unknown) => T | Promise<T>, arg as unknown);
}

/** Stops every service worker of the profile, as Chrome does with an idle one. */
export async function stopWorkers(context: BrowserContext): Promise<void> {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  await cdp.send("ServiceWorker.enable");
  await cdp.send("ServiceWorker.stopAllWorkers");
  await cdp.detach();
}

/** Every record the server holds for the workspace, through the sync pull. */
export async function serverRecords(
  base: string,
  token: string,
): Promise<Array<{ type: string; id: string; data: Record<string, unknown>; deleted: boolean }>> {
  const out = [];
  let cookie = 0;
  for (;;) {
    const page = await apiCall<{
      cookie: number;
      hasMore: boolean;
      patch: Array<{
        op: string;
        record: { type: string; id: string; data: Record<string, unknown>; deleted: boolean };
      }>;
    }>(
      base,
      "GET",
      `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${randomUUID()}&cookie=${cookie}&limit=5000`,
      token,
    );
    out.push(...page.patch.filter((op) => op.op === "put").map((op) => op.record));
    cookie = page.cookie;
    if (!page.hasMore) return out;
  }
}
