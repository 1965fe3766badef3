import { describe, expect, it } from "vitest";
import { ctx, ID, ID2, leadDb, memory } from "./test-support.ts";

describe("create", () => {
  it("creates a lead with defaults, normalized emails and E.164 phones", async () => {
    const db = memory();
    const result = await db.run(
      "create",
      { type: "lead", id: ID, fields: { name: "Jane Doe", emails: [" Jane@Acme.COM "], phones: ["(415) 555-0100"] } },
      ctx(1),
    );
    expect(result.ok).toBe(true);
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.data).toMatchObject({
      name: "Jane Doe",
      emails: ["jane@acme.com"],
      phones: ["+14155550100"],
      status: "new",
      tags: [],
    });
  });
  it("rejects an invalid create and stores nothing", async () => {
    const db = memory();
    const result = await db.run("create", { type: "lead", id: ID, fields: { name: "" } }, ctx(1));
    expect(result.ok).toBe(false);
    expect(db.rows.size).toBe(0);
  });
  it("refuses fields a create may not set, and set fields that are not lists of strings", async () => {
    const db = memory();
    expect(
      await db.run(
        "create",
        { type: "lead", id: ID, fields: { name: "Jane", createdAt: "2020-01-01T00:00:00.000Z" } },
        ctx(1),
      ),
    ).toEqual({
      ok: false,
      error: { code: "invalid", message: "lead has no settable field createdAt" },
    });
    expect(await db.run("create", { type: "lead", id: ID, fields: { name: "Jane", stage: "won" } }, ctx(1))).toEqual({
      ok: false,
      error: { code: "invalid", message: "lead has no settable field stage" },
    });
    expect(await db.run("create", { type: "lead", id: ID, fields: { name: "Jane", tags: "vip" } }, ctx(1))).toEqual({
      ok: false,
      error: { code: "invalid", message: "tags must be a list of strings" },
    });
    expect(
      await db.run("create", { type: "lead", id: ID, fields: { name: "Jane", tags: ["vip", 3] } }, ctx(1)),
    ).toMatchObject({ ok: false, error: { message: "tags must be a list of strings" } });
    expect(await db.run("create", { type: "lead", id: ID, fields: { name: "Jane", title: 5 } }, ctx(1))).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Title is not valid" },
    });
    expect(db.rows.size).toBe(0);
  });
  it("stamps createdAt and updatedAt, and clocks only the fields a create names", async () => {
    const db = await leadDb({ name: "Jane", title: "CTO", tags: ["vip"] });
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead).toMatchObject({ type: "lead", id: ID, deleted: false, version: 0 });
    expect(lead.data).toMatchObject({ id: ID, createdAt: ctx(1).now, updatedAt: ctx(1).now, status: "new" });
    expect(lead.meta.clocks).toEqual({ name: ctx(1).hlc, title: ctx(1).hlc });
    expect(lead.meta.sets).toEqual({ emails: {}, phones: {}, tags: { vip: [ctx(1).hlc] }, urls: {} });
    expect(lead.meta.history).toEqual([]);
  });
  it("treats a replayed create of an existing record as an update, and of an activity as done", async () => {
    const db = await leadDb({ name: "Jane" });
    const replay = await db.run("create", { type: "lead", id: ID, fields: { name: "Janet" } }, ctx(2));
    expect(replay.ok).toBe(true);
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.data).toMatchObject({ name: "Janet", createdAt: ctx(1).now, updatedAt: ctx(2).now });
    expect(lead.meta.history).toEqual([
      { field: "name", value: "Jane", hlc: ctx(1).hlc, replacedBy: ctx(2).hlc, by: null, at: ctx(2).now },
    ]);

    const activity = {
      type: "note",
      subject: { type: "lead", id: ID },
      occurredAt: "2026-01-01T00:00:00.000Z",
      body: "hi",
    };
    await db.run("create", { type: "activity", id: ID2, fields: activity }, ctx(1));
    expect(
      await db.run("create", { type: "activity", id: ID2, fields: { ...activity, body: "changed" } }, ctx(2)),
    ).toEqual({ ok: true, changed: [] });
  });
  it("refuses a create of an id in the trash, telling to restore it, and changes nothing", async () => {
    const db = await leadDb({ name: "Jane" });
    await db.run("delete", { type: "lead", id: ID }, ctx(2));
    const before = structuredClone(db.rows.get(`lead:${ID}`));
    expect(await db.run("create", { type: "lead", id: ID, fields: { name: "Janet" } }, ctx(3))).toEqual({
      ok: false,
      error: { code: "conflict", message: `lead ${ID} is in the trash; restore it instead` },
    });
    expect(db.rows.get(`lead:${ID}`)).toEqual(before);
  });
});
