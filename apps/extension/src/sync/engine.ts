import type { ApiClient } from "@leadpane/api/client";
import { ERROR_CODES, jsonSurelyWithin } from "@leadpane/domain";
import {
  applyPull,
  applyPushResponse,
  MAX_PUSH_MUTATIONS,
  PROTOCOL_VERSION,
  PushResponseSchema,
  pushInOrder,
  safeParsePullResponse,
  type OutboxMutation,
  type PullResponse,
  type ReplicaStore,
  type PushResponse,
} from "@leadpane/domain/sync";
import { ApiRequestError, apiForSession, readJson } from "../api.ts";
import type { Session } from "../chrome-storage.ts";
import { getMeta, setMeta, type LeadpaneDb, type MetaValues, type RejectedMutation } from "../local-db/db.ts";
import { dexieReplica, firstLoadReplica, replicaTables, type PushedBatch } from "../local-db/local-mutations.ts";
import { entriesOf } from "../local-db/pending-rows.ts";
import { receiveServerTime } from "./server-clock.ts";

/**
 * Mutations per push: the protocol's most, so a bulk change (an import of 10,000 rows) costs 20
 * round trips and server commits instead of 100; trimmed by size (`PUSH_BYTES`) to stay under the
 * API's 2 MB body limit when the changes are large.
 */
const PUSH_BATCH = MAX_PUSH_MUTATIONS;
/** JSON bytes per push at most (the API refuses bodies over 2 MB); a single larger change still goes alone. */
const PUSH_BYTES = 1_500_000;
/** Records per pull page (the server's most): fewer, larger IndexedDB transactions load faster. */
const PULL_PAGE = 5000;
/**
 * The response header in which the server tells a pull from cookie 0 how many changes follow the
 * page (docs/sync-protocol.md): the "of 100,000" of the first load's progress line.
 */
export const PULL_REMAINING_HEADER = "Leadpane-Pull-Remaining";
/** How many rejected mutations the UI keeps. */
const KEEP_REJECTED = 20;

/** What one sync round did. */
export interface SyncOutcome {
  pushed: number;
  pulled: number;
  rejected: RejectedMutation[];
}

/**
 * One sync round: push every pending mutation (oldest first), then pull every page of changes,
 * unless `mayPull` (asked once the pushes are done) says not now: a bulk commit in progress, whose
 * later chunks the next round pushes and pulls after (sync/bulk-commit.ts).
 * Safe to stop at any point (a killed service worker): the outbox only loses entries the server
 * has acknowledged, and the cookie only moves forward together with the records it covers.
 */
export async function syncOnce(
  database: LeadpaneDb,
  session: Session,
  onPage: () => void = () => undefined,
  mayPull: () => Promise<boolean> = async () => true,
): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { pushed: 0, pulled: 0, rejected: [] };
  let pulled = false;
  try {
    await pushAll(database, session, outcome);
    pulled = await mayPull();
    if (pulled) await pullAll(database, session, outcome, onPage);
  } catch (error) {
    await setMeta("syncError", { ...describeSyncError(error), at: new Date().toISOString() }, database);
    throw error;
  }
  await database.transaction("rw", database.meta, async () => {
    // A round that only pushed reached the server but brought nothing back: not a sync yet.
    if (pulled) await setMeta("lastSyncAt", new Date().toISOString(), database);
    await setMeta("syncError", null, database);
  });
  return outcome;
}

/**
 * Pushes the outbox in batches, in id order, with two pushes on their way (sync/push-pipeline.ts):
 * the next batch is read and sent before an answer is stored, so the server applies it while this
 * browser writes the last acknowledgement, instead of each waiting for the other.
 */
async function pushAll(database: LeadpaneDb, session: Session, outcome: SyncOutcome): Promise<void> {
  const api = apiForSession(session);
  /** Every change up to this id has left the outbox (an answer stored in this round). */
  let gone = 0;
  await pushInOrder({
    next: (after) => outboxBatch(database, after),
    send: (batch) => pushBatch(api, session.clientId, batch),
    isGap: (error) =>
      error instanceof ApiRequestError && error.status === 409 && error.code === ERROR_CODES.mutationGap,
    async store(batch, body) {
      await storeAnswer(database, { gone, sent: batch }, body, outcome);
      gone = Math.max(gone, body.lastMutationId);
    },
    async failed(batch, error) {
      if (!(error instanceof ApiRequestError && error.status === 403 && error.code === ERROR_CODES.forbidden))
        return false;
      await keepRefused(database, batch, error, outcome);
      return true;
    },
  });
}

