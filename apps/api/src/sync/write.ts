import { indexKeys, type RecordType } from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";
import type { InValue } from "@libsql/client";
import type { Tx } from "../db/client.ts";
import { placeholders, rawTx, type SqlTx } from "./raw-tx.ts";

/** One audit entry to write with a change. */
export interface AuditEntry {
  memberId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  detail?: Record<string, unknown>;
}

/** Rows per multi-row INSERT (9 values each: well under SQLite's 32,766 parameters). */
const CHUNK = 200;

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
  options: { isNew?: (record: SyncedRecord) => boolean } = {},
): Promise<number> {
  const sql = rawTx(tx);
  const current = (await sql.execute({ sql: "SELECT version FROM workspaces WHERE id = ?", args: [workspaceId] })).rows[0];
  if (!current) throw new Error(`workspace ${workspaceId} vanished`);
  const before = Number(current.version);
  if (changed.length === 0 && audit.length === 0) return before;
  const version = before + 1;
  if (changed.length) {
    await sql.execute({ sql: "UPDATE workspaces SET version = ? WHERE id = ?", args: [version, workspaceId] });
    for (let i = 0; i < changed.length; i += CHUNK) {
      const chunk = changed.slice(i, i + CHUNK);
      const args: InValue[] = [];
      for (const record of chunk) {
        args.push(
          workspaceId,
          record.type,
          record.id,
          JSON.stringify(record.data),
          JSON.stringify(record.meta),
          record.deleted ? 1 : 0,
          version,
          String(record.data.createdAt),
          String(record.data.updatedAt),
        );
      }
      await sql.execute({
        sql:
          "INSERT INTO records (workspace_id, type, id, data, meta, deleted, version, created_at, updated_at) VALUES " +
          chunk.map(() => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ") +
          " ON CONFLICT (workspace_id, type, id) DO UPDATE SET data = excluded.data, meta = excluded.meta, deleted = excluded.deleted, version = excluded.version, updated_at = excluded.updated_at",
        args,
      });
      await replaceKeys(sql, workspaceId, chunk, options.isNew);
    }
  }
  for (let i = 0; i < audit.length; i += CHUNK) {
    const chunk = audit.slice(i, i + CHUNK);
    await sql.execute({
      sql: "INSERT INTO audit_log (workspace_id, member_id, action, record_type, record_id, at, detail) VALUES " + chunk.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", "),
      args: chunk.flatMap((entry) => [workspaceId, entry.memberId, entry.action, entry.recordType, entry.recordId, now, JSON.stringify(entry.detail ?? {})]),
    });
  }
  return changed.length ? version : before;
}

async function replaceKeys(sql: SqlTx, workspaceId: string, chunk: SyncedRecord[], isNew?: (record: SyncedRecord) => boolean): Promise<void> {
  // A record that did not exist before this transaction has no keys to delete (key upkeep is about
  // half of a push's cost; captures are mostly creates).
  const byType = new Map<string, string[]>();
  for (const record of chunk) if (!isNew?.(record)) byType.set(record.type, [...(byType.get(record.type) ?? []), record.id]);
  for (const [type, ids] of byType) {
    await sql.execute({
      sql: `DELETE FROM record_keys WHERE workspace_id = ? AND type = ? AND id IN (${placeholders(ids.length)})`,
      args: [workspaceId, type, ...ids],
    });
  }
  const keyRows = chunk
    .filter((record) => !record.deleted)
    .flatMap((record) => indexKeys(record.type as RecordType, record.data).map((key) => [workspaceId, key, record.type, record.id]));
  for (let i = 0; i < keyRows.length; i += CHUNK * 2) {
    const rows = keyRows.slice(i, i + CHUNK * 2);
    await sql.execute({
      sql: "INSERT OR IGNORE INTO record_keys (workspace_id, key, type, id) VALUES " + rows.map(() => "(?, ?, ?, ?)").join(", "),
      args: rows.flat(),
    });
  }
}
