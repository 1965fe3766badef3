/**
 * A fresh profile's first load of a 100,000-record workspace (leads, contacts, companies,
 * activities): from sign-in to the last page in IndexedDB, end to end in real Chromium against the
 * real API process. Then the side panel's lookup of a contact by email (`findForPage`), p50/p95.
 * Then a 10,000-mutation offline outbox drained after reconnecting. Baselines in the same run:
 * fetching the same pages without storing them, and a bare IndexedDB index read.
 * Run from the repo root: `npm run bench -- pull` (BENCH_PULL_RECORDS, BENCH_OUTBOX tune it).
 */
import { randomUUID } from "node:crypto";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { loadavg } from "node:os";
import { createClient } from "@libsql/client";
import { applyMutation, formatHlc, PROTOCOL_VERSION, type SyncedRecord } from "@leadpane/domain/sync";
import { startApi } from "../support/api-process.ts";
import { findChromium } from "../support/chromium.ts";
import { EXTENSION_DIR, launchProfile } from "../support/extension.ts";
import { inWorker, liveWorker, signUpOwner, syncNow } from "../support/sync-session.ts";

const RECORDS = Number(process.env.BENCH_PULL_RECORDS ?? 100_000);
const OUTBOX = Number(process.env.BENCH_OUTBOX ?? 10_000);
const LOOKUPS = 200;

if (!findChromium()) {
  console.log("pull bench skipped: no Chromium (set CHROME_PATH)");
  process.exit(0);
}
if (!existsSync(resolve(EXTENSION_DIR, "manifest.json"))) {
  const here = dirname(fileURLToPath(import.meta.url));
  spawnSync("npm", ["run", "build:e2e", "-w", "@leadpane/extension"], {
    cwd: resolve(here, "../.."),
    stdio: "inherit",
  });
}
// tsx compiles with keepNames, which wraps named functions in a `__name` helper the browser does
// not have: define it (as source text, so it is not itself compiled) wherever code is evaluated.
const NAME_SHIM = "globalThis.__name = (f) => f";

interface Hooks {
  leadpaneSync: {
    db: {
      records: {
        count(): Promise<number>;
        where(index: string): { equals(v: string): { toArray(): Promise<unknown[]> } };
      };
      outbox: { count(): Promise<number> };
      meta: { get(key: string): Promise<{ value: unknown } | undefined> };
    };
    mutateAll(changes: unknown[], options: unknown): Promise<unknown>;
    findForPage(query: { emails: string[] }): Promise<{ records: unknown[] }>;
  };
}

