import type { CustomFieldDefinition } from "@leadpane/domain";
import { applyMutation, formatHlc, type ApplyContext, type SyncedRecord } from "@leadpane/domain/sync";
import { describe, expect, it } from "vitest";
import type { LocalChange } from "../local-db/local-mutations.ts";
import {
  amountEdit,
  typedAmount,
  closeDateEdit,
  currencyEdit,
  customEdit,
  domainEdit,
  dueEdit,
  removeValue,
  scalarEdit,
  setValueEdit,
  type FieldEdit,
} from "./field-edit.ts";

const ID = "01890a5d-ac96-774b-bcce-b302099a8057";
let tick = 0;
const ctx = (): ApplyContext => {
  tick += 1;
  return {
    now: new Date(1_700_000_000_000 + tick).toISOString(),
    hlc: formatHlc({ wall: 1_700_000_000_000 + tick, counter: 0, node: "a" }),
    actorId: null,
    defaultRegion: "US",
  };
};

/** A record created through the domain's own `create`, as the local store would hold it. */
async function created(type: SyncedRecord["type"], fields: Record<string, unknown>): Promise<SyncedRecord> {
  const result = await applyMutation({ get: async () => undefined }, "create", { type, id: ID, fields }, ctx());
  if (!result.ok) throw new Error(result.error.message);
  return result.changed[0] as SyncedRecord;
}

/** Applies an edit's changes in order, as mutateAll does, and returns the record after them. */
async function applied(record: SyncedRecord, edit: FieldEdit): Promise<SyncedRecord> {
  if (!edit.ok) throw new Error(edit.error);
  let current = record;
  for (const change of edit.changes) {
    const result = await applyMutation({ get: async () => current as never }, change.name, change.args, ctx());
    if (!result.ok) throw new Error(result.error.message);
    current = (result.changed.find((r) => r.id === record.id) as SyncedRecord | undefined) ?? current;
  }
  return current;
}

const names = (edit: FieldEdit): string[] => (edit.ok ? edit.changes.map((c: LocalChange) => c.name) : []);

