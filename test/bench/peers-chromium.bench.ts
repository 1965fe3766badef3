/**
 * The peers bench (peers.bench.ts) in real Chromium, for both: 10,000 leads (the same UUIDv7 ids on
 * both sides, as there) pushed by one client, then pulled by a fresh client, same machine, same run.
 * Ours: the extension itself (the e2e build) against the real API process: the leads queued in its
 * IndexedDB store while offline (not timed), then its sync pushes them (timed until the outbox is
 * empty); a fresh profile signs in and loads them (timed until they are all queryable in its store). The peer: PouchDB's browser build on its
 * IndexedDB adapter, in a page of the peer server's origin, replicating to express-pouchdb on
 * LevelDB: the same leads written locally (not timed), replicated to the server, then into a fresh
 * local database. Each side moves the batches our extension uses (pushes of 500, pages of 5,000).
 * Each side first syncs 2,000 leads once, not timed (a warm-up).
 * Run from the repo root: `npm run bench -- peers` (BENCH_PEERS_DOCS, BENCH_PEERS_ROUNDS tune it).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { startApi } from "../support/api-process.ts";
import { launchProfile, type Profile } from "../support/extension.ts";
import { inWorker, liveWorker, signUpOwner } from "../support/sync-session.ts";
import { startPeer } from "./peer-process.ts";
import { leadIds, NAME_SHIM, prepareChromiumBench, queueLeadCreates } from "./chromium-bench.ts";

const DOCS = Number(process.env.BENCH_PEERS_DOCS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_PEERS_ROUNDS ?? 2);
/** The extension's batches (apps/extension/src/sync/engine.ts: PUSH_BATCH, PULL_PAGE), given to PouchDB too. */
const PUSH_BATCH = 500;
const PULL_PAGE = 5000;
/** Leads each side syncs once before the timed rounds. */
const WARM_DOCS = 2000;

prepareChromiumBench("peers (Chromium)");
const POUCHDB_BROWSER = readFileSync(
  join(dirname(createRequire(import.meta.url).resolve("pouchdb")), "../dist/pouchdb.min.js"),
);

/** The e2e build's worker hooks (apps/extension/src/sync/test-hooks.ts) this bench uses. */
interface Hooks {
  leadpaneSync: {
    db: {
      outbox: { toCollection(): { last(): Promise<unknown> } };
      meta: { get(key: string): Promise<{ value: unknown } | undefined> };
    };
    requestSync(): Promise<void>;
    countRecords(): Promise<number>;
  };
}

interface Rates {
  push: number;
  pull: number;
}

