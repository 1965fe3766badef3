import {
  compare,
  daysBetween,
  inRange,
  median,
  rate,
  recordChanges,
  weekOf,
  type ReportOptions,
  type ReportRecords,
} from "./common.ts";

/** Conversion of one group of leads (a source or a rep). */
export interface ConversionRow {
  /** The source kind, or the owner's member id ("" for leads with no owner). */
  key: string;
  leads: number;
  converted: number;
  /** converted / leads. */
  rate: number | null;
  /** Median days from a lead's creation to its conversion, over the converted ones. */
  medianDays: number | null;
  /** The group's leads, for the click-through. */
  ids: string[];
  /** The group's converted leads. */
  convertedIds: string[];
}

/** New leads in one week from one source. */
export interface WeekSourceRow {
  /** The week's Monday, YYYY-MM-DD (UTC). */
  week: string;
  source: string;
  count: number;
  ids: string[];
}

/** Conversion by source and by rep, new leads per week by source, and why leads were unqualified. */
export interface LeadConversionReport {
  bySource: ConversionRow[];
  byOwner: ConversionRow[];
  weekly: WeekSourceRow[];
  /** The reasons of the cohort's leads that are unqualified now, most frequent first. */
  unqualifiedReasons: Array<{ reason: string; count: number; ids: string[] }>;
}

/**
 * Lead conversion over the leads created in the range (by owner and source). A lead counts as
 * converted when its status is `converted`; it converted at its conversion activity's time (else
 * its status change to `converted`, else its last update).
 */
export function leadConversion(records: ReportRecords, options: ReportOptions): LeadConversionReport {
  const { leadStatus, converted } = recordChanges(records);
  const bySource = new Map<string, Group>();
  const byOwner = new Map<string, Group>();
  const weekly = new Map<string, WeekSourceRow>();
  const reasons = new Map<string, { reason: string; count: number; ids: string[] }>();
  for (const record of records) {
    if (record.type !== "lead" || record.deleted) continue;
    const lead = record.data;
    if (!inRange(lead.createdAt, options)) continue;
    if (options.owner && lead.ownerId !== options.owner) continue;
    const source = lead.source?.kind ?? "manual";
    if (options.source && source !== options.source) continue;
    let days: number | null = null;
    if (lead.status === "converted") {
      const at =
        converted.get(record.id) ??
        leadStatus.get(record.id)?.find((change) => change.to === "converted")?.at ??
        lead.updatedAt;
      days = daysBetween(lead.createdAt, at);
    }
    add(bySource, source, record.id, days);
    add(byOwner, lead.ownerId ?? "", record.id, days);
    const week = weekOf(lead.createdAt);
    const weekKey = `${week} ${source}`;
    const row = weekly.get(weekKey) ?? { week, source, count: 0, ids: [] };
    row.count++;
    row.ids.push(record.id);
    weekly.set(weekKey, row);
    if (lead.status === "unqualified") {
      const reason = lead.unqualifiedReason?.trim() || "(no reason)";
      const entry = reasons.get(reason) ?? { reason, count: 0, ids: [] };
      entry.count++;
      entry.ids.push(record.id);
      reasons.set(reason, entry);
    }
  }
  return {
    bySource: rows(bySource),
    byOwner: rows(byOwner),
    weekly: [...weekly.values()].sort((a, b) => compare(a.week, b.week) || compare(a.source, b.source)),
    unqualifiedReasons: [...reasons.values()].sort((a, b) => b.count - a.count || compare(a.reason, b.reason)),
  };
}

interface Group {
  ids: string[];
  days: number[];
  convertedIds: string[];
}

function add(groups: Map<string, Group>, key: string, id: string, days: number | null): void {
  const group = groups.get(key) ?? { ids: [], days: [], convertedIds: [] };
  group.ids.push(id);
  if (days !== null) {
    group.days.push(days);
    group.convertedIds.push(id);
  }
  groups.set(key, group);
}

function rows(groups: Map<string, Group>): ConversionRow[] {
  return [...groups.entries()]
    .map(([key, group]) => ({
      key,
      leads: group.ids.length,
      converted: group.days.length,
      rate: rate(group.days.length, group.ids.length),
      medianDays: median(group.days),
      ids: group.ids,
      convertedIds: group.convertedIds,
    }))
    .sort((a, b) => b.leads - a.leads || compare(a.key, b.key));
}
