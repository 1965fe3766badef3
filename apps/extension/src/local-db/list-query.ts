import Dexie, { cmp } from "dexie";
import type { Activity, RecordType } from "@leadpane/domain";
import { recordsOf, type RecordOf } from "@leadpane/domain/sync";
import { db, type LeadpaneDb, type LocalRecord } from "./db.ts";
import { toListRow, type ListRow, type ListType } from "./list-rows.ts";
import { loadRules } from "./rules.ts";
import { visibleBulkGet, visibleByKeys, visibleRange } from "./visible-records.ts";

/** Rows read per step when loading a whole list: small enough that the page stays responsive. */
const CHUNK = 4000;

/**
 * The newest records of a type, read by primary key ([type+id], ids are time-ordered UUIDv7) in
 * reverse: a first screen of the list without reading the other 99,900 rows.
 */
export async function newestRows(type: ListType, count: number, database: LeadpaneDb = db): Promise<ListRow[]> {
  // Rows carry a lead's score (the domain's rules): loaded with the read.
  const [records] = await Promise.all([visibleRange(database, type, { limit: count, reverse: true }), loadRules()]);
  const now = new Date();
  const live = recordsOf(records, type).filter((r) => !r.deleted);
  const companyIds = live.flatMap((r) => (r.type === "contact" && r.data.companyId ? [r.data.companyId] : []));
  const companies = await visibleBulkGet(
    database,
    companyIds.map((id): [string, string] => ["company", id]),
  );
  const names = new Map<string, string>();
  for (const company of recordsOf(
    companies.filter((c) => c !== undefined),
    "company",
  ))
    if (!company.deleted) names.set(company.id, company.data.name);
  return live.map((r) => toListRow(r, [], now, companyNameOf(r, names)));
}

/** A contact's company name (contacts hold their company by id); null for other rows. */
function companyNameOf(record: RecordOf<ListType>, names: ReadonlyMap<string, string>): string | null {
  return record.type === "contact" && record.data.companyId ? (names.get(record.data.companyId) ?? null) : null;
}

/**
 * Every live record of a type as list rows, newest first, read in key-ordered chunks with a pause
 * between them so typing and scrolling keep working while 100,000 rows load. Leads are scored with
 * their activities, read first and grouped by subject. `onProgress` sees the rows so far.
 */
export async function loadAllRows(
  type: ListType,
  options: { signal?: AbortSignal; onProgress?: (rowsSoFar: number) => void } = {},
  database: LeadpaneDb = db,
): Promise<ListRow[]> {
  const bySubject = new Map<string, Array<Pick<Activity, "type" | "occurredAt">>>();
  await loadRules();
  if (type === "lead") {
    await eachChunk("activity", database, options.signal, (records) => {
      for (const a of records) {
        const data = a.data;
        if (a.deleted || data.subject?.type !== "lead") continue;
        const list = bySubject.get(data.subject.id);
        if (list) list.push(data);
        else bySubject.set(data.subject.id, [data]);
      }
    });
  }
  // Contacts hold their company by id: read the companies' names first for the company column.
  const names = new Map<string, string>();
  if (type === "contact") {
    await eachChunk("company", database, options.signal, (records) => {
      for (const c of records) if (!c.deleted) names.set(c.id, c.data.name);
    });
  }
  const now = new Date();
  const rows: ListRow[] = [];
  await eachChunk(type, database, options.signal, (records) => {
    for (const r of records)
      if (!r.deleted) rows.push(toListRow(r, bySubject.get(r.id) ?? [], now, companyNameOf(r, names)));
    options.onProgress?.(rows.length);
  });
  // Read oldest first (IndexedDB's getAll only goes forward); the list shows newest first.
  return rows.reverse();
}

