import { liveQuery } from "dexie";
import { useEffect, useState } from "preact/hooks";
import { onRecordsChanged } from "../local-db/list-query.ts";

/**
 * The value of a Dexie query, re-run whenever the records it read change (in any extension page),
 * and whenever any record changes: Dexie observes only the reads it can follow through the query,
 * and the records' reads (local-db/visible-records.ts) go through the memory copy of the snapshot
 * and several awaits, so a change must not depend on Dexie having seen each read.
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  const [changes, setChanges] = useState(0);
  useEffect(() => onRecordsChanged(() => setChanges((n) => n + 1), 50), []);
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
