import { describe, expect, it } from "vitest";
import { context } from "./__fixtures__/load.ts";
import { findEmails } from "./text-patterns.ts";
import { findPhones, hasWordAt, text } from "./text.ts";

describe("findEmails", () => {
  it("finds plain and obfuscated addresses", () => {
    expect(
      findEmails(
        "Write to Jane.Doe@Acme.com, or jdoe [at] acme [dot] co [dot] uk, or bo (at) acme.io, or ann at acme dot org",
      ).map((e) => e.email),
    ).toEqual(["jane.doe@acme.com", "jdoe@acme.co.uk", "bo@acme.io", "ann@acme.org"]);
  });
  it("takes no address from instructions' placeholders", () => {
    const text =
      "Our addresses are written as name (at) acme.co.uk – replace (at) with @. Or vorname.nachname@acme.de. Sales: ann (at) acme.co.uk";
    expect(findEmails(text).map((e) => e.email)).toEqual(["ann@acme.co.uk"]);
  });
  it("reads no address out of the instruction's own words, only the spelled-out one", () => {
    const text = "Write to info (at) kelda (dot) io; please replace (at) with @ and (dot) with a full stop.";
    expect(findEmails(text).map((e) => e.email)).toEqual(["info@kelda.io"]);
  });
  it("does not take credentials in URLs or everyday 'at'", () => {
    expect(findEmails("see http://user:pass@example.com/ and meet me at noon. at home.")).toEqual([]);
  });
});

describe("findPhones", () => {
  it("finds formatted and labelled numbers and flags fax", () => {
    const found = findPhones("Tel: 0044 20 7946 0958, fax: +44 20 7946 0959, cell +1 (415) 555-0134", "GB");
    expect(found.map((f) => [f.phone, f.fax])).toEqual([
      ["+442079460958", false],
      ["+442079460959", true],
      ["+14155550134", false],
    ]);
  });
  it("takes a number an invitation to call introduces in running text (Danish, Dutch, French, Spanish, 'call reception on')", () => {
    for (const [text, region, phone] of [
      ["Skriv til os eller ring på +45 33 12 48 90.", "DK", "+4533124890"],
      ["Vragen? Bel ons op 030 234 56 70.", "NL", "+31302345670"],
      ["Appelez-nous au 01 42 68 53 00.", "FR", "+33142685300"],
      ["Llámenos al 934 85 62 10.", "ES", "+34934856210"],
      ["Questions? Call reception on +351 21 555 0100.", "PT", "+351215550100"],
    ] as const)
      expect(
        findPhones(text, region, { cue: "label" }).map((f) => f.phone),
        text,
      ).toEqual([phone]);
  });
  it("skips dates and bare digit runs", () => {
    expect(findPhones("Invoice 2014-12-21 30 days, order 4155550134", "US")).toEqual([]);
  });
});

describe("findPhones: numbers that are not phones", () => {
  it("refuses tax, register, licence, listing and photo ids even when written like phones", () => {
    for (const [line, region] of [
      ["VAT registration number GB 312 4587 26", "GB"],
      ["Umsatzsteuer-ID: DE 281 493 576", "DE"],
      ["Registernummer: HRB 531274", "DE"],
      ["N° TVA intracommunautaire : FR 47 812457396", "FR"],
      ["DRE #01987342 · MLS# 324051877", "US"],
      ["Stock Photo ID: 2098765432", "US"],
      ["Stand: 01.03.2024", "DE"],
      ["edge node 10.24.118.201:8443", "US"],
    ] as const)
      expect(findPhones(line, region, { cue: "format" }), line).toEqual([]);
  });
  it("in running text takes only a labelled number", () => {
    const text = "Ticket 415 555 0134 was closed. Hotline: +1 312 555 0187, or call us at (415) 555-2671.";
    expect(findPhones(text, "US", { cue: "label" }).map((f) => f.phone)).toEqual(["+13125550187", "+14155552671"]);
    expect(findPhones("Quote (415) 555-2671 at checkout for the discount.", "US", { cue: "label" })).toEqual([]);
  });
  it("reads the label from the text before it (an earlier element)", () => {
    expect(findPhones("0161 496 0753", "GB", { cue: "label", before: "Claims: Call " }).map((f) => f.phone)).toEqual([
      "+441614960753",
    ]);
  });
  it("keeps labels in other languages and writing systems", () => {
    for (const line of ["Tél. : 01 42 68 53 00", "Mobil 0170 1234567", "TEL 03-5555-1234", "☎ 030 23456780"])
      expect(
        findPhones(line, line.startsWith("Tél") ? "FR" : line.startsWith("TEL") ? "JP" : "DE", { cue: "label" }),
        line,
      ).toHaveLength(1);
  });
});

describe("text source", () => {
  it("uses the page's region and ties contacts to the nearby name", () => {
    const ctx = context(
      '<html lang="de-DE"><body><div><p><strong>Katrin Feldmann</strong></p><p>katrin ' +
        "[at] feldmann [dot] de · Telefon: 030 12345678</p></div></body></html>",
      "https://feldmann.de/",
    );
    expect(ctx.region).toBe("DE");
    const found = text.extract(ctx);
    expect(found.people).toEqual([
      expect.objectContaining({ name: "Katrin Feldmann", emails: ["katrin@feldmann.de"] }),
      expect.objectContaining({ name: "Katrin Feldmann", phones: ["+493012345678"] }),
    ]);
  });
  it("finds addresses split over elements", () => {
    const found = text.extract(context("<p>info<span>@</span>acme.com</p>"));
    expect(found.people.flatMap((p) => p.emails)).toEqual(["info@acme.com"]);
  });

  it("takes a lone formatted number in a contact block, not one in running text", () => {
    const found = text.extract(
      context(
        '<html lang="en-GB"><body><div class="office"><p>41 Piccadilly, Manchester</p><p>020 7946 0123</p>' +
          '<p><a href="mailto:hello@harrowgate.co.uk">hello@harrowgate.co.uk</a></p></div>' +
          "<p>Company number 04127583. Policy 0161 496 0753 renews in May.</p></body></html>",
        "https://harrowgate.co.uk/",
      ),
    );
    expect(found.people.flatMap((p) => p.phones)).toEqual(["+442079460123"]);
  });

  it("skips hidden text", () => {
    const found = text.extract(
      context(
        "<p style='display:none'>jane@acme.com</p><div hidden><p>bob@acme.com</p></div><p>Call +1 617 555 0142</p>",
      ),
    );
    expect(found.people.flatMap((p) => [...p.emails, ...p.phones])).toEqual(["+16175550142"]);
  });
});

describe("hasWordAt", () => {
  it("matches the word at in any case, as /\\bat\\b/i does", () => {
    for (const yes of ["jane at acme", "At Acme", "jdoe [at] acme", "x(AT)y", "at", "_ at_"])
      expect(hasWordAt(yes), yes).toBe(/\bat\b/i.test(yes));
    for (const no of ["automation", "Watanabe", "chat", "data_at", "1at", ""]) expect(hasWordAt(no), no).toBe(false);
  });
});

describe("fediverse handles", () => {
  it("reads '@user@instance' as a profile, never an address", () => {
    expect(findEmails("Follow me: @chidi@hachyderm.io or write to chidi@chidi.dev").map((e) => e.email)).toEqual([
      "chidi@chidi.dev",
    ]);
  });
});