/**
 * The oldest outbox entries after mutation `after` (0: from the oldest row, whatever its id), as
 * many as one push takes: the rows keyed up to `after + PUSH_BATCH` (ids are consecutive), and the
 * bundle `after` may end inside (pending-rows.ts).
 */
async function outboxBatch(database: LeadpaneDb, after: number): Promise<OutboxMutation[]> {
  return database.transaction("r", database.outbox, async () => {
    // A round's first push starts at the oldest row: earlier rounds took every id before it.
    const from = after > 0 ? after : ((await database.outbox.toCollection().limit(1).primaryKeys())[0] ?? 1) - 1;
    const rows = await database.outbox
      .where("id")
      .between(from, from + PUSH_BATCH, false, true)
      .toArray();
    // Rows never overlap: unless one starts right after `from`, a bundle before it may reach past it.
    const around = rows[0]?.id === from + 1 ? undefined : await database.outbox.where("id").belowOrEqual(from).last();
    const entries = entriesOf(around ? [around, ...rows] : rows).filter((entry) => entry.id > from);
    return withinBytes(entries.slice(0, PUSH_BATCH), PUSH_BYTES);
  });
}

/**
 * This member is a viewer now: the server refused the push whole and stored nothing. The changes
 * stay queued (they apply if the member is made a writer again), are reported as not saved, and
 * the round goes on to pull, so the browser keeps receiving the team's work.
 */
async function keepRefused(
  database: LeadpaneDb,
  batch: OutboxMutation[],
  error: ApiRequestError,
  outcome: SyncOutcome,
): Promise<void> {
  const at = new Date().toISOString();
  const known = await getMeta("rejected", [], database);
  const refused = batch
    .filter((m) => !known.some((r) => r.id === m.id))
    .map((m) => ({ id: m.id, name: m.name, message: `${error.message} (kept here, not saved)`, at }));
  await setMeta("rejected", [...known, ...refused].slice(-KEEP_REJECTED), database);
  outcome.rejected.push(...refused);
}

/**
 * Stores a push answer. Acknowledged means committed on the server: only now may the local copy
 * leave the outbox. The rejections are kept in the same transaction, so a worker killed here
 * cannot lose the report.
 */
async function storeAnswer(
  database: LeadpaneDb,
  pushed: PushedBatch,
  body: PushResponse,
  outcome: SyncOutcome,
): Promise<void> {
  const batch = pushed.sent;
  const at = new Date().toISOString();
  const rejected = body.results
    .filter((result) => result.status === "rejected")
    .map((result) => ({
      id: result.id,
      name: batch.find((m) => m.id === result.id)?.name ?? "?",
      message: result.error?.message ?? "rejected",
      at,
    }));
  // An answer moves changes from the outbox to the sent ones and may add rejections: only those
  // tables, so the view's stay free for pages that read them meanwhile.
  const dropped = await database.transaction("rw", database.outbox, database.sent, database.meta, async () => {
    if (rejected.length)
      await setMeta(
        "rejected",
        [...(await getMeta("rejected", [], database)), ...rejected].slice(-KEEP_REJECTED),
        database,
      );
    return applyPushResponse(dexieReplica(database, pushed), body);
  });
  outcome.rejected.push(...rejected);
  outcome.pushed += dropped;
}

async function pullAll(
  database: LeadpaneDb,
  session: Session,
  outcome: SyncOutcome,
  onPage: () => void,
): Promise<void> {
  const api = apiForSession(session);
  const fetchPage = (cookie: number) => pullPageCounted(api, session.clientId, cookie);
  let cookie = await getMeta("cookie", 0, database);
  // A first load (from cookie 0, or resumed after a worker restart) stores its pages as snapshot
  // values; every later pull writes record by record.
  const firstLoad = cookie === 0 || (await getMeta("firstLoad", null, database)) !== null;
  let next = fetchPage(cookie);
  for (;;) {
    const { page, remaining } = await next;
    // While this page is written to IndexedDB, the next one is already on its way: a first load
    // of a large workspace then costs about the storing alone, not storing plus round trips.
    if (page.hasMore) {
      next = fetchPage(page.cookie);
      next.catch(() => undefined);
    }
    const applied = await applyPage(database, session, cookie, page, firstLoad ? { remaining } : null);
    outcome.pulled += page.patch.length;
    if (firstLoad) onPage();
    if (!applied || !page.hasMore) return;
    cookie = page.cookie;
  }
}

