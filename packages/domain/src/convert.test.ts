import { describe, expect, it } from "vitest";
import type { RecordType } from "./common.ts";
import { companyDomains, companyNameFromDomain, conversionResult } from "./convert.ts";
import { newId } from "./ids.ts";
import { applyMutation } from "./mutations/registry.ts";
import type { ApplyContext } from "./sync/context.ts";
import { formatHlc } from "./sync/hlc.ts";
import { MemoryRecordStore } from "./sync/memory-store.ts";
import { WorkspaceSettingsSchema, type WorkspaceSettings } from "./workspace.ts";

describe("company domains", () => {
  it("prefers the website, skips free mail and dedupes", () => {
    expect(
      companyDomains({ website: "https://shop.acme.co.uk", emails: ["a@gmail.com", "b@acme.co.uk", "c@globex.com"] }),
    ).toEqual(["acme.co.uk", "globex.com"]);
    expect(companyDomains({ website: null, emails: ["a@hotmail.com"] })).toEqual([]);
  });

  it("never takes a profile or hosted page's domain for the company's", () => {
    expect(companyDomains({ website: "https://www.linkedin.com/company/acme", emails: ["a@acme.com"] })).toEqual([
      "acme.com",
    ]);
    expect(companyDomains({ website: "https://github.com/acme", emails: [] })).toEqual([]);
  });

  it("derives a readable name from a domain", () => {
    expect(companyNameFromDomain("globex.co.uk")).toBe("Globex");
  });
});

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

/** A store changed only through the registry's mutations, each a millisecond after the last unless told. */
function setup(settings?: WorkspaceSettings) {
  const store = new MemoryRecordStore();
  let clock = 1;
  const run = async (
    name: string,
    args: unknown,
    c: ApplyContext = ctx(clock++, "a", settings ? { settings } : {}),
  ) => {
    const result = await applyMutation(store, name, args, c);
    if (result.ok) store.write(result.changed);
    return result;
  };
  const create = async (type: RecordType, fields: Record<string, unknown>, id = newId()) => {
    const result = await run("create", { type, id, fields });
    if (!result.ok) throw new Error(result.error.message);
    return id;
  };
  const convert = (leadId: string, extra: Record<string, unknown> = {}, c?: ApplyContext) =>
    run("convertLead", { leadId, contactId: newId(), companyId: newId(), activityId: newId(), ...extra }, c);
  const record = async (type: RecordType, id: string) => (await store.get(type, id))!;
  const data = async (type: RecordType, id: string) => (await record(type, id)).data as Record<string, unknown>;
  const snapshot = () => JSON.stringify([...store.records.entries()]);
  return { store, run, create, convert, record, data, snapshot };
}

describe("convertLead's refusals", () => {
  it("names the lead and what is wrong with it", async () => {
    const { create, convert, run } = setup();
    const unknown = newId();
    expect(await convert(unknown)).toEqual({
      ok: false,
      error: { code: "not_found", message: `lead ${unknown} does not exist` },
    });
    const deleted = await create("lead", { name: "Jane" });
    await run("delete", { type: "lead", id: deleted });
    expect(await convert(deleted)).toEqual({
      ok: false,
      error: { code: "not_found", message: `lead ${deleted} was deleted` },
    });
    const survivor = await create("lead", { name: "Jane" });
    const merged = await create("lead", { name: "Jane" });
    await run("mergeRecords", { type: "lead", survivorId: survivor, mergedId: merged });
    expect(await convert(merged)).toEqual({
      ok: false,
      error: { code: "conflict", message: `lead ${merged} was merged into ${survivor}` },
    });
    const unqualified = await create("lead", { name: "Jane", status: "unqualified", unqualifiedReason: "student" });
    expect(await convert(unqualified)).toEqual({
      ok: false,
      error: { code: "conflict", message: "an unqualified lead must be re-opened before conversion" },
    });
    const converted = await create("lead", { name: "Jane" });
    await convert(converted);
    expect(await convert(converted, { dealId: newId(), deal: { title: "Pilot" } })).toEqual({
      ok: false,
      error: { code: "conflict", message: `lead ${converted} was already converted differently` },
    });
  });

  it("changes nothing when a record it would create has an id already in use", async () => {
    for (const taken of ["contactId", "companyId", "activityId"] as const) {
      const { create, convert, snapshot } = setup();
      const type = taken === "contactId" ? "contact" : taken === "companyId" ? "company" : "activity";
      const fields =
        type === "contact"
          ? { name: "Someone Else" }
          : type === "company"
            ? { name: "Other Co" }
            : { type: "note", subject: { type: "company", id: newId() }, occurredAt: ctx(0).now };
      const existing = await create(type, fields);
      const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"], companyName: "Acme" });
      const before = snapshot();
      expect(await convert(leadId, { [taken]: existing }), taken).toEqual({
        ok: false,
        error: { code: "conflict", message: `${type} id ${existing} is already in use` },
      });
      expect(snapshot(), taken).toBe(before);
    }
  });

  it("changes nothing when the contact it fills would break a limit", async () => {
    const { create, convert, snapshot, data } = setup();
    // A contact with as many emails as a record may hold: the lead's other address does not fit.
    const emails = Array.from({ length: 50 }, (_, i) => `jane${i}@acme.com`);
    const contactId = await create("contact", { name: "Jane", emails });
    const leadId = await create("lead", {
      name: "Jane",
      emails: ["jane0@acme.com", "jane.doe@acme.com"],
      tags: ["hot"],
    });
    const before = snapshot();
    const result = await convert(leadId);
    expect(result).toMatchObject({
      ok: false,
      error: { code: "invalid", message: "Too many: at most 50 email values" },
    });
    expect(snapshot()).toBe(before);
    expect((await data("contact", contactId)).sourceLeadIds).toEqual([]);
    expect((await data("lead", leadId)).status).toBe("new");
  });
});

