import { MESSAGES, type SyncState } from "../messaging.ts";
import { adoptListedRole } from "../session/member-role.ts";
import { getSession, type Session } from "../chrome-storage.ts";
import { db, getMeta } from "../local-db/db.ts";
import { bulkCommitRunning } from "./bulk-commit.ts";
import { loadHandlers } from "../worker/load-handlers.ts";
import { idleRound } from "./idle-round.ts";
import { readSyncState } from "./sync-state.ts";
import { retryDelay, shouldRetry } from "./retry.ts";

// Only what cannot outlive the worker lives here; errors and rejections are kept in IndexedDB
// (engine.ts), so a worker Chrome restarted still shows them.
const live = { syncing: false, online: true };
let again = false;
let running: Promise<void> | null = null;
// While the server is unreachable and changes wait, rounds retry on a short capped backoff: the
// `online` event does not reach every context (nor tell that a server came back), the alarm is 30 s.
let retryTimer: ReturnType<typeof setTimeout> | null = null;
let failedRounds = 0;

/**
 * Runs a sync round now, or right after the one in progress (so a change made mid-sync is pushed
 * too). Rounds never overlap, even across extension pages, thanks to a Web Lock.
 */
export function requestSync(): Promise<void> {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = null;
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
    // Most rounds (every start of a signed-in worker) find nothing to push or pull: told without
    // the mutation handlers, they skip loading them (sync/idle-round.ts). A bulk commit in progress
    // pushes chunk by chunk: the full round's business.
    if (!(await bulkCommitRunning()) && (await idleRound(db, session).catch(() => false))) {
      live.online = true;
      failedRounds = 0;
    } else if (!(await fullRound(session))) return;
    // The member list just pulled (or found unchanged) says one's role: a member an admin made
    // viewer (or admin) sees the right screens without signing in again.
    await adoptListedRole(session, await getMeta("members", []));
  } finally {
    live.syncing = false;
    await broadcast();
  }
}

/** A round with the mutation handlers (push, pull and replay): whether it succeeded. */
async function fullRound(session: Session): Promise<boolean> {
  // The engine replays pending changes with the mutation handlers: loaded with the first such round
  // (a failure to load is an error of the build, thrown to the console, not a sync error to show).
  const { syncOnce, describeSyncError } = await loadHandlers();
  try {
    // A first load's progress line moves with every page stored. While a page commits an import
    // in chunks, rounds push what each chunk queued and leave the pull to the round after it.
    await syncOnce(
      db,
      session,
      () => void broadcast(),
      async () => !(await bulkCommitRunning()),
    );
    live.online = true;
    failedRounds = 0;
    return true;
  } catch (error) {
    // syncOnce stored what went wrong for the UI; the next alarm, poke or local change retries,
    // and sooner (capped backoff) while the server is out of reach with changes waiting.
    live.online = false;
    if (shouldRetry(describeSyncError(error)) && (await db.outbox.count()) > 0) scheduleRetry();
    return false;
  }
}

function scheduleRetry(): void {
  if (retryTimer) clearTimeout(retryTimer);
  retryTimer = setTimeout(() => void requestSync(), retryDelay(failedRounds++));
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
