import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId, type RecordType } from "@leadpane/domain";
import {
  applyLocal,
  applyPull,
  applyPushResponse,
  fieldsOf,
  HlcClock,
  MemoryReplica,
  observedAdds,
  type OutboxMutation,
  PROTOCOL_VERSION,
  type PullResponse,
  type PushResponse,
  type SyncedRecord,
  type WireRecord,
} from "@leadpane/domain/sync";
import { startAnswerProxy, type AnswerProxy, type WithheldAnswer } from "./support/answer-proxy.ts";
import { startApi, type ApiProcess } from "./support/api-process.ts";
import { killAfterNextCommit } from "./support/commit-watch.ts";
import { MODEL_ACTIONS, SyncModel, type ModelAction } from "./support/sync-model.ts";

/**
 * Crash test: several clients (the extension's client algorithm over memory, talking real HTTP)
 * create, update, add to and remove from sets, delete and restore leads and companies, on records
 * they share, while the real API process is SIGKILLed under load and restarted. Afterwards:
 *
 * - every field of every record on the server (pulled from cookie 0) is what a model of the merge
 *   rules says the mutations made must produce (last writer wins per scalar field with history,
 *   add-wins sets, newest delete/restore), and every replica equals the server;
 * - every mutation was processed exactly once: each client's ids 1..n were each answered
 *   `applied` once or (after a lost answer) `duplicate`, never both, never twice; the server's
 *   last processed id per client is n; acknowledgements never go back; the audit log has one entry
 *   per effective mutation;
 * - the case exactly-once exists for happened, on every run: a third of the kills are made right
 *   after the server committed a push and before its answer reaches the client (a proxy withholds
 *   the answer; see support/answer-proxy.ts), and the retry of each such push must be answered
 *   `duplicate` for every mutation the lost answer had applied. Another third fall the instant a
 *   transaction commits (support/commit-watch.ts), the rest at random moments.
 */

const KILLS = Number(process.env.CRASH_KILLS ?? 20);
const CLIENTS = 4;
const BATCH = 50;
/** Update field-writes per record at most: each leaves one history entry, and history keeps 50. */
const MAX_UPDATE_WRITES = 45;
const TAGS = ["hot", "warm", "cold", "vip", "eu", "us", "q3", "renewal"];
const EMAILS = [
  "ana@acme.test",
  "bo@acme.test",
  "cy@globex.test",
  "di@initech.test",
  "ed@umbrella.test",
  "fi@hooli.test",
];
const SCALARS: Record<"lead" | "company", string[]> = {
  lead: ["name", "title", "companyName", "location", "website"],
  company: ["name", "domain", "website", "address", "description"],
};

let api: ApiProcess;
let proxy: AnswerProxy;
beforeAll(async () => {
  api = await startApi({ LEADPANE_RATE_LIMIT_PER_TOKEN: "0", LEADPANE_RATE_LIMIT_PER_IP: "0" });
  proxy = await startAnswerProxy(api.url);
});
afterAll(async () => {
  await proxy?.close();
  await api?.dispose();
});

interface SimClient {
  clientId: string;
  short: string;
  token: string;
  memberId: string;
  replica: MemoryReplica;
  clock: HlcClock;
  nextId: number;
  /** Records this client has seen (its own creates, then what pulls brought), oldest first. */
  known: Array<{ type: RecordType; id: string }>;
  knownSet: Set<string>;
  made: number;
  failures: number;
  /** Failed pushes in a row (the server is down): the client backs off. */
  failingFor: number;
  /** The highest lastMutationId the server told this client (push answers and pulls). */
  ackedThrough: number;
  /** Ids sent in a push whose answer never came, not acknowledged since: processed or not, unknown. */
  inDoubt: Set<number>;
  /** Ids answered `applied`. */
  applied: Set<number>;
  /** Ids in doubt that a retry answered `duplicate`: their first answer was lost after the commit. */
  lostAnswerIds: Set<number>;
  /** Pushes whose retry found mutations of a lost answer already processed. */
  lostAnswers: number;
  violations: string[];
  fatal: string | null;
}

