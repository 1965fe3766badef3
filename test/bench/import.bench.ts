/**
 * CSV import end to end in real Chromium: 10,000 rows, 10% of them the emails of leads already in
 * the workspace, through the dashboard's Import view — read in the worker, mapped, planned, committed
 * to the local store and outbox, pushed and acknowledged by the API. Prints the time per phase and
 * the duplicates created (must be 0), beside papaparse alone parsing the same file in the same run.
 * Run from the repo root: `npm run bench -- import`. BENCH_PROFILE=<file> also writes a CPU profile of
 * the page during the commit and prints the server's own time in the import's pushes;
 * BENCH_SERVER_PROFILE=<file> writes a CPU profile of the API process (both open in Chrome DevTools).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { formatHlc, PROTOCOL_VERSION } from "@leadpane/domain/sync";
import type { Page } from "playwright-core";
import { startApi } from "../support/api-process.ts";
import { launchProfile } from "../support/extension.ts";
import { apiCall, serverRecords, signInProfile, signUpOwner, syncNow } from "../support/sync-session.ts";
import { prepareChromiumBench } from "./chromium-bench.ts";

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const EXISTING = Math.round(ROWS / 10);
const GOAL_MS = 10_000;
const here = dirname(fileURLToPath(import.meta.url));

prepareChromiumBench("import bench");

// papaparse as the extension depends on it: the baseline parses the same text with it.
const Papa = createRequire(resolve(here, "../../apps/extension/package.json"))("papaparse") as {
  parse: (text: string, config: object) => { data: string[][] };
};

const api = await startApi({
  LEADPANE_RATE_LIMIT_PER_IP: "0",
  LEADPANE_RATE_LIMIT_PER_TOKEN: "0",
  ...(process.env.BENCH_PROFILE ? { LEADPANE_LOG: "json" } : {}),
  ...(process.env.BENCH_SERVER_PROFILE
    ? { NODE_OPTIONS: `--require ${resolve(here, "server-profile.cjs")}`, PROF_OUT: process.env.BENCH_SERVER_PROFILE }
    : {}),
});
// BENCH_PROFILE: the server's own time per push, from its request log.
const pushTimes: number[] = [];
let logTail = "";
api.child.stdout?.on("data", (chunk: Buffer) => {
  const lines = (logTail + chunk.toString()).split("\n");
  logTail = lines.pop() ?? "";
  for (const line of lines) {
    const entry = JSON.parse(line || "{}") as { route?: string; ms?: number };
    if (entry.route === "/v1/sync/push" && entry.ms !== undefined) pushTimes.push(entry.ms);
  }
});
const profile = await launchProfile();
try {
  const owner = await signUpOwner(api.url);
  // The existing leads, pushed as one client would.
  const clientId = crypto.randomUUID();
  let wall = Date.now();
  const emailOf = (i: number) => `person${i}@company${i % 500}.test`;
  for (let start = 0; start < EXISTING; start += 500) {
    const mutations = Array.from({ length: Math.min(500, EXISTING - start) }, (_, k) => ({
      id: start + k + 1,
      name: "create",
      args: {
        type: "lead",
        id: crypto.randomUUID(),
        fields: { name: `Person ${start + k}`, emails: [emailOf(start + k)], title: "Engineer" },
      },
      hlc: formatHlc({ wall: ++wall, counter: 0, node: clientId }),
    }));
    await apiCall(api.url, "POST", "/v1/sync/push", owner.token, {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations,
    });
  }
  await signInProfile(profile, api.url, owner);

  // The file: every tenth row is an existing lead (a new title for them); the rest are new people.
  const lines = ["First Name,Last Name,Email,Phone,Company,Job Title,Tags"];
  for (let r = 0; r < ROWS; r++) {
    const existing = r % 10 === 0 ? r / 10 : null;
    const email = existing !== null ? emailOf(existing) : `new${r}@import${r % 700}.test`;
    const phone =
      r % 3 === 0 ? `+1 415 ${String(200 + (r % 700)).padStart(3, "0")} ${String(r % 10000).padStart(4, "0")}` : "";
    lines.push(`Row,${r},${email},${phone},Company ${r % 700},${existing !== null ? "Director" : "Buyer"},expo`);
  }
  const text = lines.join("\n");
  const dir = mkdtempSync(join(tmpdir(), "leadpane-import-bench-"));
  const file = join(dir, "bench.csv");
  writeFileSync(file, text);

  const page = await profile.openExtensionPage("dashboard.html#/import");
  await page.getByRole("heading", { level: 1, name: "Import" }).waitFor();
  // Wait until this browser holds the existing leads (the plan reads the local copy).
  await until(
    () => visibleLeads(page),
    (n) => n >= EXISTING,
    120_000,
    250,
  );

  const cpuAtStart = cpuByProcess();
  const t0 = Date.now();
  await page.getByTestId("import-file").setInputFiles(file);
  await shown(page, "[data-testid=import-mapping]", 120_000);
  const tMapped = Date.now();
  await page.getByTestId("import-continue").click();
  await shown(page, "[data-testid=import-preview]", 120_000);
  const tPlanned = Date.now();
  const cpuAtPlanned = cpuByProcess();
  const counts = await page.getByTestId("import-counts").textContent();
  // BENCH_PROFILE=<file>: a CPU profile of the page during the local commit (open in Chrome DevTools).
  const cdp = process.env.BENCH_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.start");
  }
  await page.getByTestId("import-commit").click();
  await shown(page, "[data-testid=import-done], [data-testid=import-error]", 300_000);
  if (await page.getByTestId("import-error").isVisible())
    throw new Error(`the import failed: ${await page.getByTestId("import-error").textContent()}`);
  const tCommitted = Date.now();
  const cpuAtCommitted = cpuByProcess();
  if (cdp) {
    const { profile: cpu } = await cdp.send("Profiler.stop");
    writeFileSync(process.env.BENCH_PROFILE!, JSON.stringify(cpu));
    console.log(`CPU profile of the commit: ${process.env.BENCH_PROFILE}`);
  }
  await syncNow(profile);
  // Pushed and acknowledged: nothing left in the outbox.
  await until(
    () => storeCount(page, "outbox"),
    (n) => n === 0,
    600_000,
    50,
  );

  const tPushed = Date.now();
  const cpuAtEnd = cpuByProcess();
  if (process.env.BENCH_PROFILE) {
    const importPushes = pushTimes.slice(Math.ceil(EXISTING / 500));
    const sum = importPushes.reduce((a, b) => a + b, 0);
    console.log(`server time in the import's ${importPushes.length} pushes: ${Math.round(sum)} ms`);
  }
  const rejected = await page.evaluate(
    async () =>
      new Promise<unknown>((ok) => {
        const req = indexedDB.open("leadpane");
        req.onsuccess = () => {
          const tx = req.result.transaction(["meta", "sent", "outbox"]);
          const out: Record<string, unknown> = {};
          const get = tx.objectStore("meta").get("rejected");
          get.onsuccess = () => (out.rejected = (get.result as { value?: unknown } | undefined)?.value ?? []);
          const error = tx.objectStore("meta").get("syncError");
          error.onsuccess = () => (out.syncError = (error.result as { value?: unknown } | undefined)?.value ?? null);
          const sent = tx.objectStore("sent").count();
          sent.onsuccess = () => (out.sent = sent.result);
          const outbox = tx.objectStore("outbox").count();
          outbox.onsuccess = () => (out.outbox = outbox.result);
          tx.oncomplete = () => ok(out);
        };
      }),
  );

  const records = (await serverRecords(api.url, owner.token)).filter((r) => r.type === "lead" && !r.deleted);
  const byEmail = new Map<string, number>();
  for (const r of records) for (const e of (r.data.emails as string[]) ?? []) byEmail.set(e, (byEmail.get(e) ?? 0) + 1);
  const duplicates = [...byEmail.values()].reduce((sum, n) => sum + (n - 1), 0);
  const history = await apiCall<{ items: Array<{ counts: Record<string, number> }> }>(
    api.url,
    "GET",
    "/v1/imports",
    owner.token,
  );

  const baselineStart = performance.now();
  const parsed = Papa.parse(text, { skipEmptyLines: "greedy" });
  const baseline = performance.now() - baselineStart;

  const total = tPushed - t0;
  console.log(
    `\n${ROWS.toLocaleString()} CSV rows, ${EXISTING.toLocaleString()} of them existing leads (Chromium, headless; ` +
      `load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")})`,
  );
  console.table({
    "read in the worker, mapping shown": { ms: tMapped - t0 },
    "planned (match + preview shown)": { ms: tPlanned - tMapped },
    "committed to the local store and outbox": { ms: tCommitted - tPlanned },
    "pushed and acknowledged by the API": { ms: tPushed - tCommitted },
    "end to end": { ms: total },
    "baseline: papaparse alone (Node, same text)": { ms: Number(baseline.toFixed(1)) },
  });
  // CPU seconds each kind of process spent per phase (Linux /proc): where the work is, apart from
  // the waiting the phases above include.
  if (cpuAtStart.size) {
    const spent = (from: Map<string, number>, to: Map<string, number>) =>
      Object.fromEntries(
        [...to]
          .map(([kind, s]): [string, number] => [kind, Number((s - (from.get(kind) ?? 0)).toFixed(1))])
          .filter(([, s]) => s >= 0.05),
      );
    console.log("CPU seconds by process");
    console.table({
      "read and planned": spent(cpuAtStart, cpuAtPlanned),
      committed: spent(cpuAtPlanned, cpuAtCommitted),
      "pushed (after the commit)": spent(cpuAtCommitted, cpuAtEnd),
    });
  }
  console.log(`preview: ${counts}`);
  console.log(`history: ${JSON.stringify(history.items[0]?.counts)}`);
  console.log(`papaparse rows: ${parsed.data.length - 1}; live leads on the server: ${records.length}`);
  console.log(`changes the server rejected: ${JSON.stringify(rejected).slice(0, 300)}`);
  console.log(`duplicates created: ${duplicates} (must be 0)`);
  console.log(`end to end vs papaparse alone: ${(total / baseline).toFixed(0)}×`);
  console.log(`goal ≤ ${GOAL_MS / 1000} s: ${total <= GOAL_MS ? "met" : "NOT met"} (${(total / 1000).toFixed(1)} s)`);
  if (duplicates > 0) process.exitCode = 1;
} finally {
  await profile.close();
  await api.dispose();
}

/**
 * Waits until `selector` matches in the page, checking every 20 ms: a locator's wait runs its
 * selector engine on every animation frame, which took half a second of the page's CPU during the
 * commit it was timing.
 */
