import { describe, expect, it } from "vitest";
import { extractSignature, parseSignature, splitSignature } from "./signature.ts";

describe("splitSignature", () => {
  it("starts at a -- delimiter, a closing, or a trailing contact block", () => {
    expect(splitSignature("Sure thing.\n--\nIvo").signature).toBe("--\nIvo");
    expect(splitSignature("Sure thing.\n\nThanks!\nIvo").signature).toBe("Thanks!\nIvo");
    expect(splitSignature("Please add your cover.\n\nThanks a lot,\nIvo Marsh\nOps Lead").signature).toBe(
      "Thanks a lot,\nIvo Marsh\nOps Lead",
    );
    expect(splitSignature("See attached.\n\nNina Perez\nSenior Counsel\n(212) 555-0147").signature).toBe(
      "Nina Perez\nSenior Counsel\n(212) 555-0147",
    );
    expect(splitSignature("Will do!").signature).toBeNull();
  });
  it("leaves a legal disclaimer out of the block", () => {
    const { signature } = splitSignature(
      "Hi\n\nBest,\nJane Doe\nCEO, Acme Inc.\n\nThis email is " +
        "confidential and intended solely for the use of the addressee.",
    );
    expect(signature).toBe("Best,\nJane Doe\nCEO, Acme Inc.");
  });
});

describe("splitSignature on running text", () => {
  it("does not mistake a sentence about confidentiality for a disclaimer", () => {
    const text =
      "Omar,\nI am drafting the case study. Confidentiality is kept in this project: " +
      "nothing is quoted without your consent.\nThank you,\nLea Berg\n(312) 555-0145";
    expect(splitSignature(text).signature).toBe("Thank you,\nLea Berg\n(312) 555-0145");
  });
});

describe("splitSignature over two paragraphs", () => {
  it("takes the name-and-title paragraph above a trailing contact paragraph", () => {
    const text =
      "Maybe this helps.\n\nRosa Lindqvist, PhD\nSenior Hydrologist\nNordvik Water Resources\n\n410 " +
      "Harbor Road\nP.O. Box 118\nSeattle, WA 98101\n206.555.0139 Telephone\n206.555.0140 Facsimile";
    expect(splitSignature(text).signature).toBe(
      "Rosa Lindqvist, PhD\nSenior Hydrologist\nNordvik Water Resources\n\n410 Harbor " +
        "Road\nP.O. Box 118\nSeattle, WA 98101\n206.555.0139 Telephone\n206.555.0140 Facsimile",
    );
  });
});

