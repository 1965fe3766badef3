import { describe, expect, it } from "vitest";
import type { RecordType } from "./common.ts";
import { newId } from "./ids.ts";
import { indexKeys } from "./keys.ts";
import { lookupRecords } from "./lookup.ts";
import { candidateKeys, candidateOf, captureTarget, findMatches, findMatchesIn } from "./match.ts";
import { MemoryRecordStore } from "./sync/memory-store.ts";
import { typedRecord, type SyncedRecord } from "./sync/record.ts";

function rec(type: RecordType, data: Record<string, unknown>, extra: Partial<SyncedRecord> = {}): SyncedRecord {
  const id = newId();
  return typedRecord({
    type,
    id,
    data: { id, createdAt: "2026-01-01T00:00:00.000Z", ...data },
    meta: { clocks: {}, sets: {}, history: [] },
    deleted: false,
    version: 1,
    ...extra,
  });
}

describe("findMatches", () => {
  it("finds an exact match by normalized email", () => {
    const lead = rec("lead", { name: "Jane Doe", emails: ["jane@acme.com"] });
    const [match, ...rest] = findMatches({ name: "J. Doe", emails: ["  JANE@Acme.com "] }, [lead]);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({
      type: "lead",
      id: lead.id,
      strength: "exact",
      reasons: [{ kind: "email", strength: "exact", value: "jane@acme.com" }],
    });
  });

  it("needs the same name for a phone match", () => {
    const contact = rec("contact", { name: "Jane Doe", phones: ["+14155550100"] });
    expect(findMatches({ name: "jane  DOE", phones: ["(415) 555-0100"] }, [contact])[0]).toMatchObject({
      strength: "exact",
      reasons: [{ kind: "phone_and_name" }],
    });
    expect(findMatches({ name: "Reception", phones: ["(415) 555-0100"] }, [contact])).toEqual([]);
  });

  it("uses the workspace region for phones without a country code", () => {
    const contact = rec("contact", { name: "Jean Dupont", phones: ["+33142685300"] });
    expect(
      findMatches({ name: "Jean Dupont", phones: ["01 42 68 53 00"] }, [contact], { defaultRegion: "FR" }),
    ).toHaveLength(1);
    expect(
      findMatches({ name: "Jean Dupont", phones: ["01 42 68 53 00"] }, [contact], { defaultRegion: "US" }),
    ).toHaveLength(0);
  });

  it("matches canonical profile URLs, including a lead's source URL", () => {
    const lead = rec("lead", { name: "Jane", source: { kind: "web", url: "https://www.linkedin.com/in/jane-doe/" } });
    const contact = rec("contact", { name: "Jane", urls: ["https://x.com/JaneDoe"] });
    const matches = findMatches(
      { name: "Someone", urls: ["https://linkedin.com/in/Jane-Doe?utm=1", "https://twitter.com/janedoe"] },
      [lead, contact],
    );
    expect(matches.map((m) => [m.type, m.reasons[0]!.kind])).toEqual([
      ["contact", "profile_url"],
      ["lead", "profile_url"],
    ]);
  });

  it("matches companies by registrable domain exactly and by name only possibly", () => {
    const byDomain = rec("company", { name: "Acme Ltd", domain: "acme.co.uk" });
    const byName = rec("company", { name: "Globex", domain: null });
    const matches = findMatches({ kind: "company", name: "GLOBEX", website: "https://shop.acme.co.uk/x" }, [
      byName,
      byDomain,
    ]);
    expect(matches.map((m) => [m.id, m.strength])).toEqual([
      [byDomain.id, "exact"],
      [byName.id, "possible"],
    ]);
  });

  it("finds a person's company from a business email, never from free mail", () => {
    const company = rec("company", { name: "Acme", domain: "acme.com" });
    const gmail = rec("company", { name: "Gmail", domain: "gmail.com" });
    const matches = findMatches({ name: "Jane", emails: ["jane@acme.com", "jane@gmail.com"] }, [company, gmail]);
    expect(matches.map((m) => m.id)).toEqual([company.id]);
  });

  it("offers the same name at the same company as a possible match only", () => {
    const company = rec("company", { name: "Acme", domain: "acme.com" });
    const contact = rec("contact", { name: "José Álvarez", companyId: company.id, emails: ["jose@acme.com"] });
    const lead = rec("lead", { name: "Jose Alvarez", companyName: "ACME" });
    const elsewhere = rec("lead", { name: "Jose Alvarez", companyName: "Initech" });
    const matches = findMatches({ name: "jose alvarez", emails: ["j.alvarez@acme.com"], companyName: "Acme" }, [
      company,
      contact,
      lead,
      elsewhere,
    ]);
    const people = matches.filter((m) => m.type !== "company");
    expect(people.map((m) => [m.id, m.strength, m.reasons[0]!.kind])).toEqual([
      [contact.id, "possible", "name_at_company"],
      [lead.id, "possible", "name_at_company"],
    ]);
  });

  it("skips tombstones and points converted leads at their contact", () => {
    const contactId = newId();
    const converted = rec("lead", {
      name: "Jane",
      emails: ["jane@acme.com"],
      status: "converted",
      convertedContactId: contactId,
    });
    const gone = rec("lead", { name: "Jane", emails: ["jane@acme.com"] }, { deleted: true });
    const matches = findMatches({ emails: ["jane@acme.com"] }, [converted, gone]);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.followTo).toEqual({ type: "contact", id: contactId });
  });

  it("sends a capture of a known person to the record to append to, never to a possible match", () => {
    const contactId = newId();
    const converted = rec("lead", {
      name: "Jane",
      emails: ["jane@acme.com"],
      status: "converted",
      convertedContactId: contactId,
    });
    expect(captureTarget(findMatches({ emails: ["jane@acme.com"] }, [converted]))).toEqual({
      type: "contact",
      id: contactId,
    });
    const lead = rec("lead", { name: "Jane", emails: ["jane@acme.com"] });
    expect(captureTarget(findMatches({ emails: ["jane@acme.com"] }, [lead]))).toEqual({ type: "lead", id: lead.id });
    const namesake = rec("lead", { name: "Jane", companyName: "Acme" });
    expect(captureTarget(findMatches({ name: "Jane", companyName: "Acme" }, [namesake]))).toBeNull();
  });

  it("ranks exact before possible, contacts before leads before companies", () => {
    const company = rec("company", { name: "Acme", domain: "acme.com" });
    const lead = rec("lead", { name: "Jane", emails: ["jane@acme.com"] });
    const contact = rec("contact", { name: "Jane", emails: ["jane@acme.com"] });
    const possible = rec("contact", { name: "Jane", companyId: company.id });
    const matches = findMatches({ name: "Jane", emails: ["jane@acme.com"] }, [possible, company, lead, contact]);
    expect(matches.map((m) => m.id)).toEqual([contact.id, lead.id, company.id, possible.id]);
  });
});

