import { describe, expect, it } from "vitest";
import { ctx, ID, memory } from "./test-support.ts";

describe("delete", () => {
  it("keeps edits made to a deleted record and shows them on restore", async () => {
    const db = memory();
    await db.run("create", { type: "lead", id: ID, fields: { name: "Jane" } }, ctx(1));
    await db.run("delete", { type: "lead", id: ID }, ctx(2));
    await db.run("update", { type: "lead", id: ID, set: { title: "CTO" } }, ctx(3));
    expect(db.rows.get(`lead:${ID}`)!.deleted).toBe(true);
    await db.run("restore", { type: "lead", id: ID }, ctx(4));
    expect(db.rows.get(`lead:${ID}`)!).toMatchObject({ deleted: false, data: { title: "CTO" } });
  });
});
