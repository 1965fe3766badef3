import { describe, expect, it } from "vitest";
import { extractSignature, parseSignature, splitSignature } from "./signature.ts";

describe("splitSignature", () => {
  it("starts at a -- delimiter, a closing, or a trailing contact block", () => {
    expect(splitSignature("Hey!\n--\nRoman").signature).toBe("--\nRoman");
    expect(splitSignature("Hey!\n\nThanks!\nRoman").signature).toBe("Thanks!\nRoman");
    expect(splitSignature("See attached.\n\nCheryl Nelson\nSenior Counsel\n(713) 345-4693").signature).toBe("Cheryl Nelson\nSenior Counsel\n(713) 345-4693");
    expect(splitSignature("Hey man!").signature).toBeNull();
  });
  it("leaves a legal disclaimer out of the block", () => {
    const { signature } = splitSignature("Hi\n\nBest,\nJane Doe\nCEO, Acme Inc.\n\nThis email is confidential and intended solely for the use of the addressee.");
    expect(signature).toBe("Best,\nJane Doe\nCEO, Acme Inc.");
  });
});

describe("parseSignature", () => {
  it("reads name, title, company, phones (not fax), email, website and address", () => {
    const sig = parseSignature(
      "John L. Garrison\nPresident and Chief Executive Officer\nAzurix Corp.\n1400 Smith Street, Suite 300\nHouston, TX 77002\n713-646-6421 Office\n713-646-9577 Fax\njgarris2@azurix.com\nwww.azurix.com",
      { name: "John Garrison" },
    );
    expect(sig).toMatchObject({
      name: "John L. Garrison",
      title: "President and Chief Executive Officer",
      company: "Azurix Corp.",
      phones: ["+17136466421"],
      emails: ["jgarris2@azurix.com"],
      website: "https://www.azurix.com",
      address: "1400 Smith Street, Suite 300, Houston, TX 77002",
    });
  });
  it("splits 'Title | Company' and labelled numbers", () => {
    expect(parseSignature("Dana Whitaker\nSenior Account Executive | Lumen Pipeline\nM: +1 (646) 555-0134")).toMatchObject({
      name: "Dana Whitaker",
      title: "Senior Account Executive",
      company: "Lumen Pipeline",
      phones: ["+16465550134"],
    });
  });
  it("treats a bare sign-off as no signature name", () => {
    expect(parseSignature("Thanks,\nJane Doe").name).toBeNull();
  });
});

describe("extractSignature", () => {
  it("ignores signatures inside quoted replies", () => {
    const sig = extractSignature("Sure, Tuesday works.\n\nOn Mon, Nov 17, 2025 at 9:12 AM Bob Li <bob@x.com> wrote:\n> Can we meet?\n>\n> Bob Li\n> CTO, Xylo Inc.\n> +1 206 555 0100");
    expect(sig).toBeNull();
  });
});
