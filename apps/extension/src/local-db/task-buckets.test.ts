import { describe, expect, it } from "vitest";
import { groupTasks, localInputToIso, taskBucket } from "./task-buckets.ts";

describe("task buckets", () => {
  const now = new Date(2026, 0, 10, 12, 0, 0);
  const at = (d: number, h: number) => new Date(2026, 0, d, h).toISOString();
  it("puts tasks in overdue, today, upcoming, someday and done", () => {
    expect(taskBucket({ dueAt: at(10, 9), done: false }, now)).toBe("overdue");
    expect(taskBucket({ dueAt: at(10, 18), done: false }, now)).toBe("today");
    expect(taskBucket({ dueAt: at(11, 9), done: false }, now)).toBe("upcoming");
    expect(taskBucket({ dueAt: null, done: false }, now)).toBe("someday");
    expect(taskBucket({ dueAt: at(1, 9), done: true }, now)).toBe("done");
  });
  it("sorts each group soonest first", () => {
    const g = groupTasks(
      [
        { dueAt: at(12, 9), done: false },
        { dueAt: at(11, 9), done: false },
      ],
      now,
    );
    expect(g.upcoming.map((t) => t.dueAt)).toEqual([at(11, 9), at(12, 9)]);
  });
  it("reads a local date-time input", () => {
    expect(localInputToIso("2026-01-10T12:00")).toBe(now.toISOString());
    expect(localInputToIso("")).toBeNull();
  });
});
