import type { OutboxMutation } from "@leadpane/domain/sync";
import type { Table } from "dexie";

/**
 * Consecutive pending changes kept as one row of `outbox` or `sent`, keyed by its first id: an
 * import's chunk of hundreds of changes is then one IndexedDB request to queue, to acknowledge and
 * to drop instead of one (or, acknowledged, three) per change. It travels and replays as the
 * changes it holds; a push or acknowledgement that ends inside it cuts it in two.
 */
export interface PendingBundle {
  /** The first change's id (the row's key). */
  id: number;
  /** The last change's id. */
  last: number;
  entries: OutboxMutation[];
}

/** A row of `outbox` or `sent`: one pending change, or a bundle of consecutive ones. */
export type PendingRow = OutboxMutation | PendingBundle;

export function isBundle(row: PendingRow): row is PendingBundle {
  return "entries" in row;
}

/** Consecutive changes (ids ascending) as one row. */
export function bundleOf(entries: readonly OutboxMutation[]): PendingRow {
  if (entries.length === 1) return entries[0]!;
  return { id: entries[0]!.id, last: entries.at(-1)!.id, entries: [...entries] };
}

/**
 * Consecutive rows (an acknowledged range taken from the front of `outbox`) as one row for `sent`:
 * one IndexedDB write per push answer instead of one per change.
 */
export function asOneRow(rows: readonly PendingRow[]): PendingRow {
  return rows.length === 1 ? rows[0]! : bundleOf(entriesOf(rows));
}

/** The changes rows hold, in order. */
export function entriesOf(rows: readonly PendingRow[]): OutboxMutation[] {
  return rows.flatMap((row) => (isBundle(row) ? row.entries : [row]));
}

/** The id of the last change a row holds. */
export function lastIdOf(row: PendingRow): number {
  return isBundle(row) ? row.last : row.id;
}

/**
 * Rows (ascending, as read up to key `id`) split at change `id`: the rows holding the changes up
 * to it, and the row holding the rest of a bundle that goes past it (keyed by its new first id).
 */
export function splitThrough(
  rows: readonly PendingRow[],
  id: number,
): { through: PendingRow[]; rest: PendingRow | null; count: number } {
  const through: PendingRow[] = [];
  let rest: PendingRow | null = null;
  let count = 0;
  for (const row of rows) {
    if (row.id > id) continue;
    if (!isBundle(row) || row.last <= id) {
      through.push(row);
      count += isBundle(row) ? row.entries.length : 1;
      continue;
    }
    const upTo = row.entries.filter((entry) => entry.id <= id);
    through.push(bundleOf(upTo));
    rest = bundleOf(row.entries.filter((entry) => entry.id > id));
    count += upTo.length;
  }
  return { through, rest, count };
}

/**
 * The changes `first` to `last` taken from `known`, changes as read from the outbox before (a
 * push's batch: consecutive, ascending), or null when `known` does not hold every one of them.
 * A push answer then moves its rows to `sent` without reading again what it just sent.
 */
export function heldIn(known: readonly OutboxMutation[], first: number, last: number): OutboxMutation[] | null {
  const start = known[0]?.id;
  if (start === undefined || first < start || last < first || last - start >= known.length) return null;
  const held = known.slice(first - start, last - start + 1);
  return held.every((entry, i) => entry.id === first + i) ? held : null;
}

/**
 * How many changes wait in `outbox` (or `sent`), read from its first and last rows: ids are
 * gap-free per client and leave only from the front, so bundles need not be opened to count.
 */
export async function pendingCount(table: Table<PendingRow, number>): Promise<number> {
  const [first, last] = await Promise.all([table.orderBy("id").first(), table.orderBy("id").last()]);
  return first && last ? lastIdOf(last) - first.id + 1 : 0;
}
