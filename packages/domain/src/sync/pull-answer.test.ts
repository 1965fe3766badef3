import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RECORD_TYPES } from "../common.ts";
import { applyMutation } from "../mutations/registry.ts";
import { formatHlc } from "./hlc.ts";
import { MemoryRecordStore } from "./memory-store.ts";
import { PROTOCOL_VERSION, PullResponseSchema } from "./protocol.ts";
import { isPlainPatchOp, safeParsePullResponse } from "./pull-answer.ts";

const ID = "01890a5d-ac96-774b-bcce-b302099a8057";
const hlc = formatHlc({ wall: 1_700_000_000_000, counter: 0, node: "a" });
const page = (patch: unknown[]) => ({
  protocolVersion: PROTOCOL_VERSION,
  cookie: 3,
  lastMutationIDChanges: {},
  patch,
  hasMore: false,
  members: [],
  settings: {},
  serverTime: "2026-01-01T00:00:00.000Z",
});

// Keys that plain objects and zod treat specially, beside ordinary ones.
const key = fc.oneof(fc.constantFrom("name", "__proto__", "constructor", "value", "op", "0", "toString"), fc.string());
const json = fc.jsonValue({ maxDepth: 2 });
/** Mostly `valid`, sometimes a near miss (any string: a wrong id, type or clock) or any JSON value. */
const mostly = <T>(valid: fc.Arbitrary<T>) =>
  fc.oneof(
    { arbitrary: valid, weight: 40 },
    { arbitrary: fc.string() as fc.Arbitrary<unknown>, weight: 1 },
    { arbitrary: json as fc.Arbitrary<unknown>, weight: 1 },
  );
/** Mostly null, sometimes a value. */
const rarely = <T>(value: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: fc.constant(null), weight: 30 }, { arbitrary: value, weight: 1 });
/** An object of these fields, now and then one missing or one more. */
const shape = (fields: Record<string, fc.Arbitrary<unknown>>) =>
  fc
    .tuple(fc.record(fields), rarely(fc.constantFrom(...Object.keys(fields))), rarely(fc.tuple(key, json)))
    .map(([value, drop, extra]) => {
      const out: Record<string, unknown> = { ...value };
      if (drop !== null) delete out[drop];
      if (extra) Object.defineProperty(out, extra[0], { value: extra[1], enumerable: true, writable: true });
      return out;
    });
const list = <T>(item: fc.Arbitrary<T>) => fc.array(item, { maxLength: 4 });
const map = <T>(value: fc.Arbitrary<T>) => fc.dictionary(key, value, { maxKeys: 3 });

const record = shape({
  type: mostly(fc.constantFrom(...RECORD_TYPES)),
  id: mostly(fc.oneof(fc.uuid(), fc.constant(ID.toUpperCase()))),
  data: mostly(map(json)),
  meta: mostly(
    shape({
      clocks: mostly(map(mostly(fc.constant(hlc)))),
      sets: mostly(map(mostly(map(mostly(list(mostly(fc.string()))))))),
      history: mostly(
        list(
          shape({
            field: mostly(fc.string()),
            value: json,
            hlc: mostly(fc.constant(hlc)),
            replacedBy: mostly(fc.constant(hlc)),
            by: mostly(fc.option(fc.string())),
            at: mostly(fc.string()),
          }),
        ),
      ),
    }),
  ),
  deleted: mostly(fc.boolean()),
  version: mostly(fc.oneof(fc.integer(), fc.constantFrom(2 ** 53, 0.5, -1))),
});
const op = fc.oneof(
  shape({ op: mostly(fc.constant("put")), record }),
  shape({ op: mostly(fc.constant("del")), type: mostly(fc.constantFrom(...RECORD_TYPES)), id: mostly(fc.uuid()) }),
);

/** An answer whose other parts may be wrong too. */
const answer = shape({
  ...Object.fromEntries(Object.entries(page([])).map(([name, value]) => [name, mostly(fc.constant(value))])),
  cookie: mostly(fc.nat()),
  patch: list(op),
});

describe("checking a pull answer", () => {
  it("gives exactly PullResponseSchema.safeParse's answer: success, data and issues (JSON answers, valid or not)", () => {
    let accepted = 0;
    fc.assert(
      fc.property(
        fc.oneof({ arbitrary: list(op).map(page), weight: 9 }, { arbitrary: answer, weight: 1 }),
        (answer) => {
          // What fetch hands the client: the answer as JSON text, parsed.
          const parsed: unknown = JSON.parse(JSON.stringify(answer));
          const ours = safeParsePullResponse(parsed);
          const zods = PullResponseSchema.safeParse(parsed);
          expect(ours.success).toBe(zods.success);
          if (ours.success && zods.success) {
            accepted++;
            expect(ours.data).toEqual(zods.data);
          } else {
            expect(ours.error?.issues).toEqual(zods.error?.issues);
          }
        },
      ),
      { numRuns: 1500, seed: 20261207 },
    );
    // Both outcomes are exercised.
    expect(accepted).toBeGreaterThan(150);
    expect(accepted).toBeLessThan(1350);
  }, 120_000);

  it("leaves to zod an object whose keys differ from the schema's, even when their count matches", () => {
    const entry = { field: "title", hlc, replacedBy: hlc, by: null, at: "2026-01-01T00:00:00.000Z", note: "x" };
    const meta = { clocks: {}, sets: {}, history: [entry] };
    const answer = page([{ op: "put", record: { type: "lead", id: ID, data: {}, meta, deleted: false, version: 1 } }]);
    const checked = safeParsePullResponse(answer);
    expect(checked).toEqual(PullResponseSchema.safeParse(answer));
    expect(checked.success && checked.data.patch[0]).not.toBe(answer.patch[0]);
  });

  it("takes the records a server writes as they are, without copying them", async () => {
    const store = new MemoryRecordStore();
    const created = await applyMutation(
      store,
      "create",
      { type: "lead", id: ID, fields: { name: "Zoë", emails: ["zoe@acme.test"], tags: ["vip"] } },
      { now: "2026-01-01T00:00:00.000Z", hlc, actorId: null, defaultRegion: "US" },
    );
    if (!created.ok) throw new Error(created.error.message);
    const patch = [
      ...created.changed.map((changed) => ({ op: "put", record: { ...changed, version: 1 } })),
      { op: "del", type: "company", id: ID },
    ];
    const answer = JSON.parse(JSON.stringify(page(patch)));
    expect(answer.patch.every(isPlainPatchOp)).toBe(true);
    const checked = safeParsePullResponse(answer);
    expect(checked.success && checked.data.patch).toBe(answer.patch);
  });
});
