import { MESSAGES, type SyncState } from "../messaging.ts";
import { getSession, rememberSession, setSession, type Session } from "../storage.ts";
import { db, getMeta } from "../store/db.ts";
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
    await followRoleChange(session);
  } catch {
    // syncOnce stored what went wrong for the UI; the next alarm, poke or local change retries.
    live.online = false;
  } finally {
    live.syncing = false;
    await broadcast();
  }
}

/**
 * Keeps the saved session's role in step with the member list the server sent, so a member an
 * admin made viewer (or admin) sees the right screens without signing in again.
 */
async function followRoleChange(session: Session): Promise<void> {
  const me = (await getMeta("members", [])).find((m) => m.id === session.member.id);
  if (!me || me.role === session.member.role) return;
  const current = await getSession();
  // Only if nobody switched workspaces meanwhile.
  if (current?.clientId !== session.clientId) return;
  const updated = { ...current, member: { ...current.member, role: me.role } };
  await setSession(updated);
  await rememberSession(updated);
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
