import { describe, expect, it } from "vitest";
import { observedAdds } from "../sync/fields.ts";
import { ctx, ID, leadDb, memory } from "./test-support.ts";

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
});
