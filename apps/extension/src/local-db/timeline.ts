import {
  isSafeLink,
  methodsInWords,
  postalAddressLine,
  postalAddressOf,
  type Activity,
  type PipelineStage,
} from "@leadpane/domain";
import type { SyncedRecord } from "@leadpane/domain/sync";
import { fieldLabel, fieldValueWords } from "../components/field-words.ts";
import { statusLabel } from "../components/format.ts";

/** One line of a record's timeline: an activity, or a field value that was replaced. */
export interface TimelineEntry {
  id: string;
  kind: Activity["type"] | "field_history";
  at: string;
  authorId: string | null;
  /** What the entry is, in words: "Status: New → Qualified", "Email from Aoife Márquez", "Captured from Team · Pipedream". */
  title: string;
  /** How the author took part: wrote or did it ("by"), or logged what someone else wrote ("logged by"). */
  authorRole: "by" | "logged by";
  body: string;
  /** Where it came from (a capture's page), when known. */
  url: string | null;
  /** A second line in words: a reason, an email's subject, how a capture found the person, a field's old value. */
  detail: string | null;
  /** How many captures from the same page this entry stands for (1 for every other entry). */
  count: number;
  /** When the first of those captures happened (`at` is the latest). */
  firstAt: string;
}

/** What the timeline's words come from besides the activities: the workspace's stage names. */
export interface TimelineLabels {
  stages?: readonly Pick<PipelineStage, "key" | "label">[];
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

const TITLES: Record<Activity["type"], string> = {
  capture: "Captured",
  note: "Note",
  email: "Email",
  call: "Call",
  meeting: "Meeting",
  status_change: "Status changed",
  conversion: "Converted",
  stage_change: "Deal stage moved",
  merge: "Merged",
  field_change: "Changed",
};

/**
 * The timeline of a record, newest first: its activities (and those of the records it came from)
 * plus the values its fields had before they were changed (`meta.history`), so "who changed the
 * title, and from what" is answered in the same place as notes and captures. Repeated captures of
 * one record from one page are one entry that counts them: a rep re-opening a team page is not news.
 */
export function buildTimeline(
  activities: readonly Activity[],
  records: readonly (Pick<SyncedRecord, "id" | "meta"> & { data?: Record<string, unknown> })[],
  labels: TimelineLabels = {},
): TimelineEntry[] {
  const entries: TimelineEntry[] = collapseCaptures(activities).map(({ activity: a, count, firstAt }) => ({
    id: a.id,
    kind: a.type,
    at: a.occurredAt,
    authorId: a.authorId,
    title: titleOf(a, labels),
    authorRole: a.type === "email" ? "logged by" : "by",
    body: a.type === "capture" ? captureBody(a.body) : a.body,
    // Only a link that cannot run script (one stored before the schema refused others is shown as nothing).
    url: typeof a.data.url === "string" && isSafeLink(a.data.url) ? a.data.url : null,
    detail: describeActivity(a),
    count,
    firstAt,
  }));
  for (const record of records) {
    // A company's one-line address follows its parts (address-edit.ts): one change, told once.
    const addressWrites = new Set(record.meta.history.filter((h) => h.field === "postalAddress").map((h) => h.at));
    record.meta.history.forEach((h, i) => {
      if (QUIET_FIELDS.has(h.field) || h.field.startsWith("$")) return;
      if (h.field === "address" && addressWrites.has(h.at)) return;
      entries.push({
        id: `${record.id}:history:${i}`,
        kind: "field_history",
        at: h.at,
        authorId: h.by,
        title: `${fieldLabel(h.field)} changed`,
        authorRole: "by",
        body: "",
        url: null,
        detail: `${fieldLabel(h.field)} was ${showValue(h.field, h.value, record.data, labels)}`,
        count: 1,
        firstAt: h.at,
      });
    });
  }
  return entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.id < b.id ? 1 : -1));
}

