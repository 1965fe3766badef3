import { describe, expect, it } from "vitest";
import { carryCustomFields, CustomDateSchema, MAX_CUSTOM_TEXT, validateCustomFields } from "./custom-fields.ts";
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
    expect(
      validateCustomFields(
        "lead",
        { notes: " hi ", budget: 12.5, renewal: "2026-02-28", tier: "gold", deck: "https://x.com/d" },
        defs,
      ),
    ).toEqual({
      ok: true,
      value: { notes: "hi", budget: 12.5, renewal: "2026-02-28", tier: "gold", deck: "https://x.com/d" },
    });
    expect(validateCustomFields("lead", { budget: null }, defs).ok).toBe(true);
  });

  it("checks against the definitions it is given, per record type, however often it is asked", () => {
    // The schemas are kept per definitions list: a new settings list (a field added) is checked afresh.
    expect(validateCustomFields("lead", { tier: "gold" }, defs).ok).toBe(true);
    expect(validateCustomFields("contact", { budget: "12" }, defs).ok).toBe(true);
    expect(validateCustomFields("contact", { budget: 12 }, defs).ok).toBe(false);
    const added = [
      ...defs,
      { key: "region", label: "Region", recordType: "lead" as const, kind: "text" as const, options: [] },
    ];
    expect(validateCustomFields("lead", { region: "EU" }, defs).ok).toBe(false);
    expect(validateCustomFields("lead", { region: "EU" }, added)).toEqual({ ok: true, value: { region: "EU" } });
    expect(validateCustomFields("lead", {}, defs)).toEqual({ ok: true, value: {} });
  });

  it("names each value that does not fit", () => {
    const result = validateCustomFields(
      "lead",
      { budget: "12", renewal: "2026-02-30", tier: "bronze", deck: "ftp://x", other: 1 },
      defs,
    );
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
    expect(carryCustomFields({ tier: "gold", budget: 10, notes: "x" }, "lead", "contact", defs)).toEqual({
      tier: "gold",
    });
  });
});

describe("custom values in detail", () => {
  it("bounds text at four short texts and says why a value does not fit", () => {
    expect(validateCustomFields("lead", { notes: "x".repeat(MAX_CUSTOM_TEXT) }, defs).ok).toBe(true);
    expect(MAX_CUSTOM_TEXT).toBe(1200);
    expect(validateCustomFields("lead", { notes: "x".repeat(MAX_CUSTOM_TEXT + 1) }, defs).ok).toBe(false);
    expect(validateCustomFields("lead", { tier: " gold " }, defs)).toEqual({ ok: true, value: { tier: "gold" } });
    const misfit = validateCustomFields("lead", { tier: "bronze", other: 1 }, defs);
    expect(misfit.ok).toBe(false);
    expect(misfit.ok ? [] : [...misfit.error].sort((a, b) => a.key.localeCompare(b.key))).toEqual([
      { key: "other", message: "no lead custom field named other" },
      { key: "tier", message: "must be one of: gold, silver" },
    ]);
  });

  it("takes dates as real YYYY-MM-DD days only", () => {
    const date = (value: string) => CustomDateSchema.safeParse(value);
    expect(date(" 2024-02-29 ")).toMatchObject({ success: true, data: "2024-02-29" });
    expect(date("2023-02-29").error?.issues[0]?.message).toBe("must be a real calendar date");
    expect(date("2026-3-31").error?.issues[0]?.message).toBe("must be a date such as 2026-03-31");
    expect(date("x2026-03-31").success).toBe(false);
    expect(date("2026-03-31x").success).toBe(false);
  });

  it("carries only non-null values whose key the target type defines with the same kind, and that fit there", () => {
    const more: CustomFieldDefinition[] = [
      ...defs,
      { key: "size", label: "Size", recordType: "lead", kind: "select", options: ["s", "m", "l"] },
      { key: "size", label: "Size", recordType: "contact", kind: "select", options: ["s", "m"] },
      { key: "deck", label: "Deck", recordType: "company", kind: "url", options: [] },
      { key: "only", label: "Only", recordType: "contact", kind: "text", options: [] },
    ];
    expect(carryCustomFields({ tier: null, size: "m" }, "lead", "contact", more)).toEqual({ size: "m" });
    expect(carryCustomFields({ size: "l" }, "lead", "contact", more)).toEqual({});
    // A key the target defines but the source does not is not carried, nor one only another type defines.
    expect(carryCustomFields({ only: "x", deck: "https://x.com/d" }, "lead", "contact", more)).toEqual({});
    expect(carryCustomFields({ tier: "gold" }, "company", "contact", more)).toEqual({});
  });
});
