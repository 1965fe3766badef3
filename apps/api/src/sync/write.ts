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
    // Which records are new, asked once per record (not once per slice filter and again for keys).
    const fresh = new Set(options.isNew ? changed.filter(options.isNew) : []);
    const isNew = (record: SyncedRecord) => fresh.has(record);
    // In slices of WRITE_SLICE records, the event loop turning between them: a 500-record push
    // written in one statement held every other request for a few hundred milliseconds.
    for (let i = 0; i < changed.length; i += WRITE_SLICE) {
      if (i > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      const slice = changed.slice(i, i + WRITE_SLICE);
      // A record this transaction found absent is inserted plainly; the others update their row.
      const created = fresh.size ? slice.filter(isNew) : [];
      const updated = created.length ? slice.filter((record) => !isNew(record)) : slice;
      if (created.length) await insertRecords(sql, workspaceId, version, created, false);
      if (updated.length) await insertRecords(sql, workspaceId, version, updated, true);
    }
    await updateKeys(sql, workspaceId, changed, isNew);
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

/** `INSERT … VALUES` texts by row count and upsert: a push of 100 creates always runs the same one. */
const recordInserts = new Map<string, string>();

/**
 * Writes records at `version` in one multi-row `INSERT … VALUES`, each column bound as its own value.
 * Its text is the same for every slice of the same size, so the driver's kept statement
 * (db/statement-cache.ts) spares its parse; then binding `data` and `meta` as they are measured a
 * third to a half cheaper than one `json_each` argument, where each record's JSON text is escaped
 * into the argument's JSON and unescaped again by `->>`. (Before statements were kept, preparing
 * 900 placeholders cost more than the insert, and `json_each` won.)
 */
async function insertRecords(
  sql: SqlTx,
  workspaceId: string,
  version: number,
  records: SyncedRecord[],
  upsert: boolean,
): Promise<void> {
  const shape = `${records.length}:${upsert}`;
  let text = recordInserts.get(shape);
  if (!text) {
    text =
      "INSERT INTO records (workspace_id, type, id, data, meta, deleted, version, created_at, updated_at) VALUES " +
      Array.from({ length: records.length }, () => "(?, ?, ?, ?, ?, ?, ?, ?, ?)").join(", ") +
      (upsert
        ? " ON CONFLICT (workspace_id, type, id) DO UPDATE SET data = excluded.data, meta = excluded.meta, " +
          "deleted = excluded.deleted, version = excluded.version, updated_at = excluded.updated_at"
        : "");
    recordInserts.set(shape, text);
  }
  const args: Array<string | number> = [];
  for (const record of records) {
    const row = syncedToRow(workspaceId, record, version);
    args.push(
      workspaceId,
      row.type,
      row.id,
      row.data,
      row.meta,
      row.deleted ? 1 : 0,
      version,
      row.createdAt,
      row.updatedAt,
    );
  }
  await sql.execute({ sql: text, args });
}

async function currentVersion(sql: SqlTx, workspaceId: string): Promise<number> {
  const row = (await sql.execute({ sql: "SELECT version FROM workspaces WHERE id = ?", args: [workspaceId] })).rows[0];
  if (!row) throw new Error(`workspace ${workspaceId} vanished`);
  return Number(row.version);
}

/**
 * Orders `[key, type, id]` rows as the `record_keys` primary key does. (JavaScript compares UTF-16
 * units, SQLite UTF-8 bytes: they differ only past U+E000 against astral characters, and the order
 * only saves page jumps, it decides nothing.)
 */
function compareKeyRows(a: [string, string, string], b: [string, string, string]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! < b[i]! ? -1 : 1;
  return 0;
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
    // In the index's order (workspace, key, type, id): SQLite then walks the key index forward
    // instead of jumping to a random page per key (keys of new records are emails and names, in no
    // order). Measured: the push's key insert cost about three times the same rows inserted sorted.
    added.sort(compareKeyRows);
    await sql.execute({
      sql:
        "INSERT OR IGNORE INTO record_keys (workspace_id, key, type, id) " +
        "SELECT ?1, value ->> 0, value ->> 1, value ->> 2 FROM json_each(?2)",
      args: [workspaceId, storableJson(added)],
    });
  }
}
