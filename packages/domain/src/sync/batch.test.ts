import { describe, expect, it } from "vitest";
import { newId } from "../ids.ts";
import { clockAfter, createNew, openBatch } from "./batch.ts";
import type { ApplyContext } from "./context.ts";
import { createRecord } from "./fields.ts";
import { formatHlc } from "./hlc.ts";
import { MemoryRecordStore } from "./memory-store.ts";

const T0 = 1_700_000_000_000;
function ctx(wall: number, node = "a", extra: Partial<ApplyContext> = {}): ApplyContext {
  return {
    now: new Date(T0 + wall).toISOString(),
    hlc: formatHlc({ wall: T0 + wall, counter: 0, node }),
    actorId: null,
    defaultRegion: "US",
    ...extra,
  };
}

describe("clockAfter", () => {
  it("moves a lagging clock just past the records' clocks, and leaves a leading one alone", () => {
    const record = {
      type: "lead" as const,
      id: newId(),
      data: {},
      meta: { clocks: { status: ctx(50, "z").hlc }, sets: {}, history: [] },
      deleted: false,
      version: 0,
    };
    const after = clockAfter(ctx(10, "slow"), [record]);
    expect(after.hlc > ctx(50, "z").hlc).toBe(true);
    expect(after.hlc.endsWith("-slow")).toBe(true);
    expect(clockAfter(ctx(60), [record])).toEqual(ctx(60));
  });

  it("still orders after a record whose clock used up its millisecond's counter", () => {
    const at = (counter: number, node: string) => formatHlc({ wall: T0 + 50, counter, node });
    const record = (clock: string) => ({
      type: "lead" as const,
      id: newId(),
      data: {},
      meta: { clocks: { title: clock }, sets: {}, history: [] },
      deleted: false,
      version: 0,
    });
    expect(clockAfter(ctx(10, "slow"), [record(at(7, "z"))]).hlc).toBe(at(8, "slow"));
    expect(clockAfter(ctx(10, "slow"), [record(at(99_998, "z"))]).hlc).toBe(at(99_999, "slow"));
    expect(clockAfter(ctx(10, "slow"), [record(at(99_999, "z"))]).hlc).toBe(
      formatHlc({ wall: T0 + 51, counter: 0, node: "slow" }),
    );
  });
});

/** A store holding records created by the engine's conflict rules alone. */
function storeWith(
  ...creates: Array<[type: "lead" | "contact" | "company" | "activity", id: string, fields: Record<string, unknown>]>
) {
  const store = new MemoryRecordStore();
  for (const [type, id, fields] of creates) {
    const created = createRecord(type, id, fields, ctx(1));
    if (!created.ok) throw new Error(created.error.message);
    store.write(created.changed);
  }
  return store;
}

const A = "01890a5d-ac96-774b-bcce-b302099a8051";
const B = "01890a5d-ac96-774b-bcce-b302099a8052";
const C = "01890a5d-ac96-774b-bcce-b302099a8053";