/** Shared by all clients: the mutations made, for the model, and how many of each kind. */
const model = new SyncModel();
const byKind: Record<ModelAction, number> = { create: 0, update: 0, add: 0, remove: 0, delete: 0, restore: 0 };

function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

function pick<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function pickSome<T>(items: readonly T[], max: number): T[] {
  const n = 1 + Math.floor(Math.random() * max);
  return [...items].sort(() => Math.random() - 0.5).slice(0, n);
}

/** A request through the proxy; throws HttpError for an error status, a TypeError when the connection died. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function request<T>(token: string, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${proxy.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  if (!response.ok)
    throw new HttpError(response.status, `${method} ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** A value no other write uses, so every update changes its record (it wins, or lands in history). */
function freshValue(client: SimClient, type: "lead" | "company", field: string): string {
  const tag = `${client.short}-${client.nextId}`;
  switch (field) {
    case "name":
      return type === "lead" ? `Lead ${tag}` : `Company ${tag}`;
    case "website":
      return `https://w-${tag}.example/`;
    case "domain":
      return `d-${tag}.example`;
    case "address":
      return `${client.nextId} Main Street, ${tag}`;
    case "description":
      return `About ${tag}`;
    case "title":
      return `Title ${tag}`;
    case "companyName":
      return `Co ${tag}`;
    default:
      return `City ${tag}`;
  }
}

/** A target for an edit: one of the last records this client saw that can take more updates. */
function pickTarget(client: SimClient, updateFields: number): SyncedRecord | null {
  const recent = client.known.slice(-30);
  for (let attempt = 0; attempt < 6 && recent.length; attempt++) {
    const ref = pick(recent);
    if (model.updateWrites(ref.type, ref.id) + updateFields > MAX_UPDATE_WRITES) continue;
    const record = client.replica.records.get(`${ref.type}:${ref.id}`);
    if (record) return record;
  }
  return null;
}

function createArgs(client: SimClient): { name: string; args: unknown } {
  const type = Math.random() < 0.7 ? "lead" : "company";
  const fields: Record<string, unknown> = { name: freshValue(client, type, "name") };
  if (Math.random() < 0.5)
    fields[type === "lead" ? "title" : "domain"] = freshValue(client, type, type === "lead" ? "title" : "domain");
  if (Math.random() < 0.5) fields.tags = pickSome(TAGS, 2);
  if (Math.random() < 0.3) fields.emails = pickSome(EMAILS, 2);
  return { name: "create", args: { type, id: newId(), fields } };
}

/** The next change a rep makes: mostly edits of records in view, some new records. */
function nextChange(client: SimClient): { name: string; args: unknown } {
  const roll = Math.random();
  if (roll < 0.12) return createArgs(client);
  if (roll < 0.47) {
    const fields = Math.random() < 0.3 ? 2 + Math.floor(Math.random() * 2) : 1;
    const target = pickTarget(client, fields);
    if (!target) return createArgs(client);
    const type = target.type as "lead" | "company";
    const set = Object.fromEntries(
      pickSome(SCALARS[type], fields).map((field) => [field, freshValue(client, type, field)]),
    );
    return { name: "update", args: { type, id: target.id, set } };
  }
  const target = pickTarget(client, 0);
  if (!target) return createArgs(client);
  const { type, id } = target;
  if (roll < 0.85) {
    const field = Math.random() < 0.6 ? "tags" : "emails";
    const present = (fieldsOf(target)[field] as string[]) ?? [];
    if (roll < 0.68 || !present.length)
      return { name: "add", args: { type, id, field, values: pickSome(field === "tags" ? TAGS : EMAILS, 2) } };
    const value = pick(present);
    return { name: "remove", args: { type, id, field, observed: observedAdds(target, field, [value]) } };
  }
  // Mostly the natural toggle; sometimes a redundant delete or restore (it still orders by clock).
  const toggle = Math.random() < 0.8;
  return { name: target.deleted === toggle ? "restore" : "delete", args: { type, id } };
}

