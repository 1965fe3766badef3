import { describe, expect, it } from "vitest";
import type { RecordType } from "./common.ts";
import { newId } from "./ids.ts";
import { planMerge } from "./merge-records.ts";
import { applyMutation } from "./mutations/registry.ts";
import type { ApplyContext } from "./sync/context.ts";
import { formatHlc } from "./sync/hlc.ts";
import { MemoryRecordStore } from "./sync/memory-store.ts";

describe("planMerge", () => {
  it("keeps the survivor's value on a clock tie and fills empties from the merged record", () => {
    const base = { meta: { clocks: { title: "1", location: "1" }, sets: {}, history: [] }, deleted: false, version: 0 };
    const survivor = {
      ...base,
      type: "contact" as const,
      id: "s",
      data: { name: "S", title: "A", location: null, emails: [], custom: {} },
    };
    const merged = {
      ...base,
      type: "contact" as const,
      id: "m",
      data: { name: "S", title: "B", location: "Paris", emails: ["x@y.com"], custom: { k: 1 } },
    };
    const plan = planMerge("contact", survivor, merged);
    expect(plan).toEqual({
      ok: true,
      value: { set: { location: "Paris", custom: { k: 1 } }, add: { emails: ["x@y.com"] } },
    });
  });
});

const T0 = 1_700_000_000_000;
function ctx(wall: number, node = "a"): ApplyContext {
  return {
    now: new Date(T0 + wall).toISOString(),
    hlc: formatHlc({ wall: T0 + wall, counter: 0, node }),
    actorId: null,
    defaultRegion: "US",
  };
}

/** A store changed only through the registry's mutations, each a millisecond after the last unless told. */
function setup() {
  const store = new MemoryRecordStore();
  let clock = 1;
  const run = async (name: string, args: unknown, c: ApplyContext = ctx(clock++)) => {
    const result = await applyMutation(store, name, args, c);
    if (result.ok) store.write(result.changed);
    return result;
  };
  const create = async (type: RecordType, fields: Record<string, unknown>, c?: ApplyContext) => {
    const id = newId();
    const result = await run("create", { type, id, fields }, c);
    if (!result.ok) throw new Error(result.error.message);
    return id;
  };
  const merge = (
    type: string,
    survivorId: string,
    mergedId: string,
    extra: Record<string, unknown> = {},
    c?: ApplyContext,
  ) => run("mergeRecords", { type, survivorId, mergedId, ...extra }, c);
  const record = async (type: RecordType, id: string) => (await store.get(type, id))!;
  const data = async (type: RecordType, id: string) => (await record(type, id)).data as Record<string, unknown>;
  const snapshot = () => JSON.stringify([...store.records.entries()]);
  return { store, run, create, merge, record, data, snapshot };
}