describe("index keys and lookups", () => {
  it("adds name and reference keys to the match keys", () => {
    const leadId = newId();
    const companyId = newId();
    const keys = indexKeys("contact", {
      name: "Jane Doe",
      emails: ["jane@acme.com"],
      companyId,
      sourceLeadIds: [leadId],
    });
    expect(keys).toEqual(
      expect.arrayContaining([
        "email:jane@acme.com",
        "domain:acme.com",
        "name:person:jane doe",
        `ref:company:${companyId}`,
        `ref:lead:${leadId}`,
      ]),
    );
    expect(indexKeys("company", { name: "Acme, Inc.", domain: "acme.com" })).toEqual(
      expect.arrayContaining(["domain:acme.com", "name:company:acme inc"]),
    );
  });

  it("derives the keys a candidate is looked up by", () => {
    expect(
      candidateKeys({
        name: "Jane",
        emails: ["Jane@Acme.com"],
        phones: ["415 555 0100"],
        urls: ["https://github.com/Jane"],
        companyName: "Acme",
      }),
    ).toEqual([
      "email:jane@acme.com",
      "phone:+14155550100",
      "url:https://github.com/jane",
      "domain:acme.com",
      "name:company:acme",
      "name:person:jane",
    ]);
  });

  it("finds matches through a store's index", async () => {
    const company = rec("company", { name: "Acme", domain: "acme.com" });
    const contact = rec("contact", { name: "Jane Doe", companyId: company.id });
    const store = new MemoryRecordStore([company, contact, rec("lead", { name: "Unrelated" })]);
    const matches = await findMatchesIn(store, { name: "Jane Doe", emails: ["jane.d@acme.com"] });
    expect(matches.map((m) => [m.type, m.strength])).toEqual([
      ["company", "exact"],
      ["contact", "possible"],
    ]);
  });
});

