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
 * once as one INSERT … json_each per table (the storage floor; the push path writes its records with a
 * kept multi-row INSERT … VALUES instead, measured cheaper, and keys and audit entries with json_each).
 *
 * Record ids are UUIDv7, as every client generates them (`newId`, docs/sync-protocol.md): time-ordered,
 * so new rows land at the end of the primary-key indexes. `BENCH_PUSH_IDS=v4` uses random UUIDv4
 * instead (what this bench used before; no client sends those), for comparison: every insert then
 * lands on a random index page, for push and plain inserts alike.
 */
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { createClient, type ResultSet } from "@libsql/client";
import { newId } from "@leadpane/domain";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { peakRssMiB, startBenchApi } from "./bench-api.ts";
import type { BaselineMode, StoredBatch, StoredRow, StoredRows } from "./plain-inserts.ts";

const TOTAL = Number(process.env.BENCH_PUSH_MUTATIONS ?? 20_000);
const ROUNDS = Number(process.env.BENCH_PUSH_ROUNDS ?? 3);
const CLIENTS = Number(process.env.BENCH_PUSH_CLIENTS ?? 4);
const BATCH = 100;
const IDS = process.env.BENCH_PUSH_IDS === "v4" ? "v4" : "v7";
const recordId = IDS === "v4" ? randomUUID : newId;

const { url, dir, dbUrl, server, signup } = await startBenchApi(
  "push",
  process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
);

try {
  const rssIdle = peakRssMiB(server.pid);

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
            args: {
              type: "lead",
              id: recordId(),
              fields: {
                name: `Lead ${n}`,
                title: "VP Sales",
                emails: [`lead${n}@corp${n % 997}.test`],
                tags: ["bench"],
              },
            },
            hlc: formatHlc({ wall: ++wall, counter: 0, node: clientId }),
          };
        }),
      ),
    }));

  // Warm up (JIT, page cache, connection) with one small push that is not counted.
  await push(randomUUID(), [
    {
      id: 1,
      name: "create",
      args: { type: "lead", id: recordId(), fields: { name: "Warm" } },
      hlc: formatHlc({ wall: ++wall, counter: 0, node: "warm" }),
    },
  ]);

  // The push rounds run back to back, the baselines after them: a baseline run between two rounds
  // slowed the round after it by about a fifth (measured 12.7–13.3k mutations/s back to back vs
  // 9.5–10.7k right after a baseline; flushing the disk in between won back only part of it).
  const latencies: number[] = [];
  const pushRates: number[] = [];
  const roundRanges: Array<{ from: StoredPosition; to: StoredPosition; pushed: number }> = [];
  let seen = await storedPosition();
  for (let round = 0; round < ROUNDS; round++) {
    const clients = workload();
    const started = performance.now();
    await Promise.all(
      clients.map(async ({ clientId, batches }) => {
        for (const mutations of batches) {
          const t0 = performance.now();
          const body = await push(clientId, mutations);
          latencies.push(performance.now() - t0);
          if (body.lastMutationId !== mutations.at(-1)!.id)
            throw new Error(`push not acknowledged: ${JSON.stringify(body).slice(0, 300)}`);
        }
      }),
    );
    const pushed = clients.reduce((sum, c) => sum + c.batches.flat().length, 0);
    pushRates.push(pushed / ((performance.now() - started) / 1000));
    const next = await storedPosition();
    roundRanges.push({ from: seen, to: next, pushed });
    seen = next;
  }

  // Baselines: what each round's pushes stored, read back and inserted again (see plainInserts).
  const rounds: Array<{ push: number; plain: number; all: number; bulk: number }> = [];
  const counted = { records: 0, keys: 0, audit: 0 };
  for (const [i, range] of roundRanges.entries()) {
    const stored = await storedSince(range.from, range.to);
    for (const batch of stored.batches)
      for (const part of ["records", "keys", "audit"] as const) counted[part] += batch[part].length;
    if (stored.batches.reduce((sum, b) => sum + b.records.length, 0) !== range.pushed)
      throw new Error("the pushes did not store one record per mutation");
    const round = {
      push: pushRates[i]!,
      plain: baseline(stored, "records"),
      all: baseline(stored, "all"),
      bulk: baseline(stored, "all-bulk"),
    };
    rounds.push(round);
    console.log(
      `  round ${i + 1}: push ${Math.round(round.push)} mutations/s; plain record ` +
        `rows ${Math.round(round.plain)}/s (${(round.push / round.plain).toFixed(2)}×), ` +
        `every stored row ${Math.round(round.all)}/s (${(round.push / round.all).toFixed(2)}×), ` +
        `bulk ${Math.round(round.bulk)}/s (${(round.push / round.bulk).toFixed(2)}×)`,
    );
  }
  const rowsPer = (part: "keys" | "audit") => (counted[part] / counted.records).toFixed(1);
  const ratio = (baseline: "plain" | "all" | "bulk") => median(rounds.map((r) => r.push / r[baseline])).toFixed(2);
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

  console.log(
    `push: ${ROUNDS} rounds of ${TOTAL} mutations over HTTP (${CLIENTS} clients, ` +
      `batches of ${BATCH}, UUID${IDS} ids); load average ${loadavg()[0]!.toFixed(1)}`,
  );
  console.log(
    `  throughput        median ${Math.round(median(rounds.map((r) => r.push)))}, best ` +
      `${Math.round(Math.max(...rounds.map((r) => r.push)))} mutations/s   (goal ≥ 10,000)`,
  );
  const perRecord = `1 record + ${rowsPer("keys")} match keys + ${rowsPer("audit")} audit rows`;
  console.log(
    `  vs plain inserts of the same rows (@libsql/client, API schema, ` +
      `one transaction per push; goal ≥ 0.5×), median of per-round ratios:`,
  );
  console.log(
    `    record rows only    ${Math.round(median(rounds.map((r) => r.plain)))} ` +
      `rows/s, one INSERT per row: push ${ratio("plain")}×`,
  );
  console.log(
    `    every stored row    ${Math.round(median(rounds.map((r) => r.all)))} ` +
      `records/s (${perRecord}), one INSERT per row: push ${ratio("all")}×`,
  );
  console.log(
    `    every stored row    ${Math.round(median(rounds.map((r) => r.bulk)))} records/s, ` +
      `one INSERT … json_each per table (the storage floor): push ${ratio("bulk")}×`,
  );
  console.log(
    `  push latency      p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ` +
      `ms (${latencies.length} pushes of ${BATCH}, ${CLIENTS} concurrent)`,
  );
  console.log(
    `  server peak RSS   ${peakRssMiB(server.pid).toFixed(0)} MiB (idle after start ${rssIdle.toFixed(0)} MiB)`,
  );

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

