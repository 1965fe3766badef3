import { describe, expect, it } from "vitest";
import type { RecordType } from "../common.ts";
import { newId } from "../ids.ts";
import type { ApplyContext } from "../sync/context.ts";
import { formatHlc } from "../sync/hlc.ts";
import { MemoryRecordStore } from "../sync/memory-store.ts";
import type { WireRecord } from "../sync/record.ts";
import { applyMutation } from "./registry.ts";

const T0 = 1_700_000_000_000;
function ctx(wall: number): ApplyContext {
  return {
    now: new Date(T0 + wall).toISOString(),
    hlc: formatHlc({ wall: T0 + wall, counter: 0, node: "a" }),
    actorId: null,
    defaultRegion: "US",
  };
}

function setup() {
  const store = new MemoryRecordStore();
  let clock = 1;
  const run = async (name: string, args: unknown) => {
    const result = await applyMutation(store, name, args, ctx(clock++));
    if (result.ok) store.write(result.changed);
    return result;
  };
  const create = async (type: string, fields: Record<string, unknown>) => {
    const id = newId();
    const result = await run("create", { type, id, fields });
    if (!result.ok) throw new Error(result.error.message);
    return id;
  };
  const get = async (type: RecordType, id: string): Promise<WireRecord> => (await store.get(type, id))!;
  return { store, run, create, get };
}

