import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { newId } from "./ids.ts";
import { planMerge } from "./merge-records.ts";
import { applyMutation } from "./mutations/registry.ts";
import { propertyRuns } from "./property-runs.ts";
import type { ApplyContext } from "./sync/context.ts";
import { formatHlc } from "./sync/hlc.ts";
import { MemoryRecordStore } from "./sync/memory-store.ts";
import type { SyncedRecord, WireRecord } from "./sync/record.ts";

/** The value type an arbitrary generates. */
type WorldOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

const T0 = 1_700_000_000_000;
const side = fc.record({
  name: fc.constantFrom("Jane Doe", "Jane D.", "J. Doe"),
  emails: fc.subarray(["jane@acme.com", "jd@acme.com", "jane@gmail.com", "jane@globex.io"]),
  phones: fc.subarray(["+14155550100", "+14155550101", "+442079460958"]),
  tags: fc.subarray(["vip", "eu", "partner", "trial"]),
  urls: fc.subarray(["https://www.linkedin.com/in/jane", "https://github.com/jane"]),
  title: fc.option(fc.constantFrom("CTO", "Engineer"), { nil: null }),
  location: fc.option(fc.constantFrom("Berlin", "Paris"), { nil: null }),
  wall: fc.integer({ min: 1, max: 100 }),
});
const pair = fc.record({
  type: fc.constantFrom("lead" as const, "contact" as const, "company" as const),
  survivor: side,
  merged: side,
  edits: fc.array(
    fc.record({
      who: fc.boolean(),
      title: fc.constantFrom("VP", "Head of Sales"),
      wall: fc.integer({ min: 1, max: 200 }),
    }),
    { maxLength: 3 },
  ),
  activities: fc.nat({ max: 3 }),
  tasks: fc.nat({ max: 3 }),
  picks: fc.option(fc.record({ name: fc.constantFrom("survivor" as const, "merged" as const) }), { nil: undefined }),
});

const ctx = (wall: number, node: string): ApplyContext => ({
  now: new Date(T0 + wall).toISOString(),
  hlc: formatHlc({ wall: T0 + wall, counter: 0, node }),
  actorId: null,
  defaultRegion: "US",
});

async function build(p: WorldOf<typeof pair>) {
  const store = new MemoryRecordStore();
  const run = async (name: string, args: unknown, c: ApplyContext) => {
    const result = await applyMutation(store, name, args, c);
    if (!result.ok) throw new Error(`${name}: ${result.error.message}`);
    store.write(result.changed);
  };
  const ids = { survivor: newId(), merged: newId() };
  for (const role of ["survivor", "merged"] as const) {
    const { wall, title, location, ...rest } = p[role];
    const fields =
      p.type === "company"
        ? { name: rest.name, emails: rest.emails, phones: rest.phones, tags: rest.tags, urls: rest.urls }
        : { ...rest, title, location };
    await run("create", { type: p.type, id: ids[role], fields }, ctx(wall, role));
  }
  for (const [i, edit] of p.edits.entries()) {
    if (p.type === "company") continue;
    await run(
      "update",
      { type: p.type, id: edit.who ? ids.survivor : ids.merged, set: { title: edit.title } },
      ctx(edit.wall, `e${i}`),
    );
  }
  for (let i = 0; i < p.activities; i++)
    await run(
      "create",
      {
        type: "activity",
        id: newId(),
        fields: { type: "note", subject: { type: p.type, id: ids.merged }, occurredAt: new Date(T0).toISOString() },
      },
      ctx(300 + i, "x"),
    );
  for (let i = 0; i < p.tasks; i++)
    await run(
      "create",
      { type: "task", id: newId(), fields: { title: "Call", subject: { type: p.type, id: ids.merged } } },
      ctx(400 + i, "x"),
    );
  return { store, ids };
}

describe("merge invariants", () => {
  it("loses no email, phone, tag or url, and leaves nothing pointing at the merged record", async () => {
    await fc.assert(
      fc.asyncProperty(pair, async (p) => {
        const { store, ids } = await build(p);
        const before: { s: WireRecord; m: WireRecord } = {
          s: (await store.get(p.type, ids.survivor))!,
          m: (await store.get(p.type, ids.merged))!,
        };
        const result = await applyMutation(
          store,
          "mergeRecords",
          { type: p.type, survivorId: ids.survivor, mergedId: ids.merged, picks: p.picks },
          ctx(1000, "m"),
        );
        expect(result.ok).toBe(true);
        if (result.ok) store.write(result.changed);
        const survivor: WireRecord = (await store.get(p.type, ids.survivor))!;
        for (const field of ["emails", "phones", "tags", "urls"]) {
          const union = new Set([
            ...((before.s.data[field] as string[]) ?? []),
            ...((before.m.data[field] as string[]) ?? []),
          ]);
          expect(new Set(survivor.data[field] as string[])).toEqual(union);
        }
        const merged = (await store.get(p.type, ids.merged))!;
        expect(merged).toMatchObject({ deleted: true, data: { mergedIntoId: ids.survivor } });
        for (const record of [...store.all("activity"), ...store.all("task")]) {
          expect(record.data.subject).toEqual({ type: p.type, id: ids.survivor });
        }
        if (p.type !== "company") {
          // Without a pick, the newest non-empty title wins: it is one of the two sides' titles.
          const titles = [before.s.data.title, before.m.data.title].filter((t) => t !== null);
          if (titles.length) expect(titles).toContain(survivor.data.title);
        }
        if (p.picks)
          expect(survivor.data.name).toBe(p.picks.name === "merged" ? before.m.data.name : before.s.data.name);
      }),
      { numRuns: propertyRuns(150) },
    );
  });

  it("is deterministic: any replica, any record order, the same result", async () => {
    await fc.assert(
      fc.asyncProperty(pair, async (p) => {
        const { store, ids } = await build(p);
        const [s, m] = [(await store.get(p.type, ids.survivor))!, (await store.get(p.type, ids.merged))!];
        const other = new MemoryRecordStore([...store.records.values()].reverse());
        const args = { type: p.type, survivorId: s.id, mergedId: m.id, picks: p.picks };
        const one = await applyMutation(store, "mergeRecords", args, ctx(1000, "m"));
        const two = await applyMutation(other, "mergeRecords", args, ctx(1000, "m"));
        const sorted = (r: typeof one): SyncedRecord[] | typeof one =>
          r.ok ? [...r.changed].sort((a, b) => (a.id < b.id ? -1 : 1)) : r;
        expect(sorted(two)).toEqual(sorted(one));
        expect(planMerge(p.type, structuredClone(s), structuredClone(m), p.picks)).toEqual(
          planMerge(p.type, s, m, p.picks),
        );
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});
