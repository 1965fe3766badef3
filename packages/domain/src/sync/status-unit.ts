import type { Hlc } from "./hlc.ts";
import type { SyncedRecord } from "./record.ts";

// A conflict rule of the engine's (like sets and tombstones), not a lifecycle rule: which write wins a
// lead's status. The lifecycle (lifecycle.ts) then judges whether a winning write is allowed.

/**
 * A lead's `status` and `unqualifiedReason` are one last-writer-wins unit, not two fields: a write
 * naming either wins both or neither, by one clock (`statusUnitClock`), so the status and the reason
 * always come from the same write. (As two fields, a re-open clearing the reason and a concurrent
 * unqualify could each win one: `unqualified` with no reason.)
 */
export const STATUS_UNIT_FIELDS: readonly string[] = ["status", "unqualifiedReason"];

/**
 * The clock the status unit is ordered by: the later of its two fields' clocks. A winning write
 * sets both to its clock; taking the later also orders a create that named only one of the two and
 * records written before the unit existed, whose clocks may differ.
 */
export function statusUnitClock(record: SyncedRecord): Hlc {
  const status = record.meta.clocks.status ?? "";
  const reason = record.meta.clocks.unqualifiedReason ?? "";
  // biome-ignore lint/complexity/useMathMinMax: HLCs are strings compared in order; Math.max would make them NaN.
  return status > reason ? status : reason;
}

/**
 * The whole status unit a lead write names, or null when it names neither field: the named status
 * (else the current one) and the named reason (else the current one while staying unqualified),
 * trimmed, blank as null, and null whenever the status is not `unqualified`. `updateRecord`
 * (fields.ts) writes both values when the write wins `statusUnitClock`, and neither when it loses.
 */
export function statusUnitWrite(
  current: Record<string, unknown>,
  set: Record<string, unknown>,
): { status: unknown; unqualifiedReason: string | null } | null {
  if (!("status" in set) && !("unqualifiedReason" in set)) return null;
  const status = "status" in set ? set.status : (current.status ?? "new");
  const named =
    "unqualifiedReason" in set
      ? set.unqualifiedReason
      : current.status === "unqualified"
        ? current.unqualifiedReason
        : null;
  const reason = typeof named === "string" ? named.trim() || null : null;
  return { status, unqualifiedReason: status === "unqualified" ? reason : null };
}
