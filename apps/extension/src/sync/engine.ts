import { formatHlc, HlcClock, HLC_ZERO, PROTOCOL_VERSION, type PullResponse, type PushResponse } from "@leadpane/domain/sync";
import { ApiRequestError, apiForSession, readJson } from "../api.ts";
import type { SyncState } from "../messaging.ts";
import type { Session } from "../storage.ts";
import { getMeta, setMeta, type LeadpaneDb } from "../store/db.ts";
import { rebase, toLocal } from "../store/local-mutations.ts";

/** Mutations per push: big enough for throughput, small enough to stay well under the body limit. */
export const PUSH_BATCH = 100;
/** Records per pull page. */
export const PULL_PAGE = 2000;

/** What one sync round did. */
export interface SyncOutcome {
  pushed: number;
  pulled: number;
  rejected: Array<{ id: number; name: string; message: string }>;
}

/**
 * One sync round: push every pending mutation (oldest first), then pull every page of changes.
 * Safe to stop at any point (a killed service worker): the outbox only loses entries the server
 * has acknowledged, and the cookie only moves forward together with the records it covers.
 */
export async function syncOnce(database: LeadpaneDb, session: Session): Promise<SyncOutcome> {
  const outcome: SyncOutcome = { pushed: 0, pulled: 0, rejected: [] };
  await pushAll(database, session, outcome);
  await pullAll(database, session, outcome);
  await setMeta("lastSyncAt", new Date().toISOString(), database);
  return outcome;
}

async function pushAll(database: LeadpaneDb, session: Session, outcome: SyncOutcome): Promise<void> {
  const api = apiForSession(session);
  for (;;) {
    const batch = await database.outbox.orderBy("id").limit(PUSH_BATCH).toArray();
    if (!batch.length) return;
    const response = await api.v1.sync.push.$post({
      json: {
        protocolVersion: PROTOCOL_VERSION,
        clientId: session.clientId,
        mutations: batch.map(({ id, name, args, hlc }) => ({ id, name, args, hlc })),
      },
    });
    const body = await readJson<PushResponse>(response as unknown as Response);
    for (const result of body.results) {
      if (result.status === "rejected") {
        const entry = batch.find((m) => m.id === result.id);
        outcome.rejected.push({ id: result.id, name: entry?.name ?? "?", message: result.error?.message ?? "rejected" });
      }
    }
    // Acknowledged means committed on the server: only now may the local copy be dropped.
    await database.outbox.where("id").belowOrEqual(body.lastMutationId).delete();
    outcome.pushed += batch.length;
  }
}

async function pullAll(database: LeadpaneDb, session: Session, outcome: SyncOutcome): Promise<void> {
  const api = apiForSession(session);
  for (;;) {
    const cookie = await getMeta("cookie", 0, database);
    const response = await api.v1.sync.pull.$get({
      query: { protocolVersion: String(PROTOCOL_VERSION), clientId: session.clientId, cookie: String(cookie), limit: String(PULL_PAGE) },
    });
    const page = await readJson<PullResponse>(response as unknown as Response);
    await applyPage(database, session, page);
    outcome.pulled += page.patch.length;
    if (!page.hasMore) return;
  }
}

/** Writes one pull page and its cookie in one transaction, then rebases pending local changes. */
export async function applyPage(database: LeadpaneDb, session: Session, page: PullResponse): Promise<void> {
  await database.transaction("rw", [database.records, database.base, database.outbox, database.meta], async () => {
    const puts = [];
    for (const op of page.patch) {
      const key: [string, string] = op.op === "put" ? [op.record.type, op.record.id] : [op.type, op.id];
      const base = await database.base.get(key);
      if (op.op === "put") {
        if (base) await database.base.put({ type: op.record.type, id: op.record.id, record: op.record });
        else puts.push(toLocal(op.record));
      } else if (base) {
        await database.base.put({ type: op.type, id: op.id, record: null });
      } else {
        await database.records.delete(key);
      }
    }
    await database.records.bulkPut(puts);
    await setMeta("cookie", page.cookie, database);
    await setMeta("members", page.members, database);
    await setMeta("settings", page.settings, database);
    const acknowledged = page.lastMutationIDChanges[session.clientId] ?? 0;
    // The push response may have been lost: the pull says what the server already processed.
    await database.outbox.where("id").belowOrEqual(acknowledged).delete();
    const clock = new HlcClock(session.clientId, Date.now, await getMeta("hlc", HLC_ZERO, database));
    clock.receive(formatHlc({ wall: Date.parse(page.serverTime), counter: 0, node: "server" }));
    await setMeta("hlc", clock.last, database);
  });
  if (await database.base.count()) {
    await rebase(database, { defaultRegion: page.settings.defaultRegion, actorId: session.member.id });
  }
}

/** The sync state the UI shows. */
export async function readSyncState(database: LeadpaneDb, live: { syncing: boolean; online: boolean; error: string | null; rejected: SyncState["rejected"] }): Promise<SyncState> {
  return {
    ...live,
    pending: await database.outbox.count(),
    lastSyncAt: await getMeta("lastSyncAt", null, database),
  };
}

/** A readable message for a failed sync. */
export function describeSyncError(error: unknown): { online: boolean; message: string } {
  if (error instanceof ApiRequestError) {
    if (error.status === 401) return { online: true, message: "Signed out: sign in again in Settings" };
    if (error.code === "protocol_mismatch") return { online: true, message: "Update Leadpane: the server speaks a newer sync protocol" };
    return { online: true, message: error.message };
  }
  return { online: false, message: "Offline: changes are saved here and will sync when the server is reachable" };
}
