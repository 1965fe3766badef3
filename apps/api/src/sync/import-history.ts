import type { ImportPart } from "@leadpane/domain/import";
import type { Actor } from "../auth/actor.ts";
import { storableJson } from "../db/json.ts";
import type { SqlTx } from "./raw-tx.ts";

/**
 * Writes import history parts (`recordImport` mutations) inside the transaction that applied them:
 * the first part of an import makes its entry, later parts add their counts and changes to it.
 */
export async function writeImportParts(
  sql: SqlTx,
  actor: Actor,
  parts: readonly ImportPart[],
  now: string,
): Promise<void> {
  for (const part of parts) {
    const row = (
      await sql.execute({
        sql: "SELECT changes FROM imports WHERE workspace_id = ? AND id = ?",
        args: [actor.workspaceId, part.id],
      })
    ).rows[0];
    const changes = { created: part.created, updated: part.updated };
    const all = row ? [...(JSON.parse(String(row.changes)) as unknown[]), changes] : [changes];
    await sql.execute({
      sql:
        "INSERT INTO imports (workspace_id, id, member_id, file_name, format, created_at, created, updated, skipped, failed, changes) " +
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (workspace_id, id) DO UPDATE SET " +
        "created = created + excluded.created, updated = updated + excluded.updated, " +
        "skipped = skipped + excluded.skipped, failed = failed + excluded.failed, changes = excluded.changes",
      args: [
        actor.workspaceId,
        part.id,
        actor.memberId,
        part.fileName,
        part.format,
        now,
        part.counts.created,
        part.counts.updated,
        part.counts.skipped,
        part.counts.failed,
        storableJson(all),
      ],
    });
  }
}
