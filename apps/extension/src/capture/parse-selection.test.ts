import { describe, expect, it } from "vitest";
import { parseSelection } from "./parse-selection.ts";

describe("parseSelection", () => {
  it("reads a signature block", () => {
    expect(parseSelection("Jane Doe\nVP of Operations\nAcme Inc.\nT: +1 (415) 555-0134\njane.doe@acme.com")).toEqual({
      name: "Jane Doe",
      title: "VP of Operations",
      emails: ["jane.doe@acme.com"],
      phones: ["+14155550134"],
    });
  });

  it("reads a one-line card with a national number in the workspace region", () => {
    expect(parseSelection("Max Mustermann, Geschäftsführer – max@beispiel.de – 030 12345678", "DE")).toMatchObject({
      name: "Max Mustermann",
      emails: ["max@beispiel.de"],
      phones: ["+493012345678"],
    });
  });

  it("falls back to a name from the email, and gives up on text with nobody in it", () => {
    expect(parseSelection("write to ann.lee@example.org")).toMatchObject({
      name: "Ann Lee",
      emails: ["ann.lee@example.org"],
    });
    expect(parseSelection("Our pricing starts at 49 per month")).toBeNull();
  });
});