const api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
const profile = await launchProfile();
try {
  const owner = await signUpOwner(api.url);
  const emails = await seed(api.dbUrl, owner.workspace.id, owner.member.id);

  // Baseline: the same pages fetched (and parsed) by Node, stored nowhere.
  const fetchStart = performance.now();
  let cookie = 0;
  for (;;) {
    const res = await fetch(
      `${api.url}/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}` +
        `&clientId=${randomUUID()}&cookie=${cookie}&limit=2000`,
      {
        headers: { authorization: `Bearer ${owner.token}` },
      },
    );
    const page = (await res.json()) as { cookie: number; hasMore: boolean };
    cookie = page.cookie;
    if (!page.hasMore) break;
  }
  const fetchSeconds = (performance.now() - fetchStart) / 1000;

  // The fresh profile signs in; the clock runs until every record is in its IndexedDB.
  const worker = await liveWorker(profile);
  await worker.evaluate(NAME_SHIM);
  if (process.env.BENCH_TRACE) worker.on("console", (m) => m.text().startsWith("PERF") && console.log(m.text()));
  const clientId = randomUUID();
  const loadStart = performance.now();
  await worker.evaluate(
    async (session) => {
      await chrome.storage.local.set({ "leadpane.session": session });
    },
    { serverUrl: api.url, token: owner.token, workspace: owner.workspace, member: owner.member, clientId },
  );
  await syncNow(profile);
  for (;;) {
    const done = await inWorker(
      profile,
      async () => (await (globalThis as unknown as Hooks).leadpaneSync.db.meta.get("lastSyncAt")) !== undefined,
      null,
    );
    if (done) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  const stored = await inWorker(profile, () => (globalThis as unknown as Hooks).leadpaneSync.db.records.count(), null);

  // Baseline: the same records, as stored, written into an empty database with the same indexes
  // in pages of 5,000 by raw IndexedDB in the same worker: the floor for storing them here.
  const rawSeconds = await inWorker(
    profile,
    async () => {
      const all = await (
        globalThis as unknown as { leadpaneSync: { db: { records: { toArray(): Promise<unknown[]> } } } }
      ).leadpaneSync.db.records.toArray();
      const open = indexedDB.open(`baseline-${Date.now()}`, 1);
      open.onupgradeneeded = () => {
        const store = open.result.createObjectStore("records", { keyPath: ["type", "id"] });
        store.createIndex("type", "type");
        store.createIndex("keys", "keys", { multiEntry: true });
      };
      const idb: IDBDatabase = await new Promise((resolve, reject) => {
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(open.error);
      });
      const t0 = performance.now();
      for (let i = 0; i < all.length; i += 5000) {
        const tx = idb.transaction("records", "readwrite");
        const store = tx.objectStore("records");
        for (const record of all.slice(i, i + 5000)) store.put(record);
        await new Promise((resolve, reject) => {
          tx.oncomplete = resolve;
          tx.onerror = () => reject(tx.error);
        });
      }
      const seconds = (performance.now() - t0) / 1000;
      idb.close();
      return seconds;
    },
    null,
  );

  // Lookup by email, as the side panel does for a page's or an email's sender.
  const sample = Array.from({ length: LOOKUPS }, (_, i) => emails[(i * 7919) % emails.length]!);
  const lookup = await inWorker(
    profile,
    async (list: string[]) => {
      const { findForPage, db } = (globalThis as unknown as Hooks).leadpaneSync;
      const times: number[] = [];
      const bare: number[] = [];
      let found = 0;
      for (const email of list) {
        let t0 = performance.now();
        const result = await findForPage({ emails: [email] });
        times.push(performance.now() - t0);
        if (result.records.length) found++;
        t0 = performance.now();
        await db.records.where("keys").equals(`email:${email}`).toArray();
        bare.push(performance.now() - t0);
      }
      return { times, bare, found };
    },
    sample,
  );
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

  console.log(
    `pull: ${RECORDS.toLocaleString()}-record workspace into a fresh profile ` +
      `(Chromium, IndexedDB); load average ${loadavg()[0]!.toFixed(1)} on this machine`,
  );
  console.log(
    `  first load, end to end  ${loadSeconds.toFixed(1)} s for ${stored.toLocaleString()} records (goal ≤ 15 s)`,
  );
  console.log(`  baseline: fetch + parse the same pages in Node, no storing: ${fetchSeconds.toFixed(1)} s`);
  console.log(
    `  baseline: raw IndexedDB puts of the same records, same indexes: ` +
      `${rawSeconds.toFixed(1)} s (first load is ${(loadSeconds / rawSeconds).toFixed(2)}× that)`,
  );
  console.log(
    `  contact by email         p50 ${pct(lookup.times, 50).toFixed(2)} ms, p95 ` +
      `${pct(lookup.times, 95).toFixed(2)} ms (goal ≤ 10 ms p95; ${lookup.found}/${LOOKUPS} found)`,
  );
  console.log(
    `  baseline: bare index read p50 ${pct(lookup.bare, 50).toFixed(2)} ms, p95 ${pct(lookup.bare, 95).toFixed(2)} ms`,
  );

  // Offline: the rep queues OUTBOX changes; back online, the clock runs until the outbox is empty.
  await profile.context.setOffline(true);
  await inWorker(
    profile,
    async ({ total, member, clientId }: { total: number; member: string; clientId: string }) => {
      const { mutateAll } = (globalThis as unknown as Hooks).leadpaneSync;
      for (let start = 0; start < total; start += 500) {
        const changes = Array.from({ length: Math.min(500, total - start) }, (_, i) => ({
          name: "create",
          args: {
            type: "lead",
            id: crypto.randomUUID(),
            fields: { name: `Offline ${start + i}`, emails: [`offline${start + i}@trade-show.test`] },
          },
        }));
        await mutateAll(changes, { actorId: member, nodeId: clientId });
      }
    },
    { total: OUTBOX, member: owner.member.id, clientId },
  );
  const queued = await inWorker(profile, () => (globalThis as unknown as Hooks).leadpaneSync.db.outbox.count(), null);
  const drainStart = performance.now();
  await profile.context.setOffline(false);
  await syncNow(profile);
  for (;;) {
    const left = await inWorker(profile, () => (globalThis as unknown as Hooks).leadpaneSync.db.outbox.count(), null);
    if (left === 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const drainSeconds = (performance.now() - drainStart) / 1000;
  console.log(
    `  offline outbox drained   ${queued.toLocaleString()} mutations ` +
      `in ${drainSeconds.toFixed(1)} s after reconnect (goal ≤ 30 s)`,
  );
} finally {
  await profile.close();
  await api.dispose();
}

/**
 * Writes the workspace straight into the API's database file (the push path is measured by
 * apps/api/bench/push.bench.ts): records built by the domain's own `create`, 1,000 per version.
 */
async function seed(dbUrl: string, workspaceId: string, memberId: string): Promise<string[]> {
  const started = performance.now();
  const client = createClient({ url: dbUrl, timeout: 10_000 });
  const quarter = Math.floor(RECORDS / 4);
  const emails: string[] = [];
  const reader = { get: async () => undefined };
  let wall = Date.now() - 86_400_000;
  const now = new Date().toISOString();
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
  const all: SyncedRecord[] = [];
  const contacts: SyncedRecord[] = [];
  for (let n = 0; n < quarter; n++) {
    all.push(await make("company", { name: `Company ${n}`, domain: `company${n}.test` }));
    all.push(await make("lead", { name: `Lead ${n}`, title: "Buyer", emails: [`lead${n}@company${n}.test`] }));
    const email = `contact${n}@company${n % 5000}.test`;
    emails.push(email);
    const contact = await make("contact", { name: `Contact ${n}`, emails: [email] });
    contacts.push(contact);
    all.push(contact);
  }
  for (let n = 0; n < RECORDS - 3 * quarter; n++) {
    const subject = contacts[n % contacts.length]!;
    all.push(
      await make("activity", {
        type: "note",
        subject: { type: "contact", id: subject.id },
        body: `Call notes ${n}`,
        occurredAt: now,
      }),
    );
  }
  let version = 0;
  for (let i = 0; i < all.length; i += 1000) {
    version += 1;
    const chunk = all.slice(i, i + 1000);
    await client.batch(
      chunk.map((r) => ({
        sql:
          "INSERT INTO records (workspace_id, type, id, data, meta, deleted, " +
          "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?)",
        args: [workspaceId, r.type, r.id, JSON.stringify(r.data), JSON.stringify(r.meta), version, now, now],
      })),
      "write",
    );
  }
  await client.execute({ sql: "UPDATE workspaces SET version = ? WHERE id = ?", args: [version, workspaceId] });
  client.close();
  console.log(
    `seeded ${all.length.toLocaleString()} records in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  return emails;
}
