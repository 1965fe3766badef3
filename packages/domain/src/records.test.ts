import { describe, expect, it } from "vitest";
import { recordLabel } from "./records.ts";

describe("recordLabel", () => {
  it("names people and companies by name, deals and tasks by title, activities by kind", () => {
    expect(recordLabel("lead", { name: "Jane Doe", title: "COO" })).toBe("Jane Doe");
    expect(recordLabel("company", { name: "Acme" })).toBe("Acme");
    expect(recordLabel("deal", { title: "Acme pilot", name: "ignored" })).toBe("Acme pilot");
    expect(recordLabel("task", { title: "Send the pricing sheet" })).toBe("Send the pricing sheet");
    expect(recordLabel("activity", { type: "note", body: "Called" })).toBe("note");
  });

  it("is empty when the field is missing or not text", () => {
    // A person's job title is not their name.
    expect(recordLabel("contact", { title: "COO" })).toBe("");
    expect(recordLabel("deal", {})).toBe("");
    expect(recordLabel("lead", { name: null })).toBe("");
  });
});
