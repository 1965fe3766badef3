import { RangeSet } from "dexie";
import { describe, expect, it } from "vitest";
import { changedKeys } from "./list-query.ts";

// Dexie's RangeSet is a function with a prototype, typed as an interface: this is how it is built.
const rangeSet = () => new (RangeSet as unknown as new () => RangeSet)();

describe("which records a write changed, from Dexie's storagemutated range set", () => {
  it("names each record of a write of single keys", () => {
    const ranges = rangeSet().addKeys([
      ["lead", "b"],
      ["lead", "a"],
      ["activity", "c"],
    ]);
    const change = changedKeys(ranges);
    expect(change.all).toBe(false);
    expect(change.all === false && change.keys.map(([t, id]) => `${t}:${id}`).sort()).toEqual([
      "activity:c",
      "lead:a",
      "lead:b",
    ]);
  });

  it("survives the structured clone that carries it to other pages", () => {
    const ranges = structuredClone(rangeSet().addKeys([["deal", "d"]]));
    expect(changedKeys(ranges)).toEqual({ all: false, keys: [["deal", "d"]] });
  });

  it("says all when a range spans more than one record (a large write, a cleared table)", () => {
    const ranges = rangeSet().addKeys([["lead", "a"]]);
    ranges.add({ from: ["lead", "m"], to: ["lead", "z"] } as never);
    expect(changedKeys(ranges)).toEqual({ all: true });
    expect(changedKeys(structuredClone(rangeSet().add({ from: -Infinity, to: [[]] } as never)))).toEqual({ all: true });
  });

  it("an empty range set changed nothing", () => {
    expect(changedKeys(rangeSet())).toEqual({ all: false, keys: [] });
  });
});
