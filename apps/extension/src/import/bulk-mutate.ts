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
import type { WorkspaceSettings } from "@leadpane/domain";
import { db, getMeta, type LeadpaneDb, type LocalRecord, setMeta } from "../local-db/db.ts";
import { type LocalChange, type MutateOptions, outboxEntry, replicaTables } from "../local-db/local-mutations.ts";
import { bundledKeys, createdBundleOf, getBases } from "../local-db/base-rows.ts";
import { bundleOf } from "../local-db/pending-rows.ts";
import { visibleBulkGet, withFormerKeys } from "../local-db/visible-records.ts";

const keyOf = (type: string, id: string) => `${type}:${id}`;

/** Ids a caller just made for the records its changes create (see `mutateInBulk`). */
type BulkOptions = MutateOptions & {
  /**
   * Ids the caller just made (`newId`, UUIDv7) for records the changes create: they exist
   * nowhere yet, so they are not read (their rows are added, never put over another).
   */
  made?: ReadonlySet<string>;
};

/** Changes worked out between two turns of the page's event loop. */
const YIELD_EVERY = 100;

function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  return scheduler?.yield ? scheduler.yield() : new Promise((resolve) => setTimeout(resolve, 0));
}

/** How often a chunk is worked out again when the local store changed under it, before giving up. */
const ATTEMPTS = 5;

/**
 * `mutateAll` for an import's chunk: the same replica step per change (applyLocal: base kept,
 * change applied, outbox entry), committed in one IndexedDB transaction, all or nothing. The
 * records and bases the changes name are read first (two bulk reads), the changes are worked out
 * in memory outside any transaction (plain promises: inside one, Dexie carries its zone across
 * every await, which cost as much as the work), and the transaction then checks that nothing it
 * read changed meanwhile (another tab's edit, a pull) before writing everything in bulk, the
 * changes as one outbox row; if something did, the chunk is worked out again from the new state.
 * For changes whose handlers read records by id only (create, update, add, recordImport).
 */
export async function mutateInBulk(changes: readonly LocalChange[], options: BulkOptions): Promise<void> {
  const database: LeadpaneDb = options.database ?? db;
  const made = options.made ?? new Set<string>();
  const { refs, keys } = namedBy(changes, made);
  for (let attempt = 1; ; attempt++) {
    const start = await database.transaction(
      "r",
      [database.records, database.snapshot, database.snapshotIndex, database.base, database.meta],
      async () => await readStart(database, keys),
    );
    const planned = await workOut(changes, refs, keys, made, start, options);
    if (await write(database, keys, start, planned, options)) return;
    if (attempt === ATTEMPTS)
      throw new Error("The local store kept changing while the import was saved (another tab?): try again.");
  }
}

/**
 * `mutateInBulk` for an import's chunks in order, each its own transaction, with `onCommitted`
 * told how many are committed after each. The records they name are read once; each chunk is
 * worked out from the state the chunks before it leave, while the one before it is written (this
 * page works out, the browser writes, at the same time). Each write still checks that the store
 * holds what its chunk was worked out from; if not (another tab wrote meanwhile), the chunks from
 * there on go one by one through `mutateInBulk`, from the store as it is.
 */
export async function mutateChunksInBulk(
  chunks: ReadonlyArray<readonly LocalChange[]>,
  options: BulkOptions,
  onCommitted: (chunks: number) => void,
): Promise<void> {
  const database: LeadpaneDb = options.database ?? db;
  const made = options.made ?? new Set<string>();
  const named = chunks.map((changes) => namedBy(changes, made));
  const everyKey = [...new Map(named.flatMap(({ keys }) => keys).map((key) => [keyOf(...key), key])).values()];
  const first = await database.transaction(
    "r",
    [database.records, database.snapshot, database.snapshotIndex, database.base, database.meta],
    async () => await readStart(database, everyKey),
  );
  // What the store holds as each chunk leaves it, for the records the chunks read.
  const rows = new Map(everyKey.map((key, i) => [keyOf(...key), first.rows[i]]));
  const bases = new Map(everyKey.map((key, i) => [keyOf(...key), first.bases[i]]));
  let { hlc, nextId } = first;
  let writing: Promise<boolean> = Promise.resolve(true);
  const oneByOne = async (from: number) => {
    for (let i = from; i < chunks.length; i++) {
      await mutateInBulk(chunks[i]!, options);
      onCommitted(i + 1);
    }
  };
  for (const [i, changes] of chunks.entries()) {
    const { refs, keys } = named[i]!;
    const start: Start = {
      rows: keys.map((key) => rows.get(keyOf(...key))),
      bases: keys.map((key) => bases.get(keyOf(...key))),
      hlc,
      nextId,
      settings: first.settings,
    };
    const planned = await workOut(changes, refs, keys, made, start, options);
    if (!(await writing)) return oneByOne(i - 1);
    if (i > 0) onCommitted(i);
    writing = write(database, keys, start, planned, options);
    writing.catch(() => undefined);
    for (const row of [...planned.addRecords, ...planned.putRecords])
      if (rows.has(keyOf(row.type, row.id))) rows.set(keyOf(row.type, row.id), row);
    for (const base of [...planned.addBases, ...planned.createdBases, ...planned.putBases])
      if (bases.has(keyOf(base.type, base.id))) bases.set(keyOf(base.type, base.id), base);
    ({ hlc, nextId } = planned);
  }
  if (!(await writing)) return oneByOne(chunks.length - 1);
  onCommitted(chunks.length);
}

