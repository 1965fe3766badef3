import { describe, expect, it } from "vitest";
import { ctx, ID, ID2, leadDb } from "./test-support.ts";

describe("restore", () => {
  it("orders delete and restore by clock: an older one arriving late changes nothing", async () => {
    const db = await leadDb();
    await db.run("delete", { type: "lead", id: ID }, ctx(5));
    expect(await db.run("restore", { type: "lead", id: ID }, ctx(3))).toEqual({ ok: true, changed: [] });
    expect(db.rows.get(`lead:${ID}`)!.deleted).toBe(true);
    expect(await db.run("restore", { type: "lead", id: ID }, ctx(5))).toEqual({ ok: true, changed: [] });
    await db.run("restore", { type: "lead", id: ID }, ctx(6));
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.deleted).toBe(false);
    expect(lead.meta.clocks.$deleted).toBe(ctx(6).hlc);
    // A tombstone changes no data: updatedAt stays.
    expect(lead.data.updatedAt).toBe(ctx(1).now);
  });
  it("refuses to bring back a merged record, naming the record it lives on in", async () => {
    const db = await leadDb();
    await db.run("create", { type: "lead", id: ID2, fields: { name: "Jane D." } }, ctx(2));
    expect((await db.run("mergeRecords", { type: "lead", survivorId: ID, mergedId: ID2 }, ctx(3))).ok).toBe(true);
    expect(await db.run("restore", { type: "lead", id: ID2 }, ctx(4))).toEqual({
      ok: false,
      error: { code: "conflict", message: `lead ${ID2} was merged into ${ID}` },
    });
    expect(db.rows.get(`lead:${ID2}`)!.deleted).toBe(true);
  });
});
