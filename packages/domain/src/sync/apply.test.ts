import { describe, expect, it } from "vitest";
import type { RecordType } from "../common.ts";
import { applyMutation, MAX_HISTORY, observedAdds, type ApplyContext } from "./apply.ts";
import { formatHlc } from "./hlc.ts";
import type { SyncedRecord } from "./protocol.ts";

const ID = "01890a5d-ac96-774b-bcce-b302099a8057";

function memory() {
  const rows = new Map<string, SyncedRecord>();
  return {
    rows,
    async get(type: RecordType, id: string) {
      return rows.get(`${type}:${id}`);
    },
    async run(name: string, args: unknown, ctx: ApplyContext) {
      const result = await applyMutation(this, name, args, ctx);
      if (result.ok) for (const r of result.changed) rows.set(`${r.type}:${r.id}`, r);
      return result;
    },
  };
}

function ctx(wall: number, node = "a"): ApplyContext {
  return { now: new Date(1_700_000_000_000 + wall).toISOString(), hlc: formatHlc({ wall: 1_700_000_000_000 + wall, counter: 0, node }), actorId: null, defaultRegion: "US" };
}

describe("applyMutation", () => {
  it("creates a lead with defaults, normalized emails and E.164 phones", async () => {
    const db = memory();
    const result = await db.run("create", { type: "lead", id: ID, fields: { name: "Jane Doe", emails: [" Jane@Acme.COM "], phones: ["(415) 555-0100"] } }, ctx(1));
    expect(result.ok).toBe(true);
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.data).toMatchObject({ name: "Jane Doe", emails: ["jane@acme.com"], phones: ["+14155550100"], status: "new", tags: [] });
  });

  it("rejects an invalid create and stores nothing", async () => {
    const db = memory();
    const result = await db.run("create", { type: "lead", id: ID, fields: { name: "" } }, ctx(1));
    expect(result.ok).toBe(false);
    expect(db.rows.size).toBe(0);
  });

  it("keeps the newer write per field and the older one in history, whatever the arrival order", async () => {
    for (const order of [[2, 3], [3, 2]]) {
      const db = memory();
      await db.run("create", { type: "lead", id: ID, fields: { name: "Jane" } }, ctx(1));
      for (const wall of order) await db.run("update", { type: "lead", id: ID, set: { title: `T${wall}` } }, ctx(wall, `n${wall}`));
      const lead = db.rows.get(`lead:${ID}`)!;
      expect(lead.data.title).toBe("T3");
      expect(lead.meta.history.map((h) => h.value)).toContain("T2");
    }
  });

  it("lets a concurrent add beat a remove that did not see it", async () => {
    const db = memory();
    await db.run("create", { type: "lead", id: ID, fields: { name: "Jane", tags: ["vip"] } }, ctx(1));
    const seen = observedAdds(db.rows.get(`lead:${ID}`)!, "tags", ["vip"]);
    await db.run("add", { type: "lead", id: ID, field: "tags", values: ["vip"] }, ctx(3, "b"));
    await db.run("remove", { type: "lead", id: ID, field: "tags", observed: seen }, ctx(2, "a"));
    expect(db.rows.get(`lead:${ID}`)!.data.tags).toEqual(["vip"]);
  });

  it("keeps edits made to a deleted record and shows them on restore", async () => {
    const db = memory();
    await db.run("create", { type: "lead", id: ID, fields: { name: "Jane" } }, ctx(1));
    await db.run("delete", { type: "lead", id: ID }, ctx(2));
    await db.run("update", { type: "lead", id: ID, set: { title: "CTO" } }, ctx(3));
    expect(db.rows.get(`lead:${ID}`)!.deleted).toBe(true);
    await db.run("restore", { type: "lead", id: ID }, ctx(4));
    expect(db.rows.get(`lead:${ID}`)!).toMatchObject({ deleted: false, data: { title: "CTO" } });
  });

  it("refuses to edit an activity", async () => {
    const db = memory();
    await db.run("create", { type: "activity", id: ID, fields: { type: "note", subject: { type: "lead", id: ID }, body: "hi", occurredAt: new Date().toISOString() } }, ctx(1));
    const result = await db.run("update", { type: "activity", id: ID, set: { body: "changed" } }, ctx(2));
    expect(result).toMatchObject({ ok: false, error: { code: "immutable" } });
  });
});

const ID2 = "01890a5d-ac96-774b-bcce-b302099a8058";

async function leadDb(fields: Record<string, unknown> = { name: "Jane" }) {
  const db = memory();
  const created = await db.run("create", { type: "lead", id: ID, fields }, ctx(1));
  if (!created.ok) throw new Error(created.error.message);
  return db;
}