const dir = mkdtempSync(join(tmpdir(), "leadpane-peers-chromium-"));
const peer = await startPeer(join(dir, "peer"));
const api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
try {
  // Both sides warmed up first (servers' JIT, page cache, Chromium's IndexedDB), not counted, as
  // in peers.bench.ts.
  await runOurs("warm", WARM_DOCS);
  await runPouch("warm", WARM_DOCS);
  const rows: Array<{ ours: Rates; pouch: Rates }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternated, so neither side always runs on the warmer (or more loaded) machine.
    const first = round % 2 === 0 ? "ours" : "pouch";
    const ours = first === "ours" ? await runOurs(round) : undefined;
    const pouch = await runPouch(round);
    const oursLate = ours ?? (await runOurs(round));
    rows.push({ ours: oursLate, pouch });
    console.log(
      `  round ${round + 1}: push ours ${Math.round(oursLate.push)} docs/s, PouchDB ${Math.round(pouch.push)} ` +
        `(${(oursLate.push / pouch.push).toFixed(2)}×); pull ours ${Math.round(oursLate.pull)}, ` +
        `PouchDB ${Math.round(pouch.pull)} (${(oursLate.pull / pouch.pull).toFixed(2)}×); ` +
        `load average ${loadavg()[0]!.toFixed(1)}`,
    );
  }
  const median = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const mid = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  };
  const ratio = (part: keyof Rates) => median(rows.map((r) => r.ours[part] / r.pouch[part])).toFixed(2);
  console.log(
    `peers (Chromium): ${DOCS.toLocaleString()} leads pushed by one client (pushes of ${PUSH_BATCH}), pulled by a ` +
      `fresh client (pages of ${PULL_PAGE}), both stored in IndexedDB; ${ROUNDS} rounds; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
  );
  console.log(
    `  push  ours (the extension) median ${Math.round(median(rows.map((r) => r.ours.push)))} docs/s, PouchDB (idb) → ` +
      `express-pouchdb ${Math.round(median(rows.map((r) => r.pouch.push)))} docs/s: ${ratio("push")}× (goal ≥ 3×)`,
  );
  console.log(
    `  pull  ours (the extension) median ${Math.round(median(rows.map((r) => r.ours.pull)))} docs/s, PouchDB (idb) ← ` +
      `express-pouchdb ${Math.round(median(rows.map((r) => r.pouch.pull)))} docs/s: ${ratio("pull")}× (goal ≥ 5×)`,
  );
} finally {
  peer.kill();
  await api.dispose();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Ours: a rep's profile signs in, queues the leads offline (as capture does, in batches of 500
 * changes a transaction; not timed), comes back online and syncs: timed until the outbox is
 * empty (every push answered). Then a fresh profile signs in: timed until every lead is stored
 * and queryable (its first load, through the extension's own store).
 */
async function runOurs(round: number | string, docs = DOCS): Promise<Rates> {
  const owner = await signUpOwner(api.url, "Bench Owner", `owner${round}@peers-chromium.test`);
  const session = (clientId: string) => ({
    serverUrl: api.url,
    token: owner.token,
    workspace: owner.workspace,
    member: owner.member,
    clientId,
  });
  let push: number;
  const writer = await launchProfile();
  try {
    const clientId = randomUUID();
    await signIn(writer, session(clientId));
    await queueLeadCreates(writer, leadIds(docs), owner.member.id, clientId);
    const seconds = await inWorker(
      writer,
      async () => {
        const { requestSync, db } = (globalThis as unknown as Hooks).leadpaneSync;
        const started = performance.now();
        const round = requestSync();
        // The last row, not a count nor the first: counting walks every outbox key (7–19 ms at 10,000),
        // and a read from the first key steps over every row the drain has deleted so far (IndexedDB
        // keeps them until it compacts), so the wait itself took more of the browser's CPU as the
        // drain went on. Read from the end, the queued rows are found at once until the last push.
        while (await db.outbox.toCollection().last()) await new Promise((r) => setTimeout(r, 5));
        const pushed = (performance.now() - started) / 1000;
        await round;
        return pushed;
      },
      null,
    );
    push = docs / seconds;
  } finally {
    await writer.close();
  }

  const reader = await launchProfile();
  try {
    const worker = await liveWorker(reader);
    await worker.evaluate(NAME_SHIM);
    const { seconds, stored } = await worker.evaluate(async (signedIn) => {
      const { requestSync, countRecords } = (globalThis as unknown as Hooks).leadpaneSync;
      const started = performance.now();
      await chrome.storage.local.set({ "leadpane.session": signedIn });
      await requestSync();
      return { seconds: (performance.now() - started) / 1000, stored: await countRecords() };
    }, session(randomUUID()));
    if (stored !== docs) throw new Error(`the fresh profile holds ${stored} of ${docs} records`);
    return { push, pull: docs / seconds };
  } finally {
    await reader.close();
  }
}

/** Signs a profile in (as the options page does) and waits for its first, empty, sync. */
async function signIn(profile: Profile, session: object): Promise<void> {
  const worker = await liveWorker(profile);
  await worker.evaluate(NAME_SHIM);
  await worker.evaluate(async (signedIn) => {
    await chrome.storage.local.set({ "leadpane.session": signedIn });
    await (globalThis as unknown as Hooks).leadpaneSync.requestSync();
  }, session);
}

/**
 * The peer: a page on the peer server's origin (so replication needs no CORS) loads PouchDB's
 * browser build; the leads go into a local database (not timed), replicate to the server (timed),
 * then a fresh local database replicates them back (timed). Otherwise PouchDB's defaults.
 */
async function runPouch(round: number | string, docs = DOCS): Promise<Rates> {
  const profile = await launchProfile();
  try {
    const origin = peer.url;
    await profile.context.route(`${origin}/bench/**`, (route) =>
      route.request().url().endsWith("/pouchdb.min.js")
        ? route.fulfill({ contentType: "text/javascript", body: POUCHDB_BROWSER })
        : route.fulfill({ contentType: "text/html", body: '<!doctype html><script src="pouchdb.min.js"></script>' }),
    );
    const page = await profile.context.newPage();
    await page.goto(`${origin}/bench/index.html`);
    await page.evaluate(NAME_SHIM);
    const rates = await page.evaluate(
      async ({ docs, remote, round, pushBatch, pullPage, ids }) => {
        type Db = {
          bulkDocs(docs: object[]): Promise<unknown>;
          info(): Promise<{ doc_count: number; adapter: string }>;
          replicate: {
            to(target: string, options: object): Promise<{ docs_written: number }>;
            from(source: string, options: object): Promise<{ docs_written: number }>;
          };
        };
        const PouchDB = (globalThis as unknown as { PouchDB: new (name: string) => Db }).PouchDB;
        // The lead each client creates, as in peers.bench.ts.
        const fields = (n: number) => ({
          name: `Lead ${n}`,
          title: "VP Sales",
          emails: [`lead${n}@corp${n % 997}.test`],
          tags: ["bench"],
        });
        const writer = new PouchDB(`writer-${round}`);
        for (let start = 1; start <= docs; start += 500) {
          const batch = Array.from({ length: Math.min(500, docs - start + 1) }, (_, i) => ({
            _id: ids[start + i - 1]!,
            type: "lead",
            ...fields(start + i),
          }));
          await writer.bulkDocs(batch);
        }
        let started = performance.now();
        const pushed = await writer.replicate.to(remote, { batch_size: pushBatch });
        const push = docs / ((performance.now() - started) / 1000);
        const reader = new PouchDB(`reader-${round}`);
        started = performance.now();
        await reader.replicate.from(remote, { batch_size: pullPage });
        const pull = docs / ((performance.now() - started) / 1000);
        const info = await reader.info();
        return { push, pull, pushed: pushed.docs_written, pulled: info.doc_count, adapter: info.adapter };
      },
      {
        docs,
        remote: `${origin}/leads-chromium-${round}`,
        round,
        pushBatch: PUSH_BATCH,
        pullPage: PULL_PAGE,
        ids: leadIds(docs),
      },
    );
    if (rates.pushed !== docs || rates.pulled !== docs)
      throw new Error(`PouchDB pushed ${rates.pushed} and pulled ${rates.pulled} of ${docs}`);
    if (rates.adapter !== "idb") throw new Error(`PouchDB ran on ${rates.adapter}, not IndexedDB`);
    return { push: rates.push, pull: rates.pull };
  } finally {
    await profile.close();
  }
}
