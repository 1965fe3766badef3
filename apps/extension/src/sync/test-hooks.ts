import { db } from "../local-db/db.ts";
import { mutateAll } from "../local-db/local-mutations.ts";
import { findForPage } from "../local-db/queries.ts";
import { currentSyncState, requestSync } from "./scheduler.ts";

/** What e2e builds expose on the worker's global scope, for tests driving it through `sw.evaluate`. */
export interface SyncTestHooks {
  db: typeof db;
  mutateAll: typeof mutateAll;
  requestSync: typeof requestSync;
  currentSyncState: typeof currentSyncState;
  findForPage: typeof findForPage;
}

/**
 * Exposes the worker's store and sync loop to tests (e2e builds only: `wxt build --mode e2e`), so
 * a test can queue thousands of changes or read the outbox without clicking through the UI.
 */
export function exposeSyncForTests(): void {
  (globalThis as unknown as { leadpaneSync: SyncTestHooks }).leadpaneSync = { db, mutateAll, requestSync, currentSyncState, findForPage };
}
