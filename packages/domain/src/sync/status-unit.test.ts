import { describe, expect, it } from "vitest";
import type { ApplyContext } from "./context.ts";
import { createRecord, updateRecord } from "./fields.ts";
import { formatHlc } from "./hlc.ts";
import type { SyncedRecord } from "./record.ts";
import { statusUnitClock, statusUnitWrite } from "./status-unit.ts";

const T0 = 1_700_000_000_000;
const ID = "01890a5d-ac96-774b-bcce-b302099a8057";
function ctx(wall: number, node = "a"): ApplyContext {
  return {
    now: new Date(T0 + wall).toISOString(),
    hlc: formatHlc({ wall: T0 + wall, counter: 0, node }),
    actorId: null,
    defaultRegion: "US",
  };
}

/** A lead made by the conflict rules alone. */
function lead(fields: Record<string, unknown>, at: ApplyContext): SyncedRecord {
  const created = createRecord("lead", ID, fields, at);
  if (!created.ok) throw new Error(created.error.message);
  return created.changed[0]!;
}

/** The lead after an update (unchanged when the update changed nothing). */
function update(record: SyncedRecord, set: Record<string, unknown>, at: ApplyContext): SyncedRecord {
  const result = updateRecord(record, set, at);
  if (!result.ok) throw new Error(result.error.message);
  return result.changed[0] ?? record;
}

const data = (record: SyncedRecord) => record.data as Record<string, unknown>;
const unitOf = (record: SyncedRecord) => ({
  status: data(record).status,
  unqualifiedReason: data(record).unqualifiedReason,
});

describe("the status unit (a lead's status and reason as one last-writer-wins value)", () => {
  it("orders a lead created naming only its status by that status's clock", () => {
    const created = lead({ name: "Jane", status: "working" }, ctx(5));
    expect(created.meta.clocks.unqualifiedReason).toBeUndefined();
    expect(statusUnitClock(created)).toBe(ctx(5).hlc);
    // An older write loses, and is kept in history; a newer one wins both fields.
    const stale = update(created, { status: "qualified" }, ctx(3));
    expect(unitOf(stale)).toEqual({ status: "working", unqualifiedReason: null });
    expect(stale.meta.history.map((h) => [h.field, h.value, h.hlc, h.replacedBy])).toEqual([
      ["status", "qualified", ctx(3).hlc, ctx(5).hlc],
    ]);
    const newer = update(created, { status: "qualified" }, ctx(7));
    expect(unitOf(newer)).toEqual({ status: "qualified", unqualifiedReason: null });
    expect([newer.meta.clocks.status, newer.meta.clocks.unqualifiedReason]).toEqual([ctx(7).hlc, ctx(7).hlc]);
  });

  it("orders a lead written before the unit existed by the later of its two clocks", () => {
    // Unqualified at 1, the reason edited at 9 on its own clock (as two fields once were).
    const old = lead({ name: "Jane", status: "unqualified", unqualifiedReason: "budget" }, ctx(1));
    old.meta.clocks.unqualifiedReason = ctx(9).hlc;
    expect(statusUnitClock(old)).toBe(ctx(9).hlc);
    // A re-open written at 5 is older than the unit: neither field changes, the write is kept whole.
    const stale = update(old, { status: "working" }, ctx(5));
    expect(unitOf(stale)).toEqual({ status: "unqualified", unqualifiedReason: "budget" });
    expect(stale.meta.history.map((h) => [h.field, h.value, h.replacedBy])).toEqual([
      ["status", "working", ctx(9).hlc],
    ]);
    // Other fields keep their own clocks.
    expect(data(update(old, { title: "CTO" }, ctx(5))).title).toBe("CTO");
    // A re-open written at 10 wins both, and clears the reason.
    const reopened = update(old, { status: "working" }, ctx(10));
    expect(unitOf(reopened)).toEqual({ status: "working", unqualifiedReason: null });
    expect([reopened.meta.clocks.status, reopened.meta.clocks.unqualifiedReason]).toEqual([ctx(10).hlc, ctx(10).hlc]);
    // And the other way round: a status clock later than the reason's orders a reason edit.
    const older = lead({ name: "Jane", status: "unqualified", unqualifiedReason: "budget" }, ctx(1));
    older.meta.clocks.status = ctx(9).hlc;
    expect(unitOf(update(older, { unqualifiedReason: "student" }, ctx(5)))).toEqual({
      status: "unqualified",
      unqualifiedReason: "budget",
    });
    expect(unitOf(update(older, { unqualifiedReason: "student" }, ctx(10)))).toEqual({
      status: "unqualified",
      unqualifiedReason: "student",
    });
  });

  it("is the whole unit a write names: the reason only while unqualified, trimmed, blank as none", () => {
    expect(statusUnitWrite({ status: "new" }, { title: "CTO" })).toBeNull();
    expect(statusUnitWrite({ status: "unqualified", unqualifiedReason: "budget" }, { status: "unqualified" })).toEqual({
      status: "unqualified",
      unqualifiedReason: "budget",
    });
    expect(statusUnitWrite({ status: "working" }, { status: "unqualified", unqualifiedReason: "  student " })).toEqual({
      status: "unqualified",
      unqualifiedReason: "student",
    });
    expect(statusUnitWrite({ status: "unqualified", unqualifiedReason: "budget" }, { unqualifiedReason: " " })).toEqual(
      { status: "unqualified", unqualifiedReason: null },
    );
    // A reason left over on a lead that is not unqualified (written before the unit) is not taken
    // as the reason for unqualifying it.
    expect(statusUnitWrite({ status: "working", unqualifiedReason: "old" }, { status: "unqualified" })).toEqual({
      status: "unqualified",
      unqualifiedReason: null,
    });
    // A create names no current status: a lead starts new.
    expect(statusUnitWrite({}, { unqualifiedReason: "student" })).toEqual({ status: "new", unqualifiedReason: null });
  });
});
