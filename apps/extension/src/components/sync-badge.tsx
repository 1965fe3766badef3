import { useEffect, useRef, useState } from "preact/hooks";
import { askWorker, MESSAGES, type SyncState } from "../messaging.ts";
import { syncAnnouncement, syncNowResult } from "./sync-announcement.ts";

/** How long the result of "Sync now" stays on screen (ms). */
const RESULT_SHOWN_MS = 10_000;

/** "Loading workspace: 42,000 of 100,000" (or without the total when the server did not tell it). */
export function firstLoadLine(progress: { loaded: number; total: number | null }): string {
  const loaded = progress.loaded.toLocaleString("en-US");
  if (progress.total === null) return `Loading workspace: ${loaded} records`;
  return `Loading workspace: ${Math.min(progress.loaded, progress.total).toLocaleString("en-US")} of ${progress.total.toLocaleString("en-US")}`;
}

/** Online/offline, pending changes and last sync, always in view, with a "Sync now" button. */
export function SyncBadge({ state }: { state: SyncState | null }) {
  const [spoken, setSpoken] = useState("");
  const [result, setResult] = useState("");
  const [busy, setBusy] = useState(false);
  const previous = useRef<SyncState | null>(null);
  useEffect(() => {
    if (!state) return;
    const news = syncAnnouncement(previous.current, state);
    previous.current = state;
    if (news) setSpoken(news);
  }, [state]);
  // The result stays in view long enough to read, then the badge alone tells the state.
  useEffect(() => {
    if (!result) return;
    const timer = setTimeout(() => setResult(""), RESULT_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [result]);
  const syncNow = async () => {
    if (busy) return;
    setBusy(true);
    setResult("");
    try {
      const after = await askWorker<SyncState>({ type: MESSAGES.syncNow });
      const text = syncNowResult(after);
      setResult(text);
      setSpoken(text);
    } catch {
      setResult("Could not start a sync: reload this page and try again");
    } finally {
      setBusy(false);
    }
  };
  if (!state) return <span class="sync muted">…</span>;
  const kind = state.error ? (state.online ? "error" : "offline") : "";
  const label = state.syncing ? "Syncing…" : state.error ? (state.online ? "Sync error" : "Offline") : "Synced";
  const last = state.lastSyncAt ? new Date(state.lastSyncAt).toLocaleTimeString() : "never";
  return (
    <span class="sync">
      {/* Not a live region: its text flickers with every round. Real changes go to the one below. */}
      <span title={state.error ?? `Last sync ${last}`} data-testid="sync-state">
        <span class={`dot ${kind}`} aria-hidden="true" /> {label}
        {state.pending > 0 ? ` · ${state.pending} pending` : ""}
        {state.rejected.length > 0 && (
          // Changes the server refused for good (say, after a demotion to viewer): never silently lost.
          <span
            class="warn-text"
            title={state.rejected.map((r) => `${r.name}: ${r.message}`).join("\n")}
            data-testid="sync-rejected"
          >
            {` · ${state.rejected.length} not saved`}
          </span>
        )}
        <span class="muted"> · last {last}</span>
      </span>
      <button
        type="button"
        class="link"
        aria-disabled={busy}
        title="Send waiting changes and fetch the team's now"
        onClick={() => void syncNow()}
        data-testid="sync-now"
      >
        {busy ? "Syncing…" : "Sync now"}
      </button>
      {state.firstLoad && (
        // The first load of a large workspace takes seconds: say how far it is, in plain numbers.
        <span class="sync-progress" data-testid="first-load-progress">
          {firstLoadLine(state.firstLoad)}
        </span>
      )}
      {result && (
        <span class="sync-result" data-testid="sync-now-result">
          {result}
        </span>
      )}
      <span class="visually-hidden" role="status" data-testid="sync-announcement">
        {spoken}
      </span>
    </span>
  );
}
