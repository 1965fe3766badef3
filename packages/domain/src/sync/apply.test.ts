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
});
