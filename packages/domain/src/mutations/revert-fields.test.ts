import { describe, expect, it } from "vitest";
import { ctx, ID, ID2, leadDb, memory } from "./test-support.ts";

describe("revertFields", () => {
  it("puts back the value an action overwrote while the field still holds the action's value", async () => {
    const db = await leadDb({ name: "Jane", status: "new" });
    await db.run("setLeadStatus", { leadId: ID, status: "qualified", activityId: ID2 }, ctx(2));
    const result = await db.run(
      "revertFields",
      { type: "lead", id: ID, fields: { status: { from: "qualified", to: "new" } } },
      ctx(3),
    );
    expect(result.ok).toBe(true);
    expect(db.rows.get(`lead:${ID}`)!.data.status).toBe("new");
  });

  it("keeps a value written after the action: a teammate's edit that reached the server first wins", async () => {
    const db = await leadDb({ name: "Jane", title: "CTO" });
    await db.run("update", { type: "lead", id: ID, set: { title: "VP" } }, ctx(2));
    await db.run("update", { type: "lead", id: ID, set: { title: "CEO" } }, ctx(3, "mate"));
    const result = await db.run(
      "revertFields",
      { type: "lead", id: ID, fields: { title: { from: "VP", to: "CTO" } } },
      ctx(4),
    );
    expect(result).toEqual({ ok: true, changed: [] });
    expect(db.rows.get(`lead:${ID}`)!.data.title).toBe("CEO");
  });

  it("reverts a lead's status and conversion pointers together or not at all", async () => {
    const db = await leadDb({ name: "Jane", status: "qualified", companyName: "Acme" });
    const ids = { leadId: ID, contactId: ID2, companyId: "01890a5d-ac96-774b-bcce-b302099a8059" };
    await db.run("convertLead", { ...ids, activityId: "01890a5d-ac96-774b-bcce-b302099a805a" }, ctx(2));
    const revert = (contactFrom: string) =>
      db.run(
        "revertFields",
        {
          type: "lead",
          id: ID,
          fields: {
            status: { from: "converted", to: "qualified" },
            convertedContactId: { from: contactFrom, to: null },
            convertedCompanyId: { from: ids.companyId, to: null },
          },
        },
        ctx(3),
      );
    // Converted to another contact than the undo saw (the server matched an existing one): nothing moves.
    expect(await revert("01890a5d-ac96-774b-bcce-b302099a805b")).toEqual({ ok: true, changed: [] });
    await revert(ID2);
    expect(db.rows.get(`lead:${ID}`)!.data).toMatchObject({
      status: "qualified",
      convertedContactId: null,
      convertedCompanyId: null,
    });
  });

  it("never writes a value the field did not hold (no way round the lifecycle)", async () => {
    const db = await leadDb({ name: "Jane", status: "new" });
    await db.run("setLeadStatus", { leadId: ID, status: "working", activityId: ID2 }, ctx(2));
    const result = await db.run(
      "revertFields",
      { type: "lead", id: ID, fields: { status: { from: "working", to: "qualified" } } },
      ctx(3),
    );
    expect(result).toEqual({ ok: true, changed: [] });
    expect(db.rows.get(`lead:${ID}`)!.data.status).toBe("working");
  });

  it("wins over the action's write even when the undoing clock runs behind", async () => {
    const db = await leadDb({ name: "Jane", title: "CTO" });
    await db.run("update", { type: "lead", id: ID, set: { title: "VP" } }, ctx(50));
    await db.run("revertFields", { type: "lead", id: ID, fields: { title: { from: "VP", to: "CTO" } } }, ctx(10));
    expect(db.rows.get(`lead:${ID}`)!.data.title).toBe("CTO");
  });

  it("refuses set fields, system fields and any activity field but its subject", async () => {
    const db = await leadDb({ name: "Jane" });
    for (const field of ["tags", "updatedAt"]) {
      const result = await db.run(
        "revertFields",
        { type: "lead", id: ID, fields: { [field]: { from: [], to: [] } } },
        ctx(2),
      );
      expect(result.ok).toBe(false);
    }
    const notes = memory();
    await notes.run(
      "create",
      {
        type: "activity",
        id: ID2,
        fields: { type: "note", subject: { type: "lead", id: ID }, occurredAt: new Date(0).toISOString() },
      },
      ctx(1),
    );
    const body = await notes.run(
      "revertFields",
      { type: "activity", id: ID2, fields: { body: { from: "", to: "x" } } },
      ctx(2),
    );
    expect(body).toMatchObject({ ok: false, error: { code: "immutable" } });
  });
});