describe("parseSignature", () => {
  it("reads name, title, company, phones (not fax), email, website and address", () => {
    const sig = parseSignature(
      "Paul R. Okafor\nPresident and Chief Executive Officer\nKestrel Water Corp.\n220 Pine Street, Suite 400\n" +
        "Denver, CO 80202\n303-555-0121 Office\n303-555-0122 Fax\npokafor@kestrelwater.com\nwww.kestrelwater.com",
      { name: "Paul Okafor" },
    );
    expect(sig).toMatchObject({
      name: "Paul R. Okafor",
      title: "President and Chief Executive Officer",
      company: "Kestrel Water Corp.",
      phones: ["+13035550121"],
      emails: ["pokafor@kestrelwater.com"],
      website: "https://www.kestrelwater.com",
      address: "220 Pine Street, Suite 400, Denver, CO 80202",
    });
  });
  it("splits 'Title | Company' and labelled numbers", () => {
    expect(
      parseSignature("Dana Whitaker\nSenior Account Executive | Lumen Pipeline\nM: +1 (646) 555-0134"),
    ).toMatchObject({
      name: "Dana Whitaker",
      title: "Senior Account Executive",
      company: "Lumen Pipeline",
      phones: ["+16465550134"],
    });
  });
  it("keeps 'Title, Department' whole when the organisation has its own line", () => {
    expect(
      parseSignature("Priya Raman\nManager, Credit Risk\nNorthwind Energy Services LLC\n(312) 555-0188"),
    ).toMatchObject({
      title: "Manager, Credit Risk",
      company: "Northwind Energy Services LLC",
    });
    // Without an organisation line below, the part after the comma is the organisation.
    expect(parseSignature("Tom Okafor\nSenior Counsel, Halvorsen Group\n(415) 555-0142")).toMatchObject({
      title: "Senior Counsel",
      company: "Halvorsen Group",
    });
  });
  it("joins an organisation written over several lines", () => {
    const sig = parseSignature(
      "Lena Fischer\nAssociate Professor\nDepartment of Economics\nCollege " +
        "of Business\nOhio State University\nColumbus, OH 43210\n(614) 555-0107",
    );
    expect(sig.title).toBe("Associate Professor");
    expect(sig.company).toBe("Department of Economics College of Business Ohio State University");
    expect(sig.address).toBe("Columbus, OH 43210");
  });
  it("reads professions the shared title lexicon lacks", () => {
    expect(
      parseSignature("Ray Delgado\nPetroleum Geologist\nBasin Exploration Co.\n281.555.0199 Telephone"),
    ).toMatchObject({ title: "Petroleum Geologist", company: "Basin Exploration Co." });
  });
  it("leaves out fax numbers labelled after the number or with 'Fx'", () => {
    expect(
      parseSignature("Ana Ruiz\nDelta Freight Inc.\n713-555-0160 (telephone)\n713-555-0161 (facsimile)").phones,
    ).toEqual(["+17135550160"]);
    expect(parseSignature("Help Desk\nDelta Freight Inc.\nPh: (877) 555.0134   Fx: (877) 555.0135").phones).toEqual([
      "+18775550134",
    ]);
  });
  it("drops degrees after the name and does not read a company line as a name", () => {
    expect(parseSignature("Mark T. Ellison, CFA\nPortfolio Manager\n(617) 555-0112").name).toBe("Mark T. Ellison");
    expect(parseSignature("Thank you,\n\nHarbor Point Grain Brokers, Inc.\n(212) 555-0190")).toMatchObject({
      name: null,
      company: "Harbor Point Grain Brokers, Inc.",
    });
  });
  it("counts an internal extension as part of a signature, not as a phone", () => {
    expect(parseSignature("Thanks!\n\nNora Blake\nx-52291")).toMatchObject({ name: "Nora Blake", phones: [] });
    expect(parseSignature("Thanks!\n\nNora Blake\n4-1290")).toMatchObject({ name: "Nora Blake", phones: [] });
    expect(parseSignature("Nora Blake\nRoom B-210")).toMatchObject({ name: "Nora Blake", phones: [] });
  });
  it("reads a bare room or desk code as nothing: not an organisation, and no evidence of a signature", () => {
    expect(parseSignature("Nora Blake\nAnalyst\nQB1234\n(617) 555-0110")).toMatchObject({
      name: "Nora Blake",
      title: "Analyst",
      company: null,
    });
    expect(parseSignature("Thanks!\n\nNora Blake\nQB1234").name).toBeNull();
  });
  it("stops at a label that opens a list: the names under it are not the signer's", () => {
    const sig = parseSignature("Regards,\nTess\n\nDistribution:\nPlanning Committee\nRegional Leads\nField Staff", {
      name: "Warren Jr., Tess",
    });
    expect(sig).toMatchObject({ name: null, title: null, company: null });
    // A contact label whose value is on the next line is not a list.
    expect(parseSignature("Tess Warren\nPlanner\nPhone:\n(404) 555-0175").phones).toEqual(["+14045550175"]);
    expect(
      parseSignature("Tess Warren\nPlanner\nOffice phone:\n(404) 555-0175\nMailing address:\n12 Main Street").phones,
    ).toEqual(["+14045550175"]);
  });
  it("reads a unit named by its function as part of the organisation, not as a title", () => {
    expect(parseSignature("Ivo Marx\nNorthwind Freight Inc.\nLegal Department\n(206) 555-0190")).toMatchObject({
      title: null,
      company: "Northwind Freight Inc. Legal Department",
    });
    expect(parseSignature("Ivo Marx\nHead of Legal Department\nNorthwind Freight Inc.").title).toBe(
      "Head of Legal Department",
    );
  });
  it("does not take another name under the sender's own sign-off as the signer", () => {
    const sig = parseSignature("Best,\nJeff\n\nSeaview Tower\nPlaya Azul Resort & Spa\nCancun, Mexico", {
      name: "Jeff Morales",
      email: "jeff.morales@example.com",
    });
    expect(sig.name).toBeNull();
  });
  it("reads a display name that a mail gateway suffixed", () => {
    expect(
      parseSignature("Tess\nSenior Planner\n(404) 555-0175", {
        name: '"Warren, Tess" <tw@example.org>@GATEWAY',
        email: "tw@example.org",
      }).name,
    ).toBe("Tess");
  });
  it("treats a bare sign-off as no signature name", () => {
    expect(parseSignature("Thanks,\nJane Doe").name).toBeNull();
  });
});

