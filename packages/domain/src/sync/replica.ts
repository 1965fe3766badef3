import type { RecordType } from "../common.ts";
import { applyMutation } from "../mutations/registry.ts";
import type { ApplyResult, RecordReader } from "./context.ts";
import type { Hlc } from "./hlc.ts";
import type { PatchOp, PullResponse, PushResponse } from "./protocol.ts";
import { typedRecord, type SyncedRecord } from "./record.ts";
import type { WorkspaceSettings } from "../workspace.ts";

/**
 * The client half of sync, independent of storage: how a replica applies its own changes, a pull
 * page and a push answer. The extension runs it over IndexedDB, the property tests over memory, so
 * the algorithm the tests prove is the one users run.
 *
 * A replica keeps three things: the *view* (server state with pending local changes on top, what
 * the UI reads), the *bases* (the server's copy of every record the view changed locally; `null`
 * when the server does not have it yet) and the *pending changes*, in order: the *outbox* (not yet
 * acknowledged by the server) and the *sent* ones (acknowledged by a push answer, not yet in a
 * pulled page). After every step the view is exactly the server's state at the cookie with the
 * pending changes replayed on top: a change the rep made never disappears while its push is
 * answered and the pages that contain it are still on their way.
 */

/** The server's copy of a record that has local changes (a *base*); `record` is null when the server lacks it. */
export interface ReplicaBase {
  type: RecordType;
  id: string;
  record: SyncedRecord | null;
}

/**
 * A change made on this client and still pending: in the outbox until a push answer acknowledges
 * it, then among the sent ones until a pulled page includes it. The extension stores it as is.
 */
export interface OutboxMutation {
  /** Per-client mutation id: 1, 2, 3… without gaps. */
  id: number;
  name: string;
  args: unknown;
  hlc: Hlc;
  /** When it was made (ISO); replays use it as the change's time. */
  createdAt: string;
}

/**
 * Where a replica keeps its state. The replica functions call it inside one atomic unit that the
 * caller opens (an IndexedDB transaction in the extension), so a crash leaves either all of a step
 * or none of it.
 */
export interface ReplicaStore extends RecordReader {
  /** Writes records into the view. */
  putRecords(records: SyncedRecord[]): Promise<void>;
  /** Removes a record from the view. */
  deleteRecord(type: RecordType, id: string): Promise<void>;
  getBase(type: RecordType, id: string): Promise<ReplicaBase | undefined>;
  putBase(base: ReplicaBase): Promise<void>;
  /** Every base. */
  listBases(): Promise<ReplicaBase[]>;
  /** Whether any record has a base (pending or recently acknowledged local changes). */
  hasBases(): Promise<boolean>;
  clearBases(): Promise<void>;
  /**
   * Pending changes, oldest first: the sent ones (the server processed them, but no pulled page
   * includes their effects yet), then the outbox (not yet acknowledged by the server).
   */
  listPending(): Promise<OutboxMutation[]>;
  /** Whether any change is pending (sent or in the outbox). */
  hasPending(): Promise<boolean>;
  /**
   * Moves outbox entries up to and including `id` to the sent ones (a push answer acknowledged
   * them); returns how many.
   */
  markSentThrough(id: number): Promise<number>;
  /** Drops pending changes up to and including `id` (a pulled page includes their effects); returns how many. */
  dropPendingThrough(id: number): Promise<number>;
  /** The pull cookie the view is at. */
  getCookie(): Promise<number>;
  setCookie(cookie: number): Promise<void>;
}

/** What a replica needs to apply mutations the way the server will. */
export interface ReplicaContext {
  actorId: string | null;
  defaultRegion: string;
  settings?: WorkspaceSettings;
}

/**
 * Applies one local change to the view (remembering the server's copy of every record it touches
 * as a base first). The caller appends `mutation` to the outbox in the same atomic unit when ok.
 */
export async function applyLocal(
  store: ReplicaStore,
  mutation: OutboxMutation,
  ctx: ReplicaContext,
): Promise<ApplyResult> {
  const result = await applyMutation(store, mutation.name, mutation.args, {
    now: mutation.createdAt,
    hlc: mutation.hlc,
    actorId: ctx.actorId,
    defaultRegion: ctx.defaultRegion,
    ...(ctx.settings ? { settings: ctx.settings } : {}),
  });
  if (!result.ok) return result;
  await keepBases(store, result.changed);
  await store.putRecords(result.changed);
  return result;
}

/** Before a record first gets a local change, remember the server's copy to rebase on later. */
async function keepBases(store: ReplicaStore, changed: SyncedRecord[]): Promise<void> {
  for (const record of changed) {
    if (await store.getBase(record.type, record.id)) continue;
    const current = await store.get(record.type, record.id);
    await store.putBase({ type: record.type, id: record.id, record: current ?? null });
  }
}

