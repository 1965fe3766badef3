import { randomUUID } from "node:crypto";
import { type WorkspaceSettings, WorkspaceSettingsSchema } from "@leadpane/domain";
import {
  applyMutation,
  clampHlc,
  HLC_PATTERN,
  HlcClock,
  type ApplyError,
  type ApplyResult,
  type MutationResult,
  mutationRefs,
  OLDEST_CLIENT_PROTOCOL,
  parseHlc,
  PROTOCOL_VERSION,
  servesProtocol,
  type PushRequest,
  type PushResponse,
  type SyncedRecord,
  TRASH_RETENTION_DAYS,
} from "@leadpane/domain/sync";
import type { Actor } from "../auth/actor.ts";
import type { Database, Tx } from "../db/client.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { assertCanWrite } from "../middleware/auth.ts";
import { rawTx } from "./raw-tx.ts";
import { withWriteTransaction } from "./transaction.ts";
import { type Erased, ErasureIndex, type RecordRef } from "./erasures.ts";
import { TxReader } from "./tx-reader.ts";
import { withAck } from "./acks.ts";
import { type ImportPart, ImportPartSchema } from "@leadpane/domain/import";
import { writeImportParts } from "./import-history.ts";
import { type AuditEntry, writeChanges } from "./write.ts";
import { WebhookOutbox } from "../webhooks/outbox.ts";

/** A mutation to apply on the server, with its (possibly client) clock. */
export interface PendingMutation {
  name: string;
  args: unknown;
  hlc: string;
}

/**
 * Applies a client's push exactly once: mutations it already processed are skipped, the rest apply
 * in order and the client's last processed id is stored in the same transaction as their effects,
 * so the acknowledgement (sent after commit) is true even if the server dies right after.
 * A mutation that can never apply is marked processed and reported, so the queue never jams.
 */
export async function push(database: Database, actor: Actor, request: PushRequest): Promise<PushResponse> {
  if (!servesProtocol(request.protocolVersion)) {
    throw new ApiError(
      409,
      ERROR_CODES.protocolMismatch,
      `This server speaks sync protocol ${OLDEST_CLIENT_PROTOCOL} to ${PROTOCOL_VERSION}; update the extension.`,
    );
  }
  for (let i = 1; i < request.mutations.length; i++) {
    if (request.mutations[i]!.id !== request.mutations[i - 1]!.id + 1) {
      throw new ApiError(400, ERROR_CODES.invalidInput, "Mutation ids in a push must be consecutive");
    }
  }
  // The contract: a viewer's push is refused whole (403) and nothing of it is stored. The client
  // keeps such changes pending (they apply if the member is made a writer again) and keeps pulling.
  assertCanWrite(actor);
  return withWriteTransaction(database, async (tx) => {
    const now = new Date();
    const nowIso = now.toISOString();
    const { last, acks } = await syncClient(tx, actor, request.clientId);
    const fresh = request.mutations.filter((m) => m.id > last);
    if (fresh.length && fresh[0]!.id !== last + 1) {
      throw new ApiError(409, ERROR_CODES.mutationGap, `Expected mutation ${last + 1} next, got ${fresh[0]!.id}`);
    }
    const results: MutationResult[] = request.mutations
      .filter((m) => m.id <= last)
      .map((m) => ({ id: m.id, status: "duplicate" as const }));
    const { changed, audit, outcomes, reader, imports } = await applyAll(tx, actor, fresh, now);
    fresh.forEach((m, i) => {
      const outcome = outcomes[i]!;
      results.push(
        outcome.ok ? { id: m.id, status: "applied" } : { id: m.id, status: "rejected", error: outcome.error },
      );
    });
    const version = await writeChanges(tx, actor.workspaceId, changed, audit, nowIso, {
      isNew: (r) => reader.isNew(r.type, r.id),
    });
    await writeImportParts(rawTx(tx), actor, imports, nowIso);
    const newLast = fresh.length ? fresh[fresh.length - 1]!.id : last;
    if (fresh.length)
      await saveLastMutationId(tx, actor, request.clientId, newLast, withAck(acks, version, newLast), nowIso);
    return { lastMutationId: newLast, results };
  });
}

/**
 * Applies mutations made through the plain HTTP routes: all or nothing. The first one that
 * cannot apply aborts the transaction and becomes the HTTP error.
 */
export async function applyServerMutations(
  database: Database,
  actor: Actor,
  mutations: Array<Omit<PendingMutation, "hlc">>,
  /** Clocks the changes must order after (what the caller read: a restore must beat the delete it undoes). */
  after: string[] = [],
): Promise<SyncedRecord[]> {
  return (await applyServerPlan(database, actor, async () => ({ mutations, after, result: null }))).changed;
}

