import Dexie, { type Table } from "dexie";
import type { Member, WorkspaceSettings } from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";
import type { PendingRow } from "./pending-rows.ts";
import type { BaseRow } from "./base-rows.ts";

/** A record as the local store keeps it: the synced record plus its match keys for lookups. */
export type LocalRecord = SyncedRecord & {
  keys: string[];
};

/**
 * One page of a first load as it arrived: its records (with their lookup keys) in one IndexedDB
 * value, keyed by the cookie it was pulled from (so later pages sort after earlier ones). Written
 * once, never changed: later changes to its records go to `records`, which wins over it.
 */
export interface SnapshotPage {
  page: number;
  records: LocalRecord[];
}

/**
 * The lookup keys of one first-load page, compact, so a context can answer a lookup by key or id
 * by reading these and one small snapshot value instead of the whole snapshot: each entry is
 * `hash * 2^21 + slot`, sorted, where `hash` is the 32-bit hash of a lookup key (or of `#type:id`)
 * and `slot` the record's position in the page. A hash may collide: readers check the record.
 */
export interface SnapshotIndex {
  /** The page: the cookie it was pulled from, as the page's first snapshot value. */
  page: number;
  /** Records per snapshot value of this page (value `page + i / 64` holds slots `i * chunk …`). */
  chunk: number;
  entries: Float64Array;
}

/** Which snapshot pages exist and which of their records were erased since (see visible-records.ts). */
export interface SnapshotState {
  /** The keys of the snapshot values (several per page since version 5: `page + i / 64`). */
  pages: number[];
  /** `type:id` of snapshot records removed later (a privacy erasure or a purge), not in `records`. */
  erased: string[];
  /**
   * Set when the snapshot was started by a build whose rows keep their snapshot copy's lost keys
   * (visible-records.ts, `withFormerKeys`): a lookup then learns from the key reads alone which
   * snapshot records a row hides. Absent on older profiles, whose lookups also read the hits' rows.
   */
  formerKeys?: true;
}

/** How far a first load has come, for the progress line ("Loading workspace: 42,000 of 100,000"). */
export interface FirstLoadProgress {
  loaded: number;
  /** Every change the first load brings, as the server counted it on the first page (null: unknown). */
  total: number | null;
}

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
  /** The snapshot pages a first load wrote (null: none, every record is in `records`). */
  snapshot: SnapshotState | null;
  /** Set while a first load runs (and across a worker restart in the middle of one); null after. */
  firstLoad: FirstLoadProgress | null;
}
export interface MetaRow {
  key: keyof MetaValues;
  value: unknown;
}

/**
 * The extension's local copy of the whole workspace in IndexedDB: the source every view reads.
 * What the user sees (server state with local changes applied on top) is `records` over the
 * first load's `snapshot` pages: a record in `records` wins over its snapshot copy (see
 * visible-records.ts, the one place that reads both).
 */
export class LeadpaneDb extends Dexie {
  records!: Table<LocalRecord, [string, string]>;
  base!: Table<BaseRow, [string, string]>;
  /** Changes not yet acknowledged by the server, one per row or a bulk commit's in bundles (pending-rows.ts). */
  outbox!: Table<PendingRow, number>;
  /** Changes the server acknowledged that no pulled page includes yet: still replayed over the server's copies. */
  sent!: Table<PendingRow, number>;
  meta!: Table<MetaRow, string>;
  /** A first load's pages, one value per page: 100,000 records stored in seconds, not a minute. */
  snapshot!: Table<SnapshotPage, number>;
  /** Each snapshot page's lookup keys, compact: a fresh context's first lookup reads these, not every page. */
  snapshotIndex!: Table<SnapshotIndex, number>;

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
    this.version(4).stores({ snapshot: "page" });
    this.version(5).stores({ snapshotIndex: "page" });
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
