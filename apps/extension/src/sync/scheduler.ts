import { MESSAGES, type SyncState } from "../messaging.ts";
import { adoptListedRole } from "../session/member-role.ts";
import { getSession } from "../chrome-storage.ts";
import { db, getMeta } from "../local-db/db.ts";
import { readSyncState, syncOnce } from "./engine.ts";

// Only what cannot outlive the worker lives here; errors and rejections are kept in IndexedDB
// (engine.ts), so a worker Chrome restarted still shows them.
const live = { syncing: false, online: true };
let again = false;
let running: Promise<void> | null = null;

/**
 * Runs a sync round now, or right after the one in progress (so a change made mid-sync is pushed
 * too). Rounds never overlap, even across extension pages, thanks to a Web Lock.
 */
export function requestSync(): Promise<void> {
  if (running) {
    again = true;
    return running;
  }
  running = (async () => {
    try {
      do {
        again = false;
        await navigator.locks.request("leadpane-sync", () => round());
      } while (again);
    } finally {
      running = null;
    }
  })();
  return running;
}

async function round(): Promise<void> {
  const session = await getSession();
  if (!session) return;
  live.syncing = true;
  await broadcast();
  try {
    await syncOnce(db, session);
    live.online = true;
    // The member list just pulled says one's role: a member an admin made viewer (or admin) sees
    // the right screens without signing in again.
    await adoptListedRole(session, await getMeta("members", []));
  } catch {
    // syncOnce stored what went wrong for the UI; the next alarm, poke or local change retries.
    live.online = false;
  } finally {
    live.syncing = false;
    await broadcast();
  }
}

/** The current sync state. */
export function currentSyncState(): Promise<SyncState> {
  return readSyncState(db, live);
}

async function broadcast(): Promise<void> {
  const state = await currentSyncState();
  // No page open means nobody listens: that is fine.
  await browser.runtime.sendMessage({ type: MESSAGES.syncState, state }).catch(() => undefined);
}
