import { useEffect, useState } from "preact/hooks";
import { askWorker, MESSAGES, type SyncState } from "../messaging.ts";
import { getSession } from "../chrome-storage.ts";
import { getMeta } from "../local-db/db.ts";
import { listenForPokes } from "../sync/poke.ts";

/** The worker's sync state, updated as it broadcasts changes. */
export function useSyncState(): SyncState | null {
  const [state, setState] = useState<SyncState | null>(null);
  useEffect(() => {
    void askWorker<SyncState>({ type: MESSAGES.getSyncState })
      .then(setState)
      .catch(() => undefined);
    const listener = (message: { type?: string; state?: SyncState }) => {
      if (message?.type === MESSAGES.syncState && message.state) setState(message.state);
    };
    browser.runtime.onMessage.addListener(listener);
    // Back online: push what waited now. The worker may not hear this event itself (Chrome stops
    // idle workers), and its own retries are only a fallback.
    const onOnline = () => void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
    window.addEventListener("online", onOnline);
    return () => {
      browser.runtime.onMessage.removeListener(listener);
      window.removeEventListener("online", onOnline);
    };
  }, []);
  usePokes();
  return state;
}

/** The Web Lock whose holder keeps the browser's one poke stream open. */
const POKE_STREAM_LOCK = "leadpane-poke-stream";

/**
 * While this page is visible, holds the server's poke stream open and asks the worker to sync when
 * a teammate's change lands, so open panels update within a second instead of at the next alarm
 * (the worker itself cannot hold a stream: Chrome stops idle workers).
 */
function usePokes(): void {
  useEffect(() => {
    let controller: AbortController | null = null;
    const start = async () => {
      const session = await getSession();
      if (!session || controller || document.visibilityState !== "visible") return;
      controller = new AbortController();
      const { signal } = controller;
      const sync = () => void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
      // One stream per browser, held by one visible page at a time (the others wait their turn):
      // Chrome allows six connections per server, and a stream per open page used them all, so
      // the worker's pushes queued behind them and sync stalled with six Leadpane pages open.
      void navigator.locks
        .request(POKE_STREAM_LOCK, { signal }, () => listenForPokes(session, () => getMeta("cookie", 0), sync, signal))
        .catch(() => undefined);
    };
    const stop = () => {
      controller?.abort();
      controller = null;
    };
    const onVisibility = () => (document.visibilityState === "visible" ? void start() : stop());
    document.addEventListener("visibilitychange", onVisibility);
    void start();
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      stop();
    };
  }, []);
}