describe("convertLead's repeats", () => {
  it("stays a no-op for the same request after the deal it made was edited", async () => {
    const { run, data } = setup();
    const leadId = newId();
    await run("create", { type: "lead", id: leadId, fields: { name: "Jane" } });
    const args = {
      leadId,
      contactId: newId(),
      companyId: newId(),
      dealId: newId(),
      deal: { title: "Pilot", amount: 100 },
      activityId: newId(),
    };
    expect((await run("convertLead", args)).ok).toBe(true);
    await run("update", { type: "deal", id: args.dealId, set: { title: "Pilot (extended)", amount: 900 } });
    expect(await run("convertLead", args)).toEqual({ ok: true, changed: [] });
    expect((await data("deal", args.dealId)).title).toBe("Pilot (extended)");
  });

  it("takes a retry with fresh ids as the same conversion only when it asks for the same deal", async () => {
    const settings = WorkspaceSettingsSchema.parse({ currency: "EUR" });
    const { run, create, convert, store } = setup(settings);
    const leadId = await create("lead", { name: "Jane" });
    const dealId = newId();
    expect((await convert(leadId, { dealId, deal: { title: "Pilot", amount: 100 } })).ok).toBe(true);
    // The title as typed (padded), the workspace's currency named or not: the same deal.
    expect(await convert(leadId, { dealId: newId(), deal: { title: " Pilot ", amount: 100 } })).toEqual({
      ok: true,
      changed: [],
    });
    expect(await convert(leadId, { dealId: newId(), deal: { title: "Pilot", amount: 100, currency: "EUR" } })).toEqual({
      ok: true,
      changed: [],
    });
    const differently = {
      ok: false,
      error: { code: "conflict", message: `lead ${leadId} was already converted differently` },
    };
    expect(await convert(leadId, { dealId: newId(), deal: { title: "Pilot", amount: 200 } })).toEqual(differently);
    expect(await convert(leadId, { dealId: newId(), deal: { title: "Pilot", amount: 100, currency: "USD" } })).toEqual(
      differently,
    );
    expect(await convert(leadId, { dealId: newId(), deal: { title: "Pilot", amount: 0 } })).toEqual(differently);
    // Without the deal it made (not on this replica), a retry cannot be told apart: a conflict.
    store.records.delete(`deal:${dealId}`);
    expect(await convert(leadId, { dealId: newId(), deal: { title: "Pilot", amount: 100 } })).toEqual(differently);
    expect(await run("convertLead", { leadId, contactId: newId(), companyId: newId(), activityId: newId() })).toEqual(
      differently,
    );
  });
});

