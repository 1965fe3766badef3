import { recordKeys, type RecordType } from "@leadpane/domain";
import { applyMutation, HlcClock, HLC_ZERO, type MutationArgs, type MutationName, type RecordReader, type SyncedRecord } from "@leadpane/domain/sync";
import { db, getMeta, setMeta, type LeadpaneDb, type LocalRecord, type OutboxEntry } from "./db.ts";

/** A change the local store refused (it would also be refused by the server). */
export class LocalMutationError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** The local record with its lookup keys. */
export function toLocal(record: SyncedRecord): LocalRecord {
  return { ...record, keys: record.deleted ? [] : recordKeys(record.type, record.data as never) };
}

/** Reads the local view of records, for applying mutations the same way the server will. */
function readerFor(database: LeadpaneDb): RecordReader & { findByKey(key: string): Promise<SyncedRecord[]> } {
  return {
    async get(type: RecordType, id: string) {
      const row = await database.records.get([type, id]);
      return row ? stripKeys(row) : undefined;
    },
    async findByKey(key: string) {
      const rows = await database.records.where("keys").equals(key).toArray();
      return rows.filter((row) => !row.deleted).map(stripKeys);
    },
  };
}

function stripKeys(row: LocalRecord): SyncedRecord {
  const { keys: _keys, ...record } = row;
  return record;
}

/** One local change: a mutation name and its arguments. */
export type LocalChange = { [N in MutationName]: { name: N; args: MutationArgs[N] } }[MutationName];

/** Who makes local changes, and how phones are read. */
export interface MutateOptions {
  actorId: string | null;
  /** This client's id: the node of its clock. */
  nodeId: string;
  defaultRegion?: string;
  database?: LeadpaneDb;
}

/**
 * Makes changes locally and queues them for the server, atomically: the new state and the outbox
 * entries commit in one IndexedDB transaction, so a change the user saw saved is never lost, even
 * if the browser dies before it syncs. All or nothing: if one change is refused, none is kept.
 */
export async function mutateAll(changes: LocalChange[], options: MutateOptions): Promise<SyncedRecord[]> {
  const database = options.database ?? db;
  return database.transaction("rw", [database.records, database.base, database.outbox, database.meta], async () => {
    const clock = new HlcClock(options.nodeId, Date.now, await getMeta("hlc", HLC_ZERO, database));
    let id = await getMeta("nextMutationId", 1, database);
    const reader = readerFor(database);
    const changed = new Map<string, SyncedRecord>();
    for (const change of changes) {
      const hlc = clock.tick();
      const now = new Date().toISOString();
      const result = await applyMutation(reader, change.name, change.args, { now, hlc, actorId: options.actorId, defaultRegion: options.defaultRegion ?? "US" });
      if (!result.ok) throw new LocalMutationError(result.error.code, result.error.message);
      await keepBase(database, result.changed);
      await database.records.bulkPut(result.changed.map(toLocal));
      for (const record of result.changed) changed.set(`${record.type}:${record.id}`, record);
      const entry: OutboxEntry = { id, name: change.name, args: change.args, hlc, createdAt: now };
      await database.outbox.add(entry);
      id += 1;
    }
    await setMeta("nextMutationId", id, database);
    await setMeta("hlc", clock.last, database);
    return [...changed.values()];
  });
}

/** One local change; see mutateAll. */
export async function mutate<N extends MutationName>(name: N, args: MutationArgs[N], options: MutateOptions): Promise<SyncedRecord[]> {
  return mutateAll([{ name, args } as LocalChange], options);
}

/** Before a record first gets a local change, remember the server's copy to rebase on later. */
async function keepBase(database: LeadpaneDb, changed: SyncedRecord[]): Promise<void> {
  for (const record of changed) {
    const key: [string, string] = [record.type, record.id];
    if (await database.base.get(key)) continue;
    const current = await database.records.get(key);
    await database.base.put({ type: record.type, id: record.id, record: current ? stripKeys(current) : null });
  }
}

/**
 * Rebuilds the local view after the server's state changed: records with pending changes go back
 * to the server's copy and the outbox is replayed on top, in order, with the same merge rules the
 * server uses. When the outbox is empty, the view is simply the server's state.
 */
export async function rebase(database: LeadpaneDb, options: { defaultRegion: string; actorId: string | null }): Promise<void> {
  await database.transaction("rw", [database.records, database.base, database.outbox, database.meta], async () => {
    const bases = await database.base.toArray();
    for (const base of bases) {
      if (base.record) await database.records.put(toLocal(base.record));
      else await database.records.delete([base.type, base.id]);
    }
    await database.base.clear();
    const pending = await database.outbox.orderBy("id").toArray();
    const reader = readerFor(database);
    for (const entry of pending) {
      const result = await applyMutation(reader, entry.name, entry.args, {
        now: entry.createdAt,
        hlc: entry.hlc,
        actorId: options.actorId,
        defaultRegion: options.defaultRegion,
      });
      // A pending change that no longer applies (the record was erased, say) is left for the
      // server to reject and report; the view just does not show it.
      if (!result.ok) continue;
      await keepBase(database, result.changed);
      await database.records.bulkPut(result.changed.map(toLocal));
    }
  });
}
