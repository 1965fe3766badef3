import { isBusyError, type Database, type Tx } from "../db/client.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";
import { rawTx } from "./raw-tx.ts";

const ATTEMPTS = 4;

/**
 * Page-cache settings of the connection a write group runs on (per connection, so set on each
 * group: the pool may hand out another one; two statements cost ~0.1 ms). Performance only,
 * durability is untouched (synchronous stays FULL: every commit's WAL is fsynced).
 *
 * - A push of 100 creates dirties ~1,300 pages at random places in the match-key and primary-key
 *   indexes; with SQLite's default 2 MB cache they spill to the WAL mid-transaction and are read
 *   back. 64 MB holds a group's working set.
 * - With the default 1,000-page auto-checkpoint nearly every group commit copied its pages into the
 *   database file again. At 10,000 pages (≈ 40 MB of WAL) a page rewritten by several commits is
 *   copied once.
 */
export const WRITE_PRAGMAS = ["PRAGMA cache_size = -65536", "PRAGMA wal_autocheckpoint = 10000"];

async function tunePager(database: Database, tx: Tx): Promise<void> {
  // Only on a local file: a libSQL server tunes its own pager (and may refuse pragmas).
  if (database.client.protocol !== "file") return;
  const sql = rawTx(tx);
  for (const pragma of WRITE_PRAGMAS) await sql.execute({ sql: pragma, args: [] });
}
/** Most queued jobs committed together (bounds how long one transaction holds the lock). */
const MAX_GROUP = 32;

interface Job {
  fn: (tx: Tx) => Promise<unknown>;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Queue {
  jobs: Job[];
  running: boolean;
}

/** Per database: this process's queue of write jobs. */
const queues = new WeakMap<Database, Queue>();

/**
 * Runs `fn` in a write transaction that takes the write lock up front (BEGIN IMMEDIATE, drizzle's
 * libSQL transaction), so two writers never deadlock upgrading read locks. Resolves only after the
 * commit: an acknowledgement sent then is true even if the process dies right after.
 *
 * Within one process, write jobs run one transaction at a time. A local libSQL file waits for a
 * busy lock *synchronously* (its busy timeout blocks the thread): a second transaction begun while
 * this process's first one awaits between statements would block the event loop the first one
 * needs to finish, and both would stall for the whole timeout.
 *
 * Jobs that queue up while a transaction runs are committed together, each in its own savepoint
 * (group commit): one job's failure rolls back only that job, and one disk sync covers them all,
 * which is what lets concurrent pushes go faster than one fsync each.
 *
 * Across processes the busy timeout does the waiting; when it runs out, the transaction is rolled
 * back (the libSQL client rolls back a connection that failed mid-transaction before reusing it,
 * so a busy error cannot leave the write lock held) and retried; after that the jobs' callers are
 * told to retry later (503).
 */
export function withWriteTransaction<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  let queue = queues.get(database);
  if (!queue) {
    queue = { jobs: [], running: false };
    queues.set(database, queue);
  }
  const result = new Promise<T>((resolve, reject) => {
    queue.jobs.push({ fn, resolve: resolve as (value: unknown) => void, reject });
  });
  if (!queue.running) {
    // Start on the next turn of the event loop, not now: a local libSQL transaction runs without
    // yielding to I/O, so requests whose bodies arrived together only share a commit if the
    // first one waits for the others' handlers to queue their jobs.
    queue.running = true;
    setImmediate(() => void drain(database, queue));
  }
  return result;
}

async function drain(database: Database, queue: Queue): Promise<void> {
  try {
    while (queue.jobs.length) {
      const group = queue.jobs.splice(0, MAX_GROUP);
      await runGroup(database, queue, group);
    }
  } finally {
    queue.running = false;
  }
}

/**
 * Runs `group` in one transaction, and before its commit the jobs that queued while it ran (up to
 * MAX_GROUP in all): a client with two pushes on their way sends the second while the first is
 * applied, and without this each committed alone, one fsync each. A job that joins waits for the
 * commit like the others, so its answer still follows its commit.
 */
async function runGroup(database: Database, queue: Queue, group: Job[]): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const outcomes: Array<{ ok: true; value: unknown } | { ok: false; error: unknown }> = [];
    try {
      await database.db.transaction(async (tx) => {
        await tunePager(database, tx);
        for (let i = 0; ; i++) {
          if (i === group.length) {
            // One turn of the event loop lets requests that arrived meanwhile queue their jobs.
            if (group.length < MAX_GROUP) await new Promise<void>((resolve) => setImmediate(resolve));
            if (!queue.jobs.length || group.length >= MAX_GROUP) break;
            group.push(...queue.jobs.splice(0, MAX_GROUP - group.length));
          }
          const job = group[i]!;
          // A lone job needs no savepoint (its failure rolls back the whole transaction and nothing
          // joins it); jobs of a group, or joining one, each can fail alone.
          const lone = group.length === 1;
          try {
            const value = lone ? await job.fn(tx) : await tx.transaction((inner) => job.fn(inner as unknown as Tx));
            outcomes.push({ ok: true, value });
          } catch (error) {
            if (lone) throw error;
            outcomes.push({ ok: false, error });
          }
        }
      });
    } catch (error) {
      if (isBusyError(error) && attempt < ATTEMPTS) {
        await new Promise((resolve) => setTimeout(resolve, 25 * attempt + Math.random() * 25));
        continue;
      }
      const failure = isBusyError(error)
        ? new ApiError(503, ERROR_CODES.unavailable, "The database is busy; try again shortly", undefined, {
            "Retry-After": "1",
          })
        : error;
      for (const job of group) job.reject(failure);
      return;
    }
    group.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if (outcome.ok) job.resolve(outcome.value);
      else job.reject(outcome.error);
    });
    return;
  }
}
