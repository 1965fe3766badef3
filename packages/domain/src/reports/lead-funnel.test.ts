import { describe, expect, it } from "vitest";
import { leadFunnel } from "./lead-funnel.ts";
import { id, lead, NOVEMBER, statusChange } from "./report-fixtures.ts";

// Five leads created in November and one in October:
// a: new → working → qualified → converted (the whole funnel, in order)
// b: new → qualified (skipped working) → converted
// c: new → working → unqualified
// d: created qualified (no changes)
// e: new, never moved
// old: October, out of range
const WORKSPACE = [
  lead("a", { status: "converted", owner: "ann", source: "web" }),
  statusChange("a1", "a", "new", "working", "2026-11-03T09:00:00.000Z"),
  statusChange("a2", "a", "working", "qualified", "2026-11-04T09:00:00.000Z"),
  lead("b", { status: "converted", owner: "bob", source: "web" }),
  // Recorded out of order: the report sorts by time.
  statusChange("b1", "b", "new", "qualified", "2026-11-05T09:00:00.000Z"),
  lead("c", { status: "unqualified", owner: "ann", source: "email", reason: "No budget" }),
  statusChange("c2", "c", "working", "unqualified", "2026-11-06T09:00:00.000Z"),
  statusChange("c1", "c", "new", "working", "2026-11-05T09:00:00.000Z"),
  lead("d", { status: "qualified", owner: "ann", source: "web" }),
  lead("e", { status: "new", owner: "bob", source: "import" }),
  lead("old", { status: "new", at: "2026-10-31T23:59:59.000Z" }),
  lead("gone", { status: "new", deleted: true }),
];

describe("leadFunnel", () => {
  it("counts leads at each step in lifecycle order, in order and at any time, with conversion and drop-off", () => {
    const report = leadFunnel(WORKSPACE, NOVEMBER);
    expect(report.leads).toBe(5);
    const inOrder = report.inOrder.map((s) => [s.status, s.count, s.dropOff, s.fromPrevious, s.fromFirst]);
    // d never was new: it counts at no step in order. b skipped working: only at new.
    expect(inOrder).toEqual([
      ["new", 4, 0, null, null],
      ["working", 2, 2, 0.5, 0.5],
      ["qualified", 1, 1, 0.5, 0.25],
      ["converted", 1, 0, 1, 0.25],
    ]);
    const anyTime = report.anyTime.map((s) => [s.status, s.count, s.dropOff, s.fromPrevious, s.fromFirst]);
    expect(anyTime).toEqual([
      ["new", 4, 0, null, null],
      ["working", 2, 2, 0.5, 0.5],
      ["qualified", 3, 0, 1.5, 0.75],
      ["converted", 2, 1, 0.6667, 0.5],
    ]);
    expect(report.inOrder[1]!.ids.sort()).toEqual([id("a"), id("c")].sort());
    expect(report.anyTime[3]!.ids.sort()).toEqual([id("a"), id("b")].sort());
    expect(report.unqualified).toEqual({ count: 1, ids: [id("c")] });
  });

  it("narrows the cohort to an owner and a source", () => {
    expect(leadFunnel(WORKSPACE, { ...NOVEMBER, owner: id("ann") }).anyTime.map((s) => s.count)).toEqual([2, 2, 2, 1]);
    expect(leadFunnel(WORKSPACE, { ...NOVEMBER, source: "web" }).inOrder.map((s) => s.count)).toEqual([2, 1, 1, 1]);
    expect(leadFunnel(WORKSPACE, { ...NOVEMBER, from: "2026-10-31", to: "2026-10-31" }).inOrder[0]!.ids).toEqual([
      id("old"),
    ]);
  });
});
