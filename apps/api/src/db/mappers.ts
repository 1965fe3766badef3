import type { RecordType } from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";
import type { records } from "./schema.ts";

type RecordRow = typeof records.$inferSelect;

/** A stored row as the sync engine's record. */
export function rowToSynced(row: RecordRow): SyncedRecord {
  return {
    type: row.type as RecordType,
    id: row.id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    meta: JSON.parse(row.meta) as SyncedRecord["meta"],
    deleted: row.deleted,
    version: row.version,
  };
}

/** A sync record as a row to store at `version`. */
export function syncedToRow(workspaceId: string, record: SyncedRecord, version: number): RecordRow {
  return {
    workspaceId,
    type: record.type,
    id: record.id,
    data: JSON.stringify(record.data),
    meta: JSON.stringify(record.meta),
    deleted: record.deleted,
    version,
    createdAt: String(record.data.createdAt),
    updatedAt: String(record.data.updatedAt),
  };
}

/** The public HTTP shape of a record: its fields, plus `deleted` when tombstoned. */
export function toPublicRecord(record: SyncedRecord): Record<string, unknown> {
  return record.deleted ? { ...record.data, deleted: true } : record.data;
}
