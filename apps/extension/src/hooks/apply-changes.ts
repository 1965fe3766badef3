import type { ActionTrace } from "@leadpane/domain";
import type { Session } from "../chrome-storage.ts";
import { getMeta } from "../local-db/db.ts";
import type { LocalChange } from "../local-db/local-mutations.ts";
import { askWorker, MESSAGES } from "../messaging.ts";

/** Applies changes as the signed-in member and nudges the worker to push them; answers what they did. */
export async function applyChanges(session: Session, changes: LocalChange[]): Promise<ActionTrace> {
  const settings = await getMeta("settings", null);
  // The write path (the domain's handlers, with libphonenumber and the public-suffix list, ≈250 KB)
  // loads with the first change a page makes, not with the page: reading needs none of it.
  const { mutateTracked } = await import("../local-db/local-mutations.ts");
  const trace = await mutateTracked(changes, {
    actorId: session.member.id,
    nodeId: session.clientId,
    defaultRegion: settings?.defaultRegion ?? "US",
  });
  void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
  return trace;
}