/** Activities with captures of one subject from one page folded into their latest, counted. */
function collapseCaptures(
  activities: readonly Activity[],
): Array<{ activity: Activity; count: number; firstAt: string }> {
  const out: Array<{ activity: Activity; count: number; firstAt: string }> = [];
  const byPage = new Map<string, { activity: Activity; count: number; firstAt: string }>();
  for (const activity of activities) {
    const url = activity.type === "capture" && typeof activity.data.url === "string" ? activity.data.url : null;
    if (!url) {
      out.push({ activity, count: 1, firstAt: activity.occurredAt });
      continue;
    }
    const key = `${activity.subject.type}:${activity.subject.id}:${url}`;
    const seen = byPage.get(key);
    if (!seen) {
      const entry = { activity, count: 1, firstAt: activity.occurredAt };
      byPage.set(key, entry);
      out.push(entry);
      continue;
    }
    seen.count += 1;
    if (activity.occurredAt > seen.activity.occurredAt) seen.activity = activity;
    if (activity.occurredAt < seen.firstAt) seen.firstAt = activity.occurredAt;
  }
  return out;
}

/** The entry's heading in words. */
function titleOf(a: Activity, labels: TimelineLabels): string {
  const d = a.data;
  if (a.type === "status_change")
    return `Status: ${statusLabel(text(d.from) ?? "?")} → ${statusLabel(text(d.to) ?? "?")}`;
  if (a.type === "stage_change") return `Stage: ${stageName(d.from, labels)} → ${stageName(d.to, labels)}`;
  if (a.type === "email") {
    const sender = senderOf(d.from);
    return sender ? `Email from ${sender}` : "Email";
  }
  if (a.type === "capture") {
    const page = text(d.title);
    if (page) return `Captured from ${page}`;
    if (d.from !== undefined || text(d.subject))
      return `Captured from an email${text(d.subject) ? `: ${d.subject}` : ""}`;
    const url = text(d.url);
    return url ? `Captured from ${shortAddress(url)}` : "Captured";
  }
  return TITLES[a.type] ?? a.type;
}

/** A short sentence for activities whose meaning is in their data. */
function describeActivity(a: Activity): string | null {
  const d = a.data;
  if (a.type === "status_change") return text(d.reason) ? `Reason: ${d.reason}` : null;
  if (a.type === "conversion") return "Lead converted to a contact";
  if (a.type === "merge")
    return typeof d.mergedName === "string"
      ? `Merged ${d.mergedName} into this record`
      : "Merged a duplicate into this record";
  if (a.type === "email" && typeof d.subject === "string") return d.subject;
  if (a.type === "capture" && (Array.isArray(d.methods) || typeof d.methods === "string"))
    return methodsInWords(Array.isArray(d.methods) ? d.methods.filter((m) => typeof m === "string") : d.methods);
  return null;
}

/** A capture's own sentence repeats the heading ("Captured from …"); only what it kept is news. */
function captureBody(body: string): string {
  if (!/^Captured from /.test(body)) return body;
  return /\. (Kept: [\s\S]*)$/.exec(body)?.[1] ?? "";
}

/** The name a workspace gives a stage key, or the key in words for a stage it no longer has. */
function stageName(key: unknown, labels: TimelineLabels): string {
  const k = text(key);
  if (!k) return "?";
  return labels.stages?.find((s) => s.key === k)?.label ?? statusLabel(k);
}

/** The sender of a logged email: its name, else its address (older activities hold only the address). */
function senderOf(from: unknown): string | null {
  if (typeof from === "string") return text(from);
  if (from && typeof from === "object") {
    const sender: { name?: unknown; address?: unknown } = from;
    return text(sender.name) ?? text(sender.address);
  }
  return null;
}

/** An address without scheme, "www." or query: "acme.com/team". */
function shortAddress(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname.replace(/^www\./, "")}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return url;
  }
}

function text(value: unknown): string | null {
  return typeof value === "string" && value.trim() ? value.trim() : null;
}

function showValue(
  field: string,
  value: unknown,
  data: Record<string, unknown> | undefined,
  labels: TimelineLabels,
): string {
  if (value === null || value === undefined || value === "") return "empty";
  const address = field === "postalAddress" ? postalAddressOf(value) : null;
  if (address) return `“${postalAddressLine(address)}”`;
  if (typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean")
    return JSON.stringify(value);
  const currency = typeof data?.currency === "string" ? data.currency : undefined;
  return `“${fieldValueWords(field, value, { currency, stages: (labels.stages ?? []) as PipelineStage[] })}”`;
}