/**
 * Writes one pull page fetched from `fromCookie`, its cookie, the acknowledgements it carries and
 * the rebased view in one transaction: a worker killed mid-pull resumes from the last whole page.
 * A first-load page (`firstLoad` set) goes in as one snapshot value and moves the progress on.
 * Returns false when the page was stale (another round moved the cookie meanwhile).
 */
async function applyPage(
  database: LeadpaneDb,
  session: Session,
  fromCookie: number,
  page: PullResponse,
  firstLoad: { remaining: number | null } | null,
): Promise<boolean> {
  return database.transaction("rw", replicaTables(database), async () => {
    const ctx = { actorId: session.member.id, defaultRegion: page.settings.defaultRegion, settings: page.settings };
    const bulk = firstLoad ? firstLoadReplica(database, fromCookie) : null;
    const outcome = await applyPull(
      bulk?.store ?? namingEachRecord(dexieReplica(database), page),
      fromCookie,
      page,
      session.clientId,
      ctx,
    );
    if (!outcome.applied) return false;
    if (bulk && firstLoad) {
      await bulk.finish();
      const before = await getMeta("firstLoad", null, database);
      const loaded = (before?.loaded ?? 0) + page.patch.length;
      const total = before?.total ?? (firstLoad.remaining === null ? null : loaded + firstLoad.remaining);
      await setMeta("firstLoad", page.hasMore ? { loaded, total } : null, database);
    }
    // Written only when they changed: every open view that reads them (the member names, the
    // workspace settings) would otherwise re-read and re-draw after each teammate's change.
    if (!(await sameMeta("members", page.members, database))) await setMeta("members", page.members, database);
    if (!(await sameMeta("settings", page.settings, database))) await setMeta("settings", page.settings, database);
    // Move this client's clock past the server's, so its next edits order after what it has seen.
    await receiveServerTime(database, session.clientId, Date.parse(page.serverTime), outcome.latestClock);
    return true;
  });
}

/**
 * Up to this many records a pull page is written in calls of fewer than 50, the most Dexie's change
 * event names record by record: open lists and the board then patch in a teammate's import of a
 * few hundred records instead of reading 100,000 again. Larger pages (a first load: 5,000 a page)
 * stay one write, as fast as it goes, and open views read everything again after them.
 */
const NAMED_PAGE = 1000;
const NAMED_WRITE = 49;

/** The replica, writing a small page's records in writes Dexie reports record by record. */
function namingEachRecord(store: ReplicaStore, page: PullResponse): ReplicaStore {
  if (page.patch.length > NAMED_PAGE) return store;
  return {
    ...store,
    async putRecords(records) {
      for (let i = 0; i < records.length; i += NAMED_WRITE) await store.putRecords(records.slice(i, i + NAMED_WRITE));
    },
  };
}

/** Whether a meta value already holds `value` (compared as JSON: both came from the same schema). */
async function sameMeta<K extends "members" | "settings">(
  key: K,
  value: MetaValues[K],
  database: LeadpaneDb,
): Promise<boolean> {
  const row = await database.meta.get(key);
  return row !== undefined && JSON.stringify(row.value) === JSON.stringify(value);
}

/** The oldest entries of `batch` whose JSON fits in `bytes` (always at least the first one). */
export function withinBytes(batch: OutboxMutation[], bytes: number): OutboxMutation[] {
  // Most batches are far below it, told from the lengths of their strings without building the text
  // (the entries as stored bound what a push sends of them).
  if (jsonSurelyWithin(batch, bytes)) return batch;
  const utf8 = new TextEncoder();
  let size = 0;
  for (const [index, { id, name, args, hlc }] of batch.entries()) {
    size += utf8.encode(JSON.stringify({ id, name, args, hlc })).length + 1;
    if (size > bytes && index > 0) return batch.slice(0, index);
  }
  return batch;
}