/** The records changes name, and those of them to read (not made just now). */
function namedBy(changes: readonly LocalChange[], made: ReadonlySet<string>) {
  const refs = [
    ...new Map(changes.flatMap((c) => mutationRefs(c.name, c.args)).map((r) => [keyOf(r.type, r.id), r])).values(),
  ];
  return { refs, keys: refs.filter((r) => !made.has(r.id)).map((r): [string, string] => [r.type, r.id]) };
}

/**
 * Writes a chunk worked out from `start` in one transaction, if the store still holds `start`
 * (answers false, writing nothing, if not).
 */
function write(
  database: LeadpaneDb,
  keys: Array<[string, string]>,
  start: Start,
  planned: Planned,
  options: BulkOptions,
): Promise<boolean> {
  return database.transaction("rw", replicaTables(database), async () => {
    const me = (await getMeta("members", [], database)).find((m) => m.id === options.actorId);
    if (me && !canWrite(me.role))
      throw new Error(
        "Your role in this workspace is viewer: you can read, but not change records. Ask an admin for member access.",
      );
    if (fingerprint(await readStart(database, keys)) !== fingerprint(start)) return false;
    // Created records have no snapshot copy, so no former keys (visible-records.ts); existing ones may.
    const putRecords = await withFormerKeys(database, planned.putRecords);
    // All at once: the browser works through them while this page works out the next chunk.
    await Promise.all([
      database.records.bulkAdd(planned.addRecords),
      database.records.bulkPut(putRecords),
      database.base.bulkAdd(planned.addBases),
      // The created records' bases as one row: one request instead of one per record.
      database.base.bulkAdd(createdBundleOf(`${planned.outbox[0]?.id ?? 0}`.padStart(12, "0"), planned.createdBases)),
      database.base.bulkPut(planned.putBases),
      // The chunk's changes as one outbox row: one request, here and when acknowledged.
      database.outbox.add(bundleOf(planned.outbox)),
      setMeta("nextMutationId", planned.nextId, database),
      setMeta("hlc", planned.hlc, database),
    ]);
    return true;
  });
}

/** What a chunk starts from: the records and bases it names, and the meta values it uses. */
interface Start {
  rows: Array<LocalRecord | undefined>;
  bases: Array<ReplicaBase | undefined>;
  hlc: string;
  nextId: number;
  settings: WorkspaceSettings | null;
}

async function readStart(database: LeadpaneDb, keys: Array<[string, string]>): Promise<Start> {
  return {
    rows: await visibleBulkGet(database, keys),
    bases: await getBases(database.base, keys, () => bundledKeys(database.base)),
    hlc: await getMeta("hlc", HLC_ZERO, database),
    nextId: await getMeta("nextMutationId", 1, database),
    settings: await getMeta("settings", null, database),
  };
}

/** The values a chunk depends on, compared before it is written (few: the rows of existing records). */
function fingerprint(start: Start): string {
  return JSON.stringify(start);
}

/** The rows a chunk writes, worked out in memory. */
interface Planned {
  addRecords: LocalRecord[];
  putRecords: LocalRecord[];
  addBases: ReplicaBase[];
  /** Null bases of records the chunk created (their ids made just now), kept as one bundle row. */
  createdBases: ReplicaBase[];
  putBases: ReplicaBase[];
  outbox: OutboxMutation[];
  nextId: number;
  hlc: string;
}

