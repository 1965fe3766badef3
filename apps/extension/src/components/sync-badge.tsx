import type { SyncState } from "../messaging.ts";

/** Online/offline, pending changes and last sync, always in view. */
export function SyncBadge({ state }: { state: SyncState | null }) {
  if (!state) return <span class="sync muted">…</span>;
  const kind = state.error ? (state.online ? "error" : "offline") : "";
  const label = state.syncing ? "Syncing…" : state.error ? (state.online ? "Sync error" : "Offline") : "Synced";
  const last = state.lastSyncAt ? new Date(state.lastSyncAt).toLocaleTimeString() : "never";
  return (
    <span
      class="sync"
      role="status"
      aria-live="polite"
      title={state.error ?? `Last sync ${last}`}
      data-testid="sync-state"
    >
      <span class={`dot ${kind}`} aria-hidden="true" />
      {label}
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
  );
}
