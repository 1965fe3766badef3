import type { LeadStatus } from "../lead.ts";
import type { RecordOf } from "../sync/record.ts";
import { inRange, rate, recordChanges, type ReportOptions, type ReportRecords, type Transition } from "./common.ts";

/** The funnel's steps: the lead lifecycle in order (`unqualified` is an exit, counted beside the steps). */
export const FUNNEL_STEPS = ["new", "working", "qualified", "converted"] as const satisfies readonly LeadStatus[];

/** How a lead counts at a step: having gone through every earlier step in order, or having reached it at all. */
export type FunnelMode = "in-order" | "any-time";

/** One step of the funnel. */
export interface FunnelStep {
  status: (typeof FUNNEL_STEPS)[number];
  count: number;
  /** Share of the previous step's leads that reached this one (null for the first step or an empty previous step). */
  fromPrevious: number | null;
  /** Share of the first step's leads that reached this one (cumulative conversion). */
  fromFirst: number | null;
  /** Leads of the previous step that did not reach this one (0 for the first step; never negative). */
  dropOff: number;
  /** The leads counted at this step, for the click-through. */
  ids: string[];
}

/** The funnel in both modes, and the leads that left it unqualified. */
export interface LeadFunnelReport {
  /** Leads created in the range (and of the owner and source asked for): the funnel's cohort. */
  leads: number;
  inOrder: FunnelStep[];
  anyTime: FunnelStep[];
  unqualified: { count: number; ids: string[] };
}

/**
 * The statuses a lead has been in, in order: the status it was created in (the `from` of its first
 * status_change, or its status when it never changed), then each change's `to`; `converted` when it
 * was converted (conversion writes a conversion activity, not a status change); its current status
 * last when the recorded changes do not end there (a change made before activities were kept).
 */
export function statusPath(lead: RecordOf<"lead">, changes: readonly Transition[] | undefined): string[] {
  const current = lead.data.status;
  const path = [changes?.[0]?.from ?? current];
  for (const change of changes ?? []) path.push(change.to);
  if (path[path.length - 1] !== current) path.push(current);
  return path;
}

/**
 * The lead funnel (HubSpot's funnel report, both of its modes): the cohort is the leads created in
 * the range, by owner and source. "In order" counts a lead at a step only when its status path went
 * through every earlier step first (a lead created `qualified` counts at no step); "any time" counts
 * it at every step it ever reached, so a step may hold more leads than the one before it (dropOff 0).
 */
export function leadFunnel(records: ReportRecords, options: ReportOptions): LeadFunnelReport {
  const { leadStatus } = recordChanges(records);
  const inOrder: string[][] = FUNNEL_STEPS.map(() => []);
  const anyTime: string[][] = FUNNEL_STEPS.map(() => []);
  const unqualified: string[] = [];
  let leads = 0;
  for (const record of records) {
    if (record.type !== "lead" || record.deleted) continue;
    const lead = record.data;
    if (!inRange(lead.createdAt, options)) continue;
    if (options.owner && lead.ownerId !== options.owner) continue;
    if (options.source && (lead.source?.kind ?? "manual") !== options.source) continue;
    leads++;
    const path = statusPath(record, leadStatus.get(record.id));
    let next = 0;
    for (const status of path) if (status === FUNNEL_STEPS[next]) next++;
    for (let step = 0; step < next; step++) inOrder[step]!.push(record.id);
    FUNNEL_STEPS.forEach((step, i) => {
      if (path.includes(step)) anyTime[i]!.push(record.id);
    });
    if (path.includes("unqualified")) unqualified.push(record.id);
  }
  return {
    leads,
    inOrder: steps(inOrder),
    anyTime: steps(anyTime),
    unqualified: { count: unqualified.length, ids: unqualified },
  };
}

function steps(idsPerStep: string[][]): FunnelStep[] {
  const first = idsPerStep[0]!.length;
  return idsPerStep.map((ids, i) => {
    const previous = i === 0 ? null : idsPerStep[i - 1]!.length;
    return {
      status: FUNNEL_STEPS[i]!,
      count: ids.length,
      fromPrevious: previous === null ? null : rate(ids.length, previous),
      fromFirst: i === 0 ? null : rate(ids.length, first),
      dropOff: previous === null ? 0 : Math.max(0, previous - ids.length),
      ids,
    };
  });
}
