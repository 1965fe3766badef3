import { describe, expect, it } from "vitest";
import { checkedAmong, withoutGone, withoutIds } from "./list-selection.ts";

const rows = (...ids: string[]) => ids.map((id) => ({ id, name: id }));

describe("checks follow records, not places", () => {
  it("after a re-sort the same records are checked, in their new order", () => {
    const checked = new Set(["b", "d"]);
    expect(checkedAmong(rows("a", "b", "c", "d"), checked).shown.map((r) => r.id)).toEqual(["b", "d"]);
    expect(checkedAmong(rows("d", "c", "b", "a"), checked).shown.map((r) => r.id)).toEqual(["d", "b"]);
  });

  it("a filter hiding a checked record keeps it checked but out of the action", () => {
    expect(checkedAmong(rows("a", "b"), new Set(["b", "z"]))).toEqual({ shown: [{ id: "b", name: "b" }], hidden: 1 });
  });

  it("a record deleted elsewhere leaves the selection; otherwise the set is kept as it is", () => {
    const checked = new Set(["a", "b"]);
    expect([...withoutGone(checked, rows("a", "c"))]).toEqual(["a"]);
    expect(withoutGone(checked, rows("b", "a"))).toBe(checked);
  });

  it("records a patch removed leave the selection; otherwise the set is kept as it is", () => {
    const checked = new Set(["a", "b"]);
    expect([...withoutIds(checked, ["b", "z"])]).toEqual(["a"]);
    expect(withoutIds(checked, ["z"])).toBe(checked);
  });
});