describe("splitSignature on notices and footers", () => {
  it("finds no signature in a closing paragraph of running text, whatever numbers it carries", () => {
    const text =
      "Schedule change below.\n\nMEDIA NOTE: Acme Utilities will hold a call\ntoday at 2 " +
      "p.m. Eastern time to discuss the\nnew tariff and what it means for customers.\n" +
      "Reporters should dial 800-555-0100 and use\nthe access code given in the invitation.";
    expect(splitSignature(text).signature).toBeNull();
  });
  it("keeps a footer after the standard '-- ' separator as the signature", () => {
    const text =
      "Body.\n\n-- \nWe build the tools that small farms use to plan their seasons and sell their harvest\n" +
      "and we are always happy to hear from growers who want to try them out this year.\nAcme Srl - 00100 Roma";
    expect(splitSignature(text).signature).toMatch(/^--\s*\nWe build/);
    // Without the separator the same paragraph is prose.
    expect(splitSignature(text.replace("-- \n", "")).signature).toBeNull();
  });
  it("takes a lone short organisation name closing the message, not a line of figures", () => {
    expect(splitSignature("Numbers are final.\n\nNorthwind Analytics Inc.").signature).toBe("Northwind Analytics Inc.");
    expect(splitSignature("Totals below.\n\nSupport Corp Charges: $120 (incl. $40M reserve)").signature).toBeNull();
  });
  it("takes a message that is nothing but a name, a title and a number", () => {
    expect(splitSignature("Nina Perez\nSenior Counsel\n(212) 555-0147").signature).toBe(
      "Nina Perez\nSenior Counsel\n(212) 555-0147",
    );
    expect(splitSignature("Nina Perez\n(212) 555-0147").signature).toBeNull();
  });
});

describe("extractSignature", () => {
  it("ignores signatures inside quoted replies", () => {
    const sig = extractSignature(
      "Sure, Tuesday works.\n\nOn Mon, Nov 17, 2025 at 9:12 AM Bob Li <bob@x.com> " +
        "wrote:\n> Can we meet?\n>\n> Bob Li\n> CTO, Xylo Inc.\n> +1 206 555 0100",
    );
    expect(sig).toBeNull();
  });
});

describe("extractSignature: Chinese and Japanese signatures", () => {
  it("starts at a CJK closing and reads the CJK title and the company by its legal form", () => {
    const sig = extractSignature(
      "附件是报价单，请查收。\n\n此致\n敬礼\n\n赵　明轩\n采购经理\n苏州明川智能装备有限公司\n电话：+86 512 6588 1234",
      { name: "赵 明轩", email: "zhao@mingchuan.example" },
      "CN",
    );
    expect(sig).toMatchObject({ title: "采购经理", company: "苏州明川智能装备有限公司", phones: ["+8651265881234"] });
  });
});