describe("convertLead's company", () => {
  it("uses the company the lead is linked to, unless that company was deleted", async () => {
    const { create, convert, data, run, store } = setup();
    await create("company", { name: "Acme", domain: "acme.com" });
    const linked = await create("company", { name: "Initech" });
    const leadId = await create("lead", {
      name: "Jane",
      emails: ["jane@acme.com"],
      companyName: "Acme",
      companyId: linked,
    });
    expect((await convert(leadId)).ok).toBe(true);
    expect((await data("lead", leadId)).convertedCompanyId).toBe(linked);
    expect(store.all("company")).toHaveLength(2);

    const gone = await create("company", { name: "Hooli" });
    await run("delete", { type: "company", id: gone });
    const other = await create("lead", { name: "Bob", emails: ["bob@acme.com"], companyId: gone });
    expect((await convert(other)).ok).toBe(true);
    const lead = await data("lead", other);
    expect(lead.convertedCompanyId).not.toBe(gone);
    expect((await data("company", lead.convertedCompanyId as string)).domain).toBe("acme.com");
  });

  it("gives a linked company the lead's domain, unless another company has that domain", async () => {
    const { create, convert, data } = setup();
    const linked = await create("company", { name: "Initech" });
    const leadId = await create("lead", {
      name: "Jane",
      emails: ["jane@initech.com"],
      website: "https://www.initech.com/team",
      companyId: linked,
    });
    await convert(leadId);
    expect(await data("company", linked)).toMatchObject({
      domain: "initech.com",
      website: "https://www.initech.com/team",
    });

    const owner = await create("company", { name: "Globex Corp", domain: "globex.com" });
    const other = await create("company", { name: "Globex" });
    const bob = await create("lead", { name: "Bob", emails: ["bob@globex.com"], companyId: other });
    await convert(bob);
    expect((await data("lead", bob)).convertedCompanyId).toBe(other);
    expect((await data("company", other)).domain).toBeNull();
    expect((await data("company", owner)).domain).toBe("globex.com");
  });

  it("matches by any of the lead's domains, its website's first", async () => {
    const { create, convert, data, store } = setup();
    const acme = await create("company", { name: "Acme", domain: "acme.com" });
    const leadId = await create("lead", { name: "Jane", website: "https://globex.io", emails: ["jane@acme.com"] });
    await convert(leadId);
    expect((await data("lead", leadId)).convertedCompanyId).toBe(acme);
    expect(store.all("company")).toHaveLength(1);
    expect(companyDomains({ website: "https://initech.com", emails: ["a@acme.com"] })).toEqual([
      "initech.com",
      "acme.com",
    ]);
  });

  it("matches by name a company without a domain, and one whose domain the lead does not contradict", async () => {
    const { create, convert, data, store } = setup();
    const bare = await create("company", { name: "Acme" });
    const jane = await create("lead", { name: "Jane", emails: ["jane@acme.com"], companyName: "ACME" });
    await convert(jane);
    expect((await data("lead", jane)).convertedCompanyId).toBe(bare);
    expect((await data("company", bare)).domain).toBe("acme.com");

    const globex = await create("company", { name: "Globex", domain: "globex.io" });
    const bob = await create("lead", { name: "Bob", emails: ["bob@gmail.com"], companyName: "Globex" });
    await convert(bob);
    expect((await data("lead", bob)).convertedCompanyId).toBe(globex);
    expect(store.all("company")).toHaveLength(2);
  });

  it("picks the oldest of several matching companies, then the lowest id: the same pick on every replica", async () => {
    const ids = [newId(), newId(), newId()].sort();
    const { create, convert, data } = setup();
    // Created in this order: the newest has the lowest id.
    // (Only one company may hold a domain; the others match the lead by their website's.)
    await create("company", { name: "Acme EU", domain: "acme.com" }, ids[1]);
    await create("company", { name: "Acme US", website: "https://acme.com/us" }, ids[2]);
    await create("company", { name: "Acme Labs", website: "https://labs.acme.com" }, ids[0]);
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    await convert(leadId);
    expect((await data("lead", leadId)).convertedCompanyId).toBe(ids[1]);

    // Created in one moment (one server transaction): the lowest id wins.
    const same = setup();
    const at = ctx(5);
    const tied = [newId(), newId()].sort();
    for (const id of [tied[1]!, tied[0]!])
      await same.run("create", { type: "company", id, fields: { name: "Globex", website: "https://globex.io" } }, at);
    const bob = await same.create("lead", { name: "Bob", emails: ["bob@globex.io"] });
    await same.convert(bob, {}, ctx(10));
    expect((await same.data("lead", bob)).convertedCompanyId).toBe(tied[0]);
  });

  it("links the lead to the company it was converted into", async () => {
    const { create, convert, data } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    await convert(leadId);
    const lead = await data("lead", leadId);
    expect(lead.companyId).toBe(lead.convertedCompanyId);
    expect(lead.companyId).not.toBeNull();
  });

  it("gives a company the lead's website only when it is on the company's domain", async () => {
    const { create, convert, data } = setup();
    const jane = await create("lead", { name: "Jane", emails: ["jane@acme.com"], website: "https://www.gmail.com/" });
    await convert(jane);
    expect(await data("company", (await data("lead", jane)).convertedCompanyId as string)).toMatchObject({
      domain: "acme.com",
      website: null,
    });
    const bob = await create("lead", {
      name: "Bob",
      emails: ["bob@gmail.com"],
      website: "https://gmail.com",
      companyName: "Bob's Shop",
    });
    await convert(bob);
    expect(await data("company", (await data("lead", bob)).convertedCompanyId as string)).toMatchObject({
      name: "Bob's Shop",
      domain: null,
      website: null,
    });
  });

  it("changes nothing on a matched company that already has everything", async () => {
    const { create, convert } = setup();
    const acme = await create("company", { name: "Acme", domain: "acme.com" });
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"], companyName: "acme" });
    const result = await convert(leadId);
    expect(result.ok && result.changed.map((r) => `${r.type}:${r.id}`)).not.toContain(`company:${acme}`);
  });
});

