import { describe, expect, it } from "vitest";
import { conversionResult } from "../convert.ts";
import type { RecordType } from "../common.ts";
import { newId } from "../ids.ts";
import { timelineSubjects } from "../timeline-subjects.ts";
import type { ApplyContext } from "../sync/context.ts";
import { formatHlc } from "../sync/hlc.ts";
import { MemoryRecordStore } from "../sync/memory-store.ts";
import { fieldsOf } from "../sync/record.ts";
import { WorkspaceSettingsSchema } from "../workspace.ts";
import { applyMutation } from "./registry.ts";

const T0 = 1_700_000_000_000;
function ctx(wall: number, extra: Partial<ApplyContext> = {}): ApplyContext {
  return {
    now: new Date(T0 + wall).toISOString(),
    hlc: formatHlc({ wall: T0 + wall, counter: 0, node: "a" }),
    actorId: null,
    defaultRegion: "US",
    ...extra,
  };
}

function setup() {
  const store = new MemoryRecordStore();
  let clock = 1;
  const run = async (name: string, args: unknown, c: ApplyContext = ctx(clock++)) => {
    const result = await applyMutation(store, name, args, c);
    if (result.ok) store.write(result.changed);
    return result;
  };
  const create = async (type: string, fields: Record<string, unknown>, id = newId()) => {
    const result = await run("create", { type, id, fields });
    if (!result.ok) throw new Error(result.error.message);
    return id;
  };
  const convert = (leadId: string, extra: Record<string, unknown> = {}) =>
    run("convertLead", { leadId, contactId: newId(), companyId: newId(), activityId: newId(), ...extra });
  const data = async (type: RecordType, id: string) => fieldsOf((await store.get(type, id))!);
  return { store, run, create, convert, data };
}

