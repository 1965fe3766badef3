/**
 * Push throughput over real HTTP against the real API process, beside plain batched inserts of the
 * same rows through @libsql/client measured in the same run. Prints mutations/s, the ratios, p50/p99
 * push latency and the server's peak RSS.
 * Run from the repo root: `npm run bench -- push` (BENCH_PUSH_MUTATIONS, BENCH_PUSH_CLIENTS tune it).
 *
 * The baselines insert exactly what the pushes stored, read back from the API's database (record
 * rows byte for byte, with their merge metadata), into a fresh file with the API's schema and pager
 * settings, one transaction per push: the record rows alone after each round; after all rounds,
 * every row a push stores (records, match keys, audit entries), once as one INSERT per row and
 * once as one INSERT … json_each per table (how the push path writes: the storage floor).
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
import { createClient, type InStatement, type Row } from "@libsql/client";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { openDatabase } from "../src/db/client.ts";
import { WRITE_PRAGMAS } from "../src/sync/transaction.ts";
import { apiNodeArgs } from "../launch.mjs";

const TOTAL = Number(process.env.BENCH_PUSH_MUTATIONS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_PUSH_CLIENTS ?? 4);
const BATCH = 100;
const IDS = process.env.BENCH_PUSH_IDS === "v4" ? "v4" : "v7";
const recordId = IDS === "v4" ? randomUUID : newId;
const INSERT_RECORD = "INSERT INTO records (workspace_id, type, id, data, meta, deleted, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
const INSERT_KEY = "INSERT INTO record_keys (workspace_id, key, type, id) VALUES (?, ?, ?, ?)";
const INSERT_AUDIT = "INSERT INTO audit_log (workspace_id, member_id, action, record_type, record_id, at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

const dir = mkdtempSync(join(tmpdir(), "leadpane-push-bench-"));
const port = await new Promise<number>((resolve) => {
  const s = createServer().listen(0, "127.0.0.1", () => {
    const { port } = s.address() as { port: number };
    s.close(() => resolve(port));
  });
});
const url = `http://127.0.0.1:${port}`;
const dbUrl = `file:${join(dir, "api.db")}`;
const server = spawn(process.execPath, apiNodeArgs("src/index.ts", process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), {
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
  const storedRounds: Array<Awaited<ReturnType<typeof storedSince>>> = [];
  let seen = await storedSince(0, 0);
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
    // Baselines: what this round's pushes stored, read back and inserted again (see plainInserts).
    const stored = await storedSince(seen.version, seen.auditId);
    seen = stored;
    if (stored.batches.reduce((sum, b) => sum + b.records.length, 0) !== pushed) throw new Error("the pushes did not store one record per mutation");
    const plain = await plainInserts(stored.owners, stored.batches, "records");
    storedRounds.push(stored);
    rounds.push({ push: pushRate, plain });
    console.log(`  round ${round + 1}: push ${Math.round(pushRate)} mutations/s, plain ${Math.round(plain)} rows/s, ratio ${(pushRate / plain).toFixed(2)}`);
  }
  // Context, after the rounds (its heavy writes slowed the push round that followed it): the same
  // batches with every row a push stores, match keys and audit entries included.
  const plainAll: number[] = [];
  const bulkAll: number[] = [];
  for (const stored of storedRounds) {
    plainAll.push(await plainInserts(stored.owners, stored.batches, "all"));
    bulkAll.push(await plainInserts(stored.owners, stored.batches, "all-bulk"));
  }
  const rowsPer = (part: "keys" | "audit") => {
    const batches = storedRounds.flatMap((r) => r.batches);
    return (batches.reduce((sum, b) => sum + b[part].length, 0) / batches.reduce((sum, b) => sum + b.records.length, 0)).toFixed(1);
  };
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  console.log(`push: ${ROUNDS} rounds of ${TOTAL} mutations over HTTP (${CLIENTS} clients, batches of ${BATCH}, UUID${IDS} ids); load average ${loadavg()[0]!.toFixed(1)}`);
  console.log(`  throughput        median ${Math.round(median(rounds.map((r) => r.push)))}, best ${Math.round(Math.max(...rounds.map((r) => r.push)))} mutations/s   (goal ≥ 10,000)`);
  const pushMedian = median(rounds.map((r) => r.push));
  const perRecord = `1 record + ${rowsPer("keys")} match keys + ${rowsPer("audit")} audit rows`;
  console.log(`  vs plain inserts of the same rows (@libsql/client, API schema, one transaction per push; goal ≥ 0.5×):`);
  console.log(`    record rows only    median ${Math.round(median(rounds.map((r) => r.plain)))} rows/s, one INSERT per row: push ${median(rounds.map((r) => r.push / r.plain)).toFixed(2)}× (per round)`);
  console.log(`    every stored row    ${Math.round(median(plainAll))} records/s (${perRecord}), one INSERT per row: push ${(pushMedian / median(plainAll)).toFixed(2)}×`);
  console.log(`    every stored row    ${Math.round(median(bulkAll))} records/s, one INSERT … json_each per table (the storage floor): push ${(pushMedian / median(bulkAll)).toFixed(2)}×`);
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

function rowStatements(batch: StoredBatch, withKeysAndAudit: boolean): InStatement[] {
  const values = (row: Row, columns: string[]) => columns.map((c) => row[c] ?? null);
  const statements: InStatement[] = batch.records.map((r) => ({ sql: INSERT_RECORD, args: values(r, ["workspace_id", "type", "id", "data", "meta", "deleted", "version", "created_at", "updated_at"]) }));
  if (!withKeysAndAudit) return statements;
  for (const k of batch.keys) statements.push({ sql: INSERT_KEY, args: values(k, ["workspace_id", "key", "type", "id"]) });
  for (const a of batch.audit) statements.push({ sql: INSERT_AUDIT, args: values(a, ["workspace_id", "member_id", "action", "record_type", "record_id", "at", "detail"]) });
  return statements;
}

function bulkStatements(batch: StoredBatch): InStatement[] {
  const each = (columns: string[], rows: Row[]) => JSON.stringify(rows.map((row) => columns.map((c) => row[c] ?? null)));
  const select = (n: number) => Array.from({ length: n }, (_, i) => `value ->> ${i}`).join(", ");
  const recordColumns = ["workspace_id", "type", "id", "data", "meta", "deleted", "version", "created_at", "updated_at"];
  const keyColumns = ["workspace_id", "key", "type", "id"];
  const auditColumns = ["workspace_id", "member_id", "action", "record_type", "record_id", "at", "detail"];
  return [
    { sql: `INSERT INTO records (${recordColumns.join(", ")}) SELECT ${select(recordColumns.length)} FROM json_each(?)`, args: [each(recordColumns, batch.records)] },
    { sql: `INSERT INTO record_keys (${keyColumns.join(", ")}) SELECT ${select(keyColumns.length)} FROM json_each(?)`, args: [each(keyColumns, batch.keys)] },
    { sql: `INSERT INTO audit_log (${auditColumns.join(", ")}) SELECT ${select(auditColumns.length)} FROM json_each(?)`, args: [each(auditColumns, batch.audit)] },
  ];
}

/** The rows one push stored, read back from the API's database: one batch per workspace version. */
interface StoredBatch {
  /** The workspace and member rows the others refer to (foreign keys), on the first batch. */
  owners?: Row[][];
  records: Row[];
  keys: Row[];
  audit: Row[];
}