describe("applyMutation's checks", () => {
  it("names what is wrong with a mutation it cannot read", async () => {
    const db = memory();
    expect(await db.run("frobnicate", {}, ctx(1))).toEqual({ ok: false, error: { code: "invalid", message: "unknown mutation: frobnicate" } });
    const bad = await db.run("create", { type: "lead", id: "not-a-uuid", fields: {} }, ctx(1));
    expect(bad).toEqual({ ok: false, error: { code: "invalid", message: "invalid create arguments: must be a UUID" } });
  });

  it("refuses fields a create may not set, and set fields that are not lists of strings", async () => {
    const db = memory();
    expect(await db.run("create", { type: "lead", id: ID, fields: { name: "Jane", createdAt: "2020-01-01T00:00:00.000Z" } }, ctx(1))).toEqual({
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
    expect(await db.run("create", { type: "lead", id: ID, fields: { name: "Jane", tags: ["vip", 3] } }, ctx(1))).toMatchObject({ ok: false, error: { message: "tags must be a list of strings" } });
    expect(await db.run("create", { type: "lead", id: ID, fields: { name: "Jane", title: 5 } }, ctx(1))).toMatchObject({ ok: false, error: { code: "invalid", message: expect.stringMatching(/^title: /) } });
    expect(db.rows.size).toBe(0);
  });

  it("answers not_found for changes to a record that does not exist", async () => {
    const db = memory();
    for (const [name, args] of [
      ["update", { type: "lead", id: ID, set: { title: "CTO" } }],
      ["restoreValue", { type: "lead", id: ID, field: "title", value: "CTO" }],
      ["add", { type: "lead", id: ID, field: "tags", values: ["vip"] }],
      ["remove", { type: "lead", id: ID, field: "tags", observed: {} }],
      ["delete", { type: "lead", id: ID }],
      ["restore", { type: "lead", id: ID }],
    ] as const) {
      expect(await db.run(name, args, ctx(2)), name).toEqual({ ok: false, error: { code: "not_found", message: `lead ${ID} does not exist` } });
    }
  });

  it("refuses updates of unknown, system and mistyped fields, changing nothing", async () => {
    const db = await leadDb();
    const before = structuredClone(db.rows.get(`lead:${ID}`));
    expect(await db.run("update", { type: "lead", id: ID, set: { id: ID2 } }, ctx(2))).toEqual({ ok: false, error: { code: "invalid", message: "lead has no settable field id" } });
    expect(await db.run("update", { type: "lead", id: ID, set: { amount: 3 } }, ctx(2))).toEqual({ ok: false, error: { code: "invalid", message: "lead has no settable field amount" } });
    expect(await db.run("update", { type: "lead", id: ID, set: { title: 42 } }, ctx(2))).toEqual({ ok: false, error: { code: "invalid", message: "invalid title" } });
    expect(await db.run("update", { type: "lead", id: ID, set: { emails: "jane@acme.com" } }, ctx(2))).toEqual({ ok: false, error: { code: "invalid", message: "emails must be a list of strings" } });
    expect(await db.run("update", { type: "lead", id: ID, set: { name: "" } }, ctx(2))).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(db.rows.get(`lead:${ID}`)).toEqual(before);
  });

  it("refuses to add to a field the record type does not have, or to an activity", async () => {
    const db = memory();
    await db.run("create", { type: "deal", id: ID, fields: { title: "Pilot" } }, ctx(1));
    expect(await db.run("add", { type: "deal", id: ID, field: "emails", values: ["a@acme.com"] }, ctx(2))).toEqual({ ok: false, error: { code: "invalid", message: "deal has no emails" } });
    await db.run("create", { type: "activity", id: ID2, fields: { type: "note", subject: { type: "deal", id: ID }, occurredAt: "2026-01-01T00:00:00.000Z" } }, ctx(1));
    expect(await db.run("add", { type: "activity", id: ID2, field: "tags", values: ["x"] }, ctx(2))).toEqual({ ok: false, error: { code: "immutable", message: "activity records cannot be changed" } });
  });
});

describe("applyMutation's merge rules", () => {
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
    expect(lead.meta.history).toEqual([{ field: "name", value: "Jane", hlc: ctx(1).hlc, replacedBy: ctx(2).hlc, by: null, at: ctx(2).now }]);

    const activity = { type: "note", subject: { type: "lead", id: ID }, occurredAt: "2026-01-01T00:00:00.000Z", body: "hi" };
    await db.run("create", { type: "activity", id: ID2, fields: activity }, ctx(1));
    expect(await db.run("create", { type: "activity", id: ID2, fields: { ...activity, body: "changed" } }, ctx(2))).toEqual({ ok: true, changed: [] });
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
    expect(await db.run("update", { type: "lead", id: ID, set: { title: "CTO" } }, ctx(4))).toEqual({ ok: true, changed: [] });
    expect(await db.run("update", { type: "lead", id: ID, set: { title: "CEO" } }, ctx(4))).toMatchObject({ ok: true });
    expect(db.rows.get(`lead:${ID}`)!.data.title).toBe("CTO");
  });

  it("keeps the newest MAX_HISTORY entries", async () => {
    const db = await leadDb();
    for (let i = 2; i <= MAX_HISTORY + 5; i++) await db.run("update", { type: "lead", id: ID, set: { title: `T${i}` } }, ctx(i));
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

  it("orders set values by first add, then by value, and drops blank ones", async () => {
    const db = await leadDb({ name: "Jane", tags: ["zeta", "alpha"] });
    await db.run("add", { type: "lead", id: ID, field: "tags", values: [" beta ", "alpha", "  "] }, ctx(2));
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.data.tags).toEqual(["alpha", "zeta", "beta"]);
    expect(lead.meta.sets.tags).toEqual({ alpha: [ctx(1).hlc, ctx(2).hlc], zeta: [ctx(1).hlc], beta: [ctx(2).hlc] });
    // Adding again at a clock already recorded changes nothing.
    expect(await db.run("add", { type: "lead", id: ID, field: "tags", values: ["beta"] }, ctx(2))).toEqual({ ok: true, changed: [] });
  });

  it("normalizes emails and phones it adds; an unparsable email is kept lower-cased and then refused by the schema", async () => {
    const db = await leadDb();
    await db.run("add", { type: "lead", id: ID, field: "phones", values: [" (415) 555-0100 "] }, ctx(2));
    expect(db.rows.get(`lead:${ID}`)!.data.phones).toEqual(["+14155550100"]);
    expect(await db.run("add", { type: "lead", id: ID, field: "emails", values: ["Not An Email"] }, ctx(3))).toEqual({
      ok: false,
      error: { code: "invalid", message: "emails.0: Invalid email address" },
    });
  });

  it("removes only the observed adds of a value, and nothing for values never added", async () => {
    const db = await leadDb({ name: "Jane", tags: ["vip", "cold"] });
    const seen = observedAdds(db.rows.get(`lead:${ID}`)!, "tags", ["vip", "never"]);
    expect(seen).toEqual({ vip: [ctx(1).hlc], never: [] });
    await db.run("remove", { type: "lead", id: ID, field: "tags", observed: seen }, ctx(2));
    const lead = db.rows.get(`lead:${ID}`)!;
    expect(lead.data.tags).toEqual(["cold"]);
    expect(lead.meta.sets.tags).toEqual({ cold: [ctx(1).hlc] });
    expect(observedAdds(lead, "urls", ["x"])).toEqual({ x: [] });
  });

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

  it("puts a value from history back by the rules of an update", async () => {
    const db = await leadDb({ name: "Jane", title: "CTO" });
    await db.run("update", { type: "lead", id: ID, set: { title: "CEO" } }, ctx(2));
    await db.run("restoreValue", { type: "lead", id: ID, field: "title", value: "CTO" }, ctx(3));
    expect(db.rows.get(`lead:${ID}`)!.data.title).toBe("CTO");
    expect(await db.run("restoreValue", { type: "lead", id: ID, field: "title", value: 7 }, ctx(4))).toEqual({ ok: false, error: { code: "invalid", message: "invalid title" } });
  });

  it("records a status_change activity for a plain update of a lead's status, with a deterministic id", async () => {
    const run = async () => {
      const db = await leadDb();
      const result = await db.run("update", { type: "lead", id: ID, set: { status: "unqualified", unqualifiedReason: "no budget" } }, { ...ctx(2), actorId: ID2 });
      if (!result.ok) throw new Error(result.error.message);
      return result.changed;
    };
    const changed = await run();
    expect(changed.map((r) => r.type)).toEqual(["lead", "activity"]);
    expect(changed[1]!.data).toMatchObject({ type: "status_change", subject: { type: "lead", id: ID }, authorId: ID2, data: { from: "new", to: "unqualified", reason: "no budget" } });
    expect((await run())[1]!.id).toBe(changed[1]!.id);
    // Other fields yield no activity.
    const db = await leadDb();
    const plain = await db.run("update", { type: "lead", id: ID, set: { title: "CTO" } }, ctx(2));
    expect(plain.ok && plain.changed.map((r) => r.type)).toEqual(["lead"]);
  });
});