async function makeChange(client: SimClient): Promise<void> {
  const change = nextChange(client);
  const mutation: OutboxMutation = {
    id: client.nextId,
    name: change.name,
    args: change.args,
    hlc: client.clock.tick(),
    createdAt: new Date().toISOString(),
  };
  const result = await applyLocal(client.replica, mutation, { actorId: client.memberId, defaultRegion: "US" });
  if (!result.ok) throw new Error(`local ${mutation.name} failed: ${result.error.message}`);
  client.replica.outbox.push(mutation);
  model.record({
    clientId: client.clientId,
    id: mutation.id,
    name: mutation.name,
    args: mutation.args,
    hlc: mutation.hlc,
  });
  byKind[mutation.name as ModelAction] += 1;
  if (mutation.name === "create") see(client, change.args as { type: RecordType; id: string });
  client.nextId += 1;
  client.made += 1;
}

function see(client: SimClient, ref: { type: RecordType; id: string }): void {
  const k = `${ref.type}:${ref.id}`;
  if (client.knownSet.has(k)) return;
  client.knownSet.add(k);
  client.known.push({ type: ref.type, id: ref.id });
}

/** Checks a push answer against what the client knows, mutation by mutation. */
function checkAnswer(client: SimClient, batch: OutboxMutation[], body: PushResponse): void {
  const ids = batch.map((m) => m.id);
  const fail = (message: string) => client.violations.push(`client ${client.short}: ${message}`);
  if (JSON.stringify(body.results.map((r) => r.id)) !== JSON.stringify(ids))
    fail(`answer lists ${JSON.stringify(body.results.map((r) => r.id))} for a push of ${ids[0]}..${ids.at(-1)}`);
  if (body.lastMutationId < client.ackedThrough)
    fail(
      `acknowledgement went back from ${client.ackedThrough} to ` +
        `${body.lastMutationId}: acknowledged mutations were lost`,
    );
  if (body.lastMutationId < ids.at(-1)!)
    fail(`push of ${ids[0]}..${ids.at(-1)} acknowledged only through ${body.lastMutationId}`);
  let lost = 0;
  for (const result of body.results) {
    if (result.status === "duplicate") {
      if (client.applied.has(result.id) || client.lostAnswerIds.has(result.id))
        fail(`mutation ${result.id} pushed again after it was answered`);
      else if (!client.inDoubt.has(result.id))
        fail(
          `mutation ${result.id} reported duplicate though every ` +
            `earlier push of it was answered (or it was never pushed)`,
        );
      else {
        client.lostAnswerIds.add(result.id);
        lost += 1;
      }
    } else if (result.status === "applied") {
      if (client.applied.has(result.id) || client.lostAnswerIds.has(result.id) || result.id <= client.ackedThrough)
        fail(`mutation ${result.id} applied twice`);
      client.applied.add(result.id);
    } else {
      fail(`mutation ${result.id} rejected: ${JSON.stringify(result.error)}`);
    }
  }
  if (lost) client.lostAnswers += 1;
  for (const id of client.inDoubt) if (id <= body.lastMutationId) client.inDoubt.delete(id);
  client.ackedThrough = Math.max(client.ackedThrough, body.lastMutationId);
}

/** One push of up to BATCH pending mutations. False when its outcome is unknown (the server died, or answered 5xx). */
async function pushOnce(client: SimClient): Promise<boolean> {
  const batch = client.replica.outbox.slice(0, BATCH);
  if (!batch.length) return true;
  let body: PushResponse;
  try {
    body = await request<PushResponse>(client.token, "POST", "/v1/sync/push", {
      protocolVersion: PROTOCOL_VERSION,
      clientId: client.clientId,
      mutations: batch.map(({ id, name, args, hlc }) => ({ id, name, args, hlc })),
    });
  } catch (error) {
    // 4xx (a mutation gap, a refused push) is never what a crash should cause: stop this client.
    if (error instanceof HttpError && error.status < 500) {
      client.fatal = error.message;
      throw error;
    }
    for (const m of batch) client.inDoubt.add(m.id);
    client.failures += 1;
    client.failingFor += 1;
    return false;
  }
  client.failingFor = 0;
  checkAnswer(client, batch, body);
  await applyPushResponse(client.replica, body);
  return true;
}

