import { serialize } from "node:v8";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cloneValue } from "./clone.ts";

/** Every object reachable from `value` (arrays, objects, maps, sets…). */
function objectsIn(value: unknown, found = new Set<object>()): Set<object> {
  if (typeof value !== "object" || value === null || found.has(value)) return found;
  found.add(value);
  const items = value instanceof Map ? [...value.keys(), ...value.values()] : value instanceof Set ? [...value] : [];
  for (const item of [...items, ...Object.values(value)]) objectsIn(item, found);
  return found;
}

const zip = <T>(a: Set<T>, b: Set<T>) => [...a].map((item, i) => [item, [...b][i]] as const);

describe("cloneValue", () => {
  it("copies any value as structuredClone does, sharing no object with it", () => {
    const value = fc.oneof(
      fc.anything({
        withDate: true,
        withMap: true,
        withSet: true,
        withNullPrototype: true,
        withSparseArray: true,
        withTypedArray: true,
        withBigInt: true,
        withBoxedValues: true,
      }),
      // JSON with keys that are data in JSON but special to an object literal.
      fc
        .jsonValue()
        .map((json) =>
          JSON.parse(JSON.stringify({ __proto__: json, constructor: json, json }).replace('"json"', '"__proto__"')),
        ),
    );
    fc.assert(
      fc.property(value, (original) => {
        const copy = cloneValue(original);
        const reference = structuredClone(original);
        // Same values, same keys in the same order, same types, holes and all (the serialised bytes),
        // and the same prototypes (a "constructor" key fools toStrictEqual's type check, so not that).
        expect(serialize(copy)).toEqual(serialize(reference));
        expect(copy).toEqual(reference);
        for (const [object, like] of zip(objectsIn(copy), objectsIn(reference)))
          expect(Object.getPrototypeOf(object)).toBe(Object.getPrototypeOf(like));
        const shared = [...objectsIn(copy)].filter((object) => objectsIn(original).has(object));
        expect(shared).toEqual([]);
      }),
      { numRuns: 1000, seed: 20261207 },
    );
  });

  it("refuses what structuredClone refuses", () => {
    expect(() => cloneValue({ run: () => 1 })).toThrow(DOMException);
    expect(() => cloneValue([Symbol("s")])).toThrow(DOMException);
  });
});
