import Dexie, { type Table } from "dexie";
import type { Member, WorkspaceSettings } from "@leadpane/domain";
import type { OutboxMutation, ReplicaBase, SyncedRecord } from "@leadpane/domain/sync";

/** A record as the local store keeps it: the synced record plus its match keys for lookups. */
export type LocalRecord = SyncedRecord & {
  keys: string[];
};

/** A change the server refused for good (invalid, forbidden), kept so the UI can show it. */
export interface RejectedMutation {
  id: number;
  name: string;
  message: string;
  at: string;
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
  /** The last mutations the server rejected, newest last (kept across worker restarts). */
  rejected: RejectedMutation[];
  /** The last sync failure the UI should show (kept across worker restarts), or null. */
  syncError: { message: string; code: string | null; online: boolean; at: string } | null;
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
  base!: Table<ReplicaBase, [string, string]>;
  outbox!: Table<OutboxMutation, number>;
  /** Changes the server acknowledged that no pulled page includes yet: still replayed over the server's copies. */
  sent!: Table<OutboxMutation, number>;
  meta!: Table<MetaRow, string>;

  constructor(name = "leadpane") {
    super(name);
    this.version(1).stores({
      records: "[type+id], type, *keys, [type+deleted]",
      base: "[type+id]",
      outbox: "id",
      meta: "key",
    });
    // [type+deleted] never indexed anything (booleans are not IndexedDB keys) and cost a lookup
    // per stored record.
    this.version(2).stores({ records: "[type+id], type, *keys" });
    this.version(3).stores({ sent: "id" });
  }
}

/** The one local database of this extension. */
export const db = new LeadpaneDb();

/** Reads one meta value with its default. */
export async function getMeta<K extends keyof MetaValues>(
  key: K,
  fallback: MetaValues[K],
  database: LeadpaneDb = db,
): Promise<MetaValues[K]> {
  const row = await database.meta.get(key);
  return row ? (row.value as MetaValues[K]) : fallback;
}

/** Writes one meta value. */
export async function setMeta<K extends keyof MetaValues>(
  key: K,
  value: MetaValues[K],
  database: LeadpaneDb = db,
): Promise<void> {
  await database.meta.put({ key, value });
}
