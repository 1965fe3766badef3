import type { ReportOptions, ReportRecords } from "./common.ts";
import { activityReport } from "./activity.ts";
import { forecast } from "./forecast.ts";
import { leadConversion } from "./lead-conversion.ts";
import { leadFunnel } from "./lead-funnel.ts";
import { pipelineReport } from "./pipeline.ts";
import { winLoss } from "./win-loss.ts";

export * from "./common.ts";
export * from "./activity.ts";
export * from "./forecast.ts";
export * from "./lead-conversion.ts";
export * from "./lead-funnel.ts";
export * from "./pipeline.ts";
export * from "./win-loss.ts";

/** Every report by the name the API serves it under (`GET /v1/reports/<name>`). */
export const REPORTS = {
  "lead-funnel": leadFunnel,
  "lead-conversion": leadConversion,
  pipeline: pipelineReport,
  forecast,
  "win-loss": winLoss,
  activity: activityReport,
} as const satisfies Record<string, (records: ReportRecords, options: ReportOptions) => unknown>;

/** A report's name. */
export type ReportName = keyof typeof REPORTS;
/** The names, in the order the Reports view shows them. */
export const REPORT_NAMES = Object.keys(REPORTS) as ReportName[];

/** Computes a report by name. */
export function runReport<N extends ReportName>(
  name: N,
  records: ReportRecords,
  options: ReportOptions,
): ReturnType<(typeof REPORTS)[N]> {
  return REPORTS[name](records, options) as ReturnType<(typeof REPORTS)[N]>;
}
