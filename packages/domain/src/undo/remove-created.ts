import { INSERT_ONLY_TYPES, recordLabel } from "../records.ts";
import type { RecordReader } from "../sync/context.ts";
import { fieldsOf, type SyncedRecord } from "../sync/record.ts";
import type { KeptChange, UndoChange } from "./trace.ts";

/**
 * The inverse for a record an action created: a delete (a tombstone, restorable from the trash),
 * unless someone worked on it since — a field or set value written after the action, or a record
 * the action did not make that now points at it (a note, a task, a deal) — when it is kept and said
 * so. An activity the action recorded (a status change, a conversion) always goes: it told of what
 * is being undone. `inTrace` says whether a record is one the action itself changed.
 */
export async function removeCreated(
  after: SyncedRecord,
  current: SyncedRecord,
  reader: RecordReader,
  inTrace: (record: SyncedRecord) => boolean,
): Promise<{ change: UndoChange | null; kept: KeptChange | null }> {
  const { type, id } = after;
  if (current.deleted) return { change: null, kept: null };
  const remove: UndoChange = { name: "delete", args: { type, id } };
  if (INSERT_ONLY_TYPES.has(type)) return { change: remove, kept: null };
  const latest = newestClock(after);
  const touched =
    clocksOf(current).some((clock) => clock > latest) ||
    (await pointersTo(reader, type, id)).some((record) => !inTrace(record));
  if (!touched) return { change: remove, kept: null };
  return {
    change: null,
    kept: { type, id, name: recordLabel(type, fieldsOf(current)), field: null, value: null, by: null },
  };
}

async function pointersTo(reader: RecordReader, type: string, id: string): Promise<SyncedRecord[]> {
  if (!reader.findByKey) return [];
  return [...(await reader.findByKey(`subject:${type}:${id}`)), ...(await reader.findByKey(`ref:${type}:${id}`))];
}

function clocksOf(record: SyncedRecord): string[] {
  return [
    ...Object.values(record.meta.clocks),
    ...Object.values(record.meta.sets).flatMap((set) => Object.values(set).flat()),
  ];
}

function newestClock(record: SyncedRecord): string {
  // HLCs are strings in clock order.
  return clocksOf(record).sort().at(-1) ?? "";
}
