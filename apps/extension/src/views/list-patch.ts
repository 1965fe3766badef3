/** Something listed by id. */
interface Keyed {
  id: string;
}

/** What changed among a list's records: their new rows, and the ids of records gone (deleted, purged, merged). */
export interface RowPatch<R extends Keyed> {
  upserts: readonly R[];
  removals: readonly string[];
}

/** Up to this many changes are placed one by one (binary search, splice); more are merged in one pass. */
const ONE_BY_ONE = 32;

/**
 * A sorted, filtered list with some records changed: each changed record's old row leaves and its
 * new row goes in at its place by `order` if `keep` keeps it; every other row stays as it was. The
 * same as filtering and sorting the changed records from scratch, without touching the other
 * 100,000 rows more than once. `before` finds a changed record's old row (the unfiltered list's),
 * so it is found by binary search rather than by a scan; `list` must be sorted by `order`, a total order.
 * Returns the same array when nothing in it changed.
 */
export function patchRows<R extends Keyed>(
  list: readonly R[],
  patch: RowPatch<R>,
  order: (a: R, b: R) => number,
  keep: (row: R) => boolean,
  before: (id: string) => R | undefined,
): readonly R[] {
  const changed = new Set<string>(patch.removals);
  // The last row of a record wins; a record both changed and removed is removed.
  const latest = new Map<string, R>();
  for (const row of patch.upserts) {
    changed.add(row.id);
    latest.set(row.id, row);
  }
  for (const id of patch.removals) latest.delete(id);
  const added = [...latest.values()].filter(keep).sort(order);
  if (changed.size > ONE_BY_ONE) return mergeSorted(list, changed, added, order);
  let out: R[] | null = null;
  for (const id of changed) {
    // An old row the filter did not keep is not in the list: nothing to look for.
    const old = before(id);
    if (!old || !keep(old)) continue;
    const at = indexOfRow(out ?? list, old, order);
    if (at < 0) continue;
    out ??= list.slice();
    out.splice(at, 1);
  }
  for (const row of added) {
    out ??= list.slice();
    out.splice(insertionPoint(out, row, order), 0, row);
  }
  return out ?? list;
}

/** Where `row` is in `list` (sorted by `order`), found by binary search on its sort key; -1 when absent. */
export function indexOfRow<R extends Keyed>(list: readonly R[], row: R, order: (a: R, b: R) => number): number {
  const at = insertionPoint(list, row, order);
  if (list[at]?.id === row.id) return at;
  // A row whose sort key changed in place (never here: rows are replaced, not mutated) or a list not
  // quite in order: found by its id, the slow way, rather than left twice in the list.
  return list.findIndex((r) => r.id === row.id);
}

/** The first index whose row does not sort before `row`. */
function insertionPoint<R>(list: readonly R[], row: R, order: (a: R, b: R) => number): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (order(list[mid]!, row) < 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Many changes at once: one pass drops the changed records' old rows and merges in their new ones. */
function mergeSorted<R extends Keyed>(
  list: readonly R[],
  changed: ReadonlySet<string>,
  added: readonly R[],
  order: (a: R, b: R) => number,
): R[] {
  const out: R[] = [];
  let next = 0;
  for (const row of list) {
    if (changed.has(row.id)) continue;
    while (next < added.length && order(added[next]!, row) < 0) out.push(added[next++]!);
    out.push(row);
  }
  while (next < added.length) out.push(added[next++]!);
  return out;
}
