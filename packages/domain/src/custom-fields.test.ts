import { describe, expect, it } from "vitest";
import { carryCustomFields, validateCustomFields } from "./custom-fields.ts";
import type { CustomFieldDefinition } from "./workspace.ts";

const defs: CustomFieldDefinition[] = [
  { key: "notes", label: "Notes", recordType: "lead", kind: "text", options: [] },
  { key: "budget", label: "Budget", recordType: "lead", kind: "number", options: [] },
  { key: "renewal", label: "Renewal", recordType: "lead", kind: "date", options: [] },
  { key: "tier", label: "Tier", recordType: "lead", kind: "select", options: ["gold", "silver"] },
  { key: "deck", label: "Deck", recordType: "lead", kind: "url", options: [] },
  { key: "tier", label: "Tier", recordType: "contact", kind: "select", options: ["gold", "silver"] },
  { key: "budget", label: "Budget", recordType: "contact", kind: "text", options: [] },
];

describe("validateCustomFields", () => {
  it("accepts values that fit their definitions, trimming text", () => {
    expect(validateCustomFields("lead", { notes: " hi ", budget: 12.5, renewal: "2026-02-28", tier: "gold", deck: "https://x.com/d", }, defs)).toEqual({
      ok: true,
      value: { notes: "hi", budget: 12.5, renewal: "2026-02-28", tier: "gold", deck: "https://x.com/d" },
    });
    expect(validateCustomFields("lead", { budget: null }, defs).ok).toBe(true);
  });

  it("names each value that does not fit", () => {
    const result = validateCustomFields("lead", { budget: "12", renewal: "2026-02-30", tier: "bronze", deck: "ftp://x", other: 1 }, defs);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((issue) => issue.key).sort()).toEqual(["budget", "deck", "other", "renewal", "tier"]);
  });

  it("checks each record type against its own definitions", () => {
    expect(validateCustomFields("company", { tier: "gold" }, defs).ok).toBe(false);
    expect(validateCustomFields("contact", { budget: "a lot" }, defs).ok).toBe(true);
  });
});

describe("carryCustomFields", () => {
  it("carries values the target type defines with the same kind", () => {
    expect(carryCustomFields({ tier: "gold", budget: 10, notes: "x" }, "lead", "contact", defs)).toEqual({ tier: "gold" });
  });
});
