import { describeSyncError, syncOnce } from "../sync/engine.ts";
import { handleMailAction } from "../mail/handle-mail-action.ts";
import { saveSelectionAsLead } from "../capture/save-selection.ts";
import { mutateChunksInBulk, mutateInBulk } from "../import/bulk-mutate.ts";
import { mutateAll } from "../local-db/local-mutations.ts";
import { findForPage } from "../local-db/queries.ts";

/** What the e2e build's test hooks (sync/test-hooks.ts) take from the heavy part. */
export interface HandlersForTests {
  mutateAll: typeof mutateAll;
  mutateInBulk: typeof mutateInBulk;
  mutateChunksInBulk: typeof mutateChunksInBulk;
  findForPage: typeof findForPage;
}

/**
 * What the worker does with the domain's mutation handlers (and so with zod, tldts and
 * libphonenumber): a sync round (a pull replays the pending changes with them), the mail sites'
 * buttons and "Save selection as lead". Built as its own script, `worker-handlers.js`, which the
 * worker loads the first time it needs one of these (worker/load-handlers.ts), not on every wake.
 */
export interface WorkerHandlers {
  syncOnce: typeof syncOnce;
  /** The engine's reading of a failed round (its error classes live in this script). */
  describeSyncError: typeof describeSyncError;
  handleMailAction: typeof handleMailAction;
  saveSelectionAsLead: typeof saveSelectionAsLead;
  /** Only in the e2e build. */
  forTests: HandlersForTests | null;
}

/** The heavy part's exports, for the global it leaves them on. */
export function workerHandlers(): WorkerHandlers {
  return {
    syncOnce,
    describeSyncError,
    handleMailAction,
    saveSelectionAsLead,
    // A constant in every build: the shipped one drops these (and what only they import).
    forTests: import.meta.env.MODE === "e2e" ? { mutateAll, mutateInBulk, mutateChunksInBulk, findForPage } : null,
  };
}
