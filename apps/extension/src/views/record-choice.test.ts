import { describe, expect, it } from "vitest";
import { choiceKey, chosenRecord } from "./record-choice.ts";

const ana = { type: "lead", id: "a", name: "Ana" };
const ben = { type: "lead", id: "b", name: "Ben" };
const cy = { type: "contact", id: "c", name: "Cy" };

describe("the record a rep chose on a page", () => {
  it("stays the same person when the list re-sorts", () => {
    const key = choiceKey(ben);
    expect(chosenRecord([ana, ben, cy], key)).toBe(ben);
    // Ben's status changed and the list re-sorted: the second place is now someone else.
    expect(chosenRecord([ben, cy, ana], key)).toBe(ben);
    expect(chosenRecord([cy, ana, ben], key)).toBe(ben);
  });

  it("tells records of different types with the same id apart", () => {
    const lead = { type: "lead", id: "x" };
    const contact = { type: "contact", id: "x" };
    expect(chosenRecord([lead, contact], choiceKey(contact))).toBe(contact);
  });

  it("falls back to the first record with no choice, or when the chosen one left the page", () => {
    expect(chosenRecord([ana, ben], null)).toBe(ana);
    expect(chosenRecord([ana, cy], choiceKey(ben))).toBe(ana);
    expect(chosenRecord([], choiceKey(ben))).toBeUndefined();
  });
});
