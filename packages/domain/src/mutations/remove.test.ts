import { describe, expect, it } from "vitest";
import { newId } from "../ids.ts";
import { observedAdds } from "../sync/fields.ts";
import { ctx, ID, ID2, leadDb, memory } from "./test-support.ts";

describe("remove", () => {
  it("lets a concurrent add beat a remove that did not see it", async () => {
    const db = memory();
    await db.run("create", { type: "lead", id: ID, fields: { name: "Jane", tags: ["vip"] } }, ctx(1));
    const seen = observedAdds(db.rows.get(`lead:${ID}`)!, "tags", ["vip"]);
    await db.run("add", { type: "lead", id: ID, field: "tags", values: ["vip"] }, ctx(3, "b"));
    await db.run("remove", { type: "lead", id: ID, field: "tags", observed: seen }, ctx(2, "a"));
    expect(db.rows.get(`lead:${ID}`)!.data.tags).toEqual(["vip"]);
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
  it("refuses to remove from a field the record type lacks, from an activity, or from a converted lead", async () => {
    const db = memory();
    await db.run("create", { type: "deal", id: ID, fields: { title: "Pilot" } }, ctx(1));
    expect(await db.run("remove", { type: "deal", id: ID, field: "emails", observed: {} }, ctx(2))).toEqual({
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
    expect(await db.run("remove", { type: "activity", id: ID2, field: "tags", observed: {} }, ctx(2))).toEqual({
      ok: false,
      error: { code: "immutable", message: "activity records cannot be changed" },
    });
    const converted = await leadDb({ name: "Jane", tags: ["vip"] });
    expect(
      (
        await converted.run(
          "convertLead",
          { leadId: ID, contactId: newId(), companyId: newId(), activityId: newId() },
          ctx(2),
        )
      ).ok,
    ).toBe(true);
    const seen = observedAdds(converted.rows.get(`lead:${ID}`)!, "tags", ["vip"]);
    expect(await converted.run("remove", { type: "lead", id: ID, field: "tags", observed: seen }, ctx(3))).toEqual({
      ok: false,
      error: { code: "conflict", message: `lead ${ID} is converted and read-only` },
    });
    expect(converted.rows.get(`lead:${ID}`)!.data.tags).toEqual(["vip"]);
  });
});
