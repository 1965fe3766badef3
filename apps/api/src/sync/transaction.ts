import { isBusyError, type Database, type Tx } from "../db/client.ts";
import { ApiError, ERROR_CODES } from "../errors.ts";

const ATTEMPTS = 3;

/**
 * Runs `fn` in a write transaction that takes the write lock up front (BEGIN IMMEDIATE), so two
 * writers never deadlock upgrading read locks. When the lock stays busy past the client's busy
 * timeout, the attempt is rolled back and retried; after that the client is told to retry later.
 */
export async function withWriteTransaction<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await database.db.transaction(fn);
    } catch (error) {
      if (!isBusyError(error)) throw error;
      if (attempt >= ATTEMPTS) {
        throw new ApiError(503, ERROR_CODES.unavailable, "The database is busy; try again shortly", undefined, { "Retry-After": "2" });
      }
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}
