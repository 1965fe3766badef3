import { liveQuery } from "dexie";
import { useEffect, useState } from "preact/hooks";
import { onRecordChanges } from "../local-db/list-query.ts";

/**
 * The value of a Dexie query, re-run whenever the records it read change (in any extension page),
 * and after any committed change to records: Dexie observes only the reads it can follow through
 * the query, and reads behind the first load's snapshot (local-db/visible-records.ts) go through a
 * memory copy, so a change must not depend on Dexie having seen each read (a note added in the side
 * panel did not appear). The lists and the board patch themselves instead (onRecordChanges).
 */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  const [changes, setChanges] = useState(0);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const stop = onRecordChanges(() => {
      clearTimeout(timer);
      timer = setTimeout(() => setChanges((n) => n + 1), 50);
    });
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, []);
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
