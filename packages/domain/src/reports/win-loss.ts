import {
  closedAt,
  compare,
  daysBetween,
  dealSource,
  inRange,
  leadSources,
  monthOf,
  rate,
  recordChanges,
  type ReportOptions,
  type ReportRecords,
} from "./common.ts";

/** Deals won and lost in one month. */
export interface WinLossMonth {
  /** YYYY-MM (UTC). */
  month: string;
  won: number;
  lost: number;
  /** won / (won + lost). */
  winRate: number | null;
  wonIds: string[];
  lostIds: string[];
}

/** Won deals' size and time to close, per currency. */
export interface WonSummary {
  currency: string;
  won: number;
  /** Sum of won amounts, minor units. */
  value: number;
  /** Mean won amount, minor units (rounded). */
  averageSize: number;
  /** Mean days from a won deal's creation to its close, to a tenth. */
  averageDaysToClose: number;
  ids: string[];
}

/** Won and lost by month with win rate; average deal size and days to close. */
export interface WinLossReport {
  months: WinLossMonth[];
  won: number;
  lost: number;
  winRate: number | null;
  byCurrency: WonSummary[];
}

/**
 * Deals that closed in the range (owner, lead source): a deal closed when it last moved into a won or
 * lost stage (its stage_change activity; else its last update), counted in that month.
 */
export function winLoss(records: ReportRecords, options: ReportOptions): WinLossReport {
  const { dealStage } = recordChanges(records);
  const sources = options.source ? leadSources(records) : null;
  const terminalOf = new Map(options.pipeline.filter((s) => s.terminal).map((s) => [s.key, s.terminal!]));
  const terminal = new Set(terminalOf.keys());
  const months = new Map<string, WinLossMonth>();
  const currencies = new Map<string, { won: number; value: number; days: number; ids: string[] }>();
  let won = 0;
  let lost = 0;
  for (const record of records) {
    if (record.type !== "deal" || record.deleted) continue;
    const deal = record.data;
    const outcome = terminalOf.get(deal.stage);
    if (!outcome) continue;
    if (options.owner && deal.ownerId !== options.owner) continue;
    if (sources && dealSource(deal.leadId, sources) !== options.source) continue;
    const at = closedAt(deal.updatedAt, dealStage.get(record.id), terminal);
    if (!inRange(at, options)) continue;
    const month = monthOf(at);
    const row = months.get(month) ?? { month, won: 0, lost: 0, winRate: null, wonIds: [], lostIds: [] };
    months.set(month, row);
    if (outcome === "won") {
      won++;
      row.won++;
      row.wonIds.push(record.id);
      const sum = currencies.get(deal.currency) ?? { won: 0, value: 0, days: 0, ids: [] };
      sum.won++;
      sum.ids.push(record.id);
      sum.value += deal.amount;
      sum.days += daysBetween(deal.createdAt, at);
      currencies.set(deal.currency, sum);
    } else {
      lost++;
      row.lost++;
      row.lostIds.push(record.id);
    }
  }
  return {
    months: [...months.values()]
      .map((row) => ({ ...row, winRate: rate(row.won, row.won + row.lost) }))
      .sort((a, b) => compare(a.month, b.month)),
    won,
    lost,
    winRate: rate(won, won + lost),
    byCurrency: [...currencies.entries()]
      .map(([currency, sum]) => ({
        currency,
        won: sum.won,
        value: sum.value,
        averageSize: Math.round(sum.value / sum.won),
        averageDaysToClose: Math.round((sum.days / sum.won) * 10) / 10,
        ids: sum.ids,
      }))
      .sort((a, b) => compare(a.currency, b.currency)),
  };
}