/** Pulls to the end; each page is applied whole or not at all. False when the server died meanwhile. */
async function pullAll(client: SimClient): Promise<boolean> {
  for (;;) {
    const fromCookie = client.replica.cookie;
    let page: PullResponse;
    try {
      page = await request<PullResponse>(
        client.token,
        "GET",
        `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${client.clientId}&cookie=${fromCookie}&limit=500`,
      );
    } catch (error) {
      if (error instanceof HttpError && error.status < 500) {
        client.fatal = error.message;
        throw error;
      }
      return false;
    }
    const acked = page.lastMutationIDChanges[client.clientId];
    // Pulls happen only with nothing in doubt, so the server's last processed id is exactly the
    // last one this client saw acknowledged: none lost, none processed behind its back.
    if (acked !== undefined && acked !== client.ackedThrough) {
      client.violations.push(
        `client ${client.short}: a pull says the server processed through ` +
          `${acked}, pushes acknowledged through ${client.ackedThrough}`,
      );
    }
    const outcome = await applyPull(client.replica, fromCookie, page, client.clientId, {
      actorId: client.memberId,
      defaultRegion: "US",
    });
    if (outcome.latestClock) client.clock.receive(outcome.latestClock);
    for (const op of page.patch) if (op.op === "put") see(client, op.record);
    if (!page.hasMore) return true;
  }
}

