/**
 * Where the CPU goes while the extension pushes in Chromium: the peers-chromium bench's push phase
 * (a fresh profile signs in, 10,000 lead creates queued offline, then one sync round, timed until
 * the outbox is empty), with the CPU each process spent during the drain, read from /proc: the API,
 * and every Chromium process of the profile by type (the browser, the extension's renderer that
 * runs the service worker, the network and storage services), with their busiest threads.
 * PUSH_DIRS (comma-separated extension builds, default the e2e build) are run alternately, round
 * after round, for an A/B comparison on a loaded machine. Run from `test/`:
 * `node --import tsx bench/push-chromium-cpu.ts` (PUSH_DOCS, PUSH_ROUNDS tune it).
 */
import { randomUUID } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { startApi } from "../support/api-process.ts";
import { EXTENSION_DIR, launchProfile } from "../support/extension.ts";
import { inWorker, liveWorker, signUpOwner } from "../support/sync-session.ts";
import { leadIds, NAME_SHIM, prepareChromiumBench, queueLeadCreates } from "./chromium-bench.ts";

const DOCS = Number(process.env.PUSH_DOCS ?? 10_000);
const ROUNDS = Number(process.env.PUSH_ROUNDS ?? 3);
const DIRS = (process.env.PUSH_DIRS ?? EXTENSION_DIR).split(",");
/** Where to write a Chromium trace (with V8 samples of every process) of each timed drain; none when unset. */
const TRACE = process.env.PUSH_TRACE;

prepareChromiumBench("push CPU (Chromium)");

interface Hooks {
  leadpaneSync: {
    db: { outbox: { toCollection(): { last(): Promise<unknown> } } };
    requestSync(): Promise<void>;
  };
}

/** CPU ms by thread (`pid/comm`) of a process, from /proc (clock ticks of 10 ms). */
function threadTimes(pid: number): Map<string, number> {
  const times = new Map<string, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, "utf8");
      const comm = stat.slice(stat.indexOf("(") + 1, stat.lastIndexOf(")"));
      const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
      const key = `${comm}#${tid}`;
      times.set(key, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // the thread ended
    }
  }
  return times;
}

/** The processes descending from `root` (itself included), with what kind of Chromium process each is. */
function processTree(root: number): Array<{ pid: number; kind: string }> {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(") ") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // gone
    }
  }
  const found: Array<{ pid: number; kind: string }> = [];
  const walk = (pid: number) => {
    // A child rewrites its title: its arguments are then one string, separated by spaces.
    const cmd = readFileSync(`/proc/${pid}/cmdline`, "utf8").split(/[\0 ]/);
    const type = cmd.find((a) => a.startsWith("--type="))?.slice(7) ?? "browser";
    const sub = cmd.find((a) => a.startsWith("--utility-sub-type="))?.slice(19);
    const extension = cmd.includes("--extension-process") ? " (extension)" : "";
    found.push({ pid, kind: `${type}${sub ? ` ${sub}` : ""}${extension}` });
    for (const child of children.get(pid) ?? []) walk(child);
  };
  walk(root);
  return found;
}

/** The browser process of the profile that loaded `dir`. */
function browserPid(dir: string): number {
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      if (cmd.includes(`--load-extension=${dir}`) && !cmd.some((a) => a.startsWith("--type="))) return Number(entry);
    } catch {
      // gone
    }
  }
  throw new Error(`no Chromium with ${dir}`);
}

type Snapshot = Map<string, { kind: string; ms: number }>;

function snapshot(api: number, browser: number): Snapshot {
  const shot: Snapshot = new Map();
  for (const { pid, kind } of [{ pid: api, kind: "api" }, ...processTree(browser)]) {
    try {
      for (const [thread, ms] of threadTimes(pid)) shot.set(`${pid}/${thread}`, { kind, ms });
    } catch {
      // gone
    }
  }
  return shot;
}

