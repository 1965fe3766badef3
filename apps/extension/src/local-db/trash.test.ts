import { describe, expect, it } from "vitest";
import { formatHlc, type SyncedRecord } from "@leadpane/domain/sync";
import { trashRows } from "./trash.ts";

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.parse("2027-01-31T12:00:00.000Z");

/** A tombstone deleted `daysAgo` days before NOW by `by`. */
function tombstone(id: string, daysAgo: number, data: Record<string, unknown>, by = "m1"): SyncedRecord {
  const wall = NOW - daysAgo * DAY;
  const hlc = formatHlc({ wall, counter: 0, node: "n" });
  return {
    type: "lead",
    id,
    data: { id, name: "x", ...data },
    meta: {
      clocks: { $deleted: hlc },
      sets: {},
      history: [{ field: "$deleted", value: false, hlc: "", replacedBy: hlc, by, at: new Date(wall).toISOString() }],
    },
    deleted: true,
    version: 1,
  } as unknown as SyncedRecord;
}

describe("the local trash", () => {
  it("lists tombstones newest first, leaving out live, merged and past-30-days records", () => {
    const live = { ...tombstone("00000000-0000-7000-8000-000000000001", 1, { name: "Live" }), deleted: false };
    const rows = trashRows(
      [
        tombstone("00000000-0000-7000-8000-000000000002", 3, { name: "Older" }),
        live,
        tombstone("00000000-0000-7000-8000-000000000003", 1, { name: "Newer" }, "m2"),
        tombstone("00000000-0000-7000-8000-000000000004", 2, { name: "Merged", mergedIntoId: "x" }),
        tombstone("00000000-0000-7000-8000-000000000005", 31, { name: "Gone" }),
        tombstone("00000000-0000-7000-8000-000000000006", 29, { name: "Last days" }),
      ],
      NOW,
    );
    expect(rows.map((r) => r.label)).toEqual(["Newer", "Older", "Last days"]);
    expect(rows[0]).toEqual({
      type: "lead",
      id: "00000000-0000-7000-8000-000000000003",
      label: "Newer",
      deletedAt: new Date(NOW - DAY).toISOString(),
      deletedBy: "m2",
      restorableUntil: new Date(NOW + 29 * DAY).toISOString(),
    });
  });
});