/**
 * Reads back exactly what the pushes of one round stored (records with their data and meta bytes,
 * match keys, audit entries), grouped by the version each push wrote, so the baseline inserts the
 * same rows in the same batches.
 */
interface StoredPosition {
  version: number;
  auditId: number;
}

/** Where the API's database is now: its last version and audit id. */
async function storedPosition(): Promise<StoredPosition> {
  const reader = createClient({ url: dbUrl });
  try {
    const row = plainRows(
      await reader.execute(
        "SELECT (SELECT COALESCE(MAX(version), 0) FROM records) AS " +
          "version, (SELECT COALESCE(MAX(id), 0) FROM audit_log) AS audit_id",
      ),
    )[0]!;
    return { version: Number(row.version), auditId: Number(row.audit_id) };
  } finally {
    reader.close();
  }
}

async function storedSince(
  from: StoredPosition,
  to: StoredPosition = { version: Number.MAX_SAFE_INTEGER, auditId: Number.MAX_SAFE_INTEGER },
): Promise<StoredRows & { next: StoredPosition }> {
  const { version, auditId } = from;
  const reader = createClient({ url: dbUrl });
  try {
    const records = plainRows(
      await reader.execute({
        sql: "SELECT * FROM records WHERE version > ? AND version <= ? ORDER BY version",
        args: [version, to.version],
      }),
    );
    const keys = plainRows(
      await reader.execute({
        sql:
          "SELECT k.*, r.version AS v FROM record_keys k JOIN records r USING " +
          "(workspace_id, type, id) WHERE r.version > ? AND r.version <= ?",
        args: [version, to.version],
      }),
    );
    const audit = plainRows(
      await reader.execute({
        sql: "SELECT * FROM audit_log WHERE id > ? AND id <= ? ORDER BY id",
        args: [auditId, to.auditId],
      }),
    );
    const byVersion = new Map<number, StoredBatch>();
    const batch = (v: number) => byVersion.get(v) ?? byVersion.set(v, { records: [], keys: [], audit: [] }).get(v)!;
    const versionOf = new Map<string, number>();
    for (const row of records) {
      batch(Number(row.version)).records.push(row);
      versionOf.set(`${String(row.type)}:${String(row.id)}`, Number(row.version));
    }
    for (const row of keys) batch(Number(row.v)).keys.push(row);
    for (const row of audit)
      batch(versionOf.get(`${String(row.record_type)}:${String(row.record_id)}`) ?? 0).audit.push(row);
    const owners = [
      plainRows(await reader.execute("SELECT * FROM workspaces")),
      plainRows(await reader.execute("SELECT * FROM members")),
    ];
    return {
      owners,
      batches: [...byVersion.entries()].sort(([a], [b]) => a - b).map(([, b]) => b),
      next: {
        version: Math.max(version, ...records.map((r) => Number(r.version))),
        auditId: Math.max(auditId, ...audit.map((r) => Number(r.id))),
      },
    };
  } finally {
    reader.close();
  }
}

/**
 * Runs one baseline (plain-inserts.ts) in a fresh process, as the API runs in its own: run in this
 * one, each baseline measured slower the more baselines had run before it.
 */
function baseline(stored: StoredRows, mode: BaselineMode): number {
  const file = join(dir, `baseline-${mode}.json`);
  writeFileSync(file, JSON.stringify(stored));
  const run = spawnSync(process.execPath, ["--import", "tsx", "bench/plain-inserts.ts", file, mode], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "inherit"],
  });
  rmSync(file, { force: true });
  const rate = Number(run.stdout.trim());
  if (run.status !== 0 || !(rate > 0)) throw new Error(`baseline ${mode} failed (exit ${run.status}): ${run.stdout}`);
  return rate;
}

/** A result's rows as plain objects (column to value), to hand to the baseline process as JSON. */
function plainRows(result: ResultSet): StoredRow[] {
  return result.rows.map((row) =>
    Object.fromEntries(result.columns.map((column) => [column, row[column] as StoredRow[string]])),
  );
}
