import { z } from "zod";
import type { LeadSource } from "../lead.ts";
import type { SyncedRecord } from "../sync/record.ts";
import type { PipelineStage } from "../workspace.ts";

/** A calendar date, YYYY-MM-DD (UTC), that is a real day. */
export const ReportDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be an ISO 8601 date such as 2026-01-31")
  .refine((value) => {
    const day = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(value);
  }, "is not a real date");

/** The lead sources a report may be narrowed to. */
export const ReportSourceSchema = z.enum(["web", "email", "manual", "import"]);
export type ReportSource = LeadSource["kind"];

/**
 * What every report is computed for. `from` and `to` are UTC calendar days, both included. `owner`
 * is a member id: a lead's or deal's owner, an activity's author, a task's assignee. `source` is a
 * lead's `source.kind` (a deal's is its lead's). `now` fixes "today" (overdue tasks, this quarter).
 */
export interface ReportOptions {
  from: string;
  to: string;
  owner?: string | null;
  source?: ReportSource | null;
  now: string;
  pipeline: readonly PipelineStage[];
}

/** The records a report reads: any synced records (tombstones are skipped). */
export type ReportRecords = ReadonlyArray<SyncedRecord>;

/** Whether an ISO timestamp falls on a day within the range (compared as text: both are UTC ISO). */
export function inRange(iso: string, options: Pick<ReportOptions, "from" | "to">): boolean {
  const day = iso.slice(0, 10);
  return day >= options.from && day <= options.to;
}

const DAY = 86_400_000;

/** The Monday (UTC) of the ISO week an ISO timestamp falls in, as YYYY-MM-DD. */
export function weekOf(iso: string): string {
  const day = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  const weekday = (new Date(day).getUTCDay() + 6) % 7;
  return new Date(day - weekday * DAY).toISOString().slice(0, 10);
}

/** The month of an ISO timestamp, YYYY-MM. */
export function monthOf(iso: string): string {
  return iso.slice(0, 7);
}

/** Whole and fractional days between two ISO timestamps, rounded to a tenth. */
export function daysBetween(start: string, end: string): number {
  return Math.round((Date.parse(end) - Date.parse(start)) / (DAY / 10)) / 10;
}

/** The median of some numbers (the mean of the middle two for an even count), or null for none. */
export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : Math.round(((sorted[mid - 1]! + sorted[mid]!) / 2) * 10) / 10;
}

/** A share as a fraction rounded to four places, or null when there is nothing to divide by. */
export function rate(part: number, whole: number): number | null {
  return whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : null;
}

/** A status or stage change as an activity records it. */
export interface Transition {
  at: string;
  id: string;
  from: string | null;
  to: string;
}

/** The status or stage changes per record (by id), oldest first, and each lead's conversion time. */
export interface RecordChanges {
  leadStatus: Map<string, Transition[]>;
  dealStage: Map<string, Transition[]>;
  converted: Map<string, string>;
}

/** One pass over the activities: status changes of leads, stage changes of deals, conversions. */
export function recordChanges(records: ReportRecords): RecordChanges {
  const leadStatus = new Map<string, Transition[]>();
  const dealStage = new Map<string, Transition[]>();
  const converted = new Map<string, string>();
  for (const record of records) {
    if (record.type !== "activity" || record.deleted) continue;
    const activity = record.data;
    const type = activity.type;
    if (type !== "status_change" && type !== "stage_change" && type !== "conversion") continue;
    const subject = activity.subject;
    if (type === "conversion") {
      if (subject.type !== "lead") continue;
      const before = converted.get(subject.id);
      if (before === undefined || activity.occurredAt < before) converted.set(subject.id, activity.occurredAt);
      continue;
    }
    const to = activity.data.to;
    if (typeof to !== "string") continue;
    const from = typeof activity.data.from === "string" ? activity.data.from : null;
    const map = type === "status_change" ? leadStatus : dealStage;
    if ((type === "status_change") !== (subject.type === "lead")) continue;
    const list = map.get(subject.id);
    const change = { at: activity.occurredAt, id: record.id, from, to };
    if (list) list.push(change);
    else map.set(subject.id, [change]);
  }
  for (const list of [...leadStatus.values(), ...dealStage.values()])
    if (list.length > 1) list.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  return { leadStatus, dealStage, converted };
}

/** The source kind of each live lead, by id (deals are narrowed by their lead's source). */
export function leadSources(records: ReportRecords): Map<string, ReportSource> {
  const sources = new Map<string, ReportSource>();
  for (const record of records)
    if (record.type === "lead" && !record.deleted) sources.set(record.id, record.data.source?.kind ?? "manual");
  return sources;
}

/** Text order by code unit: the same on every machine (localeCompare is not). */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A deal's source: its lead's `source.kind`, or null for a deal not converted from a lead. */
export function dealSource(leadId: string | null, sources: ReadonlyMap<string, ReportSource>): ReportSource | null {
  return leadId ? (sources.get(leadId) ?? null) : null;
}

/** When a deal closed: its last move into a won or lost stage, else its last update. */
export function closedAt(
  updatedAt: string,
  changes: readonly Transition[] | undefined,
  terminal: ReadonlySet<string>,
): string {
  if (changes) for (let i = changes.length - 1; i >= 0; i--) if (terminal.has(changes[i]!.to)) return changes[i]!.at;
  return updatedAt;
}