describe("an inline edit as field-level mutations", () => {
  it("sets one scalar field with update, the old value kept in history", async () => {
    const lead = await created("lead", { name: "Jane Doe", title: "CTO" });
    const edit = scalarEdit(lead, "title", "  VP Engineering ");
    expect(edit).toEqual({
      ok: true,
      changes: [{ name: "update", args: { type: "lead", id: ID, set: { title: "VP Engineering" } } }],
    });
    const after = await applied(lead, edit);
    expect(after.data).toMatchObject({ name: "Jane Doe", title: "VP Engineering" });
    expect(after.meta.history).toContainEqual(expect.objectContaining({ field: "title", value: "CTO" }));
  });

  it("clears an optional field when emptied, refuses to empty a required one in plain words", async () => {
    const lead = await created("lead", { name: "Jane Doe", title: "CTO" });
    expect(scalarEdit(lead, "title", "  ")).toEqual({
      ok: true,
      changes: [{ name: "update", args: { type: "lead", id: ID, set: { title: null } } }],
    });
    expect(scalarEdit(lead, "name", " ")).toEqual({ ok: false, error: "Name is required" });
    expect(scalarEdit(lead, "name", "x".repeat(301))).toEqual({
      ok: false,
      error: "Name is too long: at most 300 characters",
    });
  });

  it("makes no change when the value is the same", async () => {
    const lead = await created("lead", { name: "Jane Doe" });
    expect(scalarEdit(lead, "name", "Jane Doe ")).toEqual({ ok: true, changes: [] });
  });

  it("adds a set value, replaces one with remove + add of what was seen, removes an emptied one", async () => {
    const lead = await created("lead", { name: "Jane Doe", phones: ["+14155550100"], emails: ["jane@acme.com"] });
    const added = await applied(lead, setValueEdit(lead, "emails", null, "Jane.Doe@Acme.com"));
    expect(added.data).toMatchObject({ emails: ["jane@acme.com", "jane.doe@acme.com"] });

    const replace = setValueEdit(lead, "phones", "+14155550100", "+1 415 555 0199");
    expect(names(replace)).toEqual(["add", "remove"]);
    const replaced = await applied(lead, replace);
    expect(replaced.data).toMatchObject({ phones: ["+14155550199"] });

    expect(names(setValueEdit(lead, "phones", "+14155550100", ""))).toEqual(["remove"]);
    const removed = await applied(lead, removeValue(lead, "emails", "jane@acme.com"));
    expect(removed.data).toMatchObject({ emails: [] });
  });

  it("refuses a bad set value, quoting it back, with nothing to save", async () => {
    const lead = await created("lead", { name: "Jane Doe" });
    expect(setValueEdit(lead, "emails", null, "x")).toEqual({ ok: false, error: "'x' is not an email address" });
    expect(setValueEdit(lead, "emails", null, "")).toEqual({ ok: false, error: "Type the email to add" });
    expect(setValueEdit(lead, "phones", null, "call me")).toEqual({
      ok: false,
      error:
        "'call me' is not a phone number: use digits with spaces, dashes, dots or brackets, an optional + and extension",
    });
    expect(setValueEdit(lead, "urls", null, "linkedin").ok).toBe(false);
  });

  it("turns a typed amount into minor units of the deal's currency", async () => {
    const deal = await created("deal", { title: "Pilot", amount: 100, currency: "EUR" });
    const after = await applied(deal, amountEdit(deal, "12,500.50"));
    expect(after.data).toMatchObject({ amount: 1_250_050, currency: "EUR" });
    expect(amountEdit(deal, "lots")).toEqual({
      ok: false,
      error: "'lots' is not an amount: type a number such as 12500 or 12500.50",
    });
    expect(amountEdit(deal, "1.234")).toEqual({ ok: false, error: "EUR amounts have at most 2 decimal places" });
    expect(currencyEdit(deal, "usd")).toMatchObject({ ok: true, changes: [{ args: { set: { currency: "USD" } } }] });
    expect(currencyEdit(deal, "dollars")).toEqual({
      ok: false,
      error: "'dollars' is not a currency code: use three letters such as EUR",
    });
  });

  it("reads an amount as reps type it: grouping commas, spaces, a currency sign", () => {
    expect(typedAmount("19,200", "USD")).toEqual({ ok: true, value: 1_920_000 });
    expect(typedAmount(" $48,000.50 ", "USD")).toEqual({ ok: true, value: 4_800_050 });
    expect(typedAmount("€ 1 200", "EUR")).toEqual({ ok: true, value: 120_000 });
    expect(typedAmount("twenty grand", "USD")).toEqual({
      ok: false,
      error: "'twenty grand' is not an amount: type a number such as 12500 or 12500.50",
    });
    expect(typedAmount("-5", "USD").ok).toBe(false);
    expect(typedAmount("1.234", "EUR")).toEqual({ ok: false, error: "EUR amounts have at most 2 decimal places" });
  });

  it("sets and clears a deal's close date through setDealCloseDate", async () => {
    const deal = await created("deal", { title: "Pilot" });
    const edit = closeDateEdit(deal, "2027-03-31");
    expect(edit).toEqual({
      ok: true,
      changes: [{ name: "setDealCloseDate", args: { dealId: ID, closeDate: "2027-03-31" } }],
    });
    const after = await applied(deal, edit);
    expect(after.data).toMatchObject({ expectedCloseAt: "2027-03-31T00:00:00.000Z" });
    expect(closeDateEdit(after, "2027-03-31")).toEqual({ ok: true, changes: [] });
    expect(closeDateEdit(after, "")).toMatchObject({ ok: true, changes: [{ args: { closeDate: null } }] });
    expect(closeDateEdit(after, "2027-02-30")).toEqual({ ok: false, error: "'2027-02-30' is not a date" });
  });

  it("sets a task's due time from the rep's local time", async () => {
    const task = await created("task", { title: "Call back" });
    const local = "2027-01-05T14:30";
    const after = await applied(task, dueEdit(task, local));
    expect(after.data).toMatchObject({ dueAt: new Date(local).toISOString() });
    expect(dueEdit(task, "soon")).toEqual({ ok: false, error: "'soon' is not a date and time" });
  });

  it("checks a custom value against its definition and keeps the other custom values", async () => {
    const lead = await created("lead", { name: "Jane Doe", custom: { tier: "gold" } });
    const seats: CustomFieldDefinition = {
      key: "seats",
      label: "Seats",
      recordType: "lead",
      kind: "number",
      options: [],
    };
    const after = await applied(lead, customEdit(lead, seats, "1,200"));
    expect(after.data).toMatchObject({ custom: { tier: "gold", seats: 1200 } });
    expect(customEdit(lead, seats, "many")).toEqual({ ok: false, error: "'many' is not a number" });
    const plan: CustomFieldDefinition = {
      key: "plan",
      label: "Plan",
      recordType: "lead",
      kind: "select",
      options: ["Basic", "Pro"],
    };
    expect(customEdit(lead, plan, "Gold")).toEqual({ ok: false, error: "'Gold' must be one of: Basic, Pro" });
  });

  it("keeps a company's domain as its host, refusing what is not one", async () => {
    const company = await created("company", { name: "Acme" });
    const after = await applied(company, domainEdit(company, "https://www.Acme.com/about"));
    expect(after.data).toMatchObject({ domain: "acme.com" });
    expect(domainEdit(company, "acme")).toEqual({ ok: false, error: "'acme' is not a domain such as acme.com" });
    expect(domainEdit(after, "")).toMatchObject({ ok: true, changes: [{ args: { set: { domain: null } } }] });
  });
});
