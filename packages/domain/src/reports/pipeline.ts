import { weightedAmount } from "../pipeline.ts";
import { compare, dealSource, inRange, leadSources, type ReportOptions, type ReportRecords } from "./common.ts";

/** The open deals of one stage in one currency. */
export interface PipelineStageRow {
  stage: string;
  label: string;
  currency: string;
  count: number;
  /** Sum of amounts, in minor units. */
  value: number;
  /** Sum of amounts weighted by the stage's probability, in minor units. */
  weighted: number;
  ids: string[];
}

/** Open value and weighted value by stage (per currency: amounts in different currencies are never added). */
export interface PipelineReport {
  stages: PipelineStageRow[];
}

/**
 * The open pipeline: deals created in the range (of the owner, and whose lead came from the source)
 * that are in an open stage now, by stage in pipeline order, then by currency. A stage the pipeline
 * no longer has comes last, under its key, with probability 0.
 */
export function pipelineReport(records: ReportRecords, options: ReportOptions): PipelineReport {
  const sources = options.source ? leadSources(records) : null;
  const order = new Map(options.pipeline.map((stage, i) => [stage.key, i]));
  const rows = new Map<string, PipelineStageRow>();
  for (const record of records) {
    if (record.type !== "deal" || record.deleted) continue;
    const deal = record.data;
    if (!inRange(deal.createdAt, options)) continue;
    if (options.owner && deal.ownerId !== options.owner) continue;
    if (sources && dealSource(deal.leadId, sources) !== options.source) continue;
    const stage = options.pipeline[order.get(deal.stage) ?? -1];
    if (stage?.terminal) continue;
    const key = `${deal.stage}\u0000${deal.currency}`;
    const row = rows.get(key) ?? {
      stage: deal.stage,
      label: stage?.label ?? deal.stage,
      currency: deal.currency,
      count: 0,
      value: 0,
      weighted: 0,
      ids: [],
    };
    row.count++;
    row.value += deal.amount;
    row.weighted += weightedAmount(deal, options.pipeline);
    row.ids.push(record.id);
    rows.set(key, row);
  }
  const rank = (stage: string) => order.get(stage) ?? order.size;
  return {
    stages: [...rows.values()].sort(
      (a, b) => rank(a.stage) - rank(b.stage) || compare(a.stage, b.stage) || compare(a.currency, b.currency),
    ),
  };
}