describe("mergeRecords", () => {
  it("unions set fields, takes the newest non-empty scalar and tombstones the merged record", async () => {
    const { run, create, get } = setup();
    const survivor = await create("contact", {
      name: "Jane Doe",
      emails: ["jane@acme.com"],
      tags: ["vip"],
      title: "Engineer",
    });
    const merged = await create("contact", {
      name: "Jane D.",
      emails: ["jd@acme.com"],
      phones: ["+14155550100"],
      tags: ["vip", "eu"],
      location: "Berlin",
    });
    await run("update", { type: "contact", id: merged, set: { title: "CTO" } });
    expect((await run("mergeRecords", { type: "contact", survivorId: survivor, mergedId: merged })).ok).toBe(true);
    const s = await get("contact", survivor);
    expect(s.data).toMatchObject({
      emails: ["jane@acme.com", "jd@acme.com"],
      phones: ["+14155550100"],
      tags: ["vip", "eu"],
      title: "CTO",
      location: "Berlin",
    });
    // Both names were written at creation; the merged record's is newer by clock.
    expect(s.data.name).toBe("Jane D.");
    const m = await get("contact", merged);
    expect(m.deleted).toBe(true);
    expect(m.data.mergedIntoId).toBe(survivor);
  });

  it("lets the user's picks override the clock", async () => {
    const { run, create, get } = setup();
    const survivor = await create("contact", { name: "Jane Doe", title: "Engineer" });
    const merged = await create("contact", { name: "Jane D.", title: "CTO" });
    await run("mergeRecords", {
      type: "contact",
      survivorId: survivor,
      mergedId: merged,
      picks: { name: "survivor", title: "survivor" },
    });
    expect((await get("contact", survivor)).data).toMatchObject({ name: "Jane Doe", title: "Engineer" });
  });

  it("re-points activities, tasks, deals and converted leads to the surviving contact", async () => {
    const { run, create, get } = setup();
    const survivor = await create("contact", { name: "Jane" });
    const merged = await create("contact", { name: "Jane" });
    const activity = await create("activity", {
      type: "note",
      subject: { type: "contact", id: merged },
      occurredAt: new Date(T0).toISOString(),
    });
    const task = await create("task", { title: "Call", subject: { type: "contact", id: merged } });
    const deal = await create("deal", { title: "Pilot", contactId: merged });
    const lead = await create("lead", { name: "Jane", emails: ["jane@gmail.com"] });
    await run("convertLead", { leadId: lead, contactId: newId(), companyId: newId(), activityId: newId() });
    const convertedInto = (await get("lead", lead)).data.convertedContactId as string;
    expect((await run("mergeRecords", { type: "contact", survivorId: survivor, mergedId: convertedInto })).ok).toBe(
      true,
    );
    expect(
      (await run("mergeRecords", { type: "contact", survivorId: survivor, mergedId: merged, activityId: newId() })).ok,
    ).toBe(true);
    const activityRecord = await get("activity", activity);
    expect(activityRecord.data.subject).toEqual({ type: "contact", id: survivor });
    expect(activityRecord.meta.history).toContainEqual(
      expect.objectContaining({ field: "subject", value: { type: "contact", id: merged } }),
    );
    expect((await get("task", task)).data.subject).toEqual({ type: "contact", id: survivor });
    expect((await get("deal", deal)).data.contactId).toBe(survivor);
    expect((await get("lead", lead)).data.convertedContactId).toBe(survivor);
    expect((await get("contact", survivor)).data.sourceLeadIds).toEqual([lead]);
  });

  it("re-points contacts, leads and deals when merging companies and keeps the survivor's domain", async () => {
    const { run, create, get } = setup();
    const survivor = await create("company", { name: "Acme", domain: "acme.com" });
    const merged = await create("company", { name: "ACME Corp", domain: "acme.io", phones: ["+14155550100"] });
    const contact = await create("contact", { name: "Jane", companyId: merged });
    const lead = await create("lead", { name: "Bob", companyId: merged });
    const deal = await create("deal", { title: "Pilot", companyId: merged });
    await run("mergeRecords", { type: "company", survivorId: survivor, mergedId: merged });
    expect((await get("company", survivor)).data).toMatchObject({ domain: "acme.com", phones: ["+14155550100"] });
    expect((await get("contact", contact)).data.companyId).toBe(survivor);
    expect((await get("lead", lead)).data.companyId).toBe(survivor);
    expect((await get("deal", deal)).data.companyId).toBe(survivor);
  });

  it("merging leads re-points the source lead ids of contacts", async () => {
    const { run, create, get } = setup();
    const a = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    const b = await create("lead", { name: "Jane", emails: ["jane.doe@acme.com"] });
    await run("convertLead", { leadId: a, contactId: newId(), companyId: newId(), activityId: newId() });
    await run("convertLead", { leadId: b, contactId: newId(), companyId: newId(), activityId: newId() });
    const contactOfB = (await get("lead", b)).data.convertedContactId as string;
    expect((await run("mergeRecords", { type: "lead", survivorId: a, mergedId: b })).ok).toBe(true);
    expect((await get("contact", contactOfB)).data.sourceLeadIds).toEqual([a]);
    expect((await get("lead", a)).data.emails).toEqual(["jane@acme.com", "jane.doe@acme.com"]);
  });

  it("refuses to merge a converted lead into an open one", async () => {
    const { run, create } = setup();
    const open = await create("lead", { name: "Jane" });
    const converted = await create("lead", { name: "Jane" });
    await run("convertLead", { leadId: converted, contactId: newId(), companyId: newId(), activityId: newId() });
    expect(await run("mergeRecords", { type: "lead", survivorId: open, mergedId: converted })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect((await run("mergeRecords", { type: "lead", survivorId: converted, mergedId: open })).ok).toBe(true);
  });

  it("is a no-op when repeated and refuses bad pairs", async () => {
    const { run, create } = setup();
    const a = await create("contact", { name: "A" });
    const b = await create("contact", { name: "B" });
    const c = await create("contact", { name: "C" });
    await run("mergeRecords", { type: "contact", survivorId: a, mergedId: b });
    expect(await run("mergeRecords", { type: "contact", survivorId: a, mergedId: b })).toEqual({
      ok: true,
      changed: [],
    });
    expect(await run("mergeRecords", { type: "contact", survivorId: c, mergedId: b })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await run("mergeRecords", { type: "contact", survivorId: b, mergedId: c })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await run("mergeRecords", { type: "contact", survivorId: a, mergedId: a })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await run("mergeRecords", { type: "contact", survivorId: a, mergedId: newId() })).toMatchObject({
      ok: false,
      error: { code: "not_found" },
    });
    expect(
      await run("mergeRecords", { type: "contact", survivorId: a, mergedId: c, picks: { emails: "merged" } }),
    ).toMatchObject({ ok: false, error: { code: "invalid" } });
  });

  it("refuses to restore a merged record, even by a newer clock, and keeps it merged", async () => {
    const { run, create, get } = setup();
    const a = await create("lead", { name: "A", emails: ["a@acme.com"] });
    const b = await create("lead", { name: "B", emails: ["a@acme.com"] });
    await run("mergeRecords", { type: "lead", survivorId: a, mergedId: b });
    expect(await run("restore", { type: "lead", id: b })).toMatchObject({ ok: false, error: { code: "conflict" } });
    expect(await get("lead", b)).toMatchObject({ deleted: true, data: { mergedIntoId: a } });
    // A plain deleted record still comes back.
    await run("delete", { type: "lead", id: a });
    expect(await run("restore", { type: "lead", id: a })).toMatchObject({ ok: true });
    expect((await get("lead", a)).deleted).toBe(false);
  });

  it("refuses a direct write of mergedIntoId", async () => {
    const { run, create } = setup();
    const a = await create("contact", { name: "A" });
    expect(await run("update", { type: "contact", id: a, set: { mergedIntoId: newId() } })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
  });
});
