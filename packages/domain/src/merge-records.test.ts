import { describe, expect, it } from "vitest";
import { planMerge } from "./merge-records.ts";

describe("planMerge", () => {
  it("keeps the survivor's value on a clock tie and fills empties from the merged record", () => {
    const base = { meta: { clocks: { title: "1", location: "1" }, sets: {}, history: [] }, deleted: false, version: 0 };
    const survivor = { ...base, type: "contact" as const, id: "s", data: { name: "S", title: "A", location: null, emails: [], custom: {} } };
    const merged = { ...base, type: "contact" as const, id: "m", data: { name: "S", title: "B", location: "Paris", emails: ["x@y.com"], custom: { k: 1 } } };
    const plan = planMerge("contact", survivor, merged);
    expect(plan).toEqual({ ok: true, value: { set: { location: "Paris", custom: { k: 1 } }, add: { emails: ["x@y.com"] } } });
  });
});
