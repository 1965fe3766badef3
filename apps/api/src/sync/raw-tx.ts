import type { InStatement, ResultSet } from "@libsql/client";
import type { Tx } from "../db/client.ts";

/** Plain SQL inside a drizzle write transaction, for the push path's hot statements. */
export interface SqlTx {
  execute(statement: InStatement): Promise<ResultSet>;
}

/**
 * The libSQL transaction under a drizzle transaction (savepoints included: they share it). The
 * push path builds its few statements by hand: drizzle's query building cost more than SQLite's
 * work for a 100-mutation push. Throws if a drizzle upgrade moves it, so tests fail loudly.
 */
export function rawTx(tx: Tx): SqlTx {
  const inner = (tx as unknown as { session?: { tx?: SqlTx } }).session?.tx;
  if (!inner || typeof inner.execute !== "function") throw new Error("drizzle's libSQL transaction is not where rawTx expects it");
  return inner;
}

/** `?, ?, ?` for `n` values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}
