/**
 * Where the extension's push goes in Chromium: the peers-chromium bench's push phase (10,000 leads
 * queued offline, then pushed; after a 2,000-lead warm-up) with the service worker under the CDP
 * Profiler, its IndexedDB transactions and its fetches timed from inside the worker. Prints the
 * functions by self time, the transactions by kind and the requests. Run from `test/`:
 * `node --import tsx bench/push-chromium-profile.ts` (PROFILE_DOCS tunes it; the profile is written to
 * PROFILE_OUT, default /tmp/push-chromium.cpuprofile).
 */
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import WebSocket from "ws";
import { startApi } from "../support/api-process.ts";
import { launchProfile, type Profile } from "../support/extension.ts";
import { inWorker, liveWorker, signUpOwner } from "../support/sync-session.ts";
import { leadIds, NAME_SHIM, prepareChromiumBench, queueLeadCreates } from "./chromium-bench.ts";

const DOCS = Number(process.env.PROFILE_DOCS ?? 10_000);
const OUT = process.env.PROFILE_OUT ?? "/tmp/push-chromium.cpuprofile";
const PORT = 9300 + Math.floor(Math.random() * 500);

prepareChromiumBench("push profile (Chromium)");

interface Hooks {
  leadpaneSync: {
    db: { outbox: { toCollection(): { last(): Promise<unknown> } } };
    requestSync(): Promise<void>;
  };
}

const api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
const owner = await signUpOwner(api.url, "Bench Owner", "owner@push-profile.test");
const profile = await launchProfile({ args: [`--remote-debugging-port=${PORT}`] });
try {
  const clientId = randomUUID();
  const worker = await liveWorker(profile);
  await worker.evaluate(NAME_SHIM);
  await worker.evaluate(
    async (signedIn) => {
      await chrome.storage.local.set({ "leadpane.session": signedIn });
      await (globalThis as unknown as Hooks).leadpaneSync.requestSync();
    },
    { serverUrl: api.url, token: owner.token, workspace: owner.workspace, member: owner.member, clientId },
  );
  if (!process.env.NO_WARM) await pushRound(profile, 2000, clientId, false);
  const seconds = await pushRound(profile, DOCS, clientId, true);
  console.log(
    `pushed ${DOCS} in ${seconds.toFixed(2)} s: ${Math.round(DOCS / seconds)} docs/s; load ${loadavg()[0]!.toFixed(1)}`,
  );
} catch (error) {
  console.error(error);
} finally {
  await profile.close().catch(() => undefined);
  await api.dispose();
}

