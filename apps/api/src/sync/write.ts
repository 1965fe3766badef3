import { storableJson } from "../db/json.ts";
import { indexKeys } from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";
import type { Tx } from "../db/client.ts";
import { syncedToRow } from "../db/mappers.ts";
import { placeholders, rawTx, type SqlTx } from "./raw-tx.ts";

/** One audit entry to write with a change. */
export interface AuditEntry {
  memberId: string | null;
  action: string;
  recordType: string | null;
  recordId: string | null;
  detail?: Record<string, unknown>;
}

/** What `writeChanges` may know about the changed records. */
export interface WriteOptions {
  /** Whether a record did not exist before this transaction (it then has no keys to read or drop). */
  isNew?: (record: SyncedRecord) => boolean;
}

/** Ids per `IN (…)` list. */
const CHUNK = 400;
/** Records per INSERT statement of a push's changes. */
const WRITE_SLICE = 100;

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
  options: WriteOptions = {},
): Promise<number> {
  const sql = rawTx(tx);
  if (changed.length === 0 && audit.length === 0) return currentVersion(sql, workspaceId);
  let version: number;
  if (changed.length) {
    // Bump and read the version in one statement.
    const bumped = (
      await sql.execute({
        sql: "UPDATE workspaces SET version = version + 1 WHERE id = ? RETURNING version",
        args: [workspaceId],
      })
    ).rows[0];
    if (!bumped) throw new Error(`workspace ${workspaceId} vanished`);
    version = Number(bumped.version);
    // One statement with one JSON argument per table: its text is constant, so SQLite's parse is
    // trivial, where a multi-row VALUES list of 900 placeholders cost more to prepare and bind than
    // the insert itself. `data` and `meta` travel as JSON strings (`->>` returns their exact text;
    // passing them as JSON values instead measured slower: SQLite then re-renders them).
    // In slices of WRITE_SLICE records, the event loop turning between them: a 500-record push
    // written in one statement held every other request for a few hundred milliseconds.
    for (let i = 0; i < changed.length; i += WRITE_SLICE) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const rows = changed.slice(i, i + WRITE_SLICE).map((record) => {
        const row = syncedToRow(workspaceId, record, version);
        return [row.type, row.id, row.data, row.meta, row.deleted ? 1 : 0, row.createdAt, row.updatedAt];
      });
      await sql.execute({
        sql:
          "INSERT INTO records (workspace_id, type, id, data, meta, deleted, version, created_at, updated_at) " +
          "SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, value " +
          "->> 4, ?2, value ->> 5, value ->> 6 FROM json_each(?3) WHERE true " +
          "ON CONFLICT (workspace_id, type, id) DO UPDATE SET data = excluded.data, meta = excluded.meta, " +
          "deleted = excluded.deleted, version = excluded.version, updated_at = excluded.updated_at",
        args: [workspaceId, version, storableJson(rows)],
      });
    }
    await updateKeys(sql, workspaceId, changed, options.isNew);
  } else {
    version = await currentVersion(sql, workspaceId);
  }
  if (audit.length) {
    await sql.execute({
      sql:
        "INSERT INTO audit_log (workspace_id, member_id, action, record_type, record_id, at, detail) " +
        "SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3, ?2, value ->> 4 FROM json_each(?3)",
      args: [
        workspaceId,
        now,
        storableJson(
          audit.map((entry) => [
            entry.memberId,
            entry.action,
            entry.recordType,
            entry.recordId,
            entry.detail ? JSON.stringify(entry.detail) : "{}",
          ]),
        ),
      ],
    });
  }
  return version;
}

async function currentVersion(sql: SqlTx, workspaceId: string): Promise<number> {
  const row = (await sql.execute({ sql: "SELECT version FROM workspaces WHERE id = ?", args: [workspaceId] })).rows[0];
  if (!row) throw new Error(`workspace ${workspaceId} vanished`);
  return Number(row.version);
}

/** The match keys a record is indexed under: none while it is a tombstone. */
function keysOf(record: SyncedRecord): string[] {
  return record.deleted ? [] : indexKeys(record.type, record.data);
}

/**
 * Brings `record_keys` in line with the changed records by difference: a record's stored keys are
 * read (one indexed query per type for the records that existed before), and only keys that
 * appear or disappear are written. A new record only inserts; an edit that touches no email,
 * phone, url, name or reference (most edits) writes nothing. (Key upkeep was about half of a push's
 * cost.) Diffing against what is stored, not against keys derived from the old data, also heals an
 * index written by an older `indexKeys`.
 */
async function updateKeys(
  sql: SqlTx,
  workspaceId: string,
  changed: SyncedRecord[],
  isNew?: (record: SyncedRecord) => boolean,
): Promise<void> {
  const existing = new Map<string, string[]>();
  for (const record of changed)
    if (!isNew?.(record)) existing.set(record.type, [...(existing.get(record.type) ?? []), record.id]);
  const stored = new Map<string, Set<string>>();
  for (const [type, ids] of existing) {
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = await sql.execute({
        sql:
          `SELECT id, key FROM record_keys WHERE workspace_id = ? ` +
          `AND type = ? AND id IN (${placeholders(chunk.length)})`,
        args: [workspaceId, type, ...chunk],
      });
      for (const row of rows.rows) {
        const ref = `${type}:${String(row.id)}`;
        stored.set(ref, (stored.get(ref) ?? new Set()).add(String(row.key)));
      }
    }
  }
  const removed: Array<[string, string, string]> = [];
  const added: Array<[string, string, string]> = [];
  for (const record of changed) {
    const next = new Set(keysOf(record));
    const old = stored.get(`${record.type}:${record.id}`);
    if (old) for (const key of old) if (!next.has(key)) removed.push([key, record.type, record.id]);
    for (const key of next) if (!old?.has(key)) added.push([key, record.type, record.id]);
  }
  for (const [key, type, id] of removed) {
    await sql.execute({
      sql: "DELETE FROM record_keys WHERE workspace_id = ? AND key = ? AND type = ? AND id = ?",
      args: [workspaceId, key, type, id],
    });
  }
  if (added.length) {
    await sql.execute({
      sql:
        "INSERT OR IGNORE INTO record_keys (workspace_id, key, type, id) " +
        "SELECT ?1, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?2)",
      args: [workspaceId, storableJson(added)],
    });
  }
}
