import { describe, expect, it } from "vitest";
import {
  canMoveDeal,
  currencyDigits,
  firstStage,
  fromMinorUnits,
  isTerminalStage,
  pipelineValue,
  toMinorUnits,
  weightedAmount,
} from "./pipeline.ts";
import { WorkspaceSettingsSchema } from "./workspace.ts";

const settings = WorkspaceSettingsSchema.parse({});
const pipeline = settings.pipeline;

describe("pipeline rules", () => {
  it("starts deals in the first open stage and knows the terminal ones", () => {
    expect(firstStage(pipeline).key).toBe("qualification");
    expect(isTerminalStage(pipeline, "won")).toBe(true);
    expect(isTerminalStage(pipeline, "lost")).toBe(true);
    expect(isTerminalStage(pipeline, "proposal")).toBe(false);
  });

  it("allows moves between open stages and into won or lost, never out of them", () => {
    expect(canMoveDeal(pipeline, "qualification", "negotiation")).toMatchObject({
      ok: true,
      value: { key: "negotiation" },
    });
    expect(canMoveDeal(pipeline, "proposal", "discovery").ok).toBe(true);
    expect(canMoveDeal(pipeline, "proposal", "won").ok).toBe(true);
    expect(canMoveDeal(pipeline, "won", "proposal")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(canMoveDeal(pipeline, "lost", "won")).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(canMoveDeal(pipeline, "proposal", "nowhere")).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("weights open deals by probability and totals per currency", () => {
    expect(weightedAmount({ amount: 10_001, stage: "proposal" }, pipeline)).toBe(5001);
    const totals = pipelineValue(
      [
        { amount: 100_00, stage: "qualification", currency: "USD" },
        { amount: 200_00, stage: "negotiation", currency: "USD" },
        { amount: 300_00, stage: "won", currency: "USD" },
        { amount: 50_00, stage: "lost", currency: "USD" },
        { amount: 1000, stage: "proposal", currency: "JPY" },
      ],
      pipeline,
    );
    expect(totals).toEqual({
      USD: { openCount: 2, open: 300_00, weighted: 10_00 + 150_00, won: 300_00, lost: 50_00 },
      JPY: { openCount: 1, open: 1000, weighted: 500, won: 0, lost: 0 },
    });
  });

  it("converts decimal amounts to integer minor units without float drift", () => {
    expect(currencyDigits("EUR")).toBe(2);
    expect(currencyDigits("JPY")).toBe(0);
    expect(currencyDigits("KWD")).toBe(3);
    expect(toMinorUnits("1234.5", "EUR")).toEqual({ ok: true, value: 123450 });
    expect(toMinorUnits(0.1 + 0.2, "USD")).toEqual({ ok: true, value: 30 });
    expect(toMinorUnits("1500", "JPY")).toEqual({ ok: true, value: 1500 });
    expect(toMinorUnits("1.234", "EUR").ok).toBe(false);
    expect(toMinorUnits("-5", "EUR").ok).toBe(false);
    expect(fromMinorUnits(123450, "EUR")).toBe("1234.50");
    expect(fromMinorUnits(5, "USD")).toBe("0.05");
    expect(fromMinorUnits(1500, "JPY")).toBe("1500");
  });

  it("rejects pipelines with duplicate keys or no open stage", () => {
    expect(
      WorkspaceSettingsSchema.safeParse({
        pipeline: [
          { key: "a", label: "A", probability: 0 },
          { key: "a", label: "B", probability: 1 },
        ],
      }).success,
    ).toBe(false);
    expect(
      WorkspaceSettingsSchema.safeParse({
        pipeline: [
          { key: "won", label: "Won", probability: 1, terminal: "won" },
          { key: "lost", label: "Lost", probability: 0, terminal: "lost" },
        ],
      }).success,
    ).toBe(false);
  });
});

describe("pipeline rules in detail", () => {
  it("refuses an empty pipeline, and starts in the first stage when all are terminal", () => {
    expect(() => firstStage([])).toThrow("a pipeline has at least one stage");
    const closed = [{ key: "won", label: "Won", probability: 1, terminal: "won" as const }];
    expect(firstStage(closed).key).toBe("won");
  });

  it("counts stages the pipeline no longer has as open, with no probability", () => {
    expect(isTerminalStage(pipeline, "retired")).toBe(false);
    expect(weightedAmount({ amount: 1000, stage: "retired" }, pipeline)).toBe(0);
    expect(canMoveDeal(pipeline, "retired", "won")).toMatchObject({ ok: true, value: { key: "won" } });
    expect(pipelineValue([{ amount: 700, stage: "retired", currency: "EUR" }], pipeline)).toEqual({
      EUR: { openCount: 1, open: 700, weighted: 0, won: 0, lost: 0 },
    });
  });

  it("explains a refused move", () => {
    expect(canMoveDeal(pipeline, "won", "proposal")).toEqual({
      ok: false,
      error: { code: "conflict", message: "the deal is won; won is final" },
    });
    expect(canMoveDeal(pipeline, "proposal", "nowhere")).toEqual({
      ok: false,
      error: { code: "invalid", message: "the pipeline has no stage nowhere" },
    });
  });

  it("reads amounts strictly and explains what it refuses", () => {
    expect(toMinorUnits("12.", "EUR")).toEqual({ ok: true, value: 1200 });
    expect(toMinorUnits(" 7.10 ", "EUR")).toEqual({ ok: true, value: 710 });
    expect(toMinorUnits("1.500", "EUR")).toEqual({ ok: true, value: 150 });
    expect(toMinorUnits("1.05", "EUR")).toEqual({ ok: true, value: 105 });
    expect(toMinorUnits(12.5, "JPY")).toEqual({
      ok: false,
      error: { code: "invalid", message: "JPY has 0 decimal places" },
    });
    expect(toMinorUnits("1.234", "EUR")).toEqual({
      ok: false,
      error: { code: "invalid", message: "EUR has 2 decimal places" },
    });
    expect(toMinorUnits("12 EUR", "EUR")).toEqual({
      ok: false,
      error: { code: "invalid", message: "amount must be a non-negative decimal number" },
    });
    expect(toMinorUnits("x12", "EUR").ok).toBe(false);
    expect(toMinorUnits(Number.NaN, "EUR").ok).toBe(false);
    expect(toMinorUnits(Number.POSITIVE_INFINITY, "EUR").ok).toBe(false);
    expect(toMinorUnits("90071992547409.93", "USD")).toEqual({
      ok: false,
      error: { code: "invalid", message: "amount is too large" },
    });
    expect(toMinorUnits("90071992547409.91", "USD")).toEqual({ ok: true, value: 9007199254740991 });
    expect(currencyDigits("NOT-A-CURRENCY")).toBe(2);
  });

  it("writes negative and small minor amounts", () => {
    expect(fromMinorUnits(-5, "EUR")).toBe("-0.05");
    expect(fromMinorUnits(-123450, "EUR")).toBe("-1234.50");
    expect(fromMinorUnits(0, "EUR")).toBe("0.00");
    expect(fromMinorUnits(1234, "KWD")).toBe("1.234");
  });
});
