import type { RecordType } from "../common.ts";
import { indexKeys } from "../keys.ts";
import { cloneValue } from "./clone.ts";
import type { RecordReader } from "./context.ts";
import { isRecordOf, recordsOf, type RecordOf, type SyncedRecord } from "./record.ts";

/**
 * An in-memory RecordReader with `findByKey` over `indexKeys`: the reference implementation of the
 * lookup contract (live records only, sorted by id), used by tests and small replicas.
 */
export class MemoryRecordStore implements RecordReader {
  readonly records = new Map<string, SyncedRecord>();

  /** A store holding these records. */
  constructor(records: Iterable<SyncedRecord> = []) {
    this.write(records);
  }

  /** The record of this type and id, tombstoned or not. */
  async get<T extends RecordType>(type: T, id: string): Promise<RecordOf<T> | undefined> {
    const record = this.records.get(`${type}:${id}`);
    return record && isRecordOf(record, type) ? cloneValue(record) : undefined;
  }

  /** Live records whose index keys include `key`, sorted by id. */
  async findByKey(key: string): Promise<SyncedRecord[]> {
    return [...this.records.values()]
      .filter((record) => !record.deleted && indexKeys(record.type, record.data).includes(key))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((record) => cloneValue(record));
  }

  /** Stores the records a mutation changed. */
  write(changed: Iterable<SyncedRecord>): void {
    for (const record of changed) this.records.set(`${record.type}:${record.id}`, cloneValue(record));
  }

  /** Every stored record (live and tombstoned), or every one of a type. */
  all(): SyncedRecord[];
  all<T extends RecordType>(type: T): Array<RecordOf<T>>;
  all(type?: RecordType): SyncedRecord[] {
    const records = [...this.records.values()];
    return type ? recordsOf(records, type) : records;
  }
}
