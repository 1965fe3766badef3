/**
 * Push throughput over real HTTP against the real API process, beside plain batched inserts of the
 * same rows through @libsql/client measured in the same run (the ceiling for this machine's disk
 * and libSQL). Prints mutations/s, the ratio, p50/p99 push latency and the server's peak RSS.
 * Run from the repo root: `npm run bench -- push` (BENCH_PUSH_MUTATIONS, BENCH_PUSH_CLIENTS tune it).
 *
 * Record ids are UUIDv7, as every client generates them (`newId`, docs/sync-protocol.md): time-ordered,
 * so new rows land at the end of the primary-key indexes. `BENCH_PUSH_IDS=v4` uses random UUIDv4
 * instead (what this bench used before; no client sends those), for comparison: every insert then
 * lands on a random index page, for push and plain inserts alike.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";

const TOTAL = Number(process.env.BENCH_PUSH_MUTATIONS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_PUSH_CLIENTS ?? 4);
const BATCH = 100;
const IDS = process.env.BENCH_PUSH_IDS === "v4" ? "v4" : "v7";
const recordId = IDS === "v4" ? randomUUID : newId;

const dir = mkdtempSync(join(tmpdir(), "leadpane-push-bench-"));
const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
const url = `http://127.0.0.1:${port}`;
const dbUrl = `file:${join(dir, "api.db")}`;
const server = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), "--import", "tsx", "src/index.ts"], {
  env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", LEADPANE_DB_URL: dbUrl, LEADPANE_LOG: "off", LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" },
  stdio: ["ignore", "ignore", "inherit"],
});

/** Peak resident set of the server process (VmHWM), in MiB. */
function peakRssMiB(): number {
  const status = readFileSync(`/proc/${server.pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

try {
  for (const deadline = Date.now() + 30_000; ; ) {
    if (await fetch(`${url}/healthz`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error("API did not start");
    await new Promise((r) => setTimeout(r, 100));
  }
  const signup = (await (
    await fetch(`${url}/v1/workspaces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Bench", owner: { name: "Bench Owner", email: "owner@bench.test" } }),
    })
  ).json()) as { token: string; workspace: { id: string } };
  const rssIdle = peakRssMiB();

  // The workload: lead creates, as a capture session produces them, from fresh clients per round.
  let wall = Date.now();
  let n = 0;
  const workload = () =>
    Array.from({ length: CLIENTS }, () => randomUUID()).map((clientId) => ({
      clientId,
      batches: Array.from({ length: Math.ceil(TOTAL / CLIENTS / BATCH) }, (_, b) =>
        Array.from({ length: BATCH }, (_, i) => {
          n += 1;
          return {
            id: b * BATCH + i + 1,
            name: "create",
            args: { type: "lead", id: recordId(), fields: { name: `Lead ${n}`, title: "VP Sales", emails: [`lead${n}@corp${n % 997}.test`], tags: ["bench"] } },
            hlc: formatHlc({ wall: ++wall, counter: 0, node: clientId }),
          };
        }),
      ),
    }));

  // Warm up (JIT, page cache, connection) with one small push that is not counted.
  await push(randomUUID(), [{ id: 1, name: "create", args: { type: "lead", id: recordId(), fields: { name: "Warm" } }, hlc: formatHlc({ wall: ++wall, counter: 0, node: "warm" }) }]);

  // Rounds alternate push and plain inserts, so both see the same (shared, noisy) machine.
  const latencies: number[] = [];
  const rounds: Array<{ push: number; plain: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    const clients = workload();
    const started = performance.now();
    await Promise.all(
      clients.map(async ({ clientId, batches }) => {
        for (const mutations of batches) {
          const t0 = performance.now();
          const body = await push(clientId, mutations);
          latencies.push(performance.now() - t0);
          if (body.lastMutationId !== mutations.at(-1)!.id) throw new Error(`push not acknowledged: ${JSON.stringify(body).slice(0, 300)}`);
        }
      }),
    );
    const pushed = clients.reduce((sum, c) => sum + c.batches.flat().length, 0);
    const pushRate = pushed / ((performance.now() - started) / 1000);
    // Baseline: the same rows (as the records table stores them) inserted in batches of 100,
    // one write transaction per batch, into a fresh file through @libsql/client.
    const plainRate = await plainInserts(clients.flatMap((c) => c.batches.flat().map((m) => m.args)));
    rounds.push({ push: pushRate, plain: plainRate });
    console.log(`  round ${round + 1}: push ${Math.round(pushRate)} mutations/s, plain ${Math.round(plainRate)} rows/s, ratio ${(pushRate / plainRate).toFixed(2)}`);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  console.log(`push: ${ROUNDS} rounds of ${TOTAL} mutations over HTTP (${CLIENTS} clients, batches of ${BATCH}, UUID${IDS} ids); load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`  throughput        median ${Math.round(median(rounds.map((r) => r.push)))}, best ${Math.round(Math.max(...rounds.map((r) => r.push)))} mutations/s   (goal ≥ 10,000)`);
  console.log(`  plain inserts     median ${Math.round(median(rounds.map((r) => r.plain)))} rows/s (same rows, @libsql/client batches of ${BATCH})`);
  console.log(`  ratio             median ${median(rounds.map((r) => r.push / r.plain)).toFixed(2)}× plain   (goal ≥ 0.5)`);
  console.log(`  push latency      p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms (${latencies.length} pushes of ${BATCH}, ${CLIENTS} concurrent)`);
  console.log(`  server peak RSS   ${peakRssMiB().toFixed(0)} MiB (idle after start ${rssIdle.toFixed(0)} MiB)`);

  async function push(clientId: string, mutations: unknown[]): Promise<{ lastMutationId: number }> {
    const response = await fetch(`${url}/v1/sync/push`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${signup.token}` },
      body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId, mutations }),
    });
    if (!response.ok) throw new Error(`push failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { lastMutationId: number };
  }
} finally {
  // SIGTERM lets a profiled server write its profile; then make sure it is gone.
  server.kill(process.env.BENCH_PROFILE ? "SIGINT" : "SIGKILL");
  await new Promise((r) => setTimeout(r, process.env.BENCH_PROFILE ? 3000 : 0));
  server.kill("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
}

async function plainInserts(rows: Array<{ type: string; id: string; fields: Record<string, unknown> }>): Promise<number> {
  const baseDir = mkdtempSync(join(tmpdir(), "leadpane-plain-bench-"));
  const client = createClient({ url: `file:${join(baseDir, "plain.db")}` });
  try {
    await client.execute("PRAGMA journal_mode=WAL");
    await client.execute(
      "CREATE TABLE records (workspace_id TEXT NOT NULL, type TEXT NOT NULL, id TEXT NOT NULL, data TEXT NOT NULL, meta TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0, version INTEGER NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, PRIMARY KEY (workspace_id, type, id))",
    );
    await client.execute("CREATE INDEX records_version ON records (workspace_id, version)");
    const workspace = randomUUID();
    const now = new Date().toISOString();
    const started = performance.now();
    for (let i = 0; i < rows.length; i += BATCH) {
      const version = i / BATCH + 1;
      await client.batch(
        rows.slice(i, i + BATCH).map((row) => ({
          sql: "INSERT INTO records (workspace_id, type, id, data, meta, deleted, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
          args: [workspace, row.type, row.id, JSON.stringify({ id: row.id, ...row.fields }), JSON.stringify({ clocks: {}, sets: {}, history: [] }), version, now, now],
        })),
        "write",
      );
    }
    return rows.length / ((performance.now() - started) / 1000);
  } finally {
    client.close();
    rmSync(baseDir, { recursive: true, force: true });
  }
}
