import { indexKeys, type RecordType } from "@leadpane/domain";
import { isRecordOf, type RecordOf, type RecordReader, type SyncedRecord } from "@leadpane/domain/sync";
import type { Tx } from "../db/client.ts";
import { RECORD_COLUMNS, rowToSynced, storedRecordFromSql } from "../db/mappers.ts";
import { forEachTypeChunk, placeholders, rawTx, type SqlTx } from "./raw-tx.ts";

const keyOf = (type: string, id: string) => `${type}:${id}`;

/**
 * Reads records inside a write transaction, seeing the changes staged by earlier mutations of the
 * same push before they are written. Rows a push names are fetched once, up front.
 */
export class TxReader implements RecordReader {
  readonly staged = new Map<string, SyncedRecord>();
  readonly #loaded = new Map<string, SyncedRecord | null>();
  readonly #sql: SqlTx;

  constructor(
    tx: Tx,
    private readonly workspaceId: string,
  ) {
    this.#sql = rawTx(tx);
  }

  /** Fetches the named records in one query per type so the mutations that follow read from memory. */
  async prefetch(refs: Array<{ type: string; id: string }>): Promise<void> {
    const wanted = refs.filter((ref) => !this.#loaded.has(keyOf(ref.type, ref.id)));
    for (const ref of wanted) this.#loaded.set(keyOf(ref.type, ref.id), null);
    await forEachTypeChunk(wanted, async (type, chunk) => {
      const rows = await this.#sql.execute({
        sql:
          `SELECT ${RECORD_COLUMNS} FROM records WHERE workspace_id ` +
          `= ? AND type = ? AND id IN (${placeholders(chunk.length)})`,
        args: [this.workspaceId, type, ...chunk],
      });
      for (const row of rows.rows)
        this.#loaded.set(keyOf(String(row.type), String(row.id)), rowToSynced(storedRecordFromSql(row)));
    });
  }

  async get<T extends RecordType>(type: T, id: string): Promise<RecordOf<T> | undefined> {
    const key = keyOf(type, id);
    const staged = this.staged.get(key);
    if (staged && isRecordOf(staged, type)) return structuredClone(staged);
    if (!this.#loaded.has(key)) await this.prefetch([{ type, id }]);
    const loaded = this.#loaded.get(key);
    return loaded && isRecordOf(loaded, type) ? structuredClone(loaded) : undefined;
  }

  /** Live (not deleted) records indexed under a match key, with this push's staged changes applied. */
  async findByKey(key: string): Promise<SyncedRecord[]> {
    const rows = await this.#sql.execute({
      sql: "SELECT type, id FROM record_keys WHERE workspace_id = ? AND key = ? LIMIT 500",
      args: [this.workspaceId, key],
    });
    const refs = rows.rows.map((row) => ({ type: String(row.type), id: String(row.id) }));
    await this.prefetch(refs);
    const found = new Map<string, SyncedRecord>();
    for (const ref of refs) {
      const record = await this.get(ref.type as RecordType, ref.id);
      if (record && !record.deleted) found.set(keyOf(ref.type, ref.id), record);
    }
    // Staged records gained or lost this key during the push.
    for (const [k, record] of this.staged) {
      const has = !record.deleted && indexKeys(record.type, record.data).includes(key);
      if (has) found.set(k, structuredClone(record));
      else found.delete(k);
    }
    return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Whether the record was looked up and found absent before this push: it has nothing stored yet. */
  isNew(type: string, id: string): boolean {
    const key = keyOf(type, id);
    return this.#loaded.has(key) && this.#loaded.get(key) === null;
  }

  /** Stages a mutation's changes for this push. */
  stage(changed: SyncedRecord[]): void {
    for (const record of changed) this.staged.set(keyOf(record.type, record.id), record);
  }
}