async function shown(page: Page, selector: string, timeout: number): Promise<void> {
  await page.waitForFunction((selector) => document.querySelector(selector) !== null, selector, {
    polling: 20,
    timeout,
  });
}

/** How many rows one of the extension's IndexedDB stores holds. */
function storeCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (store) =>
      new Promise<number>((ok) => {
        const req = indexedDB.open("leadpane");
        req.onsuccess = () => {
          const count = req.result.transaction(store).objectStore(store).count();
          count.onsuccess = () => {
            req.result.close();
            ok(count.result);
          };
        };
      }),
    store,
  );
}

/**
 * How many leads this browser shows: the `records` rows over the first load's `snapshot` pages
 * (visible-records.ts), counted by key so a record in both counts once.
 */
function visibleLeads(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((ok) => {
        const req = indexedDB.open("leadpane");
        req.onsuccess = () => {
          const tx = req.result.transaction(["records", "snapshot"]);
          const keys = new Set<string>();
          const pages = tx.objectStore("snapshot").getAll();
          pages.onsuccess = () => {
            for (const p of pages.result as Array<{ records: Array<{ type: string; id: string }> }>)
              for (const r of p.records) if (r.type === "lead") keys.add(r.id);
          };
          const rows = tx.objectStore("records").getAllKeys();
          rows.onsuccess = () => {
            for (const [type, id] of rows.result as Array<[string, string]>) if (type === "lead") keys.add(id);
          };
          tx.oncomplete = () => {
            req.result.close();
            ok(keys.size);
          };
        };
      }),
  );
}

