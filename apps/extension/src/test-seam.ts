/**
 * The one place where product code leaves something for tests and benchmarks to read. Everything
 * here acts only in the e2e build (`wxt build --mode e2e`, the build test/ loads); in any other
 * build `import.meta.env.MODE` is replaced by a constant, so the bodies fold away and the seam
 * costs nothing.
 *
 * What reads it:
 * - `leadpane:boot`, a performance mark set when the dashboard's code starts running:
 *   test/bench/dashboard.bench.ts, which measures the time to the first rows from it.
 * - `leadpane:list-start:<type>`, `leadpane:list-first:<type>`, `leadpane:list-all:<type>` and
 *   `leadpane:list-ready:<count>`, performance marks of a dashboard list's loading (started, first
 *   screen read, whole list read, filtered list ready), and `leadpane:board-all`, `leadpane:board-change`,
 *   `leadpane:board-read` (the pipeline board read whole; a change to it seen, its deals read),
 *   `leadpane:record-detail` (a record panel read its record and everything about it),
 *   `leadpane:page-lookup` (the side panel looked up its page's records):
 *   test/ui-live-update.e2e.test.ts counts the whole reads (a change must not cause one, an
 *   unrelated change no record panel read and no page lookup), and
 *   test/bench/live-update.bench.ts prints them with BENCH_TRACE; they also show on the timeline of
 *   DevTools' Performance panel when profiling the e2e build.
 * - `leadpaneSync` on the service worker's global scope (the hooks of sync/test-hooks.ts):
 *   test/support/sync-session.ts and the e2e files that drive the worker through it
 *   (sync-worker, sync-offline, sync-demoted, ui-admin, capture-duplicates, save-selection), and
 *   test/bench/pull.bench.ts.
 */

/** Whether this is the e2e build; a constant in every build, so code behind it is dropped elsewhere. */
const IS_E2E_BUILD = import.meta.env.MODE === "e2e";

/** Marks a moment on this page's performance timeline as `leadpane:<name>` (e2e build only). */
export function markTiming(name: string): void {
  if (IS_E2E_BUILD) performance.mark(`leadpane:${name}`);
}

/** Puts test hooks on the global scope under `name`, for tests that evaluate code in this context (e2e build only). */
export function exposeToTests(name: string, hooks: () => object): void {
  if (IS_E2E_BUILD) (globalThis as Record<string, unknown>)[name] = hooks();
}