describe("a batch (several single-record changes applied as one)", () => {
  it("lets each step see what the earlier ones changed, and returns every change once", async () => {
    const batch = openBatch(storeWith(["lead", A, { name: "Jane" }]), ctx(2));
    expect(await batch.run("update", { type: "lead", id: A, set: { title: "CTO" } })).toBeNull();
    expect(await batch.run("update", { type: "lead", id: A, set: { location: "Lyon" } })).toBeNull();
    expect((await batch.get("lead", A))!.data).toMatchObject({ title: "CTO", location: "Lyon" });
    const result = batch.result();
    expect(result.ok && result.changed.map((r) => [r.type, r.id, (r.data as Record<string, unknown>).title])).toEqual([
      ["lead", A, "CTO"],
    ]);
  });

  it("answers a failing step's error and stages nothing for it", async () => {
    const batch = openBatch(storeWith(["lead", A, { name: "Jane" }]), ctx(2));
    expect(await batch.run("update", { type: "lead", id: B, set: { title: "CTO" } })).toEqual({
      code: "not_found",
      message: `lead ${B} does not exist`,
    });
    expect(await batch.run("update", { type: "lead", id: A, set: { status: "bogus" } })).toEqual({
      code: "invalid",
      message: "invalid status",
    });
    expect(batch.result()).toEqual({ ok: true, changed: [] });
  });

  it("finds records by key as the batch left them: keys gained and lost, deletes gone, sorted by id", async () => {
    const store = storeWith(
      ["contact", C, { name: "Carl", emails: ["team@acme.com"] }],
      ["contact", B, { name: "Bea", emails: ["bea@acme.com"] }],
    );
    const batch = openBatch(store, ctx(2));
    // Staged: A gains the shared address, B loses it, and a deleted record drops out.
    await batch.run("create", { type: "contact", id: A, fields: { name: "Ann", emails: ["team@acme.com"] } });
    await batch.run("update", { type: "contact", id: B, set: { emails: ["team@acme.com"] } });
    expect((await batch.findByKey("email:team@acme.com")).map((r) => r.id)).toEqual([A, B, C]);
    expect(await batch.findByKey("email:bea@acme.com")).toEqual([]);
    await batch.run("delete", { type: "contact", id: C });
    expect((await batch.findByKey("email:team@acme.com")).map((r) => r.id)).toEqual([A, B]);
    // A staged record that does not hold the key is not found through it.
    expect((await batch.findByKey("email:ann@acme.com")).map((r) => r.id)).toEqual([]);
    // What findByKey answers are copies: changing one changes nothing staged.
    const [first] = await batch.findByKey("email:team@acme.com");
    (first!.data as Record<string, unknown>).name = "Changed";
    expect((await batch.get("contact", A))!.data.name).toBe("Ann");
  });

  it("finds only what it staged over a reader without an index", async () => {
    const store = storeWith(["contact", B, { name: "Bea", emails: ["team@acme.com"] }]);
    const batch = openBatch({ get: (type, id) => store.get(type, id) }, ctx(2));
    expect(await batch.findByKey("email:team@acme.com")).toEqual([]);
    await batch.run("create", { type: "contact", id: A, fields: { name: "Ann", emails: ["team@acme.com"] } });
    expect((await batch.findByKey("email:team@acme.com")).map((r) => r.id)).toEqual([A]);
  });

  it("refuses, naming the step, arguments a step cannot read", async () => {
    const batch = openBatch(storeWith(), ctx(2));
    const steps = [
      ["create", { type: "lead", id: "x", fields: {} }],
      ["update", { type: "lead", id: "x", set: {} }],
      ["add", { type: "lead", id: "x", field: "tags", values: ["a"] }],
      ["remove", { type: "lead", id: "x", field: "tags", observed: {} }],
      ["delete", { type: "lead", id: "x" }],
      ["restore", { type: "lead", id: "x" }],
      ["restoreValue", { type: "lead", id: "x", field: "title", value: "CTO" }],
    ] as const;
    for (const [name, args] of steps) {
      expect(await batch.run(name, args), name).toEqual({
        code: "invalid",
        message: `invalid ${name} arguments: must be a UUID`,
      });
    }
  });

  it("applies every single-record change by the conflict rules alone", async () => {
    const batch = openBatch(
      storeWith(
        ["lead", A, { name: "Jane", tags: ["vip", "eu"] }],
        ["activity", B, { type: "note", subject: { type: "lead", id: A }, occurredAt: ctx(1).now }],
      ),
      ctx(2),
    );
    const lead = async () => (await batch.get("lead", A))!;
    expect(await batch.run("restoreValue", { type: "lead", id: A, field: "title", value: "CTO" })).toBeNull();
    expect((await lead()).data.title).toBe("CTO");
    expect(
      await batch.run("remove", { type: "lead", id: A, field: "tags", observed: { vip: [ctx(1).hlc] } }),
    ).toBeNull();
    expect((await lead()).data.tags).toEqual(["eu"]);
    expect(
      await batch.run("add", { type: "lead", id: A, field: "urls", values: ["https://acme.com/jane"] }),
    ).toBeNull();
    expect((await lead()).data.urls).toEqual(["https://acme.com/jane"]);
    expect(await batch.run("delete", { type: "lead", id: A }, ctx(3))).toBeNull();
    expect((await lead()).deleted).toBe(true);
    expect(await batch.run("restore", { type: "lead", id: A }, ctx(4))).toBeNull();
    expect((await lead()).deleted).toBe(false);
    // The conflict rules still hold: an activity takes no set changes, a type has only its own fields.
    expect(await batch.run("add", { type: "activity", id: B, field: "tags", values: ["x"] })).toEqual({
      code: "immutable",
      message: "activity records cannot be changed",
    });
    expect(await batch.run("remove", { type: "activity", id: B, field: "tags", observed: {} })).toEqual({
      code: "immutable",
      message: "activity records cannot be changed",
    });
    expect(await batch.run("remove", { type: "lead", id: A, field: "phones", observed: {} })).toBeNull();
  });

  it("creates a record only under a new id: an id in use is a conflict, never an overwrite", async () => {
    const batch = openBatch(storeWith(["company", A, { name: "Acme" }]), ctx(2));
    expect(await createNew(batch, "company", A, { name: "Globex" })).toEqual({
      code: "conflict",
      message: `company id ${A} is already in use`,
    });
    expect((await batch.get("company", A))!.data.name).toBe("Acme");
    expect(await createNew(batch, "company", B, { name: "Globex" })).toBeNull();
    expect(await createNew(batch, "company", B, { name: "Initech" })).toEqual({
      code: "conflict",
      message: `company id ${B} is already in use`,
    });
  });
});
