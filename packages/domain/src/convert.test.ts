import { describe, expect, it } from "vitest";
import { companyDomains, companyNameFromDomain } from "./convert.ts";

describe("company domains", () => {
  it("prefers the website, skips free mail and dedupes", () => {
    expect(companyDomains({ website: "https://shop.acme.co.uk", emails: ["a@gmail.com", "b@acme.co.uk", "c@globex.com"] })).toEqual(["acme.co.uk", "globex.com"]);
    expect(companyDomains({ website: null, emails: ["a@hotmail.com"] })).toEqual([]);
  });

  it("derives a readable name from a domain", () => {
    expect(companyNameFromDomain("globex.co.uk")).toBe("Globex");
  });
});
