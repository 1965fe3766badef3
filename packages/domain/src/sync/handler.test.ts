import { describe, expect, it } from "vitest";
import { subjectRefs } from "./handler.ts";

const ID = "01890a5d-ac96-774b-bcce-b302099a8057";

describe("subjectRefs", () => {
  // The server reads these records up front and checks them against privacy erasures: a new
  // activity or task about an erased person must be seen, and only a well-formed subject names one.
  it("names the record a create's or update's subject points at", () => {
    expect(subjectRefs({ title: "Call", subject: { type: "lead", id: ID } })).toEqual([{ type: "lead", id: ID }]);
  });

  it("names nothing for fields without a subject or with one that is not a record reference", () => {
    expect(subjectRefs({ title: "Call" })).toEqual([]);
    expect(subjectRefs({ subject: null })).toEqual([]);
    expect(subjectRefs({ subject: `lead:${ID}` })).toEqual([]);
    expect(subjectRefs({ subject: { id: ID } })).toEqual([]);
    expect(subjectRefs({ subject: { type: "lead" } })).toEqual([]);
    expect(subjectRefs({ subject: { type: "lead", id: 7 } })).toEqual([]);
    expect(subjectRefs({ subject: { type: 1, id: ID } })).toEqual([]);
  });
});