/** What became of a pull page at a replica. */
export interface PullOutcome {
  /** False when the page was for another cookie (late, duplicated or replayed) and was ignored. */
  applied: boolean;
  /** Outbox entries the page acknowledged. */
  acknowledged: number;
  /**
   * The newest clock among the page's records, or null. The replica's clock must move past it
   * (`HlcClock.receive`): an edit made after seeing a record then orders after what made that
   * record, even when the other writer's wall clock runs ahead of this one.
   */
  latestClock: Hlc | null;
}

/**
 * Applies a pull page fetched from `fromCookie`. A page fetched from another cookie than the
 * replica's (a late, duplicated or replayed answer) is ignored: applying it could move the view
 * back in time. Otherwise the server's records land in the view (or, for records with pending
 * changes, in their base), the acknowledged outbox entries go, and pending changes are replayed on
 * top of the new server state.
 */
export async function applyPull(
  store: ReplicaStore,
  fromCookie: number,
  page: Pick<PullResponse, "cookie" | "patch" | "lastMutationIDChanges" | "hasMore">,
  clientId: string,
  ctx: ReplicaContext,
): Promise<PullOutcome> {
  if ((await store.getCookie()) !== fromCookie) return { applied: false, acknowledged: 0, latestClock: null };
  const touchedBase = await applyPatch(store, page.patch);
  await store.setCookie(page.cookie);
  // Each page acknowledges the changes whose effects it (or an earlier page) holds.
  const acked = page.lastMutationIDChanges[clientId];
  const acknowledged = acked === undefined ? 0 : await store.dropPendingThrough(acked);
  // The view must be rebuilt when the server state under a pending change moved (a new copy of a
  // record it touched, or of any record while changes are pending: a pending conversion may now
  // find a company a teammate created) or when changes stopped being pending. A quiet client
  // skips the replay, so teammates' pages stay cheap.
  if (touchedBase || acknowledged > 0 || (page.patch.length > 0 && (await store.hasPending())))
    await rebase(store, ctx);
  return { applied: true, acknowledged, latestClock: latestClockOf(page.patch) };
}

/** The newest field, set or delete clock among a patch's records. */
export function latestClockOf(patch: PatchOp[]): Hlc | null {
  let latest: Hlc | null = null;
  for (const op of patch) {
    if (op.op !== "put") continue;
    for (const clock of Object.values(op.record.meta.clocks)) if (latest === null || clock > latest) latest = clock;
    for (const tags of Object.values(op.record.meta.sets)) {
      for (const clocks of Object.values(tags))
        for (const clock of clocks) if (latest === null || clock > latest) latest = clock;
    }
  }
  return latest;
}

/** Writes a patch; returns whether it changed the base of a record with pending changes. */
async function applyPatch(store: ReplicaStore, patch: PatchOp[]): Promise<boolean> {
  let touchedBase = false;
  const puts: SyncedRecord[] = [];
  // Nothing pending (a first load, a quiet client): no base to look up per record.
  const anyBase = await store.hasBases();
  for (const op of patch) {
    if (!anyBase) {
      if (op.op === "put") puts.push(typedRecord(op.record));
      else await store.deleteRecord(op.type, op.id);
      continue;
    }
    const type = op.op === "put" ? op.record.type : op.type;
    const id = op.op === "put" ? op.record.id : op.id;
    const base = await store.getBase(type, id);
    if (base) {
      touchedBase = true;
      await store.putBase({ type, id, record: op.op === "put" ? typedRecord(op.record) : null });
    } else if (op.op === "put") {
      puts.push(typedRecord(op.record));
    } else {
      await store.deleteRecord(type, id);
    }
  }
  if (puts.length) await store.putRecords(puts);
  return touchedBase;
}

/**
 * Rebuilds the view over the server's state: every record with a base goes back to it and the
 * pending changes are replayed on top, in order, with the server's conflict rules. With nothing
 * pending the view is exactly the server's state.
 */
export async function rebase(store: ReplicaStore, ctx: ReplicaContext): Promise<void> {
  const bases = await store.listBases();
  const restore: SyncedRecord[] = [];
  for (const base of bases) {
    if (base.record) restore.push(base.record);
    else await store.deleteRecord(base.type, base.id);
  }
  if (restore.length) await store.putRecords(restore);
  await store.clearBases();
  for (const mutation of await store.listPending()) {
    // A pending change that no longer applies (its record was erased, say) stays queued for the
    // server to reject and report; the view just does not show it.
    await applyLocal(store, mutation, ctx);
  }
}

/**
 * Applies a push answer: the server processed every mutation up to `lastMutationId`, so those leave
 * the outbox (they are not sent again) but stay pending, their effects in the view, until a pulled
 * page includes them. Late, duplicated or replayed answers are harmless: moving is idempotent and
 * never goes backwards. Returns how many left the outbox.
 */
export async function applyPushResponse(
  store: ReplicaStore,
  response: Pick<PushResponse, "lastMutationId">,
): Promise<number> {
  return store.markSentThrough(response.lastMutationId);
}