/** Sends one batch of the outbox, oldest first: the server's answer, checked against the protocol. */
export async function pushBatch(api: ApiClient, clientId: string, batch: OutboxMutation[]): Promise<PushResponse> {
  const answer = api.v1.sync.push.$post({
    json: {
      protocolVersion: PROTOCOL_VERSION,
      clientId,
      mutations: batch.map(({ id, name, args, hlc }) => ({ id, name, args, hlc })),
    },
  });
  return checkAnswer("push answer", PushResponseSchema.safeParse(await readJson(answer)));
}

/** The page of changes after `cookie`, checked against the protocol before anything applies it. */
export async function pullPage(api: ApiClient, clientId: string, cookie: number): Promise<PullResponse> {
  return (await pullPageCounted(api, clientId, cookie)).page;
}

/**
 * `pullPage` with the count of changes after it that a server tells a pull from cookie 0 (null
 * when it does not: later pages, or an older server).
 */
async function pullPageCounted(
  api: ApiClient,
  clientId: string,
  cookie: number,
): Promise<{ page: PullResponse; remaining: number | null }> {
  const answer = await api.v1.sync.pull.$get({
    query: { protocolVersion: String(PROTOCOL_VERSION), clientId, cookie: String(cookie), limit: String(PULL_PAGE) },
  });
  const header = answer.headers.get(PULL_REMAINING_HEADER);
  const remaining = header !== null && /^\d+$/.test(header) ? Number(header) : null;
  return { page: checkAnswer("pull page", safeParsePullResponse(await readJson(answer))), remaining };
}

/** A server's answer that is not the sync protocol message it should be: reported, never applied. */
export class InvalidAnswerError extends Error {
  constructor(
    readonly what: string,
    issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  ) {
    const where = issues
      .slice(0, 3)
      .map((issue) => `${issue.path.map(String).join(".") || "the whole answer"}: ${issue.message}`);
    super(
      `The server's ${what} does not match sync protocol ${PROTOCOL_VERSION} ` +
        `(${where.join("; ")}${issues.length > 3 ? "; …" : ""})`,
    );
  }
}

/** The message an answer was checked to be, or an InvalidAnswerError: nothing unchecked is applied. */
function checkAnswer<Message>(
  what: string,
  checked:
    | { success: true; data: Message }
    | { success: false; error: { issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }> } },
): Message {
  if (!checked.success) throw new InvalidAnswerError(what, checked.error.issues);
  return checked.data;
}

/** A readable message for a failed sync, with whether the server was reachable. */
export function describeSyncError(error: unknown): { online: boolean; code: string | null; message: string } {
  if (error instanceof ApiRequestError) {
    if (error.status === 401)
      return { online: true, code: error.code, message: "Signed out: sign in again in Settings" };
    if (error.code === ERROR_CODES.protocolMismatch)
      return { online: true, code: error.code, message: "Update Leadpane: the server speaks a newer sync protocol" };
    if (error.code === ERROR_CODES.mutationGap) {
      return {
        online: true,
        code: error.code,
        message:
          "The server is missing earlier changes from this browser (restored from a backup?): sign out and in again",
      };
    }
    if (error.status === 503)
      return { online: true, code: error.code, message: "The server is busy; retrying shortly" };
    return { online: true, code: error.code, message: error.message };
  }
  if (error instanceof InvalidAnswerError) {
    // Which field failed stays in the error (the console); the person gets what it means for them.
    return {
      online: true,
      code: "invalid_answer",
      message: `The server's ${error.what} is not what this version of Leadpane expects: none of it was applied. Check the server URL in Settings, or update Leadpane`,
    };
  }
  if (error instanceof SyntaxError) {
    // JSON that does not parse: a web page or another program answers at the server's address.
    return {
      online: true,
      code: "invalid_answer",
      message: "The server's answer is not Leadpane's (a web page?): check the server URL in Settings",
    };
  }
  if (error instanceof TypeError) {
    return {
      online: false,
      code: null,
      message: "Offline: changes are saved here and will sync when the server is reachable",
    };
  }
  return { online: true, code: null, message: `Sync failed: ${(error as Error)?.message ?? String(error)}` };
}
