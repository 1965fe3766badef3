import { HANDLERS_GLOBAL } from "../worker/shared-modules.ts";
import { workerHandlers } from "../worker/handlers.ts";

// The service worker's heavy part, loaded by worker/load-handlers.ts with importScripts (Chrome)
// or a script element (Firefox's background page); never injected into a web page.
export default defineUnlistedScript(() => {
  (globalThis as Record<string, unknown>)[HANDLERS_GLOBAL] = workerHandlers();
});