async function workOut(
  changes: readonly LocalChange[],
  refs: ReadonlyArray<{ type: string; id: string }>,
  keys: ReadonlyArray<[string, string]>,
  made: ReadonlySet<string>,
  start: Start,
  options: BulkOptions,
): Promise<Planned> {
  const records = new Map<string, SyncedRecord | null>();
  const baseOf = new Map<string, ReplicaBase | null>();
  const existed = new Set<string>();
  const hadBase = new Set<string>();
  keys.forEach(([type, id], i) => {
    const row = start.rows[i];
    const key = keyOf(type, id);
    if (row) {
      const { keys: _keys, ...stored } = row;
      records.set(key, stored);
      existed.add(key);
    } else records.set(key, null);
    const base = start.bases[i];
    baseOf.set(key, base ?? null);
    if (base) hadBase.add(key);
  });
  for (const ref of refs) if (made.has(ref.id)) records.set(keyOf(ref.type, ref.id), null);
  const named = (key: string) => {
    if (!records.has(key)) throw new Error(`a bulk change read ${key}, which it does not name`);
  };
  const dirty = new Set<string>();
  const dirtyBases = new Set<string>();
  const unused = () => Promise.reject(new Error("not available to a bulk change"));
  const store: ReplicaStore = {
    get<T extends RecordType>(type: T, id: string) {
      named(keyOf(type, id));
      const record = records.get(keyOf(type, id));
      return Promise.resolve(record && isRecordOf(record, type) ? structuredClone(record) : undefined);
    },
    putRecords(changed) {
      for (const record of changed) {
        named(keyOf(record.type, record.id));
        records.set(keyOf(record.type, record.id), record);
        dirty.add(keyOf(record.type, record.id));
      }
      return Promise.resolve();
    },
    getBase(type, id) {
      named(keyOf(type, id));
      return Promise.resolve(baseOf.get(keyOf(type, id)) ?? undefined);
    },
    putBase(base) {
      baseOf.set(keyOf(base.type, base.id), base);
      dirtyBases.add(keyOf(base.type, base.id));
      return Promise.resolve();
    },
    deleteRecord: unused,
    listBases: unused,
    hasBases: unused,
    clearBases: unused,
    listPending: unused,
    hasPending: unused,
    markSentThrough: unused,
    dropPendingThrough: unused,
    getCookie: unused,
    setCookie: unused,
  };
  const clock = new HlcClock(options.nodeId, Date.now, start.hlc);
  const ctx: ReplicaContext = {
    actorId: options.actorId,
    defaultRegion: options.defaultRegion ?? start.settings?.defaultRegion ?? "US",
    ...(start.settings ? { settings: start.settings } : {}),
  };
  let id = start.nextId;
  const outbox: OutboxMutation[] = [];
  for (const [n, change] of changes.entries()) {
    // Awaits here are answered at once (microtasks): give the page's other work (painting, the
    // previous chunk's transaction) a turn now and then.
    if (n % YIELD_EVERY === YIELD_EVERY - 1) await yieldToPage();
    const entry = outboxEntry(id, change, clock);
    const result = await applyLocal(store, entry, ctx);
    if (!result.ok) throw new Error(result.error.message);
    outbox.push(entry);
    id += 1;
  }
  // Rows this chunk creates are added, not put: Dexie's change tracking (what open lists re-read
  // on) then has no old rows to read back first, which doubled the cost of an import's writes.
  const rowOf = (key: string): LocalRecord => {
    const record = records.get(key)!;
    return { ...record, keys: record.deleted ? [] : indexKeys(record.type, record.data) };
  };
  // A base kept for a record whose id was made just now is null (nothing existed): bundled.
  const createdHere = (key: string) => {
    const base = baseOf.get(key)!;
    return made.has(base.id) && base.record === null;
  };
  const written = [...dirty];
  const bases = [...dirtyBases];
  return {
    addRecords: written.filter((key) => !existed.has(key)).map(rowOf),
    putRecords: written.filter((key) => existed.has(key)).map(rowOf),
    addBases: bases.filter((key) => !hadBase.has(key) && !createdHere(key)).map((key) => baseOf.get(key)!),
    createdBases: bases.filter((key) => !hadBase.has(key) && createdHere(key)).map((key) => baseOf.get(key)!),
    putBases: bases.filter((key) => hadBase.has(key)).map((key) => baseOf.get(key)!),
    outbox,
    nextId: id,
    hlc: clock.last,
  };
}
