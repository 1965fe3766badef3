import { describe, expect, it } from "vitest";
import { forecast, quarterOf } from "./forecast.ts";
import { deal, id, NOVEMBER, stageChange } from "./report-fixtures.ts";

const WORKSPACE = [
  deal("won-q", { stage: "won", amount: 1_000, updatedAt: "2026-10-15T00:00:00.000Z" }),
  // Won last quarter (its stage change says so, though updated since).
  deal("won-old", { stage: "won", amount: 5_000, updatedAt: "2026-11-01T00:00:00.000Z" }),
  stageChange("won-old-1", "won-old", "proposal", "won", "2026-09-30T00:00:00.000Z"),
  deal("nego", { stage: "negotiation", amount: 2_000, closeAt: "2026-12-31T00:00:00.000Z" }),
  deal("prop", { stage: "proposal", amount: 4_001, closeAt: "2026-11-30T00:00:00.000Z" }),
  deal("next-q", { stage: "negotiation", amount: 9_000, closeAt: "2027-01-01T00:00:00.000Z" }),
  deal("undated", { stage: "negotiation", amount: 9_000 }),
  deal("lost", { stage: "lost", amount: 9_000, closeAt: "2026-11-30T00:00:00.000Z" }),
];

describe("forecast", () => {
  it("forecasts the quarter of now: closed won, commit, best case and weighted", () => {
    const report = forecast(WORKSPACE, NOVEMBER);
    expect(report.quarter).toEqual({ from: "2026-10-01", to: "2026-12-31", label: "Q4 2026" });
    expect(report.currencies).toEqual([
      {
        currency: "USD",
        closedWon: 1_000,
        commit: 3_000,
        bestCase: 7_001,
        // 1000 + 2000 × 0.75 + round(4001 × 0.5).
        weighted: 1_000 + 1_500 + 2_001,
        wonIds: [id("won-q")],
        commitIds: [id("nego")],
        openIds: [id("nego"), id("prop")],
      },
    ]);
  });

  it("knows each quarter's first and last day", () => {
    expect(quarterOf("2028-02-29T00:00:00Z")).toEqual({ from: "2028-01-01", to: "2028-03-31", label: "Q1 2028" });
    expect(quarterOf("2026-06-30T23:59:59Z").to).toBe("2026-06-30");
  });
});
