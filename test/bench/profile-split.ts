/**
 * Where a CPU profile's main thread went, split into the native SQL the local libSQL driver runs on
 * that thread (its commits apart), garbage collection and JavaScript, with the heaviest frames by
 * self time: the figures behind docs/sync-protocol.md's "What a push costs". Reads a `.cpuprofile`
 * written by `push-profile.ts` or `BENCH_PROFILE=<dir> npm run bench -- push.bench`.
 * Run from `test/`: `node --import tsx bench/profile-split.ts <file.cpuprofile> [--after-idle-ms=500]`
 * (`--after-idle-ms`: count only after the first idle stretch that long, e.g. push-profile.ts's
 * one-second pause (a stretch of 500–600 ms of it is idle) between its warm-up and the measured pushes).
 */
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const [file, ...flags] = process.argv.slice(2);
if (!file) throw new Error("usage: profile-split.ts <file.cpuprofile> [--after-idle-ms=N]");
const afterIdleMs = Number(flags.find((f) => f.startsWith("--after-idle-ms="))?.split("=")[1] ?? 0);
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === "(idle)";

// Each sample's duration is the delta to the next one.
let start = 0;
if (afterIdleMs > 0) {
  let idleRun = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    idleRun = isIdle(profile.samples[i]!) ? idleRun + (profile.timeDeltas[i + 1] ?? 0) / 1000 : 0;
    if (idleRun >= afterIdleMs) {
      start = i + 1;
      break;
    }
  }
}

/** Native SQL: the libsql package's statement calls (the driver's JavaScript shims call straight into Rust). */
const isSql = (node: ProfileNode) => /\/node_modules\/libsql\//.test(node.callFrame.url);
const isCommit = (id: number) => {
  for (let cur: number | undefined = id; cur !== undefined; cur = parentOf.get(cur)) {
    const frame = byId.get(cur)!.callFrame;
    if (frame.functionName === "commit" && frame.url.includes("@libsql/client")) return true;
  }
  return false;
};

const totals = { all: 0, idle: 0, sql: 0, commit: 0, gc: 0, js: 0 };
const self = new Map<string, number>();
for (let i = start; i < profile.samples.length; i++) {
  const id = profile.samples[i]!;
  const ms = (profile.timeDeltas[i + 1] ?? 0) / 1000;
  const node = byId.get(id)!;
  totals.all += ms;
  if (isIdle(id)) {
    totals.idle += ms;
    continue;
  }
  if (isSql(node)) {
    totals.sql += ms;
    if (isCommit(id)) totals.commit += ms;
  } else if (node.callFrame.functionName === "(garbage collector)") totals.gc += ms;
  else totals.js += ms;
  const { functionName, url, lineNumber } = node.callFrame;
  const label = `${functionName || "(anonymous)"} ${url.split("/").slice(-2).join("/")}:${lineNumber}`;
  self.set(label, (self.get(label) ?? 0) + ms);
}

const busy = totals.all - totals.idle;
const share = (ms: number) => `${Math.round(ms)} ms (${((100 * ms) / busy).toFixed(0)}%)`;
console.log(`${Math.round(totals.all)} ms profiled, ${Math.round(busy)} ms busy, ${Math.round(totals.idle)} ms idle`);
console.log(`  native SQL  ${share(totals.sql)}, of which commits ${share(totals.commit)}`);
console.log(`  JavaScript  ${share(totals.js)}`);
console.log(`  GC          ${share(totals.gc)}`);
console.log("heaviest frames by self time:");
for (const [label, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
  console.log(`  ${ms.toFixed(0).padStart(6)} ms  ${label}`);
