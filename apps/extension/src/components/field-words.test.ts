import type { Member } from "@leadpane/domain";
import { describe, expect, it } from "vitest";
import { fieldLabel, fieldValueWords } from "./field-words.ts";

describe("a field's history in words", () => {
  it("names fields as the forms do, and unknown ones from their key", () => {
    expect(fieldLabel("expectedCloseAt")).toBe("Close date");
    expect(fieldLabel("companyName")).toBe("Company");
    expect(fieldLabel("companyId")).toBe("Linked company");
    expect(fieldLabel("unqualifiedReason")).toBe("Reason");
    expect(fieldLabel("linkedinHandle")).toBe("Linkedin handle");
  });

  it("reads money in the record's currency, not in minor units", () => {
    const words = fieldValueWords("amount", 500_000, { currency: "EUR" });
    expect(words).not.toContain("500000");
    expect(words).toMatch(/5,000/);
    expect(words).toMatch(/€|EUR/);
  });

  it("reads stages, statuses and members by name, and empty as empty", () => {
    const stages = [{ key: "qualification", label: "Qualifying", probability: 0.1, terminal: null }];
    expect(fieldValueWords("stage", "qualification", { stages })).toBe("Qualifying");
    expect(fieldValueWords("status", "unqualified")).toBe("Unqualified");
    const members = new Map([["m1", { id: "m1", name: "Bob Rep" } as Member]]);
    expect(fieldValueWords("ownerId", "m1", { members })).toBe("Bob Rep");
    expect(fieldValueWords("ownerId", "gone", { members })).toBe("a former member");
    expect(fieldValueWords("expectedCloseAt", null)).toBe("empty");
    expect(fieldValueWords("title", "")).toBe("empty");
    expect(fieldValueWords("title", "CTO")).toBe("CTO");
  });

  it("reads a close date as a date", () => {
    expect(fieldValueWords("expectedCloseAt", "2026-03-31T00:00:00.000Z")).not.toContain("T00");
  });
});
