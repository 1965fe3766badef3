import { isBusyError, type Database, type Tx } from "../db/client.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";

const ATTEMPTS = 4;

/** Per database: the tail of this process's queue of write transactions. */
const queues = new WeakMap<Database, Promise<unknown>>();

/**
 * Runs `fn` in a write transaction that takes the write lock up front (BEGIN IMMEDIATE, drizzle's
 * libSQL transaction), so two writers never deadlock upgrading read locks.
 *
 * Within one process, write transactions run one at a time. A local libSQL file waits for a busy
 * lock *synchronously* (its busy timeout blocks the thread): a second transaction begun while this
 * process's first one awaits between statements would block the event loop the first one needs to
 * finish, and both would stall for the whole timeout. Across processes the busy timeout does the
 * waiting; when it runs out, the attempt is rolled back (the libSQL client rolls back a connection
 * that failed mid-transaction before reusing it, so a busy error cannot leave the write lock held)
 * and retried; after that the client is told to retry later.
 */
export async function withWriteTransaction<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  const previous = queues.get(database) ?? Promise.resolve();
  const run = previous.then(
    () => attempt(database, fn),
    () => attempt(database, fn),
  );
  // The queue goes on whatever this transaction's outcome.
  queues.set(
    database,
    run.catch(() => undefined),
  );
  return run;
}

async function attempt<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.db.transaction(fn);
    } catch (error) {
      if (!isBusyError(error)) throw error;
      if (attempt >= ATTEMPTS) {
        throw new ApiError(503, ERROR_CODES.unavailable, "The database is busy; try again shortly", undefined, { "Retry-After": "1" });
      }
      await new Promise((resolve) => setTimeout(resolve, 25 * attempt + Math.random() * 25));
    }
  }
}
