import { z } from "zod";
import { IdSchema, RecordTypeSchema } from "../common.ts";

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

/** A record as replicas store and exchange it. */
export const SyncedRecordSchema = z.object({
  type: RecordTypeSchema,
  id: IdSchema,
  data: z.record(z.string(), z.unknown()),
  meta: RecordMetaSchema,
  deleted: z.boolean(),
  /** The workspace version at which the server last changed it (0 before it reached the server). */
  version: z.number().int(),
});
export type SyncedRecord = z.infer<typeof SyncedRecordSchema>;

/** An empty record shell, before its first mutation. */
export function emptyMeta(): RecordMeta {
  return { clocks: {}, sets: {}, history: [] };
}