describe("crash: the API is SIGKILLed under load", () => {
  it(`loses no acknowledged mutation, applies none twice: ${KILLS} kills, a third before the answer`, async () => {
    const signup = await fetch(`${proxy.url}/v1/workspaces`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "Crash Co", owner: { name: "Olivia Owner", email: "owner@crash.test" } }),
    });
    const { token, member } = (await signup.json()) as { token: string; member: { id: string } };
    const clients: SimClient[] = Array.from({ length: CLIENTS }, () => {
      const clientId = newId();
      return {
        clientId,
        short: clientId.slice(-6),
        token,
        memberId: member.id,
        replica: new MemoryReplica(),
        clock: new HlcClock(clientId),
        nextId: 1,
        known: [],
        knownSet: new Set(),
        made: 0,
        failures: 0,
        failingFor: 0,
        ackedThrough: 0,
        inDoubt: new Set(),
        applied: new Set(),
        lostAnswerIds: new Set(),
        lostAnswers: 0,
        violations: [],
        fatal: null,
      };
    });

    const started = Date.now();
    let loading = true;
    const load = clients.map(async (client) => {
      for (let round = 0; loading; round++) {
        // Like a rep who keeps working while the server is down, up to a bounded backlog.
        if (client.replica.outbox.length < 200) for (let i = 0; i < 5; i++) await makeChange(client);
        const answered = await pushOnce(client);
        // Pull now and then to see the others' records and edits, but never while a push's outcome
        // is in doubt: its retry must come first, so that a lost answer shows as `duplicate`.
        if (answered && !client.inDoubt.size && round % 3 === 0) await pullAll(client);
        // While the server is down, retry with a backoff (as the extension does), up to 160 ms.
        await sleep(20 * 2 ** Math.min(client.failingFor, 3));
      }
    });
    // A client that stopped (a 4xx answer, a local change that failed) stops the run with its error.
    const loadDone = Promise.all(load);
    const loadFailed = new Promise<never>((_, reject) =>
      loadDone.catch((error: unknown) => {
        loading = false;
        proxy.disarm();
        reject(error);
      }),
    );
    loadFailed.catch(() => undefined);

    // Kills cycle through three moments: after a push's answer is out, before the client hears of
    // it (the lost answer exactly-once exists for); the instant a transaction commits, before the
    // server can take one more step; and a random moment, with pushes and pulls in flight.
    const withheld: WithheldAnswer[] = [];
    let commitKills = 0;
    let randomKills = 0;
    const restarts: number[] = [];
    try {
      for (let k = 0; k < KILLS && loading; k++) {
        await sleep(150 + Math.random() * 600);
        const kill = () => api.stop({ crash: true });
        if (k % 3 === 0) withheld.push(await Promise.race([proxy.loseNextPushAnswer(kill), loadFailed]));
        else if (k % 3 === 1) {
          const { killed } = await Promise.race([killAfterNextCommit(api.dbUrl, api.child.pid!), loadFailed]);
          expect(killed, "no commit to kill after").toBe(true);
          await kill();
          commitKills += 1;
        } else {
          await kill();
          randomKills += 1;
        }
        const down = Date.now();
        await api.restart();
        restarts.push(Date.now() - down);
      }
    } finally {
      loading = false;
    }
    await loadDone;
    expect(withheld.length + commitKills + randomKills).toBe(KILLS);
    const loadEnded = Date.now();

    // Everyone drains after the last restart.
    for (const client of clients) {
      for (let guard = 0; client.replica.outbox.length; guard++) {
        expect(guard, `client ${client.short} cannot drain its outbox`).toBeLessThan(1_000);
        if (!(await pushOnce(client))) await sleep(50);
      }
      expect(client.inDoubt.size).toBe(0);
    }
    for (const client of clients) expect(await pullAll(client)).toBe(true);

    const { records: server, cookie: latestVersion } = await serverRecords(token);
    const serverLast = await Promise.all(
      clients.map((client) => serverLastMutationId(token, client.clientId, latestVersion)),
    );
    const audit = await auditEntries(token);

    const made = clients.reduce((n, c) => n + c.made, 0);
    const failures = clients.reduce((n, c) => n + c.failures, 0);
    const lostAnswers = clients.reduce((n, c) => n + c.lostAnswers, 0);
    const lostIds = clients.reduce((n, c) => n + c.lostAnswerIds.size, 0);
    const stats = model.stats();
    const byTime = [...restarts].sort((a, b) => a - b);
    console.log(
      `[crash] load ${loadEnded - started} ms (${restarts.reduce((a, b) => a + b, 0)} ms of it restarting the API: ` +
        `median ${byTime[Math.floor(byTime.length / 2)]} ms, max ` +
        `${byTime.at(-1)} ms), drain and compare ${Date.now() - loadEnded} ms`,
    );
    console.log(
      `[crash] ${withheld.length + commitKills + randomKills} ` +
        `kills (${withheld.length} between a commit and its answer, ` +
        `${commitKills} the instant a transaction committed, ${randomKills} at random moments), ` +
        `${made} mutations (${MODEL_ACTIONS.map((a) => `${byKind[a]} ${a}`).join(", ")}), ${failures} failed pushes`,
    );
    console.log(
      `[crash] ${lostAnswers} pushes had lost their answer (${withheld.length} withheld ` +
        `by the proxy), ${lostIds} mutations re-pushed after it and answered duplicate`,
    );
    console.log(
      `[crash] ${stats.records} records, ${stats.sharedRecords} edited by several clients, ` +
        `${stats.lostScalarWrites} scalar writes lost to another client's newer one, ` +
        `${stats.removedThenReadded} removed set values kept by an add the remove had not ` +
        `seen, ${stats.lifecycleConflicts} records deleted and restored by several clients`,
    );

    // No client stopped on a refused request, and no answer contradicted exactly-once.
    expect(clients.map((c) => c.fatal).filter(Boolean)).toEqual([]);
    expect(clients.flatMap((c) => c.violations)).toEqual([]);
    expect(failures).toBeGreaterThan(0);

    // The lost-answer path ran, on every run: each withheld push's retry found every mutation the
    // withheld answer had applied already processed (`duplicate`), and the clients noticed.
    expect(withheld.length).toBe(Math.ceil(KILLS / 3));
    expect(withheld.length).toBeGreaterThan(0);
    for (const lost of withheld) {
      const client = clients.find((c) => c.clientId === lost.clientId)!;
      const committed = lost.answer.results.filter((r) => r.status === "applied").map((r) => r.id);
      expect(committed.length).toBeGreaterThan(0);
      expect(
        committed.filter((id) => !client.lostAnswerIds.has(id)),
        `withheld push ${lost.mutationIds[0]}..${lost.mutationIds.at(-1)} ` +
          `of client ${client.short}: retried mutations not answered duplicate`,
      ).toEqual([]);
    }
    expect(lostAnswers).toBeGreaterThanOrEqual(withheld.length);

    // Exactly once, per client: the server processed 1..made, each answered once (applied, or
    // duplicate after a lost answer), nothing left pending.
    clients.forEach((client, i) => {
      expect(serverLast[i], `server's last processed id for client ${client.short}`).toBe(client.made);
      expect(client.nextId - 1).toBe(client.made);
      for (const id of client.applied)
        expect(client.lostAnswerIds.has(id), `mutation ${id} both applied and duplicate`).toBe(false);
      expect(client.applied.size + client.lostAnswerIds.size, `client ${client.short}: mutations answered`).toBe(
        client.made,
      );
      expect(client.replica.outbox).toEqual([]);
    });

    // Every field of every record is what the acknowledged mutations must have made.
    const problems = model.check(server, member.id, latestVersion);
    expect(
      problems.length,
      `${problems.length} differences from the model, first: ${problems.slice(0, 10).join("\n")}`,
    ).toBe(0);

    // The audit log: one entry per mutation that changed its record. Creates, updates (fresh
    // values) and adds (fresh clocks) always do, so they count exactly; a remove, delete or restore
    // may find a concurrent one already did its work, so those are at most one each.
    const expectedRecords = model.expected();
    const counts = new Map<string, Record<string, number>>();
    for (const entry of audit) {
      if (!(MODEL_ACTIONS as readonly string[]).includes(entry.action)) continue;
      const k = `${entry.recordType}:${entry.recordId}`;
      const perAction = counts.get(k) ?? {};
      perAction[entry.action] = (perAction[entry.action] ?? 0) + 1;
      counts.set(k, perAction);
    }
    const auditProblems: string[] = [];
    for (const want of expectedRecords) {
      const k = `${want.type}:${want.id}`;
      const got = counts.get(k) ?? {};
      counts.delete(k);
      for (const action of MODEL_ACTIONS) {
        const n = got[action] ?? 0;
        const exact = action === "create" || action === "update" || action === "add";
        if (exact ? n !== want.actions[action] : n > want.actions[action])
          auditProblems.push(`${k}: ${n} ${action} audit entries for ${want.actions[action]} ${action} mutations`);
      }
    }
    for (const k of counts.keys()) auditProblems.push(`audit entries for ${k}, which no client created`);
    expect(auditProblems.length, `audit log: ${auditProblems.slice(0, 10).join("\n")}`).toBe(0);

    // And every client's view is exactly the server's.
    const serverView = JSON.stringify(sortById(server));
    for (const client of clients)
      expect(JSON.stringify(sortById([...client.replica.records.values()]))).toBe(serverView);
  }, 600_000);
});

