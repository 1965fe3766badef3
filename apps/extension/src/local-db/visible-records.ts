import Dexie from "dexie";
import { getMeta, setMeta, type LeadpaneDb, type LocalRecord, type SnapshotState } from "./db.ts";

/**
 * The records the user sees: `records` (every change since the first load, local or pulled) over
 * the first load's `snapshot` pages (one IndexedDB value per page, see docs/local-store.md). A row
 * in `records` wins over the snapshot's copy of the same record; a snapshot record erased later is
 * listed in the snapshot state. Every read of records goes through here. A profile without a
 * snapshot (loaded before it existed) reads `records` alone, as before.
 *
 * Each extension context keeps the snapshot pages it has read in memory, indexed by id, type and
 * lookup key: pages never change once written, so the memory copy is only ever extended (or
 * dropped when the snapshot is replaced at sign-in).
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
  /** The pages read so far, ascending. */
  pages: number[];
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
  // Pages are only ever added, in increasing order: a page of ours that is gone means a new snapshot.
  if (!cache?.pages.every((page) => state.pages.includes(page))) {
    cache = { pages: [], byId: new Map(), byKey: new Map(), byType: null };
    caches.set(database, cache);
  }
  const known = cache.pages;
  const missing = state.pages.filter((page) => !known.includes(page)).sort((a, b) => a - b);
  if (!missing.length) return cache;
  const rows = await database.snapshot.bulkGet(missing);
  // Applied in page order, so a record in two pages (changed twice during the load) ends as the later.
  for (const row of rows) {
    if (!row || cache.pages.includes(row.page)) continue;
    for (const record of row.records) {
      const key = recordKey(record.type, record.id);
      cache.byId.set(key, record);
      for (const lookup of record.keys) {
        const list = cache.byKey.get(lookup);
        if (list) list.push(key);
        else cache.byKey.set(lookup, [key]);
      }
    }
    cache.pages.push(row.page);
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

/** One record as the user sees it, or undefined. */
export async function visibleGet(database: LeadpaneDb, type: string, id: string): Promise<LocalRecord | undefined> {
  const [state, row] = await Promise.all([readState(database), database.records.get([type, id])]);
  if (row) return row;
  const cache = await snapshotOf(database, state);
  const key = recordKey(type, id);
  return cache && !state?.erased.includes(key) ? cache.byId.get(key) : undefined;
}

/** Several records by type and id, in the order asked (undefined where there is none). */
export async function visibleBulkGet(
  database: LeadpaneDb,
  keys: ReadonlyArray<[string, string]>,
): Promise<Array<LocalRecord | undefined>> {
  const [state, rows] = await Promise.all([readState(database), database.records.bulkGet([...keys])]);
  const cache = await snapshotOf(database, state);
  if (!cache) return rows;
  const erased = new Set(state?.erased);
  return rows.map((row, i) => {
    if (row) return row;
    const key = recordKey(...keys[i]!);
    return erased.has(key) ? undefined : cache.byId.get(key);
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
  const before = caches.get(database);
  const guessed = before ? [...new Set(groups.flatMap((keys) => snapshotHits(before, keys)))] : [];
  const read = await readKeys(database, groups, guessed);
  const cache = await snapshotOf(database, read.state);
  if (!cache) return read.matched;
  const erased = new Set(read.state?.erased);
  const hitsOf = groups.map((keys) => snapshotHits(cache, keys));
  const unchecked = [...new Set(hitsOf.flat())].filter((key) => !read.checked.has(key));
  if (unchecked.length) {
    for (const row of await database.records.bulkGet(unchecked.map(splitKey)))
      if (row) read.shadowed.add(recordKey(row.type, row.id));
  }
  return groups.map((_, i) => {
    const fromSnapshot = hitsOf[i]!.filter((key) => !read.shadowed.has(key) && !erased.has(key))
      .map((key) => cache.byId.get(key))
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
 * Dexie saw them read (`useLiveQuery`).
 */
async function readKeys(
  database: LeadpaneDb,
  groups: ReadonlyArray<readonly string[]>,
  guessed: string[],
): Promise<KeyRead> {
  const [state, matched, present] = await database.transaction("r", [database.records, database.meta], () =>
    Promise.all([
      readState(database),
      Promise.all(
        groups.map((keys) =>
          keys.length
            ? database.records
                .where("keys")
                .anyOf([...keys])
                .distinct()
                .toArray()
            : Promise.resolve([]),
        ),
      ),
      guessed.length ? database.records.bulkGet(guessed.map(splitKey)) : Promise.resolve([]),
    ]),
  );
  const shadowed = new Set(present.flatMap((row) => (row ? [recordKey(row.type, row.id)] : [])));
  return { state, matched, checked: new Set(guessed), shadowed };
}

/**
 * What this context's memory copy of the snapshot holds under these lookup keys, without reading
 * anything: a guess at what `visibleByKeys` will answer (right unless `records` has newer copies),
 * so a caller can start its next read early.
 */
export function peekByKeys(database: LeadpaneDb, keys: readonly string[]): LocalRecord[] {
  const cache = caches.get(database);
  if (!cache) return [];
  return snapshotHits(cache, keys).flatMap((key) => cache.byId.get(key) ?? []);
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
  if (!cache) return rows;
  return merge(rows, cache, state, types).sort(byTypeAndId);
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
  const [state, rows] = await Promise.all([readState(database), query.limit(limit).toArray()]);
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
    .filter(keep)
    .until(() => out.length >= limit)
    .each((row) => void out.push(row));
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
  const cache = await snapshotOf(database, state);
  const key = recordKey(type, id);
  if (state && cache?.byId.has(key) && !state.erased.includes(key))
    await setMeta("snapshot", { ...state, erased: [...state.erased, key] }, database);
}

/**
 * Adds a first-load page to the snapshot (its records no row in `records` supersedes), in the
 * transaction that moves the cookie past it. A record in the page that was erased before is back.
 */
export async function addSnapshotPage(database: LeadpaneDb, page: number, records: LocalRecord[]): Promise<void> {
  const state = (await readState(database)) ?? { pages: [], erased: [] };
  if (!records.length || state.pages.includes(page)) return;
  await database.snapshot.put({ page, records });
  const back = new Set(records.map((r) => recordKey(r.type, r.id)));
  await setMeta(
    "snapshot",
    { pages: [...state.pages, page], erased: state.erased.filter((key) => !back.has(key)) },
    database,
  );
}
