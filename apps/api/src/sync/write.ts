import { and, eq, inArray, sql } from "drizzle-orm";
import { indexKeys, type RecordType } from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";
import type { Tx } from "../db/client.ts";
import { syncedToRow } from "../db/mappers.ts";
import { auditLog, recordKeys as recordKeysTable, records, workspaces } from "../db/schema.ts";

/** One audit entry to write with a change. */
export interface AuditEntry {
  memberId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  detail?: Record<string, unknown>;
}

const CHUNK = 100;

/**
 * Writes the records a push changed at a new workspace version, with their match keys and audit
 * entries, inside the caller's write transaction. Returns the version (unchanged when nothing changed).
 */
export async function writeChanges(
  tx: Tx,
  workspaceId: string,
  changed: SyncedRecord[],
  audit: AuditEntry[],
  now: string,
): Promise<number> {
  const [workspace] = await tx.select({ version: workspaces.version }).from(workspaces).where(eq(workspaces.id, workspaceId));
  if (!workspace) throw new Error(`workspace ${workspaceId} vanished`);
  if (changed.length === 0 && audit.length === 0) return workspace.version;
  const version = workspace.version + 1;
  if (changed.length) {
    await tx.update(workspaces).set({ version }).where(eq(workspaces.id, workspaceId));
    for (let i = 0; i < changed.length; i += CHUNK) {
      const chunk = changed.slice(i, i + CHUNK);
      const rows = chunk.map((record) => syncedToRow(workspaceId, record, version));
      await tx
        .insert(records)
        .values(rows)
        .onConflictDoUpdate({
          target: [records.workspaceId, records.type, records.id],
          set: {
            data: sql`excluded.data`,
            meta: sql`excluded.meta`,
            deleted: sql`excluded.deleted`,
            version: sql`excluded.version`,
            updatedAt: sql`excluded.updated_at`,
          },
        });
      await replaceKeys(tx, workspaceId, chunk);
    }
  }
  for (let i = 0; i < audit.length; i += CHUNK) {
    await tx.insert(auditLog).values(
      audit.slice(i, i + CHUNK).map((entry) => ({
        workspaceId,
        memberId: entry.memberId,
        action: entry.action,
        recordType: entry.recordType,
        recordId: entry.recordId,
        at: now,
        detail: JSON.stringify(entry.detail ?? {}),
      })),
    );
  }
  return changed.length ? version : workspace.version;
}

async function replaceKeys(tx: Tx, workspaceId: string, chunk: SyncedRecord[]): Promise<void> {
  const byType = new Map<string, string[]>();
  for (const record of chunk) byType.set(record.type, [...(byType.get(record.type) ?? []), record.id]);
  for (const [type, ids] of byType) {
    await tx
      .delete(recordKeysTable)
      .where(and(eq(recordKeysTable.workspaceId, workspaceId), eq(recordKeysTable.type, type), inArray(recordKeysTable.id, ids)));
  }
  const keyRows = chunk
    .filter((record) => !record.deleted)
    .flatMap((record) =>
      indexKeys(record.type as RecordType, record.data).map((key) => ({ workspaceId, key, type: record.type, id: record.id })),
    );
  for (let i = 0; i < keyRows.length; i += CHUNK * 2) {
    await tx.insert(recordKeysTable).values(keyRows.slice(i, i + CHUNK * 2)).onConflictDoNothing();
  }
}