async function eachChunk<T extends RecordType>(
  type: T,
  database: LeadpaneDb,
  signal: AbortSignal | undefined,
  use: (records: Array<Extract<LocalRecord, { type: T }>>) => void,
): Promise<void> {
  let afterId: string | null = null;
  for (;;) {
    signal?.throwIfAborted();
    const records: LocalRecord[] = await visibleRange(database, type, { afterId, limit: CHUNK });
    use(recordsOf(records, type));
    if (records.length < CHUNK) return;
    afterId = records[records.length - 1]!.id;
    // Yield to the event loop: input and paint get their turn between chunks.
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** A record's key in the store: its type and id. */
export type RecordKey = [type: string, id: string];

/**
 * Which records a committed write changed: their keys, or `all` when it is not known record by
 * record (a write of 50 or more records in one call, which Dexie reports as a whole range; a
 * cleared table; more than MAX_KEYS records), and whoever shows records reads them again.
 */
export type RecordsChange = { all: true } | { all: false; keys: RecordKey[] };

/**
 * Past this many changed records a list reloads instead of patching: reading them back costs about
 * what reading the whole list does, and a one-pass merge no longer saves anything worth the risk.
 */
const MAX_KEYS = 5000;

/**
 * Calls `onChange` after each committed write to records, in this or any other extension context
 * (a sync pull in the worker, an edit in another page), with the keys it changed, read from Dexie's
 * cross-context `storagemutated` event (which names the primary keys of every write of fewer than
 * 50 records). Returns the unsubscribe function.
 */
export function onRecordChanges(onChange: (change: RecordsChange) => void, database: LeadpaneDb = db): () => void {
  const part = `idb://${database.name}/records/`;
  // A first load's pages land in `snapshot`: thousands of records at once, read again whole.
  const snapshotPart = `idb://${database.name}/snapshot/`;
  const listener = (parts: Record<string, unknown>) => {
    // "all": Dexie's signal that anything may have changed (a page restored from the back-forward cache).
    if ("all" in parts) return onChange({ all: true });
    if (Object.keys(parts).some((key) => key.startsWith(snapshotPart))) return onChange({ all: true });
    const ranges = parts[part];
    if (!ranges || typeof ranges !== "object") return;
    onChange(changedKeys(ranges));
  };
  Dexie.on("storagemutated", listener);
  return () => Dexie.on("storagemutated").unsubscribe(listener);
}

/** A node of Dexie's RangeSet tree as it arrives (in this context, or structured-cloned from another). */
interface RangeNode {
  from?: unknown;
  to?: unknown;
  l?: RangeNode | null;
  r?: RangeNode | null;
}

/** The record keys of a range set of single keys; `all` as soon as one range spans more than one key. */
export function changedKeys(ranges: object): RecordsChange {
  const keys: RecordKey[] = [];
  const stack: RangeNode[] = [ranges as RangeNode];
  while (stack.length) {
    const node = stack.pop()!;
    if (!("from" in node)) continue;
    if (!isRecordKey(node.from) || cmp(node.from, node.to) !== 0) return { all: true };
    keys.push(node.from);
    if (keys.length > MAX_KEYS) return { all: true };
    if (node.l) stack.push(node.l);
    if (node.r) stack.push(node.r);
  }
  return { all: false, keys };
}

function isRecordKey(key: unknown): key is RecordKey {
  return Array.isArray(key) && key.length === 2 && typeof key[0] === "string" && typeof key[1] === "string";
}

/** What changed in one list: the new rows of records changed or added, and the ids of those gone. */
export interface ListRowChanges {
  upserts: ListRow[];
  removals: string[];
}

/**
 * The list rows to patch after records changed: the list's own records read again (gone or deleted
 * ones removed), plus the leads whose score an activity change moves and the contacts whose company
 * column a company's new name changes. Reads only those records, by key.
 */
export async function changedListRows(
  type: ListType,
  keys: readonly RecordKey[],
  database: LeadpaneDb = db,
): Promise<ListRowChanges> {
  const ids = new Set(keys.filter(([t]) => t === type).map(([, id]) => id));
  if (type === "lead") {
    const activityKeys = keys.filter(([t]) => t === "activity");
    const activities = recordsOf(
      (await visibleBulkGet(database, activityKeys)).filter((r): r is LocalRecord => r !== undefined),
      "activity",
    );
    for (const a of activities) if (a.data.subject?.type === "lead") ids.add(a.data.subject.id);
  }
  if (type === "contact") {
    const companyIds = keys.filter(([t]) => t === "company").map(([, id]) => `ref:company:${id}`);
    if (companyIds.length) {
      const linked = await visibleByKeys(database, companyIds);
      for (const r of linked) if (r.type === "contact") ids.add(r.id);
    }
  }
  if (!ids.size) return { upserts: [], removals: [] };
  const found = await visibleBulkGet(
    database,
    [...ids].map((id): RecordKey => [type, id]),
  );
  const live = recordsOf(
    found.filter((r): r is LocalRecord => r !== undefined && !r.deleted),
    type,
  );
  const bySubject = new Map<string, Array<Pick<Activity, "type" | "occurredAt">>>();
  if (type === "lead" && live.length) {
    const about = await visibleByKeys(
      database,
      live.map((r) => `subject:lead:${r.id}`),
    );
    for (const a of recordsOf(about, "activity")) {
      if (a.deleted || a.data.subject?.type !== "lead") continue;
      const list = bySubject.get(a.data.subject.id);
      if (list) list.push(a.data);
      else bySubject.set(a.data.subject.id, [a.data]);
    }
  }
  const names = new Map<string, string>();
  const companyIds = live.flatMap((r) => (r.type === "contact" && r.data.companyId ? [r.data.companyId] : []));
  if (companyIds.length) {
    const companies = await visibleBulkGet(
      database,
      companyIds.map((id): RecordKey => ["company", id]),
    );
    for (const c of recordsOf(
      companies.filter((c) => c !== undefined),
      "company",
    ))
      if (!c.deleted) names.set(c.id, c.data.name);
  }
  await loadRules();
  const now = new Date();
  const kept = new Set(live.map((r) => r.id));
  return {
    upserts: live.map((r) => toListRow(r, bySubject.get(r.id) ?? [], now, companyNameOf(r, names))),
    removals: [...ids].filter((id) => !kept.has(id)),
  };
}
