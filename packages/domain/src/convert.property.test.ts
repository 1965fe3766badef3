import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isFreeMailDomain } from "./free-mail.ts";
import { newId } from "./ids.ts";
import { timelineSubjects } from "./timeline-subjects.ts";
import { applyMutation } from "./mutations/registry.ts";
import { propertyRuns } from "./property-runs.ts";
import type { ApplyContext } from "./sync/context.ts";
import { formatHlc } from "./sync/hlc.ts";
import { MemoryRecordStore } from "./sync/memory-store.ts";
import { fieldsOf } from "./sync/record.ts";

/** The value type an arbitrary generates. */
type WorldOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const T0 = 1_700_000_000_000;
const EMAILS = [
  "jane@acme.com",
  "j.doe@acme.com",
  "bob@globex.io",
  "jane@gmail.com",
  "temp@yopmail.com",
  "ann@initech.co.uk",
];
const COMPANY_NAMES = ["Acme", "Globex", "Initech", "Hooli"];
const DOMAINS = ["acme.com", "globex.io", "initech.co.uk", "hooli.xyz"];

const world = fc.record({
  lead: fc.record({
    emails: fc.subarray(EMAILS),
    companyName: fc.option(fc.constantFrom(...COMPANY_NAMES), { nil: null }),
    website: fc.option(fc.constantFrom("https://acme.com", "https://www.globex.io/x", "https://gmail.com"), {
      nil: null,
    }),
    status: fc.constantFrom("new", "working", "qualified"),
    title: fc.option(fc.constantFrom("CEO", "Engineer"), { nil: null }),
  }),
  contacts: fc.array(
    fc.record({
      emails: fc.subarray(EMAILS, { maxLength: 2 }),
      title: fc.option(fc.constantFrom("CTO", "Engineer"), { nil: null }),
    }),
    { maxLength: 3 },
  ),
  companies: fc.uniqueArray(
    fc.record({
      name: fc.constantFrom(...COMPANY_NAMES),
      domain: fc.option(fc.constantFrom(...DOMAINS), { nil: null }),
    }),
    {
      maxLength: 3,
      selector: (c) => c.domain ?? `name:${c.name}`,
    },
  ),
  activities: fc.array(fc.constantFrom("note", "email", "call", "capture"), { maxLength: 5 }),
  tasks: fc.array(fc.boolean(), { maxLength: 4 }),
  deal: fc.option(fc.record({ title: fc.constantFrom("Pilot", "Renewal"), amount: fc.nat({ max: 1_000_000 }) }), {
    nil: undefined,
  }),
});

async function build(w: WorldOf<typeof world>) {
  const store = new MemoryRecordStore();
  let wall = 1;
  const ctx = (): ApplyContext => ({
    now: new Date(T0 + wall).toISOString(),
    hlc: formatHlc({ wall: T0 + wall++, counter: 0, node: "a" }),
    actorId: null,
    defaultRegion: "US",
  });
  const run = async (name: string, args: unknown) => {
    const result = await applyMutation(store, name, args, ctx());
    if (result.ok) store.write(result.changed);
    return result;
  };
  const create = async (type: string, fields: Record<string, unknown>) => {
    const id = newId();
    const result = await run("create", { type, id, fields });
    if (!result.ok) throw new Error(`${type}: ${result.error.message}`);
    return id;
  };
  for (const c of w.companies) await create("company", c);
  for (const c of w.contacts) await create("contact", { name: "Jane Doe", ...c });
  const leadId = await create("lead", { name: "Jane Doe", ...w.lead });
  for (const type of w.activities)
    await create("activity", { type, subject: { type: "lead", id: leadId }, occurredAt: new Date(T0).toISOString() });
  for (const done of w.tasks) await create("task", { title: "Follow up", done, subject: { type: "lead", id: leadId } });
  return { store, run, leadId };
}

describe("conversion invariants", () => {
  it("loses no activity or task, duplicates no contact by a shared email, makes no free-mail company", async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const { store, run, leadId } = await build(w);
        const before = {
          activities: store.all("activity"),
          tasks: store.all("task"),
          contacts: store.all("contact").length,
          companies: store.all("company").length,
        };
        const args = {
          leadId,
          contactId: newId(),
          companyId: newId(),
          activityId: newId(),
          ...(w.deal ? { dealId: newId(), deal: w.deal } : {}),
        };
        const result = await run("convertLead", args);
        expect(result).toMatchObject({ ok: true });

        const lead = (await store.get("lead", leadId))!;
        expect(lead.data.status).toBe("converted");
        const contact = (await store.get("contact", lead.data.convertedContactId as string))!;
        expect(contact.deleted).toBe(false);
        const timeline = timelineSubjects(contact).map((s) => `${s.type}:${s.id}`);
        for (const record of [...before.activities, ...before.tasks]) {
          const now = (await store.get(record.type, record.id))!;
          expect(now.deleted).toBe(false);
          const subject = fieldsOf(now).subject as { type: string; id: string };
          expect(timeline).toContain(`${subject.type}:${subject.id}`);
          if (record.type === "task" && record.data.done === false)
            expect(subject).toEqual({ type: "contact", id: contact.id });
        }
        const shared = w.contacts.some((c) => c.emails.some((e) => w.lead.emails.includes(e)));
        expect(store.all("contact").length).toBe(before.contacts + (shared ? 0 : 1));
        expect(store.all("company").length - before.companies).toBeLessThanOrEqual(1);
        for (const company of store.all("company")) {
          if (company.data.domain) expect(isFreeMailDomain(company.data.domain as string)).toBe(false);
        }
        for (const email of w.lead.emails) expect(contact.data.emails).toContain(email);

        // Idempotent: the same request, and a retry with fresh ids, change nothing.
        const snapshot = JSON.stringify([...store.records.entries()]);
        expect(await run("convertLead", args)).toEqual({ ok: true, changed: [] });
        const retry = {
          ...args,
          contactId: newId(),
          companyId: newId(),
          activityId: newId(),
          ...(w.deal ? { dealId: newId() } : {}),
        };
        expect(await run("convertLead", retry)).toEqual({ ok: true, changed: [] });
        expect(JSON.stringify([...store.records.entries()])).toBe(snapshot);
      }),
      { numRuns: propertyRuns(120) },
    );
  });

  it("gives every replica the same records for the same conversion", async () => {
    await fc.assert(
      fc.asyncProperty(world, async (w) => {
        const a = await build(w);
        const b = new MemoryRecordStore([...a.store.records.values()].reverse());
        const args = { leadId: a.leadId, contactId: newId(), companyId: newId(), activityId: newId() };
        const ctx: ApplyContext = {
          now: new Date(T0 + 5000).toISOString(),
          hlc: formatHlc({ wall: T0 + 5000, counter: 0, node: "z" }),
          actorId: null,
          defaultRegion: "US",
        };
        const ra = await applyMutation(a.store, "convertLead", args, ctx);
        const rb = await applyMutation(b, "convertLead", args, ctx);
        const sorted = (r: typeof ra) => (r.ok ? [...r.changed].sort((x, y) => (x.id < y.id ? -1 : 1)) : r);
        expect(sorted(rb)).toEqual(sorted(ra));
      }),
      { numRuns: propertyRuns(60) },
    );
  });
});
