import Dexie, { type DBCoreKeyRange, type DBCoreTransaction } from "dexie";
import {
  getMeta,
  setMeta,
  type LeadpaneDb,
  type LocalRecord,
  type SnapshotIndex,
  type SnapshotPage,
  type SnapshotState,
} from "./db.ts";

/**
 * The records the user sees: `records` (every change since the first load, local or pulled) over
 * the first load's `snapshot` pages (one IndexedDB value per page, see docs/local-store.md). A row
 * in `records` wins over the snapshot's copy of the same record; a snapshot record erased later is
 * listed in the snapshot state. Every read of records goes through here. A profile without a
 * snapshot (loaded before it existed) reads `records` alone, as before.
 *
 * Each extension context keeps the snapshot pages it has read in memory, indexed by id, type and
 * lookup key: pages never change once written, so the memory copy is only ever extended (or
 * dropped when the snapshot is replaced at sign-in). A context that only reads by key or id (the
 * side panel's lookups, a record's panel) reads each page's compact key index (`snapshotIndex`)
 * and the few small snapshot values holding its hits instead of the whole snapshot.
 *
 * A row keeps the lookup keys of its record's snapshot copy that it no longer carries (an email
 * changed since the first load) as former keys, `key + "\0"` in its `keys` (`withFormerKeys`,
 * called by every writer of `records`). `"\0"`-suffixed is the next string after `key`, so one
 * index read of `[key, key\0]` answers both the rows under a key and the rows hiding a snapshot
 * copy that had it, observed by Dexie as that key alone. Readers never see former keys (`shown`).
 */

/** A record's primary key as one string. */
export function recordKey(type: string, id: string): string {
  return `${type}:${id}`;
}

function splitKey(key: string): [string, string] {
  const at = key.indexOf(":");
  return [key.slice(0, at), key.slice(at + 1)];
}

interface SnapshotCache {
  /** The snapshot values read so far. */
  pages: Set<number>;
  byId: Map<string, LocalRecord>;
  /** Lookup key → records that had it in some page (checked against the newest copy when read). */
  byKey: Map<string, string[]>;
  /** Per type, sorted by id; rebuilt after a page is added. */
  byType: Map<string, LocalRecord[]> | null;
}

const caches = new WeakMap<LeadpaneDb, SnapshotCache>();

/** The snapshot as this context knows it, extended with the pages written since; null without one. */
async function snapshotOf(database: LeadpaneDb, state: SnapshotState | null): Promise<SnapshotCache | null> {
  if (!state?.pages.length) {
    caches.delete(database);
    return null;
  }
  let cache = caches.get(database);
  // Read with every query: the usual answer (nothing new) without building anything.
  const known = cache?.pages;
  if (known?.size === state.pages.length && state.pages.every((page) => known.has(page))) return cache!;
  // Pages are only ever added, in increasing order: a page of ours that is gone means a new snapshot.
  // (Sets, not arrays: a 100,000-record snapshot has 500 values.)
  const current = new Set(state.pages);
  if (!cache || [...cache.pages].some((page) => !current.has(page))) {
    cache = { pages: new Set(), byId: new Map(), byKey: new Map(), byType: null };
    caches.set(database, cache);
  }
  const have = cache.pages;
  const missing = state.pages.filter((page) => !have.has(page)).sort((a, b) => a - b);
  const rows = await database.snapshot.bulkGet(missing);
  // Applied in page order, so a record in two pages (changed twice during the load) ends as the later.
  for (const row of rows) {
    if (!row || have.has(row.page)) continue;
    for (const record of row.records) {
      const key = recordKey(record.type, record.id);
      cache.byId.set(key, record);
      for (const lookup of record.keys) {
        const list = cache.byKey.get(lookup);
        if (list) list.push(key);
        else cache.byKey.set(lookup, [key]);
      }
    }
    have.add(row.page);
    cache.byType = null;
  }
  return cache;
}

