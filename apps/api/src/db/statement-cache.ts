import { createRequire } from "node:module";

/** Statements kept per connection (the push path uses about fifteen; `IN (…)` lists of each length count apart). */
const PER_CONNECTION = 256;

interface NativeStatement {
  /** Whether the statement returns rows (the native binding asks SQLite: cheap). */
  readonly reader: boolean;
  raw(raw?: boolean): NativeStatement;
}
interface NativeDatabase {
  prepare(sql: string): NativeStatement;
  close(): void;
}

let installed = false;
/**
 * What a kept statement's `raw()` throws when it returns no rows: @libsql/client calls `raw(true)` on
 * every statement and takes a throw to mean "runs without rows"; the native binding's own throw
 * built a new error with its stack each time (measured 3.5 µs alone, ~20 µs deep in the API's
 * async stacks: 3% of a push's server CPU for its eight or so writes). One error, made once.
 */
const NOT_A_READER = Object.assign(new Error("This statement does not return data. Use run() instead"), {
  code: "SQLITE_MISUSE",
});

/** `raw()` of a kept statement: refuses a statement without rows by throwing the one error above. */
function rawOfKept(this: NativeStatement & { nativeRaw: NativeStatement["raw"] }, raw?: boolean): NativeStatement {
  if (!this.reader) throw NOT_A_READER;
  return this.nativeRaw(raw);
}

const UNKEPT = /^\s*pragma|\*/i;
const SCHEMA_CHANGE = /^\s*(create|alter|drop)\b/i;

/**
 * Makes the local libSQL driver (the `libsql` package under @libsql/client) keep each connection's
 * prepared statements by their SQL text, as better-sqlite3 users do by hand: @libsql/client prepares
 * every statement anew on every call, and SQLite's parse and plan of the push path's fifteen or so
 * statements was a tenth of a push's time outside the commit. A statement is reused only on its own
 * connection, after its previous run finished (the client always runs one to completion before it
 * returns), and SQLite re-prepares it by itself when the schema changes. Not kept: `PRAGMA`s (the
 * driver's `pragma()` switches them to pluck mode) and anything with a `*` (`SELECT *`, `RETURNING *`:
 * the driver reads a statement's column names before running it, so a kept one would name the columns
 * of before a schema change); and a schema change made here (CREATE, ALTER, DROP) forgets them all.
 */
export function cacheLocalStatements(): void {
  if (installed) return;
  installed = true;
  const require = createRequire(createRequire(import.meta.url).resolve("@libsql/client"));
  const Database = require("libsql") as { prototype: NativeDatabase };
  const prepare = Database.prototype.prepare;
  const close = Database.prototype.close;
  const caches = new WeakMap<NativeDatabase, Map<string, NativeStatement> & { generation: number }>();
  let generation = 0;
  Database.prototype.prepare = function (this: NativeDatabase, sql: string): NativeStatement {
    if (UNKEPT.test(sql)) return prepare.call(this, sql);
    if (SCHEMA_CHANGE.test(sql)) {
      generation++;
      return prepare.call(this, sql);
    }
    let cache = caches.get(this);
    if (!cache || cache.generation !== generation) {
      cache = Object.assign(new Map<string, NativeStatement>(), { generation });
      caches.set(this, cache);
    }
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare.call(this, sql);
      Object.assign(statement, { nativeRaw: statement.raw, raw: rawOfKept });
      if (cache.size >= PER_CONNECTION) cache.delete(cache.keys().next().value!);
      cache.set(sql, statement);
    }
    return statement;
  };
  Database.prototype.close = function (this: NativeDatabase): void {
    caches.delete(this);
    close.call(this);
  };
}
