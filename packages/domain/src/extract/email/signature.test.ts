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

describe("splitSignature on running text", () => {
  it("does not mistake a sentence about confidentiality for a disclaimer", () => {
    const text = "Mark,\nI am writing up the team's work. I respect confidentiality in this work: nothing is quoted without consent.\nThank you,\nAnn Thomas\n(713) 555-0145";
    expect(splitSignature(text).signature).toBe("Thank you,\nAnn Thomas\n(713) 555-0145");
  });
});

describe("splitSignature over two paragraphs", () => {
  it("takes the name-and-title paragraph above a trailing contact paragraph", () => {
    const text = "Maybe this helps.\n\nRosa Lindqvist, PhD\nSenior Hydrologist\nNordvik Water Resources\n\n410 Harbor Road\nP.O. Box 118\nSeattle, WA 98101\n206.555.0139 Telephone\n206.555.0140 Facsimile";
    expect(splitSignature(text).signature).toBe("Rosa Lindqvist, PhD\nSenior Hydrologist\nNordvik Water Resources\n\n410 Harbor Road\nP.O. Box 118\nSeattle, WA 98101\n206.555.0139 Telephone\n206.555.0140 Facsimile");
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
  it("keeps 'Title, Department' whole when the organisation has its own line", () => {
    expect(parseSignature("Priya Raman\nManager, Credit Risk\nNorthwind Energy Services LLC\n(312) 555-0188")).toMatchObject({
      title: "Manager, Credit Risk",
      company: "Northwind Energy Services LLC",
    });
    // Without an organisation line below, the part after the comma is the organisation.
    expect(parseSignature("Tom Okafor\nSenior Counsel, Halvorsen Group\n(415) 555-0142")).toMatchObject({ title: "Senior Counsel", company: "Halvorsen Group" });
  });
  it("joins an organisation written over several lines", () => {
    const sig = parseSignature("Lena Fischer\nAssociate Professor\nDepartment of Economics\nCollege of Business\nOhio State University\nColumbus, OH 43210\n(614) 555-0107");
    expect(sig.title).toBe("Associate Professor");
    expect(sig.company).toBe("Department of Economics College of Business Ohio State University");
    expect(sig.address).toBe("Columbus, OH 43210");
  });
  it("reads professions the shared title lexicon lacks", () => {
    expect(parseSignature("Ray Delgado\nPetroleum Geologist\nBasin Exploration Co.\n281.555.0199 Telephone")).toMatchObject({ title: "Petroleum Geologist", company: "Basin Exploration Co." });
  });
  it("leaves out fax numbers labelled after the number or with 'Fx'", () => {
    expect(parseSignature("Ana Ruiz\nDelta Freight Inc.\n713-555-0160 (telephone)\n713-555-0161 (facsimile)").phones).toEqual(["+17135550160"]);
    expect(parseSignature("Help Desk\nDelta Freight Inc.\nPh: (877) 555.0134   Fx: (877) 555.0135").phones).toEqual(["+18775550134"]);
  });
  it("drops degrees after the name and does not read a company line as a name", () => {
    expect(parseSignature("Mark T. Ellison, CFA\nPortfolio Manager\n(617) 555-0112").name).toBe("Mark T. Ellison");
    expect(parseSignature("Thank you,\n\nHarbor Point Commodity Futures, Inc.\n(212) 555-0190")).toMatchObject({ name: null, company: "Harbor Point Commodity Futures, Inc." });
  });
  it("counts an internal extension as part of a signature, not as a phone", () => {
    expect(parseSignature("Thanks!\n\nNora Blake\nx-52291")).toMatchObject({ name: "Nora Blake", phones: [] });
  });
  it("does not take another name under the sender's own sign-off as the signer", () => {
    const sig = parseSignature("Best,\nJeff\n\nSeaview Tower\nPlaya Azul Resort & Spa\nCancun, Mexico", { name: "Jeff Morales", email: "jeff.morales@example.com" });
    expect(sig.name).toBeNull();
  });
  it("reads a display name that a mail gateway suffixed", () => {
    expect(parseSignature("Tess\nSenior Planner\n(404) 555-0175", { name: '"Warren, Tess" <tw@example.org>@GATEWAY', email: "tw@example.org" }).name).toBe("Tess");
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
