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
  it("skips dates and bare digit runs", () => {
    expect(findPhones("Invoice 2014-12-21 30 days, order 4155550134", "US")).toEqual([]);
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
