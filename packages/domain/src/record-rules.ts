import type { RecordType } from "./common.ts";
import { LEAD_STATUSES, type LeadStatus } from "./lead.ts";
import { transitionLead } from "./lifecycle.ts";

// The lifecycle's rules (lifecycle.ts) as questions a screen asks before offering a change: the
// sync engine refuses the same changes when they are made.

/** Whether a record takes no plain change (fields, owner, tags): a converted lead is read-only. */
export function isReadOnlyRecord(type: RecordType, data: { status?: unknown }): boolean {
  return type === "lead" && data.status === "converted";
}

function isLeadStatus(value: unknown): value is LeadStatus {
  return (LEAD_STATUSES as readonly unknown[]).includes(value);
}

/**
 * What asking for status `to` does to a lead in status `from` when nothing else is asked, as in a
 * change of many leads at once: `unchanged` when it is there already, `change` when the transition
 * table allows it without a reason, else `refused` (a converted lead, a transition the table
 * forbids, or unqualifying, which needs a reason).
 */
export function plainStatusChange(from: unknown, to: LeadStatus): "unchanged" | "change" | "refused" {
  if (from === to) return "unchanged";
  return isLeadStatus(from) && transitionLead(from, to, null).ok ? "change" : "refused";
}

/** The statuses a plain status change can reach from some status: what a change of many leads at once offers. */
export const PLAIN_LEAD_STATUSES: readonly LeadStatus[] = LEAD_STATUSES.filter((to) =>
  LEAD_STATUSES.some((from) => plainStatusChange(from, to) === "change"),
);
