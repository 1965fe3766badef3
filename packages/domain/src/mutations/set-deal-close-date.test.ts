import { describe, expect, it } from "vitest";
import { mutationRefs } from "./registry.ts";
import { ctx, ID, memory } from "./test-support.ts";

async function dealDb() {
  const db = memory();
  const created = await db.run("create", { type: "deal", id: ID, fields: { title: "Pilot" } }, ctx(1));
  if (!created.ok) throw new Error(created.error.message);
  return db;
}

describe("setDealCloseDate", () => {
  it("sets the expected close date as the start of that day, and clears it with null", async () => {
    const db = await dealDb();
    expect((await db.run("setDealCloseDate", { dealId: ID, closeDate: "2026-03-31" }, ctx(2))).ok).toBe(true);
    expect(db.rows.get(`deal:${ID}`)!.data).toMatchObject({
      expectedCloseAt: "2026-03-31T00:00:00.000Z",
      updatedAt: ctx(2).now,
    });
    await db.run("setDealCloseDate", { dealId: ID, closeDate: null }, ctx(3));
    expect(db.rows.get(`deal:${ID}`)!.data.expectedCloseAt).toBeNull();
  });

  it("lets the newest write win and keeps the older one in history, whatever the arrival order", async () => {
    const db = await dealDb();
    await db.run("setDealCloseDate", { dealId: ID, closeDate: "2026-05-01" }, ctx(5, "b"));
    await db.run("setDealCloseDate", { dealId: ID, closeDate: "2026-04-01" }, ctx(4, "a"));
    const deal = db.rows.get(`deal:${ID}`)!;
    expect(deal.data.expectedCloseAt).toBe("2026-05-01T00:00:00.000Z");
    expect(deal.meta.history.map((entry) => entry.value)).toContain("2026-04-01T00:00:00.000Z");
  });

  it("refuses days that do not exist, other formats and unknown deals", async () => {
    const db = await dealDb();
    for (const closeDate of ["2026-02-30", "31/03/2026", "2026-03-31T00:00:00.000Z", ""]) {
      expect(await db.run("setDealCloseDate", { dealId: ID, closeDate }, ctx(2)), closeDate).toMatchObject({
        ok: false,
        error: { code: "invalid" },
      });
    }
    const other = "01890a5d-ac96-774b-bcce-b302099a8099";
    expect(await db.run("setDealCloseDate", { dealId: other, closeDate: "2026-03-31" }, ctx(2))).toEqual({
      ok: false,
      error: { code: "not_found", message: `deal ${other} does not exist` },
    });
  });

  it("names the deal it changes", () => {
    expect(mutationRefs("setDealCloseDate", { dealId: ID, closeDate: null })).toEqual([{ type: "deal", id: ID }]);
  });
});
