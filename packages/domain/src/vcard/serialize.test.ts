import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { propertyRuns } from "../property-runs.ts";
import { parseVcards, type VcardPerson } from "./parse.ts";
import { serializeVcards, type VcardRecord } from "./serialize.ts";

const fixture = (name: string) => readFileSync(new URL(`./__fixtures__/${name}`, import.meta.url), "utf8");

/** What a record looks like after parse(serialize(record)): the same fields, the id as the UID. */
function asParsed(record: VcardRecord): VcardPerson {
  const { id, updatedAt: _updatedAt, ...rest } = record;
  return { ...rest, uid: id };
}

const jane: VcardRecord = {
  id: "0190f0a0-0000-7000-8000-00000000000a",
  name: "Jane O'Brien-Ñúñez",
  emails: ["jane@acme.test", "j.obrien@gmail.com"],
  phones: ["+353 1 234 5678", "+353 87 123 4567"],
  title: "VP Sales, EMEA",
  companyName: "Acme; Holdings, Ltd \\ Dublin",
  website: "https://acme.test/team?who=jane;x=1",
  notes: "First line\n\nThird line; with, punctuation: and a backslash \\n that is not a newline",
  updatedAt: "2026-03-04T05:06:07.890Z",
};

describe("serializeVcards writes vCard 4.0", () => {
  it("with FN, N, EMAIL, TEL, ORG, TITLE, URL, NOTE, UID and REV", () => {
    const text = serializeVcards([jane]);
    expect(text).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
    expect(text).toContain("\r\nFN:Jane O'Brien-Ñúñez\r\n");
    expect(text).toContain("\r\nN:O'Brien-Ñúñez;Jane;;;\r\n");
    expect(text).toContain("\r\nEMAIL;PREF=1:jane@acme.test\r\n");
    expect(text).toContain("\r\nUID:0190f0a0-0000-7000-8000-00000000000a\r\n");
    expect(text).toContain("\r\nREV:20260304T050607Z\r\n");
    expect(text).toMatch(/\r\nEND:VCARD\r\n$/);
  });

  it("parse(serialize(x)) keeps every field, tricky characters included", () => {
    expect(parseVcards(serializeVcards([jane]))).toEqual({ cards: [asParsed(jane)], errors: [] });
  });

  it("parse(serialize(x)) keeps every field for any record (property)", () => {
    const chars = fc.constantFrom(..."aZé中Ø ;,:\\\"'\n=.-+@/?".split(""));
    const text = fc
      .array(chars, { minLength: 1, maxLength: 30 })
      .map((list) => list.join("").trim().replace(/\n/g, " "))
      .filter((value) => value.length > 0);
    const multiline = fc
      .array(chars, { minLength: 1, maxLength: 80 })
      .map((list) => list.join("").trim())
      .filter((value) => value.length > 0);
    const record = fc.record(
      {
        id: fc.uuid(),
        name: text,
        emails: fc.uniqueArray(fc.emailAddress(), { maxLength: 3, selector: (e) => e.toLowerCase() }),
        phones: fc.uniqueArray(fc.stringMatching(/^\+[0-9]{6,14}$/), { maxLength: 3 }),
        title: text,
        companyName: text,
        website: fc.webUrl(),
        notes: multiline,
      },
      { requiredKeys: ["id", "name", "emails", "phones"] },
    );
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 4 }), (records) => {
        expect(parseVcards(serializeVcards(records))).toEqual({ cards: records.map(asParsed), errors: [] });
      }),
      { numRuns: propertyRuns(100) },
    );
    // ical.js parses every card of every run: on a loaded machine that takes more than the default 5 s.
  }, 60_000);

  it.each(["google-contacts.vcf", "apple-contacts.vcf", "outlook.vcf"])(
    "%s → parse → serialize → parse keeps every field",
    (file) => {
      const first = parseVcards(fixture(file)).cards;
      const records = first.map((card, index) => ({ ...card, id: `card-${index}` }));
      const again = parseVcards(serializeVcards(records));
      expect(again.errors).toEqual([]);
      expect(again.cards).toEqual(first.map((card, index) => ({ ...card, uid: `card-${index}` })));
      expect(first.length).toBeGreaterThan(1);
    },
  );
});
