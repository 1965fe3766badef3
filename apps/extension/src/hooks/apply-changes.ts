import type { ActionTrace } from "@leadpane/domain";
import type { Session } from "../chrome-storage.ts";
import { getMeta } from "../local-db/db.ts";
import { mutateTracked, type LocalChange } from "../local-db/local-mutations.ts";
import { askWorker, MESSAGES } from "../messaging.ts";

/** Applies changes as the signed-in member and nudges the worker to push them; answers what they did. */
export async function applyChanges(session: Session, changes: LocalChange[]): Promise<ActionTrace> {
  const settings = await getMeta("settings", null);
  const trace = await mutateTracked(changes, {
    actorId: session.member.id,
    nodeId: session.clientId,
    defaultRegion: settings?.defaultRegion ?? "US",
  });
  void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
  return trace;
}
