import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";
import { LEAD_STATUSES, type LeadStatus } from "./lead.ts";
import { canConvert, canTransition, LEAD_TRANSITIONS } from "./lifecycle.ts";
import { applyMutation } from "./mutations/registry.ts";
import { propertyRuns } from "./property-runs.ts";
import type { ApplyContext } from "./sync/context.ts";
import { formatHlc } from "./sync/hlc.ts";
import { MemoryRecordStore } from "./sync/memory-store.ts";
import type { RecordOf } from "./sync/record.ts";

const T0 = 1_700_000_000_000;
const status = fc.constantFrom(...LEAD_STATUSES);
const reason = fc.option(fc.constantFrom("no budget", "student", " "), { nil: undefined });

/** One attempted change of a lead's status, by any route a client has. */
const step = fc.oneof(
  fc.record({ kind: fc.constant("setLeadStatus" as const), status, reason, wall: fc.integer({ min: 2, max: 1000 }) }),
  fc.record({ kind: fc.constant("update" as const), status, reason, wall: fc.integer({ min: 2, max: 1000 }) }),
  fc.record({
    kind: fc.constant("convertLead" as const),
    status: fc.constant("converted" as const),
    reason,
    wall: fc.integer({ min: 2, max: 1000 }),
  }),
  fc.record({
    kind: fc.constant("reason" as const),
    status: fc.constant(null),
    reason,
    wall: fc.integer({ min: 2, max: 1000 }),
  }),
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
        const ctx = (wall: number, node: string): ApplyContext => ({
          now: new Date(T0 + wall).toISOString(),
          hlc: formatHlc({ wall: T0 + wall, counter: 0, node }),
          actorId: null,
          defaultRegion: "US",
        });
        const created = await applyMutation(
          store,
          "create",
          { type: "lead", id: leadId, fields: { name: "Jane", emails: ["jane@acme.com"] } },
          ctx(1, "a"),
        );
        store.write(created.ok ? created.changed : []);
        let changes = 0;
        for (const [i, s] of steps.entries()) {
          const before = (await store.get("lead", leadId))!.data.status as LeadStatus;
          const args =
            s.kind === "setLeadStatus"
              ? { leadId, status: s.status, reason: s.reason, activityId: newId() }
              : s.kind === "update"
                ? {
                    type: "lead",
                    id: leadId,
                    set: { status: s.status, ...(s.reason ? { unqualifiedReason: s.reason } : {}) },
                  }
                : s.kind === "reason"
                  ? { type: "lead", id: leadId, set: { unqualifiedReason: s.reason ?? null } }
                  : { leadId, contactId: newId(), companyId: newId(), activityId: newId() };
          const result = await applyMutation(
            store,
            s.kind === "reason" ? "update" : s.kind,
            args,
            ctx(s.wall, `n${i}`),
          );
          if (result.ok) store.write(result.changed);
          const after = (await store.get("lead", leadId))!.data.status as LeadStatus;
          if (after !== before) {
            changes += 1;
            if (after === "converted") expect(s.kind === "convertLead" && canConvert(before)).toBe(true);
            else expect(canTransition(before, after)).toBe(true);
          }
          expectLifecycleInvariants((await store.get("lead", leadId))!);
        }
        // Every status change left exactly one activity saying so.
        const logged = store
          .all("activity")
          .filter((a) => a.data.type === "status_change" || a.data.type === "conversion");
        expect(logged).toHaveLength(changes);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

/** Unqualified exactly when there is a reason, and the reason's clock is the status's (one unit). */
function expectLifecycleInvariants(lead: RecordOf<"lead">): void {
  const { status: s, unqualifiedReason: why } = lead.data;
  if (s === "unqualified")
    expect(typeof why === "string" && why.trim() !== "", `unqualified with reason ${JSON.stringify(why)}`).toBe(true);
  else expect(why ?? null, `${String(s)} with reason ${JSON.stringify(why)}`).toBeNull();
  expect(lead.meta.clocks.unqualifiedReason ?? lead.meta.clocks.status).toBe(lead.meta.clocks.status);
}

/**
 * A write to the status unit from a writer with its own clock: the whole unit as `setLeadStatus`
 * writes it, or a plain update naming only the status or only the reason.
 */
const unitWrite = fc.record({
  names: fc.constantFrom("whole", "whole", "status", "reason"),
  status: fc.constantFrom<LeadStatus>("new", "working", "qualified", "unqualified"),
  reason: fc.constantFrom("no budget", "student", "wrong person"),
  wall: fc.integer({ min: 2, max: 60 }),
  counter: fc.nat(3),
});

describe("status and reason resolve as one unit on every replica", () => {
  it("every arrival order keeps the invariants, and takes both fields from the newest accepted write", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<LeadStatus>("new", "working", "qualified", "unqualified"),
        fc.uniqueArray(unitWrite, { minLength: 1, maxLength: 6, selector: (w) => `${w.wall}:${w.counter}` }),
        fc.array(fc.array(fc.nat(), { minLength: 6, maxLength: 6 }), { minLength: 3, maxLength: 3 }),
        async (base, writes, shuffles) => {
          const leadId = newId();
          const hlcOf = (i: number) =>
            formatHlc({ wall: T0 + writes[i]!.wall, counter: writes[i]!.counter, node: `w${i}` });
          const unitOf = (i: number) => ({
            status: writes[i]!.status,
            unqualifiedReason: writes[i]!.status === "unqualified" ? writes[i]!.reason : null,
          });
          const setOf = (i: number) => {
            const { names, status, reason } = writes[i]!;
            return names === "whole" ? unitOf(i) : names === "status" ? { status } : { unqualifiedReason: reason };
          };
          const whole = writes.every((w) => w.names === "whole");
          const ctx = (hlc: string): ApplyContext => ({
            now: new Date(T0).toISOString(),
            hlc,
            actorId: null,
            defaultRegion: "US",
          });
          const finals: Array<{ all: boolean; unit: unknown }> = [];
          for (const keys of shuffles) {
            // One replica: the same base, the concurrent writes in its own arrival order.
            const store = new MemoryRecordStore();
            const fields = {
              name: "Jane",
              status: base,
              unqualifiedReason: base === "unqualified" ? "no budget" : null,
            };
            const created = await applyMutation(
              store,
              "create",
              { type: "lead", id: leadId, fields },
              ctx(formatHlc({ wall: T0 + 1, counter: 0, node: "base" })),
            );
            store.write(created.ok ? created.changed : []);
            const order = writes.map((_, i) => i).sort((a, b) => keys[a]! - keys[b]! || a - b);
            const accepted: number[] = [];
            for (const i of order) {
              const result = await applyMutation(
                store,
                "update",
                { type: "lead", id: leadId, set: setOf(i) },
                ctx(hlcOf(i)),
              );
              if (result.ok) {
                store.write(result.changed);
                accepted.push(i);
              }
              expectLifecycleInvariants((await store.get("lead", leadId))!);
            }
            const lead = (await store.get("lead", leadId))!;
            const unit = { status: lead.data.status, unqualifiedReason: lead.data.unqualifiedReason };
            // Both fields come from one write: the base, or the accepted write whose clock the unit carries.
            const from = accepted.find((i) => hlcOf(i) === lead.meta.clocks.status);
            if (from === undefined)
              expect(unit).toEqual({ status: fields.status, unqualifiedReason: fields.unqualifiedReason });
            else if (writes[from]!.names === "whole") expect(unit).toEqual(unitOf(from));
            if (whole && accepted.length === writes.length) {
              const newest = accepted.reduce((a, b) => (hlcOf(a) > hlcOf(b) ? a : b));
              expect(unit).toEqual(unitOf(newest));
            }
            finals.push({ all: whole && accepted.length === writes.length, unit });
          }
          // Replicas that accepted every whole write agree, whatever their arrival order.
          const agreed = finals.filter((f) => f.all).map((f) => f.unit);
          for (const unit of agreed) expect(unit).toEqual(agreed[0]);
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});
