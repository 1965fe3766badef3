import type { RecordType } from "@leadpane/domain";
import { deletionOf, isInTrash, isPurgeable, trashLabel, type SyncedRecord } from "@leadpane/domain/sync";
import { db, type LeadpaneDb } from "./db.ts";
import { visibleScan } from "./visible-records.ts";

/** One row of the Trash view: a deleted record with who deleted it, when, and until when it can come back. */
export interface TrashRow {
  type: RecordType;
  id: string;
  label: string;
  deletedAt: string;
  deletedBy: string | null;
  restorableUntil: string;
}

/**
 * The records in the trash, most recently deleted first: tombstones not merged into another and
 * still within their 30 days at `nowMs` (past them the server purges them and would refuse the
 * restore; its `del` removes them at the next pull).
 */
export function trashRows(records: readonly SyncedRecord[], nowMs: number): TrashRow[] {
  const rows: TrashRow[] = [];
  for (const record of records) {
    if (!isInTrash(record)) continue;
    const deletion = deletionOf(record);
    if (!deletion || isPurgeable(record, nowMs)) continue;
    const label = trashLabel(record);
    rows.push({ type: record.type, id: record.id, label: "name" in label ? label.name : label.title, ...deletion });
  }
  return rows.sort((a, b) =>
    a.deletedAt !== b.deletedAt ? (a.deletedAt < b.deletedAt ? 1 : -1) : a.id < b.id ? 1 : a.id > b.id ? -1 : 0,
  );
}

/** The local trash (see `trashRows`). */
export async function localTrash(nowMs: number, database: LeadpaneDb = db): Promise<TrashRow[]> {
  return trashRows(await visibleScan(database, (record) => record.deleted), nowMs);
}
