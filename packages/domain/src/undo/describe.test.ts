import { describe, expect, it } from "vitest";
import { describeKept } from "./describe.ts";

describe("describeKept", () => {
  it("names the field in words, the member who wrote it, or a newer change when unknown", () => {
    const id = "01890a5d-ac96-774b-bcce-b302099a8057";
    const lines = describeKept(
      [
        { type: "lead", id, name: "Ann Lee", field: "ownerId", value: null, by: "m1" },
        { type: "deal", id, name: "Acme rollout", field: "closeDate", value: null, by: null },
        { type: "contact", id, name: "", field: "jobTitle", value: null, by: "m2" },
      ],
      (member) => (member === "m1" ? "Sam Lee's" : null),
    );
    expect(lines).toEqual([
      "Kept Sam Lee's change to Ann Lee's owner.",
      "Kept a newer change to Acme rollout's close date.",
      "Kept a newer change to this contact's job title.",
    ]);
  });

  it("says a created record was kept and why", () => {
    const id = "01890a5d-ac96-774b-bcce-b302099a8057";
    expect(
      describeKept(
        [{ type: "deal", id, name: "Acme rollout", field: null, value: null, by: null }],
        () => null,
        "the conversion",
      ),
    ).toEqual(["Kept the deal Acme rollout: it was changed after the conversion."]);
  });
});
