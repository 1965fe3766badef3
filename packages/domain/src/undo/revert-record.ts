import { SET_FIELDS } from "../common.ts";
import { recordLabel } from "../records.ts";
import { fieldsOf, type SyncedRecord } from "../sync/record.ts";
import type { KeptChange, UndoChange } from "./trace.ts";
import { REVERT_UNITS } from "./units.ts";

/** Fields an undo never compares or writes: identity and the engine's own times. */
const SYSTEM_FIELDS = new Set(["id", "createdAt", "updatedAt"]);

/** The changes that put back what an action did to a record that existed before it, and what they keep. */
export interface RecordRevert {
  /** Field reverts and set-value adds and removes. */
  changes: UndoChange[];
  /** A restore (the action tombstoned it) or a delete (the action restored it), made after every revert. */
  tombstone: UndoChange | null;
  kept: KeptChange[];
  /** A unit of fields stays as it is (say, a conversion the server made differently): what it points at stays too. */
  unitKept: boolean;
}

/**
 * The inverse of an action on one existing record, given the record before and after the action and
 * as it is now: each scalar field the action changed goes back unless it changed since (then it is
 * kept, with who changed it); set values the action added are removed (only the action's own adds,
 * so a teammate's add of the same value stays) and those it removed come back; a tombstone it set
 * is lifted and one it lifted is set again, unless someone did so already.
 */
export function revertRecord(before: SyncedRecord, after: SyncedRecord, current: SyncedRecord): RecordRevert {
  const { type, id } = after;
  const was = fieldsOf(before);
  const did = fieldsOf(after);
  const now = fieldsOf(current);
  const kept: KeptChange[] = [];
  const fields: Record<string, { from: unknown; to: unknown }> = {};
  for (const field of new Set([...Object.keys(was), ...Object.keys(did)])) {
    if (SYSTEM_FIELDS.has(field) || isSet(field) || same(was[field], did[field])) continue;
    if (same(now[field], did[field])) fields[field] = { from: did[field] ?? null, to: was[field] ?? null };
    else if (!same(now[field], was[field]))
      kept.push({
        type,
        id,
        name: recordLabel(type, now),
        field,
        value: now[field] ?? null,
        by: writerOf(current, field),
      });
  }
  // A unit (a lead's status with its conversion pointers) goes back whole or stays whole.
  const unit = REVERT_UNITS[type] ?? [];
  const unitKept = kept.some((change) => change.field !== null && unit.includes(change.field));
  if (unitKept) for (const field of unit) delete fields[field];
  const changes: UndoChange[] = [];
  if (Object.keys(fields).length) changes.push({ name: "revertFields", args: { type, id, fields } });
  for (const field of SET_FIELDS) {
    const wasSet = before.meta.sets[field] ?? {};
    const didSet = after.meta.sets[field] ?? {};
    const nowSet = current.meta.sets[field] ?? {};
    const observed: Record<string, string[]> = {};
    for (const [value, tags] of Object.entries(didSet)) {
      const added = tags.filter((tag) => !(wasSet[value] ?? []).includes(tag) && (nowSet[value] ?? []).includes(tag));
      if (added.length) observed[value] = added;
    }
    if (Object.keys(observed).length) changes.push({ name: "remove", args: { type, id, field, observed } });
    const removed = Object.keys(wasSet).filter((value) => !didSet[value] && !nowSet[value]);
    if (removed.length) changes.push({ name: "add", args: { type, id, field, values: removed } });
  }
  let tombstone: UndoChange | null = null;
  if (!before.deleted && after.deleted && current.deleted) tombstone = { name: "restore", args: { type, id } };
  if (before.deleted && !after.deleted && !current.deleted) tombstone = { name: "delete", args: { type, id } };
  return { changes, tombstone, kept, unitKept };
}

/** Who wrote a field's current value: the history entry it replaced names them. */
function writerOf(record: SyncedRecord, field: string): string | null {
  const clock = record.meta.clocks[field];
  const entry = [...record.meta.history].reverse().find((e) => e.field === field && e.replacedBy === clock);
  return entry?.by ?? null;
}

function isSet(field: string): boolean {
  return (SET_FIELDS as readonly string[]).includes(field);
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