describe("parseSignature: one-line signatures, places and closings in other languages", () => {
  it("reads a pipe-separated line, a comma inside the title kept", () => {
    const sig = parseSignature(
      "Daniel Nakamura | Director, Strategic Partnerships | Corvis Analytics\nm: +1 646 555 0129 | corvis-analytics.com",
      { name: "Daniel Nakamura", email: "daniel.nakamura@corvis-analytics.com" },
    );
    expect(sig).toMatchObject({
      name: "Daniel Nakamura",
      title: "Director, Strategic Partnerships",
      company: "Corvis Analytics",
      phones: ["+16465550129"],
    });
  });

  it("takes a city or a region under the title as where the signer is, not as their company", () => {
    const city = parseSignature(
      "Camille Lefèvre\nResponsable commerciale\nLyon\nTél. : 04 72 41 18 90",
      {
        name: "Camille Lefèvre",
        email: "camille.lefevre@ateliernord.fr",
      },
      "FR",
    );
    expect(city).toMatchObject({ company: null, title: "Responsable commerciale", phones: ["+33472411890"] });
    const region = parseSignature(
      "Martín Quiroga\nGerente de Ventas\nRegión Metropolitana, Chile\n+56 2 2840 1170",
      {
        name: "Martín Quiroga",
        email: "mquiroga@andescargo.cl",
      },
      "CL",
    );
    expect(region.company).toBeNull();
    // One word the sender's address spells is the company.
    const own = parseSignature("Priya Raman\nVP of Engineering\nFabrikam\n+1 425 555 0117", {
      name: "Priya Raman",
      email: "priya@fabrikam.com",
    });
    expect(own.company).toBe("Fabrikam");
  });

  it("reads a name that holds a street word inside it ('Olivia') as a name", () => {
    const sig = parseSignature("Olivia Brandt\nSenior Account Executive\nMeridian Freight\nD: 562.555.0143", {
      name: "Olivia Brandt",
      email: "olivia.brandt@meridianfreight.com",
    });
    expect(sig).toMatchObject({ name: "Olivia Brandt", title: "Senior Account Executive", address: null });
  });

  it("finds the signature under Mit freundlichen Grüßen, Cordialement, Saludos and Met vriendelijke groet", () => {
    for (const [closing, name, title] of [
      ["Mit freundlichen Grüßen", "Svenja Lindqvist", "Leiterin Disposition"],
      ["Cordialement,", "Camille Lefèvre", "Responsable commerciale"],
      ["Saludos,", "Martín Quiroga", "Gerente de Ventas"],
      ["Met vriendelijke groet,", "Sanne de Boer", "Accountmanager"],
    ] as const) {
      const sig = extractSignature(
        `Bonjour,\n\nVoici le document.\n\n${closing}\n\n${name}\n${title}\nT +49 40 5480 2213`,
        {
          name,
        },
      );
      expect(sig, closing).toMatchObject({ name, title });
    }
  });

  it("keeps the city under a company's name out of the company", () => {
    const sig = parseSignature(
      "Julien Marchand\nConducteur de travaux\nBâti Ouest SAS\nNantes\nTél. 02 40 35 17 60",
      {
        name: "Julien Marchand",
        email: "j.marchand@bati-ouest.fr",
      },
      "FR",
    );
    expect(sig).toMatchObject({ title: "Conducteur de travaux", company: "Bâti Ouest SAS" });
  });
});

describe("a title line with pipes", () => {
  it("keeps the comma inside the title and takes the company after the pipe", () => {
    const sig = parseSignature(
      "Best regards,\nDaniel Nakamura\nDirector, Strategic Partnerships | Corvis Analytics\nM +1 646 555 0129\nLinkedIn",
      { name: "Daniel Nakamura", email: "dn@corvis-analytics.com" },
    );
    expect(sig.title).toBe("Director, Strategic Partnerships");
    expect(sig.company).toBe("Corvis Analytics");
    expect(sig.address).toBeNull();
  });
});
