import { useState } from "preact/hooks";
import { askWorker, MESSAGES } from "../messaging.ts";
import type { Session } from "../chrome-storage.ts";
import { getMeta } from "../local-db/db.ts";
import { mutateAll, type LocalChange } from "../local-db/local-mutations.ts";
import { plainFailure } from "../components/plain-failure.ts";

/** What a view needs to change records: run changes, whether one is running, the last error. */
export interface Mutator {
  run(changes: LocalChange[]): Promise<boolean>;
  busy: boolean;
  error: string | null;
  clearError(): void;
}

/**
 * Applies changes through the local store (the domain's mutation, applied here and queued for the
 * server in one transaction), then asks the worker to sync. A refused change (a transition the
 * lifecycle does not allow, say) becomes `error`, shown where the rep acted.
 */
export function useMutate(session: Session): Mutator {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    clearError: () => setError(null),
    async run(changes) {
      if (!changes.length) return true;
      setBusy(true);
      setError(null);
      try {
        await applyChanges(session, changes);
        return true;
      } catch (e) {
        setError(plainFailure(e, "Could not save the change"));
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}

/** Applies changes as the signed-in member and nudges the worker to push them. */
export async function applyChanges(session: Session, changes: LocalChange[]): Promise<void> {
  const settings = await getMeta("settings", null);
  await mutateAll(changes, {
    actorId: session.member.id,
    nodeId: session.clientId,
    defaultRegion: settings?.defaultRegion ?? "US",
  });
  void askWorker({ type: MESSAGES.syncNow }).catch(() => undefined);
}
