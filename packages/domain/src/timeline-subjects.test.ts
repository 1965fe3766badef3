import { describe, expect, it } from "vitest";
import { timelineSubjects } from "./timeline-subjects.ts";

describe("timelineSubjects", () => {
  it("shows a lead's own timeline only, a contact's with its source leads'", () => {
    expect(timelineSubjects({ type: "lead", id: "L", data: { sourceLeadIds: ["X"] } })).toEqual([
      { type: "lead", id: "L" },
    ]);
    expect(timelineSubjects({ type: "contact", id: "C", data: { sourceLeadIds: ["L1", 3, "L2"] } })).toEqual([
      { type: "contact", id: "C" },
      { type: "lead", id: "L1" },
      { type: "lead", id: "L2" },
    ]);
    expect(timelineSubjects({ type: "contact", id: "C", data: {} })).toEqual([{ type: "contact", id: "C" }]);
  });
});
