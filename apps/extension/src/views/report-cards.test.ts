import { describe, expect, it } from "vitest";
import type { Member } from "@leadpane/domain";
import type { ActivityReport, LeadFunnelReport } from "@leadpane/domain/reports";
import { activityCards, funnelCard, percent } from "./report-cards.ts";

const step = (status: "new" | "working" | "qualified" | "converted", count: number, fromPrevious: number | null) => ({
  status,
  count,
  fromPrevious,
  fromFirst: fromPrevious,
  dropOff: 0,
  ids: Array.from({ length: count }, (_, i) => `${status}-${i}`),
});

describe("report cards", () => {
  it("shows the funnel of the mode asked for, a bar per step with the leads behind it", () => {
    const report: LeadFunnelReport = {
      leads: 3,
      inOrder: [step("new", 3, null), step("working", 1, 0.3333), step("qualified", 0, 0), step("converted", 0, null)],
      anyTime: [step("new", 3, null), step("working", 2, 0.6667), step("qualified", 1, 0.5), step("converted", 0, 0)],
      unqualified: { count: 0, ids: [] },
    };
    const inOrder = funnelCard(report, "in-order");
    expect(inOrder.rows.map((r) => [r.label, r.values[0], r.extra[0]])).toEqual([
      ["New", 3, "–"],
      ["Working", 1, "33.3 %"],
      ["Qualified", 0, "0 %"],
      ["Converted", 0, "–"],
    ]);
    expect(funnelCard(report, "any-time").rows[1]!.ids).toEqual([["working-0", "working-1"]]);
  });

  it("keeps each activity figure's records apart, and names reps", () => {
    const ids = { captures: ["c"], notes: [], emails: ["e"], calls: [], meetings: [], tasksDone: ["t"] };
    const report: ActivityReport = {
      weeks: [
        { week: "2026-11-02", owner: "m1", captures: 1, notes: 0, emails: 1, calls: 0, meetings: 0, tasksDone: 1, ids },
      ],
      overdue: [{ owner: "", count: 2, ids: ["a", "b"] }],
    };
    const members = new Map<string, Member>([["m1", { id: "m1", name: "Ann", email: "ann@x.test", role: "member" }]]);
    const [weekly, overdue] = activityCards(report, members);
    expect(weekly!.rows[0]!.label).toBe("2026-11-02 · Ann");
    expect(weekly!.rows[0]!.ids).toEqual([["c"], [], ["e"], [], [], ["t"]]);
    expect(weekly!.series.map((s) => s.recordType)).toEqual([
      "activity",
      "activity",
      "activity",
      "activity",
      "activity",
      "task",
    ]);
    expect(overdue!.rows[0]!.label).toBe("Nobody");
    expect(percent(null)).toBe("–");
  });
});
