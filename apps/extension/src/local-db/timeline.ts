import { type Activity, isSafeLink } from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";

/** One line of a record's timeline: an activity, or a field value that was replaced. */
export interface TimelineEntry {
  id: string;
  kind: Activity["type"] | "field_history";
  at: string;
  authorId: string | null;
  body: string;
  /** Where it came from (a capture's page), when known. */
  url: string | null;
  /** What changed, in words, for status changes, conversions, stage moves and field history. */
  detail: string | null;
}

/**
 * Fields whose history is bookkeeping, or already told by an activity (a status change, a stage
 * move, a conversion or merge): showing both would say the same thing twice.
 */
const QUIET_FIELDS = new Set([
  "provenance",
  "updatedAt",
  "createdAt",
  "custom",
  "keys",
  "status",
  "unqualifiedReason",
  "stage",
  "convertedContactId",
  "convertedCompanyId",
  "convertedDealId",
  "mergedIntoId",
]);

/**
 * The timeline of a record, newest first: its activities (and those of the records it came from)
 * plus the values its fields had before they were changed (`meta.history`), so "who changed the
 * title, and from what" is answered in the same place as notes and captures.
 */
export function buildTimeline(
  activities: readonly Activity[],
  records: readonly Pick<SyncedRecord, "id" | "meta">[],
): TimelineEntry[] {
  const entries: TimelineEntry[] = activities.map((a) => ({
    id: a.id,
    kind: a.type,
    at: a.occurredAt,
    authorId: a.authorId,
    body: a.body,
    // Only a link that cannot run script (one stored before the schema refused others is shown as nothing).
    url: typeof a.data.url === "string" && isSafeLink(a.data.url) ? a.data.url : null,
    detail: describeActivity(a),
  }));
  for (const record of records) {
    record.meta.history.forEach((h, i) => {
      if (QUIET_FIELDS.has(h.field)) return;
      entries.push({
        id: `${record.id}:history:${i}`,
        kind: "field_history",
        at: h.at,
        authorId: h.by,
        body: "",
        url: null,
        detail: `${humanField(h.field)} was ${showValue(h.value)}`,
      });
    });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
}

/** A short sentence for activities whose meaning is in their data. */
function describeActivity(a: Activity): string | null {
  const d = a.data;
  if (a.type === "status_change") return `${d.from ?? "?"} → ${d.to ?? "?"}${d.reason ? ` (${d.reason})` : ""}`;
  if (a.type === "stage_change") return `${d.from ?? "?"} → ${d.to ?? "?"}`;
  if (a.type === "conversion") return "Lead converted to a contact";
  if (a.type === "merge")
    return typeof d.mergedName === "string"
      ? `Merged ${d.mergedName} into this record`
      : "Merged a duplicate into this record";
  if (a.type === "email" && typeof d.subject === "string") return d.subject;
  return null;
}

function humanField(field: string): string {
  return field.replace(/([A-Z])/g, " $1").replace(/^./, (c) => c.toUpperCase());
}

function showValue(value: unknown): string {
  if (value === null || value === undefined || value === "") return "empty";
  if (typeof value === "string") return `“${value}”`;
  return JSON.stringify(value);
}
