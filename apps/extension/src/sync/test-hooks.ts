import { saveSelectionFromMenu } from "../capture/background-ui.ts";
import { db, LeadpaneDb } from "../local-db/db.ts";
import type { mutateChunksInBulk, mutateInBulk } from "../import/bulk-mutate.ts";
import type { mutateAll } from "../local-db/local-mutations.ts";
import type { findForPage } from "../local-db/queries.ts";
import { visibleCount, visibleOfTypes } from "../local-db/visible-records.ts";
import type { HandlersForTests } from "../worker/handlers.ts";
import { loadHandlers } from "../worker/load-handlers.ts";
import { currentSyncState, requestSync } from "./scheduler.ts";

/** Where the worker's test hooks live on its global scope (see test-seam.ts). */
export const SYNC_TEST_HOOKS = "leadpaneSync";

/** What e2e builds expose on the worker's global scope, for tests driving it through `sw.evaluate`. */
export interface SyncTestHooks {
  db: typeof db;
  mutateAll: typeof mutateAll;
  /** An import's way to commit a chunk: its changes as one outbox row. */
  mutateInBulk: typeof mutateInBulk;
  /** An import's way to commit all its chunks. */
  mutateChunksInBulk: typeof mutateChunksInBulk;
  requestSync: typeof requestSync;
  currentSyncState: typeof currentSyncState;
  findForPage: typeof findForPage;
  /** How many records the store holds (snapshot pages and rows together). */
  countRecords: () => Promise<number>;
  /**
   * `findForPage` through a new connection to the same database: what a freshly opened side panel
   * pays for its first lookup (it reads the snapshot's key indexes and the values holding its hits).
   */
  findForPageCold: (query: Parameters<typeof findForPage>[0]) => ReturnType<typeof findForPage>;
  /** `countRecords` through a new connection: reads the whole snapshot into memory (a list's or a search's first read). */
  countRecordsCold: () => Promise<number>;
  /** What clicking "Save selection as lead" on `page` with `text` selected does (a menu click cannot be automated). */
  saveSelectionFromMenu: (text: string, page: { url: string; title: string }) => Promise<void>;
  /** Every record of a type the store holds, deleted ones included. */
  recordsOfType: (type: string) => ReturnType<typeof visibleOfTypes>;
}

/** The write path and the queries, from the worker's heavy part (loaded on first use, as a round does). */
async function forTests(): Promise<HandlersForTests> {
  const { forTests } = await loadHandlers();
  if (!forTests) throw new Error("worker-handlers.js has no test hooks: not an e2e build");
  return forTests;
}

/**
 * The worker's store and sync loop, for tests (exposed through test-seam.ts in e2e builds only), so
 * a test can queue thousands of changes or read the outbox without clicking through the UI.
 */
export function syncTestHooks(): SyncTestHooks {
  return {
    db,
    mutateAll: async (...args) => (await forTests()).mutateAll(...args),
    mutateInBulk: async (...args) => (await forTests()).mutateInBulk(...args),
    mutateChunksInBulk: async (...args) => (await forTests()).mutateChunksInBulk(...args),
    requestSync,
    currentSyncState,
    saveSelectionFromMenu: (text, page) => saveSelectionFromMenu(text, page, () => void requestSync()),
    findForPage: async (...args) => (await forTests()).findForPage(...args),
    countRecords: () => visibleCount(db),
    recordsOfType: (type) => visibleOfTypes(db, [type]),
    countRecordsCold: async () => {
      const fresh = new LeadpaneDb(db.name);
      try {
        return await visibleCount(fresh);
      } finally {
        fresh.close();
      }
    },
    findForPageCold: async (query) => {
      const fresh = new LeadpaneDb(db.name);
      try {
        return await (await forTests()).findForPage(query, fresh);
      } finally {
        fresh.close();
      }
    },
  };
}
