import { liveQuery } from "dexie";
import { useEffect, useState } from "preact/hooks";

/**
 * The value of a Dexie query, re-run whenever what it read changes (in any extension page): Dexie
 * follows every read the query makes. Reads of the first load's snapshot (local-db/visible-records.ts)
 * come from memory, but each also reads, through Dexie, the `records` keys, index ranges and the
 * `meta.snapshot` state under which a newer copy or an erasure would show, so a change to any
 * record the query showed (or could show) wakes it, and a change to another record does not.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    // An async querier: Dexie then follows the query's zone through every native await (its
    // "zone echoing"), so reads made after the first await are observed too. A plain function
    // returning a promise is followed only up to its first await (a note added in the side panel
    // did not appear: its activities are read after the records).
    const subscription = liveQuery(async () => await query()).subscribe({
      next: setValue,
      error: (error) => console.error("live query failed", error),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
