import type { SyncState } from "../messaging.ts";
import { getMeta, type LeadpaneDb } from "../local-db/db.ts";
import { pendingCount } from "../local-db/pending-rows.ts";

/** The sync state the UI shows; durable parts come from IndexedDB so a fresh worker knows them. */
export async function readSyncState(
  database: LeadpaneDb,
  live: { syncing: boolean; online: boolean },
): Promise<SyncState> {
  const [pending, lastSyncAt, rejected, syncError, firstLoad] = await Promise.all([
    pendingCount(database.outbox),
    getMeta("lastSyncAt", null, database),
    getMeta("rejected", [], database),
    getMeta("syncError", null, database),
    getMeta("firstLoad", null, database),
  ]);
  return {
    syncing: live.syncing,
    online: syncError ? syncError.online : live.online,
    error: syncError?.message ?? null,
    pending,
    lastSyncAt,
    rejected: rejected.map(({ id, name, message }) => ({ id, name, message })),
    firstLoad,
  };
}
