import { describe, expect, it } from "vitest";
import { pipelineReport } from "./pipeline.ts";
import { deal, id, lead, NOVEMBER } from "./report-fixtures.ts";

const WORKSPACE = [
  lead("web-lead", { source: "web" }),
  deal("d1", { stage: "proposal", amount: 10_000, owner: "ann", lead: "web-lead" }),
  deal("d2", { stage: "proposal", amount: 3_001, owner: "bob" }),
  deal("d3", { stage: "qualification", amount: 5_000, owner: "ann" }),
  deal("d4", { stage: "proposal", amount: 2_000, currency: "EUR", owner: "ann" }),
  deal("won", { stage: "won", amount: 99_999 }),
  deal("lost", { stage: "lost", amount: 99_999 }),
  deal("october", { stage: "proposal", amount: 1, at: "2026-10-01T00:00:00.000Z" }),
  deal("deleted", { stage: "proposal", amount: 1, deleted: true }),
];

describe("pipelineReport", () => {
  it("sums open and weighted value by stage in pipeline order, per currency", () => {
    const rows = pipelineReport(WORKSPACE, NOVEMBER).stages;
    expect(rows.map((r) => [r.stage, r.currency, r.count, r.value, r.weighted])).toEqual([
      ["qualification", "USD", 1, 5_000, 500],
      ["proposal", "EUR", 1, 2_000, 1_000],
      // 10000 × 0.5 + 3001 × 0.5 rounded per deal: 5000 + 1501.
      ["proposal", "USD", 2, 13_001, 6_501],
    ]);
    expect(rows[2]!.ids).toEqual([id("d1"), id("d2")]);
  });

  it("narrows to an owner and to deals whose lead came from a source", () => {
    expect(pipelineReport(WORKSPACE, { ...NOVEMBER, owner: id("bob") }).stages.map((r) => r.value)).toEqual([3_001]);
    expect(pipelineReport(WORKSPACE, { ...NOVEMBER, source: "web" }).stages.map((r) => r.ids)).toEqual([[id("d1")]]);
  });
});
