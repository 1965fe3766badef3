import { and, eq, inArray } from "drizzle-orm";
import { type RecordType, WorkspaceSettingsSchema } from "@leadpane/domain";
import { type SyncedRecord, typedRecord } from "@leadpane/domain/sync";
import type { Db } from "../db/client.ts";
import { records, workspaces } from "../db/schema.ts";

const EMPTY_META: SyncedRecord["meta"] = Object.freeze({ clocks: {}, sets: {}, history: [] }) as SyncedRecord["meta"];

/** A workspace's live records of some types, as reports read them (data only: the sync metadata is not parsed). */
export async function liveRecords(db: Db, workspaceId: string, types: RecordType[]): Promise<SyncedRecord[]> {
  const rows = await db
    .select({ type: records.type, id: records.id, data: records.data, version: records.version })
    .from(records)
    .where(and(eq(records.workspaceId, workspaceId), eq(records.deleted, false), inArray(records.type, types)));
  return rows.map((row) =>
    typedRecord({
      type: row.type,
      id: row.id,
      data: JSON.parse(row.data) as Record<string, unknown>,
      meta: EMPTY_META,
      deleted: false,
      version: row.version,
    }),
  );
}

/** A workspace's pipeline stages (its settings', or the default pipeline). */
export async function pipelineOfWorkspace(db: Db, workspaceId: string) {
  const [workspace] = await db
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, workspaceId));
  return WorkspaceSettingsSchema.parse(JSON.parse(workspace?.settings ?? "{}")).pipeline;
}
