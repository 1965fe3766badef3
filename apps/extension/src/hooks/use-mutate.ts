import { useState } from "preact/hooks";
import type { Session } from "../chrome-storage.ts";
import { plainFailure } from "../components/plain-failure.ts";
import type { LocalChange } from "../local-db/local-mutations.ts";
import { applyChanges } from "./apply-changes.ts";
import { offerUndo, type UndoLabel } from "./use-undo.ts";

/** How a run is offered for undo: its toast's words, or none for a change that needs no undo. */
interface RunOptions {
  undo?: UndoLabel;
}

/** What a view needs to change records: run changes, whether one is running, the last error. */
export interface Mutator {
  run(changes: LocalChange[], options?: RunOptions): Promise<boolean>;
  busy: boolean;
  error: string | null;
  clearError(): void;
}

/**
 * Applies changes through the local store (the domain's mutation, applied here and queued for the
 * server in one transaction), then asks the worker to sync. A refused change (a transition the
 * lifecycle does not allow, say) becomes `error`, shown where the rep acted. With `undo`, the
 * change is offered for undo for a few seconds (use-undo.ts).
 */
export function useMutate(session: Session): Mutator {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return {
    busy,
    error,
    clearError: () => setError(null),
    async run(changes, options = {}) {
      if (!changes.length) return true;
      setBusy(true);
      setError(null);
      try {
        const trace = await applyChanges(session, changes);
        if (options.undo) offerUndo(session, options.undo, trace);
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
