import { describe, expect, it } from "vitest";
import type { RecordType } from "./common.ts";
import { newId } from "./ids.ts";
import { lookupRecords, type KeyIndex } from "./lookup.ts";
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

describe("lookupRecords", () => {
  it("answers a lookup with a contact's activities including its source leads'", async () => {
    const lead = rec("lead", { name: "Jane", emails: ["jane@acme.com"], status: "converted" });
    const contact = rec("contact", { name: "Jane", emails: ["jane@acme.com"], sourceLeadIds: [lead.id] });
    const early = rec("activity", {
      type: "note",
      subject: { type: "lead", id: lead.id },
      occurredAt: "2026-01-01T00:00:00.000Z",
    });
    const late = rec("activity", {
      type: "call",
      subject: { type: "contact", id: contact.id },
      occurredAt: "2026-02-01T00:00:00.000Z",
    });
    const store = new MemoryRecordStore([lead, contact, early, late]);
    const result = await lookupRecords(store, { email: "Jane@acme.com" });
    expect(result.contacts.map((r) => r.id)).toEqual([contact.id]);
    expect(result.leads.map((r) => r.id)).toEqual([lead.id]);
    expect(result.activities.map((r) => r.id)).toEqual([late.id, early.id]);
  });
});

describe("lookupRecords, limits and order", () => {
  it("caps records and activities, keeps only activities, newest first then by id", async () => {
    const company = rec("company", { name: "Acme", domain: "acme.com" });
    const leads = [0, 1, 2].map((i) =>
      rec("lead", { name: `L${i}`, emails: [`l${i}@acme.com`] }, { id: `lead-${i}` } as Partial<SyncedRecord>),
    );
    const at = "2026-01-01T00:00:00.000Z";
    const a1 = rec("activity", { type: "note", subject: { type: "company", id: company.id }, occurredAt: at }, {
      id: "b",
    } as Partial<SyncedRecord>);
    const a2 = rec("activity", { type: "note", subject: { type: "company", id: company.id }, occurredAt: at }, {
      id: "a",
    } as Partial<SyncedRecord>);
    const a3 = rec(
      "activity",
      { type: "call", subject: { type: "company", id: company.id }, occurredAt: "2026-02-01T00:00:00.000Z" },
      { id: "c" } as Partial<SyncedRecord>,
    );
    const task = rec("task", { title: "Call", subject: { type: "company", id: company.id } });
    const store = new MemoryRecordStore([company, ...leads, a1, a2, a3, task]);
    const all = await lookupRecords(store, { domain: "acme.com" });
    expect(all.companies.map((r) => r.id)).toEqual([company.id]);
    expect(all.leads.map((r) => r.id)).toEqual(["lead-0", "lead-1", "lead-2"]);
    expect(all.activities.map((r) => r.id)).toEqual(["c", "a", "b"]);
    const capped = await lookupRecords(store, { domain: "acme.com" }, { records: 0, activities: 1 });
    expect(capped).toEqual({ leads: [], contacts: [], companies: [], activities: [] });
    expect((await lookupRecords(store, { domain: "acme.com" }, { activities: 2 })).activities.map((r) => r.id)).toEqual(
      ["c", "a"],
    );
    const byEmail = await lookupRecords(store, { email: "l1@acme.com" }, { records: 1 });
    expect(byEmail.leads.map((r) => r.id)).toEqual(["lead-1"]);
    expect(byEmail.companies).toEqual([]);
  });
});

describe("lookupRecords through a key index", () => {
  /** A key index over a store that notes the keys of each read. */
  function indexOver(store: MemoryRecordStore, reads: string[][]): KeyIndex {
    return {
      async findByKeys(keys) {
        reads.push([...keys]);
        const found = new Map<string, SyncedRecord>();
        for (const key of keys)
          for (const record of await store.findByKey(key)) found.set(`${record.type}:${record.id}`, record);
        return [...found.values()];
      },
    };
  }

  it("reads every query's keys at once, then the found records' activities at once", async () => {
    const lead = rec("lead", { name: "Jane", emails: ["jane@acme.com"] });
    const contact = rec("contact", { name: "Jane", emails: ["jane@globex.com"], sourceLeadIds: [lead.id] });
    const note = rec("activity", {
      type: "note",
      subject: { type: "lead", id: lead.id },
      occurredAt: "2026-01-01T00:00:00.000Z",
    });
    const reads: string[][] = [];
    const result = await lookupRecords(indexOver(new MemoryRecordStore([lead, contact, note]), reads), [
      { url: "https://www.linkedin.com/in/nobody" },
      { email: "jane@acme.com", domain: "acme.com" },
      { email: "jane@globex.com" },
    ]);
    expect(reads).toEqual([
      ["url:https://www.linkedin.com/in/nobody", "email:jane@acme.com", "domain:acme.com", "email:jane@globex.com"],
      [`subject:lead:${lead.id}`, `subject:contact:${contact.id}`],
    ]);
    expect([
      result.leads.map((r) => r.id),
      result.contacts.map((r) => r.id),
      result.activities.map((r) => r.id),
    ]).toEqual([[lead.id], [contact.id], [note.id]]);
  });

  it("with activities: 0 reads the records' keys alone, never their activities", async () => {
    const lead = rec("lead", { name: "Jane", emails: ["jane@acme.com"] });
    const note = rec("activity", {
      type: "note",
      subject: { type: "lead", id: lead.id },
      occurredAt: "2026-01-01T00:00:00.000Z",
    });
    const reads: string[][] = [];
    const store = indexOver(new MemoryRecordStore([lead, note]), reads);
    const result = await lookupRecords(store, { email: "jane@acme.com" }, { activities: 0 });
    expect(reads).toEqual([["email:jane@acme.com"]]);
    expect([result.leads.map((r) => r.id), result.activities]).toEqual([[lead.id], []]);
  });

  it("reads nothing without keys or without records found, and leaves out what the index returns deleted", async () => {
    const gone = rec("lead", { name: "Jane", emails: ["jane@acme.com"] }, { deleted: true });
    const reads: string[][] = [];
    const index: KeyIndex = {
      async findByKeys(keys) {
        reads.push([...keys]);
        return [gone];
      },
    };
    expect(await lookupRecords(index, [{ url: "" }, {}])).toEqual({
      leads: [],
      contacts: [],
      companies: [],
      activities: [],
    });
    expect(reads).toEqual([]);
    expect(await lookupRecords(index, { email: "jane@acme.com" })).toEqual({
      leads: [],
      contacts: [],
      companies: [],
      activities: [],
    });
    expect(reads).toEqual([["email:jane@acme.com"]]);
  });
});
