import { useEffect, useState } from "preact/hooks";
import { askWorker, MESSAGES, type SyncState } from "../messaging.ts";

/** The worker's sync state, updated as it broadcasts changes. */
export function useSyncState(): SyncState | null {
  const [state, setState] = useState<SyncState | null>(null);
  useEffect(() => {
    void askWorker<SyncState>({ type: MESSAGES.getSyncState }).then(setState).catch(() => undefined);
    const listener = (message: { type?: string; state?: SyncState }) => {
      if (message?.type === MESSAGES.syncState && message.state) setState(message.state);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
  return state;
}
