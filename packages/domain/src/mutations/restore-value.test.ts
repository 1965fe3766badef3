import { describe, expect, it } from "vitest";
import { ctx, ID, leadDb } from "./test-support.ts";

describe("restoreValue", () => {
  it("puts a value from history back by the rules of an update", async () => {
    const db = await leadDb({ name: "Jane", title: "CTO" });
    await db.run("update", { type: "lead", id: ID, set: { title: "CEO" } }, ctx(2));
    await db.run("restoreValue", { type: "lead", id: ID, field: "title", value: "CTO" }, ctx(3));
    expect(db.rows.get(`lead:${ID}`)!.data.title).toBe("CTO");
    expect(await db.run("restoreValue", { type: "lead", id: ID, field: "title", value: 7 }, ctx(4))).toEqual({
      ok: false,
      error: { code: "invalid", message: "invalid title" },
    });
  });
});
