import type { Member, RecordType } from "@leadpane/domain";
import {
  ACTIVITY_FIGURES,
  type ActivityReport,
  type ForecastReport,
  type FunnelMode,
  type LeadConversionReport,
  type LeadFunnelReport,
  type PipelineReport,
  type WinLossReport,
} from "@leadpane/domain/reports";
import { formatMoney, statusLabel } from "../components/format.ts";

/** One plotted series of a card: its name, the records its bars stand for, and how to show values. */
export interface CardSeries {
  label: string;
  recordType: RecordType;
  money?: string;
  /** Which of the theme's chart colours (--chart-1…6) it takes, when its meaning has one (won green, lost red). */
  colour?: 1 | 2 | 3 | 4 | 5 | 6;
}

/** One line of a card's table and one group of bars of its chart. */
export interface CardRow {
  label: string;
  /** A value per series. */
  values: number[];
  /** The records behind each series' bar. */
  ids: string[][];
  /** Further columns of the table (rates, medians), as shown. */
  extra: string[];
}

/** A chart with its table: what the Reports view draws, lists, and downloads as CSV. */
export interface ReportCard {
  key: string;
  title: string;
  /** What the numbers mean, in a sentence. */
  note: string;
  series: CardSeries[];
  extraColumns: string[];
  rows: CardRow[];
  horizontal?: boolean;
  stacked?: boolean;
  /** The first column's heading. */
  category: string;
}

/** A share as "42.5 %" (or "–" when there was nothing to divide). */
export function percent(rate: number | null): string {
  return rate === null ? "–" : `${Math.round(rate * 1000) / 10} %`;
}

/** A member's name by id ("Nobody" for ""). */
export function memberLabel(members: Map<string, Member>, id: string): string {
  return id ? (members.get(id)?.name ?? "Former member") : "Nobody";
}

export function funnelCard(report: LeadFunnelReport, mode: FunnelMode): ReportCard {
  const steps = mode === "in-order" ? report.inOrder : report.anyTime;
  return {
    key: "lead-funnel",
    title: "Lead funnel",
    note:
      mode === "in-order"
        ? "Leads created in the period that went through each status in order."
        : "Leads created in the period that reached each status at any time, in any order.",
    category: "Status",
    series: [{ label: "Leads", recordType: "lead" }],
    extraColumns: ["From previous step", "Cumulative", "Drop-off"],
    horizontal: true,
    rows: steps.map((step, i) => ({
      label: statusLabel(step.status),
      values: [step.count],
      ids: [step.ids],
      extra: [
        i === 0 ? "–" : percent(step.fromPrevious),
        i === 0 ? "100 %" : percent(step.fromFirst),
        String(step.dropOff),
      ],
    })),
  };
}

export function conversionCards(report: LeadConversionReport, members: Map<string, Member>): ReportCard[] {
  const conversionRows = (rows: LeadConversionReport["bySource"], label: (key: string) => string) =>
    rows.map((row) => ({
      label: label(row.key),
      values: [row.leads, row.converted],
      ids: [row.ids, row.convertedIds],
      extra: [percent(row.rate), row.medianDays === null ? "–" : String(row.medianDays)],
    }));
  const series: CardSeries[] = [
    { label: "Leads", recordType: "lead" },
    { label: "Converted", recordType: "lead" },
  ];
  const sources = [...new Set(report.weekly.map((row) => row.source))].sort();
  const weeks = [...new Set(report.weekly.map((row) => row.week))].sort();
  return [
    {
      key: "conversion-by-source",
      title: "Conversion by source",
      note: "Leads created in the period by source, how many converted, and the median days it took.",
      category: "Source",
      series,
      extraColumns: ["Conversion rate", "Median days to convert"],
      rows: conversionRows(report.bySource, statusLabel),
    },
    {
      key: "conversion-by-rep",
      title: "Conversion by rep",
      note: "The same, by the lead's owner.",
      category: "Rep",
      series,
      extraColumns: ["Conversion rate", "Median days to convert"],
      rows: conversionRows(report.byOwner, (id) => memberLabel(members, id)),
    },
    {
      key: "new-leads-weekly",
      title: "New leads per week",
      note: "Leads created each week (weeks start on Monday), by source.",
      category: "Week of",
      stacked: true,
      series: sources.map((source) => ({ label: statusLabel(source), recordType: "lead" })),
      extraColumns: [],
      rows: weeks.map((week) => {
        const cells = sources.map((source) => report.weekly.find((r) => r.week === week && r.source === source));
        return { label: week, values: cells.map((c) => c?.count ?? 0), ids: cells.map((c) => c?.ids ?? []), extra: [] };
      }),
    },
    {
      key: "unqualified-reasons",
      title: "Why leads were unqualified",
      note: "Leads created in the period that are unqualified now, by the reason given.",
      category: "Reason",
      horizontal: true,
      series: [{ label: "Leads", recordType: "lead" }],
      extraColumns: [],
      rows: report.unqualifiedReasons.map((r) => ({ label: r.reason, values: [r.count], ids: [r.ids], extra: [] })),
    },
  ];
}

export function pipelineCard(report: PipelineReport, currency: string): ReportCard {
  const rows = report.stages.filter((row) => row.currency === currency);
  const others = [...new Set(report.stages.map((r) => r.currency))].filter((c) => c !== currency);
  return {
    key: "pipeline",
    title: "Open pipeline by stage",
    note: `Open deals created in the period, in ${currency}${others.length ? ` (deals in ${others.join(", ")} are not added in)` : ""}.`,
    category: "Stage",
    series: [
      { label: "Open value", recordType: "deal", money: currency },
      { label: "Weighted value", recordType: "deal", money: currency },
    ],
    extraColumns: ["Deals"],
    rows: rows.map((row) => ({
      label: row.label,
      values: [row.value, row.weighted],
      ids: [row.ids, row.ids],
      extra: [String(row.count)],
    })),
  };
}