describe("indexKeys, exactly", () => {
  it("adds a person-name key to leads and contacts, a company-name key to companies, none to others", () => {
    expect(indexKeys("lead", { name: "Jane Doe" })).toEqual(["name:person:jane doe"]);
    expect(indexKeys("contact", { name: "Jane" })).toEqual(["name:person:jane"]);
    expect(indexKeys("company", { name: "Acme" })).toEqual(["name:company:acme"]);
    expect(indexKeys("deal", { name: "Acme" })).toEqual([]);
    expect(indexKeys("lead", { name: "--" })).toEqual([]);
    expect(indexKeys("company", { name: " " })).toEqual([]);
    expect(indexKeys("lead", { name: 7 })).toEqual([]);
  });

  it("adds a reference key per id a record points at, skipping empty and non-string values", () => {
    expect(indexKeys("deal", { contactId: "C1", companyId: "", leadId: null })).toEqual(["ref:contact:C1"]);
    expect(indexKeys("contact", { sourceLeadIds: ["L1", "", 3, "L2"] })).toEqual(["ref:lead:L1", "ref:lead:L2"]);
    expect(indexKeys("lead", { convertedContactId: "C", convertedCompanyId: "K", convertedDealId: "D" })).toEqual([
      "ref:contact:C",
      "ref:company:K",
      "ref:deal:D",
    ]);
  });
});

describe("MemoryRecordStore", () => {
  it("finds live records by key, sorted by id, as copies", async () => {
    const a = rec("lead", { name: "Jane", emails: ["jane@acme.com"] }, { id: "b" } as Partial<SyncedRecord>);
    const b = rec("contact", { name: "Jane", emails: ["jane@acme.com"] }, { id: "a" } as Partial<SyncedRecord>);
    const gone = rec("lead", { name: "Jane", emails: ["jane@acme.com"] }, {
      id: "c",
      deleted: true,
    } as Partial<SyncedRecord>);
    const store = new MemoryRecordStore([a, gone, b]);
    const found = await store.findByKey("email:jane@acme.com");
    expect(found.map((r) => r.id)).toEqual(["a", "b"]);
    Object.assign(found[0]!.data, { name: "changed" });
    expect((await store.get("contact", "a"))!.data.name).toBe("Jane");
    expect(await store.findByKey("email:nobody@acme.com")).toEqual([]);
    expect(
      store
        .all("lead")
        .map((r) => r.id)
        .sort(),
    ).toEqual(["b", "c"]);
    expect(store.all()).toHaveLength(3);
  });
});

