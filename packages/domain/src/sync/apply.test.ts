import fc from "fast-check";
import { z } from "zod";
import { describe, expect, it } from "vitest";
import { mutationApplier } from "./apply.ts";
import { defineMutation } from "./handler.ts";

const noop = defineMutation({
  name: "noop",
  args: z.object({}),
  refs: () => [],
  apply: async () => ({ ok: true, changed: [] }),
});

describe("mutationApplier", () => {
  it("refuses two handlers under one name: a name on the wire must mean one change", () => {
    const twin = defineMutation({
      ...noop,
      apply: async () => ({ ok: false, error: { code: "conflict", message: "twin" } }),
    });
    expect(() => mutationApplier([noop, twin])).toThrow("two mutations are named noop");
    expect(() => mutationApplier([noop])).not.toThrow();
  });

  it("parses arguments once from refs to apply; a second apply of the same object, or under another name, parses again", async () => {
    let parses = 0;
    const counted = z.object({ id: z.string() }).transform((args) => {
      parses++;
      return { ...args, seen: parses };
    });
    const seenBy: number[] = [];
    const touch = defineMutation({
      name: "touch",
      args: counted,
      refs: ({ id }) => [{ type: "lead", id }],
      apply: async (_reader, args) => {
        seenBy.push(args.seen);
        return { ok: true, changed: [] };
      },
    });
    const other = defineMutation({ ...touch, name: "other" });
    const applier = mutationApplier([touch, other]);
    const reader = { get: async () => undefined };
    const ctx = { now: "", hlc: "", actorId: null, defaultRegion: "US" };
    const args = { id: "a" };
    expect(applier.refs("touch", args)).toEqual([{ type: "lead", id: "a" }]);
    await applier.apply(reader, "touch", args, ctx);
    expect(parses).toBe(1);
    // A replay of the same mutation: its own parse, not the first apply's (which it may have changed).
    await applier.apply(reader, "touch", args, ctx);
    expect(parses).toBe(2);
    applier.refs("touch", args);
    await applier.apply(reader, "other", args, ctx);
    expect(parses).toBe(4);
    expect(seenBy).toEqual([1, 2, 4]);
  });

  it("property: whatever the order of refs and applies (a push retried part-way, pushes interleaved, one object under two names, a mutation replayed), each apply gets its own parse of its own name and arguments", async () => {
    // Two mutations whose parses differ (their name is in the result), each parse a new object.
    const handlers = ["a", "b"].map((name) =>
      defineMutation({
        name,
        args: z.object({ id: z.string() }).transform((args) => ({ ...args, parsedAs: name })),
        refs: ({ id }) => [{ type: "lead", id }],
        apply: async (_reader, args) => {
          seen.push(args);
          return { ok: true, changed: [] };
        },
      }),
    );
    let seen: unknown[] = [];
    const reader = { get: async () => undefined };
    const ctx = { now: "", hlc: "", actorId: null, defaultRegion: "US" };
    const op = fc.record({
      kind: fc.constantFrom("refs", "apply"),
      name: fc.constantFrom("a", "b"),
      raw: fc.integer({ min: 0, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { maxLength: 30 }), async (ops) => {
        const applier = mutationApplier(handlers);
        // Objects 0 and 1 hold the same values: only identity tells them apart.
        const raws = [{ id: "x" }, { id: "x" }, { id: "y" }];
        seen = [];
        for (const { kind, name, raw } of ops) {
          if (kind === "refs") {
            applier.refs(name, raws[raw]);
            continue;
          }
          await applier.apply(reader, name, raws[raw], ctx);
          expect(seen.at(-1)).toEqual({ ...raws[raw], parsedAs: name });
        }
        // No parse is handed to two applies (a handler may change what it was given).
        expect(new Set(seen).size).toBe(seen.length);
      }),
      { numRuns: 300 },
    );
  });
});
