import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import * as schema from "./schema.ts";
import { cacheLocalStatements } from "./statement-cache.ts";

/** The drizzle database the API works with. */
export type Db = LibSQLDatabase<typeof schema>;
/** A write transaction (BEGIN IMMEDIATE) or the database itself. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/** A connected database with its raw client (for closing). */
export interface Database {
  db: Db;
  client: Client;
  close(): void;
}

const MIGRATIONS = resolve(dirname(fileURLToPath(import.meta.url)), "../../drizzle");

/** How long a write waits for another process's write lock before failing (ms). */
const BUSY_TIMEOUT_MS = 10_000;

/**
 * Opens the database at `url` (a `file:` path or a libSQL server URL), turns on WAL for local
 * files (a SIGKILL never loses a committed transaction, and readers do not block the writer) and
 * applies the committed drizzle-kit migrations.
 */
export async function openDatabase(url: string, authToken?: string): Promise<Database> {
  if (url.startsWith("file:")) {
    cacheLocalStatements();
    const path = url.slice("file:".length);
    if (path && path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const client = createClient({ url, ...(authToken ? { authToken } : {}), timeout: BUSY_TIMEOUT_MS });
  if (url.startsWith("file:")) {
    await client.execute("PRAGMA journal_mode=WAL");
  }
  const db = drizzle(client, { schema });
  await migrateWithRetry(db);
  return { db, client, close: () => client.close() };
}

// Two API processes starting together race to migrate; the loser sees SQLITE_BUSY or an
// already-applied migration and simply tries again.
async function migrateWithRetry(db: Db): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await migrate(db, { migrationsFolder: MIGRATIONS });
      return;
    } catch (error) {
      if (attempt >= 5) throw error;
      await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
    }
  }
}

/** Whether an error is SQLite's "database is locked / busy". */
export function isBusyError(error: unknown): boolean {
  const text = `${(error as { code?: string })?.code ?? ""} ${(error as Error)?.message ?? ""}`;
  return /SQLITE_BUSY|database is locked/i.test(text);
}
