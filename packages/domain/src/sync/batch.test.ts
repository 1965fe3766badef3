import { describe, expect, it } from "vitest";
import { newId } from "../ids.ts";
import { clockAfter } from "./batch.ts";
import type { ApplyContext } from "./context.ts";
import { formatHlc } from "./hlc.ts";

const T0 = 1_700_000_000_000;
function ctx(wall: number, node = "a", extra: Partial<ApplyContext> = {}): ApplyContext {
  return { now: new Date(T0 + wall).toISOString(), hlc: formatHlc({ wall: T0 + wall, counter: 0, node }), actorId: null, defaultRegion: "US", ...extra };
}

describe("clockAfter", () => {
  it("moves a lagging clock just past the records' clocks, and leaves a leading one alone", () => {
    const record = { type: "lead" as const, id: newId(), data: {}, meta: { clocks: { status: ctx(50, "z").hlc }, sets: {}, history: [] }, deleted: false, version: 0 };
    const after = clockAfter(ctx(10, "slow"), [record]);
    expect(after.hlc > ctx(50, "z").hlc).toBe(true);
    expect(after.hlc.endsWith("-slow")).toBe(true);
    expect(clockAfter(ctx(60), [record])).toEqual(ctx(60));
  });
});
