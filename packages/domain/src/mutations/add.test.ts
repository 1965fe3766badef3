import { describe, expect, it } from "vitest";
import { ctx, ID, ID2, leadDb, memory } from "./test-support.ts";

describe("add", () => {
  it("refuses to add to a field the record type does not have, or to an activity", async () => {
    const db = memory();
    await db.run("create", { type: "deal", id: ID, fields: { title: "Pilot" } }, ctx(1));
    expect(await db.run("add", { type: "deal", id: ID, field: "emails", values: ["a@acme.com"] }, ctx(2))).toEqual({
      ok: false,
      error: { code: "invalid", message: "deal has no emails" },
    });
    await db.run(
      "create",
      {
        type: "activity",
        id: ID2,
        fields: { type: "note", subject: { type: "deal", id: ID }, occurredAt: "2026-01-01T00:00:00.000Z" },
      },
      ctx(1),
    );
    expect(await db.run("add", { type: "activity", id: ID2, field: "tags", values: ["x"] }, ctx(2))).toEqual({
      ok: false,
      error: { code: "immutable", message: "activity records cannot be changed" },
    });
  });
  it("orders set values by first add, then by value, and drops blank ones", async () => {
    const db = await leadDb({ name: "Jane", tags: ["zeta", "alpha"] });
    await db.run("add", { type: "lead", id: ID, field: "tags", values: [" beta ", "alpha", "  "] }, ctx(2));
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.data.tags).toEqual(["alpha", "zeta", "beta"]);
    expect(lead.meta.sets.tags).toEqual({ alpha: [ctx(1).hlc, ctx(2).hlc], zeta: [ctx(1).hlc], beta: [ctx(2).hlc] });
    // Adding again at a clock already recorded changes nothing.
    expect(await db.run("add", { type: "lead", id: ID, field: "tags", values: ["beta"] }, ctx(2))).toEqual({
      ok: true,
      changed: [],
    });
  });
  it("normalizes emails and phones it adds; a bad email is lower-cased, then refused by the schema", async () => {
    const db = await leadDb();
    await db.run("add", { type: "lead", id: ID, field: "phones", values: [" (415) 555-0100 "] }, ctx(2));
    expect(db.rows.get(`lead:${ID}`)!.data.phones).toEqual(["+14155550100"]);
    expect(await db.run("add", { type: "lead", id: ID, field: "emails", values: ["Not An Email"] }, ctx(3))).toEqual({
      ok: false,
      error: { code: "invalid", message: "'not an email' is not an email address" },
    });
  });
});

describe("values named like built-in properties (issue 14)", () => {
  const BUILT_INS = ["constructor", "toString", "hasOwnProperty", "__proto__", "valueOf"];

  it("are set values like any other: created, added, replaced and removed", async () => {
    const db = await leadDb({ name: "Jane", tags: ["constructor", "__proto__"] });
    expect(db.rows.get(`lead:${ID}`)!.data.tags).toEqual(["__proto__", "constructor"]);
    expect((await db.run("add", { type: "lead", id: ID, field: "tags", values: BUILT_INS }, ctx(2))).ok).toBe(true);
    expect([...(db.rows.get(`lead:${ID}`)!.data.tags as string[])].sort()).toEqual([...BUILT_INS].sort());
    expect((await db.run("update", { type: "lead", id: ID, set: { tags: ["toString", "plain"] } }, ctx(3))).ok).toBe(
      true,
    );
    const lead = db.rows.get(`lead:${ID}`)!;
    expect([...(lead.data.tags as string[])].sort()).toEqual(["plain", "toString"]);
    // What is stored reads back the same through JSON (no key lost to a prototype).
    expect(JSON.parse(JSON.stringify(lead.meta)).sets.tags).toHaveProperty("toString");
  });

  it("name no field: an update or create setting one is refused in words, never a TypeError", async () => {
    const db = await leadDb();
    // (`__proto__` as a key never reaches a handler: argument parsing drops it, so it changes nothing.)
    for (const field of BUILT_INS.filter((name) => name !== "__proto__")) {
      expect(await db.run("update", { type: "lead", id: ID, set: JSON.parse(`{"${field}": "x"}`) }, ctx(2))).toEqual({
        ok: false,
        error: { code: "invalid", message: `lead has no settable field ${field}` },
      });
      const created = await db.run(
        "create",
        { type: "lead", id: ID2, fields: { name: "N", ...JSON.parse(`{"${field}": 1}`) } },
        ctx(2),
      );
      expect(created.ok).toBe(false);
    }
  });
});
