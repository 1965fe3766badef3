import { describe, expect, it } from "vitest";
import { ctx, ID, leadDb } from "./test-support.ts";

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
});