describe("convertLead", () => {
  it("creates a contact and a company from a qualified lead and points the lead at them", async () => {
    const { store, create, convert, data } = setup();
    const leadId = await create("lead", {
      name: "Jane Doe",
      emails: ["jane@acme.com"],
      phones: ["+1 415 555 0100"],
      title: "VP Sales",
      companyName: "Acme",
      website: "https://www.acme.com/about",
      tags: ["hot"],
      status: "qualified",
    });
    const result = await convert(leadId);
    expect(result.ok).toBe(true);
    const lead = await data("lead", leadId);
    expect(lead.status).toBe("converted");
    const contact = await data("contact", lead.convertedContactId as string);
    expect(contact).toMatchObject({
      name: "Jane Doe",
      emails: ["jane@acme.com"],
      phones: ["+14155550100"],
      title: "VP Sales",
      tags: ["hot"],
      sourceLeadIds: [leadId],
    });
    const company = await data("company", lead.convertedCompanyId as string);
    expect(company).toMatchObject({ name: "Acme", domain: "acme.com", website: "https://www.acme.com/about" });
    expect(contact.companyId).toBe(company.id);
    expect(lead.convertedDealId).toBeNull();
    const activities = store.all("activity");
    expect(activities).toHaveLength(1);
    expect(activities[0]!.data).toMatchObject({
      type: "conversion",
      subject: { type: "lead", id: leadId },
      data: { contactCreated: true, companyCreated: true },
    });
  });

  it("uses the existing contact with the same email, filling only its empty fields", async () => {
    const { store, create, convert, data } = setup();
    const contactId = await create("contact", { name: "Jane Doe", emails: ["jane@acme.com"], title: "CEO" });
    const leadId = await create("lead", {
      name: "Jane Doe",
      emails: ["JANE@acme.com", "jd@acme.com"],
      title: "VP Sales",
      location: "Berlin",
      tags: ["hot"],
    });
    const proposed = newId();
    expect((await convert(leadId, { contactId: proposed })).ok).toBe(true);
    expect(await store.get("contact", proposed)).toBeUndefined();
    const contact = await store.get("contact", contactId);
    expect(contact!.data).toMatchObject({ title: "CEO", location: "Berlin", tags: ["hot"], sourceLeadIds: [leadId] });
    expect(contact!.data.emails).toEqual(["jane@acme.com", "jd@acme.com"]);
    expect(contact!.meta.history).toContainEqual(expect.objectContaining({ field: "title", value: "VP Sales" }));
    expect((await data("lead", leadId)).convertedContactId).toBe(contactId);
    expect(store.all("contact")).toHaveLength(1);
  });

  it("matches a contact by canonical profile URL when no email matches", async () => {
    const { store, create, convert, data } = setup();
    const contactId = await create("contact", { name: "Jane", urls: ["https://www.linkedin.com/in/janedoe/"] });
    const leadId = await create("lead", { name: "Jane Doe", urls: ["https://linkedin.com/in/JaneDoe?trk=x"] });
    await convert(leadId);
    expect((await data("lead", leadId)).convertedContactId).toBe(contactId);
    expect(store.all("contact")).toHaveLength(1);
  });

  it("uses the existing company with the lead's registrable domain", async () => {
    const { store, create, convert, data } = setup();
    const companyId = await create("company", { name: "Acme Ltd", website: "https://acme.co.uk" });
    const leadId = await create("lead", { name: "Bob", emails: ["bob@mail.acme.co.uk"], companyName: "ACME" });
    await convert(leadId);
    const lead = await data("lead", leadId);
    expect(lead.convertedCompanyId).toBe(companyId);
    expect(store.all("company")).toHaveLength(1);
    const company = await store.get("company", companyId);
    expect(company!.data).toMatchObject({ name: "Acme Ltd", domain: "acme.co.uk" });
    expect(company!.meta.history).toContainEqual(expect.objectContaining({ field: "name", value: "ACME" }));
  });

  it("matches a company by name when neither side has a conflicting domain", async () => {
    const { store, create, convert, data } = setup();
    const companyId = await create("company", { name: "Acme, Inc." });
    const leadId = await create("lead", { name: "Bob", emails: ["bob@gmail.com"], companyName: "acme inc" });
    await convert(leadId);
    expect((await data("lead", leadId)).convertedCompanyId).toBe(companyId);
    expect(store.all("company")).toHaveLength(1);
  });

  it("does not match a same-named company that has another domain", async () => {
    const { store, create, convert, data } = setup();
    const other = await create("company", { name: "Acme", domain: "acme.de" });
    const leadId = await create("lead", { name: "Bob", emails: ["bob@acme.com"], companyName: "Acme" });
    await convert(leadId);
    expect((await data("lead", leadId)).convertedCompanyId).not.toBe(other);
    expect(store.all("company")).toHaveLength(2);
  });

  it("never creates a company from a free-mail or disposable domain", async () => {
    for (const email of ["jane@gmail.com", "jane@yopmail.com", "jane@outlook.com"]) {
      const { store, create, convert, data } = setup();
      const leadId = await create("lead", { name: "Jane", emails: [email] });
      expect((await convert(leadId)).ok).toBe(true);
      expect(store.all("company")).toHaveLength(0);
      expect((await data("lead", leadId)).convertedCompanyId).toBeNull();
      expect((await data("contact", (await data("lead", leadId)).convertedContactId as string)).companyId).toBeNull();
    }
  });

  it("creates a company without a domain when only the name is known", async () => {
    const { create, convert, data } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@gmail.com"], companyName: "Jane's Bakery" });
    await convert(leadId);
    const company = await data("company", (await data("lead", leadId)).convertedCompanyId as string);
    expect(company).toMatchObject({ name: "Jane's Bakery", domain: null });
  });

  it("names a company after its domain when the lead gives no company name", async () => {
    const { create, convert, data } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@globex.io"] });
    await convert(leadId);
    expect(await data("company", (await data("lead", leadId)).convertedCompanyId as string)).toMatchObject({
      name: "Globex",
      domain: "globex.io",
    });
  });

  it("creates a deal in the first open stage with the workspace currency", async () => {
    const { create, run, data } = setup();
    const settings = WorkspaceSettingsSchema.parse({
      currency: "EUR",
      pipeline: [
        { key: "lost", label: "Lost", probability: 0, terminal: "lost" },
        { key: "intro", label: "Intro", probability: 0.2 },
        { key: "won", label: "Won", probability: 1, terminal: "won" },
      ],
    });
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    const dealId = newId();
    const result = await run(
      "convertLead",
      {
        leadId,
        contactId: newId(),
        companyId: newId(),
        dealId,
        deal: { title: "Acme pilot", amount: 500_000 },
        activityId: newId(),
      },
      ctx(100, { settings }),
    );
    expect(result.ok).toBe(true);
    const lead = await data("lead", leadId);
    expect(await data("deal", dealId)).toMatchObject({
      title: "Acme pilot",
      amount: 500_000,
      currency: "EUR",
      stage: "intro",
      leadId,
      contactId: lead.convertedContactId,
      companyId: lead.convertedCompanyId,
    });
    expect(lead.convertedDealId).toBe(dealId);
  });

  it("moves open tasks to the contact, leaves activities and done tasks on the lead; all on its timeline", async () => {
    const { store, create, convert, data } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    const note = await create("activity", {
      type: "note",
      subject: { type: "lead", id: leadId },
      body: "met at expo",
      occurredAt: new Date(T0).toISOString(),
    });
    const open = await create("task", { title: "Call back", subject: { type: "lead", id: leadId } });
    const done = await create("task", { title: "Send deck", done: true, subject: { type: "lead", id: leadId } });
    await convert(leadId);
    const contactId = (await data("lead", leadId)).convertedContactId as string;
    expect((await data("task", open)).subject).toEqual({ type: "contact", id: contactId });
    expect((await data("task", done)).subject).toEqual({ type: "lead", id: leadId });
    expect((await data("activity", note)).subject).toEqual({ type: "lead", id: leadId });
    const timeline = timelineSubjects((await store.get("contact", contactId))!);
    expect(timeline).toEqual([
      { type: "contact", id: contactId },
      { type: "lead", id: leadId },
    ]);
  });

  it("is idempotent: the same request, or a retry with fresh ids, changes nothing", async () => {
    const { store, create, run } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"], status: "working" });
    const args = {
      leadId,
      contactId: newId(),
      companyId: newId(),
      dealId: newId(),
      deal: { title: "Pilot", amount: 100 },
      activityId: newId(),
    };
    expect((await run("convertLead", args)).ok).toBe(true);
    const snapshot = JSON.stringify([...store.records.entries()]);
    expect(await run("convertLead", args)).toEqual({ ok: true, changed: [] });
    expect(
      await run("convertLead", {
        ...args,
        contactId: newId(),
        companyId: newId(),
        dealId: newId(),
        activityId: newId(),
      }),
    ).toEqual({ ok: true, changed: [] });
    expect(JSON.stringify([...store.records.entries()])).toBe(snapshot);
  });

  it("answers a conflict when a converted lead is converted differently", async () => {
    const { create, convert } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    await convert(leadId, { dealId: newId(), deal: { title: "Pilot" } });
    expect(await convert(leadId, { dealId: newId(), deal: { title: "Another" } })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await convert(leadId)).toMatchObject({ ok: false, error: { code: "conflict" } });
    const plain = await create("lead", { name: "Joe" });
    await convert(plain);
    expect(await convert(plain, { dealId: newId(), deal: { title: "Late deal" } })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
  });

  it("refuses an unqualified lead until it is re-opened", async () => {
    const { create, convert } = setup();
    const leadId = await create("lead", { name: "Jane", status: "unqualified", unqualifiedReason: "no budget" });
    expect(await convert(leadId)).toMatchObject({ ok: false, error: { code: "conflict" } });
  });

  it("makes the lead read-only for plain writes but lets it be deleted", async () => {
    const { create, convert, run } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    await convert(leadId);
    expect(await run("update", { type: "lead", id: leadId, set: { title: "CTO" } })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await run("update", { type: "lead", id: leadId, set: { status: "working" } })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await run("add", { type: "lead", id: leadId, field: "tags", values: ["x"] })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(await run("setLeadStatus", { leadId, status: "working", activityId: newId() })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect((await run("delete", { type: "lead", id: leadId })).ok).toBe(true);
  });

  it("changes nothing when a proposed id is already taken", async () => {
    const { store, create, convert } = setup();
    const taken = await create("deal", { title: "Existing" });
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    const before = store.records.size;
    expect(await convert(leadId, { dealId: taken, deal: { title: "Pilot" } })).toMatchObject({
      ok: false,
      error: { code: "conflict" },
    });
    expect(store.records.size).toBe(before);
    expect((await store.get("lead", leadId))!.data.status).toBe("new");
  });

  it("rejects a deal without a dealId and unknown leads", async () => {
    const { create, convert } = setup();
    const leadId = await create("lead", { name: "Jane" });
    expect(await convert(leadId, { deal: { title: "Pilot" } })).toMatchObject({
      ok: false,
      error: { code: "invalid" },
    });
    expect(await convert(newId())).toMatchObject({ ok: false, error: { code: "not_found" } });
  });

  it("treats a deleted lead as gone and a merged one as a conflict", async () => {
    const { create, convert, run } = setup();
    const deleted = await create("lead", { name: "Jane" });
    await run("delete", { type: "lead", id: deleted });
    expect(await convert(deleted)).toMatchObject({ ok: false, error: { code: "not_found" } });
    const survivor = await create("lead", { name: "Jane" });
    const merged = await create("lead", { name: "Jane" });
    await run("mergeRecords", { type: "lead", survivorId: survivor, mergedId: merged });
    expect(await convert(merged)).toMatchObject({
      ok: false,
      error: { code: "conflict", message: expect.stringContaining(survivor) },
    });
  });

  it("reports what a lead became", async () => {
    const { store, create, convert } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    await convert(leadId);
    const result = await conversionResult(store, leadId);
    expect(result!.contact!.type).toBe("contact");
    expect(result!.company!.data.domain).toBe("acme.com");
    expect(result!.deal).toBeNull();
  });
});
