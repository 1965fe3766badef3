import { canWrite, indexKeys, type ActionTrace, type RecordType } from "@leadpane/domain";
import {
  applyLocal,
  HlcClock,
  HLC_ZERO,
  isRecordOf,
  type ApplyError,
  type MutationArgs,
  type MutationName,
  type OutboxMutation,
  type ReplicaContext,
  type ReplicaStore,
  type SyncedRecord,
} from "@leadpane/domain/sync";
import { db, getMeta, setMeta, type LeadpaneDb, type LocalRecord } from "./db.ts";
import { asOneRow, bundleOf, entriesOf, heldIn, lastIdOf, type PendingRow, splitThrough } from "./pending-rows.ts";
import { basesOf, bundledKeys, getBases } from "./base-rows.ts";
import {
  addSnapshotPage,
  recordKey,
  removeVisible,
  visibleByKeys,
  visibleGet,
  withFormerKeys,
} from "./visible-records.ts";

/** A change the local store refused (it would also be refused by the server). */
class LocalMutationError extends Error {
  constructor(
    readonly code: ApplyError["code"],
    message: string,
  ) {
    super(message);
  }
}

/** The local record with its lookup keys (match keys, names and references, as the server indexes). */
export function toLocal(record: SyncedRecord): LocalRecord {
  return { ...record, keys: record.deleted ? [] : indexKeys(record.type, record.data) };
}

function stripKeys(row: LocalRecord): SyncedRecord {
  const { keys: _keys, ...record } = row;
  return record;
}

/** The tables a replica step touches: every step opens one transaction over all of them. */
export function replicaTables(database: LeadpaneDb) {
  return [
    database.records,
    database.snapshot,
    database.snapshotIndex,
    database.base,
    database.outbox,
    database.sent,
    database.meta,
  ];
}

/**
 * What a push answer's store knows beyond the answer: every change up to `gone` left the outbox
 * already (an earlier answer of the same round), and `sent` is what the push carried, as read from
 * the outbox. Acknowledging then reads neither the changes again nor the range below `gone`.
 */
export interface PushedBatch {
  gone: number;
  sent: readonly OutboxMutation[];
}

/**
 * The extension's IndexedDB as the shared client algorithm's store (packages/domain/src/sync/replica.ts).
 * Call it only inside a transaction over `replicaTables`, so each step commits whole or not at all;
 * `pushed` (a push answer's store) makes its acknowledgement cheaper, with the same outcome.
 */
