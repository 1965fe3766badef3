import type { Deal } from "./deal.ts";
import type { Result } from "./result.ts";
import type { PipelineStage, WorkspaceSettings } from "./workspace.ts";

/** The stage with this key, if the pipeline has it. */
export function findStage(pipeline: readonly PipelineStage[], key: string): PipelineStage | undefined {
  return pipeline.find((stage) => stage.key === key);
}

/** The stage new deals start in: the first open (non-terminal) stage. */
export function firstStage(pipeline: readonly PipelineStage[]): PipelineStage {
  const stage = pipeline.find((s) => s.terminal === null) ?? pipeline[0];
  if (!stage) throw new Error("a pipeline has at least one stage");
  return stage;
}

/** Whether a stage ends a deal (won or lost); unknown stages count as open. */
export function isTerminalStage(pipeline: readonly PipelineStage[], key: string): boolean {
  return (findStage(pipeline, key)?.terminal ?? null) !== null;
}

/** Win probability of a stage (0–1); a stage the pipeline no longer has counts as 0. */
export function stageProbability(pipeline: readonly PipelineStage[], key: string): number {
  return findStage(pipeline, key)?.probability ?? 0;
}

/** A stage move the pipeline allows: from any open stage to any stage; won and lost are final. */
export function canMoveDeal(pipeline: readonly PipelineStage[], from: string, to: string): Result<PipelineStage> {
  const target = findStage(pipeline, to);
  if (!target) return { ok: false, error: { code: "invalid", message: `the pipeline has no stage ${to}` } };
  const source = findStage(pipeline, from);
  if (source?.terminal)
    return {
      ok: false,
      error: { code: "conflict", message: `the deal is ${source.terminal}; ${source.terminal} is final` },
    };
  return { ok: true, value: target };
}

/** A deal's amount weighted by its stage's win probability, in minor units (rounded half up). */
export function weightedAmount(deal: Pick<Deal, "amount" | "stage">, pipeline: readonly PipelineStage[]): number {
  return Math.round(deal.amount * stageProbability(pipeline, deal.stage));
}

/** Pipeline totals for one currency, all in minor units. */
export interface PipelineTotals {
  /** Deals in open stages. */
  openCount: number;
  /** Sum of open deals' amounts. */
  open: number;
  /** Sum of open deals' probability-weighted amounts. */
  weighted: number;
  /** Sum of won deals' amounts. */
  won: number;
  /** Sum of lost deals' amounts. */
  lost: number;
}

/** Totals per ISO currency: amounts in different currencies are never added together. */
export function pipelineValue(
  deals: ReadonlyArray<Pick<Deal, "amount" | "stage" | "currency">>,
  pipeline: readonly PipelineStage[],
): Record<string, PipelineTotals> {
  // No prototype: a currency read from stored data is a key, never an inherited property.
  const totals: Record<string, PipelineTotals> = Object.create(null);
  for (const deal of deals) {
    const row = totals[deal.currency] ?? { openCount: 0, open: 0, weighted: 0, won: 0, lost: 0 };
    totals[deal.currency] = row;
    const terminal = findStage(pipeline, deal.stage)?.terminal ?? null;
    if (terminal === "won") row.won += deal.amount;
    else if (terminal === "lost") row.lost += deal.amount;
    else {
      row.openCount += 1;
      row.open += deal.amount;
      row.weighted += weightedAmount(deal, pipeline);
    }
  }
  return totals;
}

/** Digits after the decimal point in a currency's minor unit (2 for EUR, 0 for JPY, 3 for KWD). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** A decimal amount as written ("1234.5", 1234.5) in integer minor units of the currency, without float drift. */
export function toMinorUnits(value: string | number, currency: string): Result<number> {
  const digits = currencyDigits(currency);
  const text =
    typeof value === "number" ? (Number.isFinite(value) ? value.toFixed(Math.min(digits + 2, 20)) : "") : value.trim();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, error: { code: "invalid", message: "amount must be a non-negative decimal number" } };
  const fraction = (match[2] ?? "").replace(/0+$/, "");
  if (fraction.length > digits)
    return { ok: false, error: { code: "invalid", message: `${currency} has ${digits} decimal places` } };
  const minor = Number(match[1]! + fraction.padEnd(digits, "0"));
  if (!Number.isSafeInteger(minor)) return { ok: false, error: { code: "invalid", message: "amount is too large" } };
  return { ok: true, value: minor };
}

/** Integer minor units as a plain decimal string ("1234.50" for 123450 EUR). */
export function fromMinorUnits(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const text = String(Math.abs(minor)).padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** The pipeline of the workspace a mutation applies in. */
export function pipelineOf(settings: WorkspaceSettings): readonly PipelineStage[] {
  return settings.pipeline;
}
