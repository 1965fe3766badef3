/**
 * The API's memory under concurrent first loads: six fresh clients pull a 5,000-record workspace
 * at once, every page at the largest limit (5,000), from the real API process. Records are notes
 * with long bodies (BENCH_MEMORY_BODY characters, default 16,000: ~80 MB of record text in all), the
 * case where a page bounded only by its count would be hundreds of megabytes per puller. Prints the
 * server's peak RSS (VmHWM) beside its own idle baseline measured in the same run (after start and
 * seeding). Goal: under 400 MB.
 * Run from the repo root: `npm run bench -- memory` (BENCH_MEMORY_RECORDS, BENCH_MEMORY_PULLERS tune it).
 */
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { loadavg } from "node:os";
import { createClient } from "@libsql/client";
import { applyMutation, formatHlc, PROTOCOL_VERSION, type SyncedRecord } from "@leadpane/domain/sync";
import { peakRssMiB, startBenchApi } from "./bench-api.ts";

const RECORDS = Number(process.env.BENCH_MEMORY_RECORDS ?? 5000);
const PULLERS = Number(process.env.BENCH_MEMORY_PULLERS ?? 6);
const BODY = Number(process.env.BENCH_MEMORY_BODY ?? 16_000);
const GOAL_MIB = 400;

const { url, dir, dbUrl, server, signup } = await startBenchApi("memory");

try {
  const storedMiB = await seed(signup.workspace.id, signup.member.id);
  // The seeding outlasts the server's keep-alive timeout: the sign-up's socket may be closing just
  // as the first pull reuses it. One request that may fail takes it out of the pool.
  await fetch(`${url}/healthz`).catch(() => undefined);

  // Baseline: one client's whole pull alone, after which the idle peak is read.
  await pullAll(signup.token);
  const idle = peakRssMiB(server.pid);
  const started = performance.now();
  const pulled = await Promise.all(Array.from({ length: PULLERS }, () => pullAll(signup.token)));
  const seconds = (performance.now() - started) / 1000;
  for (const { records } of pulled)
    if (records !== RECORDS) throw new Error(`a client pulled ${records} of ${RECORDS} records`);
  const peak = peakRssMiB(server.pid);
  console.log(
    `memory: ${PULLERS} concurrent first loads of a ${RECORDS.toLocaleString()}-record workspace ` +
      `(${storedMiB.toFixed(0)} MiB of record text, limit 5,000); load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `  server peak RSS   ${peak.toFixed(0)} MiB (goal < ${GOAL_MIB} MiB); baseline: peak after one pull ` +
      `alone ${idle.toFixed(0)} MiB`,
  );
  console.log(
    `  pages per client  ${pulled[0]!.pages} (bounded by bytes), all ${PULLERS} done in ${seconds.toFixed(1)} s`,
  );
} finally {
  server.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
}

/** A fresh client's whole first load, page after page, each page parsed as the client does. */
async function pullAll(token: string): Promise<{ records: number; pages: number }> {
  const clientId = randomUUID();
  let cookie = 0;
  let records = 0;
  let pages = 0;
  for (;;) {
    const response = await fetch(
      `${url}/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}&cookie=${cookie}&limit=5000`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    if (!response.ok) throw new Error(`pull failed: ${response.status} ${await response.text()}`);
    const page = (await response.json()) as { cookie: number; hasMore: boolean; patch: unknown[] };
    records += page.patch.length;
    pages += 1;
    cookie = page.cookie;
    if (!page.hasMore) return { records, pages };
  }
}

/**
 * Writes the notes straight into the API's database file (the push path has its own bench), built
 * by the domain's own `create`, 100 per version. Returns the stored record text in MiB.
 */
async function seed(workspaceId: string, memberId: string): Promise<number> {
  const client = createClient({ url: dbUrl, timeout: 10_000 });
  const reader = { get: async () => undefined };
  const now = new Date().toISOString();
  let wall = Date.now() - 86_400_000;
  const body = "Call notes: budget approved, next step a demo with the team. ".repeat(BODY / 60).slice(0, BODY);
  const make = async (type: string, fields: Record<string, unknown>): Promise<SyncedRecord> => {
    const hlc = formatHlc({ wall: ++wall, counter: 0, node: "seed" });
    const result = await applyMutation(
      reader,
      "create",
      { type, id: randomUUID(), fields },
      { now, hlc, actorId: memberId, defaultRegion: "US" },
    );
    if (!result.ok) throw new Error(`seed ${type}: ${result.error.message}`);
    return result.changed[0]!;
  };
  const lead = await make("lead", { name: "Subject lead" });
  let bytes = 0;
  let version = 0;
  for (let i = 0; i < RECORDS; i += 100) {
    version += 1;
    const chunk: SyncedRecord[] = [];
    for (let n = i; n < Math.min(RECORDS, i + 100); n++)
      chunk.push(
        await make("activity", {
          type: "note",
          subject: { type: "lead", id: lead.id },
          body: `${n} ${body}`.slice(0, BODY),
          occurredAt: now,
        }),
      );
    await client.batch(
      chunk.map((r) => {
        const data = JSON.stringify(r.data);
        const meta = JSON.stringify(r.meta);
        bytes += data.length + meta.length;
        return {
          sql:
            "INSERT INTO records (workspace_id, type, id, data, meta, deleted, " +
            "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
          args: [workspaceId, r.type, r.id, data, meta, version, now, now],
        };
      }),
      "write",
    );
  }
  await client.execute({ sql: "UPDATE workspaces SET version = ? WHERE id = ?", args: [version, workspaceId] });
  client.close();
  return bytes / 1024 / 1024;
}