function byType(cache: SnapshotCache, type: string): LocalRecord[] {
  if (!cache.byType) {
    const groups = new Map<string, LocalRecord[]>();
    for (const record of cache.byId.values()) {
      const list = groups.get(record.type);
      if (list) list.push(record);
      else groups.set(record.type, [record]);
    }
    for (const list of groups.values()) list.sort((a, b) => compareIds(a.id, b.id));
    cache.byType = groups;
  }
  return cache.byType.get(type) ?? [];
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byTypeAndId(a: LocalRecord, b: LocalRecord): number {
  return compareIds(a.type, b.type) || compareIds(a.id, b.id);
}

/** The snapshot records under some lookup keys, newest copy of each, still carrying the key. */
function snapshotHits(cache: SnapshotCache, keys: readonly string[]): string[] {
  const hits = new Set<string>();
  for (const lookup of keys) {
    for (const key of cache.byKey.get(lookup) ?? []) {
      if (!hits.has(key) && cache.byId.get(key)?.keys.includes(lookup)) hits.add(key);
    }
  }
  return [...hits];
}

const readState = (database: LeadpaneDb) => getMeta("snapshot", null, database);

/** A former key: one the row's snapshot copy has and the row has not. */
const FORMER = "\u0000";
const isFormer = (key: string) => key.charCodeAt(key.length - 1) === 0;

/** The index range of a key and its former key, `[key, key\0]`: nothing sorts between them. */
function rangeOf(key: string): DBCoreKeyRange {
  // 2: DBCoreRangeType.Range (a const enum of Dexie's types, not importable as a value).
  return { type: 2 as DBCoreKeyRange["type"], lower: key, upper: key + FORMER };
}

/** A `records` row as readers see it: without its former keys. */
function shown(row: LocalRecord): LocalRecord {
  for (const key of row.keys) if (isFormer(key)) return { ...row, keys: row.keys.filter((k) => !isFormer(k)) };
  return row;
}

/**
 * Rows about to be written to `records`, each with the lookup keys of its record's snapshot copy
 * that it lacks added as former keys (see above): what lets a lookup skip reading its snapshot
 * hits' rows. Every writer of `records` calls it, inside a transaction over `records`, `snapshot`,
 * `snapshotIndex` and `meta`. Without a snapshot the rows are written as they are.
 */
export async function withFormerKeys(database: LeadpaneDb, rows: LocalRecord[]): Promise<LocalRecord[]> {
  if (!rows.length) return rows;
  const state = await readState(database);
  if (!state?.pages.length) return rows;
  const keys = rows.map((row) => recordKey(row.type, row.id));
  const snapshot = await snapshotFor(database, state, { ids: keys });
  if (!snapshot) return rows;
  return rows.map((row, i) => {
    const copy = snapshot.get(keys[i]!);
    if (!copy) return row;
    const own = new Set(row.keys);
    const former = copy.keys.filter((key) => !own.has(key)).map((key) => key + FORMER);
    return former.length ? { ...row, keys: [...row.keys.filter((key) => !isFormer(key)), ...former] } : row;
  });
}

/** Per database, whether the last snapshot state read had `formerKeys` (a lookup then reads no hit's row). */
const formerKeysOn = new WeakMap<LeadpaneDb, boolean>();

/** Records per snapshot value: what a lookup in a fresh context reads besides the key indexes. */
const CHUNK_RECORDS = 200;
/** Snapshot values per page at most: value `i` of page `p` is keyed `p + i / 64`, before the next page. */
export const CHUNKS_PER_PAGE = 64;
/** `hash * SLOTS + slot`: a page holds fewer than 2^21 records; 2^32 · 2^21 stays an exact double. */
const SLOTS = 2 ** 21;

/** The 32-bit FNV-1a hash of a key's UTF-16 code units. */
function hashKey(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

const idEntry = (key: string) => `#${key}`;

/** A page's compact key index: every lookup key and `#type:id` of its records, hashed, with the record's slot. */
export function buildSnapshotIndex(page: number, records: readonly LocalRecord[], chunk: number): SnapshotIndex {
  const entries: number[] = [];
  records.forEach((record, slot) => {
    entries.push(hashKey(idEntry(recordKey(record.type, record.id))) * SLOTS + slot);
    for (const lookup of record.keys) entries.push(hashKey(lookup) * SLOTS + slot);
  });
  return { page, chunk, entries: new Float64Array(entries).sort() };
}

/** The slots under a key in one page's index (hash matches: the caller checks the record). */
export function slotsOf(index: SnapshotIndex, key: string): number[] {
  const low = hashKey(key) * SLOTS;
  const { entries } = index;
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (entries[mid]! < low) lo = mid + 1;
    else hi = mid;
  }
  const slots: number[] = [];
  for (let i = lo; i < entries.length && entries[i]! < low + SLOTS; i++) slots.push(entries[i]! - low);
  return slots;
}

/** What a context read of the snapshot through its key indexes: the indexes, and the values it needed. */
export interface IndexedSnapshot {
  /** The snapshot value keys this memory belongs to (a value of ours that is gone means a new snapshot). */
  values: Set<number>;
  indexes: Map<number, SnapshotIndex>;
  chunks: Map<number, LocalRecord[]>;
}

const indexed = new WeakMap<LeadpaneDb, IndexedSnapshot>();

/** The pages of a snapshot state (each page's first value is keyed by the page), ascending. */
function pagesOf(state: SnapshotState): number[] {
  return [...new Set(state.pages.map(Math.floor))].sort((a, b) => a - b);
}

/**
 * Reads the snapshot through its key indexes: the newest snapshot copy of each record asked by
 * `type:id`, and the records under each lookup key (newest copy still carrying the key). Null
 * when a page has no index (written before version 5): the caller reads the whole snapshot.
 */
async function indexedRead(
  database: LeadpaneDb,
  state: SnapshotState,
  ask: { ids?: readonly string[]; lookups?: ReadonlyArray<readonly string[]> },
): Promise<{ byId: Map<string, LocalRecord>; hits: string[][] } | null> {
  let memory = indexed.get(database);
  const current = new Set(state.pages);
  if (!memory || [...memory.values].some((key) => !current.has(key))) {
    memory = { values: new Set(), indexes: new Map(), chunks: new Map() };
    indexed.set(database, memory);
  }
  for (const key of state.pages) memory.values.add(key);
  const pages = pagesOf(state);
  const unread = pages.filter((page) => !memory.indexes.has(page));
  if (unread.length) {
    const read = await database.snapshotIndex.bulkGet(unread);
    if (read.some((index) => !index)) return null;
    for (const index of read) memory.indexes.set(index!.page, index!);
  }
  // At most three rounds: the values under the keys, the newest copies of what they hold, and (rarely) a later page's.
  for (;;) {
    const need = new Set<number>();
    const answer = resolveIndexed(memory, pages, ask, need);
    if (!need.size) return answer;
    const keys = [...need];
    const values = await database.snapshot.bulkGet(keys);
    keys.forEach((key, i) => void memory.chunks.set(key, values[i]?.records ?? []));
  }
}

/** `indexedRead` from what is in memory; the snapshot values it still needs go to `need`. */
export function resolveIndexed(
  memory: IndexedSnapshot,
  pages: readonly number[],
  ask: { ids?: readonly string[]; lookups?: ReadonlyArray<readonly string[]> },
  need: Set<number>,
): { byId: Map<string, LocalRecord>; hits: string[][] } {
  const at = (page: number, slot: number): LocalRecord | undefined => {
    const index = memory.indexes.get(page)!;
    const value = page + Math.floor(slot / index.chunk) / CHUNKS_PER_PAGE;
    const chunk = memory.chunks.get(value);
    if (!chunk) need.add(value);
    return chunk?.[slot % index.chunk];
  };
  const newest = (key: string): LocalRecord | undefined => {
    for (let p = pages.length - 1; p >= 0; p--) {
      const page = pages[p]!;
      for (const slot of slotsOf(memory.indexes.get(page)!, idEntry(key))) {
        const record = at(page, slot);
        if (record && recordKey(record.type, record.id) === key) return record;
      }
    }
    return undefined;
  };
  const byId = new Map<string, LocalRecord>();
  for (const key of ask.ids ?? []) {
    const record = newest(key);
    if (record) byId.set(key, record);
  }
  const hits = (ask.lookups ?? []).map((lookups) => {
    const found = new Set<string>();
    for (const lookup of lookups)
      for (const page of pages)
        for (const slot of slotsOf(memory.indexes.get(page)!, lookup)) {
          const record = at(page, slot);
          if (record?.keys.includes(lookup)) found.add(recordKey(record.type, record.id));
        }
    return [...found].filter((key) => {
      const record = byId.get(key) ?? newest(key);
      if (record) byId.set(key, record);
      return record !== undefined && lookups.some((lookup) => record.keys.includes(lookup));
    });
  });
  return { byId, hits };
}

/**
 * The snapshot as one read needs it: the whole memory copy when this context has it, else what
 * the key indexes answer for these ids and lookup keys (the whole copy when a page has no index).
 */
interface SnapshotView {
  get(key: string): LocalRecord | undefined;
  /** Per group of lookup keys, the records under any of them (newest copy still carrying the key). */
  hits: string[][];
}

async function snapshotFor(
  database: LeadpaneDb,
  state: SnapshotState | null,
  ask: { ids?: readonly string[]; lookups?: ReadonlyArray<readonly string[]> },
): Promise<SnapshotView | null> {
  // A context that holds the whole copy keeps it up to date (new pages only); others read by index.
  if (state?.pages.length && !caches.has(database)) {
    const read = await indexedRead(database, state, ask);
    if (read) return { get: (key) => read.byId.get(key), hits: read.hits };
  }
  const cache = await snapshotOf(database, state);
  if (!cache) return null;
  return {
    get: (key) => cache.byId.get(key),
    hits: (ask.lookups ?? []).map((keys) => snapshotHits(cache, keys)),
  };
}

/**
 * What this context's memory holds under these lookup keys, without reading anything (the whole
 * copy, or what it read through the key indexes): `type:id` keys, possibly stale or incomplete.
 */
function memoryHits(database: LeadpaneDb, keys: readonly string[]): Array<[string, LocalRecord]> {
  const cache = caches.get(database);
  if (cache)
    return snapshotHits(cache, keys)
      .flatMap((key) => cache.byId.get(key) ?? [])
      .map((r) => [recordKey(r.type, r.id), r]);
  const memory = indexed.get(database);
  if (!memory) return [];
  const pages = [...new Set([...memory.values].map(Math.floor))].sort((a, b) => a - b);
  if (pages.some((page) => !memory.indexes.has(page))) return [];
  const need = new Set<number>();
  const { byId, hits } = resolveIndexed(memory, pages, { lookups: [keys] }, need);
  return hits[0]!.flatMap((key) => {
    const record = byId.get(key);
    return record ? [[key, record] as [string, LocalRecord]] : [];
  });
}

/** One record as the user sees it, or undefined. */
export async function visibleGet(database: LeadpaneDb, type: string, id: string): Promise<LocalRecord | undefined> {
  const [state, row] = await Promise.all([readState(database), database.records.get([type, id])]);
  if (row) return shown(row);
  const key = recordKey(type, id);
  const snapshot = await snapshotFor(database, state, { ids: [key] });
  return snapshot && !state?.erased.includes(key) ? snapshot.get(key) : undefined;
}

/** Several records by type and id, in the order asked (undefined where there is none). */
export async function visibleBulkGet(
  database: LeadpaneDb,
  keys: ReadonlyArray<[string, string]>,
): Promise<Array<LocalRecord | undefined>> {
  const [state, read] = await Promise.all([readState(database), database.records.bulkGet([...keys])]);
  const rows = read.map((row) => row && shown(row));
  const missing = keys.flatMap((key, i) => (rows[i] ? [] : [recordKey(...key)]));
  const snapshot = await snapshotFor(database, state, { ids: missing });
  if (!snapshot) return rows;
  const erased = new Set(state?.erased);
  return rows.map((row, i) => {
    if (row) return row;
    const key = recordKey(...keys[i]!);
    return erased.has(key) ? undefined : snapshot.get(key);
  });
}

/**
 * The records under any of these lookup keys (match keys, names, references), each once, deleted
 * ones included (callers filter), by type and id.
 */
export async function visibleByKeys(database: LeadpaneDb, keys: readonly string[]): Promise<LocalRecord[]> {
  return (await visibleByKeyGroups(database, [keys]))[0]!;
}

/**
 * `visibleByKeys` for several groups of keys at once, answered from one read transaction: the side
 * panel's lookup (a page's records, and the activities about them) costs about one round trip.
 * The snapshot hits are known from memory before anything is read, so the check that `records`
 * holds no newer copy of them goes in the same read.
 */
export async function visibleByKeyGroups(
  database: LeadpaneDb,
  groups: ReadonlyArray<readonly string[]>,
): Promise<LocalRecord[][]> {
  // With former keys the key reads tell which hits a row hides; without, the hits' rows are read too.
  const guessed = formerKeysOn.get(database)
    ? []
    : [...new Set(groups.flatMap((keys) => memoryHits(database, keys).map(([key]) => key)))];
  const read = await readKeys(database, groups, guessed);
  const snapshot = await snapshotFor(database, read.state, { lookups: groups });
  if (!snapshot) return read.matched;
  const erased = new Set(read.state?.erased);
  const hitsOf = snapshot.hits;
  const unchecked = read.state?.formerKeys ? [] : [...new Set(hitsOf.flat())].filter((key) => !read.checked.has(key));
  if (unchecked.length) {
    for (const row of await database.records.bulkGet(unchecked.map(splitKey)))
      if (row) read.shadowed.add(recordKey(row.type, row.id));
  }
  return groups.map((_, i) => {
    const fromSnapshot = hitsOf[i]!.filter((key) => !read.shadowed.has(key) && !erased.has(key))
      .map((key) => snapshot.get(key))
      .filter((record) => record !== undefined);
    return [...read.matched[i]!, ...fromSnapshot].sort(byTypeAndId);
  });
}

interface KeyRead {
  state: SnapshotState | null;
  /** Per group, the rows of `records` under its keys. */
  matched: LocalRecord[][];
  /** The snapshot keys whose presence in `records` was checked, and those present. */
  checked: Set<string>;
  shadowed: Set<string>;
}

/**
 * The reads behind `visibleByKeyGroups`, in one IndexedDB transaction (a transaction costs about as
 * much as a read). Through Dexie, never around it: views re-run their queries on the changes
 * Dexie saw them read (`useLiveQuery`). One index read per key, `[key, key\0]` (the rows under the
 * key and those that hide a snapshot copy that had it), not `anyOf`: that walks a cursor over the
 * keys, and Dexie observes it as the whole range between the least and the greatest key (any
 * record whose key sorts in between would wake the query); one read per key is observed as that
 * key alone, and answered by one `getAll` each. `guessed` rows are read by id besides (a snapshot
 * without former keys).
 */
async function readKeys(
  database: LeadpaneDb,
  groups: ReadonlyArray<readonly string[]>,
  guessed: string[],
): Promise<KeyRead> {
  const asked = groups.map((keys) => [...new Set(keys)]);
  // The key reads go to the table's DBCore (Dexie's middleware stack, live-query observation
  // included) rather than through `where(…).between(…).toArray()`, whose query-builder objects
  // and zones per read were a tenth of a warm lookup.
  const reads = (trans: DBCoreTransaction) => {
    // Set once the database is open, which the transaction waits for.
    const core = database.records.core;
    const index = core.schema.getIndexByKeyPath("keys")!;
    return Promise.all([
      readState(database),
      Promise.all(
        asked.map((keys) =>
          Promise.all(
            keys.map((key) =>
              core
                .query({ trans, values: true, query: { index, range: rangeOf(key) } })
                .then((response) => response.result as LocalRecord[]),
            ),
          ),
        ),
      ),
      guessed.length ? database.records.bulkGet(guessed.map(splitKey)) : Promise.resolve([]),
    ]);
  };
  // Answered when the reads are, not when the transaction reports complete (one more round trip
  // to the browser process, about a fifth of a lookup). Dexie's promise keeps a live query's zone.
  const [state, found, present] = await new Dexie.Promise<Awaited<ReturnType<typeof reads>>>((resolve, reject) => {
    database
      .transaction("r", [database.records, database.meta], (tx) => reads(tx.idbtrans).then(resolve, reject))
      .catch(reject);
  });
  formerKeysOn.set(database, state?.formerKeys === true);
  const shadowed = new Set(present.flatMap((row) => (row ? [recordKey(row.type, row.id)] : [])));
  const matched = asked.map((keys, g) => {
    const rows = new Map<string, LocalRecord>();
    keys.forEach((key, k) => {
      for (const row of found[g]![k]!) {
        const at = recordKey(row.type, row.id);
        shadowed.add(at);
        if (row.keys.includes(key) && !rows.has(at)) rows.set(at, shown(row));
      }
    });
    return [...rows.values()];
  });
  return { state, matched, checked: new Set(guessed), shadowed };
}

/**
 * What this context's memory copy of the snapshot holds under these lookup keys, without reading
 * anything: a guess at what `visibleByKeys` will answer (right unless `records` has newer copies),
 * so a caller can start its next read early.
 */
export function peekByKeys(database: LeadpaneDb, keys: readonly string[]): LocalRecord[] {
  return memoryHits(database, keys).map(([, record]) => record);
}

/** Every record of these types, deleted ones included, by type and id. */
export async function visibleOfTypes(database: LeadpaneDb, types: readonly string[]): Promise<LocalRecord[]> {
  const [state, rows] = await Promise.all([
    readState(database),
    database.records
      .where("type")
      .anyOf([...types])
      .toArray(),
  ]);
  const cache = await snapshotOf(database, state);
  if (!cache) return rows.map(shown);
  return merge(rows.map(shown), cache, state, types).sort(byTypeAndId);
}

/** `records` rows plus the snapshot records of these types that no row supersedes. */
function merge(
  rows: LocalRecord[],
  cache: SnapshotCache,
  state: SnapshotState | null,
  types: readonly string[],
  fromSnapshot: (type: string) => LocalRecord[] = (type) => byType(cache, type),
): LocalRecord[] {
  const skip = new Set(state?.erased);
  for (const row of rows) skip.add(recordKey(row.type, row.id));
  const out = [...rows];
  for (const type of types)
    for (const record of fromSnapshot(type)) if (!skip.has(recordKey(record.type, record.id))) out.push(record);
  return out;
}

/**
 * Up to `limit` records of a type in id order after `afterId` (from the first with null), or in
 * reverse id order before it with `reverse`: a list's chunks and its newest screen.
 */
export async function visibleRange(
  database: LeadpaneDb,
  type: string,
  options: { afterId?: string | null; limit: number; reverse?: boolean },
): Promise<LocalRecord[]> {
  const { afterId = null, limit, reverse = false } = options;
  const open = afterId === null;
  let query = database.records
    .where("[type+id]")
    .between(
      [type, reverse || open ? Dexie.minKey : afterId],
      [type, reverse && !open ? afterId : Dexie.maxKey],
      reverse || open,
      !reverse || open,
    );
  if (reverse) query = query.reverse();
  const [state, read] = await Promise.all([readState(database), query.limit(limit).toArray()]);
  const rows = read.map(shown);
  const cache = await snapshotOf(database, state);
  if (!cache) return rows;
  // A snapshot record superseded by a row is in `rows` whenever it would make the cut: same id.
  // Enough snapshot records that `limit` remain after the superseded and erased ones are left out.
  const all = byType(cache, type);
  const reach = limit + rows.length + (state?.erased.length ?? 0);
  let slice: LocalRecord[];
  if (reverse) {
    const end = open ? all.length : lowerBound(all, afterId);
    slice = all.slice(Math.max(0, end - reach), end);
  } else {
    const start = open ? 0 : upperBound(all, afterId);
    slice = all.slice(start, start + reach);
  }
  const merged = merge(rows, cache, state, [type], () => slice).sort(byTypeAndId);
  return reverse ? merged.reverse().slice(0, limit) : merged.slice(0, limit);
}

/** The first index whose id is ≥ `id` in a list sorted by id. */
function lowerBound(list: LocalRecord[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The first index whose id is > `id` in a list sorted by id. */
function upperBound(list: LocalRecord[], id: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]!.id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to `limit` records that pass `keep`, scanning every record (the search's fallback). */
export async function visibleScan(
  database: LeadpaneDb,
  keep: (record: LocalRecord) => boolean,
  limit = Number.POSITIVE_INFINITY,
): Promise<LocalRecord[]> {
  const out: LocalRecord[] = [];
  await database.records
    .filter((row) => keep(shown(row)))
    .until(() => out.length >= limit)
    .each((row) => void out.push(shown(row)));
  const state = await readState(database);
  const cache = await snapshotOf(database, state);
  if (!cache || out.length >= limit) return out.slice(0, limit);
  const skip = new Set(state?.erased);
  for (const key of await database.records.toCollection().primaryKeys()) skip.add(recordKey(...key));
  for (const [key, record] of cache.byId) {
    if (out.length >= limit) break;
    if (!skip.has(key) && keep(record)) out.push(record);
  }
  return out;
}

/** How many records (deleted ones included) the user's store holds. */
export async function visibleCount(database: LeadpaneDb): Promise<number> {
  const [state, keys] = await Promise.all([readState(database), database.records.toCollection().primaryKeys()]);
  const cache = await snapshotOf(database, state);
  if (!cache) return keys.length;
  const skip = new Set(state?.erased);
  for (const key of keys) skip.add(recordKey(...key));
  let count = keys.length;
  for (const key of cache.byId.keys()) if (!skip.has(key)) count++;
  return count;
}

/**
 * Removes a record from what the user sees: its row, and its snapshot copy through the erased list.
 * Inside a transaction over `records`, `snapshot` and `meta`.
 */
export async function removeVisible(database: LeadpaneDb, type: string, id: string): Promise<void> {
  await database.records.delete([type, id]);
  const state = await readState(database);
  const key = recordKey(type, id);
  const snapshot = await snapshotFor(database, state, { ids: [key] });
  if (state && snapshot?.get(key) && !state.erased.includes(key))
    await setMeta("snapshot", { ...state, erased: [...state.erased, key] }, database);
}

/**
 * Adds a first-load page to the snapshot (its records no row in `records` supersedes), in the
 * transaction that moves the cookie past it. A record in the page that was erased before is back.
 */
export async function addSnapshotPage(database: LeadpaneDb, page: number, records: LocalRecord[]): Promise<void> {
  // A snapshot started here: every row written from now on keeps its former keys.
  const state: SnapshotState = (await readState(database)) ?? { pages: [], erased: [], formerKeys: true };
  if (!records.length || state.pages.includes(page)) return;
  // Small values (keyed between this page's cookie and the next) and the page's key index: a
  // lookup in a fresh context reads the indexes and one value, not 100,000 records.
  const chunk = Math.max(CHUNK_RECORDS, Math.ceil(records.length / CHUNKS_PER_PAGE));
  const values: SnapshotPage[] = [];
  for (let slot = 0; slot < records.length; slot += chunk)
    values.push({ page: page + values.length / CHUNKS_PER_PAGE, records: records.slice(slot, slot + chunk) });
  await database.snapshot.bulkPut(values);
  await database.snapshotIndex.put(buildSnapshotIndex(page, records, chunk));
  const back = new Set(records.map((r) => recordKey(r.type, r.id)));
  await setMeta(
    "snapshot",
    {
      ...state,
      pages: [...state.pages, ...values.map((value) => value.page)],
      erased: state.erased.filter((key) => !back.has(key)),
    },
    database,
  );
}
