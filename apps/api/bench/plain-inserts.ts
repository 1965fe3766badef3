/**
 * One baseline of the push benchmark (push.bench.ts runs it in a fresh process): rows a push stored
 * inserted again through @libsql/client into a fresh file with the API's schema (its migrations)
 * and pager settings, one write transaction per push's batch. Prints rows per second.
 * Usage: node --import tsx bench/plain-inserts.ts <rows.json> <records|all|all-bulk>
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { InStatement } from "@libsql/client";
import { openDatabase } from "../src/db/client.ts";
import { WRITE_PRAGMAS } from "../src/sync/transaction.ts";

/**
 * - `records`: the record rows alone, one INSERT per row (a plain batched insert);
 * - `all`: every row a push stores (records, their match keys, audit entries), one INSERT per row;
 * - `all-bulk`: the same rows with one INSERT … SELECT FROM json_each per table and batch, the way
 *   the push path wrote them before its records went to a kept INSERT … VALUES: the storage floor for
 *   what a push stores.
 */
export type BaselineMode = "records" | "all" | "all-bulk";

/** A stored row as plain JSON: column name to value. */
export type StoredRow = Record<string, string | number | null>;

/** The rows one push stored, read back from the API's database: one batch per workspace version. */
export interface StoredBatch {
  records: StoredRow[];
  keys: StoredRow[];
  audit: StoredRow[];
}

/** What the pushes of a round stored, with the workspace and member rows they refer to. */
export interface StoredRows {
  /** The workspace and member rows the others refer to (foreign keys). */
  owners: StoredRow[][];
  batches: StoredBatch[];
}

const INSERT_RECORD =
  "INSERT INTO records (workspace_id, type, id, data, meta, deleted, " +
  "version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
const INSERT_KEY = "INSERT INTO record_keys (workspace_id, key, type, id) VALUES (?, ?, ?, ?)";
const INSERT_AUDIT =
  "INSERT INTO audit_log (workspace_id, member_id, action, " +
  "record_type, record_id, at, detail) VALUES (?, ?, ?, ?, ?, ?, ?)";

function rowStatements(batch: StoredBatch, withKeysAndAudit: boolean): InStatement[] {
  const values = (row: StoredRow, columns: string[]) => columns.map((c) => row[c] ?? null);
  const statements: InStatement[] = batch.records.map((r) => ({
    sql: INSERT_RECORD,
    args: values(r, ["workspace_id", "type", "id", "data", "meta", "deleted", "version", "created_at", "updated_at"]),
  }));
  if (!withKeysAndAudit) return statements;
  for (const k of batch.keys)
    statements.push({ sql: INSERT_KEY, args: values(k, ["workspace_id", "key", "type", "id"]) });
  for (const a of batch.audit)
    statements.push({
      sql: INSERT_AUDIT,
      args: values(a, ["workspace_id", "member_id", "action", "record_type", "record_id", "at", "detail"]),
    });
  return statements;
}

function bulkStatements(batch: StoredBatch): InStatement[] {
  const each = (columns: string[], rows: StoredRow[]) =>
    JSON.stringify(rows.map((row) => columns.map((c) => row[c] ?? null)));
  const select = (n: number) => Array.from({ length: n }, (_, i) => `value ->> ${i}`).join(", ");
  const recordColumns = [
    "workspace_id",
    "type",
    "id",
    "data",
    "meta",
    "deleted",
    "version",
    "created_at",
    "updated_at",
  ];
  const keyColumns = ["workspace_id", "key", "type", "id"];
  const auditColumns = ["workspace_id", "member_id", "action", "record_type", "record_id", "at", "detail"];
  return [
    {
      sql: `INSERT INTO records (${recordColumns.join(", ")}) SELECT ${select(recordColumns.length)} FROM json_each(?)`,
      args: [each(recordColumns, batch.records)],
    },
    {
      sql: `INSERT INTO record_keys (${keyColumns.join(", ")}) SELECT ${select(keyColumns.length)} FROM json_each(?)`,
      args: [each(keyColumns, batch.keys)],
    },
    {
      sql: `INSERT INTO audit_log (${auditColumns.join(", ")}) SELECT ${select(auditColumns.length)} FROM json_each(?)`,
      args: [each(auditColumns, batch.audit)],
    },
  ];
}

/**
 * A baseline: the stored rows inserted again through @libsql/client into a fresh file with the
 * API's own schema (its migrations) and pager settings, one write transaction per push's batch.
 * - `records`: the record rows alone, one INSERT per row (a plain batched insert);
 * - `all`: every row a push stores (records, their match keys, audit entries), one INSERT per row;
 * - `all-bulk`: the same rows with one INSERT … SELECT FROM json_each per table and batch, the way
 *   the push path wrote them before its records went to a kept INSERT … VALUES: the storage floor for
 *   what a push stores.
 */
async function plainInserts({ owners, batches }: StoredRows, mode: BaselineMode): Promise<number> {
  const baseDir = mkdtempSync(join(tmpdir(), "leadpane-plain-bench-"));
  const database = await openDatabase(`file:${join(baseDir, "plain.db")}`);
  const client = database.client;
  try {
    for (const pragma of WRITE_PRAGMAS) await client.execute(pragma);
    for (const [table, rows] of [
      ["workspaces", owners[0]!],
      ["members", owners[1]!],
    ] as const) {
      for (const row of rows) {
        const columns = Object.keys(row);
        await client.execute({
          sql: `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
          args: columns.map((c) => row[c] ?? null),
        });
      }
    }
    const insertAll = async () => {
      for (const batch of batches)
        await client.batch(mode === "all-bulk" ? bulkStatements(batch) : rowStatements(batch, mode === "all"), "write");
    };
    // Warm-up pass, then emptied: the timed pass then writes into files that already have their
    // size, as the API's long-lived database file does (growing a fresh file costs every commit
    // a metadata sync, which would flatter the push).
    await insertAll();
    for (const table of ["records", "record_keys", "audit_log"]) await client.execute(`DELETE FROM ${table}`);
    await client.execute("PRAGMA wal_checkpoint(RESTART)");
    const rows = batches.reduce((sum, batch) => sum + batch.records.length, 0);
    // Each baseline starts on a disk with nothing left to flush, as the push rounds did: what an
    // earlier run left to write back halved the next one's rate.
    spawnSync("sync");
    const started = performance.now();
    await insertAll();
    return rows / ((performance.now() - started) / 1000);
  } finally {
    database.close();
    rmSync(baseDir, { recursive: true, force: true });
  }
}

const [file, mode] = process.argv.slice(2) as [string, BaselineMode];
console.log(await plainInserts(JSON.parse(readFileSync(file, "utf8")) as StoredRows, mode));