export function dexieReplica(database: LeadpaneDb, pushed?: PushedBatch): ReplicaStore {
  // The records bundles of created bases name, read at the first lookup that needs them: an
  // instance lives within one transaction, where only it writes `base` (and never a bundle).
  let bundled: Promise<Set<string>> | null = null;
  const bundledOnce = () => (bundled ??= bundledKeys(database.base));
  return {
    async get<T extends RecordType>(type: T, id: string) {
      const row = await visibleGet(database, type, id);
      const record = row && stripKeys(row);
      return record && isRecordOf(record, type) ? record : undefined;
    },
    async findByKey(key: string) {
      const rows = await visibleByKeys(database, [key]);
      return rows
        .filter((row) => !row.deleted)
        .map(stripKeys)
        .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async putRecords(records) {
      await database.records.bulkPut(await withFormerKeys(database, records.map(toLocal)));
    },
    async deleteRecord(type, id) {
      await removeVisible(database, type, id);
    },
    getBase: async (type, id) => (await getBases(database.base, [[type, id]], bundledOnce))[0],
    async putBase(base) {
      await database.base.put(base);
    },
    listBases: async () => basesOf(await database.base.toArray()),
    async hasBases() {
      return (await database.base.count()) > 0;
    },
    async clearBases() {
      await database.base.clear();
      bundled = Promise.resolve(new Set());
    },
    async listPending() {
      const [sent, outbox] = await Promise.all([
        database.sent.orderBy("id").toArray(),
        database.outbox.orderBy("id").toArray(),
      ]);
      return entriesOf([...sent, ...outbox]);
    },
    async hasPending() {
      return (await database.sent.count()) + (await database.outbox.count()) > 0;
    },
    async markSentThrough(id) {
      const { rows, count } = pushed
        ? await takeAcknowledged(database.outbox, id, pushed)
        : await takeThrough(database.outbox, id);
      // One row for the whole acknowledged range: in Chromium a put per change cost ~40 ms a push.
      if (rows.length) await database.sent.put(asOneRow(rows));
      return count;
    },
    async dropPendingThrough(id) {
      return (await takeThrough(database.sent, id)).count + (await takeThrough(database.outbox, id)).count;
    },
    getCookie: () => getMeta("cookie", 0, database),
    setCookie: (cookie) => setMeta("cookie", cookie, database),
  };
}

/**
 * Removes the changes up to `id` from `outbox` or `sent` and answers the rows that held them and
 * how many: a bundle that goes past `id` keeps its rest, as a row keyed by the rest's first id.
 */
async function takeThrough(
  table: LeadpaneDb["outbox"],
  id: number,
  gone = Number.NEGATIVE_INFINITY,
): Promise<{ rows: PendingRow[]; count: number }> {
  // Above `gone` when it is known: IndexedDB's store walks over every row deleted below it otherwise.
  const range = () => table.where("id").between(gone, id, false, true);
  const { through, rest, count } = splitThrough(await range().toArray(), id);
  if (!through.length) return { rows: [], count: 0 };
  // One request for the whole range rather than one per row.
  await range().delete();
  if (rest) await table.put(rest);
  return { rows: through, count };
}

/**
 * `takeThrough` for the outbox after a push answer, reading only keys: the changes the rows up to
 * `id` hold come from the push's batch. Ids are consecutive and rows never overlap, so those rows
 * end at `id` when a row keyed `id + 1` follows (otherwise the last one says where it ends). When
 * the batch lacks any of them (the server had taken more) or a bundle reaches past `id` (to cut),
 * the rows are read as `takeThrough` does.
 */
async function takeAcknowledged(
  table: LeadpaneDb["outbox"],
  id: number,
  { gone, sent }: PushedBatch,
): Promise<{ rows: PendingRow[]; count: number }> {
  const keys = await table
    .where("id")
    .between(gone, id + 1, false, true)
    .primaryKeys();
  const upTo = keys.filter((key) => key <= id);
  const first = upTo[0];
  if (first === undefined) return { rows: [], count: 0 };
  const lastRow = keys.at(-1) === id + 1 ? null : await table.get(upTo.at(-1)!);
  const end = lastRow ? lastIdOf(lastRow) : id;
  const held = end <= id ? heldIn(sent, first, end) : null;
  if (!held) return takeThrough(table, id, gone);
  await table.where("id").between(first, end, true, true).delete();
  return { rows: [bundleOf(held)], count: held.length };
}

/**
 * The replica store for one page of a first load: the page's records are collected and written as
 * one snapshot value when `finish` runs (in the same transaction), instead of one row each: the
 * difference between seconds and a minute at 100,000 records. A record that already has a row in
 * `records` (changed here during the load) is written there, so the newer row never hides it.
 */
export function firstLoadReplica(database: LeadpaneDb, page: number): { store: ReplicaStore; finish(): Promise<void> } {
  const plain = dexieReplica(database);
  const collected = new Map<string, LocalRecord>();
  const store: ReplicaStore = {
    ...plain,
    async get<T extends RecordType>(type: T, id: string) {
      const row = collected.get(recordKey(type, id));
      if (!row) return plain.get(type, id);
      const record = stripKeys(row);
      return isRecordOf(record, type) ? record : undefined;
    },
    async findByKey(key: string) {
      const found = new Map<string, SyncedRecord>();
      for (const record of (await plain.findByKey?.(key)) ?? [])
        if (!collected.has(recordKey(record.type, record.id))) found.set(recordKey(record.type, record.id), record);
      for (const [at, row] of collected) if (!row.deleted && row.keys.includes(key)) found.set(at, stripKeys(row));
      return [...found.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    },
    async putRecords(records) {
      const rows = records.map(toLocal);
      const existing =
        (await database.records.count()) > 0
          ? await database.records.bulkGet(rows.map((row): [string, string] => [row.type, row.id]))
          : [];
      const toRows: LocalRecord[] = [];
      rows.forEach((row, i) => {
        if (existing[i]) toRows.push(row);
        else collected.set(recordKey(row.type, row.id), row);
      });
      if (toRows.length) await database.records.bulkPut(await withFormerKeys(database, toRows));
    },
    async deleteRecord(type, id) {
      collected.delete(recordKey(type, id));
      await plain.deleteRecord(type, id);
    },
  };
  return { store, finish: () => addSnapshotPage(database, page, [...collected.values()]) };
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
  return [...(await mutateTracked(changes, options)).after];
}

/**
 * `mutateAll`, answering what the changes did as an undo needs it: each record changed, after, with
 * the same record before (null for one they created), read in the same transaction.
 */
export async function mutateTracked(changes: LocalChange[], options: MutateOptions): Promise<ActionTrace> {
  const database = options.database ?? db;
  return database.transaction("rw", replicaTables(database), async () => {
    const replica = dexieReplica(database);
    const before = new Map<string, SyncedRecord | null>();
    // The first version of each record a change writes is what it was before the changes.
    const store: ReplicaStore = {
      ...replica,
      async putRecords(records) {
        for (const record of records) {
          const key = `${record.type}:${record.id}`;
          if (!before.has(key)) before.set(key, (await replica.get(record.type, record.id)) ?? null);
        }
        await replica.putRecords(records);
      },
    };
    const clock = new HlcClock(options.nodeId, Date.now, await getMeta("hlc", HLC_ZERO, database));
    const settings = await getMeta("settings", null, database);
    // The server refuses every change from a viewer: refuse it here too, before it shows as saved.
    const me = (await getMeta("members", [], database)).find((m) => m.id === options.actorId);
    if (me && !canWrite(me.role))
      throw new LocalMutationError(
        "forbidden",
        "Your role in this workspace is viewer: you can read, but not change records. Ask an admin for member access.",
      );
    const ctx: ReplicaContext = {
      actorId: options.actorId,
      defaultRegion: options.defaultRegion ?? settings?.defaultRegion ?? "US",
      ...(settings ? { settings } : {}),
    };
    let id = await getMeta("nextMutationId", 1, database);
    const changed = new Map<string, SyncedRecord>();
    for (const change of changes) {
      const entry = outboxEntry(id, change, clock);
      const result = await applyLocal(store, entry, ctx);
      if (!result.ok) throw new LocalMutationError(result.error.code, result.error.message);
      for (const record of result.changed) changed.set(`${record.type}:${record.id}`, record);
      await database.outbox.add(entry);
      id += 1;
    }
    await setMeta("nextMutationId", id, database);
    await setMeta("hlc", clock.last, database);
    const after = [...changed.values()];
    return { before: after.map((record) => before.get(`${record.type}:${record.id}`) ?? null), after };
  });
}

/** A change as the outbox keeps it: numbered, stamped with the next clock tick and the time it was made. */
export function outboxEntry(id: number, change: LocalChange, clock: HlcClock): OutboxMutation {
  return { id, name: change.name, args: change.args, hlc: clock.tick(), createdAt: new Date().toISOString() };
}