describe("findMatches, exactly", () => {
  it("reports every reason once, exact when any reason is exact", () => {
    const contact = rec("contact", {
      name: "Jane Doe",
      emails: ["jane@acme.com", "JANE@acme.com"],
      phones: ["+14155550100"],
      urls: ["https://github.com/jane"],
    });
    const [match] = findMatches(
      { name: "Jane Doe", emails: ["jane@acme.com"], phones: ["415 555 0100"], urls: ["https://github.com/Jane/"] },
      [contact, contact],
    );
    expect(match).toEqual({
      type: "contact",
      id: contact.id,
      strength: "exact",
      reasons: [
        { kind: "email", strength: "exact", value: "jane@acme.com" },
        { kind: "phone_and_name", strength: "exact", value: "+14155550100" },
        { kind: "profile_url", strength: "exact", value: "https://github.com/jane" },
      ],
      record: contact,
      followTo: null,
    });
  });

  it("says which company two namesakes share: by link, by domain, then by name", () => {
    const company = rec("company", { name: "Acme", domain: "acme.com" });
    const linked = rec("contact", { name: "Jane Doe", companyId: company.id });
    expect(findMatches({ name: "Jane Doe", companyId: company.id }, [linked])[0]!.reasons).toEqual([
      { kind: "name_at_company", strength: "possible", value: `jane doe @ ${company.id}` },
    ]);
    const byEmail = rec("lead", { name: "Jane Doe", emails: ["jd@acme.com"] });
    expect(findMatches({ name: "Jane Doe", website: "https://acme.com" }, [byEmail])[0]!.reasons).toEqual([
      { kind: "name_at_company", strength: "possible", value: "jane doe @ acme.com" },
    ]);
    const byName = rec("lead", { name: "Jane Doe", companyName: "ACME Inc." });
    expect(findMatches({ name: "Jane Doe", companyName: "Acme inc" }, [byName])[0]!.reasons).toEqual([
      { kind: "name_at_company", strength: "possible", value: "jane doe @ acme inc" },
    ]);
    // Through the company record a person points at: its name and its domain.
    const viaCompany = rec("contact", { name: "Jane Doe", companyId: company.id });
    expect(
      findMatches({ name: "Jane Doe", companyName: "Acme" }, [company, viaCompany]).find((m) => m.type === "contact")!
        .reasons[0]!.value,
    ).toBe("jane doe @ acme");
    expect(
      findMatches({ name: "Jane Doe", emails: ["other@acme.com"] }, [company, viaCompany]).find(
        (m) => m.type === "contact",
      )!.reasons[0]!.value,
    ).toBe("jane doe @ acme.com");
    // Free mail is no shared company; without a name there is no namesake.
    const gmail = rec("lead", { name: "Jane Doe", emails: ["jd@gmail.com"] });
    expect(findMatches({ name: "Jane Doe", emails: ["x@gmail.com"] }, [gmail])).toEqual([]);
    expect(findMatches({ companyName: "Acme inc" }, [byName])).toEqual([]);
  });

  it("matches a company candidate against companies only, and people never by a company's name", () => {
    const company = rec("company", { name: "Acme", domain: "acme.com" });
    const person = rec("contact", { name: "Acme", emails: ["acme@acme.com"] });
    const asCompany = findMatches({ kind: "company", name: "Acme", emails: ["acme@acme.com"] }, [person, company]);
    expect(asCompany.map((m) => [m.type, m.reasons.map((r) => `${r.kind}:${r.strength}:${r.value}`)])).toEqual([
      ["company", ["domain:exact:acme.com", "company_name:possible:acme"]],
    ]);
    const other = rec("company", { name: "Globex", website: "https://globex.com" });
    expect(findMatches({ kind: "company", domain: "www.globex.com" }, [other])[0]!.reasons).toEqual([
      { kind: "domain", strength: "exact", value: "globex.com" },
    ]);
    expect(findMatches({ kind: "company", name: "Initech" }, [company, other])).toEqual([]);
  });

  it("follows only a converted lead to its contact, and sorts ties by id", () => {
    const contact = rec("contact", { name: "Jane", emails: ["jane@acme.com"], convertedContactId: "x" });
    expect(findMatches({ emails: ["jane@acme.com"] }, [contact])[0]!.followTo).toBeNull();
    const one = rec("lead", { name: "Jane", emails: ["jane@acme.com"] }, { id: "2" } as Partial<SyncedRecord>);
    const two = rec("lead", { name: "Jane", emails: ["jane@acme.com"] }, { id: "1" } as Partial<SyncedRecord>);
    const three = rec("lead", { name: "Jane", emails: ["jane@acme.com"] }, { id: "3" } as Partial<SyncedRecord>);
    expect(findMatches({ emails: ["jane@acme.com"] }, [one, three, two]).map((m) => m.id)).toEqual(["1", "2", "3"]);
    const possible = rec("lead", { name: "Jane", companyName: "Acme" }, { id: "0" } as Partial<SyncedRecord>);
    expect(
      findMatches({ name: "Jane", emails: ["jane@acme.com"], companyName: "Acme" }, [possible, one]).map((m) => [
        m.id,
        m.strength,
      ]),
    ).toEqual([
      ["2", "exact"],
      ["0", "possible"],
    ]);
  });

  it("sends no capture to a company or to a possible match", () => {
    const company = rec("company", { name: "Acme", domain: "acme.com" });
    expect(captureTarget(findMatches({ emails: ["jane@acme.com"] }, [company]))).toBeNull();
    expect(captureTarget([])).toBeNull();
  });
});

