/** Messages between the extension's pages and its service worker, by name. */
export const MESSAGES = {
  /** Ask the worker to push pending changes and pull new ones now. */
  syncNow: "leadpane/sync-now",
  /** The worker's sync state changed (broadcast). */
  syncState: "leadpane/sync-state",
  /** Ask the worker for the current sync state. */
  getSyncState: "leadpane/get-sync-state",
} as const;

/** What the UI shows about sync. */
export interface SyncState {
  online: boolean;
  syncing: boolean;
  pending: number;
  lastSyncAt: string | null;
  error: string | null;
  /** Mutations the server refused for good (invalid or forbidden), newest last. */
  rejected: Array<{ id: number; name: string; message: string }>;
}

/** A request from a page to the worker. */
export type WorkerRequest = { type: typeof MESSAGES.syncNow } | { type: typeof MESSAGES.getSyncState };

/** Sends a request to the service worker, waking it if needed. */
export async function askWorker<T>(request: WorkerRequest): Promise<T> {
  return (await browser.runtime.sendMessage(request)) as T;
}
