import type { KeptChange } from "./trace.ts";

/** Words for fields whose names say little to a rep. */
const FIELD_WORDS: Record<string, string> = {
  ownerId: "owner",
  companyId: "company",
  contactId: "contact",
  companyName: "company name",
  unqualifiedReason: "reason",
  closeDate: "close date",
  dueAt: "due time",
  assigneeId: "assignee",
  subject: "record it is about",
  convertedContactId: "conversion",
  convertedCompanyId: "conversion",
  convertedDealId: "conversion",
  mergedIntoId: "merge",
};

/**
 * What an undo kept, in plain words, one sentence per change: "Kept Sam Lee's change to Jane Doe's
 * title." or "Kept the contact Jane Doe: it was changed after the conversion." `whose` gives a
 * member's name as a possessive from their id ("Sam Lee's", "your"; null when unknown); `action`
 * names what is undone.
 */
export function describeKept(
  kept: readonly KeptChange[],
  whose: (memberId: string) => string | null,
  action = "the action",
): string[] {
  return kept.map((change) => {
    const what = change.name || `this ${change.type}`;
    if (change.field === null) return `Kept the ${change.type} ${what}: it was changed after ${action}.`;
    const who = change.by ? whose(change.by) : null;
    const field = FIELD_WORDS[change.field] ?? change.field.replace(/[A-Z]/g, (c) => ` ${c.toLowerCase()}`);
    return `Kept ${who ?? "a newer"} change to ${what}'s ${field}.`;
  });
}
