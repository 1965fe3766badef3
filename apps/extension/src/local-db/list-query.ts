import Dexie from "dexie";
import type { Activity, RecordType } from "@leadpane/domain";
import { recordsOf, type RecordOf } from "@leadpane/domain/sync";
import { db, type LeadpaneDb, type LocalRecord } from "./db.ts";
import { toListRow, type ListRow, type ListType } from "./list-rows.ts";
import { visibleBulkGet, visibleRange } from "./visible-records.ts";

/** Rows read per step when loading a whole list: small enough that the page stays responsive. */
const CHUNK = 4000;

/**
 * The newest records of a type, read by primary key ([type+id], ids are time-ordered UUIDv7) in
 * reverse: a first screen of the list without reading the other 99,900 rows.
 */
export async function newestRows(type: ListType, count: number, database: LeadpaneDb = db): Promise<ListRow[]> {
  const records = await visibleRange(database, type, { limit: count, reverse: true });
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

/**
 * Calls `onChange` (debounced) when records change in this or any other extension context (a
 * sync pull in the worker, an edit in the side panel), through Dexie's cross-context
 * `storagemutated` event; the caller reloads. Returns the unsubscribe function.
 */
export function onRecordsChanged(onChange: () => void, delayMs = 800, database: LeadpaneDb = db): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  // A first load's pages land in `snapshot`, every later change in `records`.
  const prefixes = [`idb://${database.name}/records/`, `idb://${database.name}/snapshot/`];
  const listener = (parts: Record<string, unknown>) => {
    if (!Object.keys(parts).some((key) => prefixes.some((prefix) => key.startsWith(prefix)))) return;
    clearTimeout(timer);
    timer = setTimeout(onChange, delayMs);
  };
  Dexie.on("storagemutated", listener);
  return () => {
    clearTimeout(timer);
    Dexie.on("storagemutated").unsubscribe(listener);
  };
}
