import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { spawnApi } from "../testing/child-api.ts";
import { http, signUp } from "../testing/server.ts";

/**
 * Two real API processes on one libSQL file, as an operator scaling out would run them: every
 * client's state lives in the database, so either process serves any request; pushes hammering
 * both at once wait for the write lock (busy timeout, retry) and never wedge; a push served by
 * one process pokes the other's listeners.
 */

const API_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

let dir: string;
let dbUrl: string;
let a: { url: string; child: ChildProcess };
let b: { url: string; child: ChildProcess };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "leadpane-two-procs-"));
  dbUrl = `file:${join(dir, "shared.db")}`;
  // Started together: they also race to migrate the fresh file.
  [a, b] = await Promise.all([spawnApi(dbUrl), spawnApi(dbUrl)]);
});
afterAll(() => {
  for (const proc of [a, b]) proc?.child.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

let wall = Date.now();
const clock = (node: string) => formatHlc({ wall: ++wall, counter: 0, node });

/** Pushes with the client's retry rule: a 503 (busy past every retry) is retried after a pause. */
async function pushWithRetry(url: string, token: string, body: unknown) {
  for (let tries = 1; ; tries++) {
    const res = await http(url, token)("POST", "/v1/sync/push", body);
    if (res.status !== 503) return { ...res, tries };
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("two API processes on one database file", () => {
  it("serve the same clients exactly once while both are hammered with pushes", async () => {
    const { token } = await signUp(a.url);
    const CLIENTS = 6;
    const BATCHES = 15;
    const PER_BATCH = 40;
    const started = Date.now();
    let slowest = 0;
    await Promise.all(
      Array.from({ length: CLIENTS }, async (_, c) => {
        const clientId = newId();
        for (let batch = 0; batch < BATCHES; batch++) {
          const first = batch * PER_BATCH + 1;
          const mutations = Array.from({ length: PER_BATCH }, (_, i) => ({
            id: first + i,
            name: "create",
            args: { type: "lead", id: newId(), fields: { name: `C${c} M${first + i}`, tags: [`c${c}`] } },
            hlc: clock(clientId),
          }));
          const body = { protocolVersion: PROTOCOL_VERSION, clientId, mutations };
          // Alternate processes, and replay every third batch on the other one (a retried request
          // after a lost answer, landing on another process behind a load balancer).
          const [first_, second] = (batch + c) % 2 ? [a, b] : [b, a];
          const t0 = Date.now();
          const res = await pushWithRetry(first_.url, token, body);
          slowest = Math.max(slowest, Date.now() - t0);
          expect(res.status).toBe(200);
          expect(res.body.results.every((r: { status: string }) => r.status === "applied")).toBe(true);
          if (batch % 3 === 0) {
            const replay = await pushWithRetry(second.url, token, body);
            expect(replay.body.results.every((r: { status: string }) => r.status === "duplicate")).toBe(true);
          }
        }
      }),
    );
    const total = CLIENTS * BATCHES * PER_BATCH;
    console.log(`[two processes] ${total} mutations in ${Date.now() - started} ms; slowest push ${slowest} ms`);

    // Both processes answer pulls identically, with every mutation exactly once.
    const pullAll = async (url: string) => {
      const names: string[] = [];
      let cookie = 0;
      for (;;) {
        const page = await http(url, token)(
          "GET",
          `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${newId()}&cookie=${cookie}&limit=1000`,
        );
        expect(page.status).toBe(200);
        names.push(...page.body.patch.map((op: { record: { data: { name: string } } }) => op.record.data.name));
        cookie = page.body.cookie;
        if (!page.body.hasMore) return names;
      }
    };
    const [fromA, fromB] = await Promise.all([pullAll(a.url), pullAll(b.url)]);
    expect(fromA).toEqual(fromB);
    expect(fromA).toHaveLength(total);
    expect(new Set(fromA).size).toBe(total);

    // Nothing is wedged: a fresh push on each process commits promptly.
    for (const proc of [a, b]) {
      const t0 = Date.now();
      const clientId = newId();
      const res = await http(proc.url, token)("POST", "/v1/sync/push", {
        protocolVersion: PROTOCOL_VERSION,
        clientId,
        mutations: [
          {
            id: 1,
            name: "create",
            args: { type: "lead", id: newId(), fields: { name: "After" } },
            hlc: clock(clientId),
          },
        ],
      });
      expect(res.status).toBe(200);
      expect(Date.now() - t0).toBeLessThan(2000);
    }
  }, 120_000);

  it("pokes a listener on one process when a teammate pushes through the other", async () => {
    const { token } = await signUp(a.url, "Poke Co", "poke@acme.test");
    const pull = await http(b.url, token)(
      "GET",
      `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${newId()}`,
    );
    const controller = new AbortController();
    const stream = await fetch(`${b.url}/v1/sync/poke?cookie=${pull.body.cookie}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: controller.signal,
    });
    expect(stream.headers.get("content-type")).toContain("text/event-stream");
    const reader = stream.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const readUntil = async (needle: string) => {
      while (!text.includes(needle)) {
        const { value, done } = await reader.read();
        if (done) throw new Error(`stream ended before ${needle}: ${text}`);
        text += decoder.decode(value);
      }
    };
    await readUntil("event: ready");
    expect(text).not.toContain("event: poke");
    const clientId = newId();
    const t0 = Date.now();
    await http(a.url, token)("POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        { id: 1, name: "create", args: { type: "lead", id: newId(), fields: { name: "Poked" } }, hlc: clock(clientId) },
      ],
    });
    await readUntil("event: poke");
    expect(Date.now() - t0).toBeLessThan(5000);
    expect(text).toMatch(/event: poke\ndata: \{"version":\d+\}/);
    controller.abort();
  }, 30_000);

  it("recovers when the write lock stays busy past the busy timeout", async () => {
    const { token } = await signUp(a.url, "Busy Co", "busy@acme.test");
    // Another process takes the write lock and keeps it longer than the 10 s busy timeout.
    const holder = spawn(
      process.execPath,
      [
        "--input-type=module",
        "-e",
        `import { createClient } from "@libsql/client";
         const c = createClient({ url: ${JSON.stringify(dbUrl)}, timeout: 10000 });
         const tx = await c.transaction("write");
         console.log("locked");
         setTimeout(async () => { await tx.rollback(); c.close(); }, 11_500);`,
      ],
      { cwd: API_DIR, stdio: ["ignore", "pipe", "inherit"] },
    );
    await new Promise<void>((done) => holder.stdout!.on("data", (d) => String(d).includes("locked") && done()));
    const clientId = newId();
    const body = {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: [
        {
          id: 1,
          name: "create",
          args: { type: "lead", id: newId(), fields: { name: "Waited" } },
          hlc: clock(clientId),
        },
      ],
    };
    // The first attempt times out busy inside process A; its retry gets the lock once freed.
    const res = await pushWithRetry(a.url, token, body);
    expect(res.status).toBe(200);
    expect(res.body.results[0].status).toBe("applied");
    await new Promise((done) => (holder.exitCode !== null ? done(null) : holder.once("exit", done)));
    // And afterwards both processes write promptly: nothing is left holding the lock.
    for (const [i, proc] of [a, b].entries()) {
      const t0 = Date.now();
      const next = {
        id: 2 + i,
        name: "create",
        args: { type: "lead", id: newId(), fields: { name: `Then ${i}` } },
        hlc: clock(clientId),
      };
      const again = await http(proc.url, token)("POST", "/v1/sync/push", { ...body, mutations: [next] });
      expect(again.status).toBe(200);
      expect(again.body.results[0].status).toBe("applied");
      expect(Date.now() - t0).toBeLessThan(2000);
    }
  }, 120_000);
});
