/**
 * Leadpane's sync beside the one a team would otherwise pick for offline-first: PouchDB replicating
 * to express-pouchdb on LevelDB (on disk), on the identical workload, same machine, same run:
 * 10,000 leads pushed by one client in pushes of 100, then pulled by a fresh client in pages of
 * 1,000. Ours: the real API process on a libSQL file (synchronous=FULL, acknowledged after commit),
 * driven by the extension's own client algorithm (the domain's replica functions, the engine's
 * requests and answer checks) over an in-memory replica in Node. The peer's clients keep PouchDB's Node
 * store, LevelDB on disk (PouchDB 9 ships no in-memory adapter). Each side first syncs 2,000 leads
 * once, not timed (a warm-up). Prints docs/s and the ratios.
 * Run from the repo root: `npm run bench -- peers` (BENCH_PEERS_DOCS, BENCH_PEERS_ROUNDS tune it;
 * BENCH_PROFILE=<dir> profiles the API process).
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { ERROR_CODES, newId } from "@leadpane/domain";
import {
  applyLocal,
  applyPull,
  applyPushResponse,
  HlcClock,
  MemoryReplica,
  PROTOCOL_VERSION,
  PushResponseSchema,
  pushInOrder,
  safeParsePullResponse,
  type OutboxMutation,
  type PullResponse,
  type PushResponse,
} from "@leadpane/domain/sync";
import { startApi } from "../support/api-process.ts";
import { cpuMs, peakRssMiB, startPeer } from "./peer-process.ts";
import { signUpOwner } from "../support/sync-session.ts";

const DOCS = Number(process.env.BENCH_PEERS_DOCS ?? 10_000);
const ROUNDS = Number(process.env.BENCH_PEERS_ROUNDS ?? 2);
const PUSH_BATCH = 100;
/** Leads each side syncs once before the timed rounds. */
const WARM_DOCS = 2000;
const PULL_PAGE = 1000;

interface PouchDb {
  bulkDocs(docs: object[]): Promise<unknown>;
  info(): Promise<{ doc_count: number }>;
  replicate: {
    to(target: string, options: { batch_size: number }): Promise<{ docs_written: number }>;
    from(source: string, options: { batch_size: number }): Promise<{ docs_written: number }>;
  };
  close(): Promise<void>;
}
const require = createRequire(import.meta.url);
const PouchDB = require("pouchdb") as new (name: string) => PouchDb;

/** The lead each client creates: what a capture session produces. */
const leadFields = (n: number) => ({
  name: `Lead ${n}`,
  title: "VP Sales",
  emails: [`lead${n}@corp${n % 997}.test`],
  tags: ["bench"],
});

/** A refusal, with the contract's error code (the engine's ApiRequestError). */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    text: string,
  ) {
    super(`HTTP ${status}: ${text.slice(0, 300)}`);
  }
}

interface Rates {
  push: number;
  pull: number;
  /** CPU time of the pull, client and server processes together (ms): what the machine's load does not move. */
  pullCpu: number;
  /** The same for the push. */
  pushCpu: number;
}

