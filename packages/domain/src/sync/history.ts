import type { ApplyContext } from "./context.ts";
import type { HistoryEntry, SyncedRecord } from "./record.ts";

/** Most history entries kept per record. */
export const MAX_HISTORY = 50;

/**
 * Keeps a value the record no longer shows in its history — an overwritten value, an incoming write
 * that lost, a value a rule declined, an old activity subject — with who and when from `ctx`; only
 * the newest MAX_HISTORY entries stay.
 */
export function keepHistory(
  record: SyncedRecord,
  entry: Pick<HistoryEntry, "field" | "value" | "hlc" | "replacedBy">,
  ctx: ApplyContext,
): void {
  record.meta.history.push({
    field: entry.field,
    value: entry.value,
    hlc: entry.hlc,
    replacedBy: entry.replacedBy,
    by: ctx.actorId,
    at: ctx.now,
  });
  record.meta.history = record.meta.history.slice(-MAX_HISTORY);
}