/** A folder for the API's V8 CPU profile (written when it stops), or none. */
const API_PROFILE = process.env.PUSH_API_PROFILE;
const api = await startApi(
  { LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" },
  API_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${API_PROFILE}`] : [],
);
const apiPid = api.child.pid!;
const results = new Map<string, Array<{ rate: number; byKind: Map<string, number> }>>();
try {
  // The API warmed once (JIT, page cache), as the bench's warm-up round does.
  await pushOnce(DIRS[0]!, "warm", 2000);
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? DIRS : [...DIRS].reverse();
    for (const dir of order) {
      const { rate, byKind, threads } = await pushOnce(dir, round, DOCS);
      results.set(dir, [...(results.get(dir) ?? []), { rate, byKind }]);
      const kinds = [...byKind]
        .sort((a, b) => b[1] - a[1])
        .map(([k, ms]) => `${k} ${ms}`)
        .join(", ");
      console.log(`${dir.split("/").at(-1)} round ${round + 1}: ${Math.round(rate)} docs/s; CPU ms: ${kinds}`);
      console.log(`   threads: ${threads.join(", ")}; load ${loadavg()[0]!.toFixed(1)}`);
    }
  }
  for (const [dir, rows] of results) {
    const rates = rows.map((r) => Math.round(r.rate)).sort((a, b) => a - b);
    console.log(`${dir}: ${rates.join(" / ")} docs/s (median ${rates[Math.floor(rates.length / 2)]})`);
  }
} finally {
  await api.dispose();
}

async function pushOnce(dir: string, round: number | string, docs: number) {
  const owner = await signUpOwner(api.url, "Bench Owner", `owner${round}-${randomUUID()}@push-cpu.test`);
  const clientId = randomUUID();
  const profile = await launchProfile({ extensionDir: dir });
  try {
    const worker = await liveWorker(profile);
    await worker.evaluate(NAME_SHIM);
    await worker.evaluate(
      async (signedIn) => {
        await chrome.storage.local.set({ "leadpane.session": signedIn });
        await (globalThis as unknown as Hooks).leadpaneSync.requestSync();
      },
      { serverUrl: api.url, token: owner.token, workspace: owner.workspace, member: owner.member, clientId },
    );
    await queueLeadCreates(profile, leadIds(docs), owner.member.id, clientId);
    const browser = browserPid(dir);
    const tracing = TRACE ? profile.context.browser() : null;
    if (tracing)
      await tracing.startTracing(undefined, {
        categories: [
          "disabled-by-default-v8.cpu_profiler",
          "v8",
          "IndexedDB",
          "toplevel",
          "leveldb",
          "blink",
          "devtools.timeline",
        ],
      });
    const before = snapshot(apiPid, browser);
    // CLOCK_MONOTONIC, the clock of the API's CPU profile: its samples in this window are the drain's.
    const windowStart = process.hrtime.bigint() / 1000n;
    const seconds = await inWorker(
      profile,
      async (byKey: boolean) => {
        const { requestSync, db } = (globalThis as unknown as Hooks).leadpaneSync;
        const collection = db.outbox.toCollection() as unknown as {
          limit(n: number): { primaryKeys(): Promise<unknown[]> };
        };
        const started = performance.now();
        (globalThis as unknown as { benchRound: Promise<void> }).benchRound = requestSync();
        if (byKey) while ((await collection.limit(1).primaryKeys()).length) await new Promise((r) => setTimeout(r, 5));
        else while (await db.outbox.toCollection().last()) await new Promise((r) => setTimeout(r, 5));
        return (performance.now() - started) / 1000;
      },
      process.env.POLL === "key",
    );
    const after = snapshot(apiPid, browser);
    if (API_PROFILE) console.log(`   drain window (monotonic µs): ${windowStart} ${process.hrtime.bigint() / 1000n}`);
    if (tracing) {
      const trace = await tracing.stopTracing();
      writeFileSync(`${TRACE}-${String(round)}-${dir.split("/").at(-1)}.json`, trace);
      summariseTrace(JSON.parse(String(trace)));
    }
    await inWorker(profile, () => (globalThis as unknown as { benchRound: Promise<void> }).benchRound, null);
    const byKind = new Map<string, number>();
    const byThread: Array<[string, number]> = [];
    for (const [key, { kind, ms }] of after) {
      const spent = ms - (before.get(key)?.ms ?? 0);
      byKind.set(kind, (byKind.get(kind) ?? 0) + spent);
      if (spent > 0) byThread.push([`${kind}:${key.split("/")[1]!.split("#")[0]}`, spent]);
    }
    const threads = byThread
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([k, ms]) => `${k} ${ms}`);
    return { rate: docs / seconds, byKind, threads };
  } finally {
    await profile.close();
  }
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  id?: string;
  cat?: string;
  args?: {
    name?: string;
    data?: {
      cpuProfile?: {
        nodes?: Array<{
          id: number;
          parent?: number;
          callFrame: { functionName: string; url?: string; lineNumber?: number; columnNumber?: number };
        }>;
        samples?: number[];
      };
      timeDeltas?: number[];
    };
  };
}

/** Prints each profiled thread's functions by self time, and the longest-running trace events by name and thread. */
function summariseTrace({ traceEvents }: { traceEvents: TraceEvent[] }): void {
  const threadNames = new Map<string, string>();
  for (const e of traceEvents)
    if (e.name === "thread_name" && e.args?.name) threadNames.set(`${e.pid}:${e.tid}`, e.args.name);
  // V8 samples: a Profile event opens a profile (by id), ProfileChunks extend its nodes and samples.
  const profiles = new Map<
    string,
    {
      thread: string;
      frames: Map<number, string>;
      parents: Map<number, number>;
      samples: Array<[number, number]>;
      self: Map<string, number>;
    }
  >();
  for (const e of traceEvents) {
    if (e.name !== "Profile" && e.name !== "ProfileChunk") continue;
    const key = `${e.pid}:${e.id}`;
    let profile = profiles.get(key);
    if (!profile) {
      profile = {
        thread: threadNames.get(`${e.pid}:${e.tid}`) ?? `${e.pid}:${e.tid}`,
        frames: new Map(),
        parents: new Map(),
        samples: [],
        self: new Map(),
      };
      profiles.set(key, profile);
    }
    const cpu = e.args?.data?.cpuProfile;
    for (const node of cpu?.nodes ?? []) {
      if (node.parent !== undefined) profile.parents.set(node.id, node.parent);
      const f = node.callFrame;
      profile.frames.set(
        node.id,
        `${f.functionName || "(anonymous)"} ${(f.url ?? "").split("/").at(-1)}:${f.lineNumber ?? ""}:${f.columnNumber ?? ""}`,
      );
    }
    const deltas = e.args?.data?.timeDeltas ?? [];
    (cpu?.samples ?? []).forEach((sample, i) => {
      profile.samples.push([sample, (deltas[i] ?? 0) / 1000]);
      const frame = profile.frames.get(sample) ?? String(sample);
      profile.self.set(frame, (profile.self.get(frame) ?? 0) + (deltas[i] ?? 0) / 1000);
    });
  }
  for (const { thread, self, frames, parents, samples } of profiles.values()) {
    const busy = [...self].filter(([f]) => !f.startsWith("(idle)") && !f.startsWith("(program)"));
    const total = busy.reduce((a, [, ms]) => a + ms, 0);
    if (total < 20) continue;
    console.log(`  V8 ${thread}: ${total.toFixed(0)} ms sampled (not idle); by self time:`);
    for (const [frame, ms] of busy.sort((a, b) => b[1] - a[1]).slice(0, 25))
      console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${frame}`);
    // Inclusive: each sample counts once for every function on its stack.
    const inclusive = new Map<string, number>();
    for (const [sample, ms] of samples) {
      const seen = new Set<string>();
      for (let node: number | undefined = sample; node !== undefined; node = parents.get(node))
        seen.add(frames.get(node)!);
      for (const frame of seen) inclusive.set(frame, (inclusive.get(frame) ?? 0) + ms);
    }
    console.log("   by total time:");
    for (const [frame, ms] of [...inclusive]
      .filter(([f]) => !/^\((root|idle|program)\)/.test(f))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 45))
      console.log(`    ${ms.toFixed(1).padStart(7)} ms  ${frame}`);
  }
  const byName = new Map<string, { n: number; ms: number }>();
  for (const e of traceEvents) {
    if (e.ph !== "X" || !e.dur) continue;
    const key = `${threadNames.get(`${e.pid}:${e.tid}`) ?? e.tid} ${e.name}`;
    const row = byName.get(key) ?? { n: 0, ms: 0 };
    row.n++;
    row.ms += e.dur / 1000;
    byName.set(key, row);
  }
  console.log("  trace events by thread and name (wall ms, nested events counted in each):");
  for (const [key, { n, ms }] of [...byName].sort((a, b) => b[1].ms - a[1].ms).slice(0, 40))
    console.log(`    ${ms.toFixed(0).padStart(6)} ms ${String(n).padStart(5)}×  ${key}`);
}
