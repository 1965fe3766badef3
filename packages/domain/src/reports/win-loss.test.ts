import { describe, expect, it } from "vitest";
import { deal, id, NOVEMBER, stageChange } from "./report-fixtures.ts";
import { winLoss } from "./win-loss.ts";

const WORKSPACE = [
  // Won on 11-12 (its stage change), 10 days after creation, though last updated in December.
  deal("w1", { stage: "won", amount: 1_000, at: "2026-11-02T00:00:00.000Z", updatedAt: "2026-12-05T00:00:00.000Z" }),
  stageChange("w1-a", "w1", "qualification", "proposal", "2026-11-05T00:00:00.000Z"),
  stageChange("w1-b", "w1", "proposal", "won", "2026-11-12T00:00:00.000Z"),
  // Won on its last update (no stage change kept), 4 days after creation.
  deal("w2", { stage: "won", amount: 2_001, at: "2026-10-28T00:00:00.000Z", updatedAt: "2026-11-01T00:00:00.000Z" }),
  deal("l1", { stage: "lost", amount: 500, at: "2026-11-02T00:00:00.000Z", updatedAt: "2026-11-20T00:00:00.000Z" }),
  deal("w3", {
    stage: "won",
    amount: 700,
    currency: "EUR",
    at: "2026-11-02T00:00:00.000Z",
    updatedAt: "2026-11-03T00:00:00.000Z",
  }),
  // Closed in October: outside the range.
  deal("l0", { stage: "lost", amount: 1, updatedAt: "2026-10-30T00:00:00.000Z", at: "2026-10-01T00:00:00.000Z" }),
  deal("open", { stage: "proposal", amount: 1 }),
];

describe("winLoss", () => {
  it("counts won and lost by month of closing with the win rate, average size and days to close", () => {
    const report = winLoss(WORKSPACE, NOVEMBER);
    expect(report.months.map((m) => [m.month, m.won, m.lost, m.winRate])).toEqual([["2026-11", 3, 1, 0.75]]);
    expect([report.won, report.lost, report.winRate]).toEqual([3, 1, 0.75]);
    expect(report.byCurrency).toEqual([
      { currency: "EUR", won: 1, value: 700, averageSize: 700, averageDaysToClose: 1, ids: [id("w3")] },
      { currency: "USD", won: 2, value: 3_001, averageSize: 1_501, averageDaysToClose: 7, ids: [id("w1"), id("w2")] },
    ]);
    expect(report.months[0]!.lostIds).toEqual([id("l1")]);
  });

  it("groups by month across a wider range", () => {
    const report = winLoss(WORKSPACE, { ...NOVEMBER, from: "2026-10-01" });
    expect(report.months.map((m) => [m.month, m.won, m.lost])).toEqual([
      ["2026-10", 0, 1],
      ["2026-11", 3, 1],
    ]);
  });
});
