import { typedRecord, type SyncedRecord } from "@leadpane/domain/sync";
import type { Row } from "@libsql/client";
import type { records } from "./schema.ts";

type RecordRow = typeof records.$inferSelect;

/**
 * The columns a record is read from, its JSON columns (`data`, `meta`) still as text: what drizzle
 * selects, and what hand-written SQL (`RECORD_COLUMNS`) reads through `storedRecordFromSql`.
 */
export type StoredRecord = Pick<RecordRow, "type" | "id" | "data" | "meta" | "deleted" | "version">;

/** The `records` columns of a `StoredRecord`, for hand-written SQL (the push and pull paths). */
export const RECORD_COLUMNS = "type, id, data, meta, deleted, version";

/** A libSQL row of `RECORD_COLUMNS` as a stored record: SQLite keeps booleans as 0/1 and returns loose values. */
export function storedRecordFromSql(row: Row): StoredRecord {
  return {
    // The column holds only record types: every write goes through syncedToRow.
    type: String(row.type) as RecordRow["type"],
    id: String(row.id),
    data: String(row.data),
    meta: String(row.meta),
    deleted: Number(row.deleted) === 1,
    version: Number(row.version),
  };
}

/** A stored row as the sync engine's record (every row was written from one by syncedToRow). */
export function rowToSynced(row: StoredRecord): SyncedRecord {
  return typedRecord({
    type: row.type,
    id: row.id,
    data: JSON.parse(row.data) as Record<string, unknown>,
    meta: JSON.parse(row.meta) as SyncedRecord["meta"],
    deleted: row.deleted,
    version: row.version,
  });
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
