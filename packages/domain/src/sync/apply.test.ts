import { describe, expect, it } from "vitest";
import type { RecordType } from "../common.ts";
import { applyMutation, observedAdds, type ApplyContext } from "./apply.ts";
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
