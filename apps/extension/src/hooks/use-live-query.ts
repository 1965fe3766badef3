import { liveQuery } from "dexie";
import { useEffect, useState } from "preact/hooks";
import { onRecordChanges } from "../local-db/list-query.ts";

/**
 * The value of a Dexie query, re-run whenever the records it read change (in any extension page),
 * and whenever a change is not known record by record (a first load's snapshot page, a write of 50
 * or more records): Dexie observes the reads it follows through the query, but the snapshot pages
 * are read once into memory (local-db/visible-records.ts), so a new page must re-run every query.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  const [changes, setChanges] = useState(0);
  useEffect(
    () =>
      onRecordChanges((change) => {
        if (change.all) setChanges((n) => n + 1);
      }),
    [],
  );
  useEffect(() => {
    const subscription = liveQuery(query).subscribe({
      next: setValue,
      error: (error) => console.error("live query failed", error),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, changes]);
  return value;
}
