/**
 * The worker's heavy part (`worker-handlers.js`, see docs/extension-bundle.md) is a second script
 * the service worker loads with `importScripts`. The modules named here are not bundled into it:
 * it reads them from the worker's own copies, which the worker puts on its global scope under
 * `SHARED_GLOBAL` before loading it (wxt.config.ts maps each import to `SHARED_GLOBAL.<key>`). So
 * the worker holds one Dexie, one `db` connection and one snapshot cache, not two of each.
 * Keys are module paths relative to `src/` (or a package name); values are the global's keys.
 */
export const SHARED_MODULES = {
  dexie: "dexie",
  "local-db/db.ts": "db",
  "local-db/visible-records.ts": "visibleRecords",
  "local-db/pending-rows.ts": "pendingRows",
  "chrome-storage.ts": "chromeStorage",
  // The typed API client (hono's): the idle round asks through it too.
  "api.ts": "api",
} as const;

/** The global the worker shares those modules under. */
export const SHARED_GLOBAL = "__leadpaneShared";

/** The global on which `worker-handlers.js` leaves what it exports (its `WorkerHandlers`). */
export const HANDLERS_GLOBAL = "__leadpaneHandlers";

/** The heavy part's file in the extension's output (the unlisted script entrypoints/worker-handlers.ts). */
export const HANDLERS_SCRIPT = "/worker-handlers.js";