async function pushRound(profile: Profile, docs: number, clientId: string, profiled: boolean): Promise<number> {
  await queueLeadCreates(profile, leadIds(docs), owner.member.id, clientId);
  const cdp = profiled && !process.env.NO_CDP ? await workerCdp() : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
    await cdp.send("Profiler.start");
  }
  const { seconds, log } = await inWorker(
    profile,
    async (instrument: boolean) => {
      type Entry = { kind: string; start: number; end: number; detail: string };
      const log: Entry[] = [];
      const restore: Array<() => void> = [];
      if (instrument) {
        const transaction = IDBDatabase.prototype.transaction;
        IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof transaction>) {
          const tx = transaction.apply(this, args);
          const entry = {
            kind: `tx ${args[1] ?? "readonly"}`,
            start: performance.now(),
            end: 0,
            detail: String(args[0]),
          };
          const done = () => {
            entry.end = performance.now();
            log.push(entry);
          };
          tx.addEventListener("complete", done);
          tx.addEventListener("abort", done);
          return tx;
        } as typeof transaction;
        restore.push(() => {
          IDBDatabase.prototype.transaction = transaction;
        });
        const fetch = globalThis.fetch;
        globalThis.fetch = async (...args: Parameters<typeof fetch>) => {
          const start = performance.now();
          const response = await fetch(...args);
          log.push({ kind: "fetch", start, end: performance.now(), detail: String(args[0]) });
          return response;
        };
        restore.push(() => {
          globalThis.fetch = fetch;
        });
      }
      const { requestSync, db } = (globalThis as unknown as Hooks).leadpaneSync;
      const started = performance.now();
      const round = requestSync();
      while (await db.outbox.toCollection().last()) await new Promise((r) => setTimeout(r, 5));
      const seconds = (performance.now() - started) / 1000;
      await round;
      for (const undo of restore) undo();
      return { seconds, log: log.map((e) => ({ ...e, start: e.start - started, end: e.end - started })) };
    },
    profiled && !process.env.NO_INSTRUMENT,
  );
  if (cdp) {
    const { profile: cpu } = (await cdp.send("Profiler.stop")) as { profile: CpuProfile };
    writeFileSync(OUT, JSON.stringify(cpu));
    cdp.close();
    summarise(cpu);
  }
  if (profiled) {
    const kinds = new Map<string, { n: number; ms: number; max: number }>();
    for (const e of log) {
      const key = `${e.kind} ${e.kind === "fetch" ? new URL(e.detail).pathname : e.detail}`;
      const k = kinds.get(key) ?? { n: 0, ms: 0, max: 0 };
      k.n++;
      k.ms += e.end - e.start;
      k.max = Math.max(k.max, e.end - e.start);
      kinds.set(key, k);
    }
    console.log("\nIndexedDB transactions and requests (open → complete), during the push:");
    for (const [key, k] of [...kinds].sort((a, b) => b[1].ms - a[1].ms))
      console.log(`  ${k.n}× ${key}: ${k.ms.toFixed(0)} ms (mean ${(k.ms / k.n).toFixed(1)}, max ${k.max.toFixed(1)})`);
    if (process.env.PROFILE_TIMELINE)
      for (const e of [...log].sort((a, b) => a.start - b.start))
        console.log(`  ${e.start.toFixed(1)}–${e.end.toFixed(1)} ${e.kind} ${e.detail.slice(0, 60)}`);
  }
  return seconds;
}

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number }>;
  samples: number[];
  timeDeltas: number[];
}

function summarise(cpu: CpuProfile): void {
  const byId = new Map(cpu.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (let i = 0; i < cpu.samples.length; i++) {
    const node = byId.get(cpu.samples[i]!)!;
    const f = node.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.split("/").at(-1)}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (cpu.timeDeltas[i] ?? 0) / 1000);
  }
  const total = [...self.values()].reduce((a, b) => a + b, 0);
  console.log(`\nservice worker CPU profile: ${total.toFixed(0)} ms sampled; by self time:`);
  for (const [key, ms] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${key}`);
}

/** A CDP session on the extension's service worker, through the browser's endpoint (flattened sessions). */
async function workerCdp(): Promise<{ send(method: string, params?: object): Promise<unknown>; close(): void }> {
  const version = (await (await fetch(`http://127.0.0.1:${PORT}/json/version`)).json()) as {
    webSocketDebuggerUrl: string;
  };
  const socket = new WebSocket(version.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => {
    socket.once("open", resolve);
    socket.once("error", reject);
  });
  let next = 1;
  const waiting = new Map<number, (value: unknown) => void>();
  socket.on("message", (data) => {
    const message = JSON.parse(String(data)) as { id?: number; result?: unknown; error?: unknown };
    if (message.error) console.error("CDP error", message.error);
    if (message.id) waiting.get(message.id)?.(message.result);
  });
  const raw = (method: string, params: object, sessionId?: string) => {
    const id = next++;
    socket.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    return new Promise<unknown>((resolve) => waiting.set(id, resolve));
  };
  const { targetInfos } = (await raw("Target.getTargets", {})) as {
    targetInfos: Array<{ type: string; url: string; targetId: string }>;
  };
  const target = targetInfos.find((t) => t.type === "service_worker" && t.url.startsWith("chrome-extension://"));
  if (!target) throw new Error(`no service worker target among ${targetInfos.map((t) => t.type).join(", ")}`);
  const { sessionId } = (await raw("Target.attachToTarget", { targetId: target.targetId, flatten: true })) as {
    sessionId: string;
  };
  return {
    send: (method, params = {}) => raw(method, params, sessionId),
    close: () => socket.close(),
  };
}