/**
 * Reads back exactly what the pushes of one round stored (records with their data and meta bytes,
 * match keys, audit entries), grouped by the version each push wrote, so the baseline inserts the
 * same rows in the same batches.
 */
async function storedSince(version: number, auditId: number): Promise<{ owners: Row[][]; batches: StoredBatch[]; version: number; auditId: number }> {
  const reader = createClient({ url: dbUrl });
  try {
    const records = (await reader.execute({ sql: "SELECT * FROM records WHERE version > ? ORDER BY version", args: [version] })).rows;
    const keys = (await reader.execute({ sql: "SELECT k.*, r.version AS v FROM record_keys k JOIN records r USING (workspace_id, type, id) WHERE r.version > ?", args: [version] })).rows;
    const audit = (await reader.execute({ sql: "SELECT * FROM audit_log WHERE id > ? ORDER BY id", args: [auditId] })).rows;
    const byVersion = new Map<number, StoredBatch>();
    const batch = (v: number) => byVersion.get(v) ?? byVersion.set(v, { records: [], keys: [], audit: [] }).get(v)!;
    const versionOf = new Map<string, number>();
    for (const row of records) {
      batch(Number(row.version)).records.push(row);
      versionOf.set(`${String(row.type)}:${String(row.id)}`, Number(row.version));
    }
    for (const row of keys) batch(Number(row.v)).keys.push(row);
    for (const row of audit) batch(versionOf.get(`${String(row.record_type)}:${String(row.record_id)}`) ?? 0).audit.push(row);
    const owners = [(await reader.execute("SELECT * FROM workspaces")).rows, (await reader.execute("SELECT * FROM members")).rows];
    return {
      owners,
      batches: [...byVersion.entries()].sort(([a], [b]) => a - b).map(([, b]) => b),
      version: Math.max(version, ...records.map((r) => Number(r.version))),
      auditId: Math.max(auditId, ...audit.map((r) => Number(r.id))),
    };
  } finally {
    reader.close();
  }
}

/**
 * A baseline: the stored rows inserted again through @libsql/client into a fresh file with the
 * API's own schema (its migrations) and pager settings, one write transaction per push's batch.
 * - `records`: the record rows alone, one INSERT per row (a plain batched insert);
 * - `all`: every row a push stores (records, their match keys, audit entries), one INSERT per row;
 * - `all-bulk`: the same rows with one INSERT … SELECT FROM json_each per table and batch, the way
 *   the push path writes them: the storage floor for what a push stores.
 */
async function plainInserts(owners: Row[][], batches: StoredBatch[], mode: "records" | "all" | "all-bulk"): Promise<number> {
  const baseDir = mkdtempSync(join(tmpdir(), "leadpane-plain-bench-"));
  const database = await openDatabase(`file:${join(baseDir, "plain.db")}`);
  const client = database.client;
  try {
    for (const pragma of WRITE_PRAGMAS) await client.execute(pragma);
    for (const [table, rows] of [["workspaces", owners[0]!], ["members", owners[1]!]] as const) {
      for (const row of rows) {
        const columns = Object.keys(row);
        await client.execute({ sql: `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`, args: columns.map((c) => row[c] ?? null) });
      }
    }
    const insertAll = async () => {
      for (const batch of batches) await client.batch(mode === "all-bulk" ? bulkStatements(batch) : rowStatements(batch, mode === "all"), "write");
    };
    // Warm-up pass, then emptied: the timed pass then writes into files that already have their
    // size, as the API's long-lived database file does (growing a fresh file costs every commit
    // a metadata sync, which would flatter the push).
    await insertAll();
    for (const table of ["records", "record_keys", "audit_log"]) await client.execute(`DELETE FROM ${table}`);
    await client.execute("PRAGMA wal_checkpoint(RESTART)");
    const rows = batches.reduce((sum, batch) => sum + batch.records.length, 0);
    const started = performance.now();
    await insertAll();
    return rows / ((performance.now() - started) / 1000);
  } finally {
    database.close();
    rmSync(baseDir, { recursive: true, force: true });
  }
}
