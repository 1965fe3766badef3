import { FIELD_LABELS, postalAddressLine, postalAddressOf, type Member, type PipelineStage } from "@leadpane/domain";
import { formatDay, formatMoney, formatWhen, statusLabel } from "./format.ts";

/** Labels of fields the forms do not name, as a rep reads them in a record's history. */
const MORE_LABELS: Readonly<Record<string, string>> = {
  expectedCloseAt: "Close date",
  // Links to other records, not the names typed on this one ("Company" is companyName's label).
  companyId: "Linked company",
  contactId: "Linked contact",
  leadId: "Linked lead",
  lifecycle: "Lifecycle",
  status: "Status",
  occurredAt: "When",
  completedAt: "Completed",
};

/** What a field is called on screen ("expectedCloseAt" → "Close date"). */
export function fieldLabel(field: string): string {
  if (Object.hasOwn(FIELD_LABELS, field)) return FIELD_LABELS[field] as string;
  if (Object.hasOwn(MORE_LABELS, field)) return MORE_LABELS[field] as string;
  const words = field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** What the words for a value need to know about the record and the workspace. */
export interface ValueContext {
  currency?: string | undefined;
  members?: Map<string, Member>;
  stages?: readonly PipelineStage[];
}

/**
 * A stored value in words: money in the record's currency (not minor units), dates as dates,
 * statuses and stages by their names, members by name; anything else as typed. Null and "" are
 * "empty".
 */
export function fieldValueWords(field: string, value: unknown, ctx: ValueContext = {}): string {
  if (value === null || value === undefined || value === "") return "empty";
  if (field === "amount" && typeof value === "number") return formatMoney(value, ctx.currency ?? "USD");
  // An address's parts on one line, in its country's order.
  if (field === "postalAddress" && postalAddressOf(value)) return postalAddressLine(postalAddressOf(value)!);
  if (typeof value === "string") {
    if (field === "expectedCloseAt") return formatDay(value);
    if (field === "dueAt" || field === "completedAt" || field === "occurredAt") return formatWhen(value);
    if (field === "status" || field === "lifecycle") return statusLabel(value);
    if (field === "stage") return ctx.stages?.find((s) => s.key === value)?.label ?? statusLabel(value);
    if (field === "ownerId" || field === "assigneeId") {
      if (!ctx.members) return "another member";
      return ctx.members.get(value)?.name ?? "a former member";
    }
    if (field === "companyId" || field === "contactId" || field === "leadId") return "another record";
  }
  return String(value);
}
