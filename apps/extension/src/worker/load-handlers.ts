import * as dexie from "dexie";
import * as api from "../api.ts";
import * as chromeStorage from "../chrome-storage.ts";
import * as db from "../local-db/db.ts";
import * as pendingRows from "../local-db/pending-rows.ts";
import * as visibleRecords from "../local-db/visible-records.ts";
import type { WorkerHandlers } from "./handlers.ts";
import { HANDLERS_GLOBAL, HANDLERS_SCRIPT, SHARED_GLOBAL, type SHARED_MODULES } from "./shared-modules.ts";

/**
 * Loads the worker's heavy part (worker/handlers.ts, built as `worker-handlers.js`) the first time a
 * sync round with something to push or pull (sync/idle-round.ts tells the others apart), a mail
 * action or "save selection" needs it: a worker woken by an alarm, a page asking for the sync state
 * or a reminder with nothing new to sync never loads it. See docs/extension-bundle.md.
 *
 * Chrome's service worker cannot `import()`, and `importScripts` of a script it did not import while
 * it was being installed throws; a script it did import then may be imported again at any time, by
 * any later run of the worker (the Service Worker spec's installed scripts, kept across restarts and
 * replaced on each update). So the worker imports the heavy part once while installing
 * (`importOnInstall`) and then, lazily, whenever a worker needs it. Firefox runs the background as a
 * page: there the same script is loaded with a script element.
 */

type SharedKey = (typeof SHARED_MODULES)[keyof typeof SHARED_MODULES];

/** Module namespaces as the heavy script's bundle reads its imports (`__esModule`: default export as is). */
const asEsModule = (namespace: object) => ({ __esModule: true, ...namespace });

/** Puts the worker's copies of the shared modules where the heavy script looks for them. */
function shareModules(): void {
  const shared: Record<SharedKey, object> = {
    dexie: asEsModule(dexie),
    db: asEsModule(db),
    visibleRecords: asEsModule(visibleRecords),
    pendingRows: asEsModule(pendingRows),
    chromeStorage: asEsModule(chromeStorage),
    api: asEsModule(api),
  };
  (globalThis as Record<string, unknown>)[SHARED_GLOBAL] = shared;
}

function loaded(): WorkerHandlers | undefined {
  return (globalThis as Record<string, unknown>)[HANDLERS_GLOBAL] as WorkerHandlers | undefined;
}

function importScriptsNow(): void {
  shareModules();
  (globalThis as unknown as { importScripts(url: string): void }).importScripts(HANDLERS_SCRIPT);
}

/**
 * Chrome: imports the heavy part while the worker installs (a first install, an update, a reload of
 * an unpacked build), which is what lets any later run import it. Called at the worker's top level.
 */
export function importOnInstall(): void {
  if (import.meta.env.FIREFOX) return;
  globalThis.addEventListener("install", () => {
    if (!loaded()) importScriptsNow();
  });
}

let loading: Promise<WorkerHandlers> | null = null;

/** The heavy part, loaded on first use. */
export function loadHandlers(): Promise<WorkerHandlers> {
  const ready = loaded();
  if (ready) return Promise.resolve(ready);
  loading ??= (import.meta.env.FIREFOX ? viaScriptElement() : viaImportScripts()).catch((error: unknown) => {
    loading = null;
    throw error;
  });
  return loading;
}

async function viaImportScripts(): Promise<WorkerHandlers> {
  importScriptsNow();
  const handlers = loaded();
  if (!handlers) throw new Error(`${HANDLERS_SCRIPT} did not define ${HANDLERS_GLOBAL}`);
  return handlers;
}

function viaScriptElement(): Promise<WorkerHandlers> {
  shareModules();
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = HANDLERS_SCRIPT;
    script.onload = () => {
      const handlers = loaded();
      if (handlers) resolve(handlers);
      else reject(new Error(`${HANDLERS_SCRIPT} did not define ${HANDLERS_GLOBAL}`));
    };
    script.onerror = () => reject(new Error(`${HANDLERS_SCRIPT} did not load`));
    document.head.append(script);
  });
}