/**
 * `applyServerMutations` with the mutations planned inside the write transaction, from the records
 * as it reads them (`reader`), and a last step of the caller's in the same transaction (`written`).
 */
export async function applyServerPlan<T>(
  database: Database,
  actor: Actor,
  plan: (
    reader: TxReader,
    tx: Tx,
  ) => Promise<{
    mutations: Array<Omit<PendingMutation, "hlc">>;
    after?: string[];
    result: T;
    written?: (tx: Tx) => Promise<void>;
  }>,
): Promise<{ changed: SyncedRecord[]; result: T }> {
  assertCanWrite(actor);
  return withWriteTransaction(database, async (tx) => {
    const now = new Date();
    const planned = await plan(new TxReader(tx, actor.workspaceId), tx);
    for (const clock of planned.after ?? [])
      if (HLC_PATTERN.test(clock)) serverClock.receive(clampHlc(clock, now.getTime()));
    const withClocks = planned.mutations.map((m) => ({ ...m, hlc: serverClock.tick() }));
    const { changed, audit, outcomes, reader, imports } = await applyAll(tx, actor, withClocks, now);
    const failure = outcomes.find((o): o is { ok: false; error: ApplyError } => !o.ok);
    if (failure) throw applyErrorToApi(failure.error);
    await writeChanges(tx, actor.workspaceId, changed, audit, now.toISOString(), {
      isNew: (r) => reader.isNew(r.type, r.id),
    });
    await writeImportParts(rawTx(tx), actor, imports, now.toISOString());
    await planned.written?.(tx);
    return { changed: [...reader.staged.values()], result: planned.result };
  });
}

/** The HTTP error for a mutation that cannot apply. */
function applyErrorToApi(error: PushError): ApiError {
  switch (error.code) {
    case "invalid":
      return new ApiError(400, ERROR_CODES.invalidInput, error.message);
    case "not_found":
      return new ApiError(404, ERROR_CODES.notFound, error.message);
    case "forbidden":
      return new ApiError(403, ERROR_CODES.forbidden, error.message);
    default:
      return new ApiError(409, ERROR_CODES.conflict, error.message);
  }
}

/**
 * Why a mutation cannot apply: a domain rule's error, `erased` when it would bring back a record
 * erased for privacy (an offline client's queued change to a person erased meanwhile), or `purged`
 * when it names a record purged from the trash after 30 days (a change queued that long).
 */
type PushError = ApplyError | { code: "erased" | "purged"; message: string };

type Outcome = { ok: true } | { ok: false; error: PushError };

/** Mutations applied between two turns of the event loop (a few milliseconds of work). */
const YIELD_EVERY = 10;