const dir = mkdtempSync(join(tmpdir(), "leadpane-peers-bench-"));
const peer = await startPeer(join(dir, "peer"));
// BENCH_PROFILE=<dir>: the API writes a CPU profile there when it stops (node --cpu-prof).
const api = await startApi(
  { LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" },
  process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [],
).catch((error: unknown) => {
  peer.kill();
  throw error;
});
try {
  // Both servers warmed up first (JIT, page cache, connections), not counted: measured cold, our
  // first round ran at a third to a half of the later ones.
  await runOurs("warm", WARM_DOCS);
  await runPouch("warm", WARM_DOCS);
  const rows: Array<{ ours: Rates; pouch: Rates; load: number }> = [];
  for (let round = 0; round < ROUNDS; round++) {
    // Alternated, so neither side always runs on the warmer (or more loaded) machine.
    const first = round % 2 === 0 ? "ours" : "pouch";
    const ours = first === "ours" ? await runOurs(round) : undefined;
    const pouch = await runPouch(round);
    const oursLate = ours ?? (await runOurs(round));
    rows.push({ ours: oursLate, pouch, load: loadavg()[0]! });
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
  const ratio = (part: "push" | "pull") => median(rows.map((r) => r.ours[part] / r.pouch[part])).toFixed(2);
  console.log(
    `peers (Node): ${DOCS.toLocaleString()} leads pushed by one client (pushes of ${PUSH_BATCH}), pulled by a ` +
      `fresh client (pages of ${PULL_PAGE}); ${ROUNDS} rounds; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(" ")}`,
  );
  console.log(
    `  push  ours median ${Math.round(median(rows.map((r) => r.ours.push)))} docs/s, PouchDB → express-pouchdb ` +
      `${Math.round(median(rows.map((r) => r.pouch.push)))} docs/s: ${ratio("push")}× (goal ≥ 3×)`,
  );
  console.log(
    `  pull  ours median ${Math.round(median(rows.map((r) => r.ours.pull)))} docs/s, PouchDB ← express-pouchdb ` +
      `${Math.round(median(rows.map((r) => r.pouch.pull)))} docs/s: ${ratio("pull")}× (goal ≥ 5×)`,
  );
  const cpuRatio = median(rows.map((r) => r.pouch.pullCpu / r.ours.pullCpu)).toFixed(2);
  console.log(
    `  push CPU (client + server) ours median ${Math.round(median(rows.map((r) => r.ours.pushCpu)))} ms, PouchDB ` +
      `${Math.round(median(rows.map((r) => r.pouch.pushCpu)))} ms: ` +
      `${median(rows.map((r) => r.pouch.pushCpu / r.ours.pushCpu)).toFixed(2)}× less`,
  );
  console.log(
    `  pull CPU (client + server) ours median ${Math.round(median(rows.map((r) => r.ours.pullCpu)))} ms, PouchDB ` +
      `${Math.round(median(rows.map((r) => r.pouch.pullCpu)))} ms: ${cpuRatio}× less`,
  );
  console.log(`  peak RSS: our API ${peakRssMiB(api.child.pid!)} MiB, express-pouchdb ${peakRssMiB(peer.pid)} MiB`);
} finally {
  peer.kill();
  await api.dispose();
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Ours, as the extension syncs: the rep's creates applied to the replica and queued (not timed),
 * then pushed 100 at a time by the engine's loop (pushInOrder: two pushes on their way, answers
 * applied in order); then a fresh replica pulls every page, the next page requested while one is
 * applied (the engine's pullAll).
 */
async function runOurs(round: number | string, docs = DOCS): Promise<Rates> {
  const owner = await signUpOwner(api.url, "Bench Owner", `owner${round}@peers.test`);
  const client = { url: api.url, token: owner.token };
  const ctx = { actorId: owner.member.id, defaultRegion: "US" };
  const writer = new MemoryReplica();
  const clientId = randomUUID();
  const clock = new HlcClock(clientId);
  for (let n = 1; n <= docs; n++) {
    const mutation: OutboxMutation = {
      id: n,
      name: "create",
      args: { type: "lead", id: newId(), fields: leadFields(n) },
      hlc: clock.tick(),
      createdAt: new Date().toISOString(),
    };
    const result = await applyLocal(writer, mutation, ctx);
    if (!result.ok) throw new Error(result.error.message);
    writer.outbox.push(mutation);
  }
  // The loop above never let the event loop turn: a keep-alive socket the server closed meanwhile
  // is only noticed now, and one request (not timed) takes it out of the pool.
  await new Promise((resolve) => setImmediate(resolve));
  await fetch(`${client.url}/healthz`).catch(() => undefined);
  const pushCpuStart = cpuMs(api.child.pid!);
  let started = performance.now();
  // The engine's push loop (pushAll: pushInOrder over its outbox), over the in-memory replica.
  await pushInOrder({
    next: async (after) => {
      const from = writer.outbox.findIndex((m) => m.id > after);
      return from < 0 ? [] : writer.outbox.slice(from, from + PUSH_BATCH);
    },
    send: (batch) => pushBatch(client, clientId, batch),
    isGap: (error) => error instanceof HttpError && error.status === 409 && error.code === ERROR_CODES.mutationGap,
    store: async (_batch, answer) => {
      if ((await applyPushResponse(writer, answer)) === 0) throw new Error("push acknowledged nothing");
    },
  });
  if (writer.outbox.length) throw new Error(`${writer.outbox.length} mutations left unpushed`);
  const push = docs / ((performance.now() - started) / 1000);
  const pushCpu = cpuMs(api.child.pid!) - pushCpuStart;

  const reader = new MemoryReplica();
  const readerId = randomUUID();
  const cpu = cpuMs(api.child.pid!);
  started = performance.now();
  let cookie = 0;
  let next = pullPage(client, readerId, cookie, PULL_PAGE);
  for (;;) {
    const page = await next;
    if (page.hasMore) next = pullPage(client, readerId, page.cookie, PULL_PAGE);
    const outcome = await applyPull(reader, cookie, page, readerId, {
      actorId: owner.member.id,
      defaultRegion: page.settings.defaultRegion,
      settings: page.settings,
    });
    if (!outcome.applied) throw new Error("a page was not applied");
    cookie = page.cookie;
    if (!page.hasMore) break;
  }
  const pull = docs / ((performance.now() - started) / 1000);
  const pullCpu = cpuMs(api.child.pid!) - cpu;
  if (reader.records.size !== docs) throw new Error(`pulled ${reader.records.size} of ${docs} records`);
  return { push, pull, pullCpu, pushCpu };
}

/**
 * The peer: the same leads written to a local PouchDB (not timed), replicated to the server in
 * batches of 100; then a fresh local PouchDB replicates them back in batches of 1,000. Otherwise
 * PouchDB's defaults (it reads up to 10 batches ahead of the one it writes).
 */
async function runPouch(round: number | string, docs = DOCS): Promise<Rates> {
  const remote = `${peer.url}/leads-${round}`;
  const writer = new PouchDB(join(dir, `pouch-writer-${round}`));
  await writer.bulkDocs(Array.from({ length: docs }, (_, i) => ({ _id: newId(), type: "lead", ...leadFields(i + 1) })));
  const pushCpuStart = cpuMs(peer.pid);
  let started = performance.now();
  const pushed = await writer.replicate.to(remote, { batch_size: PUSH_BATCH });
  const push = docs / ((performance.now() - started) / 1000);
  const pushCpu = cpuMs(peer.pid) - pushCpuStart;
  if (pushed.docs_written !== docs) throw new Error(`PouchDB pushed ${pushed.docs_written} of ${docs}`);
  await writer.close();

  const reader = new PouchDB(join(dir, `pouch-reader-${round}`));
  const cpu = cpuMs(peer.pid);
  started = performance.now();
  await reader.replicate.from(remote, { batch_size: PULL_PAGE });
  const pull = docs / ((performance.now() - started) / 1000);
  const pullCpu = cpuMs(peer.pid) - cpu;
  const count = (await reader.info()).doc_count;
  if (count !== docs) throw new Error(`PouchDB pulled ${count} of ${docs}`);
  await reader.close();
  return { push, pull, pullCpu, pushCpu };
}

/** Where and as whom our client syncs. */
interface Endpoint {
  url: string;
  token: string;
}

/** The engine's pushBatch (apps/extension/src/sync/engine.ts): the same request, the answer checked the same way. */
async function pushBatch(client: Endpoint, clientId: string, batch: OutboxMutation[]): Promise<PushResponse> {
  const mutations = batch.map(({ id, name, args, hlc }) => ({ id, name, args, hlc }));
  return PushResponseSchema.parse(
    await answer(
      fetch(`${client.url}/v1/sync/push`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${client.token}` },
        body: JSON.stringify({ protocolVersion: PROTOCOL_VERSION, clientId, mutations }),
      }),
    ),
  );
}

/** The engine's pullPage, with the workload's page size (the extension asks for 5,000). */
async function pullPage(client: Endpoint, clientId: string, cookie: number, limit: number): Promise<PullResponse> {
  const query = `protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}&cookie=${cookie}&limit=${limit}`;
  const page = safeParsePullResponse(
    await answer(
      fetch(`${client.url}/v1/sync/pull?${query}`, { headers: { authorization: `Bearer ${client.token}` } }),
    ),
  );
  if (!page.success) throw page.error;
  return page.data;
}

async function answer(request: Promise<Response>): Promise<unknown> {
  const response = await request;
  if (!response.ok) {
    const text = await response.text();
    let code = "";
    try {
      code = String((JSON.parse(text) as { error?: { code?: unknown } }).error?.code ?? "");
    } catch {
      // not the contract's shape
    }
    throw new HttpError(response.status, code, text);
  }
  return response.json();
}
