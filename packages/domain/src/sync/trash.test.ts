import { describe, expect, it } from "vitest";
import { applyMutation } from "../mutations/registry.ts";
import type { ApplyContext } from "./context.ts";
import { formatHlc } from "./hlc.ts";
import { MemoryRecordStore } from "./memory-store.ts";
import { deletionOf, isInTrash, isPurgeable, TRASH_RETENTION_DAYS, trashLabel } from "./trash.ts";

const DAY = 24 * 60 * 60 * 1000;
const ID = "01890a5d-ac96-774b-bcce-b302099a8057";
const ID2 = "01890a5d-ac96-774b-bcce-b302099a8058";

/** A change made `wall` ms after a fixed moment, by `actorId`. */
function ctx(wall: number, actorId: string | null = null): ApplyContext {
  return {
    now: new Date(1_700_000_000_000 + wall).toISOString(),
    hlc: formatHlc({ wall: 1_700_000_000_000 + wall, counter: 0, node: "a" }),
    actorId,
    defaultRegion: "US",
  };
}
const as = (actorId: string, wall: number) => ctx(wall, actorId);

/** A store holding the lead `ID`, created at ctx(1), changed through the registry by `run`. */
async function leadDb(fields: Record<string, unknown> = { name: "Jane" }) {
  const store = new MemoryRecordStore();
  const db = {
    async run(name: string, args: unknown, at: ApplyContext) {
      const result = await applyMutation(store, name, args, at);
      if (result.ok) store.write(result.changed);
      return result;
    },
    lead: (id = ID) => store.records.get(`lead:${id}`)!,
  };
  await db.run("create", { type: "lead", id: ID, fields }, ctx(1));
  return db;
}

describe("the trash", () => {
  it("knows who deleted a record and when, from the delete's clock and history", async () => {
    const db = await leadDb({ name: "Jane" });
    await db.run("delete", { type: "lead", id: ID }, as("member-1", 10));
    const lead = db.lead();
    expect(isInTrash(lead)).toBe(true);
    expect(deletionOf(lead)).toEqual({
      deletedAt: ctx(10).now,
      deletedBy: "member-1",
      restorableUntil: new Date(Date.parse(ctx(10).now) + TRASH_RETENTION_DAYS * DAY).toISOString(),
    });
    // Restored and deleted again by someone else: the newest delete is the one that counts.
    await db.run("restore", { type: "lead", id: ID }, as("member-1", 20));
    expect(deletionOf(db.lead())).toBeNull();
    await db.run("delete", { type: "lead", id: ID }, as("member-2", 30));
    expect(deletionOf(db.lead())).toMatchObject({
      deletedAt: ctx(30).now,
      deletedBy: "member-2",
    });
  });

  it("names who moved a record into the trash when a second, concurrent delete arrives", async () => {
    const db = await leadDb({ name: "Jane" });
    await db.run("delete", { type: "lead", id: ID }, as("member-1", 10));
    await db.run("delete", { type: "lead", id: ID }, as("member-2", 12));
    expect(deletionOf(db.lead())).toMatchObject({
      deletedAt: ctx(12).now,
      deletedBy: "member-1",
    });
  });

  it("keeps a record restorable through day 29 and purgeable from day 31", async () => {
    const db = await leadDb();
    await db.run("delete", { type: "lead", id: ID }, ctx(10));
    const lead = db.lead();
    const deletedAt = Date.parse(ctx(10).now);
    expect(isPurgeable(lead, deletedAt + 29 * DAY)).toBe(false);
    expect(isPurgeable(lead, deletedAt + 31 * DAY)).toBe(true);
    const live = (await leadDb()).lead();
    expect(isPurgeable(live, deletedAt + 365 * DAY)).toBe(false);
  });

  it("leaves a merged record out (it lives on in its survivor) and names records by name or title", async () => {
    const db = await leadDb({ name: "Jane" });
    await db.run("create", { type: "lead", id: ID2, fields: { name: "Jane D." } }, ctx(2));
    await db.run("mergeRecords", { type: "lead", survivorId: ID, mergedId: ID2 }, ctx(3));
    const merged = db.lead(ID2);
    expect(merged.deleted).toBe(true);
    expect(isInTrash(merged)).toBe(false);
    expect(trashLabel(merged)).toEqual({ name: "Jane D." });
    expect(trashLabel({ type: "deal", data: { title: "Big one" } } as never)).toEqual({ title: "Big one" });
    expect(trashLabel({ type: "activity", data: { type: "note", body: "Called her\nmore" } } as never)).toEqual({
      title: "Note: Called her",
    });
    // Activities read in words, never their internal type ("status_change"), in the Trash and GET /v1/trash.
    expect(trashLabel({ type: "activity", data: { type: "status_change", body: "" } } as never)).toEqual({
      title: "Status change",
    });
    expect(
      trashLabel({ type: "activity", data: { type: "email", data: { subject: "Pilot for Q1" } } } as never),
    ).toEqual({ title: "Email: Pilot for Q1" });
  });
});
