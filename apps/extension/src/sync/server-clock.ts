import { formatHlc, HlcClock, HLC_ZERO } from "@leadpane/domain/sync";
import { getMeta, setMeta, type LeadpaneDb } from "../local-db/db.ts";

/**
 * Moves this client's clock past a pull page's server time (and past `latest`, the newest clock a
 * page applied, when there is one), so its next edits order after what it has seen. Run inside the
 * caller's transaction over `meta`.
 */
export async function receiveServerTime(
  database: LeadpaneDb,
  clientId: string,
  serverTime: number,
  latest?: string | null,
): Promise<void> {
  const clock = new HlcClock(clientId, Date.now, await getMeta("hlc", HLC_ZERO, database));
  clock.receive(formatHlc({ wall: serverTime, counter: 0, node: "server" }));
  if (latest) clock.receive(latest);
  await setMeta("hlc", clock.last, database);
}
