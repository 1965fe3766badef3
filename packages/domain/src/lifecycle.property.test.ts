import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";
import { LEAD_STATUSES, type LeadStatus } from "./lead.ts";
import { canConvert, canTransition, LEAD_TRANSITIONS } from "./lifecycle.ts";
import { MemoryRecordStore } from "./match.ts";
import { applyMutation, type ApplyContext } from "./sync/apply.ts";
import { formatHlc } from "./sync/hlc.ts";

const T0 = 1_700_000_000_000;
const status = fc.constantFrom(...LEAD_STATUSES);
const reason = fc.option(fc.constantFrom("no budget", "student", " "), { nil: undefined });

/** One attempted change of a lead's status, by any route a client has. */
const step = fc.oneof(
  fc.record({ kind: fc.constant("setLeadStatus" as const), status, reason, wall: fc.integer({ min: 2, max: 1000 }) }),
  fc.record({ kind: fc.constant("update" as const), status, reason, wall: fc.integer({ min: 2, max: 1000 }) }),
  fc.record({ kind: fc.constant("convertLead" as const), status: fc.constant("converted" as const), reason, wall: fc.integer({ min: 2, max: 1000 }) }),
);

describe("no transition escapes the table", () => {
  it("holds for every table entry", () => {
    fc.assert(
      fc.property(status, status, (from, to) => {
        expect(canTransition(from, to)).toBe(LEAD_TRANSITIONS[from].includes(to));
        if (from === "converted" || to === "converted") expect(canTransition(from, to)).toBe(false);
      }),
    );
  });

  it("holds for any sequence of status writes, in any clock order, through any mutation", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 12 }), async (steps) => {
        const store = new MemoryRecordStore();
        const leadId = newId();
        const ctx = (wall: number, node: string): ApplyContext => ({ now: new Date(T0 + wall).toISOString(), hlc: formatHlc({ wall: T0 + wall, counter: 0, node }), actorId: null, defaultRegion: "US" });
        const created = await applyMutation(store, "create", { type: "lead", id: leadId, fields: { name: "Jane", emails: ["jane@acme.com"] } }, ctx(1, "a"));
        store.write(created.ok ? created.changed : []);
        let changes = 0;
        for (const [i, s] of steps.entries()) {
          const before = (await store.get("lead", leadId))!.data.status as LeadStatus;
          const args =
            s.kind === "setLeadStatus"
              ? { leadId, status: s.status, reason: s.reason, activityId: newId() }
              : s.kind === "update"
                ? { type: "lead", id: leadId, set: { status: s.status, ...(s.reason ? { unqualifiedReason: s.reason } : {}) } }
                : { leadId, contactId: newId(), companyId: newId(), activityId: newId() };
          const result = await applyMutation(store, s.kind, args, ctx(s.wall, `n${i}`));
          if (result.ok) store.write(result.changed);
          const after = (await store.get("lead", leadId))!.data.status as LeadStatus;
          if (after !== before) {
            changes += 1;
            if (after === "converted") expect(s.kind === "convertLead" && canConvert(before)).toBe(true);
            else expect(canTransition(before, after)).toBe(true);
          }
          const lead = (await store.get("lead", leadId))!.data;
          if (lead.status === "unqualified") expect(typeof lead.unqualifiedReason === "string" && lead.unqualifiedReason.trim() !== "").toBe(true);
        }
        // Every status change left exactly one activity saying so.
        const logged = store.all("activity").filter((a) => a.data.type === "status_change" || a.data.type === "conversion");
        expect(logged).toHaveLength(changes);
      }),
      { numRuns: 150 },
    );
  });
});
