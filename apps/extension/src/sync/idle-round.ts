import { PROTOCOL_VERSION } from "@leadpane/domain/sync";
import { apiFor } from "../api.ts";
import type { Session } from "../chrome-storage.ts";
import { getMeta, setMeta, type LeadpaneDb, type MetaValues } from "../local-db/db.ts";
import { pendingCount } from "../local-db/pending-rows.ts";
import { receiveServerTime } from "./server-clock.ts";

/**
 * A round with nothing to do, told without the mutation handlers (worker-handlers.js, 487 KB): a
 * signed-in worker starts a round on every start (the 30 s alarm, a page's message, `online`), and
 * most find nothing pushed and nothing new. The check only ever skips: on any doubt (something
 * pending, an answer it does not recognise, a failed request) the full round runs and reports
 * what it finds, exactly as before. See docs/extension-bundle.md.
 */

/** What this browser holds that the answer is compared with. */
export interface IdleStored {
  cookie: number;
  members: MetaValues["members"];
  settings: MetaValues["settings"];
}

/**
 * The server's time when `answer` (a pull page from `stored.cookie`) says the workspace is where
 * this browser left it: the same protocol, cookie and member list and settings as stored, no
 * record, no further page. Null for anything else, including an answer it cannot read. Members and
 * settings travel in every page but their changes move no cookie (a role change, a removal, new
 * settings), hence compared with what the last full round stored.
 */
export function idleServerTime(answer: unknown, stored: IdleStored): number | null {
  if (!answer || typeof answer !== "object") return null;
  const page = answer as Record<string, unknown>;
  if (page.protocolVersion !== PROTOCOL_VERSION) return null;
  if (page.cookie !== stored.cookie || page.hasMore !== false) return null;
  if (!Array.isArray(page.patch) || page.patch.length !== 0) return null;
  if (!sameJson(page.members, stored.members) || !sameJson(page.settings, stored.settings)) return null;
  if (typeof page.serverTime !== "string") return null;
  const serverTime = Date.parse(page.serverTime);
  return Number.isFinite(serverTime) ? serverTime : null;
}

/** Equal as JSON values, whatever the order of object keys (the stored copies went through zod). */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (!a || !b || typeof a !== "object" || typeof b !== "object") return false;
  const aKeys = Object.keys(a);
  const bRecord = b as Record<string, unknown>;
  return (
    aKeys.length === Object.keys(b).length &&
    aKeys.every((key) => Object.hasOwn(bRecord, key) && sameJson((a as Record<string, unknown>)[key], bRecord[key]))
  );
}

/** Records per page the check asks for: an answer with any record means a full round anyway. */
const CHECK_LIMIT = 1;

/**
 * Runs the round's light form when it has nothing to do: nothing pending (the outbox, nor sent
 * changes waiting for a page to acknowledge them), no first load under way, and a pull from the
 * stored cookie that brings nothing (`idleServerTime`). Then writes what a full round with an
 * empty page writes (the clock moved past the server's, the time of the last sync, no error) and
 * answers true; otherwise writes nothing and answers false, for the full round to run.
 */
export async function idleRound(
  database: LeadpaneDb,
  session: Session,
  fetchImpl: typeof fetch = fetch,
): Promise<boolean> {
  const [outbox, sent, cookie, firstLoad, members, settings] = await Promise.all([
    pendingCount(database.outbox),
    pendingCount(database.sent),
    getMeta("cookie", 0, database),
    getMeta("firstLoad", null, database),
    getMeta("members", [], database),
    getMeta("settings", null, database),
  ]);
  if (outbox > 0 || sent > 0 || cookie === 0 || firstLoad !== null || settings === null) return false;
  let answer: unknown;
  try {
    const response = await apiFor(session.serverUrl, session.token, fetchImpl).v1.sync.pull.$get({
      query: {
        protocolVersion: String(PROTOCOL_VERSION),
        clientId: session.clientId,
        cookie: String(cookie),
        limit: String(CHECK_LIMIT),
      },
    });
    // An error answer (a revoked device, a busy server…) is the full round's to report.
    if (!response.ok) return false;
    answer = await response.json();
  } catch {
    // Offline, or not JSON: the full round tries again and says what it found.
    return false;
  }
  const serverTime = idleServerTime(answer, { cookie, members, settings });
  if (serverTime === null) return false;
  return database.transaction("rw", database.meta, database.outbox, database.sent, async () => {
    // A change queued or a round run meanwhile: leave it to the full round.
    const still =
      (await pendingCount(database.outbox)) === 0 &&
      (await pendingCount(database.sent)) === 0 &&
      (await getMeta("cookie", 0, database)) === cookie;
    if (!still) return false;
    // As the full round does after every page: the next edit orders after the server's time.
    await receiveServerTime(database, session.clientId, serverTime);
    await setMeta("lastSyncAt", new Date().toISOString(), database);
    await setMeta("syncError", null, database);
    return true;
  });
}
