import type { SyncState } from "../messaging.ts";

/** Online/offline, pending changes and last sync, always in view. */
export function SyncBadge({ state }: { state: SyncState | null }) {
  if (!state) return <span class="sync muted">…</span>;
  const kind = state.error ? (state.online ? "error" : "offline") : "";
  const label = state.syncing ? "Syncing…" : state.error ? (state.online ? "Sync error" : "Offline") : "Synced";
  const last = state.lastSyncAt ? new Date(state.lastSyncAt).toLocaleTimeString() : "never";
  return (
    <span class="sync" role="status" aria-live="polite" title={state.error ?? `Last sync ${last}`} data-testid="sync-state">
      <span class={`dot ${kind}`} aria-hidden="true" />
      {label}
      {state.pending > 0 ? ` · ${state.pending} pending` : ""}
      <span class="muted"> · last {last}</span>
    </span>
  );
}
