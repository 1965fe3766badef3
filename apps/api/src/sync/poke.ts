import type { Deps } from "../app-env.ts";
import type { Database } from "../db/client.ts";

/** How often a process re-reads the versions of workspaces someone is waiting on (ms). */
const POKE_POLL_MS = 1000;

/** Called with a workspace's new version whenever it moved. */
type PokeListener = (version: number) => void;

/** Who watches: the device token whose stream ends as soon as it is revoked or its member removed. */
interface PokeWatcher {
  tokenId: string;
  /** Called once when the token is no longer valid: the stream must end. */
  onRevoked: () => void;
}

/**
 * Tells waiting clients that their workspace changed, so they pull now instead of at their next
 * alarm. A poke is only a hint: correctness comes from the pull cursor. The truth is the
 * workspace's version in the database, polled once per interval for all watched workspaces
 * together, so a push served by another API process on the same database pokes this process's
 * clients too; a push served here pokes at once (`notify`).
 */
export interface PokeHub {
  /** Starts watching a workspace from `knownVersion`; returns the function that stops it. */
  watch(workspaceId: string, knownVersion: number, listener: PokeListener, watcher?: PokeWatcher): () => void;
  /**
   * A change committed in this process (records, or a member removed or a token revoked): check at
   * once rather than at the next poll.
   */
  notify(workspaceId: string): void;
  /** Stops polling. */
  close(): void;
}

interface Watch {
  known: number;
  listener: PokeListener;
  watcher?: PokeWatcher;
}

/** A poke hub over one database. */
function createPokeHub(database: Database, pollMs = POKE_POLL_MS): PokeHub {
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
    // The same poll ends the streams of tokens revoked or of members removed since (here or in
    // another API process): a removed member must not keep learning when the team changes.
    const watched = ids.flatMap((id) => [...(watching.get(id) ?? [])]).filter((w) => w.watcher);
    if (!watched.length) return;
    const tokenIds = [...new Set(watched.map((w) => w.watcher!.tokenId))];
    const valid = await database.client.execute({
      sql:
        `SELECT t.id FROM tokens t JOIN members m ON m.id = t.member_id WHERE t.id IN ` +
        `(${tokenIds.map(() => "?").join(",")}) AND t.revoked_at IS NULL AND m.removed_at IS NULL`,
      args: tokenIds,
    });
    const alive = new Set(valid.rows.map((row) => String(row.id)));
    for (const watch of watched) if (!alive.has(watch.watcher!.tokenId)) watch.watcher!.onRevoked();
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
    watch(workspaceId, knownVersion, listener, watcher) {
      const watch: Watch = { known: knownVersion, listener, ...(watcher ? { watcher } : {}) };
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

const hubs = new WeakMap<Deps, PokeHub>();

/** The poke hub of one app instance: the sync routes watch through it, member and token routes notify it. */
export function pokeHubFor(deps: Deps): PokeHub {
  let hub = hubs.get(deps);
  if (!hub) {
    hub = createPokeHub(deps.database);
    hubs.set(deps, hub);
  }
  return hub;
}
