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
  if (!inner || typeof inner.execute !== "function")
    throw new Error("drizzle's libSQL transaction is not where rawTx expects it");
  return inner;
}

/** `?, ?, ?` for `n` values. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => "?").join(", ");
}

/** Most ids bound in one `IN (…)` list (SQLite's variable limit leaves room for the other arguments). */
const IN_CHUNK = 400;

/**
 * Runs `query` once per record type and chunk of ids: lookups by `type = ? AND id IN (…)` use the
 * (workspace, type, id) keys, where `id IN (…)` alone would scan the workspace.
 */
export async function forEachTypeChunk(
  refs: Iterable<{ type: string; id: string }>,
  query: (type: string, ids: string[]) => Promise<void>,
): Promise<void> {
  const byType = new Map<string, Set<string>>();
  for (const ref of refs) byType.set(ref.type, (byType.get(ref.type) ?? new Set()).add(ref.id));
  for (const [type, idSet] of byType) {
    const ids = [...idSet];
    for (let i = 0; i < ids.length; i += IN_CHUNK) await query(type, ids.slice(i, i + IN_CHUNK));
  }
}
