import { describe, expect, it } from "vitest";
import { WorkspaceSettingsSchema } from "../workspace.ts";
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

describe("create and update: issue 14's rules", () => {
  const settings = WorkspaceSettingsSchema.parse({});
  const member = "01890a5d-ac96-774b-bcce-b302099a8099";
  const owner = "01890a5d-ac96-774b-bcce-b302099a8098";

  it("an activity's author is whoever applies it, never the authorId it names", async () => {
    const db = await leadDb();
    const created = await db.run(
      "create",
      {
        type: "activity",
        id: ID2,
        fields: {
          type: "note",
          subject: { type: "lead", id: ID },
          occurredAt: "2026-01-01T00:00:00.000Z",
          authorId: owner,
        },
      },
      { ...ctx(2), actorId: member },
    );
    expect(created.ok).toBe(true);
    expect(db.rows.get(`activity:${ID2}`)!.data.authorId).toBe(member);
  });

  it("a deal's stage is one of the workspace's pipeline stages, on create and update", async () => {
    const db = memory();
    const withSettings = { ...ctx(1), settings };
    const bogus = await db.run(
      "create",
      { type: "deal", id: ID, fields: { title: "D", stage: "bogus" } },
      withSettings,
    );
    expect(bogus).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect(bogus.ok || bogus.error.message).toContain("qualification, discovery");
    expect((await db.run("create", { type: "deal", id: ID, fields: { title: "D" } }, withSettings)).ok).toBe(true);
    expect(
      await db.run("update", { type: "deal", id: ID, set: { stage: "nope" } }, { ...ctx(2), settings }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
    expect((await db.run("update", { type: "deal", id: ID, set: { stage: "won" } }, { ...ctx(3), settings })).ok).toBe(
      true,
    );
    // A pipeline without the default stage: a deal created without one is refused rather than left without a column.
    const custom = WorkspaceSettingsSchema.parse({
      pipeline: [
        { key: "open", label: "Open", probability: 0.5, terminal: null },
        { key: "done", label: "Done", probability: 1, terminal: "won" },
      ],
    });
    expect(
      (await db.run("create", { type: "deal", id: ID2, fields: { title: "E" } }, { ...ctx(4), settings: custom })).ok,
    ).toBe(false);
  });

  it("a company's domain is refused when another live company holds it (where the replica has a key index)", async () => {
    const db = memory();
    const indexed = Object.assign(db, {
      async findByKey(key: string) {
        return [...db.rows.values()].filter(
          (r) => !r.deleted && r.type === "company" && key === `domain:${String(r.data.domain ?? "")}`,
        ) as never;
      },
    });
    expect(
      (await indexed.run("create", { type: "company", id: ID, fields: { name: "A", domain: "acme.test" } }, ctx(1))).ok,
    ).toBe(true);
    expect(
      await indexed.run("create", { type: "company", id: ID2, fields: { name: "B", domain: "WWW.acme.test" } }, ctx(2)),
    ).toEqual({ ok: false, error: { code: "conflict", message: `Company ${ID} already has the domain acme.test` } });
    expect(
      (await indexed.run("create", { type: "company", id: ID2, fields: { name: "B", domain: "b.test" } }, ctx(3))).ok,
    ).toBe(true);
    expect(
      await indexed.run("update", { type: "company", id: ID2, set: { domain: "acme.test" } }, ctx(4)),
    ).toMatchObject({ ok: false, error: { code: "conflict" } });
    // Its own domain again is no conflict.
    expect(
      (await indexed.run("update", { type: "company", id: ID, set: { domain: "acme.test", name: "A2" } }, ctx(5))).ok,
    ).toBe(true);
  });
});
