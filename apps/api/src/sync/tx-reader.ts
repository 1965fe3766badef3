import { and, eq, inArray } from "drizzle-orm";
import { indexKeys, type RecordType } from "@leadpane/domain";
import type { RecordReader, SyncedRecord } from "@leadpane/domain/sync";
import type { Tx } from "../db/client.ts";
import { rowToSynced } from "../db/mappers.ts";
import { recordKeys as recordKeysTable, records } from "../db/schema.ts";

const keyOf = (type: string, id: string) => `${type}:${id}`;

/**
 * Reads records inside a write transaction, seeing the changes staged by earlier mutations of the
 * same push before they are written. Rows a push names are fetched once, up front.
 */
export class TxReader implements RecordReader {
  readonly staged = new Map<string, SyncedRecord>();
  readonly #loaded = new Map<string, SyncedRecord | null>();

  constructor(
    private readonly tx: Tx,
    private readonly workspaceId: string,
  ) {}

  /** Fetches the named records in one query so the mutations that follow read from memory. */
  async prefetch(refs: Array<{ type: string; id: string }>): Promise<void> {
    const wanted = refs.filter((ref) => !this.#loaded.has(keyOf(ref.type, ref.id)));
    for (let i = 0; i < wanted.length; i += 400) {
      const chunk = wanted.slice(i, i + 400);
      const ids = [...new Set(chunk.map((ref) => ref.id))];
      const rows = await this.tx
        .select()
        .from(records)
        .where(and(eq(records.workspaceId, this.workspaceId), inArray(records.id, ids)));
      for (const ref of chunk) this.#loaded.set(keyOf(ref.type, ref.id), null);
      for (const row of rows) this.#loaded.set(keyOf(row.type, row.id), rowToSynced(row));
    }
  }

  async get(type: RecordType, id: string): Promise<SyncedRecord | undefined> {
    const key = keyOf(type, id);
    const staged = this.staged.get(key);
    if (staged) return structuredClone(staged);
    if (!this.#loaded.has(key)) await this.prefetch([{ type, id }]);
    const loaded = this.#loaded.get(key);
    return loaded ? structuredClone(loaded) : undefined;
  }

  /** Live (not deleted) records indexed under a match key, with this push's staged changes applied. */
  async findByKey(key: string): Promise<SyncedRecord[]> {
    const rows = await this.tx
      .select({ type: recordKeysTable.type, id: recordKeysTable.id })
      .from(recordKeysTable)
      .where(and(eq(recordKeysTable.workspaceId, this.workspaceId), eq(recordKeysTable.key, key)))
      .limit(500);
    await this.prefetch(rows);
    const found = new Map<string, SyncedRecord>();
    for (const row of rows) {
      const record = await this.get(row.type as RecordType, row.id);
      if (record && !record.deleted) found.set(keyOf(row.type, row.id), record);
    }
    // Staged records gained or lost this key during the push.
    for (const [k, record] of this.staged) {
      const has = !record.deleted && indexKeys(record.type, record.data).includes(key);
      if (has) found.set(k, structuredClone(record));
      else found.delete(k);
    }
    return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Stages a mutation's changes for this push. */
  stage(changed: SyncedRecord[]): void {
    for (const record of changed) this.staged.set(keyOf(record.type, record.id), record);
  }
}
