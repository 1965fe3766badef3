import type { RecordType } from "@leadpane/domain";
import type { ReplicaBase } from "@leadpane/domain/sync";
import type { Table } from "dexie";

/** The `type` of a row of `base` that holds many bases (sorts after every record type). */
export const CREATED_BUNDLE = "~created";

/**
 * The bases of records a bulk commit created (the server had none of them: each base is
 * `record: null`) as one row of `base`, keyed `[CREATED_BUNDLE, id]`: an import's chunk of
 * hundreds of new records is then one IndexedDB request for their bases instead of one each
 * (Chromium pays per request). A row of its own for the same record (a pull's copy) wins over it.
 */
export interface CreatedBundle {
  type: typeof CREATED_BUNDLE;
  id: string;
  created: Array<[RecordType, string]>;
}

/** A row of `base`: one record's base, or a bundle of created records' bases. */
export type BaseRow = ReplicaBase | CreatedBundle;

export function isCreatedBundle(row: BaseRow): row is CreatedBundle {
  return row.type === CREATED_BUNDLE;
}

/** A bundle of these null bases, keyed by `id` (a single base stays its own row). */
export function createdBundleOf(id: string, bases: readonly ReplicaBase[]): BaseRow[] {
  if (bases.some((base) => base.record !== null)) throw new Error("a created bundle holds only null bases");
  if (bases.length < 2) return [...bases];
  return [{ type: CREATED_BUNDLE, id, created: bases.map((base) => [base.type, base.id]) }];
}

const keyOf = (type: string, id: string) => `${type}:${id}`;

/** The bases rows hold, one per record: a record's own row wins over a bundle naming it. */
export function basesOf(rows: readonly BaseRow[]): ReplicaBase[] {
  const own = new Map<string, ReplicaBase>();
  for (const row of rows) if (!isCreatedBundle(row)) own.set(keyOf(row.type, row.id), row);
  const out = [...own.values()];
  for (const row of rows) {
    if (!isCreatedBundle(row)) continue;
    for (const [type, id] of row.created) {
      const key = keyOf(type, id);
      if (own.has(key)) continue;
      own.set(key, { type, id, record: null });
      out.push({ type, id, record: null });
    }
  }
  return out;
}

/** The records the bundles in `base` name (read once per transaction by callers that look up many). */
export async function bundledKeys(table: Table<BaseRow, [string, string]>): Promise<Set<string>> {
  const bundles = await table
    .where("[type+id]")
    .between([CREATED_BUNDLE, ""], [CREATED_BUNDLE, "\uffff"], true, true)
    .toArray();
  const keys = new Set<string>();
  for (const row of bundles) if (isCreatedBundle(row)) for (const [type, id] of row.created) keys.add(keyOf(type, id));
  return keys;
}

/**
 * The bases of these records (undefined where none), whether kept in a row of their own or in a
 * bundle; `bundled` is `bundledKeys`, read at most once.
 */
export async function getBases(
  table: Table<BaseRow, [string, string]>,
  keys: ReadonlyArray<[string, string]>,
  bundled: () => Promise<Set<string>>,
): Promise<Array<ReplicaBase | undefined>> {
  const rows = (await table.bulkGet(keys as Array<[string, string]>)) as Array<ReplicaBase | undefined>;
  if (rows.every(Boolean)) return rows;
  const inBundles = await bundled();
  return rows.map(
    (row, i) =>
      row ??
      (inBundles.has(keyOf(...keys[i]!))
        ? { type: keys[i]![0] as RecordType, id: keys[i]![1], record: null }
        : undefined),
  );
}
