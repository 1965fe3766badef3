import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import {
  applyLocal,
  applyPull,
  applyPushResponse,
  HlcClock,
  MemoryReplica,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  type SyncedRecord,
} from "@leadpane/domain/sync";
import { startApi, type ApiProcess } from "./support/api-process.ts";

/**
 * Crash test: several clients (the extension's client algorithm over memory, talking real HTTP)
 * push under load while the real API process is killed with SIGKILL at random moments. After the
 * last restart every acknowledged mutation is on the server exactly once, every outbox drains, and
 * every replica equals the server.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const CLIENTS = 4;

let api: ApiProcess;
beforeAll(async () => {
  api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
});
afterAll(async () => api?.dispose());

interface SimClient {
  clientId: string;
  token: string;
  replica: MemoryReplica;
  clock: HlcClock;
  nextId: number;
  /** Names of the leads created by mutations the server acknowledged (committed). */
  acknowledged: Set<string>;
  made: number;
  failures: number;
  /** Mutations the server had already processed when pushed again (their first answer was lost). */
  duplicates: number;
}

async function request<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${api.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

async function makeChange(client: SimClient): Promise<void> {
  const name = `${client.clientId.slice(-6)}-${client.nextId}`;
  const mutation = { id: client.nextId, name: "create", args: { type: "lead", id: newId(), fields: { name, tags: ["load"] } }, hlc: client.clock.tick(), createdAt: new Date().toISOString() };
  const result = await applyLocal(client.replica, mutation, { actorId: null, defaultRegion: "US" });
  expect(result.ok).toBe(true);
  client.replica.outbox.push(mutation);
  client.nextId += 1;
  client.made += 1;
}

/** One push of up to 50 pending mutations; a dead server is just a failed attempt. */
async function pushOnce(client: SimClient): Promise<void> {
  const batch = client.replica.outbox.slice(0, 50);
  if (!batch.length) return;
  try {
    const body = await request<PushResponse>(client.token, "POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId: client.clientId,
      mutations: batch.map(({ id, name, args, hlc }) => ({ id, name, args, hlc })),
    });
    for (const m of batch) if (m.id <= body.lastMutationId) client.acknowledged.add((m.args as { fields: { name: string } }).fields.name);
    client.duplicates += body.results.filter((r) => r.status === "duplicate").length;
    await applyPushResponse(client.replica, body);
  } catch {
    client.failures += 1;
  }
}

async function pullAll(client: SimClient): Promise<void> {
  for (;;) {
    const fromCookie = client.replica.cookie;
    const page = await request<PullResponse>(
      client.token,
      "GET",
      `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${client.clientId}&cookie=${fromCookie}&limit=500`,
    );
    const outcome = await applyPull(client.replica, fromCookie, page, client.clientId, { actorId: null, defaultRegion: "US" });
    if (outcome.latestClock) client.clock.receive(outcome.latestClock);
    if (!page.hasMore) return;
  }
}

describe("crash: the API is SIGKILLed under load", () => {
  it(`loses no acknowledged mutation and applies none twice across ${KILLS} kills`, async () => {
    const signup = await fetch(`${api.url}/v1/workspaces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Crash Co", owner: { name: "Olivia Owner", email: "owner@crash.test" } }),
    });
    const { token } = (await signup.json()) as { token: string };
    const clients: SimClient[] = Array.from({ length: CLIENTS }, () => {
      const clientId = newId();
      return { clientId, token, replica: new MemoryReplica(), clock: new HlcClock(clientId), nextId: 1, acknowledged: new Set(), made: 0, failures: 0, duplicates: 0 };
    });

    let loading = true;
    const load = clients.map(async (client) => {
      while (loading) {
        // Like a rep who keeps working while the server is down, up to a bounded backlog.
        if (client.replica.outbox.length < 200) for (let i = 0; i < 5; i++) await makeChange(client);
        await pushOnce(client);
        // A server that is down answers at once: do not spin.
        if (client.failures) await new Promise((r) => setTimeout(r, 20));
      }
    });

    let killed = 0;
    while (killed < KILLS) {
      // A random moment: somewhere in the middle of pushes in flight.
      await new Promise((r) => setTimeout(r, 150 + Math.random() * 600));
      await api.stop({ crash: true });
      killed += 1;
      await api.restart();
    }
    loading = false;
    await Promise.all(load);
    const loadEnded = Date.now();

    // Everyone drains after the last restart.
    for (const client of clients) {
      for (let guard = 0; client.replica.outbox.length; guard++) {
        expect(guard).toBeLessThan(10_000);
        await pushOnce(client);
      }
    }
    for (const client of clients) await pullAll(client);

    const server = await serverRecords(token);
    const names = server.map((r) => String(r.data.name));
    const made = clients.reduce((n, c) => n + c.made, 0);
    const failures = clients.reduce((n, c) => n + c.failures, 0);
    console.log(`[crash] drain and compare took ${Date.now() - loadEnded} ms`);
    const duplicates = clients.reduce((n, c) => n + c.duplicates, 0);
    console.log(`[crash] ${killed} kills, ${made} mutations, ${failures} failed pushes, ${duplicates} mutations re-pushed after a lost answer (skipped as duplicates)`);
    expect(failures).toBeGreaterThan(0);
    // Exactly once: one lead per mutation made, no duplicates, every acknowledged one present.
    expect(names).toHaveLength(made);
    expect(new Set(names).size).toBe(made);
    const present = new Set(names);
    for (const client of clients) for (const name of client.acknowledged) expect(present.has(name), `acknowledged ${name} lost`).toBe(true);
    for (const client of clients) {
      expect(client.replica.outbox).toEqual([]);
      const view = sortById([...client.replica.records.values()]);
      expect(JSON.stringify(view)).toBe(JSON.stringify(sortById(server)));
    }
  }, 600_000);
});

async function serverRecords(token: string): Promise<SyncedRecord[]> {
  const out: SyncedRecord[] = [];
  let cookie = 0;
  for (;;) {
    const page = await request<PullResponse>(token, "GET", `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${newId()}&cookie=${cookie}&limit=5000`);
    for (const op of page.patch) if (op.op === "put") out.push(op.record);
    cookie = page.cookie;
    if (!page.hasMore) return out;
  }
}

function sortById(records: SyncedRecord[]): SyncedRecord[] {
  return [...records].sort((a, b) => (`${a.type}:${a.id}` < `${b.type}:${b.id}` ? -1 : 1));
}