/**
 * CPU seconds (user + system) of this bench's process tree by kind: the API, Chromium's browser
 * process, its renderers (the extension's pages and worker), GPU and utility processes. Empty where
 * /proc is not.
 */
function cpuByProcess(): Map<string, number> {
  const byKind = new Map<string, number>();
  if (!existsSync("/proc/self/stat")) return byKind;
  const tick = 100; // USER_HZ on Linux
  const parents = new Map<number, number>();
  const stats = new Map<number, { cpu: number; cmd: string }>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(name), Number(fields[1]));
      const cmd = readFileSync(`/proc/${name}/cmdline`, "utf8").replaceAll("\0", " ");
      stats.set(Number(name), { cpu: (Number(fields[11]) + Number(fields[12])) / tick, cmd });
    } catch {
      // The process ended meanwhile.
    }
  }
  const ours = (pid: number): boolean => {
    for (let at = parents.get(pid); at !== undefined && at > 1; at = parents.get(at))
      if (at === process.pid) return true;
    return false;
  };
  for (const [pid, { cpu, cmd }] of stats) {
    if (!ours(pid)) continue;
    const kind = cmd.includes("src/index.ts")
      ? "API"
      : /chrom/i.test(cmd)
        ? `chromium ${/--type=([\w-]+)/.exec(cmd)?.[1] ?? "browser"}`
        : null;
    if (kind) byKind.set(kind, (byKind.get(kind) ?? 0) + cpu);
  }
  return byKind;
}

/** Polls `read` every `every` ms until `done` holds for its value; fails after `timeout` ms. */
async function until<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeout: number,
  every: number,
): Promise<void> {
  for (const deadline = Date.now() + timeout; ; ) {
    if (done(await read())) return;
    if (Date.now() > deadline) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, every));
  }
}