describe("mergeRecords' refusals", () => {
  it("names the records and what is wrong with them", async () => {
    const { create, merge, run } = setup();
    const a = await create("contact", { name: "A" });
    const b = await create("contact", { name: "B" });
    const unknown = newId();
    expect(await merge("contact", a, a)).toEqual({
      ok: false,
      error: { code: "invalid", message: "a record cannot be merged into itself" },
    });
    expect(await merge("contact", unknown, a)).toEqual({
      ok: false,
      error: { code: "not_found", message: `contact ${unknown} does not exist` },
    });
    expect(await merge("contact", a, unknown)).toEqual({
      ok: false,
      error: { code: "not_found", message: `contact ${unknown} does not exist` },
    });
    await run("delete", { type: "contact", id: b });
    expect(await merge("contact", a, b)).toEqual({
      ok: false,
      error: { code: "conflict", message: `contact ${b} is deleted` },
    });
    expect(await merge("contact", b, a)).toEqual({
      ok: false,
      error: { code: "conflict", message: `contact ${b} is deleted` },
    });
    const open = await create("lead", { name: "Jane" });
    const converted = await create("lead", { name: "Jane" });
    await run("convertLead", { leadId: converted, contactId: newId(), companyId: newId(), activityId: newId() });
    expect(await merge("lead", open, converted)).toEqual({
      ok: false,
      error: { code: "conflict", message: "merge the open lead into the converted one, not the other way round" },
    });
  });

  it("takes no pick for a field that is merged by its own rule, or that the type lacks", async () => {
    const { create, merge } = setup();
    const a = await create("lead", { name: "A" });
    const b = await create("lead", { name: "B" });
    const refused = (field: string, type = "lead") => ({
      ok: false,
      error: { code: "invalid", message: `${field} cannot be picked when merging ${type} records` },
    });
    expect(await merge("lead", a, b, { picks: { status: "merged" } })).toEqual(refused("status"));
    expect(await merge("lead", a, b, { picks: { convertedContactId: "merged" } })).toEqual(
      refused("convertedContactId"),
    );
    expect(await merge("lead", a, b, { picks: { tags: "merged" } })).toEqual(refused("tags"));
    expect(await merge("lead", a, b, { picks: { stage: "merged" } })).toEqual(refused("stage"));
    const c = await create("contact", { name: "C" });
    const d = await create("contact", { name: "D" });
    expect(await merge("contact", c, d, { picks: { sourceLeadIds: "merged" } })).toEqual(
      refused("sourceLeadIds", "contact"),
    );
  });

  it("changes nothing when a step fails: the survivor cannot hold both records' addresses", async () => {
    const { create, merge, snapshot } = setup();
    const a = await create("contact", { name: "Jane", emails: Array.from({ length: 30 }, (_, i) => `a${i}@acme.com`) });
    const b = await create("contact", {
      name: "Jane",
      emails: Array.from({ length: 30 }, (_, i) => `b${i}@acme.com`),
      title: "CTO",
    });
    const before = snapshot();
    expect(await merge("contact", a, b)).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Too many: at most 50 email values" },
    });
    expect(snapshot()).toBe(before);
  });

  it("changes nothing when its merge activity's id is in use", async () => {
    const { create, merge, snapshot } = setup();
    const a = await create("contact", { name: "Jane" });
    const b = await create("contact", { name: "Jane D.", title: "CTO" });
    const note = await create("activity", {
      type: "note",
      subject: { type: "contact", id: a },
      occurredAt: ctx(0).now,
    });
    const before = snapshot();
    expect(await merge("contact", a, b, { activityId: note })).toEqual({
      ok: false,
      error: { code: "conflict", message: `activity id ${note} is already in use` },
    });
    expect(snapshot()).toBe(before);
  });
});

