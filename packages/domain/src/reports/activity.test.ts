import { describe, expect, it } from "vitest";
import { activityReport } from "./activity.ts";
import { activity, id, lead, NOVEMBER, task } from "./report-fixtures.ts";

const web = { type: "lead", id: id("web-lead") };
const WORKSPACE = [
  lead("web-lead", { source: "web" }),
  activity("c1", { type: "capture", at: "2026-11-02T10:00:00.000Z", author: "ann", subject: web }),
  activity("n1", { type: "note", at: "2026-11-03T10:00:00.000Z", author: "ann" }),
  activity("e1", { type: "email", at: "2026-11-08T23:59:00.000Z", author: "ann" }),
  activity("k1", { type: "call", at: "2026-11-09T00:00:00.000Z", author: "ann" }),
  activity("m1", { type: "meeting", at: "2026-11-10T00:00:00.000Z", author: "bob" }),
  // Not work a rep did: a status change; and outside the range.
  activity("s1", { type: "status_change", at: "2026-11-03T10:00:00.000Z", author: "ann" }),
  activity("n0", { type: "note", at: "2026-10-30T10:00:00.000Z", author: "ann" }),
  task("t1", { done: true, assignee: "bob", updatedAt: "2026-11-04T00:00:00.000Z" }),
  task("t2", { done: false, assignee: "bob", due: "2026-11-19T00:00:00.000Z" }),
  task("t3", { done: false, assignee: "bob", due: "2026-11-21T00:00:00.000Z" }),
  task("t4", { done: false, assignee: "ann", due: "2026-01-01T00:00:00.000Z", subject: web }),
];

describe("activityReport", () => {
  it("counts each rep's captures, notes, emails, calls, meetings and tasks done per week", () => {
    const report = activityReport(WORKSPACE, NOVEMBER);
    const row = (r: (typeof report.weeks)[number]) => [
      r.week,
      r.owner,
      r.captures,
      r.notes,
      r.emails,
      r.calls,
      r.meetings,
      r.tasksDone,
    ];
    expect(report.weeks.map(row)).toEqual([
      ["2026-11-02", id("ann"), 1, 1, 1, 0, 0, 0],
      ["2026-11-02", id("bob"), 0, 0, 0, 0, 0, 1],
      ["2026-11-09", id("ann"), 0, 0, 0, 1, 0, 0],
      ["2026-11-09", id("bob"), 0, 0, 0, 0, 1, 0],
    ]);
    expect(report.overdue).toEqual([
      { owner: id("ann"), count: 1, ids: [id("t4")] },
      { owner: id("bob"), count: 1, ids: [id("t2")] },
    ]);
  });

  it("narrows to a rep and to work about leads of a source", () => {
    expect(
      activityReport(WORKSPACE, { ...NOVEMBER, owner: id("bob") }).weeks.map((r) => Object.values(r.ids).flat()),
    ).toEqual([[id("t1")], [id("m1")]]);
    const web = activityReport(WORKSPACE, { ...NOVEMBER, source: "web" });
    expect(web.weeks.map((r) => r.ids.captures)).toEqual([[id("c1")]]);
    expect(web.weeks[0]!.ids.notes).toEqual([]);
    expect(web.overdue.map((r) => r.ids)).toEqual([[id("t4")]]);
  });
});