async function applyAll(tx: Tx, actor: Actor, mutations: PendingMutation[], now: Date) {
  const settings = await workspaceSettings(tx, actor.workspaceId);
  const reader = new TxReader(tx, actor.workspaceId);
  const erasures = new ErasureIndex(tx, actor.workspaceId);
  // The records each mutation names (its handler says which, main record first), read up front in
  // one query per type.
  const refs = mutations.map((m) => mutationRefs(m.name, m.args));
  await reader.prefetch(refs.flat());
  await erasures.prefetch(refs.flat());
  // Webhooks: the events of the applied changes are written in this transaction (the outbox).
  const webhooks = await WebhookOutbox.open(tx, actor, settings.pipeline);
  const audit: AuditEntry[] = [];
  const outcomes: Outcome[] = [];
  // Import history parts applied in this transaction: the server keeps them (import-history.ts).
  const imports: ImportPart[] = [];
  const nowIso = now.toISOString();
  for (const [i, mutation] of mutations.entries()) {
    // A push of hundreds of mutations is seconds of CPU with nothing awaited for real (records are
    // prefetched): let other requests (health checks, pulls, sign-ins) run between slices of it.
    if (i > 0 && i % YIELD_EVERY === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    const main = refs[i]![0];
    const hlc = clampHlc(mutation.hlc, now.getTime());
    const ctx = {
      now: nowIso,
      hlc,
      actorId: actor.memberId,
      defaultRegion: settings.defaultRegion,
      settings,
    };
    let result: ApplyResult;
    try {
      result = await applyMutation(reader, mutation.name, mutation.args, ctx);
    } catch (error) {
      // A rule that throws on some input must not jam the client's queue or fail the push.
      result = { ok: false, error: { code: "invalid", message: `cannot apply: ${(error as Error).message}` } };
    }
    if (!result.ok) {
      // A change to a record that is gone because it was erased says so, not just "not found".
      const gone = result.error.code === "not_found" && main ? await erasures.erasureOf(main) : null;
      outcomes.push(gone && main ? { ok: false, error: erasedError({ ref: main, reason: gone }) } : result);
      continue;
    }
    const erased = await erasures.resurrected(result.changed);
    if (erased) {
      outcomes.push({ ok: false, error: erasedError(erased) });
      continue;
    }
    // Nor may a change made before an erasure bring the person back under a new id or on another record.
    const carried = await erasures.carriedBack(
      result.changed,
      (record) => reader.get(record.type, record.id),
      parseHlc(hlc).wall,
    );
    if (carried) {
      outcomes.push({ ok: false, error: { code: "erased", message: carried } });
      continue;
    }
    await webhooks.observe(reader, result.changed);
    reader.stage(result.changed);
    outcomes.push({ ok: true });
    if (mutation.name === "recordImport") imports.push(ImportPartSchema.parse(mutation.args));
    if (result.changed.length) audit.push(auditEntry(actor, mutation.name, main, result.changed));
  }
  await webhooks.write(now);
  return { changed: [...reader.staged.values()], audit, outcomes, reader, imports };
}

function erasedError({ ref, reason }: Erased): PushError {
  return reason === "purged"
    ? {
        code: "purged",
        message: `${ref.type} ${ref.id} was deleted more than ${TRASH_RETENTION_DAYS} days ago and purged from the trash`,
      }
    : { code: "erased", message: `${ref.type} ${ref.id} was erased for privacy and cannot come back` };
}

/**
 * One audit entry per applied mutation: who, which mutation, its main record and when; the other
 * records it changed (a conversion's contact, company, deal and activity, a status change's
 * activity) are listed in `detail.records`.
 */
function auditEntry(actor: Actor, action: string, named: RecordRef | undefined, changed: SyncedRecord[]): AuditEntry {
  const main = named ?? { type: changed[0]!.type, id: changed[0]!.id };
  const others = changed
    .filter((record) => record.type !== main.type || record.id !== main.id)
    .map((record) => ({ type: record.type, id: record.id }));
  return {
    memberId: actor.memberId,
    action,
    recordType: main.type,
    recordId: main.id,
    ...(others.length ? { detail: { records: others } } : {}),
  };
}

/** Parsed settings by their stored text: the server wrote and validated them; no need to redo it per push. */
const parsedSettings = new Map<string, WorkspaceSettings>();

async function workspaceSettings(tx: Tx, workspaceId: string): Promise<WorkspaceSettings> {
  const row = (await rawTx(tx).execute({ sql: "SELECT settings FROM workspaces WHERE id = ?", args: [workspaceId] }))
    .rows[0];
  const text = String(row?.settings ?? "{}");
  let settings = parsedSettings.get(text);
  if (!settings) {
    settings = WorkspaceSettingsSchema.parse(JSON.parse(text));
    if (parsedSettings.size >= 64) parsedSettings.delete(parsedSettings.keys().next().value!);
    parsedSettings.set(text, settings);
  }
  return settings;
}

async function syncClient(tx: Tx, actor: Actor, clientId: string): Promise<{ last: number; acks: string }> {
  const row = (
    await rawTx(tx).execute({
      sql: "SELECT member_id, last_mutation_id, acks FROM sync_clients WHERE workspace_id = ? AND client_id = ?",
      args: [actor.workspaceId, clientId],
    })
  ).rows[0];
  if (row && String(row.member_id) !== actor.memberId) {
    throw new ApiError(
      409,
      ERROR_CODES.conflict,
      "This client id belongs to another member; sign in again to get a new one",
    );
  }
  return row ? { last: Number(row.last_mutation_id), acks: String(row.acks) } : { last: 0, acks: "[]" };
}

async function saveLastMutationId(
  tx: Tx,
  actor: Actor,
  clientId: string,
  last: number,
  acks: string,
  now: string,
): Promise<void> {
  await rawTx(tx).execute({
    sql:
      "INSERT INTO sync_clients (workspace_id, client_id, member_id, " +
      "last_mutation_id, acks, updated_at) VALUES (?, ?, ?, ?, ?, ?) " +
      "ON CONFLICT (workspace_id, client_id) DO UPDATE SET last_mutation_id = " +
      "excluded.last_mutation_id, acks = excluded.acks, updated_at = excluded.updated_at",
    args: [actor.workspaceId, clientId, actor.memberId, last, acks, now],
  });
}

/** This process's clock for changes made through the HTTP routes; the node id is unique per process. */
const serverClock = new HlcClock(`server-${randomUUID().slice(0, 8)}`);