describe("candidateKeys and findMatchesIn", () => {
  it("keys a company candidate by its name and domains, never as a person", () => {
    expect(
      candidateKeys({
        kind: "company",
        name: "Acme",
        domain: "acme.com",
        website: "https://www.acme.co.uk",
        companyName: "Ignored",
      }),
    ).toEqual(["domain:acme.com", "domain:acme.co.uk", "name:company:acme"]);
    expect(candidateKeys({ name: "--", companyName: "" })).toEqual([]);
    expect(candidateKeys({ name: "Jean", phones: ["01 42 68 53 00"] }, { defaultRegion: "FR" })).toEqual([
      "phone:+33142685300",
      "name:person:jean",
    ]);
    expect(candidateKeys({ urls: ["https://acme.com/team", "https://x.com/jane"] })).toEqual([
      "url:https://x.com/jane",
    ]);
  });

  it("finds nothing through a reader without an index", async () => {
    const store = new MemoryRecordStore([rec("lead", { name: "Jane", emails: ["jane@acme.com"] })]);
    const reader = { get: store.get.bind(store) };
    expect(await findMatchesIn(reader, { emails: ["jane@acme.com"] })).toEqual([]);
    expect(await lookupRecords(reader, { email: "jane@acme.com" })).toEqual({
      leads: [],
      contacts: [],
      companies: [],
      activities: [],
    });
  });

  it("loads the live company a namesake points at, to compare company names", async () => {
    const company = rec("company", { name: "Acme", domain: null });
    const contact = rec("contact", { name: "Jane Doe", companyId: company.id });
    const store = new MemoryRecordStore([company, contact]);
    expect(
      (await findMatchesIn(store, { name: "Jane Doe", companyName: "Acme" })).map((m) => [m.type, m.strength]),
    ).toEqual([
      ["contact", "possible"],
      ["company", "possible"],
    ]);
    const gone = rec("company", { name: "Initech", domain: null }, { deleted: true });
    const other = rec("contact", { name: "Bob Roe", companyId: gone.id });
    const store2 = new MemoryRecordStore([gone, other]);
    expect(await findMatchesIn(store2, { name: "Bob Roe", companyName: "Initech" })).toEqual([]);
  });
});

describe("candidateOf", () => {
  it("takes each type's own fields: a lead's company name and website, a contact's company, a company's domain", () => {
    const lead = typedRecord({
      ...rec("lead", {}),
      type: "lead",
      data: {
        name: "Jane",
        emails: ["jane@acme.com"],
        phones: [],
        urls: [],
        companyName: "Acme",
        companyId: null,
        website: "https://acme.com",
      },
    });
    expect(candidateOf(lead)).toEqual({
      kind: "person",
      name: "Jane",
      emails: ["jane@acme.com"],
      phones: [],
      urls: [],
      companyName: "Acme",
      companyId: null,
      website: "https://acme.com",
      domain: null,
    });
    const contact = typedRecord({
      ...rec("contact", {}),
      type: "contact",
      data: { name: "Jane", emails: [], phones: ["+14155550100"], urls: [], companyId: "K" },
    });
    expect(candidateOf(contact)).toMatchObject({
      kind: "person",
      companyName: null,
      companyId: "K",
      website: null,
      domain: null,
    });
    const company = typedRecord({
      ...rec("company", {}),
      type: "company",
      data: { name: "Acme", emails: [], phones: [], urls: [], website: null, domain: "acme.com" },
    });
    expect(candidateOf(company)).toMatchObject({
      kind: "company",
      name: "Acme",
      companyName: null,
      companyId: null,
      domain: "acme.com",
    });
  });
});
