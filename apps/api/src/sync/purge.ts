import { purgeBefore, TRASH_RETENTION_DAYS } from "@leadpane/domain/sync";
import { AUDIT_ACTIONS, writeAudit } from "../auth/audit.ts";
import type { Database } from "../db/client.ts";
import { DELETE_CLOCK_SQL } from "../db/json.ts";
import { placeholders, rawTx } from "./raw-tx.ts";
import { withWriteTransaction } from "./transaction.ts";

/** Tombstones purged per write transaction: bounds how long one purge holds the write lock. */
const BATCH = 200;
/** How often the API process purges the trash. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;

/** What one purge removed: records by workspace. */
export type PurgeSummary = Record<string, number>;

/**
 * Hard-deletes every tombstone whose delete is older than the trash's 30 days at `now` (its delete
 * clock's wall time, the deadline every client shows), in every workspace. Each batch commits at a
 * new workspace version with one `purged` erasure per record, so every client's next pull drops
 * its copy (`{ op: "del" }`) and a change still queued for it is refused as `purged` rather than
 * applied. A restore that commits first keeps its record: candidates are chosen inside the write
 * transaction that deletes them. Takes the clock as an argument so tests can move through time.
 */
export async function purgeTrash(database: Database, now: () => number = Date.now): Promise<PurgeSummary> {
  const summary: PurgeSummary = {};
  const cutoff = purgeBefore(now());
  const workspaces = await database.client.execute({
    sql: `SELECT DISTINCT workspace_id FROM records WHERE deleted = 1 AND ${DELETE_CLOCK_SQL} < ?`,
    args: [cutoff],
  });
  for (const row of workspaces.rows) {
    const workspaceId = String(row.workspace_id);
    for (;;) {
      const purged = await purgeBatch(database, workspaceId, cutoff, new Date(now()).toISOString());
      if (purged) summary[workspaceId] = (summary[workspaceId] ?? 0) + purged;
      if (purged < BATCH) break;
    }
  }
  return summary;
}

async function purgeBatch(database: Database, workspaceId: string, cutoff: string, at: string): Promise<number> {
  return withWriteTransaction(database, async (tx) => {
    const sql = rawTx(tx);
    const doomed = (
      await sql.execute({
        sql:
          `SELECT type, id FROM records WHERE workspace_id = ? AND deleted = 1 ` +
          `AND ${DELETE_CLOCK_SQL} < ? ORDER BY type, id LIMIT ${BATCH}`,
        args: [workspaceId, cutoff],
      })
    ).rows.map((r) => ({ type: String(r.type), id: String(r.id) }));
    if (!doomed.length) return 0;
    const bumped = (
      await sql.execute({
        sql: "UPDATE workspaces SET version = version + 1 WHERE id = ? RETURNING version",
        args: [workspaceId],
      })
    ).rows[0];
    const version = Number(bumped?.version);
    const byType = new Map<string, string[]>();
    for (const { type, id } of doomed) byType.set(type, [...(byType.get(type) ?? []), id]);
    for (const [type, ids] of byType) {
      const args = [workspaceId, type, ...ids];
      const inIds = placeholders(ids.length);
      await sql.execute({
        sql: `DELETE FROM records WHERE workspace_id = ? AND type = ? AND id IN (${inIds})`,
        args,
      });
      // Tombstones hold no match keys (write.ts drops them); cleared anyway in case an older index kept some.
      await sql.execute({
        sql: `DELETE FROM record_keys WHERE workspace_id = ? AND type = ? AND id IN (${inIds})`,
        args,
      });
      await sql.execute({
        sql:
          "INSERT INTO erasures (workspace_id, type, id, version, reason) " +
          "SELECT ?1, ?2, value, ?3, 'purged' FROM json_each(?4) WHERE true " +
          "ON CONFLICT (workspace_id, type, id) DO UPDATE SET version = excluded.version, reason = excluded.reason",
        args: [workspaceId, type, version, JSON.stringify(ids)],
      });
    }
    // Ids and counts only, as for a privacy erasure.
    await writeAudit(
      tx,
      {
        workspaceId,
        memberId: null,
        action: AUDIT_ACTIONS.trashPurged,
        detail: { retentionDays: TRASH_RETENTION_DAYS, records: doomed },
      },
      at,
    );
    return doomed.length;
  });
}

/**
 * Purges the trash now and then every `intervalMs` in this process (several API processes may each
 * run it: a batch's candidates are read inside its write transaction, so they never purge twice).
 * A failed run is logged and retried at the next tick. Returns a function that stops it.
 */
export function startPurgeJob(
  database: Database,
  { intervalMs = PURGE_INTERVAL_MS, now = Date.now }: { intervalMs?: number; now?: () => number } = {},
): () => void {
  const run = async () => {
    try {
      const summary = await purgeTrash(database, now);
      const total = Object.values(summary).reduce((a, b) => a + b, 0);
      if (total) console.log(JSON.stringify({ level: "info", msg: "trash purged", records: total }));
    } catch (error) {
      console.error(JSON.stringify({ level: "error", msg: "trash purge failed", name: (error as Error)?.name }));
    }
  };
  void run();
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
