import type { Database } from "../db/client.ts";

/** How often a process re-reads the versions of workspaces someone is waiting on (ms). */
const POKE_POLL_MS = 1000;

/** Called with a workspace's new version whenever it moved. */
type PokeListener = (version: number) => void;

/**
 * Tells waiting clients that their workspace changed, so they pull now instead of at their next
 * alarm. A poke is only a hint: correctness comes from the pull cursor. The truth is the
 * workspace's version in the database, polled once per interval for all watched workspaces
 * together, so a push served by another API process on the same database pokes this process's
 * clients too; a push served here pokes at once (`notify`).
 */
export interface PokeHub {
  /** Starts watching a workspace from `knownVersion`; returns the function that stops it. */
  watch(workspaceId: string, knownVersion: number, listener: PokeListener): () => void;
  /** A change committed in this process: check at once rather than at the next poll. */
  notify(workspaceId: string): void;
  /** Stops polling. */
  close(): void;
}

interface Watch {
  known: number;
  listener: PokeListener;
}

/** A poke hub over one database. */
export function createPokeHub(database: Database, pollMs = POKE_POLL_MS): PokeHub {
  const watching = new Map<string, Set<Watch>>();
  let timer: NodeJS.Timeout | null = null;
  let checking: Promise<void> | null = null;

  async function check(ids: string[]): Promise<void> {
    if (!ids.length) return;
    const placeholders = ids.map(() => "?").join(",");
    const result = await database.client.execute({
      sql: `SELECT id, version FROM workspaces WHERE id IN (${placeholders})`,
      args: ids,
    });
    for (const row of result.rows) {
      const version = Number(row.version);
      for (const watch of watching.get(String(row.id)) ?? []) {
        if (version > watch.known) {
          watch.known = version;
          watch.listener(version);
        }
      }
    }
  }

  function checkAll(ids = [...watching.keys()]): void {
    // One query at a time: a slow database must not pile polls up.
    if (checking) return;
    checking = check(ids)
      .catch(() => undefined)
      .finally(() => (checking = null));
  }

  function schedule(): void {
    if (timer || !watching.size) return;
    timer = setInterval(() => checkAll(), pollMs);
    timer.unref();
  }

  return {
    watch(workspaceId, knownVersion, listener) {
      const watch: Watch = { known: knownVersion, listener };
      const set = watching.get(workspaceId) ?? new Set();
      set.add(watch);
      watching.set(workspaceId, set);
      schedule();
      checkAll([workspaceId]);
      return () => {
        set.delete(watch);
        if (!set.size) watching.delete(workspaceId);
        if (!watching.size && timer) {
          clearInterval(timer);
          timer = null;
        }
      };
    },
    notify(workspaceId) {
      if (watching.has(workspaceId)) void check([workspaceId]).catch(() => undefined);
    },
    close() {
      if (timer) clearInterval(timer);
      timer = null;
      watching.clear();
    },
  };
}
