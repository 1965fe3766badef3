import Dexie, { type Table } from "dexie";
import type { Member, RecordType, WorkspaceSettings } from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";

/** A record as the local store keeps it: the synced record plus its match keys for lookups. */
export interface LocalRecord extends SyncedRecord {
  keys: string[];
}

/** The server's copy of a record that has local changes not yet confirmed; `absent` if it is new. */
export interface BaseRecord {
  type: RecordType;
  id: string;
  record: SyncedRecord | null;
}

/** A change made here and not yet acknowledged by the server. */
export interface OutboxEntry {
  /** Per-client mutation id: 1, 2, 3… without gaps. */
  id: number;
  name: string;
  args: unknown;
  hlc: string;
  createdAt: string;
}

/** Small durable values: the pull cookie, the next mutation id, the clock, members, settings. */
export interface MetaValues {
  cookie: number;
  nextMutationId: number;
  hlc: string;
  members: Member[];
  settings: WorkspaceSettings | null;
  lastSyncAt: string | null;
  workspaceId: string | null;
}
export interface MetaRow {
  key: keyof MetaValues;
  value: unknown;
}

/**
 * The extension's local copy of the whole workspace in IndexedDB: the source every view reads.
 * `records` holds what the user sees (server state with local changes applied on top).
 */
export class LeadpaneDb extends Dexie {
  records!: Table<LocalRecord, [string, string]>;
  base!: Table<BaseRecord, [string, string]>;
  outbox!: Table<OutboxEntry, number>;
  meta!: Table<MetaRow, string>;

  constructor(name = "leadpane") {
    super(name);
    this.version(1).stores({
      records: "[type+id], type, *keys, [type+deleted]",
      base: "[type+id]",
      outbox: "id",
      meta: "key",
    });
  }
}

/** The one local database of this extension. */
export const db = new LeadpaneDb();

/** Reads one meta value with its default. */
export async function getMeta<K extends keyof MetaValues>(key: K, fallback: MetaValues[K], database: LeadpaneDb = db): Promise<MetaValues[K]> {
  const row = await database.meta.get(key);
  return row ? (row.value as MetaValues[K]) : fallback;
}

/** Writes one meta value. */
export async function setMeta<K extends keyof MetaValues>(key: K, value: MetaValues[K], database: LeadpaneDb = db): Promise<void> {
  await database.meta.put({ key, value });
}