describe("mergeRecords' survivor", () => {
  it("keeps a lead's lifecycle: status, reason and conversion pointers never come from the merged lead", async () => {
    const { create, merge, data, run } = setup();
    const survivor = await create("lead", { name: "Jane" });
    const merged = await create("lead", { name: "Jane", status: "unqualified", unqualifiedReason: "student" });
    expect((await merge("lead", survivor, merged)).ok).toBe(true);
    expect(await data("lead", survivor)).toMatchObject({ status: "new", unqualifiedReason: null });

    const first = await create("lead", { name: "Ann", emails: ["ann@acme.com"] });
    const second = await create("lead", { name: "Ann", emails: ["ann@globex.io"] });
    await run("convertLead", { leadId: first, contactId: newId(), companyId: newId(), activityId: newId() });
    await run("convertLead", {
      leadId: second,
      contactId: newId(),
      companyId: newId(),
      dealId: newId(),
      deal: { title: "Pilot" },
      activityId: newId(),
    });
    const own = await data("lead", first);
    expect((await merge("lead", first, second)).ok).toBe(true);
    expect(await data("lead", first)).toMatchObject({
      status: "converted",
      convertedContactId: own.convertedContactId,
      convertedCompanyId: own.convertedCompanyId,
      convertedDealId: null,
      mergedIntoId: null,
    });
  });

  it("takes the newest non-empty value: a value cleared later does not wipe the other's", async () => {
    const { create, merge, data, run } = setup();
    const survivor = await create("contact", { name: "Jane", title: "CTO", location: "Berlin" });
    const merged = await create("contact", { name: "Jane", title: "CEO", location: "Paris" });
    await run("update", { type: "contact", id: merged, set: { title: null } });
    await run("update", { type: "contact", id: survivor, set: { location: "" } });
    await merge("contact", survivor, merged);
    expect(await data("contact", survivor)).toMatchObject({ title: "CTO", location: "Paris" });
  });

  it("keeps a captured lead's source over a manual lead's default, whichever survives", async () => {
    const { create, merge, data } = setup();
    const source = { kind: "web", url: "https://acme.com/team" };
    const manual = await create("lead", { name: "Jane" });
    const captured = await create("lead", { name: "Jane", source });
    await merge("lead", manual, captured);
    expect((await data("lead", manual)).source).toEqual(source);
    const captured2 = await create("lead", { name: "Bob", source });
    const manual2 = await create("lead", { name: "Bob" });
    await merge("lead", captured2, manual2);
    expect((await data("lead", captured2)).source).toEqual(source);
  });

  it("combines custom values key by key, the newer record's winning, an empty value never wiping one", async () => {
    const { create, merge, data, run } = setup();
    const survivor = await create("company", { name: "Acme", custom: { tier: "gold", seats: 10, region: "EU" } });
    const merged = await create("company", {
      name: "Acme",
      custom: { tier: "silver", seats: 12, region: null, notes: null },
    });
    expect((await merge("company", survivor, merged)).ok).toBe(true);
    const custom = (await data("company", survivor)).custom as Record<string, unknown>;
    expect(custom).toEqual({ notes: null, region: "EU", seats: 12, tier: "silver" });
    // In key order: the same value, byte for byte, on every replica.
    expect(Object.keys(custom)).toEqual(["notes", "region", "seats", "tier"]);

    const older = await create("company", { name: "Globex", custom: { tier: "gold" } });
    const newer = await create("company", { name: "Globex", custom: { tier: "bronze" } });
    await run("update", { type: "company", id: older, set: { custom: { tier: "platinum" } } });
    await merge("company", newer, older);
    expect((await data("company", newer)).custom).toEqual({ tier: "platinum" });
    // The survivor's values win when it is the one written last.
    const first = await create("company", { name: "Initech", custom: { tier: "gold", seats: 5 } });
    const second = await create("company", { name: "Initech", custom: { tier: "bronze" } });
    await run("update", { type: "company", id: first, set: { custom: { tier: "platinum", seats: 5 } } });
    await merge("company", first, second);
    expect((await data("company", first)).custom).toEqual({ seats: 5, tier: "platinum" });
  });

  it("combines provenance per field: both records' entries once each, the newest twenty, fields in order", async () => {
    const { create, merge, data } = setup();
    const entry = (n: number) => ({
      url: `https://acme.com/${n}`,
      method: "json-ld",
      at: new Date(T0 + n).toISOString(),
      by: null,
    });
    const survivor = await create("contact", {
      name: "Jane",
      provenance: { title: [entry(1), entry(2)], name: [entry(3)] },
    });
    const merged = await create("contact", {
      name: "Jane",
      provenance: { title: [entry(2), entry(4)], location: [entry(5)] },
    });
    await merge("contact", survivor, merged);
    const provenance = (await data("contact", survivor)).provenance as Record<string, unknown[]>;
    expect(provenance).toEqual({ location: [entry(5)], name: [entry(3)], title: [entry(1), entry(2), entry(4)] });
    expect(Object.keys(provenance)).toEqual(["location", "name", "title"]);

    const many = (from: number) => Array.from({ length: 15 }, (_, i) => entry(from + i));
    const a = await create("contact", { name: "Ann", provenance: { name: many(0) } });
    const b = await create("contact", { name: "Ann", provenance: { name: many(100) } });
    await merge("contact", a, b);
    expect(((await data("contact", a)).provenance as Record<string, unknown[]>).name).toEqual(
      [...many(0), ...many(100)].slice(-20),
    );
  });

  it("unions the leads both contacts came from, as many as a contact holds", async () => {
    const { create, merge, data } = setup();
    const ids = (n: number) => Array.from({ length: n }, () => newId());
    const [x, y] = [ids(2), ids(2)];
    const a = await create("contact", { name: "Jane", sourceLeadIds: x });
    const b = await create("contact", { name: "Jane", sourceLeadIds: [x[1], ...y] });
    await merge("contact", a, b);
    expect((await data("contact", a)).sourceLeadIds).toEqual([...x, ...y]);
    const [p, q] = [ids(30), ids(30)];
    const c = await create("contact", { name: "Bob", sourceLeadIds: p });
    const d = await create("contact", { name: "Bob", sourceLeadIds: q });
    expect((await merge("contact", c, d)).ok).toBe(true);
    expect((await data("contact", c)).sourceLeadIds).toEqual([...p, ...q].slice(0, 50));
  });

  it("plans to add only the set values the survivor lacks", () => {
    const meta = { clocks: {}, sets: {}, history: [] };
    const survivor = {
      type: "contact" as const,
      id: "s",
      data: { name: "S", emails: ["a@acme.com"], tags: ["vip"] },
      meta,
      deleted: false,
      version: 0,
    };
    const merged = {
      type: "contact" as const,
      id: "m",
      data: { name: "S", emails: ["a@acme.com", "b@acme.com"], tags: ["vip"] },
      meta,
      deleted: false,
      version: 0,
    };
    expect(planMerge("contact", survivor, merged)).toEqual({
      ok: true,
      value: { set: {}, add: { emails: ["b@acme.com"] } },
    });
  });
});

