import type { MutationArgs, MutationName } from "../mutations/registry.ts";
import type { SyncedRecord } from "../sync/record.ts";

/**
 * What an action did, as the replica that made it saw: every record it changed, after the action,
 * with the same record just before it (null when the action created it). Undo works from this.
 */
export interface ActionTrace {
  before: ReadonlyArray<SyncedRecord | null>;
  after: readonly SyncedRecord[];
}

/** One change an undo makes: a mutation and its arguments, applied and synced like any other. */
export type UndoChange = { [N in MutationName]: { name: N; args: MutationArgs[N] } }[MutationName];

/**
 * A change an undo left in place because someone changed it after the action: a field now holding
 * another value (`field`, the value it keeps and who wrote it), or a record the action created that
 * was worked on since and so is not removed (`field` null).
 */
export interface KeptChange {
  type: SyncedRecord["type"];
  id: string;
  /** The record's name, for saying which one. */
  name: string;
  field: string | null;
  value: unknown;
  /** The member who wrote the kept value, when the record's history says. */
  by: string | null;
}

/** The changes that undo an action, and what they keep because it changed since. */
export interface UndoPlan {
  changes: UndoChange[];
  kept: KeptChange[];
}

/** Two traces as one (an action applied in chunks). */
export function joinTraces(traces: readonly ActionTrace[]): ActionTrace {
  return { before: traces.flatMap((t) => t.before), after: traces.flatMap((t) => t.after) };
}
