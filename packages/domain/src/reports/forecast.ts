import { stageProbability, weightedAmount } from "../pipeline.ts";
import {
  closedAt,
  compare,
  dealSource,
  leadSources,
  recordChanges,
  type ReportOptions,
  type ReportRecords,
} from "./common.ts";

/** Stages at least this likely to win are the forecast's commit (HubSpot's "commit" category). */
export const COMMIT_PROBABILITY = 0.75;

/** This quarter's forecast in one currency, minor units. */
export interface ForecastRow {
  currency: string;
  /** Won deals that closed this quarter. */
  closedWon: number;
  /** closedWon plus open deals expected this quarter in stages at least COMMIT_PROBABILITY likely. */
  commit: number;
  /** closedWon plus every open deal expected this quarter. */
  bestCase: number;
  /** closedWon plus open deals expected this quarter weighted by their stage's probability. */
  weighted: number;
  wonIds: string[];
  commitIds: string[];
  openIds: string[];
}

/** The forecast of the quarter `now` falls in. */
export interface ForecastReport {
  /** First and last day of the quarter, YYYY-MM-DD. */
  quarter: { from: string; to: string; label: string };
  currencies: ForecastRow[];
}

/** The calendar quarter (UTC) of an ISO timestamp. */
export function quarterOf(iso: string): { from: string; to: string; label: string } {
  const year = Number(iso.slice(0, 4));
  const q = Math.floor((Number(iso.slice(5, 7)) - 1) / 3);
  const from = new Date(Date.UTC(year, q * 3, 1)).toISOString().slice(0, 10);
  const to = new Date(Date.UTC(year, q * 3 + 3, 0)).toISOString().slice(0, 10);
  return { from, to, label: `Q${q + 1} ${year}` };
}

/**
 * This quarter's forecast (HubSpot's weighted, best case and commit): over the deals of the owner
 * and lead source, won deals that closed this quarter plus open deals whose expected close date
 * falls in it (open deals without one are not forecast). The quarter is the one `now` falls in: the
 * report's `from`/`to` do not apply.
 */
export function forecast(records: ReportRecords, options: ReportOptions): ForecastReport {
  const quarter = quarterOf(options.now);
  const within = { from: quarter.from, to: quarter.to };
  const inQuarter = (iso: string) => iso.slice(0, 10) >= within.from && iso.slice(0, 10) <= within.to;
  const { dealStage } = recordChanges(records);
  const sources = options.source ? leadSources(records) : null;
  const terminalOf = new Map(options.pipeline.filter((s) => s.terminal).map((s) => [s.key, s.terminal!]));
  const terminal = new Set(terminalOf.keys());
  const rows = new Map<string, ForecastRow>();
  for (const record of records) {
    if (record.type !== "deal" || record.deleted) continue;
    const deal = record.data;
    if (options.owner && deal.ownerId !== options.owner) continue;
    if (sources && dealSource(deal.leadId, sources) !== options.source) continue;
    const outcome = terminalOf.get(deal.stage);
    if (outcome === "lost") continue;
    const won = outcome === "won";
    if (
      won
        ? !inQuarter(closedAt(deal.updatedAt, dealStage.get(record.id), terminal))
        : !deal.expectedCloseAt || !inQuarter(deal.expectedCloseAt)
    )
      continue;
    const row = rows.get(deal.currency) ?? {
      currency: deal.currency,
      closedWon: 0,
      commit: 0,
      bestCase: 0,
      weighted: 0,
      wonIds: [],
      commitIds: [],
      openIds: [],
    };
    rows.set(deal.currency, row);
    if (won) {
      row.closedWon += deal.amount;
      row.commit += deal.amount;
      row.bestCase += deal.amount;
      row.weighted += deal.amount;
      row.wonIds.push(record.id);
      continue;
    }
    row.bestCase += deal.amount;
    row.weighted += weightedAmount(deal, options.pipeline);
    row.openIds.push(record.id);
    if (stageProbability(options.pipeline, deal.stage) >= COMMIT_PROBABILITY) {
      row.commit += deal.amount;
      row.commitIds.push(record.id);
    }
  }
  return { quarter, currencies: [...rows.values()].sort((a, b) => compare(a.currency, b.currency)) };
}