async function serverRecords(token: string): Promise<{ records: WireRecord[]; cookie: number }> {
  const records: WireRecord[] = [];
  let cookie = 0;
  for (;;) {
    const page = await request<PullResponse>(
      token,
      "GET",
      `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${newId()}&cookie=${cookie}&limit=5000`,
    );
    for (const op of page.patch) if (op.op === "put") records.push(op.record);
    cookie = page.cookie;
    if (!page.hasMore) return { records, cookie };
  }
}

/** The server's stored last processed mutation id of a client (`sync_clients`), over HTTP. */
async function serverLastMutationId(token: string, clientId: string, cookie: number): Promise<number | undefined> {
  const page = await request<PullResponse>(
    token,
    "GET",
    `/v1/sync/pull?protocolVersion=${PROTOCOL_VERSION}&clientId=${clientId}&cookie=${cookie}&limit=1`,
  );
  return page.lastMutationIDChanges[clientId];
}

interface AuditItem {
  action: string;
  recordType: string | null;
  recordId: string | null;
}

async function auditEntries(token: string): Promise<AuditItem[]> {
  const items: AuditItem[] = [];
  for (let cursor: string | null = null; ; ) {
    const page: { items: AuditItem[]; nextCursor: string | null } = await request(
      token,
      "GET",
      `/v1/audit?limit=200${cursor ? `&cursor=${cursor}` : ""}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
    if (!cursor) return items;
  }
}

function sortById(records: WireRecord[]): WireRecord[] {
  return [...records].sort((a, b) => (`${a.type}:${a.id}` < `${b.type}:${b.id}` ? -1 : 1));
}
