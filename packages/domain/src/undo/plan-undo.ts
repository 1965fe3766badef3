import type { RecordReader } from "../sync/context.ts";
import { isRecordOf, type SyncedRecord } from "../sync/record.ts";
import { removeCreated } from "./remove-created.ts";
import { revertRecord } from "./revert-record.ts";
import type { ActionTrace, KeptChange, UndoChange, UndoPlan } from "./trace.ts";

/**
 * The changes that undo an action (delete, status change, conversion, merge, bulk edit, stage
 * move), read against the records as they are now (`reader`): what the action changed is put back
 * (revertRecord), what it created is removed when nobody worked on it since (removeCreated), and
 * what changed since is kept and listed. The changes are ordinary mutations that sync like any
 * other and check again where they apply, so an edit that races the undo still keeps its value.
 * The action's timeline entries go too, unless a value it set on their record was kept. Order:
 * field reverts first (a merged record loses its `mergedIntoId` before it is restored, a lead its
 * conversion pointers before the contact goes), then restores, then removals.
 */
export async function planUndo(trace: ActionTrace, reader: RecordReader): Promise<UndoPlan> {
  const reverts: UndoChange[] = [];
  const tombstones: UndoChange[] = [];
  const removals: UndoChange[] = [];
  const entries: Array<{ change: UndoChange; about: Pick<SyncedRecord, "type" | "id"> }> = [];
  const kept: KeptChange[] = [];
  let unitKept = false;
  const key = (record: Pick<SyncedRecord, "type" | "id">) => `${record.type}:${record.id}`;
  const traced = new Set(trace.after.map(key));
  for (const [index, after] of trace.after.entries()) {
    const before = trace.before[index] ?? null;
    const current = await reader.get(after.type, after.id);
    if (!current) continue;
    if (before === null) {
      const outcome = await removeCreated(after, current, reader, (record) => traced.has(key(record)));
      if (outcome.change && isRecordOf(after, "activity"))
        entries.push({ change: outcome.change, about: after.data.subject });
      else if (outcome.change) removals.push(outcome.change);
      if (outcome.kept) kept.push(outcome.kept);
      continue;
    }
    const revert = revertRecord(before, after, current);
    reverts.push(...revert.changes);
    if (revert.tombstone) tombstones.push(revert.tombstone);
    kept.push(...revert.kept);
    unitKept ||= revert.unitKept;
  }
  // The action's timeline entries (a status change, a stage move) go with it, unless a value it set
  // on their record was kept: then they still tell how that record got there.
  const keptOn = new Set(kept.filter((change) => change.field !== null).map(key));
  const gone = entries.filter((entry) => !keptOn.has(key(entry.about))).map((entry) => entry.change);
  // A conversion that stands (its lead kept its pointers) keeps what it created: they are pointed at.
  return { changes: [...reverts, ...tombstones, ...(unitKept ? [] : removals), ...gone], kept };
}
