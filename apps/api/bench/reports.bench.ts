/**
 * Each report served by the API (`GET /v1/reports/<name>`, through the app in process, no network)
 * over a 100,000-record workspace in libSQL, beside one plain pass over the same records in the same
 * run: every live record of the workspace read from the same table (`SELECT type, id, data`), its
 * JSON parsed, and counted by type and creation day. Prints the median times and the ratios (goal:
 * each report ≤ 5× the plain pass). Run from the repo root: `npm run bench -- api/bench/reports`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { REPORT_NAMES } from "@leadpane/domain/reports";
import { reportWorkspace } from "../../../packages/domain/bench/report-workspace.ts";
import { createApp } from "../src/app.ts";
import { openDatabase } from "../src/db/client.ts";
import { syncedToRow } from "../src/db/mappers.ts";
import { records } from "../src/db/schema.ts";
import { EnvSchema } from "../src/env.ts";

const TOTAL = Number(process.env.BENCH_REPORT_RECORDS ?? 100_000);
const RUNS = 7;
const dir = mkdtempSync(join(tmpdir(), "leadpane-reports-bench-"));
const dbUrl = `file:${join(dir, "api.db")}`;
const database = await openDatabase(dbUrl);
const app = createApp({
  database,
  env: EnvSchema.parse({
    LEADPANE_DB_URL: dbUrl,
    LEADPANE_LOG: "off",
    LEADPANE_RATE_LIMIT_PER_IP: "0",
    LEADPANE_RATE_LIMIT_PER_TOKEN: "0",
  }),
});
try {
  const signup = await app.request("/v1/workspaces", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Bench", owner: { name: "Bench Owner", email: "owner@bench.test" } }),
  });
  const { workspace, token } = (await signup.json()) as { workspace: { id: string }; token: string };
  const all = reportWorkspace(TOTAL);
  for (let i = 0; i < all.length; i += 500)
    await database.db.insert(records).values(all.slice(i, i + 500).map((r) => syncedToRow(workspace.id, r, i + 1)));

  const plainPass = async () => {
    const rows = await database.db
      .select({ type: records.type, id: records.id, data: records.data })
      .from(records)
      .where(and(eq(records.workspaceId, workspace.id), eq(records.deleted, false)));
    const counts = new Map<string, number>();
    for (const row of rows) {
      const data = JSON.parse(row.data) as { createdAt: string };
      const key = `${row.type} ${data.createdAt.slice(0, 10)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    return counts.size;
  };
  const report = async (name: string) => {
    const res = await app.request(`/v1/reports/${name}?from=2026-01-01&to=2026-12-31`, {
      headers: { authorization: `Bearer ${token}` },
    });
    if (res.status !== 200) throw new Error(`${name}: ${res.status} ${await res.text()}`);
    return res.text();
  };
  const median = async (fn: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const start = performance.now();
      await fn();
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return times[RUNS >> 1]!;
  };
  await plainPass();
  for (const name of REPORT_NAMES) await report(name);
  const plain = await median(plainPass);
  console.log(`${TOTAL.toLocaleString("en")} records in libSQL; plain pass ${plain.toFixed(0)} ms (median of ${RUNS})`);
  let worst = 0;
  for (const name of REPORT_NAMES) {
    const time = await median(() => report(name));
    worst = Math.max(worst, time / plain);
    console.log(
      `  ${name.padEnd(16)} ${time.toFixed(0).padStart(6)} ms   ${(time / plain).toFixed(2)}× the plain pass`,
    );
  }
  console.log(`worst ${worst.toFixed(2)}× (goal ≤ 5×)`);
} finally {
  database.close();
  rmSync(dir, { recursive: true, force: true });
}
