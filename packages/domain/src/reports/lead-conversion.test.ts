import { describe, expect, it } from "vitest";
import { leadConversion } from "./lead-conversion.ts";
import { activity, id, lead, NOVEMBER, statusChange } from "./report-fixtures.ts";

const WORKSPACE = [
  // Converted 2 days after creation (conversion activity), and 4 days (only its last update tells).
  lead("a", { status: "converted", owner: "ann", source: "web", at: "2026-11-02T00:00:00.000Z" }),
  activity("a-conv", { type: "conversion", subject: { type: "lead", id: id("a") }, at: "2026-11-04T00:00:00.000Z" }),
  lead("b", {
    status: "converted",
    owner: "ann",
    source: "web",
    at: "2026-11-03T00:00:00.000Z",
    updatedAt: "2026-11-09T00:00:00.000Z",
  }),
  statusChange("b1", "b", "new", "working", "2026-11-04T00:00:00.000Z"),
  lead("c", { status: "working", owner: "bob", source: "web", at: "2026-11-10T00:00:00.000Z" }),
  lead("d", {
    status: "unqualified",
    owner: "bob",
    source: "email",
    reason: "No budget",
    at: "2026-11-10T00:00:00.000Z",
  }),
  lead("e", { status: "unqualified", source: "email", reason: "No budget", at: "2026-11-11T00:00:00.000Z" }),
  lead("f", { status: "unqualified", source: "email", reason: "Competitor", at: "2026-11-11T00:00:00.000Z" }),
];

describe("leadConversion", () => {
  it("gives conversion rate and median days to convert by source and by rep", () => {
    const report = leadConversion(WORKSPACE, NOVEMBER);
    expect(report.bySource.map((r) => [r.key, r.leads, r.converted, r.rate, r.medianDays])).toEqual([
      ["email", 3, 0, 0, null],
      ["web", 3, 2, 0.6667, 4],
    ]);
    expect(report.bySource[1]!.convertedIds).toEqual([id("a"), id("b")]);
    expect(report.byOwner.map((r) => [r.key, r.leads, r.converted, r.rate, r.medianDays])).toEqual([
      ["", 2, 0, 0, null],
      [id("ann"), 2, 2, 1, 4],
      [id("bob"), 2, 0, 0, null],
    ]);
  });

  it("counts new leads per week by source and the unqualified reasons, most frequent first", () => {
    const report = leadConversion(WORKSPACE, NOVEMBER);
    // 2026-11-02 is a Monday; 11-10 and 11-11 are in the week of Monday 11-09.
    expect(report.weekly.map((r) => [r.week, r.source, r.count])).toEqual([
      ["2026-11-02", "web", 2],
      ["2026-11-09", "email", 3],
      ["2026-11-09", "web", 1],
    ]);
    expect(report.unqualifiedReasons.map((r) => [r.reason, r.count])).toEqual([
      ["No budget", 2],
      ["Competitor", 1],
    ]);
  });
});
