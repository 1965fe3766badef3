import type { SyncState } from "../messaging.ts";

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** Offline: the last round could not reach the server. */
const isOffline = (state: SyncState) => Boolean(state.error) && !state.online;

/**
 * What a screen reader should hear when the sync state goes from `before` to `after`, or null.
 * Only real changes are spoken — went offline, a sync failed, the changes that waited are synced,
 * a change was refused — never the syncing/synced flicker of every round (which once made the
 * badge's live region speak 19 times in 2 s).
 */
export function syncAnnouncement(before: SyncState | null, after: SyncState): string | null {
  // The first state a page reads is on screen already; only what changes from there is news.
  if (!before) return null;
  if (after.rejected.length > before.rejected.length) {
    const refused = after.rejected.length - before.rejected.length;
    return `${plural(refused, "change")} not saved: ${after.rejected.at(-1)?.message ?? "refused by the server"}`;
  }
  if (isOffline(after) && !isOffline(before)) {
    return after.pending > 0
      ? `Offline: ${plural(after.pending, "change")} kept on this browser until the server is reachable`
      : "Offline: changes you make are kept on this browser until the server is reachable";
  }
  if (after.error && after.online && after.error !== before.error) return `Sync failed: ${after.error}`;
  // Back after being offline or failing, with nothing left waiting.
  if (before.error && !after.error && !after.syncing && after.pending === 0) return "All changes synced";
  return null;
}

/** The plain-words result of a "Sync now" the person asked for. */
export function syncNowResult(state: SyncState): string {
  if (isOffline(state)) {
    return state.pending > 0
      ? `Could not reach the server: ${plural(state.pending, "change")} ${state.pending === 1 ? "waits" : "wait"} on this browser`
      : "Could not reach the server: check the connection and try again";
  }
  if (state.error) return `Sync failed: ${state.error}`;
  if (state.pending > 0) return `Synced; ${plural(state.pending, "new change")} still to send`;
  return "Synced: everything is on the server";
}
