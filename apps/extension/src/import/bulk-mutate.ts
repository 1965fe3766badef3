import { canWrite, indexKeys, type RecordType } from "@leadpane/domain";
import {
  applyLocal,
  HLC_ZERO,
  HlcClock,
  isRecordOf,
  mutationRefs,
  type OutboxMutation,
  type ReplicaBase,
  type ReplicaContext,
  type ReplicaStore,
  type SyncedRecord,
} from "@leadpane/domain/sync";
import Dexie from "dexie";
import { db, getMeta, type LeadpaneDb, setMeta } from "../local-db/db.ts";
import { dexieReplica, type LocalChange, type MutateOptions, replicaTables } from "../local-db/local-mutations.ts";
import { visibleBulkGet } from "../local-db/visible-records.ts";

const keyOf = (type: string, id: string) => `${type}:${id}`;

/**
 * `mutateAll` for an import's chunk: the same replica step per change (applyLocal: base kept,
 * change applied, outbox entry) in one IndexedDB transaction, all or nothing, but the records and
 * bases the changes name are read in two bulk reads first and everything is written in bulk at the
 * end, instead of several requests per change. Answers from memory are Dexie promises, so the
 * transaction's zone follows every await.
 */
export async function mutateInBulk(
  changes: readonly LocalChange[],
  options: MutateOptions & {
    /**
     * Ids the caller just made (`newId`, UUIDv7) for records the changes create: they exist
     * nowhere yet, so they are not read (their rows are added, never put over another).
     */
    made?: ReadonlySet<string>;
  },
): Promise<void> {
  const database: LeadpaneDb = options.database ?? db;
  await database.transaction("rw", replicaTables(database), async () => {
    const replica = dexieReplica(database);
    const me = (await getMeta("members", [], database)).find((m) => m.id === options.actorId);
    if (me && !canWrite(me.role))
      throw new Error(
        "Your role in this workspace is viewer: you can read, but not change records. Ask an admin for member access.",
      );
    const refs = [
      ...new Map(changes.flatMap((c) => mutationRefs(c.name, c.args)).map((r) => [keyOf(r.type, r.id), r])).values(),
    ];
    const made = options.made ?? new Set<string>();
    const keys = refs.filter((r) => !made.has(r.id)).map((r): [string, string] => [r.type, r.id]);
    const read = await visibleBulkGet(database, keys);
    const readBases = await database.base.bulkGet(keys);
    const rows: typeof read = [];
    const bases: typeof readBases = [];
    for (let i = 0, k = 0; i < refs.length; i++) {
      const known = !made.has(refs[i]!.id);
      rows.push(known ? read[k] : undefined);
      bases.push(known ? readBases[k++] : undefined);
    }
    const records = new Map<string, SyncedRecord | null>();
    const baseOf = new Map<string, ReplicaBase | null>();
    // What the bulk reads found: only a row they saw missing may be added (anything else is put).
    const prefetched = new Set(refs.map((r) => keyOf(r.type, r.id)));
    const existed = new Set<string>();
    const hadBase = new Set<string>();
    refs.forEach((ref, i) => {
      const row = rows[i];
      let record: SyncedRecord | null = null;
      if (row) {
        const { keys: _keys, ...stored } = row;
        record = stored;
        existed.add(keyOf(ref.type, ref.id));
      }
      records.set(keyOf(ref.type, ref.id), record);
      baseOf.set(keyOf(ref.type, ref.id), bases[i] ?? null);
      if (bases[i]) hadBase.add(keyOf(ref.type, ref.id));
    });
    const dirty = new Set<string>();
    const dirtyBases = new Set<string>();
    const store: ReplicaStore = {
      ...replica,
      get<T extends RecordType>(type: T, id: string) {
        const key = keyOf(type, id);
        if (!records.has(key)) return replica.get(type, id);
        const record = records.get(key);
        return Dexie.Promise.resolve(record && isRecordOf(record, type) ? structuredClone(record) : undefined);
      },
      putRecords(changed) {
        for (const record of changed) {
          records.set(keyOf(record.type, record.id), record);
          dirty.add(keyOf(record.type, record.id));
        }
        return Dexie.Promise.resolve();
      },
      getBase(type, id) {
        const key = keyOf(type, id);
        return baseOf.has(key) ? Dexie.Promise.resolve(baseOf.get(key) ?? undefined) : replica.getBase(type, id);
      },
      putBase(base) {
        baseOf.set(keyOf(base.type, base.id), base);
        dirtyBases.add(keyOf(base.type, base.id));
        return Dexie.Promise.resolve();
      },
    };
    const clock = new HlcClock(options.nodeId, Date.now, await getMeta("hlc", HLC_ZERO, database));
    const settings = await getMeta("settings", null, database);
    const ctx: ReplicaContext = {
      actorId: options.actorId,
      defaultRegion: options.defaultRegion ?? settings?.defaultRegion ?? "US",
      ...(settings ? { settings } : {}),
    };
    let id = await getMeta("nextMutationId", 1, database);
    const outbox: OutboxMutation[] = [];
    for (const change of changes) {
      const entry: OutboxMutation = {
        id,
        name: change.name,
        args: change.args,
        hlc: clock.tick(),
        createdAt: new Date().toISOString(),
      };
      const result = await applyLocal(store, entry, ctx);
      if (!result.ok) throw new Error(result.error.message);
      outbox.push(entry);
      id += 1;
    }
    // Rows this transaction creates are added, not put: Dexie's change tracking (what open lists
    // re-read on) then has no old rows to read back first, which doubled the cost of an import's writes.
    const baseRow = (key: string) => baseOf.get(key)!;
    const rowOf = (key: string) => {
      const record = records.get(key)!;
      return { ...record, keys: record.deleted ? [] : indexKeys(record.type, record.data) };
    };
    const written = [...dirty];
    await database.records.bulkAdd(written.filter((key) => prefetched.has(key) && !existed.has(key)).map(rowOf));
    await database.records.bulkPut(written.filter((key) => !prefetched.has(key) || existed.has(key)).map(rowOf));
    const baseKeys = [...dirtyBases];
    await database.base.bulkAdd(baseKeys.filter((key) => prefetched.has(key) && !hadBase.has(key)).map(baseRow));
    await database.base.bulkPut(baseKeys.filter((key) => !prefetched.has(key) || hadBase.has(key)).map(baseRow));
    await database.outbox.bulkAdd(outbox);
    await setMeta("nextMutationId", id, database);
    await setMeta("hlc", clock.last, database);
  });
}
