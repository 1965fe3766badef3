/**
 * Each report over a 100,000-record workspace in memory (what the dashboard's Reports view computes
 * from its local copy) beside one plain pass over the same records in the same run: a group-by that
 * reads every record's type, deleted flag and creation day and counts them in a Map. Prints the
 * median times and the ratios (goal: each report ≤ 5× the plain pass).
 * Run from the repo root: `npm run bench -- reports` (BENCH_REPORT_RECORDS sizes it).
 */
import { REPORT_NAMES, runReport } from "../src/reports/index.ts";
import { WorkspaceSettingsSchema } from "../src/workspace.ts";
import type { SyncedRecord } from "../src/sync/record.ts";
import { reportWorkspace } from "./report-workspace.ts";

const TOTAL = Number(process.env.BENCH_REPORT_RECORDS ?? 100_000);
const RUNS = 15;
const records = reportWorkspace(TOTAL);
const options = {
  from: "2026-01-01",
  to: "2026-12-31",
  now: "2026-11-20T12:00:00.000Z",
  pipeline: WorkspaceSettingsSchema.parse({}).pipeline,
};

/** One plain pass: records counted by type and creation day. */
function plainPass(all: readonly SyncedRecord[]): number {
  const counts = new Map<string, number>();
  for (const record of all) {
    if (record.deleted) continue;
    const key = `${record.type} ${String(record.data.createdAt).slice(0, 10)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts.size;
}

function median(fn: () => unknown): number {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[RUNS >> 1]!;
}

// Warm up both, so neither pays for compilation.
for (let i = 0; i < 3; i++) {
  plainPass(records);
  for (const name of REPORT_NAMES) runReport(name, records, options);
}
const plain = median(() => plainPass(records));
console.log(`${TOTAL.toLocaleString("en")} records in memory; plain pass ${plain.toFixed(1)} ms (median of ${RUNS})`);
let worst = 0;
for (const name of REPORT_NAMES) {
  const time = median(() => runReport(name, records, options));
  const ratio = time / plain;
  worst = Math.max(worst, ratio);
  console.log(`  ${name.padEnd(16)} ${time.toFixed(1).padStart(7)} ms   ${ratio.toFixed(2)}× the plain pass`);
}
console.log(`worst ${worst.toFixed(2)}× (goal ≤ 5×)`);
