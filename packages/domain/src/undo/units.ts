import type { RecordType } from "../common.ts";

/**
 * Fields an undo puts back together or not at all: a lead's status with its reason and the
 * conversion's pointers (a lead back to `qualified` still pointing at a contact would be half
 * converted). Read by the revertFields mutation and by the planning of an undo alike.
 */
export const REVERT_UNITS: Partial<Record<RecordType, readonly string[]>> = {
  lead: ["status", "unqualifiedReason", "convertedContactId", "convertedCompanyId", "convertedDealId"],
};
