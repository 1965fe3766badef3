import { describe, expect, it } from "vitest";
import { MAX_HISTORY } from "../sync/history.ts";
import { ctx, ID, ID2, leadDb, memory } from "./test-support.ts";

describe("update", () => {
  it("keeps the newer write per field and the older one in history, whatever the arrival order", async () => {
    for (const order of [
      [2, 3],
      [3, 2],
    ]) {
      const db = memory();
      await db.run("create", { type: "lead", id: ID, fields: { name: "Jane" } }, ctx(1));
      for (const wall of order)
        await db.run("update", { type: "lead", id: ID, set: { title: `T${wall}` } }, ctx(wall, `n${wall}`));
      const lead = db.rows.get(`lead:${ID}`)!;
      expect(lead.data.title).toBe("T3");
      expect(lead.meta.history.map((h) => h.value)).toContain("T2");
    }
  });
  it("refuses to edit an activity", async () => {
    const db = memory();
    await db.run(
      "create",
      {
        type: "activity",
        id: ID,
        fields: { type: "note", subject: { type: "lead", id: ID }, body: "hi", occurredAt: new Date().toISOString() },
      },
      ctx(1),
    );
    const result = await db.run("update", { type: "activity", id: ID, set: { body: "changed" } }, ctx(2));
    expect(result).toMatchObject({ ok: false, error: { code: "immutable" } });
  });
  it("refuses updates of unknown, system and mistyped fields, changing nothing", async () => {
    const db = await leadDb();
    const before = structuredClone(db.rows.get(`lead:${ID}`));
    expect(await db.run("update", { type: "lead", id: ID, set: { id: ID2 } }, ctx(2))).toEqual({
      ok: false,
      error: { code: "invalid", message: "lead has no settable field id" },
    });
    expect(await db.run("update", { type: "lead", id: ID, set: { amount: 3 } }, ctx(2))).toEqual({
      ok: false,
      error: { code: "invalid", message: "lead has no settable field amount" },
    });
    expect(await db.run("update", { type: "lead", id: ID, set: { title: 42 } }, ctx(2))).toEqual({
      ok: false,
      error: { code: "invalid", message: "invalid title" },
    });
    expect(await db.run("update", { type: "lead", id: ID, set: { emails: "jane@acme.com" } }, ctx(2))).toEqual({
      ok: false,
      error: { code: "invalid", message: "emails must be a list of strings" },
    });
    expect(await db.run("update", { type: "lead", id: ID, set: { name: "" } }, ctx(2))).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(db.rows.get(`lead:${ID}`)).toEqual(before);
  });
  it("keeps a losing write in history with the clock that beat it, and who wrote it", async () => {
    const db = await leadDb();
    await db.run("update", { type: "lead", id: ID, set: { title: "CTO" } }, { ...ctx(5), actorId: "rep-1" });
    await db.run("update", { type: "lead", id: ID, set: { title: "CEO" } }, { ...ctx(3, "b"), actorId: "rep-2" });
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.data.title).toBe("CTO");
    expect(lead.meta.clocks.title).toBe(ctx(5).hlc);
    expect(lead.meta.history).toEqual([
      { field: "title", value: null, hlc: "", replacedBy: ctx(5).hlc, by: "rep-1", at: ctx(5).now },
      { field: "title", value: "CEO", hlc: ctx(3, "b").hlc, replacedBy: ctx(5).hlc, by: "rep-2", at: ctx(3, "b").now },
    ]);
    // A losing write changes no data, so updatedAt stays.
    expect(lead.data.updatedAt).toBe(ctx(5).now);
  });
  it("moves the clock for a newer write of the same value without history, and ignores an equal clock", async () => {
    const db = await leadDb({ name: "Jane", title: "CTO" });
    const same = await db.run("update", { type: "lead", id: ID, set: { title: "CTO" } }, ctx(4));
    expect(same.ok).toBe(true);
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.meta.clocks.title).toBe(ctx(4).hlc);
    expect(lead.meta.history).toEqual([]);
    expect(lead.data.updatedAt).toBe(ctx(1).now);
    // The same clock again (a replay) changes nothing at all.
    expect(await db.run("update", { type: "lead", id: ID, set: { title: "CTO" } }, ctx(4))).toEqual({
      ok: true,
      changed: [],
    });
    expect(await db.run("update", { type: "lead", id: ID, set: { title: "CEO" } }, ctx(4))).toMatchObject({ ok: true });
    expect(db.rows.get(`lead:${ID}`)!.data.title).toBe("CTO");
  });
  it("keeps the newest MAX_HISTORY entries", async () => {
    const db = await leadDb();
    for (let i = 2; i <= MAX_HISTORY + 5; i++)
      await db.run("update", { type: "lead", id: ID, set: { title: `T${i}` } }, ctx(i));
    const history = db.rows.get(`lead:${ID}`)!.meta.history;
    expect(history).toHaveLength(MAX_HISTORY);
    expect(history.at(-1)!.value).toBe(`T${MAX_HISTORY + 4}`);
    expect(history[0]!.value).toBe("T5");
  });
  it("replaces a whole set by adding what is new and removing what the writer saw", async () => {
    const db = await leadDb({ name: "Jane", emails: ["a@acme.com", "b@acme.com"] });
    await db.run("update", { type: "lead", id: ID, set: { emails: [" B@acme.com ", "c@acme.com"] } }, ctx(2));
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.data.emails).toEqual(["b@acme.com", "c@acme.com"]);
    expect(lead.meta.sets.emails).toEqual({ "b@acme.com": [ctx(1).hlc], "c@acme.com": [ctx(2).hlc] });
  });
  it("records a status_change activity for a plain update of a lead's status, with a deterministic id", async () => {
    const run = async () => {
      const db = await leadDb();
      const result = await db.run(
        "update",
        { type: "lead", id: ID, set: { status: "unqualified", unqualifiedReason: "no budget" } },
        { ...ctx(2), actorId: ID2 },
      );
      if (!result.ok) throw new Error(result.error.message);
      return result.changed;
    };
    const changed = await run();
    expect(changed.map((r) => r.type)).toEqual(["lead", "activity"]);
    expect(changed[1]!.data).toMatchObject({
      type: "status_change",
      subject: { type: "lead", id: ID },
      authorId: ID2,
      data: { from: "new", to: "unqualified", reason: "no budget" },
    });
    expect((await run())[1]!.id).toBe(changed[1]!.id);
    // Other fields yield no activity.
    const db = await leadDb();
    const plain = await db.run("update", { type: "lead", id: ID, set: { title: "CTO" } }, ctx(2));
    expect(plain.ok && plain.changed.map((r) => r.type)).toEqual(["lead"]);
  });
});