describe("convertLead's contact", () => {
  it("does not take a contact of the same name, or the lead itself, for the person", async () => {
    const { create, convert, data, store } = setup();
    const namesake = await create("contact", { name: "Jane Doe", emails: ["jane@globex.io"] });
    const leadId = await create("lead", {
      name: "Jane Doe",
      emails: ["jane@acme.com"],
      urls: ["https://www.linkedin.com/in/janedoe"],
    });
    await convert(leadId);
    const contactId = (await data("lead", leadId)).convertedContactId as string;
    expect(contactId).not.toBe(namesake);
    expect(contactId).not.toBe(leadId);
    expect(store.all("contact")).toHaveLength(2);
    expect((await data("contact", contactId)).urls).toEqual(["https://www.linkedin.com/in/janedoe"]);
  });

  it("picks the oldest of several contacts with the lead's addresses", async () => {
    const { create, convert, data } = setup();
    const [low, high] = [newId(), newId()].sort();
    await create("contact", { name: "Jane (work)", emails: ["jane@acme.com"] }, high);
    await create("contact", { name: "Jane (private)", emails: ["jane@home.example"] }, low);
    const leadId = await create("lead", { name: "Jane", emails: ["jane@home.example", "jane@acme.com"] });
    await convert(leadId);
    expect((await data("lead", leadId)).convertedContactId).toBe(high);

    // Created in one moment (one server transaction): the lowest id, whichever address matched first.
    const same = setup();
    const [first, second] = [newId(), newId()].sort();
    await same.run(
      "create",
      { type: "contact", id: second, fields: { name: "Jane", emails: ["jane@acme.com"] } },
      ctx(5),
    );
    await same.run(
      "create",
      { type: "contact", id: first, fields: { name: "Jane", emails: ["jane@home.example"] } },
      ctx(5),
    );
    const jane = await same.create("lead", { name: "Jane", emails: ["jane@acme.com", "jane@home.example"] });
    await same.convert(jane, {}, ctx(10));
    expect((await same.data("lead", jane)).convertedContactId).toBe(first);
  });

  it("matches the contact whose profile the lead was captured from", async () => {
    const { create, convert, data, store } = setup();
    const contactId = await create("contact", { name: "Jane", urls: ["https://www.linkedin.com/in/janedoe/"] });
    const leadId = await create("lead", {
      name: "J. Doe",
      source: { kind: "web", url: "https://linkedin.com/in/JaneDoe" },
    });
    await convert(leadId);
    expect((await data("lead", leadId)).convertedContactId).toBe(contactId);
    expect(store.all("contact")).toHaveLength(1);
  });

  it("fills only what the contact lacks, notes what it declined, and adds the lead to its sources", async () => {
    const { create, convert, record, data, run } = setup();
    const earlier = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    await convert(earlier);
    const contactId = (await data("lead", earlier)).convertedContactId as string;
    await run("update", { type: "contact", id: contactId, set: { title: "CEO", location: "" } });
    const before = await record("contact", contactId);
    const leadId = await create("lead", {
      name: "Jane Doe",
      emails: ["jane@acme.com"],
      title: "ceo",
      location: "Berlin",
    });
    await convert(leadId);
    const contact = await record("contact", contactId);
    // The same title in other letters is no different value; an empty location is filled.
    expect(contact.data).toMatchObject({
      name: "Jane",
      title: "CEO",
      location: "Berlin",
      sourceLeadIds: [earlier, leadId],
    });
    const noted = contact.meta.history
      .slice(before.meta.history.length)
      .filter((h) => h.hlc > before.meta.clocks.name!);
    expect(noted.map((h) => [h.field, h.value, h.replacedBy])).toContainEqual([
      "name",
      "Jane Doe",
      before.meta.clocks.name,
    ]);
    expect(noted.map((h) => h.field)).not.toContain("title");
  });

  it("moves open tasks even when the converting client's clock is behind their last edit", async () => {
    const { create, convert, data, run } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    const task = newId();
    await run(
      "create",
      { type: "task", id: task, fields: { title: "Call back", subject: { type: "lead", id: leadId } } },
      ctx(500, "fast"),
    );
    expect((await convert(leadId, {}, ctx(100, "slow"))).ok).toBe(true);
    const contactId = (await data("lead", leadId)).convertedContactId as string;
    expect((await data("task", task)).subject).toEqual({ type: "contact", id: contactId });
  });

  it("fills a contact's field even when the converting client's clock is behind the contact's last edit", async () => {
    const { create, convert, data, run } = setup();
    const contactId = await create("contact", { name: "Jane", emails: ["jane@acme.com"], title: "CEO" });
    await run("update", { type: "contact", id: contactId, set: { title: null } }, ctx(500, "fast"));
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"], title: "CTO" });
    expect((await convert(leadId, {}, ctx(100, "slow"))).ok).toBe(true);
    expect((await data("contact", contactId)).title).toBe("CTO");
  });

  it("carries custom values the contact also defines, keeping the contact's own", async () => {
    const settings = WorkspaceSettingsSchema.parse({
      customFields: [
        { key: "budget", label: "Budget", recordType: "lead", kind: "number" },
        { key: "budget", label: "Budget", recordType: "contact", kind: "number" },
        { key: "segment", label: "Segment", recordType: "lead", kind: "text" },
        { key: "segment", label: "Segment", recordType: "contact", kind: "text" },
        { key: "region", label: "Region", recordType: "lead", kind: "text" },
        { key: "region", label: "Region", recordType: "contact", kind: "text" },
        { key: "source_list", label: "List", recordType: "lead", kind: "text" },
      ],
    });
    const { create, convert, data } = setup(settings);
    const fresh = await create("lead", {
      name: "Ann",
      emails: ["ann@acme.com"],
      custom: { budget: 10, segment: "smb", source_list: "expo" },
    });
    await convert(fresh);
    expect((await data("contact", (await data("lead", fresh)).convertedContactId as string)).custom).toEqual({
      budget: 10,
      segment: "smb",
    });

    const contactId = await create("contact", {
      name: "Jane",
      emails: ["jane@acme.com"],
      custom: { segment: "enterprise", budget: null },
    });
    const leadId = await create("lead", {
      name: "Jane",
      emails: ["jane@acme.com"],
      custom: { budget: 5, segment: "smb", region: "EU" },
    });
    await convert(leadId);
    expect((await data("contact", contactId)).custom).toEqual({ segment: "enterprise", budget: 5, region: "EU" });
  });
});

describe("conversionResult", () => {
  it("answers the lead and the records it became, or null for an unknown lead", async () => {
    const { create, convert, store } = setup();
    const leadId = await create("lead", { name: "Jane", emails: ["jane@acme.com"] });
    const dealId = newId();
    await convert(leadId, { dealId, deal: { title: "Pilot" } });
    const result = await conversionResult(store, leadId);
    expect(result!.deal).toMatchObject({ type: "deal", id: dealId });
    expect(result!.contact!.id).toBe(result!.lead.data.convertedContactId);
    expect(await conversionResult(store, newId())).toBeNull();
  });
});