export function forecastCard(report: ForecastReport, currency: string): ReportCard {
  const row = report.currencies.find((r) => r.currency === currency);
  const won = row?.wonIds ?? [];
  const lines: Array<[string, number, string[]]> = [
    ["Closed won", row?.closedWon ?? 0, won],
    ["Commit", row?.commit ?? 0, [...won, ...(row?.commitIds ?? [])]],
    ["Best case", row?.bestCase ?? 0, [...won, ...(row?.openIds ?? [])]],
    ["Weighted", row?.weighted ?? 0, [...won, ...(row?.openIds ?? [])]],
  ];
  return {
    key: "forecast",
    title: `Forecast for ${report.quarter.label}`,
    note: `Won this quarter plus open deals expected to close by ${report.quarter.to}: commit counts stages at least 75 % likely, best case every open deal, weighted each by its stage's probability (${currency}).`,
    category: "Forecast",
    horizontal: true,
    series: [{ label: "Amount", recordType: "deal", money: currency }],
    extraColumns: [],
    rows: lines.map(([label, value, ids]) => ({ label, values: [value], ids: [ids], extra: [] })),
  };
}

export function winLossCards(report: WinLossReport): ReportCard[] {
  return [
    {
      key: "win-loss",
      title: "Won and lost by month",
      note: `Deals that closed in the period, by the month they closed: ${report.won} won, ${report.lost} lost, win rate ${percent(report.winRate)}.`,
      category: "Month",
      series: [
        { label: "Won", recordType: "deal", colour: 2 },
        { label: "Lost", recordType: "deal", colour: 5 },
      ],
      extraColumns: ["Win rate"],
      rows: report.months.map((m) => ({
        label: m.month,
        values: [m.won, m.lost],
        ids: [m.wonIds, m.lostIds],
        extra: [percent(m.winRate)],
      })),
    },
    {
      key: "deal-size",
      title: "Deal size and days to close",
      note: "Deals won in the period, per currency.",
      category: "Currency",
      series: [{ label: "Won deals", recordType: "deal" }],
      extraColumns: ["Won value", "Average deal size", "Average days to close"],
      rows: report.byCurrency.map((c) => ({
        label: c.currency,
        values: [c.won],
        ids: [c.ids],
        extra: [formatMoney(c.value, c.currency), formatMoney(c.averageSize, c.currency), String(c.averageDaysToClose)],
      })),
    },
  ];
}

const FIGURE_LABELS: Record<(typeof ACTIVITY_FIGURES)[number], string> = {
  captures: "Captures",
  notes: "Notes",
  emails: "Emails logged",
  calls: "Calls",
  meetings: "Meetings",
  tasksDone: "Tasks done",
};

export function activityCards(report: ActivityReport, members: Map<string, Member>): ReportCard[] {
  return [
    {
      key: "activity",
      title: "Activity per rep per week",
      note: "What each rep logged each week (weeks start on Monday).",
      category: "Week · rep",
      stacked: true,
      series: ACTIVITY_FIGURES.map((figure) => ({
        label: FIGURE_LABELS[figure],
        recordType: figure === "tasksDone" ? "task" : "activity",
      })),
      extraColumns: [],
      rows: report.weeks.map((row) => ({
        label: `${row.week} · ${memberLabel(members, row.owner)}`,
        values: ACTIVITY_FIGURES.map((figure) => row[figure]),
        ids: ACTIVITY_FIGURES.map((figure) => row.ids[figure]),
        extra: [],
      })),
    },
    {
      key: "overdue",
      title: "Overdue tasks per rep",
      note: "Open tasks past their due time now.",
      category: "Rep",
      horizontal: true,
      series: [{ label: "Overdue tasks", recordType: "task" }],
      extraColumns: [],
      rows: report.overdue.map((row) => ({
        label: memberLabel(members, row.owner),
        values: [row.count],
        ids: [row.ids],
        extra: [],
      })),
    },
  ];
}

/** One kept week's forecast beside the quarter's actual, and the won deals behind that actual. */
export interface SnapshotLine {
  week: string;
  quarter: string;
  weighted: number;
  commit: number;
  actual: number;
  actualIds: string[];
}

export function forecastVsActualCard(lines: SnapshotLine[], currency: string): ReportCard {
  return {
    key: "forecast-vs-actual",
    title: "Forecast vs actual",
    note: `What was forecast each week (the server keeps a snapshot a week) beside what has closed won in that quarter since (${currency}).`,
    category: "Week of",
    series: [
      { label: "Weighted forecast", recordType: "deal", money: currency },
      { label: "Commit", recordType: "deal", money: currency },
      { label: "Closed won", recordType: "deal", money: currency },
    ],
    extraColumns: ["Quarter"],
    rows: lines.map((line) => ({
      label: line.week,
      values: [line.weighted, line.commit, line.actual],
      // The forecast bars are figures of a past week (no records stand behind them now); the actual's are the won deals.
      ids: [[], [], line.actualIds],
      extra: [line.quarter],
    })),
  };
}

/** A value as the table shows it: money in its currency, else the number. */
export function cellText(value: number, series: CardSeries): string {
  return series.money ? formatMoney(value, series.money) : String(value);
}
