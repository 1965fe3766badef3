import { describe, expect, it } from "vitest";
import type { RecordType } from "./common.ts";
import { newId } from "./ids.ts";
import { candidateKeys, captureTarget, findMatches, findMatchesIn, indexKeys, lookupRecords, MemoryRecordStore } from "./match.ts";
import type { SyncedRecord } from "./sync/protocol.ts";

function rec(type: RecordType, data: Record<string, unknown>, extra: Partial<SyncedRecord> = {}): SyncedRecord {
  const id = newId();
  return { type, id, data: { id, createdAt: "2026-01-01T00:00:00.000Z", ...data }, meta: { clocks: {}, sets: {}, history: [] }, deleted: false, version: 1, ...extra };
}

describe("findMatches", () => {
  it("finds an exact match by normalized email", () => {
    const lead = rec("lead", { name: "Jane Doe", emails: ["jane@acme.com"] });
    const [match, ...rest] = findMatches({ name: "J. Doe", emails: ["  JANE@Acme.com "] }, [lead]);
    expect(rest).toEqual([]);
    expect(match).toMatchObject({ type: "lead", id: lead.id, strength: "exact", reasons: [{ kind: "email", strength: "exact", value: "jane@acme.com" }] });
  });

  it("needs the same name for a phone match", () => {
    const contact = rec("contact", { name: "Jane Doe", phones: ["+14155550100"] });
    expect(findMatches({ name: "jane  DOE", phones: ["(415) 555-0100"] }, [contact])[0]).toMatchObject({ strength: "exact", reasons: [{ kind: "phone_and_name" }] });
    expect(findMatches({ name: "Reception", phones: ["(415) 555-0100"] }, [contact])).toEqual([]);
  });

  it("uses the workspace region for phones without a country code", () => {
    const contact = rec("contact", { name: "Jean Dupont", phones: ["+33142685300"] });
    expect(findMatches({ name: "Jean Dupont", phones: ["01 42 68 53 00"] }, [contact], { defaultRegion: "FR" })).toHaveLength(1);
    expect(findMatches({ name: "Jean Dupont", phones: ["01 42 68 53 00"] }, [contact], { defaultRegion: "US" })).toHaveLength(0);
  });

  it("matches canonical profile URLs, including a lead's source URL", () => {
    const lead = rec("lead", { name: "Jane", source: { kind: "web", url: "https://www.linkedin.com/in/jane-doe/" } });
    const contact = rec("contact", { name: "Jane", urls: ["https://x.com/JaneDoe"] });
    const matches = findMatches({ name: "Someone", urls: ["https://linkedin.com/in/Jane-Doe?utm=1", "https://twitter.com/janedoe"] }, [lead, contact]);
    expect(matches.map((m) => [m.type, m.reasons[0]!.kind])).toEqual([
      ["contact", "profile_url"],
      ["lead", "profile_url"],
    ]);
  });

  it("matches companies by registrable domain exactly and by name only possibly", () => {
    const byDomain = rec("company", { name: "Acme Ltd", domain: "acme.co.uk" });
    const byName = rec("company", { name: "Globex", domain: null });
    const matches = findMatches({ kind: "company", name: "GLOBEX", website: "https://shop.acme.co.uk/x" }, [byName, byDomain]);
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
    const matches = findMatches({ name: "jose alvarez", emails: ["j.alvarez@acme.com"], companyName: "Acme" }, [company, contact, lead, elsewhere]);
    const people = matches.filter((m) => m.type !== "company");
    expect(people.map((m) => [m.id, m.strength, m.reasons[0]!.kind])).toEqual([
      [contact.id, "possible", "name_at_company"],
      [lead.id, "possible", "name_at_company"],
    ]);
  });

  it("skips tombstones and points converted leads at their contact", () => {
    const contactId = newId();
    const converted = rec("lead", { name: "Jane", emails: ["jane@acme.com"], status: "converted", convertedContactId: contactId });
    const gone = rec("lead", { name: "Jane", emails: ["jane@acme.com"] }, { deleted: true });
    const matches = findMatches({ emails: ["jane@acme.com"] }, [converted, gone]);
    expect(matches).toHaveLength(1);
    expect(matches[0]!.followTo).toEqual({ type: "contact", id: contactId });
  });

  it("sends a capture of a known person to the record to append to, never to a possible match", () => {
    const contactId = newId();
    const converted = rec("lead", { name: "Jane", emails: ["jane@acme.com"], status: "converted", convertedContactId: contactId });
    expect(captureTarget(findMatches({ emails: ["jane@acme.com"] }, [converted]))).toEqual({ type: "contact", id: contactId });
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
    const keys = indexKeys("contact", { name: "Jane Doe", emails: ["jane@acme.com"], companyId, sourceLeadIds: [leadId] });
    expect(keys).toEqual(expect.arrayContaining(["email:jane@acme.com", "domain:acme.com", "name:person:jane doe", `ref:company:${companyId}`, `ref:lead:${leadId}`]));
    expect(indexKeys("company", { name: "Acme, Inc.", domain: "acme.com" })).toEqual(expect.arrayContaining(["domain:acme.com", "name:company:acme inc"]));
  });

  it("derives the keys a candidate is looked up by", () => {
    expect(candidateKeys({ name: "Jane", emails: ["Jane@Acme.com"], phones: ["415 555 0100"], urls: ["https://github.com/Jane"], companyName: "Acme" })).toEqual([
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

  it("answers a lookup with a contact's activities including its source leads'", async () => {
    const lead = rec("lead", { name: "Jane", emails: ["jane@acme.com"], status: "converted" });
    const contact = rec("contact", { name: "Jane", emails: ["jane@acme.com"], sourceLeadIds: [lead.id] });
    const early = rec("activity", { type: "note", subject: { type: "lead", id: lead.id }, occurredAt: "2026-01-01T00:00:00.000Z" });
    const late = rec("activity", { type: "call", subject: { type: "contact", id: contact.id }, occurredAt: "2026-02-01T00:00:00.000Z" });
    const store = new MemoryRecordStore([lead, contact, early, late]);
    const result = await lookupRecords(store, { email: "Jane@acme.com" });
    expect(result.contacts.map((r) => r.id)).toEqual([contact.id]);
    expect(result.leads.map((r) => r.id)).toEqual([lead.id]);
    expect(result.activities.map((r) => r.id)).toEqual([late.id, early.id]);
  });
});
