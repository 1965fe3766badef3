import { z } from "zod";
import { IdSchema, RecordTypeSchema, type RecordType } from "../common.ts";
import type { RecordByType } from "../records.ts";

/** One value a record no longer shows: overwritten, or an incoming write that lost to a newer one. */
export const HistoryEntrySchema = z.object({
  field: z.string(),
  value: z.unknown(),
  hlc: z.string(),
  /** The clock of the value that replaced it. */
  replacedBy: z.string(),
  by: z.string().nullable(),
  at: z.string(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

/** Sync metadata that travels with a record so every replica merges the same way. */
export const RecordMetaSchema = z.object({
  /** Winning clock per scalar field. */
  clocks: z.record(z.string(), z.string()),
  /** Per set-valued field: each present value with the clocks of the adds that keep it present. */
  sets: z.record(z.string(), z.record(z.string(), z.array(z.string()))),
  /** Values that lost or were overwritten, newest last, so no concurrent edit is silently dropped. */
  history: z.array(HistoryEntrySchema),
});
export type RecordMeta = z.infer<typeof RecordMetaSchema>;

/**
 * A record as it travels on the wire and lands in a database column: the shape the protocol
 * validates. Its `data` is not typed by its type here (see `SyncedRecord`).
 */
export const SyncedRecordSchema = z.object({
  type: RecordTypeSchema,
  id: IdSchema,
  data: z.record(z.string(), z.unknown()),
  meta: RecordMetaSchema,
  deleted: z.boolean(),
  /** The workspace version at which the server last changed it (0 before it reached the server). */
  version: z.number().int(),
});
/** A record as `SyncedRecordSchema` validates it: any data under any type. */
export type WireRecord = z.infer<typeof SyncedRecordSchema>;

/**
 * A record as replicas store and exchange it, its data typed by its type: checking `type` (or
 * `isRecordOf`) narrows `data` to that type's record (a `Lead` for a lead, …).
 */
export type SyncedRecord = {
  [T in RecordType]: {
    type: T;
    id: string;
    data: RecordByType[T];
    meta: RecordMeta;
    deleted: boolean;
    version: number;
  };
}[RecordType];

// Narrowing by type lives apart, free of zod: the extension's service worker uses it on every wake.
export { isRecordOf, recordsOf } from "./record-of.ts";

/** A record of one type (or of one of several types). */
export type RecordOf<T extends RecordType> = Extract<SyncedRecord, { type: T }>;

/** A record's data as values by field name: for rules that read a field by a name they are given. */
export function fieldsOf(record: Pick<SyncedRecord, "data">): Readonly<Record<string, unknown>> {
  return record.data;
}

/**
 * A wire record typed by its type, without parsing its data again. Only for records the engine
 * wrote (read back from the wire, a database or a replica): every record it writes has data its
 * type's schema accepted (sync/fields.ts), and parsing again would cost every pull and push.
 */
export function typedRecord<T extends RecordType>(record: WireRecord & { type: T }): RecordOf<T> {
  // TypeScript cannot tie `data` to `type` in a schema-inferred object; fields.ts checked it when written.
  return record as RecordOf<T>;
}

/** An empty record shell, before its first mutation. */
export function emptyMeta(): RecordMeta {
  return { clocks: {}, sets: {}, history: [] };
}