describe("mergeRecords' references", () => {
  it("records a merge activity on the survivor with the user's picks", async () => {
    const { create, merge, data } = setup();
    const a = await create("contact", { name: "Jane" });
    const b = await create("contact", { name: "Jane D." });
    const c = await create("contact", { name: "Jane Doe" });
    const first = newId();
    await merge("contact", a, b, { activityId: first });
    expect(await data("activity", first)).toMatchObject({
      type: "merge",
      subject: { type: "contact", id: a },
      data: { survivorId: a, mergedId: b, picks: {} },
    });
    const second = newId();
    await merge("contact", a, c, { activityId: second, picks: { name: "merged" } });
    expect((await data("activity", second)).data).toEqual({ survivorId: a, mergedId: c, picks: { name: "merged" } });
    expect((await data("contact", a)).name).toBe("Jane Doe");
  });

  it("re-points only the fields that pointed at the merged record", async () => {
    const { create, merge, data } = setup();
    const survivor = await create("company", { name: "Acme" });
    const merged = await create("company", { name: "Acme Inc" });
    const lead = await create("lead", { name: "Jane", companyId: merged });
    await merge("company", survivor, merged);
    expect(await data("lead", lead)).toMatchObject({ companyId: survivor, convertedCompanyId: null });

    const a = await create("lead", { name: "Ann" });
    const b = await create("lead", { name: "Ann" });
    const other = newId();
    const contact = await create("contact", { name: "Ann", sourceLeadIds: [other, b] });
    await merge("lead", a, b);
    expect((await data("contact", contact)).sourceLeadIds).toEqual([other, a]);
  });

  it("takes effect even when the merging client's clock is behind the records' last edits", async () => {
    const { create, merge, data, record, run } = setup();
    const fast = (wall: number) => ctx(wall, "fast");
    const survivor = await create("contact", { name: "Jane" });
    const merged = await create("contact", { name: "Jane" });
    await run("update", { type: "contact", id: survivor, set: { title: "CTO" } }, fast(400));
    await run("update", { type: "contact", id: merged, set: { title: "VP Sales" } }, fast(500));
    const task = await create("task", { title: "Call", subject: { type: "contact", id: merged } }, fast(700));
    const deal = await create("deal", { title: "Pilot", contactId: merged }, fast(700));
    const note = await create(
      "activity",
      { type: "note", subject: { type: "contact", id: merged }, occurredAt: ctx(0).now },
      fast(600),
    );
    const noteClock = (await record("activity", note)).meta.clocks.subject!;
    expect((await merge("contact", survivor, merged, {}, ctx(100, "slow"))).ok).toBe(true);
    expect((await data("contact", survivor)).title).toBe("VP Sales");
    expect((await data("task", task)).subject).toEqual({ type: "contact", id: survivor });
    expect((await data("deal", deal)).contactId).toBe(survivor);
    const moved = await record("activity", note);
    expect((moved.data as Record<string, unknown>).subject).toEqual({ type: "contact", id: survivor });
    // The move orders after the subject it replaced, which its history keeps with that clock.
    expect(moved.meta.clocks.subject! > noteClock).toBe(true);
    expect(moved.meta.history).toContainEqual(
      expect.objectContaining({ field: "subject", value: { type: "contact", id: merged }, hlc: noteClock }),
    );
  });
});
